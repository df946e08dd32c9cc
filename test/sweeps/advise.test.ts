// The advisor against a brute-force scan of its range: on small scenarios worked out by hand, and on
// synthetic verdicts (monotone thresholds and arbitrary, non-monotone ones).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advise, adviceRunAt, leastValidValue, type AdviceRange, type RunVerdict } from '../../server/src/core/results/advise';
import { knobDirection } from '../../server/src/core/results/knobs';
import { sweepScenario } from '../../server/src/core/results/sweeps';
import type { SweepKnob } from '../../server/src/core/workspace/sweeps';
import { analyze } from '../support/fixtures';

/** The most economical passing value by scanning every value of the range. */
function bruteForce(range: AdviceRange, runAt: (value: number) => RunVerdict): number | null {
  const values: number[] = [];
  for (let v = range.from; v <= range.to; v += range.unit) values.push(v);
  if (range.direction === 'smallest') return values.find((v) => runAt(v) === 'passed') ?? null;
  return values.reverse().find((v) => runAt(v) === 'passed') ?? null;
}

/** Verification: the value passes; the next more economical one fails or lies outside the range. */
function expectVerified(range: AdviceRange, runAt: (value: number) => RunVerdict, value: number): void {
  expect(runAt(value)).toBe('passed');
  const next = range.direction === 'smallest' ? value - range.unit : value + range.unit;
  if (next >= range.from && next <= range.to) expect(runAt(next)).not.toBe('passed');
}

describe('the search on synthetic verdicts', () => {
  it('finds the threshold of a monotone verdict in at most 2 + ceil(log2 n) runs, in order, as a scan would', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: -5, max: 3100 }),
        fc.boolean(),
        (from, width, threshold, smallest) => {
          const range: AdviceRange = { direction: smallest ? 'smallest' : 'largest', from, to: from + width, unit: 1 };
          const runAt = (v: number): RunVerdict => ((smallest ? v >= threshold : v <= threshold) ? 'passed' : 'failed');
          const advice = advise(range, runAt);
          expect(advice.value).toBe(bruteForce(range, runAt));
          expect(advice.runs).toBe(advice.checked.length);
          expect(advice.runs).toBeLessThanOrEqual(2 + Math.ceil(Math.log2(width + 1)));
          expect(advice.checked.every((c) => c.passed === (runAt(c.value) === 'passed'))).toBe(true);
          expect(new Set(advice.checked.map((c) => c.value)).size).toBe(advice.runs);
          // The generous end first, then the economical one.
          expect(advice.checked[0]!.value).toBe(smallest ? range.to : range.from);
          if (advice.value !== null) expectVerified(range, runAt, advice.value);
          expect(advice.nonMonotone).toBeUndefined();
        },
      ),
    );
  });

  it('steps in whole seconds for times', () => {
    const range: AdviceRange = { direction: 'largest', from: 1_000, to: 600_000, unit: 1_000 };
    const advice = advise(range, (v) => (v <= 47_000 ? 'passed' : 'failed'));
    expect(advice.value).toBe(47_000);
    expect(advice.checked.every((c) => c.value % 1_000 === 0)).toBe(true);
  });

  it('on any verdict: a found value is verified; a failing generous end finds nothing; a passing economical end against a failing generous one is named', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }), fc.boolean(), (verdicts, smallest) => {
        const range: AdviceRange = { direction: smallest ? 'smallest' : 'largest', from: 1, to: verdicts.length, unit: 1 };
        const runAt = (v: number): RunVerdict => (verdicts[v - 1] ? 'passed' : 'failed');
        const advice = advise(range, runAt);
        const [generous, economical] = smallest ? [verdicts.length, 1] : [1, verdicts.length];
        if (runAt(generous) === 'failed' && runAt(economical) === 'failed') expect(advice.value).toBeNull();
        else expectVerified(range, runAt, advice.value!);
        const evidence = runAt(generous) === 'failed' && runAt(economical) === 'passed' && generous !== economical;
        expect(advice.nonMonotone).toEqual(evidence ? { passed: economical, failed: generous } : undefined);
      }),
    );
  });

  it('counts an invalid value as outside the range, not as a simulation', () => {
    const advice = advise({ direction: 'largest', from: 1, to: 16, unit: 1 }, (v) => (v < 4 ? 'invalid' : v <= 9 ? 'passed' : 'failed'));
    expect(advice.checked.map((c) => c.value)).not.toContain(1);
  });
});

