// The background phase: after each change, the workspace is simulated in the worker (open
// documents' scenarios first); when it finishes, clients are asked to refresh what depends on it.
import type { ServerContext } from '../context';
import { SimulationService } from '../../node/simulationService';
import { uriToKey } from '../convert';

let service: SimulationService | undefined;

/** Listeners told when a simulation for the current version is available (status bar, timeline). */
const listeners: ((context: ServerContext) => void)[] = [];
export function onSimulated(listener: (context: ServerContext) => void): void {
  listeners.push(listener);
}

export async function scheduleSimulation(context: ServerContext, uri: string | undefined, reason: 'edit' | 'save' | 'other'): Promise<void> {
  const { state } = context;
  const version = state.version;
  service ??= new SimulationService(undefined, (m) => context.log(m));
  // Whatever runs belongs to an older text: stop it now, so it does not compete with this
  // change's analysis for the CPU.
  service.cancel();
  const configuration = await context.configuration.get(uri ?? state.documents.all()[0]?.uri);
  if (configuration.simulation.mode === 'off') {
    state.clearSimulation();
    return;
  }
  if (configuration.simulation.mode === 'onSave' && reason === 'edit') return;
  const analysis = await state.ready();
  if (state.version !== version) return; // a newer change has its own schedule
  const open = state.documents.all().map((d) => uriToKey(d.uri));
  const targets = [...new Set([...open, ...state.roots()])].filter((key) => analysis.program.unit(key));
  const outcome = await service.run({
    files: state.snapshotTexts(analysis),
    targets,
    roots: state.roots(),
    budgetMs: configuration.simulation.timeBudgetMs,
    maxPhones: configuration.simulation.maxPhones,
  });
  if (!outcome || state.version !== version) return;
  state.setSimulation({
    version,
    diagnostics: new Map(outcome.diagnostics),
    runs: new Map(outcome.runs),
    impacts: outcome.impacts,
    elapsedMs: outcome.elapsedMs,
  });
  await refreshClients(context);
  for (const listener of listeners) listener(context);
}

/** Asks the client to re-request whatever the simulation feeds. */
export async function refreshClients(context: ServerContext): Promise<void> {
  const { connection, support } = context;
  const refreshes: Promise<unknown>[] = [];
  if (support.pullDiagnostics && support.diagnosticRefresh) refreshes.push(connection.sendRequest('workspace/diagnostic/refresh'));
  if (!support.pullDiagnostics) refreshes.push(context.pushDiagnostics());
  if (support.codeLensRefresh) refreshes.push(connection.sendRequest('workspace/codeLens/refresh'));
  if (support.inlayHintRefresh) refreshes.push(Promise.resolve(connection.languages.inlayHint.refresh()));
  await Promise.allSettled(refreshes);
}

export function disposeSimulation(): void {
  service?.dispose();
  service = undefined;
}
