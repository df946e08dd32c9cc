// `failover import`'s core: CUCM exports (BAT CSV, `run sql` text, AXL responses), recognised by
// their content, → one topology `.failover` text, or the problems that stop it. Pure: the caller
// reads the files and feeds their text here, in chunks for big exports (createCucmImport).
import { readAxl } from './axl';
import { BatCsvReader, headerName } from './batCsv';
import { mapCucm } from './mapping';
import type { ImportProblem, ProblemSink } from './problems';
import { SqlTextReader } from './sqlText';
import { CucmData } from './tables';
import { writeTopology } from './writer';

/** @public The problem type of the API, for the language server's import request and the extension. */
export type { ImportProblem } from './problems';
export { formatImportProblem } from './problems';

/** One input: `name` as given on the command line, `text` its whole content. */
export interface ImportSource {
  readonly name: string;
  readonly text: string;
}

/** `text` is absent when any problem is an error. */
export interface ImportResult {
  readonly text?: string;
  readonly problems: readonly ImportProblem[];
}

/** Where one input's text goes, in chunks of any size (a byte-order mark at its start is dropped). */
export interface ImportSink {
  write(chunk: string): void;
  end(): void;
  /** The input cannot be read as text (e.g. invalid UTF-8): reported at the line reached, nothing more is read. */
  fail(message: string): void;
}

export interface CucmImport {
  /** The next input, in command-line order (the later one wins where phone counts differ). */
  source(name: string): ImportSink;
  /** The topology, once every source has ended. */
  finish(): ImportResult;
}

const NOT_AN_EXPORT =
  'not a CUCM export: expected a BAT phone export (CSV with Device Name and Device Pool columns), the saved output of run sql, or a saved AXL executeSQLQuery response';

interface Reader {
  write(chunk: string): void;
  end(): void;
}

/** One input: holds back its first non-blank line to see which format it is, then streams. */
class SourceSink implements ImportSink {
  private head = '';
  private reader: Reader | undefined;
  private xml: string[] | undefined;
  private started = false;
  private stopped = false;
  private line = 1;
  private text: SqlTextReader | undefined;

  constructor(
    private readonly name: string,
    private readonly order: number,
    private readonly data: CucmData,
    private readonly problems: ImportProblem[],
  ) {}

  private readonly sink: ProblemSink = {
    error: (line, message) => {
      this.problems.push({ file: this.name, line, severity: 'error', message });
      this.stopped = true;
    },
    warning: (line, message) => this.problems.push({ file: this.name, line, severity: 'warning', message }),
  };

  write(chunk: string): void {
    if (this.stopped) return;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const nul = chunk.indexOf('\0');
    if (nul >= 0) return this.fail('not a CUCM export: binary data (a NUL character), not text', chunk.slice(0, nul));
    this.countLines(chunk);
    if (this.xml) this.xml.push(chunk);
    else if (this.reader) this.reader.write(chunk);
    else {
      this.head += chunk;
      if (/\S[^\n]*\n/.test(this.head)) this.choose();
    }
  }

  end(): void {
    if (this.stopped) return;
    if (!this.reader && !this.xml) {
      if (this.head.trim() === '') return this.sink.error(1, `empty file: ${NOT_AN_EXPORT}`);
      this.choose();
    }
    if (this.xml) {
      if (!readAxl(this.xml.join(''), this.data, this.name, this.order, this.sink)) this.sink.error(1, NOT_AN_EXPORT);
      return;
    }
    this.reader?.end();
    if (!this.stopped && this.text && this.text.tables === 0) this.sink.error(1, NOT_AN_EXPORT);
  }

  fail(message: string, before = ''): void {
    if (this.stopped) return;
    this.countLines(before);
    this.sink.error(this.line, message);
  }

  private countLines(chunk: string): void {
    for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) this.line++;
  }

  /** Picks the reader from the first non-blank line, and hands it what was held back. */
  private choose(): void {
    const head = this.head;
    this.head = '';
    const firstLine = /\S[^\n]*/.exec(head)?.[0] ?? '';
    if (firstLine.startsWith('<')) {
      this.xml = [head];
      return;
    }
    // A header row of the BAT export; the quotes of a CSV field do not matter for this look.
    const names = firstLine.split(',').map((field) => headerName(field.replace(/"/g, '')));
    if (names.includes('device name') || names.includes('device pool')) this.reader = new BatCsvReader(this.data, this.name, this.order, this.sink);
    else this.reader = this.text = new SqlTextReader(this.data, this.name, this.order, this.sink);
    this.reader.write(head);
  }
}

/** The streaming form: one sink per input, then the result. */
export function createCucmImport(): CucmImport {
  const data = new CucmData();
  const problems: ImportProblem[] = [];
  const inputs: string[] = [];
  return {
    source(name) {
      inputs.push(name);
      return new SourceSink(name, inputs.length - 1, data, problems);
    },
    finish() {
      // Problems in command-line order, then line order, whichever stage found them.
      const inOrder = (list: readonly ImportProblem[]) => [...list].sort((a, b) => inputs.indexOf(a.file) - inputs.indexOf(b.file) || a.line - b.line);
      if (problems.some((p) => p.severity === 'error')) return { problems: inOrder(problems) };
      const mapped = mapCucm(data, { file: inputs[0] ?? '(no input)', line: 1 });
      const all = inOrder([...problems, ...mapped.problems]);
      if (!mapped.topology || all.some((p) => p.severity === 'error')) return { problems: all };
      return { text: writeTopology(mapped.topology, inputs), problems: all };
    },
  };
}

/** Imports whole texts, in the order given. */
export function importCucm(sources: readonly ImportSource[]): ImportResult {
  const run = createCucmImport();
  for (const source of sources) {
    const sink = run.source(source.name);
    sink.write(source.text);
    sink.end();
  }
  return run.finish();
}
