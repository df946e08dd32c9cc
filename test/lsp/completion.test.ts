import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver-protocol';
import { cursor } from '../support/fixtures';
import { positionAt, TestClient, workspaceFolder } from '../support/lspClient';

const TOPOLOGY = `callmanager CM1 { capacity 2500 }
callmanager CM2
callmanager CM3
srst BR1-RTR { capacity 48 }
group HQ-GROUP { CM1, CM2, CM3 }
group BR-GROUP { CM2, CM1 }
pool HQ { group HQ-GROUP phones 1200 }
pool BRANCH1 { group BR-GROUP srst BR1-RTR phones 40 }
`;

describe('completion', () => {
  let client: TestClient;
  const ws = workspaceFolder({ 'topology.failover': TOPOLOGY });
  const uri = ws.uri('main.failover');

  beforeAll(async () => {
    client = await TestClient.start(ws.root);
    await client.open(uri, 'import "topology.failover"\n');
  });
  afterAll(() => client.stop());

  /** The completion items at the `<|>` of `marked` (the text of main.failover, which imports the topology). */
  async function complete(marked: string): Promise<lsp.CompletionItem[]> {
    const { text, offset } = cursor(marked);
    await client.change(uri, text);
    const result = await client.request<lsp.CompletionItem[] | lsp.CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position: positionAt(text, offset),
    });
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  }
  const labels = (items: lsp.CompletionItem[]) => items.map((i) => i.label);
  const scenario = (body: string) => `import "topology.failover"\nscenario "s" {\n  ${body}\n}\n`;

  /** Applies an item's edit to the fixture text. */
  function accept(marked: string, item: lsp.CompletionItem): string {
    const { text } = cursor(marked);
    const edit = item.textEdit as lsp.TextEdit;
    const offsetOf = (p: lsp.Position) =>
      text
        .split('\n')
        .slice(0, p.line)
        .reduce((n, line) => n + line.length + 1, 0) + p.character;
    return text.slice(0, offsetOf(edit.range.start)) + edit.newText + text.slice(offsetOf(edit.range.end));
  }

  it('offers only CallManagers inside a group, leaving out those already listed', async () => {
    const items = await complete('import "topology.failover"\ngroup G { CM2, <|> }\npool P { group G phones 1 }\n');
    expect(labels(items)).toEqual(['CM1', 'CM3']);
    expect(items[0]).toMatchObject({ kind: lsp.CompletionItemKind.Class, detail: 'callmanager · capacity 2500' });
  });

  it('offers only pools after `isolate`', async () => {
    expect(labels(await complete(scenario('at 10s isolate <|>')))).toEqual(['HQ', 'BRANCH1']);
  });

  it('offers callmanagers and srst routers after `crash`', async () => {
    expect(labels(await complete(scenario('at 10s crash <|>')))).toEqual(['CM1', 'CM2', 'CM3', 'BR1-RTR']);
  });

  it('offers group names after `group` and srst names after `srst` in a pool, and the missing properties', async () => {
    expect(labels(await complete('import "topology.failover"\npool P { group <|> }\n'))).toEqual(['HQ-GROUP', 'BR-GROUP']);
    expect(labels(await complete('import "topology.failover"\npool P { group HQ-GROUP srst <|> }\n'))).toEqual(['BR1-RTR']);
    expect(labels(await complete('import "topology.failover"\npool P {\n  group HQ-GROUP\n  <|>\n  phones 10\n}\n'))).toEqual(['srst', 'connection-monitor']);
  });

  it('offers units after a number being typed as a time, appending to the number', async () => {
    const marked = scenario('at 5<|>');
    const items = await complete(marked);
    expect(labels(items)).toEqual(['5ms', '5s', '5m', '5h']);
    expect(accept(marked, items[1]!)).toBe(scenario('at 5s'));
  });

  it('offers events and expect after `at TIME`, and the expectation kinds after `expect`', async () => {
    expect(labels(await complete(scenario('at 1m <|>')))).toEqual(['crash', 'stop', 'hang', 'recover', 'isolate', 'reconnect', 'reset', 'calls', 'expect']);
    expect(labels(await complete(scenario('expect <|>')))).toEqual(['outage', 'peak', 'settled']);
  });

  it("offers the pool's own targets first after `on`, then unregistered, then the others", async () => {
    expect(labels(await complete(scenario('at 5m expect BRANCH1 on <|>')))).toEqual(['CM2', 'CM1', 'BR1-RTR', 'unregistered', 'CM3']);
  });

  it('offers the top-level keywords and snippets for new blocks', async () => {
    const items = await complete('import "topology.failover"\n<|>');
    expect(labels(items.filter((i) => i.kind === lsp.CompletionItemKind.Keyword))).toEqual([
      'callmanager',
      'group',
      'import',
      'pool',
      'scenario',
      'settings',
      'srst',
    ]);
    const pool = items.find((i) => i.label === 'pool {…}')!;
    expect(pool).toMatchObject({ kind: lsp.CompletionItemKind.Snippet, insertTextFormat: lsp.InsertTextFormat.Snippet, filterText: 'pool' });
    expect((pool.textEdit as lsp.TextEdit).newText).toBe('pool ${1:HQ} {\n  group ${2|HQ-GROUP,BR-GROUP|}\n  phones ${3:100}\n}$0');
    expect(labels(items.filter((i) => i.kind === lsp.CompletionItemKind.Snippet))).toEqual([
      'callmanager {…}',
      'group {…}',
      'pool {…}',
      'scenario {…}',
      'settings {…}',
      'srst {…}',
    ]);
  });

  it('does not offer `import` after the first item', async () => {
    expect(labels(await complete(`${TOPOLOGY}<|>`))).not.toContain('import');
  });

  it('offers the setting keys not yet given in a settings block', async () => {
    expect(labels(await complete('settings {\n  keepalive 30s\n  <|>\n  reset-time 1m\n}\n'))).toEqual([
      'missed-keepalives',
      'tcp-retry',
      'registration-rate',
      'fallback-queue-depth',
      'connection-monitor',
    ]);
  });

  it('offers nothing where a new name is written', async () => {
    expect(await complete('callmanager <|>')).toEqual([]);
  });

  it('answers at every offset of unfinished text, never with an error', async () => {
    const unfinished = readFileSync(path.resolve(__dirname, '../grammar/unfinished.failover'), 'utf8');
    const outages = readFileSync(path.resolve(__dirname, '../fixtures/spec-example/outages.failover'), 'utf8');
    for (const text of [unfinished, outages.slice(0, 300), `${TOPOLOGY}${outages.replace('import "topology.failover"', '')}`]) {
      await client.change(uri, text);
      for (let offset = 0; offset <= text.length; offset += 3) {
        const result = await client.request<lsp.CompletionItem[] | null>('textDocument/completion', {
          textDocument: { uri },
          position: positionAt(text, offset),
        });
        expect(Array.isArray(result)).toBe(true);
      }
    }
  });
});
