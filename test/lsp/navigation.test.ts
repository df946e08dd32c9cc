import { describe, expect, it } from 'vitest';
import type * as lsp from 'vscode-languageserver-protocol';
import { documentLinks } from '../../server/src/lsp/features/documentLinks';
import { definitionAt, prepareRenameAt, referencesAt, renameAt } from '../../server/src/lsp/features/navigation';
import { applyTextEdits, featureWorkspace, type Spot } from '../support/featureHarness';

// Three files that import each other in a chain, and one that nobody imports with its own CM1.
const FILES: Record<string, string> = {
  'topology.failover': [
    'callmanager CM1 { capacity 2500 }',
    'callmanager CM2',
    'srst BR1-RTR { capacity 48 }',
    'group HQ-GROUP { CM1, CM2 }',
    'group BR-GROUP { CM2, CM1 }',
    '',
  ].join('\n'),
  'pools.failover': ['import "topology.failover"', 'pool HQ { group HQ-GROUP phones 1200 }', 'pool BRANCH1 { group BR-GROUP srst BR1-RTR phones 40 }', ''].join(
    '\n',
  ),
  'scenarios/outages.failover': [
    'import "../pools.failover"',
    'scenario "CM1 crash" {',
    '  at 1m crash CM1',
    '  at 5m expect HQ on CM2 >= 800',
    '  at 6m expect BRANCH1 on BR1-RTR == all',
    '  expect peak CM1 <= 2500',
    '}',
    '',
  ].join('\n'),
  'other.failover': 'callmanager CM1\ngroup SOLO { CM1 }\ncallmanager SPARE\n',
};

const ws = featureWorkspace(FILES);

/** A cursor in `file`: `excerpt` is a piece of its text with `<|>` where the cursor is. */
const at = (file: string, excerpt: string): Spot => ws.at(file, excerpt);

/** A location as `file line:column text`, 1-based, with the text it covers: easy to read when a test fails. */
function show(location: { uri: string; range: lsp.Range }): string {
  const name = ws.nameOf(location.uri);
  const lines = FILES[name]!.split('\n');
  const { start, end } = location.range;
  const covered = start.line === end.line ? lines[start.line]!.slice(start.character, end.character) : '…';
  return `${name} ${start.line + 1}:${start.character + 1} ${covered}`;
}

/** Applies a workspace edit's `changes` to the fixture texts; returns the texts that changed. */
function applyEdit(edit: lsp.WorkspaceEdit): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) result[ws.nameOf(uri)] = applyTextEdits(FILES[ws.nameOf(uri)]!, edits);
  return result;
}

const definition = ({ file, offset }: Spot) => (definitionAt(file, offset) ?? []).map(show);
const references = ({ file, offset }: Spot, includeDeclaration: boolean) => (referencesAt(file, offset, includeDeclaration) ?? []).map(show);
const rename = ({ file, offset }: Spot, newName: string) => renameAt(file, offset, newName);
const prepareRename = ({ file, offset }: Spot) => prepareRenameAt(file, offset);

/** The edit of a rename the feature accepts; a refusal fails the test with its message. */
function renamed(spot: Spot, newName: string): lsp.WorkspaceEdit {
  const result = rename(spot, newName);
  if ('code' in result) throw new Error(`the rename was refused: ${result.message}`);
  return result;
}