const FILE = '/w/a.failover';
/** 10 phones move from CM1 to CM2 at 0 (a stop); SRST router BR takes whoever CM2 has no room for. */
const TEXT = `
settings { keepalive 10s registration-rate 1 }
callmanager CM1
callmanager CM2
srst BR { capacity 4 }
group G { CM1, CM2 }
pool P { group G srst BR phones 10 }
scenario "rate" {
  at 0s stop CM1
  expect outage P <= 4s
}
scenario "room" {
  at 0s stop CM1
  at 30s expect P on unregistered == none
}
scenario "timer" {
  at 0s crash CM1
  expect outage P <= 40s
}
scenario "small peak" {
  at 0s stop CM1
  expect peak CM2 <= 5
}
scenario "window" {
  at 0s stop CM1
  at 30s expect P on unregistered == none
  expect peak CM2 <= 7
}
scenario "growth" {
  at 0s calls P 3 lasting 1m
  at 0s stop CM1
  expect outage P <= 5s
}
`;

function scenarioAdvice(title: string, knob: SweepKnob, from: number, to: number) {
  const { analysis } = analyze({ [FILE]: TEXT });
  const scenario = sweepScenario(analysis, FILE, { scenario: title })!;
  const runAt = adviceRunAt(analysis, FILE, scenario, knob);
  const range: AdviceRange = {
    direction: knobDirection(knob),
    from: Math.max(from, leastValidValue(analysis, FILE, scenario, knob)),
    to,
    unit: knob.key === 'keepalive' ? 1000 : 1,
  };
  return { advice: advise(range, runAt), brute: bruteForce(range, runAt), range, runAt };
}

describe('the advisor on small scenarios, against a scan of the range', () => {
  it('smallest CM2 registration-rate: the tenth phone registers at 10000/r ms, within 4 s from r = 3', () => {
    const { advice, brute } = scenarioAdvice('rate', { kind: 'property', name: 'CM2', key: 'registration-rate' }, 1, 40);
    expect(advice.value).toBe(3);
    expect(brute).toBe(3);
    expect(advice.checked.slice(0, 2)).toEqual([
      { value: 40, passed: true },
      { value: 1, passed: false },
    ]);
  });

  it('smallest CM2 capacity: BR holds 4, so CM2 needs room for the other 6', () => {
    const { advice, brute } = scenarioAdvice('room', { kind: 'property', name: 'CM2', key: 'capacity' }, 1, 10);
    expect([advice.value, brute]).toEqual([6, 6]);
  });

  it('largest keepalive: phone 9 detects a crash at floor(9K/10) + 25 s and registers a second later (when the queue is free)', () => {
    // K = 14s: offsets floor(1400·i), phone 9 at 12600 + 25000 + 1000 = 38600 ≤ 40 s; each phone asks
    // 1.4 s after the one before, so CM2's queue is free every time. K = 15s: 13500 + 26000 = 39500 ✓.
    // K = 16s: 14400 + 26000 = 40400 ✗. The scan agrees.
    const { advice, brute } = scenarioAdvice('timer', { kind: 'setting', key: 'keepalive' }, 1000, 60_000);
    expect([advice.value, brute]).toEqual([15_000, 15_000]);
  });

  it('warns on evidence against monotony: the economical end passes and the generous end fails', () => {
    const { advice, brute } = scenarioAdvice('small peak', { kind: 'property', name: 'CM2', key: 'capacity' }, 1, 10);
    expect(advice.value).toBe(1);
    expect(brute).toBe(1);
    expect(advice.nonMonotone).toEqual({ passed: 1, failed: 10 });
  });

  it('finds nothing when both ends fail, even where a window in between passes (the search assumes monotony)', () => {
    // CM2 needs room for 6 (BR takes 4) and may hold at most 7: capacities 6 and 7 pass.
    const { advice, brute } = scenarioAdvice('window', { kind: 'property', name: 'CM2', key: 'capacity' }, 1, 10);
    expect(brute).toBe(6);
    expect(advice.value).toBeNull();
    expect(advice.runs).toBe(2);
  });

  it('largest phones: values below a calls count lie outside the range', () => {
    // `calls P 3`: fewer than 3 phones is invalid, so the search starts at 3. The stop at 0 sends the
    // N − 3 idle phones to CM2 at one a second: outage N − 3 s ≤ 5 s up to N = 8; the callers ask at
    // 60 s and the last one is in at 63 s (outage 3 s).
    const knob: SweepKnob = { kind: 'property', name: 'P', key: 'phones' };
    const { advice, brute, range } = scenarioAdvice('growth', knob, 1, 40);
    expect(range.from).toBe(3);
    expect([advice.value, brute]).toEqual([8, 8]);
    expect(advice.checked[0]).toEqual({ value: 3, passed: true });
  });
});
