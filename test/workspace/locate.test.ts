import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  definitionsOf,
  documentationComments,
  filesSeeing,
  locate,
  nameProblem,
  referencesResolvingTo,
  referencesToAll,
  renameClash,
  renameTarget,
  type Located,
} from '../../server/src/core/workspace/locate';
import { analyze, cursor } from '../support/fixtures';

const TOPOLOGY = '/w/topology.failover';
const POOLS = '/w/pools.failover';
const OUTAGES = '/w/outages.failover';

const topology = 'callmanager CM1\ncallmanager CM2\nsrst BR\ngroup G { CM1, CM2 }\n';
const pools = 'import "topology.failover"\npool HQ { group G srst BR phones 10 }\n';
const outages = 'import "pools.failover"\nscenario "crash" {\n  at 1m crash CM1\n  at 2m expect HQ on CM2 >= 5\n}\n';

/** Analyses the three-file workspace with `<|>` in one file; returns what is located there. */
function at(file: string, marked: string): { found: Located | undefined; analysis: ReturnType<typeof analyze>['analysis']; text: string } {
  const { text, offset } = cursor(marked);
  const files: Record<string, string> = { [TOPOLOGY]: topology, [POOLS]: pools, [OUTAGES]: outages, [file]: text };
  const { analysis } = analyze(files, [OUTAGES]);
  return { found: locate(analysis, file, offset), analysis, text };
}

function describeLocated(found: Located | undefined, text: string): string {
  if (!found) return 'nothing';
  switch (found.kind) {
    case 'definition':
      return `definition ${found.definition.kind} ${found.definition.name}`;
    case 'reference':
      return `reference ${found.reference.role} ${text.slice(found.reference.range.start, found.reference.range.end)}`;
    case 'scenario-title':
      return `scenario ${found.scenario.title?.value}`;
    case 'import':
      return `import ${found.resolved.target}`;
    case 'sweep-scenario':
      return `sweep scenario line ${found.line.title?.value} → ${found.scenario ? 'found' : 'unknown'}`;
    case 'setting-knob':
      return `setting knob ${found.key}`;
  }
}

describe('locate: what is under the cursor', () => {
  it.each([
    ['a definition name', TOPOLOGY, topology.replace('callmanager CM2', 'callmanager C<|>M2'), 'definition callmanager CM2'],
    ['the start of a name', TOPOLOGY, topology.replace('srst BR', 'srst <|>BR'), 'definition srst BR'],
    ['just after a name', TOPOLOGY, topology.replace('{ CM1,', '{ CM1<|>,'), 'reference group-member CM1'],
    ['the next name rather than the one it touches', TOPOLOGY, topology.replace('CM1, CM2 }', 'CM1,<|>CM2 }'), 'reference group-member CM2'],
    ['a pool group reference', POOLS, pools.replace('group G', 'group <|>G'), 'reference pool-group G'],
    ['an event target', OUTAGES, outages.replace('crash CM1', 'crash CM<|>1'), 'reference event-target CM1'],
    ['a scenario title', OUTAGES, outages.replace('"crash"', '"cr<|>ash"'), 'scenario crash'],
    ['an import path', POOLS, pools.replace('"topology', '"top<|>ology'), 'import /w/topology.failover'],
    ['a keyword', TOPOLOGY, topology.replace('callmanager CM1', 'callman<|>ager CM1'), 'nothing'],
    ['a number', POOLS, pools.replace('phones 10', 'phones 1<|>0'), 'nothing'],
  ])('finds %s', (_what, file, marked, expected) => {
    const { found, text } = at(file, marked);
    expect(describeLocated(found, text)).toBe(expected);
  });

  it('gives a reference the definitions it resolves to, in the imported file', () => {
    const { found } = at(OUTAGES, outages.replace('on CM2', 'on <|>CM2'));
    expect(definitionsOf(found).map((d) => `${d.file} ${d.name}`)).toEqual([`${TOPOLOGY} CM2`]);
    expect(renameTarget(found)?.name).toBe('CM2');
  });

  it('gives an unknown reference no definition and nothing to rename', () => {
    const { found } = at(OUTAGES, outages.replace('crash CM1', 'crash <|>CM9'));
    expect(found?.kind).toBe('reference');
    expect(definitionsOf(found)).toEqual([]);
    expect(renameTarget(found)).toBeUndefined();
  });
});

describe('locate: broken text', () => {
  it('answers at every offset of the grammar test files without throwing', () => {
    const folder = path.resolve(__dirname, '../grammar');
    for (const name of readdirSync(folder).filter((f) => f.endsWith('.failover'))) {
      const text = readFileSync(path.join(folder, name), 'utf8');
      const { analysis } = analyze({ '/w/a.failover': text });
      for (let offset = 0; offset <= text.length; offset++) {
        const found = locate(analysis, '/w/a.failover', offset);
        definitionsOf(found);
        renameTarget(found);
      }
    }
  });
});

