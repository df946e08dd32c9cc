// CUCM's data → the language's definitions, rule by rule as CUCM-IMPORT.md "How it maps" states
// them: groups from the topology rows (which must agree), SRST references, pools with phones, the
// three service parameters, phone counts from several sources and the written names.
import { PROPERTIES, type PropertyEntry } from '../syntax/vocabulary';
import { assignNames, freeName, type NamedDefinition } from './names';
import type { ImportProblem } from './problems';
import { quoted } from './problems';
import type { CucmData, PhoneCount, TopologyRow } from './tables';

/** CUCM's built-in SRST references (exact spellings): no router, and the pool's default gateway. */
const SRST_DISABLE = 'Disable';
const SRST_DEFAULT_GATEWAY = 'Use Default Gateway';

export interface WrittenDefinition {
  readonly name: string;
  /** Set when the written name differs from CUCM's. */
  readonly cucmName?: string;
}

interface WrittenGroup extends WrittenDefinition {
  readonly members: readonly string[];
}

export interface WrittenPool extends WrittenDefinition {
  readonly group: string;
  readonly srst?: string;
  readonly phones: number;
  /** Seconds. */
  readonly connectionMonitor?: number;
  /** `Cisco 8845 × 120, Cisco 7841 × 14`, when the BAT export gave Device Types. */
  readonly deviceTypes?: string;
}

/** Service parameters as the language writes them (seconds for durations). */
export interface WrittenSettings {
  readonly keepalive?: number;
  readonly 'fallback-queue-depth'?: number;
  readonly 'connection-monitor'?: number;
}

export interface ImportedTopology {
  readonly settings: WrittenSettings;
  readonly callManagers: readonly WrittenDefinition[];
  readonly srsts: readonly WrittenDefinition[];
  readonly groups: readonly WrittenGroup[];
  readonly pools: readonly WrittenPool[];
  /** CUCM names of the device pools left out for having no phones. */
  readonly poolsWithoutPhones: readonly string[];
}

const PARAMETERS = [
  { cucm: 'StationKeepaliveInterval', key: 'keepalive', seconds: true },
  { cucm: 'MaxPhonesFallBackQueueDepth', key: 'fallback-queue-depth', seconds: false },
  { cucm: 'ConnectionMonitorDuration', key: 'connection-monitor', seconds: true },
] as const;

