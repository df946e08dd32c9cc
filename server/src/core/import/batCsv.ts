// The BAT "Export Phones – All Details" CSV, read incrementally: an RFC 4180 state machine fed in
// chunks of any size (a quote, a doubled quote or a CRLF may straddle two chunks), keeping only the
// three columns the import needs, so memory grows with the devices, never with the file.
import type { ProblemSink } from './problems';
import { quoted } from './problems';
import type { CucmData, PhoneCount, PhoneSource } from './tables';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** Just after a quote inside a quoted field: a second quote is a literal one, anything else ends the quotes. */
  AfterQuote,
}

/**
 * A copy of `text` that does not hold on to the chunk it was cut from: V8 keeps a slice as a view
 * of its parent, and a device name kept for the whole file would keep every chunk alive with it.
 */
function detached(text: string): string {
  return ` ${text}`.slice(1);
}

/** The header names of a row as compared: lower case, surrounding spaces left out. */
export function headerName(field: string): string {
  return field.trim().toLowerCase();
}

interface PoolTally {
  count: number;
  readonly line: number;
  readonly deviceTypes: Map<string, number>;
}

export class BatCsvReader {
  private state = State.FieldStart;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private field = 0;
  private partial = '';
  private sliceStart = 0;
  private hasContent = false;
  private values: string[] = [];
  /** Per field index: where its value goes (-1: nowhere); every field is kept while the header is read. */
  private roles: number[] | undefined;
  private readonly devices = new Map<string, number>();
  private readonly pools = new Map<string, PoolTally>();
  private failed = false;

  constructor(
    private readonly data: CucmData,
    private readonly file: string,
    private readonly order: number,
    private readonly problems: ProblemSink,
  ) {}

  write(chunk: string): void {
    if (this.failed) return;
    const length = chunk.length;
    let state = this.state;
    this.sliceStart = 0;
    for (let i = 0; i < length; i++) {
      const c = chunk.charCodeAt(i);
      switch (state) {
        case State.FieldStart:
          if (c === QUOTE) {
            state = State.Quoted;
            this.quoteLine = this.line;
            this.hasContent = true;
            this.sliceStart = i + 1;
            continue;
          }
          // The first character of an unquoted field: read again as one.
          this.sliceStart = i--;
          state = State.Unquoted;
          continue;
        case State.Unquoted:
          if (c === COMMA) {
            this.endField(chunk, i);
            state = State.FieldStart;
          } else if (c === LF) {
            this.endField(chunk, i);
            this.endRecord();
            this.line++;
            this.recordLine = this.line;
            state = State.FieldStart;
          } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
            this.hasContent = true;
          }
          continue;
        case State.Quoted:
          if (c === QUOTE) {
            if (this.keeps()) this.partial += chunk.slice(this.sliceStart, i);
            this.sliceStart = i + 1;
            state = State.AfterQuote;
          } else if (c === LF) {
            this.line++;
          }
          continue;
        case State.AfterQuote:
          if (c === QUOTE) {
            if (this.keeps()) this.partial += '"';
            this.sliceStart = i + 1;
            state = State.Quoted;
          } else if (c === COMMA) {
            this.endField(chunk, i);
            state = State.FieldStart;
          } else if (c === LF) {
            this.endField(chunk, i);
            this.endRecord();
            this.line++;
            this.recordLine = this.line;
            state = State.FieldStart;
          } else if (c !== 0x0d) {
            // Text after the closing quote (`"a"b`): kept, as spreadsheets do.
            this.sliceStart = i;
            state = State.Unquoted;
          }
          continue;
      }
    }
    if ((state === State.Unquoted || state === State.Quoted) && this.keeps()) this.partial += chunk.slice(this.sliceStart);
    this.state = state;
  }

  end(): void {
    if (this.failed) return;
    if (this.state === State.Quoted) {
      this.problems.error(this.quoteLine, 'unclosed quote: the quoted field that starts here runs to the end of the file');
      this.failed = true;
      return;
    }
    if (this.state !== State.FieldStart || this.field > 0) {
      this.endField('', 0);
      this.endRecord();
    }
    if (!this.roles) return;
    const counts = new Map<string, PhoneCount>();
    for (const [pool, tally] of this.pools) counts.set(pool, { count: tally.count, line: tally.line, deviceTypes: tally.deviceTypes });
    const source: PhoneSource = { file: this.file, order: this.order, counts };
    this.data.phoneSources.push(source);
  }

  /** Whether the current field's text is needed (always for the header). */
  private keeps(): boolean {
    return this.roles === undefined || (this.roles[this.field] ?? -1) >= 0;
  }

  private endField(chunk: string, end: number): void {
    if (this.keeps()) {
      const value = this.partial + chunk.slice(this.sliceStart, end);
      if (this.roles === undefined) this.values.push(value);
      else this.values[this.roles[this.field]!] = value;
    }
    this.partial = '';
    this.field++;
  }

  private endRecord(): void {
    const values = this.values;
    const content = this.hasContent;
    this.values = this.roles === undefined ? [] : ['', '', ''];
    this.field = 0;
    this.hasContent = false;
    if (!content || this.failed) return;
    if (this.roles === undefined) this.readHeader(values);
    else this.readDevice(values);
  }

  private readHeader(names: readonly string[]): void {
    const index = (name: string) => names.findIndex((n) => headerName(n) === name);
    const name = index('device name');
    const pool = index('device pool');
    const type = index('device type');
    // The caller only hands over text whose first row names Device Name or Device Pool.
    if (name < 0 || pool < 0) {
      this.problems.error(
        this.recordLine,
        pool < 0
          ? 'this CSV has no Device Pool column (the BAT "Specific Details" export has none): export the phones with All Details, or with a custom file format that includes DEVICE POOL'
          : 'this CSV has no Device Name column: export the phones with All Details',
      );
      this.failed = true;
      return;
    }
    const roles = names.map(() => -1);
    roles[name] = 0;
    roles[pool] = 1;
    if (type >= 0) roles[type] = 2;
    this.roles = roles;
    this.values = ['', '', ''];
  }

  private readDevice([rawName = '', rawPool = '', rawType = '']: readonly string[]): void {
    const device = rawName.trim();
    const pool = rawPool.trim();
    if (device === '' || pool === '') {
      this.problems.warning(this.recordLine, `record without a ${device === '' ? 'Device Name' : 'Device Pool'}: skipped`);
      return;
    }
    const first = this.devices.get(device);
    if (first !== undefined) {
      this.problems.warning(this.recordLine, `device ${quoted(device)} again (first at line ${first}): counted once, in the device pool of its first record`);
      return;
    }
    this.devices.set(detached(device), this.recordLine);
    let tally = this.pools.get(pool);
    if (!tally) {
      tally = { count: 0, line: this.recordLine, deviceTypes: new Map() };
      this.pools.set(detached(pool), tally);
    }
    tally.count++;
    const type = rawType.trim();
    if (type !== '') {
      const seen = tally.deviceTypes.get(type);
      if (seen === undefined) tally.deviceTypes.set(detached(type), 1);
      else tally.deviceTypes.set(type, seen + 1);
    }
  }
}
