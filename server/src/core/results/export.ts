// PRODUCT.md's machine form of a file's runs (`simulate --format json`, the editor's Export Results).
import { DIAGNOSTIC_CODES } from '../diagnostics';
import type { ScenarioRun } from './runs';
import { stepRange } from './runs';
import type { LineIndex } from '../syntax/lineIndex';

export function simulationJsonObject(file: string, runs: readonly ScenarioRun[], lines: LineIndex): object {
  const lineOf = (offset: number) => lines.positionAt(offset).line + 1;
  return {
    file,
    scenarios: runs.map((run) => ({
      name: run.result.name,
      line: lineOf(run.scenario.range.start),
      end: run.result.end,
      settled: run.result.settled,
      pools: run.result.pools,
      targets: run.result.targets,
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
