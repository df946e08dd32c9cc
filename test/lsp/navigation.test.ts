import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as lsp from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { positionAt, TestClient, workspaceFolder } from '../support/lspClient';

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
  'pools.failover': [
    'import "topology.failover"',
    'pool HQ { group HQ-GROUP phones 1200 }',
    'pool BRANCH1 { group BR-GROUP srst BR1-RTR phones 40 }',
    '',
  ].join('\n'),
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

/** Removes the `<|>` cursor from a fixture text; the rest must be the file's text exactly. */
function cursorIn(file: string, marked: string): { uri: string; position: lsp.Position } {
  const offset = marked.indexOf('<|>');
  if (offset < 0) throw new Error('no <|> cursor in the fixture');
  const text = marked.replace('<|>', '');
  if (text !== FILES[file]) throw new Error(`the cursor fixture is not the text of ${file}`);
  return { uri: ws.uri(file), position: positionAt(text, offset) };
}

/** A cursor in `file` placed just before the first occurrence of `before` + `<|>` + `after`. */
function at(file: string, before: string, after: string): { uri: string; position: lsp.Position } {
  return cursorIn(file, FILES[file]!.replace(before + after, `${before}<|>${after}`));
}

const ws = workspaceFolder(FILES);
const nameOf = (uri: string) => path.relative(ws.root, URI.parse(uri).fsPath).replace(/\\/g, '/');

/** A location as `file line:column text`, 1-based, with the text it covers: easy to read when a test fails. */
function show(location: { uri: string; range: lsp.Range }): string {
  const name = nameOf(location.uri);
  const lines = FILES[name]!.split('\n');
  const { start, end } = location.range;
  const covered = start.line === end.line ? lines[start.line]!.slice(start.character, end.character) : '…';
  return `${name} ${start.line + 1}:${start.character + 1} ${covered}`;
}

/** Applies a workspace edit's `changes` to the fixture texts; returns the texts that changed. */
function applyEdit(edit: lsp.WorkspaceEdit): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const name = nameOf(uri);
    let text = FILES[name]!;
    const offset = (p: lsp.Position) => text.split('\n').slice(0, p.line).reduce((sum, line) => sum + line.length + 1, 0) + p.character;
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
    result[name] = text;
  }
  return result;
}

