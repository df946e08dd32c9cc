// The language client as the rest of the extension sees it: start, requests, restart, and the
// server's notifications as events: `failover/simulated` for the status bar and the timeline,
// `failover/testsChanged` for the Testing view.
// vscode-languageclient itself lives in dist/serverConnection.js and is loaded right after
// activation, not during it: activation stays a few milliseconds, and nothing here waits for it
// except the calls that need the server. `failover.trace.server` is read by vscode-languageclient
// itself (the client's id is `failover`).
import * as path from 'node:path';
import { EventEmitter, type CancellationToken, type Disposable, type Event, type ExtensionContext, type OutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Notifications, type StatusEntry, type TestsChangedParams } from '../../server/src/lsp/protocol';
import type { createLanguageClient, onRunning, reportViewport } from './serverConnection';

export { LANGUAGE_ID } from './languageId';

export class FailoverLanguageClient implements Disposable {
  private readonly client: Promise<LanguageClient>;
  private readonly simulated = new EventEmitter<StatusEntry>();
  private readonly restarted = new EventEmitter<void>();
  private readonly running = new EventEmitter<void>();
  private readonly testsChanged = new EventEmitter<TestsChangedParams>();
  private readonly sweepsSimulated = new EventEmitter<void>();
  /** After each simulation, once per open `.failover` document. */
  readonly onDidSimulate: Event<StatusEntry> = this.simulated.event;
  /** The server was restarted: whatever it said before is void. */
  readonly onDidRestart: Event<void> = this.restarted.event;
  /** The server is running: first started, or started again after a restart or a crash. */
  readonly onDidRun: Event<void> = this.running.event;
  /** The server's view of some files changed (all of them without `uris`): their test items are to be asked for again. */
  readonly onTestsChanged: Event<TestsChangedParams> = this.testsChanged.event;
  /** The sweeps' results changed (`failover/sweepsSimulated`). */
  readonly onSweepsSimulated: Event<void> = this.sweepsSimulated.event;

  constructor(context: ExtensionContext, output: OutputChannel) {
    this.client = new Promise<LanguageClient>((resolve, reject) => {
      // After activate() has returned: loading vscode-languageclient is most of the start-up cost.
      setImmediate(() => {
        try {
          // A bundle of its own, loaded on demand (see the comment above): not an import on purpose.
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const connection = require(context.asAbsolutePath(path.join('dist', 'serverConnection.js'))) as {
            createLanguageClient: typeof createLanguageClient;
            onRunning: typeof onRunning;
            reportViewport: typeof reportViewport;
          };
          const client = connection.createLanguageClient(context, output);
          // Registered before start: vscode-languageclient keeps them across restarts.
          client.onNotification(Notifications.simulated, (entry: StatusEntry) => this.simulated.fire(entry));
          client.onNotification(Notifications.testsChanged, (params: TestsChangedParams) => this.testsChanged.fire(params));
          client.onNotification(Notifications.sweepsSimulated, () => this.sweepsSimulated.fire());
          connection.onRunning(client, () => this.running.fire());
          context.subscriptions.push(connection.reportViewport(client));
          resolve(client);
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  async start(): Promise<void> {
    await (await this.client).start();
  }

  /** Sends one of the server's own requests, starting the server first if it is not running. */
  async request<Result>(method: string, params: object, token?: CancellationToken): Promise<Result> {
    const client = await this.client;
    await client.start();
    return token ? client.sendRequest<Result>(method, params, token) : client.sendRequest<Result>(method, params);
  }

  async restart(): Promise<void> {
    await (await this.client).restart();
    this.restarted.fire();
  }

  async stop(): Promise<void> {
    await (await this.client).stop();
  }

  dispose(): void {
    this.simulated.dispose();
    this.restarted.dispose();
    this.running.dispose();
    this.testsChanged.dispose();
    this.sweepsSimulated.dispose();
  }
}
