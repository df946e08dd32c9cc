// The commands behind the sweep lens (Show sweep chart) and the advisor's quick fixes: the advisor
// runs in the server's worker under a cancellable progress notification, and its value comes back
// as an edit that the client applies, so it can be undone like any edit.
import { commands, ProgressLocation, Range, Uri, window, workspace, WorkspaceEdit, type Disposable } from 'vscode';
import { Requests, type AdviseParams, type AdviseResult } from '../../../server/src/lsp/protocol';
import { Commands } from '../commandIds';
import type { FailoverLanguageClient } from '../languageClient';
import type { SweepPanel } from './sweepPanel';

export function registerSweepCommands(client: FailoverLanguageClient, panel: SweepPanel): Disposable[] {
  return [
    commands.registerCommand(Commands.showSweepChart, (uri?: unknown, sweep?: unknown) => {
      if (typeof uri === 'string' && typeof sweep === 'string') panel.show(uri, sweep);
      else void window.showInformationMessage('Use the "Show sweep chart" lens above a sweep to open its chart.');
    }),
    commands.registerCommand(Commands.adviseFix, (params?: unknown, title?: unknown) =>
      adviseFix(client, params as AdviseParams, String(title ?? 'Finding a value')),
    ),
  ];
}

async function adviseFix(client: FailoverLanguageClient, params: AdviseParams | undefined, title: string): Promise<void> {
  if (!params || typeof params.uri !== 'string') return;
  let result: AdviseResult;
  try {
    result = await window.withProgress({ location: ProgressLocation.Notification, title: `${title}…`, cancellable: true }, (_, token) =>
      client.request<AdviseResult>(Requests.advise, params, token),
    );
  } catch (error) {
    void window.showErrorMessage(`Failover: the advisor failed: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if ('cancelled' in result) return;
  if ('none' in result) {
    void window.showInformationMessage(`Failover: ${result.none}${result.warning ? ` (${result.warning})` : ''}`);
    return;
  }
  const edit = new WorkspaceEdit();
  for (const [uri, edits] of Object.entries(result.changes))
    for (const change of edits)
      edit.replace(
        Uri.parse(uri),
        new Range(change.range.start.line, change.range.start.character, change.range.end.line, change.range.end.character),
        change.newText,
      );
  if (!(await workspace.applyEdit(edit))) {
    void window.showErrorMessage(`Failover: could not write ${result.applied}.`);
    return;
  }
  const runs = `${result.runs} ${result.runs === 1 ? 'simulation' : 'simulations'}`;
  void window.showInformationMessage(`Failover: ${result.applied} meets the scenario (${runs}).${result.warning ? ` Warning: ${result.warning}` : ''}`);
}
