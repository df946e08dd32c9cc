// The sweeps' background phase. It starts only once the scenarios' results of a version are
// published (so a sweep never delays a scenario's lens), runs every sweep of the open documents and
// of the workspace in a worker of its own, is cancelled by the next change, and is bounded by the
// editor's time budget: when that runs out, the runs that finished are kept and the sweep gets a
// `simulation-limit` warning on its title. Owned by ServerContext.
import type { Diagnostic } from '../core/diagnostics';
import { DIAGNOSTIC_CODES } from '../core/diagnostics';
import { fileSweeps, type SweepRunResult } from '../core/results/sweeps';
import type { Analysis } from '../core/workspace/analysis';
import type { SweepSpec } from '../core/workspace/sweeps';
import type { EditorSweepsJob } from '../node/simulationProtocol';
import { WorkerJobs } from '../node/workerJobs';
import type { ServerContext } from './context';
import { uriToKey } from './convert';
import { Notifications } from './protocol';

/** One sweep's result: the runs that finished, in the order of LANGUAGE.md. */
export interface SweepResult {
  readonly spec: SweepSpec;
  readonly runs: readonly SweepRunResult[];
  /** The time budget ran out before every run finished. */
  readonly outOfTime: boolean;
}

export interface SweepSnapshot {
  readonly version: number;
  /** By file, then by sweep title. */
  readonly results: ReadonlyMap<string, ReadonlyMap<string, SweepResult>>;
}

export class SweepScheduler {
  private readonly jobs: WorkerJobs;
  private latest: SweepSnapshot | undefined;
  private disposed = false;

  constructor(private readonly context: ServerContext) {
    this.jobs = new WorkerJobs('sweeps', (message) => context.log(message));
    context.simulations.onSimulated(() => void this.run());
  }

  /** The sweeps' results for the current version; undefined while they run (or are not due). */
  get snapshot(): SweepSnapshot | undefined {
    return this.latest?.version === this.context.state.version ? this.latest : undefined;
  }

  /** A change: whatever runs belongs to an older text. */
  cancel(): void {
    this.jobs.cancel('the text changed');
  }

  dispose(): void {
    this.disposed = true;
    this.jobs.dispose();
  }

  /** The `simulation-limit` warnings of `file`'s sweeps that ran out of time, on their titles. */
  diagnostics(analysis: Analysis, file: string): Diagnostic[] {
    const results = this.snapshot?.results.get(file);
    if (!results) return [];
    const diagnostics: Diagnostic[] = [];
    for (const item of analysis.program.unit(file)?.parsed.file.items ?? []) {
      if (item.kind !== 'sweep' || !item.title) continue;
      const result = results.get(item.title.value);
      if (!result?.outOfTime) continue;
      const { spec, runs } = result;
      diagnostics.push({
        file,
        range: item.title.range,
        severity: DIAGNOSTIC_CODES['simulation-limit'].severity,
        code: 'simulation-limit',
        message: `Sweep "${spec.name}" did not finish within the editor's time budget: ${runs.length} of ${spec.runs} runs are shown. Run \`failover sweep\` for them all, or raise failover.simulation.timeBudgetMs.`,
      });
    }
    return diagnostics;
  }

  private async run(): Promise<void> {
    const { state, configuration } = this.context;
    const version = state.version;
    const analysis = await state.ready();
    if (this.disposed || state.version !== version || this.latest?.version === version) return;
    const open = state.documents.all().map((d) => uriToKey(d.uri));
    const files = [...new Set([...open, ...state.roots()])].filter((key) => analysis.program.unit(key));
    const work: { file: string; spec: SweepSpec }[] = [];
    for (const file of files) for (const sweep of fileSweeps(analysis, file)) if (sweep.spec) work.push({ file, spec: sweep.spec });
    if (work.length === 0) {
      this.publish({ version, results: new Map() }, false);
      return;
    }
    const settings = await configuration.get(state.documents.all()[0]?.uri);
    const outcome = await this.jobs.run<EditorSweepsJob>({
      kind: 'editor-sweeps',
      files: state.snapshotTexts(analysis),
      roots: state.roots(),
      sweeps: work.map(({ file, spec }) => ({ file, sweep: spec.name })),
      budgetMs: settings.simulation.timeBudgetMs,
    });
    if (!outcome || outcome.cancelled || outcome.error || this.disposed || state.version !== version) return;
    const results = new Map<string, Map<string, SweepResult>>();
    work.forEach(({ file, spec }, i) => {
      const runs = outcome.results[i] ?? [];
      let byTitle = results.get(file);
      if (!byTitle) results.set(file, (byTitle = new Map()));
      if (!byTitle.has(spec.name)) byTitle.set(spec.name, { spec, runs, outOfTime: runs.length < spec.runs });
    });
    this.publish({ version, results }, true);
  }

  private publish(snapshot: SweepSnapshot, refresh: boolean): void {
    this.latest = snapshot;
    if (!refresh) return;
    const { connection, support } = this.context;
    if (support.codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (support.pullDiagnostics && support.diagnosticRefresh) void connection.sendRequest('workspace/diagnostic/refresh').catch(() => undefined);
    if (!support.pullDiagnostics) void this.context.pushDiagnostics();
    void connection.sendNotification(Notifications.sweepsSimulated, {});
  }
}
