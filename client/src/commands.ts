// The commands. The first four act on a `.failover` document: the one passed (a URI string from a
// code lens, a Uri from the editor title bar) or else the active editor's. Import from CUCM needs
// none (importCucm.ts).
import { ProgressLocation, Uri, window, workspace, type Disposable, type OutputChannel, commands } from 'vscode';
import { Requests, type ImportCucmResult, type StatusEntry, type TimelineResult } from '../../server/src/lsp/protocol';
import { Commands } from './commandIds';
import { CucmImport } from './importCucm';
import { LANGUAGE_ID, type FailoverLanguageClient } from './languageClient';
import { describeStatus } from './status';
import type { ScenarioStatusBar } from './statusBar';
import type { TimelinePanel } from './timeline/timelinePanel';

export interface CommandServices {
  readonly client: FailoverLanguageClient;
  readonly statusBar: ScenarioStatusBar;
  readonly timeline: TimelinePanel;
  /** The Failover output channel. */
  readonly output: OutputChannel;
}

export function registerCommands(services: CommandServices): Disposable[] {
  const cucmImport = new CucmImport(
    { window, workspace, ProgressLocation },
    (params) => services.client.request<ImportCucmResult>(Requests.importCucm, params),
    services.output,
  );
  return [
    commands.registerCommand(Commands.showTimeline, (target?: unknown, scenario?: unknown) => showTimeline(services, target, scenario)),
    commands.registerCommand(Commands.runScenario, (target?: unknown) => runScenarios(services, target)),
    commands.registerCommand(Commands.exportResults, (target?: unknown) => exportResults(services, target)),
    commands.registerCommand(Commands.restartServer, () => restartServer(services)),
    commands.registerCommand(Commands.importCucm, () => cucmImport.run()),
  ];
}

/** The document a command is about, as the URI string the server knows it by. */
function documentUri(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (target instanceof Uri) return target.toString();
  const document = window.activeTextEditor?.document;
  return document?.languageId === LANGUAGE_ID ? document.uri.toString() : undefined;
}

function fileName(uri: string): string {
  return Uri.parse(uri).path.split('/').pop() || uri;
}

function failed(action: string, error: unknown): void {
  void window.showErrorMessage(`Failover: could not ${action}: ${error instanceof Error ? error.message : String(error)}`);
}

async function showTimeline({ client, timeline }: CommandServices, target: unknown, scenario: unknown): Promise<void> {
  const uri = documentUri(target);
  if (!uri) {
    void window.showInformationMessage('Open a .failover file to show the timeline of one of its scenarios.');
    return;
  }
  if (typeof scenario === 'string') {
    timeline.show(uri, scenario);
    return;
  }
  let result: TimelineResult;
  try {
    result = await window.withProgress({ location: ProgressLocation.Window, title: 'Simulating…' }, () =>
      client.request<TimelineResult>(Requests.timeline, { uri }),
    );
  } catch (error) {
    failed('show the timeline', error);
    return;
  }
  if ('unavailable' in result) {
    void window.showWarningMessage(`${fileName(uri)}: ${result.unavailable}`);
    return;
  }
  const { data } = result;
  let chosen = data.scenario;
  if (data.scenarios.length > 1) {
    const picked = await window.showQuickPick(
      data.scenarios.map((title) => ({ label: title })),
      { title: `Show Timeline — ${fileName(uri)}`, placeHolder: 'The scenario to show' },
    );
    if (!picked) return;
    chosen = picked.label;
  }
  timeline.show(uri, chosen, data);
}

async function runScenarios({ client, statusBar }: CommandServices, target: unknown): Promise<void> {
  const uri = documentUri(target);
  if (!uri) {
    void window.showInformationMessage('Open a .failover file to run its scenarios.');
    return;
  }
  let status: StatusEntry | undefined;
  try {
    status = await window.withProgress({ location: ProgressLocation.Notification, title: `Running the scenarios of ${fileName(uri)}…` }, () =>
      client.request<StatusEntry | undefined>(Requests.runScenario, { uri }),
    );
  } catch (error) {
    failed('run the scenarios', error);
    return;
  }
  if (!status) {
    const mode = workspace.getConfiguration('failover', Uri.parse(uri)).get<string>('simulation.mode');
    void window.showWarningMessage(
      mode === 'off' ? 'Simulation is off (setting failover.simulation.mode), so no scenario was run.' : `No scenario of ${fileName(uri)} was simulated.`,
    );
    return;
  }
  statusBar.update(status);
  const { failing } = describeStatus(status);
  const text = status.notSimulated
    ? `${fileName(uri)} has errors, so its scenarios are not simulated.`
    : status.scenarios === 0
      ? `${fileName(uri)} has no scenario.`
      : failing
        ? `${fileName(uri)}: ${status.failed} of ${status.scenarios} scenarios failing (${status.expectationsFailed} expectations not met).`
        : `${fileName(uri)}: ${status.passed}/${status.scenarios} scenarios meet their expectations.`;
  const actions = status.scenarios > 0 ? ['Show Timeline'] : [];
  const answer = failing || status.notSimulated ? await window.showWarningMessage(text, ...actions) : await window.showInformationMessage(text, ...actions);
  if (answer === 'Show Timeline') await commands.executeCommand(Commands.showTimeline, uri);
}

async function exportResults({ client }: CommandServices, target: unknown): Promise<void> {
  const uri = documentUri(target);
  if (!uri) {
    void window.showInformationMessage('Open a .failover file to export the results of its scenarios.');
    return;
  }
  let results: { scenarios?: unknown[] } | undefined;
  try {
    results = await window.withProgress({ location: ProgressLocation.Window, title: 'Simulating…' }, () =>
      client.request<{ scenarios?: unknown[] } | undefined>(Requests.exportResults, { uri }),
    );
  } catch (error) {
    failed('export the results', error);
    return;
  }
  if (!results) {
    void window.showWarningMessage(`${fileName(uri)} is not part of the workspace the language server sees.`);
    return;
  }
  if (!results.scenarios || results.scenarios.length === 0) {
    void window.showWarningMessage(`${fileName(uri)} has no simulated scenario to export (a file with errors is not simulated).`);
    return;
  }
  const source = Uri.parse(uri);
  const folder = workspace.getWorkspaceFolder(source)?.uri ?? workspace.workspaceFolders?.[0]?.uri;
  const defaultUri =
    source.scheme === 'file' ? source.with({ path: source.path.replace(/\.failover$/, '') + '.results.json' }) : folder && Uri.joinPath(folder, 'results.json');
  const destination = await window.showSaveDialog({
    title: 'Export Simulation Results',
    saveLabel: 'Export',
    filters: { JSON: ['json'] },
    ...(defaultUri ? { defaultUri } : {}),
  });
  if (!destination) return;
  try {
    // The client writes the file the user chose; the server never writes files.
    await workspace.fs.writeFile(destination, new TextEncoder().encode(`${JSON.stringify(results, null, 2)}\n`));
  } catch (error) {
    failed(`write ${destination.fsPath || destination.toString()}`, error);
    return;
  }
  const open = await window.showInformationMessage(`Exported the results of ${fileName(uri)} to ${workspace.asRelativePath(destination)}.`, 'Open');
  if (open) await window.showTextDocument(destination);
}

async function restartServer({ client }: CommandServices): Promise<void> {
  try {
    await window.withProgress({ location: ProgressLocation.Window, title: 'Restarting the Failover language server…' }, () => client.restart());
  } catch (error) {
    failed('restart the language server', error);
  }
}
