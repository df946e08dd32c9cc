// `--format stylish`: reads like ESLint's default output, coloured on a terminal.
import { countBySeverity, type LintReport } from './report';

export interface Colors {
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly green: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly underline: (s: string) => string;
}

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const ANSI_COLORS: Colors = {
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  green: ansi(32, 39),
  dim: ansi(2, 22),
  bold: ansi(1, 22),
  underline: ansi(4, 24),
};
const identity = (s: string) => s;
export const NO_COLORS: Colors = { red: identity, yellow: identity, green: identity, dim: identity, bold: identity, underline: identity };

export function formatStylish(report: LintReport, colors: Colors = NO_COLORS): string {
  const out: string[] = [];
  for (const file of report.files) {
    if (file.diagnostics.length === 0) continue;
    out.push(colors.underline(file.file));
    const rows = file.diagnostics.map((d) => [
      `  ${d.line}:${d.column}`,
      d.severity === 'error' ? colors.red('error') : d.severity === 'warning' ? colors.yellow('warning') : colors.dim(d.severity),
      d.message,
      colors.dim(d.code),
    ]);
    const widths = [0, 1].map((i) => Math.max(...file.diagnostics.map((d) => (i === 0 ? `  ${d.line}:${d.column}`.length : d.severity.length))));
    for (const [i, row] of rows.entries()) {
      const d = file.diagnostics[i]!;
      const position = row[0]!.padEnd(widths[0]!);
      const severity = row[1]! + ' '.repeat(widths[1]! - d.severity.length);
      out.push(`${position}  ${severity}  ${row[2]}  ${row[3]}`);
    }
    out.push('');
  }
  const counts = countBySeverity(report);
  const problems = counts.error + counts.warning + counts.info + counts.hint;
  if (problems > 0) {
    const parts = [`${counts.error} error${counts.error === 1 ? '' : 's'}`, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`];
    if (counts.info > 0) parts.push(`${counts.info} info`);
    if (counts.hint > 0) parts.push(`${counts.hint} hint${counts.hint === 1 ? '' : 's'}`);
    const line = `✖ ${problems} problem${problems === 1 ? '' : 's'} (${parts.join(', ')})`;
    out.push(counts.error > 0 ? colors.red(colors.bold(line)) : colors.yellow(colors.bold(line)));
    out.push('');
  }
  return out.join('\n');
}
