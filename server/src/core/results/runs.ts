// Runs the scenarios of a file: the bridge from the linked workspace to the simulator, and from
// the simulator's figures back to places in the text (diagnostics, code lenses, reports).
import type { Diagnostic, DiagnosticCode } from '../diagnostics';
import { DIAGNOSTIC_CODES } from '../diagnostics';
import type { Range, ScenarioDecl, Step } from '../syntax/ast';
import { simulate } from '../simulation/engine';
import type { ScenarioResult, SimOptions, SimScenario } from '../simulation/model';
import type { Analysis } from '../workspace/analysis';
import { buildSimScenario } from '../workspace/settings';

export interface ScenarioRun {
  readonly file: string;
  readonly scenario: ScenarioDecl;
  readonly input: SimScenario;
  readonly result: ScenarioResult;
}

export interface RunOptions extends SimOptions {
  /** Only the scenario with this title. */
  readonly scenarioName?: string;
}

/** The file's own scenarios, simulated in text order; none when the file is not simulable. */
export function runScenarios(analysis: Analysis, file: string, options: RunOptions = {}): ScenarioRun[] {
  const unit = analysis.program.unit(file);
  if (!unit || !analysis.isSimulable(file)) return [];
  const runs: ScenarioRun[] = [];
  for (const item of unit.parsed.file.items) {
    if (item.kind !== 'scenario') continue;
    if (options.scenarioName !== undefined && item.title?.value !== options.scenarioName) continue;
    if (!item.steps.some((s) => s.kind === 'event') && !item.steps.some((s) => s.kind !== 'settings')) continue;
    const input = buildSimScenario(analysis.program, analysis.index, file, item);
    const result = simulate(input, options);
    runs.push({ file, scenario: item, input, result });
    if (result.cancelled) break;
  }
  return runs;
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
