// Every diagnostic of a set of files, static and simulated, with each file's rule configuration
// applied: what `failover lint` prints and what the editor shows.
import type { Diagnostic } from '../diagnostics';
import type { SimOptions } from '../simulation/model';
import type { Analysis } from '../workspace/analysis';
import { sortDiagnostics } from '../workspace/analysis';
import { applyRuleConfig } from '../workspace/config';
import { analyzeResilience, resilienceDiagnostics, type FailureImpact } from './resilience';
import { compactRun, runScenarios, simulationDiagnostics, type ScenarioRun } from './runs';

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

/** Runs the scenarios of `files` and (unless `resilience` is false) the resilience check over the whole program. */
export function simulateChecks(analysis: Analysis, files: readonly string[], options: SimOptions & { resilience?: boolean } = {}): SimulatedChecks {
  const runs = new Map<string, ScenarioRun[]>();
  const raw: Diagnostic[] = [];
  for (const file of files) {
    if (options.isCancelled?.()) break;
    const fileRuns = runScenarios(analysis, file, options);
    runs.set(file, fileRuns);
    raw.push(...simulationDiagnostics(fileRuns));
  }
  const impacts = options.resilience === false ? [] : analyzeResilience(analysis, options);
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
export function simulateCompactChecks(analysis: Analysis, files: readonly string[], options: SimOptions & { resilience?: boolean } = {}): SimulatedChecks {
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
