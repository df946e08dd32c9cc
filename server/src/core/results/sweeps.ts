// Runs a sweep (LANGUAGE.md, "Sweeps"): its scenario once per combination of the knobs' values,
// each run an independent simulation with the knobs applied, and words the outcome for the editor's
// lens and the CLI (the pass count, the most economical passing run, a one-knob sweep's boundary).
import type { Diagnostic } from '../diagnostics';
import type { ScenarioDecl } from '../syntax/ast';
import { simulate } from '../simulation/engine';
import type { PoolResult, SimOptions, SimScenario, TargetResult } from '../simulation/model';
import type { Analysis } from '../workspace/analysis';
import { buildSimScenario } from '../workspace/settings';
import { runFigures } from './export';
import { knobDirection, knobOverrides, knobValueText } from './knobs';
import type { SweepSpec, SweepVary } from '../workspace/sweeps';

/** A sweep of a file: what it runs, or the error that stops it. */
export interface FileSweep {
  readonly title: string;
  /** 1-based line of its `sweep` keyword. */
  readonly line: number;
  readonly spec?: SweepSpec;
  readonly stop?: Diagnostic;
}

/** The file's own sweeps, in text order (none when the file has none; an imported file's are not run). */
export function fileSweeps(analysis: Analysis, file: string): FileSweep[] {
  const unit = analysis.program.unit(file);
  const sweeps: FileSweep[] = [];
  for (const item of unit?.parsed.file.items ?? []) {
    if (item.kind !== 'sweep') continue;
    const stop = analysis.stopOf(file, item);
    const spec = stop ? undefined : analysis.sweep(file, item);
    const line = unit!.lines.positionAt(item.keywordRange.start).line + 1;
    sweeps.push({ title: item.title?.value ?? '', line, ...(spec ? { spec } : {}), ...(stop ? { stop } : {}) });
  }
  return sweeps;
}

/** One run as PRODUCT.md's `sweep --format json` gives it (times in ms). */
export interface SweepFigures {
  readonly values: readonly number[];
  readonly expectations: { readonly passed: number; readonly total: number };
  readonly end: number;
  readonly settled: number;
  readonly pools: Readonly<Record<string, PoolResult>>;
  readonly targets: Readonly<Record<string, TargetResult>>;
}

/** A run its values make impossible (a `calls` count above a `phones` knob's value): not simulated. */
export interface InvalidRun {
  readonly values: readonly number[];
  readonly invalid: string;
}

export type SweepRunResult = SweepFigures | InvalidRun;

export function isInvalidRun(run: SweepRunResult): run is InvalidRun {
  return 'invalid' in run;
}

export function runPassed(run: SweepRunResult): boolean {
  return !isInvalidRun(run) && run.expectations.passed === run.expectations.total;
}

/** Every run's values, in LANGUAGE.md's order: the cartesian product, the first `vary` line outermost. */
export function sweepRunValues(spec: Pick<SweepSpec, 'vary'>): number[][] {
  let combinations: number[][] = [[]];
  for (const vary of spec.vary) combinations = combinations.flatMap((prefix) => vary.values.map((value) => [...prefix, value]));
  return spec.vary.length === 0 ? [] : combinations;
}

/** Why the run's input cannot be simulated: the first `calls` count (in text order) above its pool's phones. */
function runInvalidity(input: SimScenario): string | undefined {
  for (const event of input.events) {
    if (event.kind !== 'calls' || event.count.kind !== 'number') continue;
    const phones = input.pools.find((p) => p.name === event.pool)?.phones;
    if (phones !== undefined && event.count.value > phones) return `calls ${event.pool} ${event.count.value}: more than the pool's ${phones} phones`;
  }
  return undefined;
}

/** The sweep's scenario in its own file, by title (the first of that title). */
export function sweepScenario(analysis: Analysis, file: string, spec: Pick<SweepSpec, 'scenario'>): ScenarioDecl | undefined {
  for (const item of analysis.program.unit(file)?.parsed.file.items ?? []) if (item.kind === 'scenario' && item.title?.value === spec.scenario) return item;
  return undefined;
}

/** The simulator's input for one run: the scenario as written, with the knobs set to `values`. */
export function runInput(analysis: Analysis, file: string, scenario: ScenarioDecl, vary: readonly SweepVary[], values: readonly number[]): SimScenario {
  const overrides = knobOverrides(
    vary.map((v) => v.knob),
    values,
  );
  return buildSimScenario(analysis.program, analysis.index, file, scenario, overrides);
}

/** One run; undefined when `options.isCancelled` stopped it (its figures would prove nothing). */
export function runWithValues(
  analysis: Analysis,
  file: string,
  scenario: ScenarioDecl,
  vary: readonly SweepVary[],
  values: readonly number[],
  options: SimOptions = {},
): SweepRunResult | undefined {
  const input = runInput(analysis, file, scenario, vary, values);
  const invalid = runInvalidity(input);
  if (invalid !== undefined) return { values: [...values], invalid };
  const result = simulate(input, options);
  if (result.cancelled) return undefined;
  const passed = result.expectations.filter((e) => e.passed).length;
  return { values: [...values], expectations: { passed, total: result.expectations.length }, ...runFigures(result) };
}

export interface SweepOutcome {
  readonly runs: readonly SweepRunResult[];
  /** True when a cancellation stopped it: `runs` are the ones that finished, in order. */
  readonly cancelled: boolean;
}

