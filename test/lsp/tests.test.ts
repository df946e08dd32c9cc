// Scenarios as tests (the Testing view's requests), in process: the items of a file and the
// outcome of a run, from the same texts and the same runs the server's worker would make.
import { describe, expect, it } from 'vitest';
import { runScenarios } from '../../server/src/core/results/runs';
import { DEFAULT_EDITOR_CONFIGURATION } from '../../server/src/lsp/editorConfiguration';
import { fileTestItems, selectCases, testOutcome } from '../../server/src/lsp/features/tests';
import type { RunTestsResult, ScenarioOutcome } from '../../server/src/lsp/protocol';
import { featureWorkspace, type FeatureWorkspace, TEN_AND_FIVE_TOPOLOGY } from '../support/featureHarness';

// SIMULATION.md's tiny case (as in codeLens.test.ts): `at 1m stop CM1` is noticed at once; one
// registration takes 1000/100 = 10 ms, so HQ's 10 phones register on CM2 at 60 010 … 60 100 ms and
// BRANCH's 5 behind them at 60 110 … 60 150 ms. HQ's longest outage is 100 ms, BRANCH's 150 ms;
// CM2's peak is all 15 phones; the last change (settled) is at 60 150 ms = 1m150ms.
const TOPOLOGY = TEN_AND_FIVE_TOPOLOGY;

const SCENARIOS = `import "topology.failover"

scenario "stop" {
  at 1m stop CM1
  at 1m expect HQ on unregistered
  at 1m1s    expect   HQ on CM2
}

scenario "too strict" {
  at 1m stop CM1
  at 1m50ms expect HQ on CM2 >= 50%
  expect outage HQ <= 50ms
  expect peak CM2 == 14
  expect settled by 1m
}

scenario "stopped twice" {
  at 1m stop CM1
  at 2m stop CM1
}
`;

const BROKEN = `import "topology.failover"

scenario "crash a ghost" {
  at 1m crash CM1
  at 2m crash CM9
  expect outage HQ <= 1m
}
`;

const BAD_TOPOLOGY = `callmanager CM1
group G { CM1, CM7 }
pool P { group G phones 10 }
`;

const IMPORTS_BAD = `import "bad-topology.failover"

scenario "fine on its own" {
  at 1m crash CM1
}
`;

const ws = featureWorkspace({
  'topology.failover': TOPOLOGY,
  'scenarios.failover': SCENARIOS,
  'broken.failover': BROKEN,
  'bad-topology.failover': BAD_TOPOLOGY,
  'imports-bad.failover': IMPORTS_BAD,
});

/** The server's answer to `failover/runTests` for `name` (all its scenarios, or those titled), from the harness' runs. */
function run(workspace: FeatureWorkspace, name: string, titles?: string[]): RunTestsResult {
  const file = workspace.file(name);
  return testOutcome(file, selectCases(file, titles), workspace.simulation().runs.get(file.key) ?? [], DEFAULT_EDITOR_CONFIGURATION);
}

function scenarios(result: RunTestsResult): readonly ScenarioOutcome[] {
  if (!('scenarios' in result)) throw new Error(`no scenarios: ${JSON.stringify(result)}`);
  return result.scenarios;
}

const line = (range: { start: { line: number } }) => range.start.line + 1;

describe('failover/testItems: the scenarios of a file and their expectations', () => {
  it('lists each scenario by title with its range, and each expectation as written, on one line', () => {
    const items = fileTestItems(ws.file('scenarios.failover'));
    expect(items.uri).toBe(ws.uri('scenarios.failover'));
    expect(items.scenarios.map((s) => `${s.title} ${line(s.range)}-${s.range.end.line + 1}`)).toEqual(['stop 3-7', 'too strict 9-15', 'stopped twice 17-20']);
    expect(items.scenarios[0]!.expectations).toEqual([
      { label: 'at 1m expect HQ on unregistered', range: { start: { line: 4, character: 2 }, end: { line: 4, character: 33 } } },
      // The extra spaces of the text are not in the label; the range is the text's.
      { label: 'at 1m1s expect HQ on CM2', range: { start: { line: 5, character: 2 }, end: { line: 5, character: 31 } } },
    ]);
    expect(items.scenarios[1]!.expectations.map((e) => `${line(e.range)}: ${e.label}`)).toEqual([
      '11: at 1m50ms expect HQ on CM2 >= 50%',
      '12: expect outage HQ <= 50ms',
      '13: expect peak CM2 == 14',
      '14: expect settled by 1m',
    ]);
    expect(items.scenarios[2]!.expectations).toEqual([]);
  });

  it('lists the scenarios of a file with errors too, and none of a file without scenarios', () => {
    expect(fileTestItems(ws.file('broken.failover')).scenarios.map((s) => s.title)).toEqual(['crash a ghost']);
    expect(fileTestItems(ws.file('topology.failover')).scenarios).toEqual([]);
  });

  it('keeps what the parser recovered of a scenario whose title is missing', () => {
    const broken = featureWorkspace({ 'a.failover': 'scenario {\n  expect settled by 1m\n}\n' });
    expect(fileTestItems(broken.file('a.failover')).scenarios.map((s) => [s.title, s.expectations.map((e) => e.label)])).toEqual([
      ['', ['expect settled by 1m']],
    ]);
  });
});

