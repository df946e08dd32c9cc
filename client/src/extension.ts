// The VS Code extension: a language client for `.failover` files and, around it, the commands, the
// status bar item, the timeline panel and the scenarios in the Testing view. Activation only wires
// things up; the server starts in the background and nothing waits for it here.
import { window, type ExtensionContext } from 'vscode';
import { Requests, type StatusEntry } from '../../server/src/lsp/protocol';
import { registerCommands } from './commands';
import { FailoverLanguageClient } from './languageClient';
import { ScenarioStatusBar } from './statusBar';
import { ScenarioTests } from './testing/scenarioTests';
import { registerSweepCommands } from './sweep/sweepCommands';
import { SweepPanel } from './sweep/sweepPanel';
import { TimelinePanel } from './timeline/timelinePanel';

let client: FailoverLanguageClient | undefined;

export function activate(context: ExtensionContext): void {
  const output = window.createOutputChannel('Failover');
  const languageClient = new FailoverLanguageClient(context, output);
  const statusBar = new ScenarioStatusBar((uri) => languageClient.request<StatusEntry | undefined>(Requests.status, { uri }));
  const timeline = new TimelinePanel(context.extensionUri, languageClient);
  const sweepChart = new SweepPanel(context.extensionUri, languageClient);
  const scenarioTests = new ScenarioTests(languageClient, (message) => output.appendLine(message));
  context.subscriptions.push(
    output,
    languageClient,
    statusBar,
    timeline,
    scenarioTests,
    languageClient.onDidSimulate((entry) => {
      statusBar.update(entry);
      timeline.simulated(entry);
    }),
    languageClient.onDidRestart(() => statusBar.clear()),
    ...registerCommands({ client: languageClient, statusBar, timeline, output }),
    sweepChart,
    languageClient.onSweepsSimulated(() => sweepChart.sweepsSimulated()),
    ...registerSweepCommands(languageClient, sweepChart),
  );
  client = languageClient;
  // vscode-languageclient reports a failed start in its output channel and a notification.
  languageClient.start().catch((error: unknown) => output.appendLine(`The language server did not start: ${String(error)}`));
}

export function deactivate(): Promise<void> | undefined {
  const stopping = client?.stop();
  client = undefined;
  return stopping;
}
