// `failover lint`: every check of the editor, over files and folders, for CI.
import { checkFiles, simulateChecks } from '../core/results/check';
import { visiblePhones } from '../core/results/resilience';
import { simulateFilesInParallel } from '../node/parallelSimulation';
import { Analysis } from '../core/workspace/analysis';
import { isolatedBlockAt, type IsolatedBlock } from '../core/workspace/isolation';
import type { Diagnostic } from '../core/diagnostics';
import { LineIndex } from '../core/syntax/lineIndex';
import { NodeFileHost, readSource } from '../node/fileHost';
import { reportProblems, type Output, type Verdict } from './command';
import { formatGithub } from './formats/github';
import { formatJson } from './formats/json';
import { formatJunit } from './formats/junit';
import { countBySeverity, locate, type FileReport, type LintReport, type LocatedDiagnostic, type NotSimulated, type ScenarioReport } from './formats/report';
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

export const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;

interface LintCommandOptions extends LintOptions {
  readonly format: (typeof LINT_FORMATS)[number];
  /** Fail when there are more warnings than this. */
  readonly maxWarnings?: number;
}

/** `failover lint [paths...]`: the report on stdout, unusable inputs on stderr. */
export async function lintCommand(paths: readonly string[], options: LintCommandOptions, out: Output): Promise<Verdict> {
  const inputs = collectInputs(paths);
  reportProblems(out, inputs.problems);
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
    case 'junit':
      return formatJunit(report);
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
  if (options.simulate && options.jobs > 1 && (files.length > 1 || worthAWorker(analysis, files))) {
    // Scenarios on the workers while this thread runs the resilience check (the workers are started
    // before it); merged by file, scenarios first, so the split never shows.
    const scenarios = simulateFilesInParallel(analysis, host, files, options.jobs);
    const resilience = simulateChecks(analysis, []).diagnostics;
    simulated = await scenarios;
    for (const [file, diagnostics] of resilience) simulated.set(file, [...(simulated.get(file) ?? []), ...diagnostics]);
  } else if (options.simulate) {
    simulated = simulateChecks(analysis, files).diagnostics;
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
    const located = diagnostics.map((d) => locate(d, lines, displayPath, linesOf));
    const unit = asked.has(key) ? analysis.program.unit(key) : undefined;
    // The scenarios of the files asked for (an imported file's are not run): for `--format junit`.
    const scenarios = unit
      ? scenarioReports(analysis, key, diagnostics, located, { simulated: simulated && (simulated.get(key) ?? []), linesOf: (file) => linesOf(file) ?? lines })
      : undefined;
    reports.push({ file: displayPath(key), diagnostics: located, ...(scenarios ? { scenarios } : {}) });
  }
  return { report: { files: reports }, unreadable };
}

/** Fewer phones than this, and one file's scenarios run faster here than a worker starts (tens of ms). */
const PHONES_WORTH_A_WORKER = 100_000;

/** Whether a lone file's scenarios are big enough to run beside the resilience check on another core. */
function worthAWorker(analysis: Analysis, files: readonly string[]): boolean {
  return files.some((file) => {
    const unit = analysis.program.unit(file);
    if (!unit || !analysis.isSimulable(file) || !unit.parsed.file.items.some((item) => item.kind === 'scenario')) return false;
    return visiblePhones(analysis, file) >= PHONES_WORTH_A_WORKER;
  });
}

/**
 * Each scenario of `file` with the diagnostics its run left in it (`located[i]` is `diagnostics[i]`
 * located), or why it did not run: the error that stops it, `--no-simulate` (`simulated` absent),
 * or a simulation limit.
 */
function scenarioReports(
  analysis: Analysis,
  file: string,
  diagnostics: readonly Diagnostic[],
  located: readonly LocatedDiagnostic[],
  { simulated, linesOf }: { simulated: readonly Diagnostic[] | undefined; linesOf: (file: string) => LineIndex },
): ScenarioReport[] {
  const source = analysis.program.unit(file)!.parsed.file;
  const fromRuns = new Set(simulated);
  const byScenario = new Map<IsolatedBlock, LocatedDiagnostic[]>();
  diagnostics.forEach((diagnostic, i) => {
    const scenario = fromRuns.has(diagnostic) ? isolatedBlockAt(source, diagnostic.range.start) : undefined;
    const at = located[i];
    if (scenario && at) byScenario.set(scenario, [...(byScenario.get(scenario) ?? []), at]);
  });
  const reports: ScenarioReport[] = [];
  for (const item of source.items) {
    if (item.kind !== 'scenario') continue;
    const own = byScenario.get(item) ?? [];
    const stop = analysis.stopOf(file, item);
    const limit = own.find((d) => d.code === 'simulation-limit');
    const notSimulated: NotSimulated | undefined = stop
      ? { kind: 'stopped', file: displayPath(stop.file), error: locate(stop, linesOf(stop.file), displayPath, linesOf) }
      : !simulated
        ? { kind: 'skipped', reason: 'not simulated: lint ran with --no-simulate' }
        : limit
          ? { kind: 'skipped', reason: limit.message }
          : undefined;
    reports.push({ title: item.title?.value ?? '', diagnostics: own, ...(notSimulated ? { notSimulated } : {}) });
  }
  return reports;
}