describe('failover/runTests: the outcome of each scenario', () => {
  it('passes a scenario whose expectations all hold, with its summary and each expected and actual value', () => {
    const [stop] = scenarios(run(ws, 'scenarios.failover'));
    expect(stop).toMatchObject({
      title: 'stop',
      simulated: true,
      passed: true,
      summary: '✓ 2/2 expectations · max outage 150ms · settled 1m150ms',
      findings: [],
    });
    if (!stop?.simulated) throw new Error('not simulated');
    expect(stop.results.map(({ label, passed, expected, actual, message }) => ({ label, passed, expected, actual, message }))).toEqual([
      // Right after the stop, all 10 phones of HQ are out of service.
      { label: 'at 1m expect HQ on unregistered', passed: true, expected: '== all = 10', actual: '10', message: 'HQ on unregistered at 1m: 10 (== all)' },
      // By 61 000 ms every HQ phone has registered on CM2 (the last at 60 100 ms).
      { label: 'at 1m1s expect HQ on CM2', passed: true, expected: '== all = 10', actual: '10', message: 'HQ on CM2 at 1m1s: 10 (== all)' },
    ]);
    expect(stop.results.map((r) => r.equalTo)).toEqual(['10', '10']); // `== all` of HQ's 10 phones
  });

  it('fails a scenario when one expectation does not hold, with the expected and the actual value of each', () => {
    const [, strict] = scenarios(run(ws, 'scenarios.failover'));
    if (!strict?.simulated) throw new Error('not simulated');
    expect(strict.passed).toBe(false);
    expect(strict.results.map(({ passed, expected, actual }) => [passed, expected, actual])).toEqual([
      // At 60 050 ms HQ's phones registered at 60 010 … 60 050 are on CM2: 5, and 50% of 10 is 5.
      [true, '>= 50% = 5', '5'],
      [false, '<= 50ms', '100ms'], // HQ's last phone registers at 60 100 ms
      [false, '== 14', '15'], // all 15 phones end on CM2
      [false, 'by 1m', '1m150ms'], // BRANCH's last phone at 60 150 ms
    ]);
    expect(strict.results.map((r) => line(r.range))).toEqual([11, 12, 13, 14]);
    // Only `==` names the value the actual should have been (a difference to show); `<= 50ms` does not.
    expect(strict.results.map((r) => r.equalTo)).toEqual([undefined, undefined, '14', undefined]);
  });

  it('reports findings with their severity and the line of the event that caused them; they do not fail the scenario', () => {
    const [, , twice] = scenarios(run(ws, 'scenarios.failover'));
    if (!twice?.simulated) throw new Error('not simulated');
    expect(twice.passed).toBe(true);
    expect(twice.findings.map((f) => `${line(f.range)} ${f.severity} ${f.code}`)).toEqual(['19 warning event-no-effect']);
  });

  it('applies the editor rule configuration to findings: a code turned off is left out', () => {
    const file = ws.file('scenarios.failover');
    const result = testOutcome(file, selectCases(file, ['stopped twice']), ws.simulation().runs.get(file.key) ?? [], {
      rules: new Map([['event-no-effect', 'off']]),
    });
    expect(scenarios(result)[0]).toMatchObject({ simulated: true, findings: [] });
  });

  it('runs only the scenarios asked for, and names those the file no longer has', () => {
    const result = run(ws, 'scenarios.failover', ['stopped twice', 'renamed meanwhile']);
    expect(scenarios(result).map((s) => s.title)).toEqual(['stopped twice']);
    expect(result).toMatchObject({ missing: ['renamed meanwhile'] });
  });

  it('marks a scenario with an error of its own as not simulated, with that error and where it is', () => {
    const [ghost] = scenarios(run(ws, 'broken.failover'));
    expect(ghost).toMatchObject({ title: 'crash a ghost', simulated: false });
    if (ghost?.simulated !== false) throw new Error('simulated');
    expect(ghost.reason).toMatch(/^Not simulated: this scenario has an error\. The first, at line 5: .*CM9/);
    expect(ghost.location).toEqual({ uri: ws.uri('broken.failover'), range: { start: { line: 4, character: 14 }, end: { line: 4, character: 17 } } });
  });

  it('names the imported file whose error stops the scenarios, and points there', () => {
    const [fine] = scenarios(run(ws, 'imports-bad.failover'));
    if (fine?.simulated !== false) throw new Error('simulated');
    expect(fine.reason).toMatch(/^Not simulated: bad-topology\.failover, which this file imports, has errors\. The first, at line 2: .*CM7/);
    expect(fine.location?.uri).toBe(ws.uri('bad-topology.failover'));
  });

  it('says why a scenario refused by the simulation limits has no figures, rather than passing it', () => {
    const file = ws.file('scenarios.failover');
    const runs = runScenarios(ws.analysis, file.key, { limits: { maxPhones: 5 } }); // 15 phones in all
    const [stop] = scenarios(testOutcome(file, selectCases(file, ['stop']), runs, DEFAULT_EDITOR_CONFIGURATION));
    expect(stop).toMatchObject({ simulated: false, location: { uri: ws.uri('scenarios.failover') } });
    if (stop?.simulated !== false) throw new Error('simulated');
    expect(stop.reason).toContain('15');
  });
});
