// A real JSON-RPC client for protocol tests: spawns the bundled server (dist/server.js) over stdio
// and speaks LSP to it, answering the server's own requests as VS Code would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver-protocol/node';
import * as lsp from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

const SERVER = path.resolve(__dirname, '../../dist/server.js');

export interface ClientOptions {
  /** Settings returned for `workspace/configuration` (section `failover`). */
  readonly settings?: unknown;
  /** Capabilities to leave out, to test push diagnostics. */
  readonly pullDiagnostics?: boolean;
  /** The server bundle to spawn (default dist/server.js of this checkout). */
  readonly serverPath?: string;
  /** Declare that the server may register text synchronization for more documents, as VS Code does. */
  readonly dynamicTextSync?: boolean;
}

/** Writes files into a fresh folder; returns the folder and the files' URIs. */
export function workspaceFolder(files: Record<string, string>): { root: string; uri: (name: string) => string } {
  const root = mkdtempSync(path.join(tmpdir(), 'failover-lsp-'));
  for (const [name, text] of Object.entries(files)) {
    const full = path.join(root, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return { root, uri: (name: string) => URI.file(path.join(root, name)).toString() };
}

/** Polls `probe` until it returns a value that is not undefined; fails after `timeoutMs`. */
export async function poll<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 60_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export class TestClient {
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly logs: string[] = [];
  readonly pushed = new Map<string, lsp.Diagnostic[]>();
  /** What the server registered dynamically (`client/registerCapability`). */
  readonly registrations: lsp.Registration[] = [];
  initializeResult: lsp.InitializeResult | undefined;
  refreshes = 0;
  private versions = new Map<string, number>();
  private texts = new Map<string, string>();

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    readonly root: string,
  ) {}

  static async start(root: string, options: ClientOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [options.serverPath ?? SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, root);
    child.stderr!.on('data', (chunk) => client.logs.push(String(chunk)));
    connection.onNotification((method, params) => {
      client.notifications.push({ method, params });
      if (method === 'window/logMessage') client.logs.push((params as { message: string }).message);
      if (method === 'textDocument/publishDiagnostics') {
        const p = params as lsp.PublishDiagnosticsParams;
        client.pushed.set(p.uri, p.diagnostics);
      }
    });
    connection.onRequest('workspace/configuration', (params: lsp.ConfigurationParams) => params.items.map(() => options.settings ?? {}));
    connection.onRequest('client/registerCapability', (params: lsp.RegistrationParams) => {
      client.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshes++;
      return null;
    });
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/semanticTokens/refresh', () => null);
    connection.listen();
    const pull = options.pullDiagnostics !== false;
    client.initializeResult = await connection.sendRequest(lsp.InitializeRequest.type, {
      processId: process.pid,
      rootUri: URI.file(root).toString(),
      workspaceFolders: [{ uri: URI.file(root).toString(), name: 'test' }],
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          diagnostics: pull ? { refreshSupport: true } : undefined,
          codeLens: { refreshSupport: true },
          inlayHint: { refreshSupport: true },
        },
        textDocument: {
          diagnostic: pull ? { dynamicRegistration: false, relatedDocumentSupport: false } : undefined,
          synchronization: options.dynamicTextSync ? { dynamicRegistration: true } : undefined,
          publishDiagnostics: { relatedInformation: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
          rename: { prepareSupport: true },
          semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
        },
      },
    } as lsp.InitializeParams);
    await connection.sendNotification(lsp.InitializedNotification.type, {});
    return client;
  }

  open(uri: string, text: string, languageId = 'failover'): Promise<void> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    return this.connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text. */
  change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    return this.connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Replaces the characters [start, end) of the current text, sent as an incremental change (as VS Code types). */
  edit(uri: string, start: number, end: number, newText: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    const text = this.text(uri);
    this.versions.set(uri, version);
    this.texts.set(uri, text.slice(0, start) + newText + text.slice(end));
    const range = { start: positionAt(text, start), end: positionAt(text, end) };
    return this.connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text: newText }],
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(lsp.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  async diagnostics(uri: string): Promise<lsp.Diagnostic[]> {
    const report = (await this.connection.sendRequest(lsp.DocumentDiagnosticRequest.type, { textDocument: { uri } })) as lsp.FullDocumentDiagnosticReport;
    return report.items;
  }

  codeLenses(uri: string): Promise<lsp.CodeLens[] | null> {
    return this.connection.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri } });
  }

  /**
   * Waits until the simulation of the current text has finished: no `⏳` lens left in the file, and
   * the whole workspace's done (`failover/status` answers only from a complete simulation; the
   * scenarios of a file stream in before the single-failure check, which may be about other files).
   */
  async simulated(uri: string, timeoutMs = 60_000): Promise<lsp.CodeLens[]> {
    return poll(
      async () => {
        const lenses = (await this.codeLenses(uri)) ?? [];
        if (lenses.some((l) => l.command?.title.includes('⏳'))) return undefined;
        return (await this.request<unknown>('failover/status', { uri })) ? lenses : undefined;
      },
      `the simulation of ${uri}`,
      timeoutMs,
    );
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(lsp.ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(lsp.ExitNotification.type);
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

/** Offset → LSP position in a text. */
export function positionAt(text: string, offset: number): lsp.Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
