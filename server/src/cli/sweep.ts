// `failover sweep`: runs the sweeps of the files given (or the one named by --sweep) on several
// cores and prints them as text, CSV or JSON (PRODUCT.md, "failover sweep").
import type { Diagnostic } from '../core/diagnostics';
import { fileSweeps } from '../core/results/sweeps';
import { closest } from '../core/text/closest';
import { Analysis } from '../core/workspace/analysis';
import { NodeFileHost } from '../node/fileHost';
import { runSweepsInParallel, type SweepWork } from '../node/parallelSweeps';
import { reportProblems, UsageError, type Output, type Verdict } from './command';
import { formatErrors } from './errorReport';
import { locate } from './formats/report';
import { formatSweepCsv, formatSweepText, sweepJsonObject, type SweptFile } from './formats/sweepOutput';
import { collectInputs, displayPath } from './inputs';

export const SWEEP_FORMATS = ['text', 'json', 'csv'] as const;

export interface SweepCommandOptions {
  readonly format: (typeof SWEEP_FORMATS)[number];
  /** Only the sweep with this title. */
  readonly sweep?: string;
  /** Worker threads for the runs. */
  readonly jobs: number;
}

/** `a.failover:4:15 Unknown callmanager …`: where an error is, and what it says. */
function whereIs(analysis: Analysis, error: Diagnostic): string {
  const lines = analysis.program.unit(error.file)!.lines;
  const at = locate(error, lines, displayPath, () => lines);
  return `${displayPath(error.file)}:${at.line}:${at.column} ${error.message}`;
}

/** `failover sweep <paths...>`: the runs on stdout; errors (as lint prints them) and stopped sweeps on stderr. */
export async function sweepCommand(paths: readonly string[], options: SweepCommandOptions, out: Output): Promise<Verdict> {
  const inputs = collectInputs(paths);
  reportProblems(out, inputs.problems);
  if (inputs.files.length === 0) return 'usage';
  const host = new NodeFileHost();
  const analysis = Analysis.load(inputs.files, host);
  const unreadable: string[] = [];
  const stopped: string[] = [];
  const work: SweepWork[] = [];
  const perFile: { file: string; work: SweepWork[] }[] = [];
  const titles: string[] = [];
  const withErrors: string[] = [];
  for (const file of inputs.files) {
    if (!analysis.program.unit(file)) {
      const read = host.readFile(file);
      unreadable.push(`cannot read ${displayPath(file)}: ${'error' in read ? read.error : 'it could not be loaded'}`);
      continue;
    }
    const hasErrors = analysis.program.visibleFiles(file).some((f) => analysis.diagnostics(f).some((d) => d.severity === 'error'));
    if (hasErrors) withErrors.push(file);
    const own: SweepWork[] = [];
    for (const sweep of fileSweeps(analysis, file)) {
      titles.push(sweep.title);
      if (options.sweep !== undefined && sweep.title !== options.sweep) continue;
      if (sweep.spec) own.push({ file, spec: sweep.spec });
      else if (sweep.stop)
        stopped.push(`${displayPath(file)}: sweep ${JSON.stringify(sweep.title)} has errors and was not run (first: ${whereIs(analysis, sweep.stop)})`);
    }
    work.push(...own);
    perFile.push({ file, work: own });
  }
  if (options.sweep !== undefined && work.length === 0 && stopped.length === 0 && unreadable.length === 0) {
    const suggestion = closest(options.sweep, titles);
    const where = inputs.files.length === 1 ? displayPath(inputs.files[0]!) : `${inputs.files.length} files`;
    const hint = suggestion
      ? `: did you mean ${JSON.stringify(suggestion)}?`
      : titles.length > 0
        ? ` (${titles
            .slice(0, 8)
            .map((t) => JSON.stringify(t))
            .join(', ')}${titles.length > 8 ? ', …' : ''})`
        : ' (there are none)';
    throw new UsageError(`no sweep named ${JSON.stringify(options.sweep)} in ${where}${hint}`);
  }
  const results = await runSweepsInParallel(analysis, work, options.jobs);
  const byWork = new Map(work.map((w, i) => [w, results[i]!]));
  const swept: SweptFile[] = perFile
    // A file whose every sweep was not asked for by --sweep says nothing.
    .filter((f) => options.sweep === undefined || f.work.length > 0 || inputs.files.length === 1)
    .map((f) => ({ file: displayPath(f.file), sweeps: f.work.map((w) => ({ spec: w.spec, runs: byWork.get(w)! })) }));
  switch (options.format) {
    case 'json': {
      const objects = swept.map(sweepJsonObject);
      // One file given: its object (nothing when it could not be read); several: an array.
      if (inputs.files.length > 1) out.write(JSON.stringify(objects, null, 2) + '\n');
      else if (objects[0]) out.write(JSON.stringify(objects[0], null, 2) + '\n');
      break;
    }
    case 'csv':
      out.write(formatSweepCsv(swept));
      break;
    default:
      out.write(formatSweepText(swept, out.colors));
  }
  if (withErrors.length > 0) out.writeError(formatErrors(analysis, withErrors, out.colors));
  reportProblems(out, [...unreadable, ...stopped]);
  if (inputs.problems.length > 0 || unreadable.length > 0) return 'usage';
  return withErrors.length > 0 ? 'problems' : 'clean';
}
