// The background phase: after each change the workspace is simulated in the worker (open
// documents' scenarios first, those in the editor's view first of all), one run at a time, the
// older one cancelled. Each scenario's results stream in as it is done: the snapshot of the
// version grows, and clients are asked to refresh lenses and diagnostics (at most one refresh in
// flight). When the run for the current version finishes, the complete snapshot replaces the
// partial one, clients refresh again and listeners (the status notification, a timeline request
// waiting for its data) are told: they only ever see complete results. A version is *settled*
// when the schedule is done with it (simulated, or not due to be) and no newer change came meanwhile:
// workspace diagnostics wait for that. Owned by ServerContext.
import type { CancellationToken } from 'vscode-languageserver';
import type { Focus } from '../core/results/check';
import type { Diagnostic } from '../core/diagnostics';
import type { ScenarioRun } from '../core/results/runs';
import type { SimulationProgress } from '../node/simulationProtocol';
import { SimulationService } from '../node/simulationService';
import type { ServerContext } from './context';
import { uriToKey } from './convert';

/** What made the workspace change: with `onSave`, edits alone do not simulate. */
export type ChangeReason = 'edit' | 'save' | 'other';

export class SimulationScheduler {
  private readonly service: SimulationService;
  private readonly listeners = new Set<() => void>();
  private readonly settleListeners = new Set<() => void>();
  private settledVersion = -1;
  private disposed = false;
  /** What the client last said is in view (`failover/viewport`): its scenarios run first. */
  private viewport: { key: string; ranges: readonly { start: number; end: number }[] } | undefined;
  private refreshing: { again: boolean } | undefined;

  constructor(private readonly context: ServerContext) {
    this.service = new SimulationService(undefined, (message) => context.log(message));
  }

