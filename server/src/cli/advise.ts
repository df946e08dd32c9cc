// `failover advise`: the most economical value of one knob at which every expectation of one
// scenario holds (PRODUCT.md, "failover advise"), found by the core's search, run in this thread.
import { advise, adviceRunAt, leastValidValue, noValueSentence, nonMonotoneSentence, type Advice } from '../core/results/advise';
import { defaultAdviceRange, knobDirection, knobIsDuration, knobLabel, knobUnit, knobValueProblem, knobValueText, parseKnob } from '../core/results/knobs';
import type { SweepKnob } from '../core/workspace/sweeps';
import { knobContext } from '../core/results/adviseScenario';
import { sweepScenario } from '../core/results/sweeps';
import { classifyNumber } from '../core/syntax/numbers';
import type { ScenarioDecl } from '../core/syntax/ast';
import { closest } from '../core/text/closest';
import { Analysis } from '../core/workspace/analysis';
import { NodeFileHost } from '../node/fileHost';
import { reportProblems, UsageError, type Output, type Verdict } from './command';
import { formatErrors } from './errorReport';
import { collectInputs, displayPath } from './inputs';

export const ADVISE_FORMATS = ['text', 'json'] as const;

export interface AdviseOptions {
  readonly scenario: string;
  readonly tune: string;
  readonly from?: string;
  readonly to?: string;
  readonly format: (typeof ADVISE_FORMATS)[number];
}

/** `failover advise <file>`: the answer on stdout; warnings and the errors that stop the scenario on stderr. */
export function adviseCommand(path: string, options: AdviseOptions, out: Output): Verdict {
  const inputs = collectInputs([path]);
  reportProblems(out, inputs.problems);
  if (inputs.problems.length > 0) return 'usage';
  if (inputs.files.length !== 1) throw new UsageError(`advise takes one file; ${path} holds ${inputs.files.length} .failover files`);
  const file = inputs.files[0]!;
  const host = new NodeFileHost();
  const analysis = Analysis.load([file], host);
  const unit = analysis.program.unit(file);
  if (!unit) {
    const read = host.readFile(file);
    throw new UsageError(`cannot read ${displayPath(file)}: ${'error' in read ? read.error : 'it could not be loaded'}`);
  }
  const scenario = findScenario(analysis, file, options.scenario);
  const parsed = parseKnob(options.tune, analysis.index, file);
  if ('problem' in parsed) throw new UsageError(`--tune: ${parsed.problem}`);
  const knob = parsed.knob;
  const stop = analysis.stopOf(file, scenario);
  if (stop) {
    out.writeError(formatErrors(analysis, [file], out.colors));
    reportProblems(out, [`scenario ${JSON.stringify(options.scenario)} has errors, so it cannot be advised on (first: ${stop.message})`]);
    return 'problems';
  }
  const defaults = defaultAdviceRange(knob, knobContext(analysis, file, scenario, knob));
  const from = options.from === undefined ? defaults.from : knobValue('--from', options.from, knob);
  const to = options.to === undefined ? defaults.to : knobValue('--to', options.to, knob);
  if (from > to) throw new UsageError(`--from ${knobValueText(knob, from)} is above --to ${knobValueText(knob, to)}`);
  const direction = knobDirection(knob);
  // Values that make a run invalid (fewer phones than a calls count) lie outside the range.
  const least = leastValidValue(analysis, file, scenario, knob);
  let advice: Advice = { value: null, runs: 0, checked: [] };
  const problems: string[] = [];
  if (Math.max(from, least) > to) {
    problems.push(
      `no value from ${knobValueText(knob, from)} to ${knobValueText(knob, to)} makes a valid run: a calls count needs ${knobLabel(knob)} ${least} or more`,
    );
  } else {
    advice = advise({ direction, from: Math.max(from, least), to, unit: knobUnit(knob) }, adviceRunAt(analysis, file, scenario, knob));
    if (advice.value === null) problems.push(noValueSentence(knob, from, to));
  }
  if (advice.nonMonotone) reportProblems(out, [`warning: ${nonMonotoneSentence(knob, advice.nonMonotone)}`]);
  const shown = displayPath(file);
  if (options.format === 'json') {
    const json = {
      file: shown,
      scenario: options.scenario,
      knob: knobLabel(knob),
      direction,
      from,
      to,
      value: advice.value,
      runs: advice.runs,
      checked: advice.checked,
    };
    out.write(JSON.stringify(json, null, 2) + '\n');
    reportProblems(out, problems);
  } else {
    out.write(adviceText(shown, options.scenario, knob, from, to, advice, problems));
  }
  return advice.value === null ? 'problems' : 'clean';
}