describe('navigation over stdio: definition, references, rename across imported files', () => {
  let client: TestClient;

  beforeAll(async () => {
    client = await TestClient.start(ws.root);
    await client.open(ws.uri('scenarios/outages.failover'), FILES['scenarios/outages.failover']!);
    await client.open(ws.uri('pools.failover'), FILES['pools.failover']!);
  });
  afterAll(() => client.stop());

  const definition = async (spot: { uri: string; position: lsp.Position }) =>
    ((await client.request<lsp.Location[] | null>('textDocument/definition', { textDocument: { uri: spot.uri }, position: spot.position })) ?? []).map(show);
  const references = async (spot: { uri: string; position: lsp.Position }, includeDeclaration: boolean) =>
    ((await client.request<lsp.Location[] | null>('textDocument/references', { textDocument: { uri: spot.uri }, position: spot.position, context: { includeDeclaration } })) ?? []).map(show);
  const rename = (spot: { uri: string; position: lsp.Position }, newName: string) =>
    client.request<lsp.WorkspaceEdit>('textDocument/rename', { textDocument: { uri: spot.uri }, position: spot.position, newName });
  const prepareRename = (spot: { uri: string; position: lsp.Position }) =>
    client.request<{ range: lsp.Range; placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri: spot.uri }, position: spot.position });

  describe('go to definition', () => {
    it("goes from a pool's group to the group's name in the imported topology file", async () => {
      expect(await definition(at('pools.failover', 'group HQ-', 'GROUP'))).toEqual(['topology.failover 4:7 HQ-GROUP']);
    });

    it('goes from an event in a scenario file through two imports to the callmanager', async () => {
      expect(await definition(at('scenarios/outages.failover', 'crash C', 'M1'))).toEqual(['topology.failover 1:13 CM1']);
    });

    it('works with the cursor right after the name', async () => {
      expect(await definition(at('scenarios/outages.failover', 'expect HQ', ' on'))).toEqual(['pools.failover 2:6 HQ']);
    });

    it('stays on a definition name', async () => {
      expect(await definition(at('topology.failover', 'srst BR1', '-RTR'))).toEqual(['topology.failover 3:6 BR1-RTR']);
    });

    it('resolves in the file that is asked about: an unrelated file sees its own CM1', async () => {
      expect(await definition(at('other.failover', 'SOLO { ', 'CM1'))).toEqual(['other.failover 1:13 CM1']);
    });

    it("opens an import's file from its path", async () => {
      expect(await definition(at('pools.failover', '"topo', 'logy'))).toEqual(['topology.failover 1:1 ']);
    });

    it('finds nothing on a keyword, a number or a scenario title', async () => {
      expect(await definition(at('scenarios/outages.failover', 'cra', 'sh CM1'))).toEqual([]);
      expect(await definition(at('pools.failover', 'phones 12', '00'))).toEqual([]);
      expect(await definition(at('scenarios/outages.failover', '"CM', '1 crash"'))).toEqual([]);
    });
  });

  describe('find references', () => {
    it('finds every reference to a callmanager: group members in the topology and events in the scenario file', async () => {
      expect(await references(at('topology.failover', 'callmanager C', 'M1 {'), false)).toEqual([
        'scenarios/outages.failover 3:15 CM1',
        'scenarios/outages.failover 6:15 CM1',
        'topology.failover 4:18 CM1',
        'topology.failover 5:23 CM1',
      ]);
    });

    it('adds the declaration when asked, and the same answer comes from any reference', async () => {
      const expected = ['topology.failover 3:6 BR1-RTR', 'pools.failover 3:36 BR1-RTR', 'scenarios/outages.failover 5:27 BR1-RTR'];
      expect(await references(at('topology.failover', 'srst ', 'BR1-RTR'), true)).toEqual(expected);
      expect(await references(at('scenarios/outages.failover', 'on BR1-', 'RTR'), true)).toEqual(expected);
    });

    it('does not mix in a same-named definition that no file sees together with this one', async () => {
      expect(await references(at('other.failover', 'callmanager ', 'CM1'), true)).toEqual(['other.failover 1:13 CM1', 'other.failover 2:14 CM1']);
    });

    it('answers nothing where no name is', async () => {
      expect(await references(at('pools.failover', 'po', 'ol HQ'), true)).toEqual([]);
    });
  });

  describe('rename', () => {
    it('prepares a rename on a reference with its range and text', async () => {
      const spot = at('pools.failover', 'srst BR1', '-RTR');
      const prepared = await prepareRename(spot);
      expect(prepared).toEqual({ range: { start: { line: 2, character: 35 }, end: { line: 2, character: 42 } }, placeholder: 'BR1-RTR' });
    });

    it('renames an srst router across three files: definition and every reference, nothing else', async () => {
      const edit = await rename(at('scenarios/outages.failover', 'on BR', '1-RTR'), 'BRANCH1-SRST');
      expect(Object.keys(edit.changes ?? {}).map(nameOf).sort()).toEqual(['pools.failover', 'scenarios/outages.failover', 'topology.failover']);
      expect(applyEdit(edit)).toEqual({
        'topology.failover': FILES['topology.failover']!.replace('srst BR1-RTR', 'srst BRANCH1-SRST'),
        'pools.failover': FILES['pools.failover']!.replace('srst BR1-RTR', 'srst BRANCH1-SRST'),
        'scenarios/outages.failover': FILES['scenarios/outages.failover']!.replace('on BR1-RTR', 'on BRANCH1-SRST'),
      });
    });

    it('renames a callmanager in group members, events and peak expectations, leaving the unrelated CM1 alone', async () => {
      const edit = await rename(at('topology.failover', 'callmanager ', 'CM1'), 'CM-EAST');
      expect(applyEdit(edit)).toEqual({
        'topology.failover': FILES['topology.failover']!.replace('callmanager CM1', 'callmanager CM-EAST').replace('{ CM1,', '{ CM-EAST,').replace('CM2, CM1 }', 'CM2, CM-EAST }'),
        'scenarios/outages.failover': FILES['scenarios/outages.failover']!.replace('crash CM1', 'crash CM-EAST').replace('peak CM1', 'peak CM-EAST'),
      });
    });

    it('may take a name that only files which never see the renamed definition use', async () => {
      // SPARE is defined in other.failover, which neither imports the topology nor is imported by it.
      const edit = await rename(at('topology.failover', 'callmanager ', 'CM2'), 'SPARE');
      expect(Object.values(edit.changes ?? {}).flat().length).toBe(4);
    });

    it('uses the unsaved text of an open document', async () => {
      const uri = ws.uri('scenarios/outages.failover');
      const edited = FILES['scenarios/outages.failover']!.replace('  expect peak', '  at 9m recover CM1\n  expect peak');
      await client.change(uri, edited);
      try {
        const edit = await rename(at('topology.failover', 'callmanager ', 'CM1'), 'CM-EAST');
        expect(edit.changes?.[uri]?.map((e) => e.range.start.line + 1)).toEqual([3, 6, 7]);
      } finally {
        await client.change(uri, FILES['scenarios/outages.failover']!);
      }
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
    ])('refuses %s', async (_what, newName, message) => {
      await expect(rename(at('scenarios/outages.failover', 'crash ', 'CM1'), newName)).rejects.toMatchObject({ code: -32803, message });
    });

    it('names the file that sees both when the clash is in a file the other definition does not see', async () => {
      // HQ lives in pools, CM2 in topology: topology never sees HQ, but pools (and the scenario
      // file) see both; the renamed definition's own file is the one named.
      await expect(rename(at('scenarios/outages.failover', 'expect ', 'HQ on'), 'CM2')).rejects.toMatchObject({
        message: 'Cannot rename `HQ` to `CM2`: that is already the name of the callmanager defined at topology.failover:2 (pools.failover sees both), and all names share one namespace.',
      });
    });

    it.each([
      ['on a keyword', at('scenarios/outages.failover', 'cr', 'ash CM1'), 'Put the cursor on the name of a callmanager, srst router, group or pool to rename it.'],
      ['on a number', at('pools.failover', 'phones 4', '0'), 'Put the cursor on the name of a callmanager, srst router, group or pool to rename it.'],
      ['on an import path', at('pools.failover', '"topology', '.failover"'), 'Put the cursor on the name of a callmanager, srst router, group or pool to rename it.'],
      ['on a scenario title', at('scenarios/outages.failover', '"CM1 ', 'crash"'), 'Scenario titles are not renamed: edit the title text itself.'],
    ])('refuses to prepare a rename %s', async (_where, spot, message) => {
      await expect(prepareRename(spot)).rejects.toMatchObject({ code: -32803, message });
      await expect(rename(spot, 'X')).rejects.toMatchObject({ code: -32803, message });
    });

    it('refuses to rename a name that is defined nowhere visible', async () => {
      const uri = ws.uri('scenarios/outages.failover');
      await client.change(uri, FILES['scenarios/outages.failover']!.replace('crash CM1', 'crash CM9'));
      try {
        await expect(prepareRename({ uri, position: { line: 2, character: 15 } })).rejects.toMatchObject({
          message: '`CM9` is not defined in this file or anything it imports, so there is nothing to rename.',
        });
      } finally {
        await client.change(uri, FILES['scenarios/outages.failover']!);
      }
    });
  });
});
