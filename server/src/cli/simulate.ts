// `failover simulate`: runs a file's scenarios and prints them as text, JSON or CSV.
import type { Diagnostic } from '../core/diagnostics';
import { runScenarios, stoppedScenarios, type ScenarioRun } from '../core/results/runs';
import { classifyNumber } from '../core/syntax/numbers';
import { Analysis } from '../core/workspace/analysis';
import { NodeFileHost } from '../node/fileHost';
import { reportProblems, UsageError, type Output, type Verdict } from './command';
import { locate } from './formats/report';
import { simulationJsonObject } from '../core/results/export';
import { formatSimulationCsv } from './formats/simulationCsv';
import { formatScenarioText } from './formats/simulationText';
import type { Colors } from './formats/stylish';
import { collectInputs, displayPath } from './inputs';

export const SIMULATE_FORMATS = ['text', 'json', 'csv'] as const;

interface SimulateCommandOptions {
  readonly format: (typeof SIMULATE_FORMATS)[number];
  /** Only the scenario with this title. */
  readonly scenario?: string;
  /** `--step` as typed (text and csv: one row every such duration). */
  readonly step?: string;
}

/** `failover simulate <paths...>`: the runs on stdout; files that were not simulated on stderr. */
export function simulateCommand(paths: readonly string[], options: SimulateCommandOptions, out: Output): Verdict {
  // The JSON timeline is the exact record (an entry at every change): sampling it would lose that.
  if (options.step !== undefined && options.format === 'json')
    throw new UsageError('--step applies to --format text and csv; the JSON timeline has an entry at every change');
  const stepMs = options.step === undefined ? undefined : parseStep(options.step);
  const inputs = collectInputs(paths);
  reportProblems(out, inputs.problems);
  // Nothing to run: each path already said why (a `--scenario` looked for in no file is not a second mistake).
  if (inputs.files.length === 0) return 'usage';
  const outcome = simulateFiles(inputs.files, { format: options.format, scenario: options.scenario, stepMs, colors: out.colors });
  out.write(outcome.output);
  reportProblems(out, outcome.unreadable);
  reportProblems(out, outcome.problems);
  if (inputs.problems.length > 0 || outcome.unreadable.length > 0) return 'usage';
  return outcome.problems.length > 0 || outcome.failedExpectations > 0 ? 'problems' : 'clean';
}

interface SimulateOptions {
  readonly format: (typeof SIMULATE_FORMATS)[number];
  readonly scenario?: string;
  readonly stepMs?: number;
  readonly colors: Colors;
}

/** Largest number of rows `--step` may produce for one scenario. */
const MAX_STEP_ROWS = 1_000_000;

/** `--step` as the file's durations are written; a problem is named as the editor would name it. */
function parseStep(text: string): number {
  const literal = classifyNumber(text, { start: 0, end: text.length });
  switch (literal.kind) {
    case 'duration':
      if (literal.ms > 0) return literal.ms;
      break;
    case 'int':
      // A bare number: the unit is what is missing, not the size.
      if (literal.value > 0) throw new UsageError(`--step \`${text}\` has no unit: write ${text}s (or ${text}ms, ${text}m)`);
      break;
    case 'malformed':
      throw new UsageError(`--step ${literal.reason}`);
    case 'percent':
      break;
  }
  throw new UsageError(`--step needs a duration above zero, such as 1s or 500ms (got \`${text}\`)`);
}

interface SimulateOutcome {
  readonly output: string;
  /** One line each: files that could not be simulated, and why. */
  readonly problems: string[];
  readonly failedExpectations: number;
  /** One line each: given files that could not be read. */
  readonly unreadable: string[];
}

/** `outages.failover:4:15 Unknown callmanager …`: where an error is, and what it says. */
function whereIs(analysis: Analysis, error: Diagnostic): string {
  const lines = analysis.program.unit(error.file)!.lines;
  const at = locate(error, lines, displayPath, () => lines);
  return `${displayPath(error.file)}:${at.line}:${at.column} ${error.message}`;
}