  /** Listens for each simulation of the current version (status bar, timeline); returns the way to stop. */
  onSimulated(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True as soon as the current version's simulation is available; false after `timeoutMs`. */
  whenSimulated(timeoutMs: number): Promise<boolean> {
    const { state } = this.context;
    if (state.simulation) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        stopListening();
        resolve(false);
      }, timeoutMs);
      const stopListening = this.onSimulated(() => {
        if (!state.simulation) return;
        clearTimeout(timer);
        stopListening();
        resolve(true);
      });
    });
  }

  /**
   * Resolves once the current version is settled and newer than `after` (at once if it is
   * already), or when `token` is cancelled or the scheduler disposed.
   */
  settled(token: CancellationToken, after = -1): Promise<void> {
    return new Promise((resolve) => {
      const listener = () => {
        const version = this.context.state.version;
        if (!this.disposed && !token.isCancellationRequested && !(this.settledVersion === version && version > after)) return;
        this.settleListeners.delete(listener);
        cancellation.dispose();
        resolve();
      };
      this.settleListeners.add(listener);
      const cancellation = token.onCancellationRequested(listener);
      listener();
    });
  }

  /** The same as `settled`, for a version after `version`: the next change, once it has settled. */
  settledAfter(version: number, token: CancellationToken): Promise<void> {
    return this.settled(token, version);
  }

  /** The part of a file in view, as offsets (or none: nothing in view). */
  setViewport(key: string | undefined, ranges: readonly { start: number; end: number }[]): void {
    this.viewport = key === undefined ? undefined : { key, ranges };
  }

  async schedule(uri: string | undefined, reason: ChangeReason): Promise<void> {
    if (this.disposed) return;
    const version = this.context.state.version;
    try {
      await this.simulate(uri, reason, version);
    } finally {
      // Done with this version: unless a newer change has its own schedule, nothing more comes for it.
      if (this.context.state.version === version) {
        this.settledVersion = version;
        for (const listener of [...this.settleListeners]) listener();
      }
    }
  }

  private async simulate(uri: string | undefined, reason: ChangeReason, version: number): Promise<void> {
    const { context, service } = this;
    const { state } = context;
    // Whatever runs belongs to an older text: stop it now, so it does not compete with this
    // change's analysis for the CPU.
    service.cancel('the text changed');
    const configuration = await context.configuration.get(uri ?? state.documents.all()[0]?.uri);
    if (configuration.simulation.mode === 'off') {
      state.clearSimulation();
      return;
    }
    if (configuration.simulation.mode === 'onSave' && reason === 'edit') return;
    const analysis = await state.ready();
    if (this.disposed || state.version !== version) return; // shut down, or a newer change has its own schedule
    const open = state.documents.all().map((d) => uriToKey(d.uri));
    const targets = [...new Set([...open, ...state.roots()])].filter((key) => analysis.program.unit(key));
    const focus = this.focus(uri, targets);
    const partial = { runs: new Map<string, ScenarioRun[]>(), diagnostics: new Map<string, Diagnostic[]>() };
    const onProgress = ({ run, diagnostics }: SimulationProgress) => {
      if (this.disposed || state.version !== version) return;
      const runs = [...(partial.runs.get(run.file) ?? []), run].sort((a, b) => a.scenario.range.start - b.scenario.range.start);
      partial.runs.set(run.file, runs);
      if (diagnostics.length > 0) partial.diagnostics.set(run.file, [...(partial.diagnostics.get(run.file) ?? []), ...diagnostics]);
      state.setSimulation({ version, complete: false, diagnostics: partial.diagnostics, runs: partial.runs, impacts: [], elapsedMs: 0 });
      this.refreshSoon();
    };
    const outcome = await service.run(
      {
        files: state.snapshotTexts(analysis),
        targets,
        roots: state.roots(),
        budgetMs: configuration.simulation.timeBudgetMs,
        maxPhones: configuration.simulation.maxPhones,
        stream: true,
        ...(focus ? { focus } : {}),
      },
      onProgress,
    );
    if (!outcome || state.version !== version) return;
    state.setSimulation({
      version,
      complete: true,
      diagnostics: new Map(outcome.diagnostics),
      runs: outcome.streamed ? new Map(outcome.runs.map(([file]) => [file, partial.runs.get(file) ?? []])) : new Map(outcome.runs),
      impacts: outcome.impacts,
      elapsedMs: outcome.elapsedMs,
    });
    await this.refreshClients();
    for (const listener of [...this.listeners]) listener();
  }

  /** The file in view if it is simulated, else the one that changed (from its start). */
  private focus(uri: string | undefined, targets: readonly string[]): Focus | undefined {
    const viewport = this.viewport;
    if (viewport && targets.includes(viewport.key)) return { file: viewport.key, ranges: viewport.ranges };
    const key = uri === undefined ? undefined : uriToKey(uri);
    return key !== undefined && targets.includes(key) ? { file: key, ranges: [{ start: 0, end: 0 }] } : undefined;
  }

  /** A refresh for the scenarios just done: at once, or after the one in flight (then once for all that came meanwhile). */
  private refreshSoon(): void {
    if (this.refreshing) {
      this.refreshing.again = true;
      return;
    }
    const refreshing = (this.refreshing = { again: false });
    void this.refreshClients().finally(() => {
      this.refreshing = undefined;
      if (refreshing.again && !this.disposed) this.refreshSoon();
    });
  }

  /** Stops the running simulation and the worker, for good (the server is shutting down). */
  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    // Whoever waits for a settled version is let go: there will be none.
    for (const listener of [...this.settleListeners]) listener();
    this.service.dispose();
  }

  /** Asks the client to re-request whatever the simulation feeds. */
  private async refreshClients(): Promise<void> {
    const { connection, support } = this.context;
    const refreshes: Promise<unknown>[] = [];
    if (support.pullDiagnostics && support.diagnosticRefresh) refreshes.push(connection.sendRequest('workspace/diagnostic/refresh'));
    if (!support.pullDiagnostics) refreshes.push(this.context.pushDiagnostics());
    if (support.codeLensRefresh) refreshes.push(connection.sendRequest('workspace/codeLens/refresh'));
    if (support.inlayHintRefresh) refreshes.push(Promise.resolve(connection.languages.inlayHint.refresh()));
    await Promise.allSettled(refreshes);
  }
}
