// `failover lint`: every check of the editor, over files and folders, for CI.
import { checkFiles, simulateChecks } from '../core/results/check';
import { simulateFilesInParallel } from '../node/parallelSimulation';
import { Analysis } from '../core/workspace/analysis';
import type { Diagnostic } from '../core/diagnostics';
import { LineIndex } from '../core/syntax/lineIndex';
import { NodeFileHost, readSource } from '../node/fileHost';
import { locate, type FileReport, type LintReport } from './formats/report';
import { displayPath } from './inputs';

export interface LintOptions {
  readonly simulate: boolean;
  /** Worker threads for the scenarios (1: all in this thread). */
  readonly jobs: number;
}

export interface LintOutcome {
  readonly report: LintReport;
  /** One line per given file that could not be read (the analysis leaves such roots out). */
  readonly unreadable: string[];
}

/** Lints the given files (workspace keys) and everything they import. */
export async function lintFiles(files: readonly string[], options: LintOptions): Promise<LintOutcome> {
  const host = new NodeFileHost();
  const analysis = Analysis.load(files, host);
  // A file that vanished, is not a regular file or is too large since it was listed must not pass as clean.
  const unreadable = files.flatMap((key) => {
    if (analysis.program.unit(key)) return [];
    const read = host.readFile(key);
    return [`cannot read ${displayPath(key)}: ${'error' in read ? read.error : 'it could not be loaded'}`];
  });
  let simulated: Map<string, Diagnostic[]> | undefined;
  if (options.simulate && options.jobs > 1 && files.length > 1) {
    // Scenarios on every core; the resilience check once, here; merged by file, so the split never shows.
    simulated = await simulateFilesInParallel(analysis, host, files, options.jobs);
    for (const [file, diagnostics] of simulateChecks(analysis, []).diagnostics) simulated.set(file, [...(simulated.get(file) ?? []), ...diagnostics]);
  }
  const byFile: Map<string, Diagnostic[]> = checkFiles(analysis, files, { simulate: options.simulate, simulated }).diagnostics;
  for (const [config, diagnostics] of analysis.configDiagnostics([...byFile.keys()])) byFile.set(config, diagnostics);

  const linesCache = new Map<string, LineIndex>();
  const linesOf = (key: string): LineIndex | undefined => {
    const unit = analysis.program.unit(key);
    if (unit) return unit.lines;
    let lines = linesCache.get(key);
    if (!lines) {
      const read = readSource(key);
      if ('error' in read) return undefined;
      linesCache.set(key, (lines = new LineIndex(read.text)));
    }
    return lines;
  };
  const asked = new Set(files);
  const reports: FileReport[] = [];
  for (const key of [...byFile.keys()].sort()) {
    const diagnostics = byFile.get(key)!;
    // Files reached only through imports are shown when they have something to say.
    if (!asked.has(key) && diagnostics.length === 0) continue;
    const lines = linesOf(key) ?? new LineIndex('');
    reports.push({ file: displayPath(key), diagnostics: diagnostics.map((d) => locate(d, lines, displayPath, linesOf)) });
  }
  return { report: { files: reports }, unreadable };
}