describe('navigation across imported files: definition, references, rename, document links', () => {
  describe('go to definition', () => {
    it("goes from a pool's group to the group's name in the imported topology file", () => {
      expect(definition(at('pools.failover', 'group HQ-<|>GROUP'))).toEqual(['topology.failover 4:7 HQ-GROUP']);
    });

    it('goes from an event in a scenario file through two imports to the callmanager', () => {
      expect(definition(at('scenarios/outages.failover', 'crash C<|>M1'))).toEqual(['topology.failover 1:13 CM1']);
    });

    it('works with the cursor right after the name', () => {
      expect(definition(at('scenarios/outages.failover', 'expect HQ<|> on'))).toEqual(['pools.failover 2:6 HQ']);
    });

    it('stays on a definition name', () => {
      expect(definition(at('topology.failover', 'srst BR1<|>-RTR'))).toEqual(['topology.failover 3:6 BR1-RTR']);
    });

    it('resolves in the file that is asked about: an unrelated file sees its own CM1', () => {
      expect(definition(at('other.failover', 'SOLO { <|>CM1'))).toEqual(['other.failover 1:13 CM1']);
    });

    it("opens an import's file from its path", () => {
      expect(definition(at('pools.failover', '"topo<|>logy'))).toEqual(['topology.failover 1:1 ']);
    });

    it('finds nothing on a keyword, a number or a scenario title', () => {
      expect(definition(at('scenarios/outages.failover', 'cra<|>sh CM1'))).toEqual([]);
      expect(definition(at('pools.failover', 'phones 12<|>00'))).toEqual([]);
      expect(definition(at('scenarios/outages.failover', '"CM<|>1 crash"'))).toEqual([]);
    });
  });

  describe('find references', () => {
    it('finds every reference to a callmanager: group members in the topology and events in the scenario file', () => {
      expect(references(at('topology.failover', 'callmanager C<|>M1 {'), false)).toEqual([
        'scenarios/outages.failover 3:15 CM1',
        'scenarios/outages.failover 6:15 CM1',
        'topology.failover 4:18 CM1',
        'topology.failover 5:23 CM1',
      ]);
    });

    it('adds the declaration when asked, and the same answer comes from any reference', () => {
      const expected = ['topology.failover 3:6 BR1-RTR', 'pools.failover 3:36 BR1-RTR', 'scenarios/outages.failover 5:27 BR1-RTR'];
      expect(references(at('topology.failover', 'srst <|>BR1-RTR'), true)).toEqual(expected);
      expect(references(at('scenarios/outages.failover', 'on BR1-<|>RTR'), true)).toEqual(expected);
    });

    it('does not mix in a same-named definition that no file sees together with this one', () => {
      expect(references(at('other.failover', 'callmanager <|>CM1'), true)).toEqual(['other.failover 1:13 CM1', 'other.failover 2:14 CM1']);
    });

    it('answers nothing where no name is', () => {
      expect(references(at('pools.failover', 'po<|>ol HQ'), true)).toEqual([]);
    });
  });

  describe('rename', () => {
    it('prepares a rename on a reference with its range and text', () => {
      const spot = at('pools.failover', 'srst BR1<|>-RTR');
      const prepared = prepareRename(spot);
      expect(prepared).toEqual({ range: { start: { line: 2, character: 35 }, end: { line: 2, character: 42 } }, placeholder: 'BR1-RTR' });
    });

    it('renames an srst router across three files: definition and every reference, nothing else', () => {
      const edit = renamed(at('scenarios/outages.failover', 'on BR<|>1-RTR'), 'BRANCH1-SRST');
      expect(
        Object.keys(edit.changes ?? {})
          .map(ws.nameOf)
          .sort(),
      ).toEqual(['pools.failover', 'scenarios/outages.failover', 'topology.failover']);
      expect(applyEdit(edit)).toEqual({
        'topology.failover': FILES['topology.failover']!.replace('srst BR1-RTR', 'srst BRANCH1-SRST'),
        'pools.failover': FILES['pools.failover']!.replace('srst BR1-RTR', 'srst BRANCH1-SRST'),
        'scenarios/outages.failover': FILES['scenarios/outages.failover']!.replace('on BR1-RTR', 'on BRANCH1-SRST'),
      });
    });

    it('renames a callmanager in group members, events and peak expectations, leaving the unrelated CM1 alone', () => {
      const edit = renamed(at('topology.failover', 'callmanager <|>CM1'), 'CM-EAST');
      expect(applyEdit(edit)).toEqual({
        'topology.failover': FILES['topology.failover']!.replace('callmanager CM1', 'callmanager CM-EAST')
          .replace('{ CM1,', '{ CM-EAST,')
          .replace('CM2, CM1 }', 'CM2, CM-EAST }'),
        'scenarios/outages.failover': FILES['scenarios/outages.failover']!.replace('crash CM1', 'crash CM-EAST').replace('peak CM1', 'peak CM-EAST'),
      });
    });

    it('may take a name that only files which never see the renamed definition use', () => {
      // SPARE is defined in other.failover, which neither imports the topology nor is imported by it.
      const edit = renamed(at('topology.failover', 'callmanager <|>CM2'), 'SPARE');
      expect(Object.values(edit.changes ?? {}).flat().length).toBe(4);
    });

    it.each([
      ['a keyword', 'pool', '`pool` is a keyword and cannot be a name.'],
      ['an invalid name', '2CM', '`2CM` is not a valid name: a name starts with a letter or `_` and goes on with letters, digits, `_`, `.` or `-`.'],
      ['a name with a space', 'CM 1', '`CM 1` is not a valid name: a name starts with a letter or `_` and goes on with letters, digits, `_`, `.` or `-`.'],
      [
        'a pool name that a file seeing both already uses',
        'HQ',
        'Cannot rename `CM1` to `HQ`: that is already the name of the pool defined at pools.failover:2, and all names share one namespace.',
      ],
      [
        'a name defined in the same file',
        'BR1-RTR',
        'Cannot rename `CM1` to `BR1-RTR`: that is already the name of the srst router defined at topology.failover:3, and all names share one namespace.',
      ],
    ])('refuses %s', (_what, newName, message) => {
      expect(rename(at('scenarios/outages.failover', 'crash <|>CM1'), newName)).toMatchObject({ code: -32803, message });
    });

    it('names the file that sees both when the clash is in a file the other definition does not see', () => {
      // HQ lives in pools, CM2 in topology: topology never sees HQ, but pools (and the scenario
      // file) see both; the renamed definition's own file is the one named.
      expect(rename(at('scenarios/outages.failover', 'expect <|>HQ on'), 'CM2')).toMatchObject({
        message:
          'Cannot rename `HQ` to `CM2`: that is already the name of the callmanager defined at topology.failover:2 (pools.failover sees both), and all names share one namespace.',
      });
    });

    it.each([
      [
        'on a keyword',
        at('scenarios/outages.failover', 'cr<|>ash CM1'),
        'Put the cursor on the name of a callmanager, srst router, group or pool to rename it.',
      ],
      ['on a number', at('pools.failover', 'phones 4<|>0'), 'Put the cursor on the name of a callmanager, srst router, group or pool to rename it.'],
      [
        'on an import path',
        at('pools.failover', '"topology<|>.failover"'),
        'Put the cursor on the name of a callmanager, srst router, group or pool to rename it.',
      ],
    ])('refuses to prepare a rename %s', (_where, spot, message) => {
      expect(prepareRename(spot)).toMatchObject({ code: -32803, message });
      expect(rename(spot, 'X')).toMatchObject({ code: -32803, message });
    });

    it('refuses to rename a name that is defined nowhere visible', () => {
      const edited = featureWorkspace({ ...FILES, 'scenarios/outages.failover': FILES['scenarios/outages.failover']!.replace('crash CM1', 'crash CM9') });
      expect(prepareRename(edited.at('scenarios/outages.failover', 'crash C<|>M9'))).toMatchObject({
        message: '`CM9` is not defined in this file or anything it imports, so there is nothing to rename.',
      });
    });
  });

  describe('document links', () => {
    /** Each link as `line:column text → file`, 1-based, with the text it covers. */
    const links = (name: string, files: Record<string, string> = FILES) => {
      const linked = featureWorkspace(files);
      const lines = linked.text(name).split('\n');
      return documentLinks(linked.file(name)).map(
        ({ range: { start, end }, target }) =>
          `${start.line + 1}:${start.character + 1} ${lines[start.line]!.slice(start.character, end.character)} → ${linked.nameOf(target!)}`,
      );
    };

    it("links an import's path, without its quotes, to the file it names, relative to the importing file", () => {
      expect(links('pools.failover')).toEqual(['1:9 topology.failover → topology.failover']);
      expect(links('scenarios/outages.failover')).toEqual(['1:9 ../pools.failover → pools.failover']);
    });

    it('says what the link does', () => {
      expect(documentLinks(ws.file('pools.failover')).map((l) => l.tooltip)).toEqual(['Open the imported file']);
    });

    it('links no import whose file is missing, and nothing in a file without imports', () => {
      expect(
        links('main.failover', {
          'main.failover': 'import "missing.failover"\nimport "topology.failover"\n',
          'topology.failover': FILES['topology.failover']!,
        }),
      ).toEqual(['2:9 topology.failover → topology.failover']);
      expect(links('topology.failover')).toEqual([]);
    });
  });
});

