// `--format github`: GitHub Actions workflow commands, one annotation per diagnostic.
import type { LintReport } from './report';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(report: LintReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const properties = [
        `file=${escapeProperty(file.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(`failover ${d.code}`)}`,
      ].join(',');
      lines.push(`::${command} ${properties}::${escapeData(d.message)}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
