import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver-protocol';
import { completionContextAt } from '../../server/src/core/workspace/context-at';
import { completionItems } from '../../server/src/lsp/features/completion';
import { applyTextEdits, featureWorkspace, type Spot } from '../support/featureHarness';
import { cursor } from '../support/fixtures';

const TOPOLOGY = `callmanager CM1 { capacity 2500 }
callmanager CM2
callmanager CM3
srst BR1-RTR { capacity 48 }
group HQ-GROUP { CM1, CM2, CM3 }
group BR-GROUP { CM2, CM1 }
pool HQ { group HQ-GROUP phones 1200 }
pool BRANCH1 { group BR-GROUP srst BR1-RTR phones 40 }
`;

/** The items at a spot, as the server computes them for a client that expands snippets. */
const itemsAt = ({ file, offset }: Spot): lsp.CompletionItem[] => completionItems(file, completionContextAt(file.unit.text, offset));

/** The completion items at the `<|>` of `marked`, the text of main.failover next to the topology, in the order the editor shows them. */
function complete(marked: string): lsp.CompletionItem[] {
  const ws = featureWorkspace({ 'main.failover': marked, 'topology.failover': TOPOLOGY });
  return [...itemsAt(ws.cursor('main.failover'))].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}
const labels = (items: lsp.CompletionItem[]) => items.map((i) => i.label);
const scenario = (body: string) => `import "topology.failover"\nscenario "s" {\n  ${body}\n}\n`;

/** Applies an item's edit to the fixture text. */
const accept = (marked: string, item: lsp.CompletionItem): string => applyTextEdits(cursor(marked).text, [item.textEdit as lsp.TextEdit]);

describe('completion', () => {
  it('offers only CallManagers inside a group, leaving out those already listed', () => {
    const items = complete('import "topology.failover"\ngroup G { CM2, <|> }\npool P { group G phones 1 }\n');
    expect(labels(items)).toEqual(['CM1', 'CM3']);
    expect(items[0]).toMatchObject({ kind: lsp.CompletionItemKind.Class, detail: 'callmanager · capacity 2500' });
  });

  it('offers only pools after `isolate`', () => {
    expect(labels(complete(scenario('at 10s isolate <|>')))).toEqual(['HQ', 'BRANCH1']);
  });

  it('offers callmanagers and srst routers after `crash`', () => {
    expect(labels(complete(scenario('at 10s crash <|>')))).toEqual(['CM1', 'CM2', 'CM3', 'BR1-RTR']);
  });

  it('offers group names after `group` and srst names after `srst` in a pool, and the missing properties', () => {
    expect(labels(complete('import "topology.failover"\npool P { group <|> }\n'))).toEqual(['HQ-GROUP', 'BR-GROUP']);
    expect(labels(complete('import "topology.failover"\npool P { group HQ-GROUP srst <|> }\n'))).toEqual(['BR1-RTR']);
    expect(labels(complete('import "topology.failover"\npool P {\n  group HQ-GROUP\n  <|>\n  phones 10\n}\n'))).toEqual(['srst', 'connection-monitor']);
  });

  it('offers units after a number being typed as a time, appending to the number', () => {
    const marked = scenario('at 5<|>');
    const items = complete(marked);
    expect(labels(items)).toEqual(['5ms', '5s', '5m', '5h']);
    expect(accept(marked, items[1]!)).toBe(scenario('at 5s'));
  });

  it('offers events and expect after `at TIME`, and the expectation kinds after `expect`', () => {
    expect(labels(complete(scenario('at 1m <|>')))).toEqual(['crash', 'stop', 'hang', 'recover', 'isolate', 'reconnect', 'reset', 'calls', 'expect']);
    expect(labels(complete(scenario('expect <|>')))).toEqual(['outage', 'peak', 'settled']);
  });

  it("offers the pool's own targets first after `on`, then unregistered, then the others", () => {
    expect(labels(complete(scenario('at 5m expect BRANCH1 on <|>')))).toEqual(['CM2', 'CM1', 'BR1-RTR', 'unregistered', 'CM3']);
  });

  it('offers the top-level keywords and snippets for new blocks', () => {
    const items = complete('import "topology.failover"\n<|>');
    expect(labels(items.filter((i) => i.kind === lsp.CompletionItemKind.Keyword))).toEqual([
      'callmanager',
      'group',
      'import',
      'pool',
      'scenario',
      'settings',
      'srst',
      'sweep',
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
      'sweep {…}',
      'sweep-grid {…}',
    ]);
  });

  it('does not offer `import` after the first item', () => {
    expect(labels(complete(`${TOPOLOGY}<|>`))).not.toContain('import');
  });

  it('offers the setting keys not yet given in a settings block', () => {
    expect(labels(complete('settings {\n  keepalive 30s\n  <|>\n  reset-time 1m\n}\n'))).toEqual([
      'missed-keepalives',
      'tcp-retry',
      'registration-rate',
      'fallback-queue-depth',
      'connection-monitor',
    ]);
  });

  it('offers nothing where a new name is written', () => {
    expect(complete('callmanager <|>')).toEqual([]);
  });

  it('answers at every offset of unfinished text, never with an error', () => {
    const unfinished = readFileSync(path.resolve(__dirname, '../grammar/unfinished.failover'), 'utf8');
    const outages = readFileSync(path.resolve(__dirname, '../fixtures/spec-example/outages.failover'), 'utf8');
    for (const text of [unfinished, outages.slice(0, 300), `${TOPOLOGY}${outages.replace('import "topology.failover"', '')}`]) {
      const file = featureWorkspace({ 'main.failover': text, 'topology.failover': TOPOLOGY }).file('main.failover');
      for (let offset = 0; offset <= text.length; offset++) {
        expect(Array.isArray(itemsAt({ file, offset })), `at offset ${offset}`).toBe(true);
      }
    }
  });
});