function adviceText(file: string, title: string, knob: SweepKnob, from: number, to: number, advice: Advice, problems: readonly string[]): string {
  const show = (v: number) => knobValueText(knob, v);
  const label = knobLabel(knob);
  const lines = [`${file}: scenario ${JSON.stringify(title)}`];
  if (advice.value === null) lines.push(`  ${problems.join('; ')}`);
  else {
    lines.push(`  ${knobDirection(knob)} ${label} at which every expectation holds: ${show(advice.value)}`);
    const next = knobDirection(knob) === 'smallest' ? advice.value - knobUnit(knob) : advice.value + knobUnit(knob);
    const nextChecked = advice.checked.find((c) => c.value === next);
    lines.push(`  verified: ${show(advice.value)} passes; ${nextChecked ? `${show(next)} fails` : `${show(next)} lies outside the range`}`);
  }
  const checked = advice.checked.map((c) => `${show(c.value)} ${c.passed ? '✓' : '✗'}`).join(', ');
  lines.push(`  ${advice.runs} ${advice.runs === 1 ? 'simulation' : 'simulations'} over ${label} ${show(from)} to ${show(to)}${checked ? `: ${checked}` : ''}`);
  return lines.join('\n') + '\n';
}

/** The scenario titled `title` in `file`; an unknown title is bad usage, with the closest one. */
function findScenario(analysis: Analysis, file: string, title: string): ScenarioDecl {
  const scenario = sweepScenario(analysis, file, { scenario: title });
  if (scenario) return scenario;
  const titles = (analysis.program.unit(file)?.parsed.file.items ?? []).flatMap((i) => (i.kind === 'scenario' && i.title ? [i.title.value] : []));
  const suggestion = closest(title, titles);
  const hint = suggestion
    ? `: did you mean ${JSON.stringify(suggestion)}?`
    : titles.length > 0
      ? ` (it has ${titles
          .slice(0, 8)
          .map((t) => JSON.stringify(t))
          .join(', ')}${titles.length > 8 ? ', …' : ''})`
      : ' (it has none)';
  throw new UsageError(`no scenario named ${JSON.stringify(title)} in ${displayPath(file)}${hint}`);
}

/** `--from`/`--to` written like the file's values: a whole number for a count, a duration in whole seconds for a time. */
function knobValue(option: string, text: string, knob: SweepKnob): number {
  const literal = classifyNumber(text.trim(), { start: 0, end: text.length });
  const label = knobLabel(knob);
  let value: number;
  if (literal.kind === 'malformed') throw new UsageError(`${option} ${literal.reason}`);
  if (knobIsDuration(knob)) {
    if (literal.kind === 'int' && literal.value !== 0)
      throw new UsageError(`${option} \`${text}\` has no unit: ${label} is a time, write ${text}s (or ${text}m)`);
    if (literal.kind === 'percent') throw new UsageError(`${option} \`${text}\`: ${label} is a time, such as 45s or 2m`);
    value = literal.kind === 'duration' ? literal.ms : 0;
    if (value % 1000 !== 0)
      throw new UsageError(
        `${option} \`${text}\`: the advisor steps times in whole seconds (write ${Math.floor(value / 1000)}s or ${Math.ceil(value / 1000)}s)`,
      );
  } else {
    if (literal.kind !== 'int') throw new UsageError(`${option} \`${text}\`: ${label} is a count, write a whole number such as 1500`);
    value = literal.value;
  }
  const problem = knobValueProblem(knob, value);
  if (problem) throw new UsageError(`${option}: ${problem}`);
  return value;
}
