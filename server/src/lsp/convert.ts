// Translation at the edge: document URIs ↔ workspace keys, offsets ↔ LSP positions, core
// diagnostics ↔ LSP diagnostics. Nothing below this file knows LSP's shapes.
import { URI } from 'vscode-uri';
import * as lsp from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../core/diagnostics';
import type { Range } from '../core/syntax/ast';
import type { LineIndex } from '../core/syntax/lineIndex';

/** The core's key for a document: its file path with `/` separators (non-file URIs keep their string). */
export function uriToKey(uri: string): string {
  const parsed = URI.parse(uri);
  if (parsed.scheme !== 'file') return uri;
  const path = parsed.fsPath.replace(/\\/g, '/');
  return path;
}

export function keyToUri(key: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(key) && !/^[A-Za-z]:\//.test(key)) return key;
  return URI.file(key).toString();
}

export function toLspRange(lines: LineIndex, range: Range): lsp.Range {
  return { start: lines.positionAt(range.start), end: lines.positionAt(range.end) };
}

export function toOffsetRange(lines: LineIndex, range: lsp.Range): Range {
  return { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) };
}

const SEVERITY: Record<Severity, lsp.DiagnosticSeverity> = {
  error: lsp.DiagnosticSeverity.Error,
  warning: lsp.DiagnosticSeverity.Warning,
  info: lsp.DiagnosticSeverity.Information,
  hint: lsp.DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(diagnostic: Diagnostic, lines: LineIndex, linesOf: (key: string) => LineIndex | undefined): lsp.Diagnostic {
  const result: lsp.Diagnostic = {
    range: toLspRange(lines, diagnostic.range),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    source: 'failover',
    message: diagnostic.message,
  };
  if (diagnostic.code === 'unused-definition') result.tags = [lsp.DiagnosticTag.Unnecessary];
  if (diagnostic.related && diagnostic.related.length > 0) {
    result.relatedInformation = diagnostic.related.flatMap((r) => {
      const relatedLines = linesOf(r.file);
      return relatedLines ? [{ location: { uri: keyToUri(r.file), range: toLspRange(relatedLines, r.range) }, message: r.message }] : [];
    });
  }
  if (diagnostic.fix) result.data = diagnostic.fix;
  return result;
}
