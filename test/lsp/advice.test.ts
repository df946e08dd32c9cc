import { describe, expect, it } from 'vitest';
import { adviceEdit, adviceFixes } from '../../server/src/lsp/features/advice';
import { toLspDiagnostic } from '../../server/src/lsp/convert';
import type { ScenarioDecl } from '../../server/src/core/syntax/ast';
import type { SweepKnob } from '../../server/src/core/workspace/sweeps';
import { applyTextEdits, featureWorkspace } from '../support/featureHarness';

const SCENARIO = `import "topology.failover"
scenario "stop" {
  at 0s stop CM1
  expect outage P <= 1s
}
`;

const TOPOLOGY = `callmanager CM1
callmanager CM2 { registration-rate 1 }
group G { CM1, CM2 }
pool P { group G phones 10 }
`;

/** The files' texts after the advisor's edit for `knob` = `value` on scenario "stop" of scenarios.failover. */
function edited(files: Record<string, string>, knob: SweepKnob, value: string): Record<string, string> {
  const ws = featureWorkspace(files);
  const file = ws.key('scenarios.failover');
  const scenario = ws.analysis.program.unit(file)!.parsed.file.items.find((i): i is ScenarioDecl => i.kind === 'scenario')!;
  const changes = adviceEdit(ws.analysis, file, scenario, knob, value);
  return Object.fromEntries(Object.entries(changes).map(([uri, edits]) => [ws.nameOf(uri), applyTextEdits(ws.text(ws.nameOf(uri)), edits)]));
}

const CM2 = (key: string): SweepKnob => ({ kind: 'property', name: 'CM2', key }) as SweepKnob;
const QUEUE: SweepKnob = { kind: 'setting', key: 'fallback-queue-depth' };

describe('the advisor’s edit', () => {
  it('replaces a property written on the definition, in the imported file that defines it', () => {
    expect(edited({ 'topology.failover': TOPOLOGY, 'scenarios.failover': SCENARIO }, CM2('registration-rate'), '4')).toEqual({
      'topology.failover': TOPOLOGY.replace('registration-rate 1 }', 'registration-rate 4 }'),
    });
  });

  it('inserts a property into a one-line block, or gives a definition without braces a block', () => {
    expect(edited({ 'topology.failover': TOPOLOGY, 'scenarios.failover': SCENARIO }, CM2('capacity'), '1240')['topology.failover']).toContain(
      'callmanager CM2 { registration-rate 1 capacity 1240 }',
    );
    const bare = TOPOLOGY.replace('callmanager CM2 { registration-rate 1 }', 'callmanager CM2');
    expect(edited({ 'topology.failover': bare, 'scenarios.failover': SCENARIO }, CM2('capacity'), '1240')['topology.failover']).toContain(
      'callmanager CM2 { capacity 1240 }\n',
    );
  });

  it('inserts a property on a line of its own into a block written over several lines, indented like the others', () => {
    const multi = TOPOLOGY.replace('callmanager CM2 { registration-rate 1 }', 'callmanager CM2 {\n    registration-rate 1\n}');
    expect(edited({ 'topology.failover': multi, 'scenarios.failover': SCENARIO }, CM2('capacity'), '1240')['topology.failover']).toContain(
      'callmanager CM2 {\n    registration-rate 1\n    capacity 1240\n}',
    );
  });

  it("adds a setting to the scenario's own settings block, or replaces it there", () => {
    const withBlock = SCENARIO.replace('  at 0s stop CM1', '  settings { keepalive 30s }\n  at 0s stop CM1');
    expect(edited({ 'topology.failover': TOPOLOGY, 'scenarios.failover': withBlock }, QUEUE, '15')).toEqual({
      'scenarios.failover': withBlock.replace('settings { keepalive 30s }', 'settings { keepalive 30s fallback-queue-depth 15 }'),
    });
    const written = SCENARIO.replace('  at 0s stop CM1', '  settings { fallback-queue-depth 3 }\n  at 0s stop CM1');
    expect(edited({ 'topology.failover': TOPOLOGY, 'scenarios.failover': written }, QUEUE, '15')['scenarios.failover']).toBe(
      written.replace('fallback-queue-depth 3', 'fallback-queue-depth 15'),
    );
  });

  it('creates a settings block as the scenario’s first step when it has none', () => {
    expect(edited({ 'topology.failover': TOPOLOGY, 'scenarios.failover': SCENARIO }, QUEUE, '15')).toEqual({
      'scenarios.failover': SCENARIO.replace('  at 0s stop CM1', '  settings { fallback-queue-depth 15 }\n  at 0s stop CM1'),
    });
  });
});

describe('the advisor’s quick fixes', () => {
  function fixes(topology: string): string[] {
    const ws = featureWorkspace({ 'topology.failover': topology, 'scenarios.failover': SCENARIO });
    const file = ws.file('scenarios.failover');
    const failed = (ws.simulation().diagnostics.get(file.key) ?? [])
      .filter((d) => d.code === 'expectation-failed')
      .map((d) => toLspDiagnostic(d, file.lines, () => undefined));
    expect(failed).toHaveLength(1);
    return adviceFixes(file, failed).map((a) => a.title);
  }

  it('offers capacity and registration rate of every target the pools use, then fallback-queue-depth', () => {
    // 10 phones at 1 registration a second on CM2: the last is back after 10s, not within 1s.
    expect(fixes(TOPOLOGY)).toEqual([
      'Find the smallest capacity of CM1 that meets this scenario',
      'Find the smallest capacity of CM2 that meets this scenario',
      'Find the smallest registration-rate of CM1 that meets this scenario',
      'Find the smallest registration-rate of CM2 that meets this scenario',
      'Find the smallest fallback-queue-depth that meets this scenario',
    ]);
  });

  it('offers the property instead of the setting when a callmanager writes fallback-queue-depth (it would beat the setting)', () => {
    const titles = fixes(TOPOLOGY.replace('callmanager CM1', 'callmanager CM1 { fallback-queue-depth 5 }'));
    expect(titles.slice(4)).toEqual([
      'Find the smallest fallback-queue-depth of CM1 that meets this scenario',
      'Find the smallest fallback-queue-depth of CM2 that meets this scenario',
    ]);
  });
});
