// Sweep runs worked out by hand from SIMULATION.md: each run is the scenario with the knobs applied
// (LANGUAGE.md, "Sweeps", Precisely), and carries exactly PRODUCT.md's fields.
import { describe, expect, it } from 'vitest';
import { runSweep, sweepBoundary, sweepRunValues, sweepSummary, type SweepRunResult } from '../../server/src/core/results/sweeps';
import type { SweepSpec, SweepVary } from '../../server/src/core/workspace/sweeps';
import { analyze } from '../support/fixtures';

const FILE = '/w/s.failover';

/** 10 phones on CM1, CM2 at 1 registration per second; `stop CM1` at 0 sends them all to CM2. */
const STOP = `
settings { keepalive 10s registration-rate 1 }
callmanager CM1
callmanager CM2
group G { CM1, CM2 }
pool P { group G phones 10 }
scenario "stop" {
  at 0s stop CM1
  at 20s expect P on CM2 == all
  expect outage P <= 4s
}
`;

function sweep(text: string, vary: SweepVary[], scenario = 'stop'): readonly SweepRunResult[] {
  const { analysis } = analyze({ [FILE]: text });
  expect(analysis.diagnostics(FILE).filter((d) => d.severity === 'error')).toEqual([]);
  const spec: SweepSpec = { name: 'sweep', line: 1, scenario, vary, runs: vary.reduce((n, v) => n * v.values.length, 1) };
  const outcome = runSweep(analysis, FILE, spec);
  expect(outcome.cancelled).toBe(false);
  return outcome.runs;
}

const cm2Rate = (values: number[]): SweepVary => ({
  knob: { kind: 'property', name: 'CM2', key: 'registration-rate' },
  label: 'CM2 registration-rate',
  duration: false,
  values,
});

