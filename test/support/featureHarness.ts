// In-process feature tests: a workspace built from in-memory texts through the core's own entry
// (`Analysis.load` over a SourceHost), the FileView the server gives its handlers, the `<|>`
// cursors and ⟦…⟧ ranges of the fixture texts, and the simulation snapshot the server's worker
// would produce, computed here by the same core function. No server, no process, no waiting.
import type { Connection } from 'vscode-languageserver';
import type * as lsp from 'vscode-languageserver-protocol';
import type { Range } from '../../server/src/core/syntax/ast';
import { simulateCompactChecks } from '../../server/src/core/results/check';
import { Analysis } from '../../server/src/core/workspace/analysis';
import { FAILOVER_EXTENSION } from '../../server/src/core/workspace/paths';
import { ServerContext, viewOf, type FileView } from '../../server/src/lsp/context';
import { keyToUri, toLspDiagnostic, uriToKey } from '../../server/src/lsp/convert';
import { ConfigurationCache, DEFAULT_EDITOR_CONFIGURATION } from '../../server/src/lsp/editorConfiguration';
import type { SimulationSnapshot, WorkspaceState } from '../../server/src/lsp/workspaceState';
import { markup, memoryHost } from './fixtures';

/** The folder every fixture file lives in: `topology.failover` is the key `/w/topology.failover`. */
export const WORKSPACE_ROOT = '/w';

/** A cursor in a file: what a feature function takes. */
export interface Spot {
  readonly file: FileView;
  readonly offset: number;
}

export interface FeatureWorkspace {
  readonly analysis: Analysis;
  key(name: string): string;
  uri(name: string): string;
  /** A key or URI back to the fixture's name (`scenarios/outages.failover`): for readable expectations. */
  nameOf(keyOrUri: string): string;
  /** A file's text, its markers removed. */
  text(name: string): string;
  /** A file's text by key, as the analysis' SourceHost reads it; undefined for a file that is not there. */
  readText(key: string): string | undefined;
  /** The file as a feature handler sees it; throws for a file the analysis does not hold. */
  file(name: string): FileView;
  /** The file at the one `<|>` of its fixture text. */
  cursor(name: string): Spot;
  /** The file at the `<|>` of `excerpt`, a piece of its text with a cursor in it (the first place the piece occurs). */
  at(name: string, excerpt: string): Spot;
  /** The ranges marked ⟦…⟧ in the file's fixture text, in order. */
  ranges(name: string): readonly Range[];
  /** The file's static diagnostics in LSP's shape, as the server sends them before any simulation. */
  diagnostics(name: string): lsp.Diagnostic[];
  /** What the server keeps once its worker has simulated this workspace with the default settings (computed once). */
  simulation(): SimulationSnapshot;
  /**
   * The request handler a feature's `register…(context)` installs with `connection[on]`, serving
   * this workspace in-process: for an answer computed in the handler itself (workspace symbols).
   */
  handler<P, R>(register: (context: ServerContext) => void, on: `on${string}`): (params: P) => Promise<R>;
}

/**
 * Analyses fixture files given by name relative to the workspace folder. Every `.failover` file is
 * a root (as the server's open documents and folder files are), in the order given; other files
 * (a `failover.config.json`) are only readable.
 */
