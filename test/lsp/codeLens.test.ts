import { describe, expect, it } from 'vitest';
import { codeLenses } from '../../server/src/lsp/features/codeLens';
import { featureWorkspace, type FeatureWorkspace, TEN_AND_FIVE_TOPOLOGY } from '../support/featureHarness';

// The tiny case of SIMULATION.md's worked example, with the defaults: `at 1m stop CM1` is noticed at
// once, so the 10 phones of HQ ask CM2 at 60 000 ms; one registration takes 1000/100 = 10 ms, so phone
// i is registered at 60 000 + 10·(i+1) ms (60 010 … 60 100). The 5 phones of BRANCH, defined after
// HQ, queue behind them: registered at 60 110 … 60 150, the last change. The longest outage is
// BRANCH's last phone, 60 150 − 60 000 = 150 ms.
const TOPOLOGY = TEN_AND_FIVE_TOPOLOGY;

const SCENARIOS = `import "topology.failover"

scenario "stop" {
  at 1m stop CM1
  at 1m expect HQ on unregistered
  at 1m1s expect HQ on CM2
}
`;

/** The lenses of a file as `line: title`, 1-based; `simulated` says whether the worker has finished, `mode` is failover.simulation.mode. */
function lenses(
  ws: FeatureWorkspace,
  name: string,
  { simulated = true, mode = 'onType' }: { simulated?: boolean; mode?: Parameters<typeof codeLenses>[2] } = {},
): string[] {
  return codeLenses(ws.file(name), simulated ? ws.simulation() : undefined, mode).map((l) => `${l.range.start.line + 1}: ${l.command?.title}`);
}

describe('code lenses', () => {
  const ws = featureWorkspace({ 'topology.failover': TOPOLOGY, 'scenarios.failover': SCENARIOS });

  it("shows a scenario's verdict, what each event did and each expectation's outcome", () => {
    expect(lenses(ws, 'scenarios.failover')).toEqual([
      '3: ✓ 2/2 expectations · max outage 150ms · settled 1m150ms',
      '3: Show timeline',
      '4: → 15 phones to CM2 by 1m150ms',
      '5: ✓ HQ on unregistered at 1m: 10 (== all)',
      '6: ✓ HQ on CM2 at 1m1s: 10 (== all)',
    ]);
  });

  it('opens the timeline of the scenario from its lens', () => {
    const timeline = codeLenses(ws.file('scenarios.failover'), ws.simulation(), 'onType').find((l) => l.command?.title === 'Show timeline');
    expect(timeline?.command).toEqual({ title: 'Show timeline', command: 'failover.showTimeline', arguments: [ws.uri('scenarios.failover'), 'stop'] });
  });

  it("shows each callmanager's steady load and what its failure would do", () => {
    // CM1 carries all 15 phones of HQ and BRANCH; its crash moves them all to CM2. CM2 carries none.
    const [cm1, cm2] = lenses(ws, 'topology.failover');
    expect(cm1).toMatch(/^1: steady 15\/2500 phones · if it fails: 15 → CM2/);
    expect(cm2).toBe('2: steady 0/∞ phones · its failure moves no phone');
  });

  it('says why a scenario has no figures: still simulating, simulated on save, simulation off, or the error that stops it', () => {
    expect(lenses(ws, 'scenarios.failover', { simulated: false })).toEqual(['3: ⏳ simulating…']);
    expect(lenses(ws, 'scenarios.failover', { simulated: false, mode: 'onSave' })).toEqual(['3: simulated on save']);
    expect(lenses(ws, 'scenarios.failover', { simulated: false, mode: 'off' })).toEqual(['3: simulation off (failover.simulation.mode)']);
    const broken = featureWorkspace({ 'topology.failover': TOPOLOGY, 'scenarios.failover': SCENARIOS.replace('stop CM1', 'stop CM9') });
    const [stopped] = lenses(broken, 'scenarios.failover');
    expect(stopped).toMatch(/^3: not simulated: error at line 4: Unknown callmanager or srst router `CM9`/);
  });
});
