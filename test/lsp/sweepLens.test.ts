import { describe, expect, it } from 'vitest';
import { codeLenses } from '../../server/src/lsp/features/codeLens';
import { sweepChartData } from '../../server/src/lsp/features/sweepChart';
import { featureWorkspace } from '../support/featureHarness';
import { sweepSnapshot } from '../support/sweepHarness';

// 10 phones on CM1 then CM2, CM2 at r registrations a second: `stop CM1` at 0 sends them all to
// CM2, phone i registers at ⌈(i + 1)·1000/r⌉ ms, so the longest outage is 10 000/r ms (rounded up):
// 10s, 5s, 3.334s, 2.5s for r = 1..4. `outage P <= 4s` holds from r = 3; `P on CM2 == all` at 20s
// always. So 2 of the 4 runs pass, the smallest passing rate being 3.
const WHATIF = `settings { keepalive 10s registration-rate 1 }
callmanager CM1
callmanager CM2
group G { CM1, CM2 }
pool P { group G phones 10 }
scenario "stop" {
  at 0s stop CM1
  at 20s expect P on CM2 == all
  expect outage P <= 4s
}
sweep "rate" {
  scenario "stop"
  vary CM2 registration-rate from 1 to 4
}
`;

function sweepLenses(text: string, options: { limit?: number; pending?: boolean; mode?: 'onType' | 'off' } = {}): string[] {
  const ws = featureWorkspace({ 'whatif.failover': text });
  const sweeps = options.pending ? undefined : sweepSnapshot(ws, ['whatif.failover'], options);
  const lenses = codeLenses(ws.file('whatif.failover'), ws.simulation(), options.mode ?? 'onType', sweeps);
  return lenses.filter((l) => l.range.start.line >= 10).map((l) => `${l.range.start.line + 1}: ${l.command?.title}`);
}

describe('the sweep lens', () => {
  it("shows the runs, how many pass and the most economical passing value, and opens the sweep's chart", () => {
    expect(sweepLenses(WHATIF)).toEqual(['11: 4 runs · 2 pass · smallest passing CM2 registration-rate 3', '11: Show sweep chart']);
    const ws = featureWorkspace({ 'whatif.failover': WHATIF });
    const chart = codeLenses(ws.file('whatif.failover'), ws.simulation(), 'onType', sweepSnapshot(ws, ['whatif.failover'])).find(
      (l) => l.command?.title === 'Show sweep chart',
    );
    expect(chart?.command).toEqual({ title: 'Show sweep chart', command: 'failover.showSweepChart', arguments: [ws.uri('whatif.failover'), 'rate'] });
  });

  it('says "simulating…" while the sweep runs, and nothing runs with the simulation off', () => {
    expect(sweepLenses(WHATIF, { pending: true })).toEqual(['11: ⏳ simulating…']);
    expect(sweepLenses(WHATIF, { pending: true, mode: 'off' })).toEqual(['11: simulation off (failover.simulation.mode)']);
  });

  it('shows the runs that finished when the time budget ran out, and how many did not run', () => {
    // Runs r = 1 and r = 2 finished: neither passes (outages 10s and 5s).
    expect(sweepLenses(WHATIF, { limit: 2 })).toEqual(['11: ⏱ 2 runs · 0 pass · 2 not run (time budget)', '11: Show sweep chart']);
  });

  it('says which error stops a sweep', () => {
    expect(sweepLenses(WHATIF.replace('scenario "stop"\n  vary', 'scenario "stpo"\n  vary'))).toEqual([
      expect.stringMatching(/^11: not simulated: error at line 12: .*stpo/),
    ]);
  });

  it('counts the runs that their values make invalid', () => {
    // P phones 5 or 10 with 8 calls placed: the 5-phone run cannot be simulated.
    const text = WHATIF.replace('at 0s stop CM1', 'at 0s calls P 8 lasting 1m\n  at 0s stop CM1').replace(
      'vary CM2 registration-rate from 1 to 4',
      'vary P phones from 5 to 10 step 5',
    );
    const [summary] = sweepLenses(text);
    expect(summary).toMatch(/^12: 2 runs · \d pass · 1 invalid/);
  });
});

describe('the sweep chart data', () => {
  it("gives the chart the runs' figures, the knob as written, the summary and the boundary", () => {
    const ws = featureWorkspace({ 'whatif.failover': WHATIF });
    const result = sweepChartData(ws.file('whatif.failover'), 'rate', sweepSnapshot(ws, ['whatif.failover']));
    if (!('data' in result)) throw new Error(result.unavailable);
    expect(result.data.knobs).toEqual([{ label: 'CM2 registration-rate', duration: false, values: [1, 2, 3, 4] }]);
    expect(result.data.boundary).toBe('expectations hold from CM2 registration-rate 3');
    expect(result.data.runs.map((r) => ('settled' in r ? [r.values[0], r.passed, r.settled, r.pools['P']!.maxOutage, r.targets['CM2']!.peak] : r))).toEqual([
      [1, false, 10_000, 10_000, 10],
      [2, false, 5_000, 5_000, 10],
      [3, true, 3_334, 3_334, 10],
      [4, true, 2_500, 2_500, 10],
    ]);
  });

  it('says why there is no chart: still running, stopped by errors, no such sweep', () => {
    const ws = featureWorkspace({ 'whatif.failover': WHATIF });
    expect(sweepChartData(ws.file('whatif.failover'), 'rate', undefined)).toEqual({ unavailable: 'The sweep is still running.' });
    expect(sweepChartData(ws.file('whatif.failover'), 'nope', undefined)).toEqual({ unavailable: 'This file has no sweep "nope".' });
  });
});