/**
 * The sweep's runs, or only those at `indexes` (positions in `sweepRunValues`, for a worker's
 * share), in order. Call only for a sweep that errors do not stop.
 */
export function runSweep(analysis: Analysis, file: string, spec: SweepSpec, options: SimOptions & { readonly indexes?: readonly number[] } = {}): SweepOutcome {
  const scenario = sweepScenario(analysis, file, spec);
  const all = sweepRunValues(spec);
  const chosen = options.indexes ? options.indexes.map((i) => all[i]!) : all;
  const runs: SweepRunResult[] = [];
  if (!scenario) return { runs, cancelled: false };
  for (const values of chosen) {
    const run = runWithValues(analysis, file, scenario, spec.vary, values, options);
    if (!run) return { runs, cancelled: true };
    runs.push(run);
  }
  return { runs, cancelled: false };
}

// ── words ───────────────────────────────────────────────────────────────────────────────────────

/** `CM2 capacity 1500`: a knob and its value, as the file writes them. */
function knobAt(vary: SweepVary, value: number, label = vary.label): string {
  return `${label} ${knobValueText(vary.knob, value)}`;
}

/** Whether value `a` is more economical than `b` for this knob (smaller capacity, larger keepalive). */
function moreEconomical(vary: SweepVary, a: number, b: number): boolean {
  return knobDirection(vary.knob) === 'smallest' ? a < b : a > b;
}

/**
 * The lens's line: `28 runs · 9 pass · smallest passing CM2 capacity 1500 at registration-rate 100`.
 * The most economical passing run by the first knob's direction, ties settled by the second's; the
 * second knob drops its name when both knobs are properties of the same definition.
 */
export function sweepSummary(spec: Pick<SweepSpec, 'vary'>, runs: readonly SweepRunResult[]): string {
  const passing = runs.filter(runPassed);
  const invalid = runs.filter(isInvalidRun).length;
  const parts = [`${runs.length} ${runs.length === 1 ? 'run' : 'runs'}`, `${passing.length} pass`];
  if (invalid > 0) parts.push(`${invalid} invalid`);
  const [first, second] = spec.vary;
  if (first && passing.length > 0) {
    let best = passing[0]!;
    for (const run of passing.slice(1)) {
      const [a, b] = [run.values[0]!, best.values[0]!];
      if (moreEconomical(first, a, b) || (a === b && second && moreEconomical(second, run.values[1]!, best.values[1]!))) best = run;
    }
    let words = `${knobDirection(first.knob)} passing ${knobAt(first, best.values[0]!)}`;
    if (second) {
      const sameDefinition = first.knob.kind === 'property' && second.knob.kind === 'property' && first.knob.name === second.knob.name;
      words += ` at ${knobAt(second, best.values[1]!, sameDefinition ? second.knob.key : second.label)}`;
    }
    parts.push(words);
  }
  return parts.join(' · ');
}

/**
 * For a one-knob sweep, where the expectations hold, judged over its valid runs in order:
 * `expectations hold from fallback-queue-depth 15` (up to the last value), `… up to keepalive 45s`
 * (from the first), `… from A to B`, at every or at no value; passing runs in several stretches are
 * listed and called not monotone. Undefined for two knobs.
 */
export function sweepBoundary(spec: Pick<SweepSpec, 'vary'>, runs: readonly SweepRunResult[]): string | undefined {
  const [vary] = spec.vary;
  if (!vary || spec.vary.length !== 1) return undefined;
  const valid = runs.filter((r) => !isInvalidRun(r));
  if (valid.length === 0) return 'no run is valid, so the expectations hold nowhere';
  const text = (run: SweepRunResult) => knobValueText(vary.knob, run.values[0]!);
  const stretches: { first: number; last: number }[] = [];
  valid.forEach((run, i) => {
    if (!runPassed(run)) return;
    const last = stretches[stretches.length - 1];
    if (last && last.last === i - 1) last.last = i;
    else stretches.push({ first: i, last: i });
  });
  const lowest = valid[0]!;
  const highest = valid[valid.length - 1]!;
  const span = valid.length === 1 ? `at ${knobAt(vary, lowest.values[0]!)}` : `from ${text(lowest)} to ${text(highest)}`;
  if (stretches.length === 0) return valid.length === 1 ? `expectations do not hold ${span}` : `expectations hold at no ${vary.label} ${span}`;
  const only = stretches.length === 1 ? stretches[0]! : undefined;
  if (only && only.first === 0 && only.last === valid.length - 1)
    return valid.length === 1 ? `expectations hold ${span}` : `expectations hold at every ${vary.label} ${span}`;
  if (only && only.last === valid.length - 1) return `expectations hold from ${knobAt(vary, valid[only.first]!.values[0]!)}`;
  if (only && only.first === 0) return `expectations hold up to ${knobAt(vary, valid[only.last]!.values[0]!)}`;
  if (only) return `expectations hold from ${knobAt(vary, valid[only.first]!.values[0]!)} to ${text(valid[only.last]!)}`;
  const pieces = stretches.map((s) => (s.first === s.last ? text(valid[s.first]!) : `${text(valid[s.first]!)} to ${text(valid[s.last]!)}`));
  const listed = `${pieces.slice(0, -1).join(', ')} and ${pieces[pieces.length - 1]!}`;
  return `expectations hold at ${vary.label} ${listed}: not one range, so they are not monotone in ${vary.label}`;
}
