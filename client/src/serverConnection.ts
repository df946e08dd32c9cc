// The heavy half of the language client, in a bundle of its own (dist/serverConnection.js):
// vscode-languageclient costs most of the extension's code loading, so it is loaded just after
// activation instead of during it (see languageClient.ts). Starts the bundled server
// (dist/server.js) over IPC for `.failover` documents and keeps it told of file changes on disk.
import * as path from 'node:path';
import { Disposable, window, workspace, type ExtensionContext, type OutputChannel } from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Notifications, type ViewportParams } from '../../server/src/lsp/protocol';
import { LANGUAGE_ID } from './languageId';

export function createLanguageClient(context: ExtensionContext, output: OutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    synchronize: {
      fileEvents: [workspace.createFileSystemWatcher('**/*.failover'), workspace.createFileSystemWatcher('**/failover.config.json')],
    },
    outputChannel: output,
  };
  return new LanguageClient(LANGUAGE_ID, 'Failover Language Server', serverOptions, clientOptions);
}

/** Calls `listener` each time the client reaches the running state (its first start, and every restart). */
export function onRunning(client: LanguageClient, listener: () => void): Disposable {
  return client.onDidChangeState((event) => {
    if (event.newState === State.Running) listener();
  });
}

/** Pause after the view stops moving before the server hears of it: scrolling sends one notification, not hundreds. */
const VIEWPORT_DELAY_MS = 100;

/** Tells the server what the active `.failover` editor shows, so that it simulates those scenarios first. */
export function reportViewport(client: LanguageClient): Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = () => {
    timer = undefined;
    if (!client.isRunning()) return;
    const editor = window.activeTextEditor;
    const params: ViewportParams =
      editor?.document.languageId === LANGUAGE_ID
        ? {
            uri: editor.document.uri.toString(),
            ranges: editor.visibleRanges.map((r) => ({
              start: { line: r.start.line, character: r.start.character },
              end: { line: r.end.line, character: r.end.character },
            })),
          }
        : {};
    void client.sendNotification(Notifications.viewport, params);
  };
  const soon = () => {
    timer ??= setTimeout(send, VIEWPORT_DELAY_MS);
  };
  return Disposable.from(
    window.onDidChangeActiveTextEditor(soon),
    window.onDidChangeTextEditorVisibleRanges(soon),
    onRunning(client, soon),
    new Disposable(() => clearTimeout(timer)),
  );
}
