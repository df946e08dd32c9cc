// Every diagnostic of a set of files, static and simulated, with each file's rule configuration
// applied: what `failover lint` prints and what the editor shows.
import type { Diagnostic } from '../diagnostics';
import type { SimOptions } from '../simulation/model';
import type { Analysis } from '../workspace/analysis';
import { sortDiagnostics } from '../workspace/analysis';
import { applyRuleConfig } from '../workspace/config';
import { analyzeResilience, resilienceDiagnostics } from './resilience';
import { runScenarios, simulationDiagnostics, type ScenarioRun } from './runs';

export interface CheckOptions extends SimOptions {
  /** Run the scenarios and the resilience check (default true). */
  readonly simulate?: boolean;
}

export interface CheckResult {
  readonly diagnostics: Map<string, Diagnostic[]>;
  readonly runs: Map<string, ScenarioRun[]>;
}

/** Checks every file of the analysis' program; scenarios run for `files` (the ones asked for). */
export function checkFiles(analysis: Analysis, files: readonly string[], options: CheckOptions = {}): CheckResult {
  const diagnostics = new Map<string, Diagnostic[]>();
  const runs = new Map<string, ScenarioRun[]>();
  const simulated = new Map<string, Diagnostic[]>();
  const add = (d: Diagnostic) => {
    const list = simulated.get(d.file);
    if (list) list.push(d);
    else simulated.set(d.file, [d]);
  };
  if (options.simulate !== false) {
    for (const file of files) {
      const fileRuns = runScenarios(analysis, file, options);
      runs.set(file, fileRuns);
      simulationDiagnostics(fileRuns).forEach(add);
    }
    resilienceDiagnostics(analyzeResilience(analysis, options)).forEach(add);
  }
  for (const unit of analysis.program.files) {
    const own = analysis.diagnostics(unit.path);
    const extra = applyRuleConfig(simulated.get(unit.path) ?? [], analysis.ruleConfig(unit.path));
    diagnostics.set(unit.path, extra.length > 0 ? sortDiagnostics([...own, ...extra]) : own);
  }
  return { diagnostics, runs };
}
