// Diagnostics, pulled by the client. `textDocument/diagnostic`: an open file's static diagnostics at
// once, plus the simulation's when it has finished for this version (a refresh is sent when it
// does), or an open failover.config.json's own mistakes. `workspace/diagnostic`: the same for every
// file of the workspace, open or not, and the config files that apply to them, so that the
// Problems panel lists them all. The client asks again as soon as it has an answer, so the request
// is held until something changed: the server answers once the workspace has settled (analysed, and
// simulated if a simulation was due), with only the files whose diagnostics differ from what the
// client holds (result ids are digests of the diagnostics).
import { createHash } from 'node:crypto';
import * as lsp from 'vscode-languageserver';
import { LineIndex } from '../../core/syntax/lineIndex';
import { applyRuleConfig, CONFIG_FILE_NAME, configProblemDiagnostics, isConfigFile, parseRuleConfig } from '../../core/workspace/config';
import { dirname } from '../../core/workspace/paths';
import type { FileView, ServerContext } from '../context';
import { viewOf } from '../context';
import { keyToUri, toLspDiagnostic, uriToKey } from '../convert';

/**
 * The documents the client pulls diagnostics for: `.failover` files and config files. The server
 * declares it (rather than taking the client's, which is for `.failover` files only) so that no
 * other feature of the server claims failover.config.json, which VS Code's JSON support serves.
 */
export const DIAGNOSTIC_DOCUMENT_SELECTOR: lsp.DocumentSelector = [{ language: 'failover' }, { scheme: 'file', pattern: `**/${CONFIG_FILE_NAME}` }];

/** The documents besides `.failover` files whose text the server wants synchronized: the config files. */
export const CONFIG_DOCUMENT_SELECTOR: lsp.DocumentSelector = [{ scheme: 'file', pattern: `**/${CONFIG_FILE_NAME}` }];

export function registerDiagnostics(context: ServerContext): void {
  const { connection } = context;
  connection.languages.diagnostics.on(
    context.guard('textDocument/diagnostic', async (params: lsp.DocumentDiagnosticParams): Promise<lsp.DocumentDiagnosticReport> => {
      const items = await documentDiagnostics(context, params.textDocument.uri);
      return { kind: lsp.DocumentDiagnosticReportKind.Full, resultId: resultIdOf(items), items };
    }),
  );
  connection.languages.diagnostics.onWorkspace(
    context.guard('workspace/diagnostic', (params: lsp.WorkspaceDiagnosticParams, token) => workspaceDiagnostics(context, params, token)),
  );
}

/** The diagnostics of one document: a `.failover` file's, or the mistakes of a config file. */
export async function documentDiagnostics(context: ServerContext, uri: string): Promise<lsp.Diagnostic[]> {
  const file = await context.file(uri);
  if (file) return fileDiagnostics(context, file, uri);
  const key = uriToKey(uri);
  return isConfigFile(key) ? configFileDiagnostics(context, key) : [];
}

/**
 * A file's diagnostics with the editor's rules for `configurationUri` applied after its
 * failover.config.json. (Config problems are never filtered: a broken config is always an error.)
 */
async function fileDiagnostics(context: ServerContext, file: FileView, configurationUri: string): Promise<lsp.Diagnostic[]> {
  const { state } = context;
  const own = file.analysis.diagnostics(file.key);
  const simulated = [...(state.results?.diagnostics.get(file.key) ?? []), ...context.sweeps.diagnostics(file.analysis, file.key)];
  const { rules } = await context.configuration.get(configurationUri);
  return applyRuleConfig([...own, ...simulated], { rules, problems: [] })
    .sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end)
    .map((d) => toLspDiagnostic(d, file.lines, (key) => state.linesOf(key)));
}

/** A config file's mistakes, read as the server sees it (the editor's text when it is open). */
function configFileDiagnostics(context: ServerContext, key: string): lsp.Diagnostic[] {
  const read = context.state.host.readFile(key);
  if (!('text' in read)) return [];
  const lines = new LineIndex(read.text);
  return configProblemDiagnostics(parseRuleConfig(key, read.text)).map((d) => toLspDiagnostic(d, lines, (other) => context.state.linesOf(other)));
}

/** A digest of a report's items: equal diagnostics, equal ids, whichever request computed them. */
function resultIdOf(items: readonly lsp.Diagnostic[]): string {
  return createHash('sha1').update(JSON.stringify(items)).digest('base64url');
}

async function workspaceDiagnostics(
  context: ServerContext,
  params: lsp.WorkspaceDiagnosticParams,
  token: lsp.CancellationToken,
): Promise<lsp.WorkspaceDiagnosticReport> {
  const held = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
  const { state, simulations } = context;
  for (;;) {
    await simulations.settled(token);
    if (token.isCancellationRequested) return { items: [] };
    const version = state.version;
    const items = await changedReports(context, held);
    // An answer about an older version would be taken as current: compute again.
    if (state.version !== version) continue;
    if (items.length > 0) return { items };
    // Nothing the client does not have: wait for the next change.
    await simulations.settledAfter(version, token);
    if (token.isCancellationRequested) return { items: [] };
  }
}

/** The reports that differ from what the client holds, including empty ones for files that are gone. */
async function changedReports(context: ServerContext, held: ReadonlyMap<string, string>): Promise<lsp.WorkspaceDocumentDiagnosticReport[]> {
  const { state } = context;
  const analysis = await state.ready();
  const reports: lsp.WorkspaceDocumentDiagnosticReport[] = [];
  const reported = new Set<string>();
  const report = (uri: string, items: lsp.Diagnostic[], version: number | null) => {
    reported.add(uri);
    const resultId = resultIdOf(items);
    if (held.get(uri) !== resultId) reports.push({ kind: lsp.DocumentDiagnosticReportKind.Full, uri, version, resultId, items });
  };
  const open = new Map(state.documents.all().map((d) => [d.uri, d.version]));
  for (const unit of analysis.program.files) {
    const uri = keyToUri(unit.path);
    const file = viewOf(analysis, uri);
    if (!file) continue;
    // The editor's rules are per workspace folder, never per file: asking for the folder keeps the
    // `workspace/configuration` requests to one per folder of files.
    const items = await fileDiagnostics(context, file, open.has(uri) ? uri : keyToUri(dirname(unit.path)));
    report(uri, items, open.get(uri) ?? null);
  }
  for (const config of analysis.configFiles()) {
    const uri = keyToUri(config);
    report(uri, configFileDiagnostics(context, config), open.get(uri) ?? null);
  }
  // Files the client heard of that are no longer part of the workspace (deleted, or no longer
  // imported): their problems go.
  for (const uri of held.keys()) if (!reported.has(uri)) report(uri, [], null);
  return reports;
}
