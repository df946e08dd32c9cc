// The three query results (CUCM-IMPORT.md's table of queries), whichever format carried them: a
// table is recognised by its column names, and each row lands in the import's collected data.
// The `run sql` text reader and the AXL reader both end here, so their rows mean the same.
import type { ProblemSink } from './problems';
import { quoted } from './problems';

export type TableKind = 'topology' | 'phones' | 'parameters';

const TABLES: Record<TableKind, { readonly required: readonly string[]; readonly optional: readonly string[] }> = {
  topology: { required: ['devicepool', 'cmgroup', 'priority', 'callmanager'], optional: ['srst', 'connectionmonitor'] },
  phones: { required: ['devicepool', 'phones'], optional: [] },
  parameters: { required: ['paramname', 'paramvalue'], optional: [] },
};
const KINDS: readonly TableKind[] = ['topology', 'phones', 'parameters'];

export interface TopologyRow {
  readonly file: string;
  readonly line: number;
  readonly devicePool: string;
  readonly group: string;
  readonly priority: number;
  readonly callManager: string;
  readonly srst: string | undefined;
  readonly connectionMonitor: string | undefined;
}

export interface PhoneCount {
  readonly count: number;
  readonly line: number;
  /** Device Type → devices, from a BAT export only. */
  readonly deviceTypes?: ReadonlyMap<string, number>;
}

/** One source of phone counts: a BAT export, or one phones table. */
export interface PhoneSource {
  readonly file: string;
  /** The input's place on the command line: the later source wins. */
  readonly order: number;
  readonly counts: Map<string, PhoneCount>;
}

export interface ParameterRow {
  readonly file: string;
  readonly order: number;
  readonly line: number;
  readonly name: string;
  readonly value: string | undefined;
}

/** Everything the readers found, in input order; the mapping (mapping.ts) turns it into a topology. */
export class CucmData {
  readonly topology: TopologyRow[] = [];
  topologyTables = 0;
  readonly phoneSources: PhoneSource[] = [];
  readonly parameters: ParameterRow[] = [];
}

function columnList(kind: TableKind): string {
  return [...TABLES[kind].required, ...TABLES[kind].optional].join(' ');
}

/**
 * Which table these columns (lower-cased) make. `complete`: a text table's header must name every
 * required column; an AXL row may leave any element out (none).
 */
export function recognizeTable(columns: readonly string[], complete: boolean): { kind: TableKind } | { error: string } {
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) return { error: `column ${column} appears twice in one table` };
    seen.add(column);
  }
  const known = (kind: TableKind) => [...TABLES[kind].required, ...TABLES[kind].optional];
  const overlap = (kind: TableKind) => columns.filter((c) => known(kind).includes(c)).length;
  // The table sharing the most columns is the one meant; the first in KINDS on a tie.
  const kind = KINDS.reduce((best, k) => (overlap(k) > overlap(best) ? k : best), KINDS[0]!);
  const unknown = columns.filter((c) => !known(kind).includes(c));
  const expected = KINDS.map((k) => `${columnList(k)}`).join(' | ');
  if (overlap(kind) === 0) return { error: `unknown table columns ${unknown.join(', ')}: expected the columns of one of the import's queries (${expected})` };
  if (unknown.length > 0) return { error: `unknown table columns ${unknown.join(', ')}: the ${kind} table has the columns ${columnList(kind)}` };
  const missing = TABLES[kind].required.filter((c) => !seen.has(c));
  if (complete && missing.length > 0)
    return { error: `the ${kind} table lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (its columns: ${columnList(kind)})` };
  return { kind };
}

/** A row's value of a column: trimmed, undefined for `NULL`, an empty value or a missing column. */
export type RowValues = (column: string) => string | undefined;

/** CUCM writes a missing value as NULL; an empty one means the same. */
export function cellValue(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  return value === undefined || value === '' || value === 'NULL' ? undefined : value;
}

const INTEGER = /^[+-]?[0-9]+$/;

/**
 * A function taking the rows of one table of kind `kind` into `data`; it returns false after
 * reporting an error (the reader then stops: one problem, one line).
 */
export function tableRows(kind: TableKind, data: CucmData, file: string, order: number, problems: ProblemSink): (values: RowValues, line: number) => boolean {
  switch (kind) {
    case 'topology': {
      data.topologyTables++;
      return (values, line) => {
        for (const [column, what] of [
          ['devicepool', 'a device pool'],
          ['cmgroup', 'a CallManager group'],
          ['callmanager', 'a CallManager'],
          ['priority', 'a priority'],
        ] as const) {
          if (values(column) === undefined) {
            problems.error(line, `topology row without ${what} (${column} is empty or NULL)`);
            return false;
          }
        }
        const priority = values('priority')!;
        if (!INTEGER.test(priority)) {
          problems.error(line, `priority ${quoted(priority)} is not a number`);
          return false;
        }
        data.topology.push({
          file,
          line,
          devicePool: values('devicepool')!,
          group: values('cmgroup')!,
          priority: Number(priority),
          callManager: values('callmanager')!,
          srst: values('srst'),
          connectionMonitor: values('connectionmonitor'),
        });
        return true;
      };
    }
    case 'phones': {
      const source: PhoneSource = { file, order, counts: new Map() };
      data.phoneSources.push(source);
      return (values, line) => {
        const pool = values('devicepool');
        const phones = values('phones');
        if (pool === undefined) {
          problems.error(line, 'phone count row without a device pool (devicepool is empty or NULL)');
          return false;
        }
        if (phones === undefined || !/^[0-9]+$/.test(phones)) {
          problems.error(line, `phone count ${quoted(phones ?? '')} of device pool ${quoted(pool)} is not a whole number`);
          return false;
        }
        source.counts.set(pool, { count: Number(phones), line });
        return true;
      };
    }
    case 'parameters':
      return (values, line) => {
        const name = values('paramname');
        if (name !== undefined) data.parameters.push({ file, order, line, name, value: values('paramvalue') });
        return true;
      };
  }
}
