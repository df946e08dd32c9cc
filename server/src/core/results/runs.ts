// Runs the scenarios of a file: the bridge from the linked workspace to the simulator, and from
// the simulator's figures back to places in the text (diagnostics, code lenses, reports).
import type { Diagnostic, DiagnosticCode } from '../diagnostics';
import { DIAGNOSTIC_CODES } from '../diagnostics';
import type { Range, ScenarioDecl, Step } from '../syntax/ast';
import { simulate } from '../simulation/engine';
import { timelineStatesAt, timelineTotals } from '../simulation/timeline';
import type { Counts, ScenarioResult, SimOptions, SimScenario } from '../simulation/model';
import type { Analysis } from '../workspace/analysis';
import { buildSimScenario } from '../workspace/settings';
import type { ResultCache } from './cache';

export interface ScenarioRun {
  readonly file: string;
  readonly scenario: ScenarioDecl;
  readonly input: SimScenario;
  readonly result: ScenarioResult;
  /** Set when the full timeline was left behind (the editor's worker sends only this). */
  readonly digest?: RunDigest;
}

/** What the editor needs of a timeline: far smaller than every pool at every change. */
export interface RunDigest {
  /** Registered phones per target over all pools (and `unregistered`), at each time a total changed. */
  readonly totals: readonly { readonly t: number; readonly counts: Readonly<Record<string, number>> }[];
  /** Every pool's counts after everything at each `at` time of the scenario, and since when. */
  readonly statesAt: ReadonlyMap<number, { readonly since: number; readonly pools: Readonly<Record<string, Counts>> }>;
}

const digests = new WeakMap<ScenarioRun, RunDigest>();

export function digestOf(run: ScenarioRun): RunDigest {
  if (run.digest) return run.digest;
  let digest = digests.get(run);
  if (!digest) {
    const times = [...run.input.events.map((e) => e.at), ...run.input.expectations.flatMap((e) => (e.kind === 'on' ? [e.at] : []))];
    digest = { totals: timelineTotals(run.result), statesAt: timelineStatesAt(run.result, times) };
    digests.set(run, digest);
  }
  return digest;
}

/** The run with its full timeline replaced by its digest, for sending across threads. */
export function compactRun(run: ScenarioRun): ScenarioRun {
  const r = run.result;
  return {
    file: run.file,
    scenario: run.scenario,
    input: run.input,
    result: {
      name: r.name,
      end: r.end,
      settled: r.settled,
      pools: r.pools,
      targets: r.targets,
      timeline: [],
      expectations: r.expectations,
      findings: r.findings,
      cancelled: r.cancelled,
    },
    digest: digestOf(run),
  };
}

export interface RunOptions extends SimOptions {
  /** Only the scenario with this title. */
  readonly scenarioName?: string;
  /** Results kept from earlier runs: the runs come back compact (`compactRun`), simulated only when their input is new. */
  readonly cache?: ResultCache;
}

/**
 * The file's own scenarios, simulated in text order; none when the file is not simulable, and
 * none of those stopped by an error of their own (see `stoppedScenarios`).
 */
export function runScenarios(analysis: Analysis, file: string, options: RunOptions = {}): ScenarioRun[] {
  const runs: ScenarioRun[] = [];
  for (const item of simulableScenarios(analysis, file)) {
    if (options.scenarioName !== undefined && item.title?.value !== options.scenarioName) continue;
    const run = runScenario(analysis, file, item, options);
    runs.push(run);
    if (run.result.cancelled) break;
  }
  return runs;
}

/** The file's scenarios that run, in text order: none when the file is not simulable, none stopped by an error. */
export function simulableScenarios(analysis: Analysis, file: string): ScenarioDecl[] {
  const unit = analysis.program.unit(file);
  if (!unit || !analysis.isSimulable(file)) return [];
  // A scenario without events is simulated too: it ends at 0 (or its last `at` time) and shows
  // where the phones register at the start (SIMULATION.md, "Start and end").
  return unit.parsed.file.items.filter((item): item is ScenarioDecl => item.kind === 'scenario' && !analysis.stopOf(file, item));
}

/** One scenario of `simulableScenarios`, simulated (or, with a cache, perhaps taken from it). */
export function runScenario(analysis: Analysis, file: string, scenario: ScenarioDecl, options: RunOptions = {}): ScenarioRun {
  const input = buildSimScenario(analysis.program, analysis.index, file, scenario);
  if (!options.cache) return { file, scenario, input, result: simulate(input, options) };
  const kept = options.cache.scenario(input, options, (result) => compactRun({ file, scenario, input, result }));
  return { file, scenario, input, result: kept.result, ...(kept.digest ? { digest: kept.digest } : {}) };
}

/** A scenario that is not simulated, and the error that stops it (in its file or in one it imports). */
export interface StoppedScenario {
  readonly scenario: ScenarioDecl;
  readonly error: Diagnostic;
}

/** The file's scenarios that errors keep from running, in text order (all of them when the file is not simulable). */
export function stoppedScenarios(analysis: Analysis, file: string, options: Pick<RunOptions, 'scenarioName'> = {}): StoppedScenario[] {
  const stopped: StoppedScenario[] = [];
  for (const item of analysis.program.unit(file)?.parsed.file.items ?? []) {
    if (item.kind !== 'scenario') continue;
    if (options.scenarioName !== undefined && item.title?.value !== options.scenarioName) continue;
    const error = analysis.stopOf(file, item);
    if (error) stopped.push({ scenario: item, error });
  }
  return stopped;
}

/** Where a step starts and ends (the whole step, e.g. `at 1m crash CM1`). */
export function stepRange(scenario: ScenarioDecl, ref: number | undefined): Range {
  const step: Step | undefined = ref === undefined ? undefined : scenario.steps[ref];
  return step?.range ?? scenario.title?.range ?? scenario.keywordRange;
}

/** `expectation-failed` errors and the findings as warnings, at the steps that caused them. */
export function simulationDiagnostics(runs: readonly ScenarioRun[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const run of runs) {
    const title = run.scenario.title?.value ?? '';
    if (run.result.cancelled) {
      // Stopped before its end (an edit, or the editor's time budget): its figures prove nothing.
      diagnostics.push({
        file: run.file,
        range: run.scenario.title?.range ?? run.scenario.keywordRange,
        severity: DIAGNOSTIC_CODES['simulation-limit'].severity,
        code: 'simulation-limit',
        message: `Scenario "${title}" was stopped before its end: it did not finish within the editor's time budget. Run \`failover simulate\` for the full figures, or raise failover.simulation.timeBudgetMs.`,
      });
      continue;
    }
    for (const expectation of run.result.expectations) {
      if (expectation.passed) continue;
      diagnostics.push({
        file: run.file,
        range: stepRange(run.scenario, expectation.ref),
        severity: DIAGNOSTIC_CODES['expectation-failed'].severity,
        code: 'expectation-failed',
        message: `Expectation not met in "${title}": ${expectation.message}.`,
      });
    }
    for (const finding of run.result.findings) {
      const code: DiagnosticCode = finding.code;
      diagnostics.push({
        file: run.file,
        range: stepRange(run.scenario, finding.ref),
        severity: DIAGNOSTIC_CODES[code].severity,
        code,
        message: `${finding.message} (scenario "${title}")`,
      });
    }
  }
  return diagnostics;
}
