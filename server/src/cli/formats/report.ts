// What every lint output format prints from: diagnostics with 1-based lines and columns.
import type { Diagnostic, Severity } from '../../core/diagnostics';
import { type LineIndex } from '../../core/syntax/lineIndex';

export interface LocatedDiagnostic {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly related: readonly { file: string; line: number; column: number; message: string }[];
}

export interface FileReport {
  /** The path as shown to the user. */
  readonly file: string;
  readonly diagnostics: readonly LocatedDiagnostic[];
  /** The file's scenarios, for a file given to lint (not one reached only through an import). */
  readonly scenarios?: readonly ScenarioReport[];
}

/** One scenario of a linted file: what its run reported, or why it did not run (`--format junit`). */
export interface ScenarioReport {
  readonly title: string;
  /**
   * The diagnostics of its run located in it (failed expectations, findings), the very objects of
   * the file's `diagnostics`, so that what is left there is the file's own static findings.
   */
  readonly diagnostics: readonly LocatedDiagnostic[];
  readonly notSimulated?: NotSimulated;
}

/** `stopped`: an error keeps it from running (in the file or in one it imports); `skipped`: it was not run, and why. */
export type NotSimulated =
  { readonly kind: 'stopped'; readonly file: string; readonly error: LocatedDiagnostic } | { readonly kind: 'skipped'; readonly reason: string };

export interface LintReport {
  readonly files: readonly FileReport[];
}

export function locate(
  diagnostic: Diagnostic,
  lines: LineIndex,
  display: (key: string) => string,
  linesOf: (key: string) => LineIndex | undefined,
): LocatedDiagnostic {
  const start = lines.positionAt(diagnostic.range.start);
  const end = lines.positionAt(diagnostic.range.end);
  return {
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
    related: (diagnostic.related ?? []).map((r) => {
      const position = (linesOf(r.file) ?? lines).positionAt(r.range.start);
      return { file: display(r.file), line: position.line + 1, column: position.character + 1, message: r.message };
    }),
  };
}

export function countBySeverity(report: LintReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const file of report.files) for (const d of file.diagnostics) counts[d.severity]++;
  return counts;
}
