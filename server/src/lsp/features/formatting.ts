// Whole-document and range formatting through the core formatter. A file with syntax errors is
// left alone (no edits), and the reason goes to the log.
import * as lsp from 'vscode-languageserver';
import { formatRange, formatText } from '../../core/syntax/format';
import type { ServerContext } from '../context';

export function registerFormatting(context: ServerContext): void {
  const { connection, state } = context;
  connection.onDocumentFormatting(
    context.guard('textDocument/formatting', (params: lsp.DocumentFormattingParams): lsp.TextEdit[] => {
      const document = state.documents.get(params.textDocument.uri);
      if (!document) return [];
      const text = document.getText();
      const result = formatText(text);
      if ('error' in result) {
        context.log(`not formatting ${params.textDocument.uri}: ${result.error}`);
        return [];
      }
      if (result.text === text) return [];
      return [{ range: { start: { line: 0, character: 0 }, end: document.positionAt(text.length) }, newText: result.text }];
    }),
  );
  connection.onDocumentRangeFormatting(
    context.guard('textDocument/rangeFormatting', (params: lsp.DocumentRangeFormattingParams): lsp.TextEdit[] => {
      const document = state.documents.get(params.textDocument.uri);
      if (!document) return [];
      const edits = formatRange(document.getText(), { start: document.offsetAt(params.range.start), end: document.offsetAt(params.range.end) });
      if ('error' in edits) {
        context.log(`not formatting ${params.textDocument.uri}: ${edits.error}`);
        return [];
      }
      return edits.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }));
    }),
  );
}
