// The language server: stdio or IPC (chosen by the command line, as vscode-languageclient
// starts it). It owns the document lifecycle and the schedule of work — analyse at once,
// simulate in the background, cancel on every edit — and leaves each feature to its own file.
import * as lsp from 'vscode-languageserver/node';
import { ServerContext } from './context';
import { registerFeatures, SEMANTIC_TOKEN_LEGEND } from './features';
import { CONFIG_DOCUMENT_SELECTOR, DIAGNOSTIC_DOCUMENT_SELECTOR, documentDiagnostics } from './features/diagnostics';
import { uriToKey } from './convert';
import { ConfigurationCache } from './editorConfiguration';
import { Notifications, type ViewportParams } from './protocol';
import type { ChangeReason } from './simulationScheduler';
import { WorkspaceState } from './workspaceState';

const connection = lsp.createConnection(lsp.ProposedFeatures.all);
const state = new WorkspaceState();
// The cache asks the context what the client supports only when a setting is read, after start-up.
const configuration = new ConfigurationCache(connection, (): boolean => context.support.configuration);
const context: ServerContext = new ServerContext(connection, state, configuration);

connection.onInitialize((params): lsp.InitializeResult => {
  const capabilities = params.capabilities;
  const support = context.support;
  support.pullDiagnostics = Boolean(capabilities.textDocument?.diagnostic);
  support.diagnosticRefresh = Boolean(capabilities.workspace?.diagnostics?.refreshSupport);
  support.codeLensRefresh = Boolean(capabilities.workspace?.codeLens?.refreshSupport);
  support.inlayHintRefresh = Boolean(capabilities.workspace?.inlayHint?.refreshSupport);
  support.semanticTokensRefresh = Boolean(capabilities.workspace?.semanticTokens?.refreshSupport);
  support.configuration = Boolean(capabilities.workspace?.configuration);
  support.workspaceFolders = Boolean(capabilities.workspace?.workspaceFolders);
  support.watchedFilesDynamic = Boolean(capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
  support.snippets = Boolean(capabilities.textDocument?.completion?.completionItem?.snippetSupport);
  support.textSyncDynamic = Boolean(capabilities.textDocument?.synchronization?.dynamicRegistration);

  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  state.setFolders(folders);

  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: lsp.TextDocumentSyncKind.Incremental, save: { includeText: false } },
      // Its own document selector: the config files' mistakes are pulled too (see features/diagnostics.ts).
      diagnosticProvider: { documentSelector: DIAGNOSTIC_DOCUMENT_SELECTOR, interFileDependencies: true, workspaceDiagnostics: true, identifier: 'failover' },
      codeLensProvider: { resolveProvider: false },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [' ', '{', ','], resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: { label: 'Failover' },
      workspaceSymbolProvider: true,
      semanticTokensProvider: { legend: SEMANTIC_TOKEN_LEGEND, full: true, range: false },
      foldingRangeProvider: true,
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      codeActionProvider: { codeActionKinds: [lsp.CodeActionKind.QuickFix] },
      inlayHintProvider: { resolveProvider: false },
      documentLinkProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'failover-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (context.support.configuration) {
    void connection.client.register(lsp.DidChangeConfigurationNotification.type, { section: 'failover' });
  }
  if (context.support.watchedFilesDynamic) {
    void connection.client.register(lsp.DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.failover' }, { globPattern: '**/failover.config.json' }],
    });
  }
  if (context.support.textSyncDynamic) {
    // The open config files' text, so that their mistakes (and the rules they set) follow the
    // editor rather than the disk; the client's own selector is for `.failover` files only.
    void connection.client.register(lsp.DidOpenTextDocumentNotification.type, { documentSelector: CONFIG_DOCUMENT_SELECTOR });
    void connection.client.register(lsp.DidChangeTextDocumentNotification.type, {
      documentSelector: CONFIG_DOCUMENT_SELECTOR,
      syncKind: lsp.TextDocumentSyncKind.Incremental,
    });
    void connection.client.register(lsp.DidCloseTextDocumentNotification.type, { documentSelector: CONFIG_DOCUMENT_SELECTOR });
  }
  if (context.support.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(() => {
      void connection.workspace.getWorkspaceFolders().then((folders) => {
        state.setFolders((folders ?? []).map((f) => f.uri));
        changed(undefined);
      });
    });
  }
  changed(undefined);
});

/** Something changed: re-analyse (on demand), refresh what depends on it, simulate in the background. */
function changed(uri: string | undefined, reason: ChangeReason = 'other'): void {
  state.invalidate();
  context.sweeps.cancel();
  if (!context.support.pullDiagnostics) void pushDiagnostics();
  void context.simulations.schedule(uri, reason);
}

async function pushDiagnostics(): Promise<void> {
  const version = state.version;
  await state.ready();
  if (version !== state.version) return;
  for (const document of state.documents.all()) {
    const diagnostics = await documentDiagnostics(context, document.uri);
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }
}
context.pushDiagnostics = pushDiagnostics;

state.documents.onDidChangeContent((event) => changed(event.document.uri, 'edit'));
state.documents.onDidSave((event) => changed(event.document.uri, 'save'));
state.documents.onDidClose((event) => {
  configuration.forget(event.document.uri);
  if (!context.support.pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  changed(undefined);
});

connection.onDidChangeWatchedFiles((params) => {
  for (const change of params.changes) {
    state.fileChangedOnDisk(change.uri, change.type === lsp.FileChangeType.Deleted);
  }
  changed(undefined);
});

connection.onDidChangeConfiguration(() => {
  configuration.forget();
  changed(undefined);
});

connection.onNotification(Notifications.viewport, (params: ViewportParams) => {
  const document = params.uri === undefined ? undefined : state.documents.get(params.uri);
  if (!document) return context.simulations.setViewport(undefined, []);
  const ranges = (params.ranges ?? []).map((r) => ({ start: document.offsetAt(r.start), end: document.offsetAt(r.end) }));
  context.simulations.setViewport(uriToKey(document.uri), ranges);
});

// No simulation after shutdown: the running one is cancelled and the worker stopped.
connection.onShutdown(() => context.dispose());
connection.onExit(() => context.dispose());

registerFeatures(context);
state.documents.listen(connection);
connection.listen();
