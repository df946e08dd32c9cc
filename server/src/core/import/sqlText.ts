// The text `run sql` prints on the CUCM command line, as saved from an SSH session: any number of
// fixed-width tables among echoed commands, prompts and row counts. Column widths come from the `=`
// underline, never from blanks (values hold spaces). Read line by line, in chunks of any size.
import type { ProblemSink } from './problems';
import { cellValue, recognizeTable, tableRows, type CucmData, type RowValues } from './tables';

const UNDERLINE = /^=+(?: =+)*[ \t]*$/;

interface Column {
  readonly name: string;
  readonly start: number;
  /** Where the column's text ends (exclusive); the last column runs to the end of the line. */
  readonly end: number;
}

interface OpenTable {
  readonly columns: readonly Column[];
  readonly row: (values: RowValues, line: number) => boolean;
}

/** The columns an underline gives its header, or why they do not match. */
function matchHeader(header: string, underline: string): Column[] | undefined {
  const runs = [...underline.matchAll(/=+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const names = [...header.matchAll(/\S+/g)].map((m) => ({ name: m[0], start: m.index }));
  if (names.length !== runs.length || names.some((n, i) => n.start !== runs[i]!.start)) return undefined;
  return runs.map((run, i) => ({ name: names[i]!.name.toLowerCase(), start: run.start, end: i === runs.length - 1 ? Infinity : run.end }));
}

export class SqlTextReader {
  private rest = '';
  private line = 0;
  private previous: string | undefined;
  private table: OpenTable | undefined;
  private failed = false;
  /** Whether any table was seen: without one the file is not a CUCM export. */
  tables = 0;

  constructor(
    private readonly data: CucmData,
    private readonly file: string,
    private readonly order: number,
    private readonly problems: ProblemSink,
  ) {}

  write(chunk: string): void {
    if (this.failed) return;
    const text = this.rest + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0 && !this.failed; end = text.indexOf('\n', start)) {
      this.readLine(text.slice(start, end));
      start = end + 1;
    }
    this.rest = text.slice(start);
  }

  end(): void {
    if (!this.failed && this.rest !== '') this.readLine(this.rest);
    this.rest = '';
  }

  private readLine(raw: string): void {
    this.line++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.table) {
      if (line.trim() === '' || line.startsWith('admin:')) this.table = undefined;
      else {
        const columns = this.table.columns;
        const values: RowValues = (name) => {
          const column = columns.find((c) => c.name === name);
          return column && cellValue(line.slice(column.start, column.end));
        };
        if (!this.table.row(values, this.line)) this.failed = true;
        return;
      }
    }
    if (UNDERLINE.test(line)) this.openTable(line);
    this.previous = line;
  }

  private openTable(underline: string): void {
    const header = this.previous;
    const columns = header === undefined || header.trim() === '' ? undefined : matchHeader(header, underline);
    if (!columns) {
      this.problems.error(
        this.line,
        header === undefined || header.trim() === ''
          ? 'a line of = runs with no header of column names above it'
          : 'this underline does not match the header above it: each column name must start above its run of =, one run per name',
      );
      this.failed = true;
      return;
    }
    const recognized = recognizeTable(
      columns.map((c) => c.name),
      true,
    );
    if ('error' in recognized) {
      this.problems.error(this.line - 1, recognized.error);
      this.failed = true;
      return;
    }
    this.tables++;
    this.table = { columns, row: tableRows(recognized.kind, this.data, this.file, this.order, this.problems) };
  }
}
