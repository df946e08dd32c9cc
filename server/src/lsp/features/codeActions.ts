// Quick fixes for the diagnostics the client sends back: replace a name with the closest one,
// create a missing definition, add a unit, remove an unused definition, or turn a code off in
// `failover.config.json`. Every fix is a WorkspaceEdit for the client to apply: the server never
// writes a file, not even the config it proposes to create.
import { applyEdits, modify } from 'jsonc-parser';
import * as lsp from 'vscode-languageserver';
import { isDiagnosticCode, type FixData } from '../../core/diagnostics';
import * as ast from '../../core/syntax/ast';
import { LineIndex } from '../../core/syntax/lineIndex';
import { stringLiteral } from '../../core/syntax/tokens';
import { CONFIG_FILE_NAME } from '../../core/workspace/config';
import { dirname, joinPath } from '../../core/workspace/paths';
import { EXPECTED_KINDS, KIND_WORDS, type DefinitionKind } from '../../core/workspace/symbols';
import type { FileView, ServerContext } from '../context';
import { adviceFixes } from './advice';
import { keyToUri, toOffsetRange, uriToKey } from '../convert';

export function registerCodeActions(context: ServerContext): void {
  const { state } = context;
  context.connection.onCodeAction(
    context.guard('textDocument/codeAction', async (params: lsp.CodeActionParams): Promise<lsp.CodeAction[]> => {
      const only = params.context.only;
      if (
        only &&
        !only.some((kind) => kind === lsp.CodeActionKind.Empty || kind === lsp.CodeActionKind.QuickFix || lsp.CodeActionKind.QuickFix.startsWith(`${kind}.`))
      )
        return [];
      const file = await context.file(params.textDocument.uri);
      if (!file) return [];
      // The client is asked for its folders only when a config is to be created.
      const createsConfig = !file.analysis.ruleConfig(file.key).path && codesToTurnOff(params.context.diagnostics).length > 0;
      const advice = adviceFixes(file, params.context.diagnostics);
      return [
        ...advice,
        ...quickFixesFor(file, params.context.diagnostics, {
          readText: (key) => {
            const read = state.host.readFile(key);
            return 'text' in read ? read.text : undefined;
          },
          versionOf: (uri) => state.documents.get(uri)?.version ?? null,
          folders: createsConfig ? await workspaceFolders(context) : [],
        }),
      ];
    }),
  );
}

/** What the fixes that edit `failover.config.json` need to know of the editor's workspace. */
export interface ConfigWorkspace {
  /** A file's text as the editor has it (an open document's, else the file's on disk); undefined when unreadable. */
  readText(key: string): string | undefined;
  /** An open document's version; null when the document is not open. */
  versionOf(uri: string): number | null;
  /** The workspace folders (keys): a new config goes to the innermost one holding the file. */
  readonly folders: readonly string[];
}