describe('a sweep run is the scenario with its knobs applied', () => {
  it('CM2 registration-rate 1..4: ten phones queue at CM2, one every 1000/r ms', () => {
    // The stop is detected at 0 (step 4); phones 0..9 ask CM2 in index order. Request i finishes
    // at (i + 1)·1000/r and the phone registers at its ceiling. r = 3: 334, 667, 1000, 1334, 1667,
    // 2000, 2334, 2667, 3000, 3334 → maxOutage 3334 (phone 9), outage phone-seconds 18.337.
    // r = 1: 1000 … 10000 → 10000 and 55 s; r = 2: 500 … 5000 → 27.5 s; r = 4: 250 … 2500 → 13.75 s.
    // `end` is the last `at` time, 20s, in every run. The outage expectation (≤ 4s) holds from r = 3.
    // Peaks are over end-of-millisecond states: CM1 holds nobody at the end of 0 (peak 0 at 0).
    const runs = sweep(STOP, [cm2Rate([1, 2, 3, 4])]);
    expect(runs.map((r) => ('invalid' in r ? r : [r.values[0], r.settled, r.pools['P']!.maxOutage, r.pools['P']!.outagePhoneSeconds]))).toEqual([
      [1, 10_000, 10_000, 55],
      [2, 5_000, 5_000, 27.5],
      [3, 3_334, 3_334, 18.337],
      [4, 2_500, 2_500, 13.75],
    ]);
    expect(runs[2]).toEqual({
      values: [3],
      expectations: { passed: 2, total: 2 },
      end: 20_000,
      settled: 3_334,
      pools: { P: { phones: 10, maxOutage: 3_334, outagePhoneSeconds: 18.337, affectedPhones: 10, preservedCalls: 0, final: { CM2: 10 } } },
      targets: { CM1: { peak: 0, peakAt: 0 }, CM2: { peak: 10, peakAt: 3_334 } },
    });
    expect(runs.map((r) => ('expectations' in r ? r.expectations.passed : -1))).toEqual([1, 1, 2, 2]);
    expect(sweepBoundary({ vary: [cm2Rate([1, 2, 3, 4])] }, runs)).toBe('expectations hold from CM2 registration-rate 3');
    expect(sweepSummary({ vary: [cm2Rate([1, 2, 3, 4])] }, runs)).toBe('4 runs · 2 pass · smallest passing CM2 registration-rate 3');
  });

  it('a setting knob acts as if written last in the scenario: a property on the definition still beats it', () => {
    // CM2 writes registration-rate 2, so the setting moves only CM1, which nobody registers with
    // after the stop: every run is r = 2's (settled 5000).
    const text = STOP.replace('callmanager CM2', 'callmanager CM2 { registration-rate 2 }').replace(
      'scenario "stop" {',
      'scenario "stop" {\n  settings { registration-rate 1 }',
    );
    const setting: SweepVary = { knob: { kind: 'setting', key: 'registration-rate' }, label: 'registration-rate', duration: false, values: [1, 4, 50] };
    expect(sweep(text, [setting]).map((r) => ('settled' in r ? r.settled : r))).toEqual([5_000, 5_000, 5_000]);
    // The scenario's own `settings` block (rate 1) is beaten by the knob where nothing else is written.
    const bare = STOP.replace('scenario "stop" {', 'scenario "stop" {\n  settings { registration-rate 1 }');
    expect(sweep(bare, [{ ...setting, values: [2, 4] }]).map((r) => ('settled' in r ? r.settled : r))).toEqual([5_000, 2_500]);
  });

  it('a NAME PROPERTY knob beats what the definition writes', () => {
    const text = STOP.replace('callmanager CM2', 'callmanager CM2 { registration-rate 2 }');
    expect(sweep(text, [cm2Rate([1, 4])]).map((r) => ('settled' in r ? r.settled : r))).toEqual([10_000, 2_500]);
  });

  it("a duration knob: keepalive moves the ticks, and with them a crash's detection", () => {
    // `crash CM1` at 0: phone i detects at its first tick ≥ 0 (its offset floor(i·K/10)) + tcp-retry 25s,
    // and asks CM2 then (rate 1: one second each; with K/10 ≥ 1 s each request finds the queue free).
    // Every phone is out of service from the crash at 0. K = 10s: phone 9 detects at 9000 + 25000 =
    // 34000 and registers at 35000 (settled and maxOutage). K = 20s: offsets 2000·i, phone 9 at
    // 18000 + 25000 + 1000 = 44000.
    const crash = STOP.replace('at 0s stop CM1', 'at 0s crash CM1').replace('at 20s expect P on CM2 == all', 'at 50s expect P on CM2 == all');
    const keepalive: SweepVary = { knob: { kind: 'setting', key: 'keepalive' }, label: 'keepalive', duration: true, values: [10_000, 20_000] };
    const runs = sweep(crash, [keepalive]);
    expect(runs.map((r) => ('settled' in r ? [r.values, r.settled, r.pools['P']!.maxOutage] : r))).toEqual([
      [[10_000], 35_000, 35_000],
      [[20_000], 44_000, 44_000],
    ]);
  });

  it('a phones knob changes what `all` and percents count, in calls and in expectations', () => {
    // Half the pool (floor(50% of N)) is in a 30 s call at 0 when CM1 stops. The idle half asks CM2
    // at 0 (one a second); the callers lose service at 0 but their outage starts at the call end,
    // 30 s, when they ask CM2. N = 4: idle phones 2, 3 register at 1000, 2000; callers 0, 1 at
    // 31000, 32000 → settled 32000, maxOutage 2000, 1 + 2 + 1 + 2 = 6 phone-seconds, 2 preserved calls.
    // At 10 s, 2 of 4 are on CM2 (>= 50%: 2 ✓); at 1 m, 4 == all ✓.
    // N = 10: idle 5..9 register at 1000 … 5000; callers 0..4 at 31000 … 35000 → settled 35000,
    // maxOutage 5000, (1+2+3+4+5)·2 = 30 phone-seconds, 5 preserved calls; 5 >= 5 ✓; 10 == all ✓.
    const text = STOP.replace(
      /scenario "stop" \{[^}]*\}/,
      `scenario "calls" {
  at 0s calls P 50% lasting 30s
  at 0s stop CM1
  at 10s expect P on CM2 >= 50%
  at 1m expect P on CM2 == all
}`,
    );
    const phones: SweepVary = { knob: { kind: 'property', name: 'P', key: 'phones' }, label: 'P phones', duration: false, values: [4, 10] };
    const runs = sweep(text, [phones], 'calls');
    expect(runs).toEqual([
      {
        values: [4],
        expectations: { passed: 2, total: 2 },
        end: 60_000,
        settled: 32_000,
        pools: { P: { phones: 4, maxOutage: 2_000, outagePhoneSeconds: 6, affectedPhones: 4, preservedCalls: 2, final: { CM2: 4 } } },
        targets: { CM1: { peak: 0, peakAt: 0 }, CM2: { peak: 4, peakAt: 32_000 } },
      },
      {
        values: [10],
        expectations: { passed: 2, total: 2 },
        end: 60_000,
        settled: 35_000,
        pools: { P: { phones: 10, maxOutage: 5_000, outagePhoneSeconds: 30, affectedPhones: 10, preservedCalls: 5, final: { CM2: 10 } } },
        targets: { CM1: { peak: 0, peakAt: 0 }, CM2: { peak: 10, peakAt: 35_000 } },
      },
    ]);
  });

  it("a calls count above the run's phones makes that run invalid, and only that run", () => {
    const text = STOP.replace('at 0s stop CM1', 'at 0s calls P 4 lasting 30s\n  at 0s stop CM1');
    const phones: SweepVary = { knob: { kind: 'property', name: 'P', key: 'phones' }, label: 'P phones', duration: false, values: [2, 3, 4] };
    const runs = sweep(text, [phones]);
    expect(runs.slice(0, 2)).toEqual([
      { values: [2], invalid: "calls P 4: more than the pool's 2 phones" },
      { values: [3], invalid: "calls P 4: more than the pool's 3 phones" },
    ]);
    expect(runs[2]).toMatchObject({ values: [4], expectations: { total: 2 } });
    expect(sweepSummary({ vary: [phones] }, runs)).toMatch(/^3 runs · \d pass · 2 invalid/);
  });
});