/** Whether `value` (seconds for a duration) is within the language's range for `key`. */
function inRange(key: keyof typeof PROPERTIES, value: number, seconds: boolean): boolean {
  const entry: PropertyEntry = PROPERTIES[key];
  const range = entry.range ?? {};
  const scaled = seconds ? value * 1000 : value;
  return value >= 0 && scaled >= (range.min ?? 0) && scaled <= (range.max ?? Infinity);
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

class Mapping {
  readonly problems: ImportProblem[] = [];

  constructor(private readonly data: CucmData) {}

  private error(at: { file: string; line: number }, message: string): void {
    this.problems.push({ file: at.file, line: at.line, severity: 'error', message });
  }

  private warning(at: { file: string; line: number }, message: string): void {
    this.problems.push({ file: at.file, line: at.line, severity: 'warning', message });
  }

  settings(): WrittenSettings {
    const settings: Record<string, number> = {};
    const rows = [...this.data.parameters].sort((a, b) => a.order - b.order);
    for (const parameter of PARAMETERS) {
      const values: { value: number; row: (typeof rows)[number] }[] = [];
      for (const row of rows.filter((r) => r.name.toLowerCase() === parameter.cucm.toLowerCase())) {
        const value = row.value === undefined || !/^[+-]?[0-9]+$/.test(row.value) ? undefined : Number(row.value);
        if (value === undefined) this.warning(row, `${row.name} ${quoted(row.value ?? '')} is not a number: ignored`);
        else values.push({ value, row });
      }
      const first = values[0];
      if (!first) continue;
      const different = values.find((v) => v.value !== first.value);
      if (different) {
        const distinct = [...new Set(values.map((v) => v.value))];
        this.warning(different.row, `${parameter.cucm} has different values (${distinct.join(', ')}): the first row's, ${first.value}, is used`);
      }
      if (inRange(parameter.key, first.value, parameter.seconds)) settings[parameter.key] = first.value;
      else this.warning(first.row, `${parameter.cucm} ${first.value} is outside what ${parameter.key} accepts: left out`);
    }
    return settings;
  }

  /** The final phone count of every device pool: the last source on the command line wins. */
  phoneCounts(): Map<string, PhoneCount & { file: string }> {
    const counts = new Map<string, PhoneCount & { file: string }>();
    const sources = [...this.data.phoneSources].sort((a, b) => a.order - b.order);
    for (const source of sources) {
      for (const [pool, count] of source.counts) {
        const before = counts.get(pool);
        if (before && before.count !== count.count)
          this.warning(
            { file: source.file, line: count.line },
            `device pool ${quoted(pool)}: ${count.count} phones here, ${before.count} in ${before.file} (line ${before.line}): the later input's ${count.count} is used`,
          );
        counts.set(pool, { ...count, deviceTypes: count.deviceTypes ?? before?.deviceTypes, file: source.file });
      }
    }
    return counts;
  }

  /** Each group's members in priority order, or undefined after reporting why there is none. */
  groups(pools: Map<string, TopologyRow[]>): Map<string, string[]> | undefined {
    const lists = new Map<string, { members: string[]; pool: string; row: TopologyRow }>();
    const bad = new Set<string>();
    let ok = true;
    for (const [pool, rows] of pools) {
      const group = rows[0]!.group;
      if (bad.has(group)) continue;
      const byPriority = [...rows].sort((a, b) => a.priority - b.priority);
      const members: string[] = [];
      const problem = (row: TopologyRow, message: string) => {
        this.error(row, message);
        bad.add(group);
        ok = false;
      };
      for (const [i, row] of byPriority.entries()) {
        const previous = byPriority[i - 1];
        if (previous && previous.priority === row.priority && previous.callManager !== row.callManager) {
          problem(row, `group ${quoted(group)} has two members at priority ${row.priority} (${quoted(previous.callManager)} and ${quoted(row.callManager)})`);
          break;
        }
        if (previous && previous.priority === row.priority) continue;
        if (members.includes(row.callManager)) {
          problem(row, `group ${quoted(group)} lists CallManager ${quoted(row.callManager)} twice: a member may appear once in a group`);
          break;
        }
        members.push(row.callManager);
        if (members.length > 3) {
          problem(row, `group ${quoted(group)} has more than three members (${members.join(', ')}): a CallManager group holds one to three`);
          break;
        }
      }
      if (bad.has(group)) continue;
      const known = lists.get(group);
      if (!known) lists.set(group, { members, pool, row: rows[0]! });
      else if (known.members.join('\n') !== members.join('\n'))
        problem(
          rows[0]!,
          `group ${quoted(group)}: the rows of device pool ${quoted(pool)} list ${members.join(', ')}, those of device pool ${quoted(known.pool)} (line ${known.row.line}) list ${known.members.join(', ')}: a group has one member list`,
        );
    }
    return ok ? new Map([...lists].map(([group, list]) => [group, list.members])) : undefined;
  }

  /** The topology rows by device pool, after checking that each pool's rows agree. */
  poolRows(): Map<string, TopologyRow[]> | undefined {
    const pools = new Map<string, TopologyRow[]>();
    for (const row of this.data.topology) {
      const rows = pools.get(row.devicePool);
      if (rows) rows.push(row);
      else pools.set(row.devicePool, [row]);
    }
    let ok = true;
    for (const [pool, rows] of pools) {
      const first = rows[0]!;
      for (const [field, what] of [
        ['group', 'CallManager groups'],
        ['srst', 'SRST references'],
        ['connectionMonitor', 'connection monitor durations'],
      ] as const) {
        const other = rows.find((r) => r[field] !== first[field]);
        if (other) {
          this.error(
            other,
            `device pool ${quoted(pool)}: its rows name different ${what} (${quoted(first[field] ?? 'NULL')}, ${quoted(other[field] ?? 'NULL')})`,
          );
          ok = false;
          break;
        }
      }
    }
    return ok ? pools : undefined;
  }

  /** Seconds of a pool's connection monitor override, or undefined for the cluster's default. */
  connectionMonitor(row: TopologyRow): number | undefined {
    const value = row.connectionMonitor;
    if (value === undefined || value === '-1') return undefined;
    if (/^[+]?[0-9]+$/.test(value)) return Number(value);
    this.warning(
      row,
      `connection monitor ${quoted(value)} of device pool ${quoted(row.devicePool)} is not a number of seconds or -1: the cluster's default is kept`,
    );
    return undefined;
  }
}

/** The topology to write, or undefined when an error was reported (the problems say why). */
export function mapCucm(data: CucmData, firstInput: { file: string; line: number }): { topology?: ImportedTopology; problems: ImportProblem[] } {
  const mapping = new Mapping(data);
  const settings = mapping.settings();
  const phones = mapping.phoneCounts();
  const pools = mapping.poolRows();
  const groups = pools && mapping.groups(pools);
  if (!pools || !groups) return { problems: mapping.problems };

  const written: { pool: string; rows: TopologyRow[]; phones: PhoneCount }[] = [];
  const withoutPhones: string[] = [];
  for (const [pool, rows] of pools) {
    const count = phones.get(pool);
    if (!count || count.count === 0) withoutPhones.push(pool);
    else if (!inRange('phones', count.count, false))
      mapping.problems.push({
        ...count,
        file: phones.get(pool)!.file,
        severity: 'warning',
        message: `device pool ${quoted(pool)} has more phones than a pool may (${count.count}): left out`,
      });
    else written.push({ pool, rows, phones: count });
  }
  if (data.topologyTables > 0)
    for (const [pool, count] of phones)
      if (count.count > 0 && !pools.has(pool))
        mapping.problems.push({
          file: count.file,
          line: count.line,
          severity: 'warning',
          message: `device pool ${quoted(pool)} has ${count.count} phone${count.count === 1 ? '' : 's'} but is not in the topology table: left out`,
        });
  if (written.length === 0) {
    const why =
      data.topologyTables === 0
        ? 'no input holds the topology table (devicepool cmgroup priority callmanager …): add the output of its query (docs/import.md)'
        : data.phoneSources.length === 0
          ? 'no input gives phone counts: add the BAT phone export or the output of the phone count query (docs/import.md)'
          : 'no device pool of the topology table has phones: nothing to write';
    mapping.problems.push({ ...firstInput, severity: 'error', message: why });
    return { problems: mapping.problems };
  }

  const srstRouters = new Set<string>();
  for (const row of data.topology) if (row.srst !== undefined && row.srst !== SRST_DISABLE && row.srst !== SRST_DEFAULT_GATEWAY) srstRouters.add(row.srst);
  const callManagers = new Set(data.topology.map((row) => row.callManager));
  const definitions: NamedDefinition[] = [
    ...[...callManagers].map((cucmName) => ({ kind: 'callmanager' as const, cucmName })),
    ...[...srstRouters].map((cucmName) => ({ kind: 'srst' as const, cucmName })),
    ...[...groups.keys()].map((cucmName) => ({ kind: 'group' as const, cucmName })),
    ...written.map(({ pool }) => ({ kind: 'pool' as const, cucmName: pool })),
  ];
  const names = assignNames(definitions);
  const taken = new Set([...names.values()].flatMap((byName) => [...byName.values()]));
  const nameOf = (kind: 'callmanager' | 'srst' | 'group' | 'pool', cucmName: string) => names.get(kind)!.get(cucmName)!;
  const definition = (kind: 'callmanager' | 'srst' | 'group' | 'pool', cucmName: string): WrittenDefinition => {
    const name = nameOf(kind, cucmName);
    return name === cucmName ? { name } : { name, cucmName };
  };

  const gatewayRouters: WrittenDefinition[] = [];
  const writtenPools = written.map(({ pool, rows, phones: count }): WrittenPool => {
    const row = rows[0]!;
    const poolDefinition = definition('pool', pool);
    let srst: string | undefined;
    if (row.srst === SRST_DEFAULT_GATEWAY) {
      srst = freeName(`GW-${poolDefinition.name}`, taken);
      taken.add(srst);
      gatewayRouters.push({ name: srst });
    } else if (row.srst !== undefined && row.srst !== SRST_DISABLE) srst = nameOf('srst', row.srst);
    const connectionMonitor = mapping.connectionMonitor(row);
    const types = count.deviceTypes && [...count.deviceTypes].sort(([a, x], [b, y]) => y - x || byCodePoint(a, b));
    return {
      ...poolDefinition,
      group: nameOf('group', row.group),
      ...(srst !== undefined && { srst }),
      phones: count.count,
      ...(connectionMonitor !== undefined && { connectionMonitor }),
      ...(types && types.length > 0 && { deviceTypes: types.map(([type, n]) => `${type} × ${n}`).join(', ') }),
    };
  });

  const sorted = <T extends WrittenDefinition>(list: T[]) => list.sort((a, b) => byCodePoint(a.name, b.name));
  return {
    problems: mapping.problems,
    topology: {
      settings,
      callManagers: sorted([...callManagers].map((cm) => definition('callmanager', cm))),
      srsts: sorted([...[...srstRouters].map((s) => definition('srst', s)), ...gatewayRouters]),
      groups: sorted([...groups].map(([group, members]) => ({ ...definition('group', group), members: members.map((m) => nameOf('callmanager', m)) }))),
      pools: sorted(writtenPools),
      poolsWithoutPhones: withoutPhones.sort(byCodePoint),
    },
  };
}