/** The quick fixes for the diagnostics the client sends back: those of each diagnostic, then one per code to turn off. */
export function quickFixesFor(file: FileView, diagnostics: readonly lsp.Diagnostic[], workspace: ConfigWorkspace): lsp.CodeAction[] {
  const actions: lsp.CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const code = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
    if (code && isDiagnosticCode(code)) actions.push(...fixesOf(file, code, diagnostic));
  }
  for (const { code, diagnostic } of codesToTurnOff(diagnostics)) {
    const edit = turnOffEdit(workspace, file, code);
    if (edit) actions.push({ title: `Turn off \`${code}\` in ${CONFIG_FILE_NAME}`, kind: lsp.CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
  }
  return actions;
}

/** The codes a config may turn off, each once, with the first diagnostic that has it. */
function codesToTurnOff(diagnostics: readonly lsp.Diagnostic[]): { code: string; diagnostic: lsp.Diagnostic }[] {
  const codes: { code: string; diagnostic: lsp.Diagnostic }[] = [];
  for (const diagnostic of diagnostics) {
    const code = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
    if (!code || !isDiagnosticCode(code)) continue;
    if (code !== 'syntax-error' && code !== 'invalid-config' && !codes.some((c) => c.code === code)) codes.push({ code, diagnostic });
  }
  return codes;
}

function textEdit(file: FileView, start: number, end: number, newText: string): lsp.WorkspaceEdit {
  return { changes: { [file.uri]: [{ range: file.toRange({ start, end }), newText }] } };
}

/** The fixes that come from the diagnostic itself (its code and its data). */
function fixesOf(file: FileView, code: string, diagnostic: lsp.Diagnostic): lsp.CodeAction[] {
  const range = toOffsetRange(file.lines, diagnostic.range);
  const data = diagnostic.data as FixData | undefined;
  const fix = (title: string, edit: lsp.WorkspaceEdit | undefined, isPreferred = false): lsp.CodeAction[] =>
    edit ? [{ title, kind: lsp.CodeActionKind.QuickFix, diagnostics: [diagnostic], edit, ...(isPreferred ? { isPreferred } : {}) }] : [];
  const actions: lsp.CodeAction[] = [];
  if (data?.kind === 'replace-name' && (code === 'unknown-reference' || code === 'wrong-kind')) {
    actions.push(...fix(`Change to \`${data.replacement}\``, textEdit(file, range.start, range.end, data.replacement), true));
  }
  if (data?.kind === 'add-import' && code === 'unknown-reference') {
    actions.push(...fix(`Add \`import ${stringLiteral(data.path)}\``, addImport(file, data.path), true));
  }
  if (code === 'unknown-reference') {
    const name = data?.kind === 'create-definition' ? data.name : file.unit.text.slice(range.start, range.end);
    const kind = data?.kind === 'create-definition' ? data.definitionKind : expectedKindAt(file, range);
    if (kind && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) {
      actions.push(...fix(`Create ${KIND_WORDS[kind]} \`${name}\``, createDefinition(file, kind, name), data?.kind === 'create-definition'));
    }
  }
  if (data?.kind === 'replace-text') {
    actions.push(...fix(`Change to \`${data.replacement}\``, textEdit(file, range.start, range.end, data.replacement), true));
  }
  if (code === 'missing-unit') {
    // A client that drops the data still gets `s` for a bare number; a part whose unit is unclear gets none.
    const bare = /^[0-9_]+$/.test(file.unit.text.slice(range.start, range.end));
    const unit = data?.kind === 'add-unit' ? data.unit : !data && bare ? 's' : undefined;
    if (unit) actions.push(...fix(`Add unit \`${unit}\``, textEdit(file, range.end, range.end, unit), true));
  }
  if (code === 'unused-definition') {
    const item = file.unit.parsed.file.items.find((i): i is ast.Definition => ast.isDefinition(i) && i.name?.range.start === range.start);
    if (item?.name) {
      const removal = removalRange(file, item);
      actions.push(...fix(`Remove unused ${KIND_WORDS[item.kind]} \`${item.name.text}\``, textEdit(file, removal.start, removal.end, '')));
    }
  }
  return actions;
}

/** The kind of definition the reference at `range` expects (the first, when several fit). */
function expectedKindAt(file: FileView, range: ast.Range): DefinitionKind | undefined {
  const site = file.analysis.index.referencesIn(file.key).find((s) => s.range.start === range.start && s.range.end === range.end);
  return site ? EXPECTED_KINDS[site.role][0] : undefined;
}

// ── add an import ──────────────────────────────────────────────────────────────────────────────

/**
 * `import "path"` on a line of its own after the file's last import; in a file without imports,
 * above the first item and its documentation comment, with a blank line after it. None when the
 * file already has that import.
 */
function addImport(file: FileView, path: string): lsp.WorkspaceEdit | undefined {
  const text = file.unit.text;
  const { imports, items } = file.unit.parsed.file;
  if (imports.some((i) => i.path?.value === path)) return undefined;
  const line = `import ${stringLiteral(path)}`;
  const last = imports[imports.length - 1];
  if (last) {
    const end = endOfLine(text, last.range.end);
    return textEdit(file, end, end, `\n${line}`);
  }
  const first = items[0];
  if (!first) {
    const separator = text.length === 0 || text.endsWith('\n') ? '' : '\n';
    return textEdit(file, text.length, text.length, `${separator}${line}\n`);
  }
  const lineStart = text.lastIndexOf('\n', first.range.start - 1) + 1;
  const alone = text.slice(lineStart, first.range.start).trim() === '';
  const start = alone ? documentationStart(file, first, lineStart) : first.range.start;
  return textEdit(file, start, start, alone ? `${line}\n\n` : `${line}\n`);
}

/** Where an item's documentation comment lines start (`lineStart` of the item when it has none). */
function documentationStart(file: FileView, item: ast.Item, lineStart: number): number {
  if (item.kind === 'settings' || item.doc === undefined) return lineStart;
  const text = file.unit.text;
  const comments = file.unit.parsed.file.comments;
  let boundary = lineStart;
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i]!;
    if (comment.range.end > boundary) continue;
    if (!/^[ \t]*\r?\n[ \t]*$/.test(text.slice(comment.range.end, boundary))) break;
    boundary = text.lastIndexOf('\n', comment.range.start - 1) + 1;
  }
  return boundary;
}

// ── create a definition ────────────────────────────────────────────────────────────────────────

/** A minimal valid definition: a group needs a member and a pool its group and phones, so they borrow visible names. */
function definitionText(file: FileView, kind: DefinitionKind, name: string): string {
  const first = (k: DefinitionKind, fallback: string) => file.analysis.index.visibleDefinitions(file.key, [k])[0]?.name ?? fallback;
  switch (kind) {
    case 'callmanager':
      return `callmanager ${name}`;
    case 'srst':
      return `srst ${name}`;
    case 'group':
      return `group ${name} { ${first('callmanager', 'CM1')} }`;
    case 'pool':
      return `pool ${name} { group ${first('group', 'GROUP')} phones 100 }`;
  }
}

/**
 * Inserts the new definition after the last one of its kind in the file; failing that, after the
 * file's last definition (so definitions stay together, ahead of the scenarios); failing that, at
 * the end of the file.
 */
