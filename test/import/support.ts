// Builders of CUCM exports in their real shapes, and a one-call import for the tests.
import { formatImportProblem, importCucm } from '../../server/src/core/import';

export const TOPOLOGY_COLUMNS = ['devicepool', 'cmgroup', 'priority', 'callmanager', 'srst', 'connectionmonitor'];

/** What `run sql` prints: a header, the `=` underline, then the rows padded to each column's widest value. */
export function sqlTable(columns: readonly string[], rows: readonly (readonly (string | null)[])[]): string {
  const cells = rows.map((row) => row.map((value) => value ?? 'NULL'));
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i]!))
      .join(' ')
      .trimEnd();
  return [line(columns), widths.map((w) => '='.repeat(w)).join(' '), ...cells.map(line)].join('\n') + '\n';
}

/** A saved AXL executeSQLQuery response with these rows (a null value is an absent element). */
export function axlResponse(columns: readonly string[], rows: readonly (readonly (string | null)[])[]): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const row = (values: readonly (string | null)[]) =>
    `      <row>${columns.map((column, i) => (values[i] === null || values[i] === undefined ? '' : `<${column}>${escape(values[i])}</${column}>`)).join('')}</row>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">',
    '  <soapenv:Body>',
    '    <ns:executeSQLQueryResponse xmlns:ns="http://www.cisco.com/AXL/API/14.0">',
    '      <return>',
    ...rows.map(row),
    '      </return>',
    '    </ns:executeSQLQueryResponse>',
    '  </soapenv:Body>',
    '</soapenv:Envelope>',
    '',
  ].join('\n');
}

/** A BAT CSV field as Excel and CUCM quote it: only when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csv(rows: readonly (readonly string[])[], eol = '\r\n'): string {
  return rows.map((row) => row.map(csvField).join(',') + eol).join('');
}

/** Imports the files in order: the text (when written) and each problem as the CLI prints it. */
export function runImport(files: Record<string, string>): { text?: string; problems: string[] } {
  const result = importCucm(Object.entries(files).map(([name, text]) => ({ name, text })));
  return { ...(result.text !== undefined && { text: result.text }), problems: result.problems.map(formatImportProblem) };
}