export function featureWorkspace(files: Record<string, string>): FeatureWorkspace {
  const key = (name: string) => `${WORKSPACE_ROOT}/${name}`;
  const texts: Record<string, string> = {};
  const marks = new Map<string, { ranges: Range[]; cursors: number[] }>();
  for (const [name, marked] of Object.entries(files)) {
    const { text, ranges, cursors } = markup(marked);
    texts[key(name)] = text;
    marks.set(name, { ranges, cursors });
  }
  const roots = Object.keys(files)
    .filter((name) => name.endsWith(FAILOVER_EXTENSION))
    .map(key);
  const analysis = Analysis.load(roots, memoryHost(texts));
  let simulation: SimulationSnapshot | undefined;

  const text = (name: string): string => {
    const found = texts[key(name)];
    if (found === undefined) throw new Error(`no fixture file ${name}`);
    return found;
  };
  const file = (name: string): FileView => {
    const view = viewOf(analysis, keyToUri(key(name)));
    if (!view) throw new Error(`${name} is not part of the analysis`);
    return view;
  };
  const ws: FeatureWorkspace = {
    analysis,
    key,
    uri: (name) => keyToUri(key(name)),
    nameOf: (keyOrUri) => {
      const k = keyOrUri.includes('://') ? uriToKey(keyOrUri) : keyOrUri;
      return k.startsWith(`${WORKSPACE_ROOT}/`) ? k.slice(WORKSPACE_ROOT.length + 1) : k;
    },
    text,
    readText: (k) => texts[k],
    file,
    cursor: (name) => {
      const cursors = marks.get(name)?.cursors ?? [];
      if (cursors.length !== 1) throw new Error(`${name} has ${cursors.length} <|> cursors, not one`);
      return { file: file(name), offset: cursors[0]! };
    },
    at: (name, excerpt) => {
      const { text: piece, cursors } = markup(excerpt);
      if (cursors.length !== 1) throw new Error(`the excerpt ${JSON.stringify(excerpt)} has ${cursors.length} <|> cursors, not one`);
      const start = text(name).indexOf(piece);
      if (start < 0) throw new Error(`${JSON.stringify(piece)} is not in ${name}`);
      return { file: file(name), offset: start + cursors[0]! };
    },
    ranges: (name) => marks.get(name)?.ranges ?? [],
    diagnostics: (name) => {
      const view = file(name);
      return analysis.diagnostics(view.key).map((d) => toLspDiagnostic(d, view.lines, (k) => analysis.program.unit(k)?.lines));
    },
    simulation: () => {
      if (simulation) return simulation;
      // As the server schedules it: every file of the analysis a target, no time budget reached.
      const targets = roots.filter((root) => analysis.program.unit(root));
      const checks = simulateCompactChecks(analysis, targets, { limits: { maxPhones: DEFAULT_EDITOR_CONFIGURATION.simulation.maxPhones } });
      simulation = { version: 0, complete: true, diagnostics: checks.diagnostics, runs: checks.runs, impacts: checks.impacts, elapsedMs: 0 };
      return simulation;
    },
    handler: <P, R>(register: (context: ServerContext) => void, on: `on${string}`) => {
      const installed = new Map<string, (params: P, token: lsp.CancellationToken) => Promise<R>>();
      // All that registration and these handlers use of a connection: each `on…` records its handler;
      // a handler's exception, which the context's guard logs before answering it as an error, is
      // thrown here with its stack, so that the test fails with it.
      const console = {
        log: () => undefined,
        error: (message: string) => {
          throw new Error(message);
        },
      };
      const connection = new Proxy(
        { console },
        { get: (target, name) => (name === 'console' ? target.console : (handler: never) => void installed.set(String(name), handler)) },
      ) as unknown as Connection;
      // The analysis is ready at once, the simulation has finished, settings are the defaults (as for a client without workspace/configuration).
      const state = {
        ready: async () => analysis,
        lastAnalysis: analysis,
        get simulation() {
          return ws.simulation();
        },
      } as unknown as WorkspaceState;
      register(new ServerContext(connection, state, new ConfigurationCache(connection, () => false)));
      const handle = installed.get(on);
      if (!handle) throw new Error(`the feature installs no ${on} handler`);
      const token: lsp.CancellationToken = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };
      return (params: P) => handle(params, token);
    },
  };
  return ws;
}

/** Applies LSP text edits to a text (edits do not overlap; applied from the last to the first). */
export function applyTextEdits(text: string, edits: readonly lsp.TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offsetOf = (p: lsp.Position) => (p.line >= lineStarts.length ? text.length : Math.min(lineStarts[p.line]! + p.character, text.length));
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offsetOf(edit.range.start)) + edit.newText + result.slice(offsetOf(edit.range.end));
  return result;
}

/**
 * The small topology of the simulation-backed feature tests: 10 phones in HQ and 5 in BRANCH, both
 * on CM1 then CM2, 100 registrations a second each (one registration every 10 ms).
 */
export const TEN_AND_FIVE_TOPOLOGY = `callmanager CM1 { capacity 2500 registration-rate 100 }
callmanager CM2 { registration-rate 100 }
group G { CM1, CM2 }
pool HQ { group G phones 10 }
pool BRANCH { group G phones 5 }
`;