function createDefinition(file: FileView, kind: DefinitionKind, name: string): lsp.WorkspaceEdit {
  const text = file.unit.text;
  const definitions = file.unit.parsed.file.items.filter(ast.isDefinition);
  const sameKind = definitions.filter((d) => d.kind === kind);
  const anchor = sameKind[sameKind.length - 1] ?? definitions[definitions.length - 1];
  const declaration = definitionText(file, kind, name);
  if (anchor) {
    const lineEnd = endOfLine(text, anchor.range.end);
    return textEdit(file, lineEnd, lineEnd, `${sameKind.length > 0 ? '\n' : '\n\n'}${declaration}`);
  }
  const separator = text.length === 0 || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return textEdit(file, text.length, text.length, `${separator}${declaration}\n`);
}

/** The offset of the line break (or the end of the text) at or after `offset`. */
function endOfLine(text: string, offset: number): number {
  const match = /\r?\n/.exec(text.slice(offset));
  return match ? offset + match.index : text.length;
}

// ── remove a definition ────────────────────────────────────────────────────────────────────────

/**
 * The whole item: its documentation comment lines, its own lines with a trailing comment, and one
 * blank line after it. When it shares a line with something else, just the item's own text.
 */
function removalRange(file: FileView, item: ast.Definition): ast.Range {
  const text = file.unit.text;
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const startLine = lineStart(item.range.start);
  const lineEnd = endOfLine(text, item.range.end);
  const restOfLine = text.slice(item.range.end, lineEnd);
  if (text.slice(startLine, item.range.start).trim() !== '' || !/^[ \t]*(#.*)?\r?$/.test(restOfLine)) {
    // Sharing a line: take the item and the blanks that separate it from what precedes it.
    const before = /[ \t]*$/.exec(text.slice(startLine, item.range.start))![0].length;
    return { start: item.range.start - before, end: item.range.end };
  }

  let start = startLine;
  if (item.doc !== undefined) {
    // The comment lines directly above (the parser made them the item's `doc`).
    const comments = file.unit.parsed.file.comments;
    let boundary = item.range.start;
    for (let i = comments.length - 1; i >= 0; i--) {
      const comment = comments[i]!;
      if (comment.range.end > boundary) continue;
      if (!/^[ \t]*\r?\n[ \t]*$/.test(text.slice(comment.range.end, boundary))) break;
      if (text.slice(lineStart(comment.range.start), comment.range.start).trim() !== '') break;
      boundary = comment.range.start;
    }
    start = lineStart(boundary);
  }
  let end = lineEnd < text.length ? lineEnd + (text[lineEnd] === '\r' ? 2 : 1) : lineEnd;
  const blank = /^[ \t]*\r?\n/.exec(text.slice(end));
  if (blank) end += blank[0].length;
  return { start, end };
}

// ── turn a code off in failover.config.json ────────────────────────────────────────────────────

/**
 * Sets `rules.CODE` to "off" in the config that applies to the file; when none applies, creates
 * one at the root of the file's workspace folder (or beside the file, outside any folder).
 */
function turnOffEdit(workspace: ConfigWorkspace, file: FileView, code: string): lsp.WorkspaceEdit | undefined {
  const existing = file.analysis.ruleConfig(file.key).path;
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };
  if (existing) {
    const text = workspace.readText(existing);
    if (text === undefined) return undefined;
    let edits;
    try {
      edits = modify(text, ['rules', code], 'off', { formattingOptions });
    } catch {
      return undefined; // "rules" is not an object: the config's own diagnostic says so
    }
    if (edits.length === 0 || applyEdits(text, edits) === text) return undefined;
    const lines = new LineIndex(text);
    const uri = keyToUri(existing);
    return {
      documentChanges: [
        {
          textDocument: { uri, version: workspace.versionOf(uri) },
          edits: edits.map((e) => ({ range: { start: lines.positionAt(e.offset), end: lines.positionAt(e.offset + e.length) }, newText: e.content })),
        },
      ],
    };
  }
  const uri = keyToUri(joinPath(workspaceRoot(workspace.folders, file.key), CONFIG_FILE_NAME));
  const content = `${JSON.stringify({ rules: { [code]: 'off' } }, null, 2)}\n`;
  return {
    documentChanges: [
      { kind: 'create', uri, options: { ignoreIfExists: true } },
      { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content }] },
    ],
  };
}

/** The innermost workspace folder holding the file; the file's folder when there is none. */
function workspaceRoot(folders: readonly string[], key: string): string {
  const roots = folders.filter((root) => key.startsWith(root.endsWith('/') ? root : `${root}/`));
  roots.sort((a, b) => b.length - a.length);
  return roots[0] || dirname(key);
}

/** The client's workspace folders (keys); none when it has no folders or does not answer. */
async function workspaceFolders(context: ServerContext): Promise<string[]> {
  if (!context.support.workspaceFolders) return [];
  try {
    const folders = (await context.connection.workspace.getWorkspaceFolders()) ?? [];
    return folders.map((f) => uriToKey(f.uri));
  } catch {
    return []; // a client that does not answer: the file's folder will do
  }
}
