// The advisor as the editor asks it (a quick fix on a failed expectation): one knob of one
// scenario over the knob's documented default range, with the same search, verification and
// sentences as `failover advise`. Returns plain data; where the value is written is the server's
// business (lsp/features/adviceEdit.ts).
import type { SimOptions } from '../simulation/model';
import type { ScenarioDecl } from '../syntax/ast';
import type { Analysis } from '../workspace/analysis';
import { effectiveSettings } from '../workspace/settings';
import type { SweepKnob } from '../workspace/sweeps';
import { adviceRunAt, advise, leastValidValue, noValueSentence, nonMonotoneSentence } from './advise';
import { defaultAdviceRange, knobDirection, knobLabel, knobUnit, knobValueText } from './knobs';
import { runInput, sweepScenario } from './sweeps';

export interface EditorAdvice {
  /** The most economical passing value; null when none in the range passes (or the search was stopped). */
  readonly value: number | null;
  /** As the file writes it: `1240`, `45s`; absent with no value. */
  readonly text?: string;
  /** Why there is no value: the advisor's sentence. */
  readonly none?: string;
  /** Evidence that the expectations are not monotone in the knob. */
  readonly warning?: string;
  readonly runs: number;
  /** True when `isCancelled` stopped the search: nothing it found is to be used. */
  readonly cancelled: boolean;
}

/** The knob's value in the scenario as written, and every pool's phones: what the default range needs. */
/** The knob's value in the scenario as written, and the phones of every pool: what the default range is taken from. */
export function knobContext(analysis: Analysis, file: string, scenario: ScenarioDecl, knob: SweepKnob): { current: number; totalPhones: number } {
  const input = runInput(analysis, file, scenario, [], []);
  const totalPhones = input.pools.reduce((sum, p) => sum + p.phones, 0);
  if (knob.kind === 'setting') return { current: effectiveSettings(analysis.program, file, scenario).values[knob.key], totalPhones };
  const target = input.targets.find((t) => t.name === knob.name);
  const pool = input.pools.find((p) => p.name === knob.name);
  const byKey: Record<string, number | undefined> = {
    capacity: target?.capacity,
    'registration-rate': target?.registrationRate,
    'fallback-queue-depth': target?.fallbackQueueDepth,
    phones: pool?.phones,
    'connection-monitor': pool?.connectionMonitorMs,
  };
  return { current: byKey[knob.key] ?? 0, totalPhones };
}

/** Runs the advisor on `knob` for the scenario titled `title` of `file` (which errors must not stop). */
export function adviseScenario(analysis: Analysis, file: string, title: string, knob: SweepKnob, options: SimOptions = {}): EditorAdvice {
  const scenario = sweepScenario(analysis, file, { scenario: title });
  const label = knobLabel(knob);
  if (!scenario) return { value: null, none: `there is no scenario "${title}" any more`, runs: 0, cancelled: false };
  const stop = analysis.stopOf(file, scenario);
  if (stop) return { value: null, none: `scenario "${title}" has errors, so it cannot be advised on (first: ${stop.message})`, runs: 0, cancelled: false };
  const { from, to } = defaultAdviceRange(knob, knobContext(analysis, file, scenario, knob));
  const least = Math.max(from, leastValidValue(analysis, file, scenario, knob));
  if (least > to)
    return {
      value: null,
      none: `no value from ${knobValueText(knob, from)} to ${knobValueText(knob, to)} makes a valid run: a calls count needs ${label} ${least} or more`,
      runs: 0,
      cancelled: false,
    };
  let cancelled = false;
  const runAt = adviceRunAt(analysis, file, scenario, knob, options);
  const advice = advise({ direction: knobDirection(knob), from: least, to, unit: knobUnit(knob) }, (value) => {
    if (cancelled || options.isCancelled?.()) {
      cancelled = true;
      return 'failed';
    }
    const verdict = runAt(value);
    // A run stopped by cancellation reads as invalid: tell it apart from a real one.
    if (options.isCancelled?.()) cancelled = true;
    return verdict;
  });
  const warning = advice.nonMonotone ? nonMonotoneSentence(knob, advice.nonMonotone) : undefined;
  if (cancelled) return { value: null, runs: advice.runs, cancelled: true };
  if (advice.value === null)
    return { value: null, none: noValueSentence(knob, from, to), runs: advice.runs, cancelled: false, ...(warning ? { warning } : {}) };
  return { value: advice.value, text: knobValueText(knob, advice.value), runs: advice.runs, cancelled: false, ...(warning ? { warning } : {}) };
}