/** Runs the scenarios of `files`; a `--step` too fine or a `--scenario` found nowhere throws UsageError. */
function simulateFiles(files: readonly string[], options: SimulateOptions): SimulateOutcome {
  const host = new NodeFileHost();
  const analysis = Analysis.load(files, host);
  const problems: string[] = [];
  const unreadable: string[] = [];
  const perFile: { file: string; runs: ScenarioRun[] }[] = [];
  /** Titles of the files that lack the `--scenario` asked for. */
  const titles: string[] = [];
  for (const file of files) {
    const unit = analysis.program.unit(file);
    if (!unit) {
      // Listed, but unreadable by now (gone, not a regular file, too large): never a silent success.
      const read = host.readFile(file);
      unreadable.push(`cannot read ${displayPath(file)}: ${'error' in read ? read.error : 'it could not be loaded'}`);
      continue;
    }
    const fileStop = analysis.fileStop(file);
    if (fileStop) {
      problems.push(`${displayPath(file)} has errors and was not simulated; run \`failover lint\` to see them (first: ${whereIs(analysis, fileStop)})`);
      continue;
    }
    const runs = runScenarios(analysis, file, { scenarioName: options.scenario });
    // The others run; each scenario stopped by an error of its own is named with that error.
    const stopped = stoppedScenarios(analysis, file, { scenarioName: options.scenario });
    for (const { scenario, error } of stopped) {
      problems.push(
        `${displayPath(file)}: scenario ${JSON.stringify(scenario.title?.value ?? '')} has errors and was not simulated (first: ${whereIs(analysis, error)})`,
      );
    }
    if (runs.length === 0 && stopped.length > 0) continue;
    if (options.scenario !== undefined && runs.length === 0) {
      // Looked for in every file given: only a scenario found nowhere is a mistake.
      titles.push(...unit.parsed.file.items.flatMap((i) => (i.kind === 'scenario' && i.title ? [JSON.stringify(i.title.value)] : [])));
      continue;
    }
    if (options.stepMs !== undefined) {
      for (const run of runs) {
        if (run.result.end / options.stepMs > MAX_STEP_ROWS) {
          throw new UsageError(
            `--step ${options.stepMs}ms would print more than ${MAX_STEP_ROWS.toLocaleString('en-US')} rows for "${run.result.name}"; use a larger step`,
          );
        }
      }
    }
    perFile.push({ file, runs });
  }
  if (options.scenario !== undefined && perFile.length === 0 && problems.length === 0 && unreadable.length === 0) {
    const where = files.length === 1 ? displayPath(files[0]!) : `${files.length} files`;
    const shown = titles.length > 8 ? [...titles.slice(0, 8), `… ${titles.length - 8} more`] : titles;
    throw new UsageError(
      `no scenario named ${JSON.stringify(options.scenario)} in ${where}${titles.length > 0 ? ` (${files.length === 1 ? 'it has' : 'they have'} ${shown.join(', ')})` : ''}`,
    );
  }
  const failedExpectations = perFile.reduce((n, f) => n + f.runs.reduce((m, r) => m + r.result.expectations.filter((e) => !e.passed).length, 0), 0);
  let output: string;
  switch (options.format) {
    case 'json': {
      // One file given: its object (or nothing when it could not be simulated); several: an array.
      const objects = perFile.map((f) => simulationJsonObject(displayPath(f.file), f.runs, analysis.program.unit(f.file)!.lines));
      if (files.length === 1) output = objects.length === 1 ? JSON.stringify(objects[0], null, 2) + '\n' : '';
      else output = JSON.stringify(objects, null, 2) + '\n';
      break;
    }
    case 'csv':
      output = formatSimulationCsv(
        perFile.flatMap((f) => f.runs),
        options.stepMs,
      );
      break;
    default:
      output = perFile
        .filter((f) => f.runs.length > 0 || perFile.length === 1)
        .map((f) => {
          const lines = analysis.program.unit(f.file)!.lines;
          const header = `${options.colors.underline(displayPath(f.file))}\n\n`;
          const body =
            f.runs.length === 0 ? '  (no scenarios)\n' : f.runs.map((run) => formatScenarioText(run, lines, options.colors, options.stepMs)).join('\n');
          return header + body;
        })
        .join('\n');
  }
  return { output, problems, unreadable, failedExpectations };
}