describe('navigation in sweeps', () => {
  const WHATIF = [
    'import "../pools.failover"',
    'settings { keepalive 20s }',
    'scenario "CM1 crash" {',
    '  settings { tcp-retry 10s }',
    '  at 1m crash CM1',
    '}',
    'sweep "how much" {',
    '  scenario "CM1 crash"',
    '  vary CM2 capacity from 1000 to 2000 step 500',
    '  vary tcp-retry from 10s to 20s step 5s',
    '}',
    'sweep "timers" {',
    '  scenario "CM1 crash"',
    '  vary keepalive from 10s to 30s step 10s',
    '  vary reset-time from 10s to 30s step 10s',
    '}',
    '',
  ].join('\n');
  const files = { ...FILES, 'scenarios/whatif.failover': WHATIF };
  const sweeps = featureWorkspace(files);
  const spot = (excerpt: string) => sweeps.at('scenarios/whatif.failover', excerpt);
  const showIn = (location: { uri: string; range: lsp.Range }) => {
    const name = sweeps.nameOf(location.uri);
    const { start, end } = location.range;
    return `${name} ${start.line + 1}:${start.character + 1} ${files[name as keyof typeof files]!.split('\n')[start.line]!.slice(start.character, end.character)}`;
  };
  const definitionOf = ({ file, offset }: Spot) => (definitionAt(file, offset) ?? []).map(showIn);

  it("goes from a sweep's scenario title to the scenario, and from a knob's name to the definition", () => {
    expect(definitionOf(spot('scenario "CM1 <|>crash"\n  vary CM2'))).toEqual(['scenarios/whatif.failover 3:10 "CM1 crash"']);
    expect(definitionOf(spot('vary C<|>M2 capacity'))).toEqual(['topology.failover 2:13 CM2']);
  });

  it('goes from a setting knob to the settings entry that sets it for the scenario, and nowhere for a default', () => {
    expect(definitionOf(spot('vary tcp-<|>retry'))).toEqual(['scenarios/whatif.failover 4:14 tcp-retry 10s']);
    expect(definitionOf(spot('vary keep<|>alive'))).toEqual(['scenarios/whatif.failover 2:12 keepalive 20s']);
    expect(definitionOf(spot('vary reset<|>-time'))).toEqual([]);
  });

  it("finds a scenario title's references in the sweeps of its file, from either end", () => {
    const expected = ['scenarios/whatif.failover 8:12 "CM1 crash"', 'scenarios/whatif.failover 13:12 "CM1 crash"'];
    const { file, offset } = spot('scenario "CM1 <|>crash" {');
    expect((referencesAt(file, offset, false) ?? []).map(showIn)).toEqual(expected);
    const line = spot('scenario "CM1 cr<|>ash"\n  vary keepalive');
    expect((referencesAt(line.file, line.offset, true) ?? []).map(showIn)).toEqual(['scenarios/whatif.failover 3:10 "CM1 crash"', ...expected]);
    // A knob's name is a reference to its definition like any other.
    const cm2 = ws.at('topology.failover', 'callmanager C<|>M2');
    expect((referencesAt(sweeps.file('topology.failover'), cm2.offset, false) ?? []).map(showIn)).toContain('scenarios/whatif.failover 9:8 CM2');
  });

  it('renames a scenario title with the sweeps that name it, quoting and escaping the new title', () => {
    const { file, offset } = spot('scenario "CM1 cr<|>ash"\n  vary CM2');
    expect(prepareRenameAt(file, offset)).toMatchObject({ placeholder: 'CM1 crash' });
    const edit = renameAt(file, offset, 'CM1 "hard" crash') as lsp.WorkspaceEdit;
    const [[, edits]] = Object.entries(edit.changes!) as [[string, lsp.TextEdit[]]];
    const text = applyTextEdits(WHATIF, edits);
    expect(text.match(/"CM1 \\"hard\\" crash"/g)).toHaveLength(3);
    expect(text).not.toContain('"CM1 crash"');
  });

  it('refuses an empty title, and one another scenario of the file has', () => {
    const { file, offset } = spot('scenario "CM1 <|>crash" {');
    expect(renameAt(file, offset, ' ')).toMatchObject({ message: 'A scenario title cannot be empty.' });
    const two = featureWorkspace({ ...files, 'scenarios/whatif.failover': `${WHATIF}scenario "other" {\n  at 1m crash CM2\n}\n` });
    const again = two.at('scenarios/whatif.failover', 'scenario "CM1 <|>crash" {');
    expect(renameAt(again.file, again.offset, 'other')).toMatchObject({ message: 'Another scenario of this file is already titled "other".' });
  });
});
