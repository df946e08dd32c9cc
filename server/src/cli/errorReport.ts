// The errors that keep scenarios or sweeps from running, printed as `lint` prints them (stylish),
// for the commands that run them (`sweep`, `advise`).
import type { Analysis } from '../core/workspace/analysis';
import { locate, type FileReport } from './formats/report';
import { formatStylish, type Colors } from './formats/stylish';
import { displayPath } from './inputs';

/** The errors of `files` and of every file they import, each file once, in load order. */
export function formatErrors(analysis: Analysis, files: readonly string[], colors: Colors): string {
  const seen = new Set<string>();
  const reports: FileReport[] = [];
  for (const file of files) {
    for (const visible of analysis.program.visibleFiles(file)) {
      if (seen.has(visible)) continue;
      seen.add(visible);
      const unit = analysis.program.unit(visible);
      const errors = analysis.diagnostics(visible).filter((d) => d.severity === 'error');
      if (!unit || errors.length === 0) continue;
      const linesOf = (key: string) => analysis.program.unit(key)?.lines;
      reports.push({ file: displayPath(visible), diagnostics: errors.map((d) => locate(d, unit.lines, displayPath, linesOf)) });
    }
  }
  return formatStylish({ files: reports }, colors);
}
