// `failover lint`: every check of the editor, over files and folders, for CI.
import { checkFiles, simulateChecks } from '../core/results/check';
import { simulateFilesInParallel } from '../node/parallelSimulation';
import { Analysis } from '../core/workspace/analysis';
import type { Diagnostic } from '../core/diagnostics';
import { LineIndex } from '../core/syntax/lineIndex';
import { NodeFileHost, readSource } from '../node/fileHost';
import { reportProblems, type Output, type Verdict } from './command';
import { formatGithub } from './formats/github';
import { formatJson } from './formats/json';
import { countBySeverity, locate, type FileReport, type LintReport } from './formats/report';
import { formatSarif } from './formats/sarif';
import { formatStylish } from './formats/stylish';
import { collectInputs, displayPath } from './inputs';
import { RULES_PAGE_URL, VERSION } from './version';

interface LintOptions {
  readonly simulate: boolean;
  /** Worker threads for the scenarios (1: all in this thread). */
  readonly jobs: number;
}

interface LintOutcome {
  readonly report: LintReport;
  /** One line per given file that could not be read (the analysis leaves such roots out). */
  readonly unreadable: string[];
}

export const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;

interface LintCommandOptions extends LintOptions {
  readonly format: (typeof LINT_FORMATS)[number];
  /** Fail when there are more warnings than this. */
  readonly maxWarnings?: number;
}

/** `failover lint [paths...]`: the report on stdout, unusable inputs on stderr. */
export async function lintCommand(paths: readonly string[], options: LintCommandOptions, out: Output): Promise<Verdict> {
  const inputs = collectInputs(paths);
  reportProblems(out, inputs.problems);
  if (inputs.files.length === 0 && inputs.problems.length === 0) reportProblems(out, [`no .failover files found in ${paths.join(', ')}`]);
  const { report, unreadable } = await lintFiles(inputs.files, { simulate: options.simulate, jobs: options.jobs });
  reportProblems(out, unreadable);
  out.write(formatReport(report, options.format, out));
  const counts = countBySeverity(report);
  if (inputs.problems.length > 0 || unreadable.length > 0) return 'usage';
  if (counts.error > 0) return 'problems';
  if (options.maxWarnings !== undefined && counts.warning > options.maxWarnings) {
    reportProblems(out, [`${counts.warning} warnings, more than --max-warnings ${options.maxWarnings}`]);
    return 'problems';
  }
  return 'clean';
}

function formatReport(report: LintReport, format: LintCommandOptions['format'], out: Output): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, VERSION, RULES_PAGE_URL);
    case 'github':
      return formatGithub(report);
    default:
      return formatStylish(report, out.colors);
  }
}

/** Lints the given files (workspace keys) and everything they import. */
async function lintFiles(files: readonly string[], options: LintOptions): Promise<LintOutcome> {
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
