// Whole-document and range formatting through the core formatter. A file with syntax errors is
// left alone (no edits), and the reason goes to the log.
import type * as lsp from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatRange, formatText } from '../../core/syntax/format';
import type { ServerContext } from '../context';

export function registerFormatting(context: ServerContext): void {
  const { connection, state } = context;
  connection.onDocumentFormatting(
    context.guard('textDocument/formatting', (params: lsp.DocumentFormattingParams): lsp.TextEdit[] => {
      const document = state.documents.get(params.textDocument.uri);
      return document ? logRefusal(context, params.textDocument.uri, formattingEdits(document)) : [];
    }),
  );
  connection.onDocumentRangeFormatting(
    context.guard('textDocument/rangeFormatting', (params: lsp.DocumentRangeFormattingParams): lsp.TextEdit[] => {
      const document = state.documents.get(params.textDocument.uri);
      return document ? logRefusal(context, params.textDocument.uri, rangeFormattingEdits(document, params.range)) : [];
    }),
  );
}

function logRefusal(context: ServerContext, uri: string, edits: lsp.TextEdit[] | { error: string }): lsp.TextEdit[] {
  if (!('error' in edits)) return edits;
  context.log(`not formatting ${uri}: ${edits.error}`);
  return [];
}

/** One edit replacing the whole text with its canonical layout; none when it already has it; the reason when it has syntax errors. */
export function formattingEdits(document: TextDocument): lsp.TextEdit[] | { error: string } {
  const text = document.getText();
  const result = formatText(text);
  if ('error' in result) return result;
  if (result.text === text) return [];
  return [{ range: { start: { line: 0, character: 0 }, end: document.positionAt(text.length) }, newText: result.text }];
}

/** The edits that give the lines of `range` their canonical layout; the reason when the text has syntax errors. */
export function rangeFormattingEdits(document: TextDocument, range: lsp.Range): lsp.TextEdit[] | { error: string } {
  const edits = formatRange(document.getText(), { start: document.offsetAt(range.start), end: document.offsetAt(range.end) });
  if ('error' in edits) return edits;
  return edits.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }));
}