describe('the order of runs and the words', () => {
  const a: SweepVary = { knob: { kind: 'property', name: 'CM2', key: 'capacity' }, label: 'CM2 capacity', duration: false, values: [1000, 1250, 1500] };
  const b: SweepVary = {
    knob: { kind: 'property', name: 'CM2', key: 'registration-rate' },
    label: 'CM2 registration-rate',
    duration: false,
    values: [50, 100],
  };

  it('is the cartesian product, the first vary outermost', () => {
    expect(sweepRunValues({ vary: [a, b] })).toEqual([
      [1000, 50],
      [1000, 100],
      [1250, 50],
      [1250, 100],
      [1500, 50],
      [1500, 100],
    ]);
  });

  const figures = (values: number[], passed: boolean): SweepRunResult => ({
    values,
    expectations: { passed: passed ? 2 : 1, total: 2 },
    end: 0,
    settled: 0,
    pools: {},
    targets: {},
  });

  it('names the most economical passing run, the second knob by its property when both are on one definition', () => {
    const runs = sweepRunValues({ vary: [a, b] }).map((v) => figures(v, v[0]! >= 1250 && v[1]! >= 100));
    expect(sweepSummary({ vary: [a, b] }, runs)).toBe('6 runs · 2 pass · smallest passing CM2 capacity 1250 at registration-rate 100');
    const setting: SweepVary = { ...b, knob: { kind: 'setting', key: 'registration-rate' }, label: 'registration-rate' };
    expect(sweepSummary({ vary: [a, setting] }, runs)).toBe('6 runs · 2 pass · smallest passing CM2 capacity 1250 at registration-rate 100');
    expect(sweepSummary({ vary: [a, b] }, [figures([1000, 50], false)])).toBe('1 run · 0 pass');
  });

  it('timers look for the largest passing value, written as durations', () => {
    const k: SweepVary = { knob: { kind: 'setting', key: 'keepalive' }, label: 'keepalive', duration: true, values: [15_000, 30_000, 45_000, 60_000] };
    const runs = k.values.map((v) => figures([v], v <= 45_000));
    expect(sweepSummary({ vary: [k] }, runs)).toBe('4 runs · 3 pass · largest passing keepalive 45s');
    expect(sweepBoundary({ vary: [k] }, runs)).toBe('expectations hold up to keepalive 45s');
  });

  it('words every shape of one-knob boundary', () => {
    const q: SweepVary = {
      knob: { kind: 'setting', key: 'fallback-queue-depth' },
      label: 'fallback-queue-depth',
      duration: false,
      values: [5, 10, 15, 20, 25],
    };
    const boundary = (pass: (v: number) => boolean) =>
      sweepBoundary(
        { vary: [q] },
        q.values.map((v) => figures([v], pass(v))),
      );
    expect(boundary((v) => v >= 15)).toBe('expectations hold from fallback-queue-depth 15');
    expect(boundary(() => true)).toBe('expectations hold at every fallback-queue-depth from 5 to 25');
    expect(boundary(() => false)).toBe('expectations hold at no fallback-queue-depth from 5 to 25');
    expect(boundary((v) => v >= 10 && v <= 15)).toBe('expectations hold from fallback-queue-depth 10 to 15');
    expect(boundary((v) => v === 5 || v >= 15)).toBe(
      'expectations hold at fallback-queue-depth 5 and 15 to 25: not one range, so they are not monotone in fallback-queue-depth',
    );
    expect(sweepBoundary({ vary: [q, q] }, [])).toBeUndefined();
  });

  it('judges the boundary over the valid runs only', () => {
    const p: SweepVary = { knob: { kind: 'property', name: 'P', key: 'phones' }, label: 'P phones', duration: false, values: [100, 200, 300, 400] };
    const runs: SweepRunResult[] = [
      { values: [100], invalid: "calls P 150: more than the pool's 100 phones" },
      figures([200], true),
      figures([300], true),
      figures([400], false),
    ];
    expect(sweepBoundary({ vary: [p] }, runs)).toBe('expectations hold up to P phones 300');
    expect(sweepBoundary({ vary: [p] }, runs.slice(0, 1))).toBe('no run is valid, so the expectations hold nowhere');
  });
});
