// Every diagnostic of a set of files, static and simulated, with each file's rule configuration
// applied: what `failover lint` prints and what the editor shows.
import type { Diagnostic } from '../diagnostics';
import type { Range, ScenarioDecl } from '../syntax/ast';
import type { SimOptions } from '../simulation/model';
import type { Analysis } from '../workspace/analysis';
import { sortDiagnostics } from '../workspace/analysis';
import { applyRuleConfig } from '../workspace/config';
import { analyzeResilience, resilienceDiagnostics, type FailureImpact } from './resilience';
import type { ResultCache } from './cache';
import { compactRun, runScenario, simulableScenarios, simulationDiagnostics, type ScenarioRun } from './runs';

export interface CheckOptions extends SimOptions {
  /** Run the scenarios and the resilience check (default true). */
  readonly simulate?: boolean;
  /** Simulation diagnostics computed elsewhere (e.g. by worker threads), used instead of simulating here. */
  readonly simulated?: ReadonlyMap<string, Diagnostic[]>;
}

export interface SimulatedChecks {
  /** Simulation diagnostics only (expectations, findings, resilience), configuration applied. */
  readonly diagnostics: Map<string, Diagnostic[]>;
  readonly runs: Map<string, ScenarioRun[]>;
  readonly impacts: FailureImpact[];
}

/** Where the user looks: a file and the parts of it in view (or the cursor, as an empty range). */
export interface Focus {
  readonly file: string;
  readonly ranges: readonly Range[];
}

export interface SimulateChecksOptions extends SimOptions {
  /** Run the single-failure check too (default true). */
  readonly resilience?: boolean;
  /** Results of earlier runs (the editor's worker keeps one): runs come back compact. */
  readonly cache?: ResultCache;
  /** Its scenarios run first, those in view (or nearest to it) before the others. Changes the order of the work, never the result. */
  readonly focus?: Focus;
  /** Told of each scenario as soon as it is done, with its diagnostics (configuration applied), in the order of the work. */
  readonly onRun?: (run: ScenarioRun, diagnostics: Diagnostic[]) => void;
}

/** How far a scenario is from what is in view: 0 when it overlaps it. */
function distance(scenario: ScenarioDecl, ranges: readonly Range[]): number {
  let best = Infinity;
  for (const r of ranges) {
    const d = scenario.range.end < r.start ? r.start - scenario.range.end : scenario.range.start > r.end ? scenario.range.start - r.end : 0;
    best = Math.min(best, d);
  }
  return best;
}

/** The scenarios to run, in the order of the work: the focus first, nearest first; then each file's in text order. */
function workOrder(analysis: Analysis, files: readonly string[], focus: Focus | undefined): { file: string; scenario: ScenarioDecl }[] {
  const work = files.flatMap((file) => simulableScenarios(analysis, file).map((scenario) => ({ file, scenario })));
  if (!focus || focus.ranges.length === 0) return work;
  const focused = work.filter((w) => w.file === focus.file);
  // A stable sort: equally near scenarios stay in text order.
  focused.sort((a, b) => distance(a.scenario, focus.ranges) - distance(b.scenario, focus.ranges));
  return [...focused, ...work.filter((w) => w.file !== focus.file)];
}

/**
 * Runs the scenarios of `files` and (unless `resilience` is false) the resilience check over the whole program.
 * The result is the same whatever the focus and whatever the cache holds: runs are gathered by file, in
 * text order, after the work. A cancelled run, or a cancellation, stops the work there.
 */
export function simulateChecks(analysis: Analysis, files: readonly string[], options: SimulateChecksOptions = {}): SimulatedChecks {
  const done = new Map<ScenarioDecl, ScenarioRun>();
  for (const { file, scenario } of workOrder(analysis, files, options.focus)) {
    if (options.isCancelled?.()) break;
    const run = runScenario(analysis, file, scenario, options);
    done.set(scenario, run);
    options.onRun?.(run, applyRuleConfig(simulationDiagnostics([run]), analysis.ruleConfig(file)));
    if (run.result.cancelled) break;
  }
  const runs = new Map<string, ScenarioRun[]>();
  const raw: Diagnostic[] = [];
  for (const file of files) {
    const fileRuns = simulableScenarios(analysis, file).flatMap((scenario) => done.get(scenario) ?? []);
    runs.set(file, fileRuns);
    raw.push(...simulationDiagnostics(fileRuns));
  }
  const impacts = options.resilience === false ? [] : analyzeResilience(analysis, { ...options, ...(options.cache ? { simulate: options.cache.steady } : {}) });
  raw.push(...resilienceDiagnostics(impacts));
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const d of raw) {
    const list = diagnostics.get(d.file);
    if (list) list.push(d);
    else diagnostics.set(d.file, [d]);
  }
  for (const [file, list] of diagnostics) diagnostics.set(file, applyRuleConfig(list, analysis.ruleConfig(file)));
  return { diagnostics, runs, impacts };
}

/**
 * `simulateChecks` as the editor keeps it: each run with its digest and without its timeline (a full
 * timeline can hold millions of entries). What the simulation worker sends across the thread.
 */
export function simulateCompactChecks(analysis: Analysis, files: readonly string[], options: SimulateChecksOptions = {}): SimulatedChecks {
  const checks = simulateChecks(analysis, files, options);
  return { ...checks, runs: new Map([...checks.runs].map(([file, runs]) => [file, runs.map(compactRun)])) };
}

export interface CheckResult {
  readonly diagnostics: Map<string, Diagnostic[]>;
  readonly runs: Map<string, ScenarioRun[]>;
}

/** Checks every file of the analysis' program; scenarios run for `files` (the ones asked for). */
export function checkFiles(analysis: Analysis, files: readonly string[], options: CheckOptions = {}): CheckResult {
  const simulated = options.simulate === false || options.simulated ? undefined : simulateChecks(analysis, files, options);
  const extraByFile = options.simulated ?? simulated?.diagnostics;
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const unit of analysis.program.files) {
    const own = analysis.diagnostics(unit.path);
    const extra = extraByFile?.get(unit.path) ?? [];
    diagnostics.set(unit.path, extra.length > 0 ? sortDiagnostics([...own, ...extra]) : own);
  }
  return { diagnostics, runs: simulated?.runs ?? new Map() };
}