describe('locate: references across files', () => {
  it('collects the references of a callmanager from every file that sees it, in file and text order', () => {
    const { found, analysis } = at(TOPOLOGY, topology.replace('callmanager CM2', 'callmanager <|>CM2'));
    const sites = referencesToAll(analysis, definitionsOf(found));
    // The group member in topology, then the expectation target in outages (pools never names CM2).
    expect(sites.map((s) => `${s.file} ${s.role}`)).toEqual([`${OUTAGES} expect-target`, `${TOPOLOGY} group-member`]);
  });

  it('knows which files see a definition: its own and every importer, transitively', () => {
    const { found, analysis } = at(TOPOLOGY, topology.replace('srst BR', 'srst <|>BR'));
    expect(filesSeeing(analysis, definitionsOf(found)).sort()).toEqual([OUTAGES, POOLS, TOPOLOGY]);
  });

  it('renames a duplicate alone: references resolve to the first definition, not the second', () => {
    const text = 'callmanager CM1\ncallmanager CM1\ngroup G { CM1 }\n';
    const { analysis } = analyze({ '/w/a.failover': text });
    const [first, second] = analysis.index.definitionsIn('/w/a.failover');
    expect(referencesResolvingTo(analysis, first!).length).toBe(1);
    expect(referencesResolvingTo(analysis, second!)).toEqual([]);
    expect(referencesToAll(analysis, [second!]).length).toBe(1);
  });
});

describe('locate: new names', () => {
  it.each([
    ['CM4', undefined],
    ['group-a', undefined],
    ['_x.y-1', undefined],
    ['4CM', '`4CM` is not a valid name: a name starts with a letter or `_` and goes on with letters, digits, `_`, `.` or `-`.'],
    ['CM 4', '`CM 4` is not a valid name: a name starts with a letter or `_` and goes on with letters, digits, `_`, `.` or `-`.'],
    ['', '`` is not a valid name: a name starts with a letter or `_` and goes on with letters, digits, `_`, `.` or `-`.'],
    ['pool', '`pool` is a keyword and cannot be a name.'],
    ['reset-time', '`reset-time` is a keyword and cannot be a name.'],
    ['Pool', undefined],
  ])('%j → %s', (name, problem) => {
    expect(nameProblem(name)).toBe(problem);
  });

  it('finds a clash with a definition of any kind in a file that sees both', () => {
    const { found, analysis } = at(TOPOLOGY, topology.replace('callmanager CM1', 'callmanager <|>CM1'));
    const target = renameTarget(found)!;
    // HQ is a pool in pools.failover, which sees topology: renaming CM1 to HQ would collide there.
    expect(renameClash(analysis, target, 'HQ')).toMatchObject({ file: POOLS, existing: { name: 'HQ', kind: 'pool', file: POOLS } });
    expect(renameClash(analysis, target, 'BR')).toMatchObject({ file: TOPOLOGY, existing: { name: 'BR', kind: 'srst' } });
    expect(renameClash(analysis, target, 'CM9')).toBeUndefined();
    expect(renameClash(analysis, target, 'CM1')).toBeUndefined();
  });

  it('finds no clash with a file that does not see the renamed definition', () => {
    // side.failover defines SIDE, and it neither sees nor is seen by outages.failover: no clash.
    // OTHER in pools.failover is seen by outages.failover: a clash there.
    const text = outages + 'callmanager LOCAL\n';
    const { analysis } = analyze({ [TOPOLOGY]: topology, [POOLS]: pools + 'callmanager OTHER\n', [OUTAGES]: text, '/w/side.failover': 'callmanager SIDE\n' }, [
      OUTAGES,
      '/w/side.failover',
    ]);
    const local = analysis.index.definitionsIn(OUTAGES)[0]!;
    expect(renameClash(analysis, local, 'SIDE')).toBeUndefined();
    expect(renameClash(analysis, local, 'OTHER')).toMatchObject({ file: OUTAGES, existing: { file: POOLS } });
  });
});

describe('locate: documentation comments', () => {
  it('takes the whole-line comments directly above a definition or scenario, as the parser does', () => {
    const text = [
      '# file header', //                  separated by a blank line: not documentation
      '',
      '## The primary',
      '# second line',
      'callmanager CM1 # trailing', //     on the definition's own line: not documentation
      'callmanager CM2',
      'settings { keepalive 30s }',
      '# about the scenario',
      'scenario "s" { }',
    ].join('\n');
    const { analysis } = analyze({ '/w/a.failover': text });
    const file = analysis.program.unit('/w/a.failover')!.parsed.file;
    const docs = documentationComments(file, text);
    expect(file.comments.filter((c) => docs.has(c)).map((c) => c.text)).toEqual(['## The primary', '# second line', '# about the scenario']);
  });
});
