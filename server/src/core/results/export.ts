// PRODUCT.md's machine form of a file's runs (`simulate --format json`, the editor's Export Results).
import { DIAGNOSTIC_CODES } from '../diagnostics';
import type { ScenarioRun } from './runs';
import { stepRange } from './runs';
import type { LineIndex } from '../syntax/lineIndex';
import type { ScenarioResult } from '../simulation/model';

/** The figures of a run shared by `simulate` and `sweep` (times in ms; `outagePhoneSeconds` rounded by the engine). */
export function runFigures(result: ScenarioResult): Pick<ScenarioResult, 'end' | 'settled' | 'pools' | 'targets'> {
  return { end: result.end, settled: result.settled, pools: result.pools, targets: result.targets };
}

export function simulationJsonObject(file: string, runs: readonly ScenarioRun[], lines: LineIndex): object {
  const lineOf = (offset: number) => lines.positionAt(offset).line + 1;
  return {
    file,
    scenarios: runs.map((run) => ({
      name: run.result.name,
      line: lineOf(run.scenario.range.start),
      ...runFigures(run.result),
      timeline: run.result.timeline,
      expectations: run.result.expectations.map((e) => ({ line: lineOf(stepRange(run.scenario, e.ref).start), passed: e.passed, message: e.message })),
      findings: run.result.findings.map((f) => ({
        line: lineOf(stepRange(run.scenario, f.ref).start),
        severity: DIAGNOSTIC_CODES[f.code].severity,
        code: f.code,
        message: f.message,
      })),
      ...(run.result.cancelled ? { cancelled: true } : {}),
    })),
  };
}
