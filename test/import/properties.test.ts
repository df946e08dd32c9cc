// Any valid export, in any of the three formats, gives a topology that parses, lints without
// errors and is its own `fmt`; the same cluster exported as run sql text, as AXL responses or with
// a BAT CSV for the phones gives the same topology.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatText } from '../../server/src/core/syntax/format';
import { parse } from '../../server/src/core/syntax/parser';
import { Analysis } from '../../server/src/core/workspace/analysis';
import { mapHost } from '../robustness/support';
import { axlResponse, csv, runImport, sqlTable, TOPOLOGY_COLUMNS } from './support';

/** CUCM-like names: spaces and punctuation inside, keywords, digits first, letters beyond ASCII. */
const cucmName = fc
  .oneof(
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,12}$/),
    fc.constantFrom(
      'pool',
      'group',
      'step',
      'vary',
      'srst',
      'phones',
      'all',
      'HQ Phones',
      'HQ_Phones',
      'HQ:Phones',
      'R&D',
      'Zürich',
      '1st floor',
      'a,b',
      'say "hi"',
    ),
    fc.array(fc.constantFrom('A', 'b', '7', ' ', '_', '-', '.', '/', '&', ':', 'é', ','), { minLength: 1, maxLength: 10 }).map((cs) => cs.join('')),
  )
  .map((name) => name.trim())
  .filter((name) => name !== '' && name !== 'NULL' && name !== 'Disable' && name !== 'Use Default Gateway');

interface Cluster {
  readonly groups: { name: string; members: { cm: string; priority: number }[] }[];
  readonly pools: { name: string; group: number; srst: string | null; monitor: string | null; phones: number }[];
  readonly parameters: [string, string][];
}

const cluster: fc.Arbitrary<Cluster> = fc
  .record({
    callManagers: fc.uniqueArray(cucmName, { minLength: 1, maxLength: 4 }),
    groupNames: fc.uniqueArray(cucmName, { minLength: 1, maxLength: 3 }),
    poolNames: fc.uniqueArray(cucmName, { minLength: 1, maxLength: 5 }),
    routers: fc.uniqueArray(cucmName, { minLength: 0, maxLength: 2 }),
    seed: fc.array(fc.nat(1000), { minLength: 64, maxLength: 64 }),
    parameters: fc.array(
      fc.tuple(
        fc.constantFrom('StationKeepaliveInterval', 'MAXPHONESFALLBACKQUEUEDEPTH', 'ConnectionMonitorDuration', 'Other'),
        fc.integer({ min: 1, max: 600 }).map(String),
      ),
      { maxLength: 4 },
    ),
  })
  .map(({ callManagers, groupNames, poolNames, routers, seed, parameters }) => {
    let i = 0;
    const next = () => seed[i++ % seed.length]!;
    const groups = groupNames.map((name) => {
      const count = 1 + (next() % Math.min(3, callManagers.length));
      const start = next() % callManagers.length;
      let priority = next() % 2;
      return {
        name,
        members: Array.from({ length: count }, (_, k) => ({ cm: callManagers[(start + k) % callManagers.length]!, priority: (priority += 1 + (next() % 5)) })),
      };
    });
    const srstChoices = [null, 'Disable', 'Use Default Gateway', ...routers];
    const pools = poolNames.map((name, k) => ({
      name,
      group: next() % groups.length,
      srst: srstChoices[next() % srstChoices.length]!,
      monitor: [null, '-1', '0', String(next())][next() % 4]!,
      // At least one pool has phones.
      phones: k === 0 ? 1 + (next() % 20) : next() % 20,
    }));
    return { groups, pools, parameters };
  });

function topologyRows({ groups, pools }: Cluster): (string | null)[][] {
  return pools.flatMap((pool) =>
    groups[pool.group]!.members.map((m) => [pool.name, groups[pool.group]!.name, String(m.priority), m.cm, pool.srst, pool.monitor]),
  );
}

const countRows = ({ pools }: Cluster) => pools.map((p) => [p.name, String(p.phones)]);

function asRunSql(c: Cluster): Record<string, string> {
  const session = [
    'admin:run sql select dp.name as devicepool, … order by devicepool, priority',
    sqlTable(TOPOLOGY_COLUMNS, topologyRows(c)),
    'admin:run sql select dp.name as devicepool, count(*) as phones …',
    sqlTable(['devicepool', 'phones'], countRows(c)),
    ...(c.parameters.length > 0 ? ['admin:run sql select paramname, paramvalue …', sqlTable(['paramname', 'paramvalue'], c.parameters)] : []),
    'admin:',
  ];
  return { 'cluster.txt': session.join('\n') };
}

function asAxl(c: Cluster): Record<string, string> {
  return {
    'cluster.txt': axlResponse(TOPOLOGY_COLUMNS, topologyRows(c)),
    'counts.xml': axlResponse(['devicepool', 'phones'], countRows(c)),
    ...(c.parameters.length > 0 && { 'params.xml': axlResponse(['paramname', 'paramvalue'], c.parameters) }),
  };
}

function asCsv(c: Cluster, types: boolean): Record<string, string> {
  const header = types ? ['Device Name', 'Description', 'Device Pool', 'Device Type'] : ['Device Name', 'Description', 'Device Pool'];
  let device = 0;
  const records = c.pools.flatMap((pool) =>
    Array.from({ length: pool.phones }, (_, k) => {
      const name = `SEP${String(++device).padStart(12, '0')}`;
      return types ? [name, `desk "${k}", line\n2`, pool.name, k % 3 ? 'Cisco 8845' : 'Cisco 7841'] : [name, `desk ${k}`, pool.name];
    }),
  );
  const session = asRunSql(c)['cluster.txt']!;
  // The run sql session without its phone counts: the BAT export gives them.
  const withoutCounts = session.replace(/admin:run sql select dp\.name as devicepool, count[^]*?(?=admin:)/, '');
  return { 'cluster.txt': withoutCounts, 'phones.csv': csv([header, ...records]) };
}

function checkTopology(text: string | undefined): void {
  expect(text).toBeDefined();
  expect(parse(text!).errors).toEqual([]);
  expect(formatText(text!)).toEqual({ text });
  const key = '/imported/topology.failover';
  const errors = Analysis.load([key], mapHost(new Map([[key, text!]])))
    .diagnostics(key)
    .filter((d) => d.severity === 'error');
  expect(errors).toEqual([]);
}

const withoutFirstLine = (text: string | undefined) => text?.slice(text.indexOf('\n'));

describe('any valid export', () => {
  it('gives a topology that parses, lints without errors and equals fmt of itself, the same from each format', () => {
    fc.assert(
      fc.property(cluster, (c) => {
        const fromText = runImport(asRunSql(c));
        expect(fromText.problems.filter((p) => p.includes(': error: '))).toEqual([]);
        checkTopology(fromText.text);
        const fromAxl = runImport(asAxl(c));
        checkTopology(fromAxl.text);
        const fromCsv = runImport(asCsv(c, false));
        expect(withoutFirstLine(fromAxl.text)).toBe(withoutFirstLine(fromText.text));
        expect(withoutFirstLine(fromCsv.text)).toBe(withoutFirstLine(fromText.text));
        checkTopology(runImport(asCsv(c, true)).text);
      }),
      { numRuns: 150 },
    );
  });
});
