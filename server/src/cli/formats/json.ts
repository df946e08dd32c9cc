// `--format json`: PRODUCT.md's shape, one entry per file.
import type { LintReport } from './report';

export function formatJson(report: LintReport): string {
  const files = report.files.map((f) => ({
    file: f.file,
    diagnostics: f.diagnostics.map((d) => ({
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.related.length > 0 ? { related: d.related } : {}),
    })),
  }));
  return JSON.stringify(files, null, 2) + '\n';
}