describe('completion in a sweep', () => {
  const sweep = (body: string) =>
    `import "topology.failover"\nscenario "CM1 crash" {\n  at 1m crash CM1\n}\nscenario "WAN \\"cut\\"" {\n  at 1m isolate BRANCH1\n}\nsweep "w" {\n  ${body}\n}\n`;

  it('offers `scenario` and `vary` at the start of a line', () => {
    expect(labels(complete(sweep('<|>')))).toEqual(['scenario', 'vary']);
    expect(labels(complete(sweep('scenario "CM1 crash"\n  <|>')))).toEqual(['scenario', 'vary']);
  });

  it("offers the file's scenario titles, quoted, after `scenario`", () => {
    const items = complete(sweep('scenario <|>'));
    expect(labels(items)).toEqual(['"CM1 crash"', '"WAN \\"cut\\""']);
    expect(accept(sweep('scenario <|>'), items[1]!)).toContain('scenario "WAN \\"cut\\""\n');
  });

  it('offers the settings and the callmanagers, srst routers and pools after `vary`', () => {
    expect(labels(complete(sweep('vary <|>')))).toEqual([
      'keepalive',
      'missed-keepalives',
      'tcp-retry',
      'registration-rate',
      'fallback-queue-depth',
      'connection-monitor',
      'reset-time',
      'CM1',
      'CM2',
      'CM3',
      'BR1-RTR',
      'HQ',
      'BRANCH1',
    ]);
  });

  it('offers after a name the properties its kind may vary', () => {
    expect(labels(complete(sweep('vary CM2 <|>')))).toEqual(['capacity', 'registration-rate', 'fallback-queue-depth']);
    expect(labels(complete(sweep('vary BR1-RTR <|>')))).toEqual(['capacity', 'registration-rate']);
    expect(labels(complete(sweep('vary HQ <|>')))).toEqual(['phones', 'connection-monitor']);
    expect(complete(sweep('vary HQ-GROUP <|>'))).toEqual([]);
  });

  it('offers `from`, `to` and `step` in order, and units after a bare number for a time knob', () => {
    expect(labels(complete(sweep('vary CM2 capacity <|>')))).toEqual(['from']);
    expect(labels(complete(sweep('vary fallback-queue-depth from 5 <|>')))).toEqual(['to']);
    expect(labels(complete(sweep('vary fallback-queue-depth from 5 to 50 <|>')))).toEqual(['step', 'vary', 'scenario']);
    expect(labels(complete(sweep('vary keepalive from 10<|>')))).toEqual(['10ms', '10s', '10m', '10h']);
    expect(complete(sweep('vary CM2 capacity from 10<|>'))).toEqual([]);
  });

  it('offers the sweep snippets with the file’s scenario titles as choices, expanding to text the parser accepts', () => {
    const items = complete('import "topology.failover"\nscenario "CM1 crash" {\n  at 1m crash CM1\n}\n<|>');
    const grid = items.find((i) => i.label === 'sweep-grid {…}')!;
    expect((grid.textEdit as lsp.TextEdit).newText).toBe(
      'sweep "${1:title}" {\n  scenario ${2:"CM1 crash"}\n  vary ${3|CM1,CM2,CM3|} capacity from ${4:1000} to ${5:2500} step ${6:250}\n  vary $3 registration-rate from ${7:50} to ${8:200} step ${9:50}\n}$0',
    );
  });
});
