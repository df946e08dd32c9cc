// The language client: starts the bundled server (dist/server.js) over IPC for `.failover`
// documents, keeps it told of file changes on disk, and turns its `failover/simulated`
// notification into an event for the status bar and the timeline. `failover.trace.server`
// is read by vscode-languageclient itself (the client's id is `failover`).
import * as path from 'node:path';
import { EventEmitter, workspace, type Disposable, type Event, type ExtensionContext, type OutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Notifications, type StatusEntry } from '../../server/src/lsp/protocol';

export const LANGUAGE_ID = 'failover';

export class FailoverLanguageClient implements Disposable {
  private readonly client: LanguageClient;
  private readonly simulated = new EventEmitter<StatusEntry>();
  private readonly restarted = new EventEmitter<void>();
  /** After each simulation, once per open `.failover` document. */
  readonly onDidSimulate: Event<StatusEntry> = this.simulated.event;
  /** The server was restarted: whatever it said before is void. */
  readonly onDidRestart: Event<void> = this.restarted.event;

  constructor(context: ExtensionContext, output: OutputChannel) {
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
    this.client = new LanguageClient(LANGUAGE_ID, 'Failover Language Server', serverOptions, clientOptions);
    // Registered before start: vscode-languageclient keeps it across restarts.
    this.client.onNotification(Notifications.simulated, (entry: StatusEntry) => this.simulated.fire(entry));
  }

  start(): Promise<void> {
    return this.client.start();
  }

  /** Sends one of the server's own requests, starting the server first if it is not running. */
  async request<Result>(method: string, params: object): Promise<Result> {
    await this.client.start();
    return this.client.sendRequest<Result>(method, params);
  }

  async restart(): Promise<void> {
    await this.client.restart();
    this.restarted.fire();
  }

  stop(): Promise<void> {
    return this.client.stop();
  }

  dispose(): void {
    this.simulated.dispose();
    this.restarted.dispose();
  }
}
