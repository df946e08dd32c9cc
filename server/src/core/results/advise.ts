// The design advisor (PRODUCT.md, "failover advise"): the most economical value of one knob at
// which every expectation of a scenario holds. It treats "all hold" as monotone in the knob: it
// checks both ends of the range, then bisects, and the answer is verified by what it checked (the
// value passes; the next more economical one fails or lies outside the range). The search takes a
// `runAt` function, so whoever drives it decides where the simulations run.
import type { ScenarioDecl } from '../syntax/ast';
import type { SimOptions } from '../simulation/model';
import type { Analysis } from '../workspace/analysis';
import { knobLabel, knobUnit, knobValueText, type Direction } from './knobs';
import type { SweepKnob } from '../workspace/sweeps';
import { runInput, runWithValues, runPassed } from './sweeps';

export type RunVerdict = 'passed' | 'failed' | 'invalid';

export interface AdviceRange {
  readonly direction: Direction;
  /** Bounds included, on the grid `from + k·unit`. */
  readonly from: number;
  readonly to: number;
  /** 1 for counts, 1000 (one second) for times. */
  readonly unit: number;
}

interface AdviceCheck {
  readonly value: number;
  readonly passed: boolean;
}

export interface Advice {
  /** The most economical passing value; null when the range's generous end fails. */
  readonly value: number | null;
  /** Simulations run: `checked.length`. */
  readonly runs: number;
  /** Every simulated value, in the order it was checked. */
  readonly checked: readonly AdviceCheck[];
  /** Evidence that the expectations are not monotone in the knob: the values that show it. */
  readonly nonMonotone?: { readonly passed: number; readonly failed: number };
}

/**
 * The search as a generator: it yields each value to simulate and is resumed with its verdict, so
 * the caller may run it in-process or elsewhere. An `invalid` value lies outside the range: it is
 * not counted as a simulation and acts as a failure (a more economical value must lie beyond it).
 */
function* adviceSearch(range: AdviceRange): Generator<number, Advice, RunVerdict> {
  const steps = Math.floor((range.to - range.from) / range.unit);
  // j = 0 is the generous end, j = steps the most economical one.
  const valueAt = (j: number) => (range.direction === 'smallest' ? range.from + (steps - j) * range.unit : range.from + j * range.unit);
  const checked: AdviceCheck[] = [];
  const check = function* (j: number): Generator<number, boolean, RunVerdict> {
    const verdict = yield valueAt(j);
    if (verdict !== 'invalid') checked.push({ value: valueAt(j), passed: verdict === 'passed' });
    return verdict === 'passed';
  };
  const done = (value: number | null, nonMonotone?: Advice['nonMonotone']): Advice => ({
    value,
    runs: checked.length,
    checked,
    ...(nonMonotone ? { nonMonotone } : {}),
  });
  const generous = yield* check(0);
  if (steps === 0) return done(generous ? valueAt(0) : null);
  const economical = yield* check(steps);
  if (economical) return done(valueAt(steps), generous ? undefined : { passed: valueAt(steps), failed: valueAt(0) });
  if (!generous) return done(null);
  // Invariant: j = low passes, j = high fails. The midpoint rounds toward the generous end.
  let low = 0;
  let high = steps;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (yield* check(middle)) low = middle;
    else high = middle;
  }
  return done(valueAt(low));
}

/** Drives the search with a synchronous `runAt`. */
export function advise(range: AdviceRange, runAt: (value: number) => RunVerdict): Advice {
  const search = adviceSearch(range);
  let step = search.next();
  while (!step.done) step = search.next(runAt(step.value));
  return step.value;
}

/** A one-knob run of the scenario at `value`, as the advisor judges it. */
export function adviceRunAt(
  analysis: Analysis,
  file: string,
  scenario: ScenarioDecl,
  knob: SweepKnob,
  options: SimOptions = {},
): (value: number) => RunVerdict {
  const vary = [{ knob, label: knobLabel(knob), duration: knobUnit(knob) > 1, values: [] }];
  return (value) => {
    const run = runWithValues(analysis, file, scenario, vary, [value], options);
    if (!run || 'invalid' in run) return 'invalid';
    return runPassed(run) ? 'passed' : 'failed';
  };
}

/**
 * The least value of the knob that makes a valid run: a `phones` knob must hold every `calls`
 * count of its pool written as a number (other knobs make no run invalid, so 0).
 */
export function leastValidValue(analysis: Analysis, file: string, scenario: ScenarioDecl, knob: SweepKnob): number {
  if (knob.kind !== 'property' || knob.key !== 'phones') return 0;
  const input = runInput(analysis, file, scenario, [{ knob, label: knobLabel(knob), duration: false, values: [] }], [1]);
  let least = 0;
  for (const event of input.events)
    if (event.kind === 'calls' && event.pool === knob.name && event.count.kind === 'number') least = Math.max(least, event.count.value);
  return least;
}

/** The sentence when no value passes: `no value from 1 to 2500 meets the expectations`. */
export function noValueSentence(knob: SweepKnob, from: number, to: number): string {
  return `no value from ${knobValueText(knob, from)} to ${knobValueText(knob, to)} meets the expectations`;
}

/** The warning on non-monotone evidence, naming the values. */
export function nonMonotoneSentence(knob: SweepKnob, evidence: NonNullable<Advice['nonMonotone']>): string {
  const label = knobLabel(knob);
  return `the expectations hold at ${label} ${knobValueText(knob, evidence.passed)} but not at ${knobValueText(knob, evidence.failed)}: they are not monotone in ${label}, so other values may pass too`;
}
