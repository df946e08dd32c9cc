// What every feature handler gets: the workspace state, the editor's configuration, and a view
// of one file at the current version. Features live one per file in ./features and register
// themselves here.
import * as lsp from 'vscode-languageserver';
import type { Range } from '../core/syntax/ast';
import type { LineIndex } from '../core/syntax/lineIndex';
import type { Analysis } from '../core/workspace/analysis';
import type { SourceUnit } from '../core/workspace/program';
import { toLspRange, uriToKey } from './convert';
import type { ConfigurationCache } from './editorConfiguration';
import { SimulationScheduler } from './simulationScheduler';
import { SweepScheduler } from './sweepScheduler';
import type { WorkspaceState } from './workspaceState';

export interface FileView {
  readonly uri: string;
  readonly key: string;
  readonly analysis: Analysis;
  readonly unit: SourceUnit;
  readonly lines: LineIndex;
  offsetAt(position: lsp.Position): number;
  toRange(range: Range): lsp.Range;
}

export interface ClientSupport {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  codeLensRefresh: boolean;
  inlayHintRefresh: boolean;
  semanticTokensRefresh: boolean;
  configuration: boolean;
  workspaceFolders: boolean;
  watchedFilesDynamic: boolean;
  snippets: boolean;
  /** The client lets the server ask for more documents' text (the config files). */
  textSyncDynamic: boolean;
}

export class ServerContext {
  readonly support: ClientSupport = {
    pullDiagnostics: false,
    diagnosticRefresh: false,
    codeLensRefresh: false,
    inlayHintRefresh: false,
    semanticTokensRefresh: false,
    configuration: false,
    workspaceFolders: false,
    watchedFilesDynamic: false,
    snippets: false,
    textSyncDynamic: false,
  };

  /** Sends diagnostics to clients that cannot pull them (set by main.ts). */
  pushDiagnostics: () => Promise<void> = async () => undefined;

  /** The background simulations of the workspace, disposed when the server shuts down. */
  readonly simulations: SimulationScheduler;
  /** The sweeps' background runs, started once the scenarios' results are published. */
  readonly sweeps: SweepScheduler;

  private readonly disposers: (() => void)[] = [];

  constructor(
    readonly connection: lsp.Connection,
    readonly state: WorkspaceState,
    readonly configuration: ConfigurationCache,
  ) {
    this.simulations = new SimulationScheduler(this);
    this.sweeps = new SweepScheduler(this);
  }

  /** Runs `dispose` when the server shuts down (a feature's own worker, say). */
  onDispose(dispose: () => void): void {
    this.disposers.push(dispose);
  }

  /** The server is shutting down: no simulation runs after this. */
  dispose(): void {
    this.simulations.dispose();
    this.sweeps.dispose();
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  log(message: string): void {
    this.connection.console.log(message);
  }

  /** The file behind a document URI, analysed at the current version; undefined if unknown. */
  async file(uri: string): Promise<FileView | undefined> {
    const analysis = await this.state.ready();
    return viewOf(analysis, uri);
  }

  /** Wraps a request handler: an exception is logged and answered as an error, never fatal. */
  guard<P, R>(name: string, handler: (params: P, token: lsp.CancellationToken) => Promise<R> | R): (params: P, token: lsp.CancellationToken) => Promise<R> {
    return async (params, token) => {
      try {
        return await handler(params, token);
      } catch (error) {
        const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
        this.connection.console.error(`${name} failed: ${detail}`);
        throw new lsp.ResponseError(lsp.ErrorCodes.InternalError, `${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }
}

export function viewOf(analysis: Analysis, uri: string): FileView | undefined {
  const key = uriToKey(uri);
  const unit = analysis.program.unit(key);
  if (!unit) return undefined;
  const lines = unit.lines;
  return {
    uri,
    key,
    analysis,
    unit,
    lines,
    offsetAt: (position) => lines.offsetAt(position),
    toRange: (range) => toLspRange(lines, range),
  };
}
