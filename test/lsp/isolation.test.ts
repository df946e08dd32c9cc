// The editor when one scenario of a file is broken (PRODUCT.md, "One broken scenario does not stop
// the others"): its lens says why it is not simulated, and the other scenarios keep their lenses,
// diagnostics and hovers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeLenses } from '../../server/src/lsp/features/codeLens';
import { hoverAt } from '../../server/src/lsp/features/hover';
import type { StatusEntry, TimelineResult } from '../../server/src/lsp/protocol';
import { featureWorkspace, type FeatureWorkspace, TEN_AND_FIVE_TOPOLOGY } from '../support/featureHarness';
import { TestClient, workspaceFolder } from '../support/lspClient';

// As in codeLens.test.ts: `at 1m stop CM1` sends HQ's 10 phones to CM2 (60 010 … 60 100 ms), then
// BRANCH's 5 (60 110 … 60 150 ms); the longest outage is 150 ms.
const TOPOLOGY = TEN_AND_FIVE_TOPOLOGY;

const SCENARIOS = `import "topology.failover"

scenario "stop" {
  at 1m stop CM1
  at 1m expect HQ on unregistered
  at 1m1s expect HQ on CM2
}
`;

/** The lenses of a file as `line: title`, 1-based, once the worker has simulated the workspace. */
function lenses(ws: FeatureWorkspace, name: string): string[] {
  return codeLenses(ws.file(name), ws.simulation(), 'onType').map((l) => `${l.range.start.line + 1}: ${l.command?.title}`);
}

describe('one broken scenario in the editor', () => {
  // The first scenario has a typo of its own; the second still runs and shows its figures (the
  // same as "stop" above). A broken definition in the imported file stops both, and says where.
  const BROKEN_FIRST = `import "topology.failover"

scenario "typo" {
  at 1m stop CM9
}

${SCENARIOS.split('\n').slice(2).join('\n')}`;
  const ws = featureWorkspace({ 'topology.failover': TOPOLOGY, 'scenarios.failover': BROKEN_FIRST });

  it('says the broken one is not simulated and why, and shows the others', () => {
    const shown = lenses(ws, 'scenarios.failover');
    const error = ws.diagnostics('scenarios.failover').find((d) => d.severity === 1)!;
    expect(error.range.start.line + 1).toBe(4);
    expect(shown).toEqual([
      `3: not simulated: error at line 4: ${error.message}`,
      '7: ✓ 2/2 expectations · max outage 150ms · settled 1m150ms',
      '7: Show timeline',
      '8: → 15 phones to CM2 by 1m150ms',
      '9: ✓ HQ on unregistered at 1m: 10 (== all)',
      '10: ✓ HQ on CM2 at 1m1s: 10 (== all)',
    ]);
  });

  it("shows the others' simulated diagnostics beside the broken one's error", () => {
    // HQ's 10 phones are still unregistered at 1m (CM1 stopped then; they reach CM2 from 1m10ms).
    const failing = featureWorkspace({
      'topology.failover': TOPOLOGY,
      'scenarios.failover': BROKEN_FIRST.replace('1m1s expect HQ on CM2', '1m expect HQ on CM2'),
    });
    const own = failing.diagnostics('scenarios.failover').map((d) => `${d.range.start.line + 1} ${d.code}`);
    const simulated = (failing.simulation().diagnostics.get(failing.key('scenarios.failover')) ?? []).map(
      (d) => `${failing.file('scenarios.failover').lines.positionAt(d.range.start).line + 1} ${d.code}`,
    );
    expect(own).toEqual(['4 unknown-reference']);
    expect(simulated).toEqual(['10 expectation-failed']);
  });

  it('hovers promise figures only where the scenario will run', () => {
    // Before the simulation has finished: the state at `at 1m` comes once "stop" is simulated; "typo" never will be.
    const pending = (excerpt: string) =>
      hoverAt(ws.at('scenarios.failover', excerpt).file, ws.at('scenarios.failover', excerpt).offset, undefined)?.markdown ?? '';
    expect(pending('<|>at 1m stop CM9')).not.toContain('shows once');
    expect(pending('<|>at 1m stop CM1')).toContain('*The state at 1m shows once the scenario "stop" is simulated.*');
  });

  it('names the imported file when an error there stops every scenario', () => {
    const broken = featureWorkspace({ 'topology.failover': TOPOLOGY.replace('phones 5', ''), 'scenarios.failover': SCENARIOS });
    expect(lenses(broken, 'scenarios.failover')).toEqual([
      expect.stringMatching(/^3: not simulated: error in topology\.failover at line 5: Pool `BRANCH` needs `phones`/),
    ]);
  });
});

describe('one broken scenario through the language server: status and timeline', () => {
  const text = `import "topology.failover"\n\nscenario "typo" {\n  at 1m stop CM9\n}\n\n${SCENARIOS.split('\n').slice(2).join('\n')}`;
  const ws = workspaceFolder({ 'topology.failover': TOPOLOGY, 'scenarios.failover': text });
  const uri = ws.uri('scenarios.failover');
  let client: TestClient;

  beforeAll(async () => {
    client = await TestClient.start(ws.root);
    await client.open(uri, text);
    await client.simulated(uri);
  });
  afterAll(() => client.stop());

  it('counts the stopped scenario in the status, apart from the passing one', async () => {
    const status = await client.request<StatusEntry>('failover/status', { uri });
    expect(status).toMatchObject({ scenarios: 2, passed: 1, failed: 0, stopped: 1 });
    expect(status.notSimulated).toBeUndefined();
  });

  it("says why the stopped scenario has no timeline, and shows the other's", async () => {
    const stopped = await client.request<TimelineResult>('failover/timeline', { uri, scenario: 'typo' });
    expect(stopped).toEqual({
      unavailable: expect.stringMatching(/^Scenario "typo" is not simulated: error at line 4: Unknown callmanager or srst router `CM9`/),
    });
    const shown = await client.request<TimelineResult>('failover/timeline', { uri, scenario: 'stop' });
    expect('data' in shown && shown.data.scenario).toBe('stop');
  });
});
