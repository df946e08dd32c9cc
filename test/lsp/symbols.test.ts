import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver-protocol';
import { outline, registerSymbols } from '../../server/src/lsp/features/symbols';
import { featureWorkspace } from '../support/featureHarness';

const EXAMPLE = path.resolve(__dirname, '../fixtures/spec-example');
const topology = readFileSync(path.join(EXAMPLE, 'topology.failover'), 'utf8');
const outages = readFileSync(path.join(EXAMPLE, 'outages.failover'), 'utf8');
const lab = 'callmanager LAB-CM\ngroup LAB { LAB-CM }\nscenario "lab drill" { at 1m crash LAB-CM }\n';

const KIND_NAMES = new Map<number, string>(Object.entries(lsp.SymbolKind).map(([name, value]) => [value as number, name]));

/** The outline as indented lines `Kind name — detail`: reads like what the editor shows. */
function render(symbols: readonly lsp.DocumentSymbol[], indent = ''): string[] {
  return symbols.flatMap((s) => [
    `${indent}${KIND_NAMES.get(s.kind)} ${s.name}${s.detail ? ` — ${s.detail}` : ''}`,
    ...render(s.children ?? [], `${indent}  `),
  ]);
}

const before = (a: lsp.Position, b: lsp.Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const contains = (outer: lsp.Range, inner: lsp.Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

describe('document symbols: the outline', () => {
  const ws = featureWorkspace({ 'outages.failover': outages, 'topology.failover': topology, 'lab/lab.failover': lab });

  it('outlines the topology: settings, definitions with their key facts, properties as children', () => {
    expect(render(outline(ws.file('topology.failover')))).toEqual([
      'Namespace settings — keepalive 30s · fallback-queue-depth 10',
      '  Property keepalive — 30s',
      '  Property fallback-queue-depth — 10',
      'Class CM1 — capacity 2500',
      '  Property capacity — 2500',
      'Class CM2 — capacity 2500 · registration-rate 125',
      '  Property capacity — 2500',
      '  Property registration-rate — 125',
      'Class CM3',
      'Object BR1-RTR — capacity 48',
      '  Property capacity — 48',
      'Array HQ-GROUP — CM1, CM2, CM3',
      'Array BR-GROUP — CM2, CM1',
      'Struct HQ — 1200 phones · group HQ-GROUP',
      '  Property group — HQ-GROUP',
      '  Property phones — 1200',
      'Struct BRANCH1 — 40 phones · group BR-GROUP · srst BR1-RTR · connection-monitor 60s',
      '  Property group — BR-GROUP',
      '  Property srst — BR1-RTR',
      '  Property phones — 40',
      '  Property connection-monitor — 60s',
    ]);
  });

  it('outlines scenarios with their steps as children, named by their text', () => {
    expect(render(outline(ws.file('outages.failover')))).toEqual([
      'Function CM1 crash at peak — 3 events · 5 expectations',
      '  Event at 0s calls HQ 30% lasting 10m',
      '  Event at 1m crash CM1',
      '  Event at 20m recover CM1',
      '  Boolean at 5m expect HQ on CM2 >= 800',
      '  Boolean at 40m expect HQ on CM1 == all',
      '  Boolean expect outage HQ <= 5m',
      '  Boolean expect peak CM2 <= 2500',
      '  Boolean expect settled by 45m',
      'Function Branch WAN cut — 2 events · 2 expectations',
      '  Namespace settings — tcp-retry 20s',
      '    Property tcp-retry — 20s',
      '  Event at 10s isolate BRANCH1',
      '  Event at 15m reconnect BRANCH1',
      '  Boolean at 2m expect BRANCH1 on BR1-RTR == all',
      '  Boolean at 20m expect BRANCH1 on CM2 == all',
    ]);
  });

  it('gives each symbol its whole block as range and its name as selection', () => {
    const symbols = outline(ws.file('topology.failover'));
    const branch = symbols.find((s) => s.name === 'BRANCH1')!;
    // `pool BRANCH1 {` is line 15 (0-based), its `}` line 20.
    expect(branch.range).toEqual({ start: { line: 15, character: 0 }, end: { line: 20, character: 1 } });
    expect(branch.selectionRange).toEqual({ start: { line: 15, character: 5 }, end: { line: 15, character: 12 } });
    const scenario = outline(ws.file('outages.failover'))[0]!;
    expect(scenario.selectionRange).toEqual({ start: { line: 3, character: 9 }, end: { line: 3, character: 28 } });
  });

  it('keeps the outline of a half-written file: nameless definitions are left out, the rest stays', () => {
    const halfWritten = featureWorkspace({ 'lab/lab.failover': 'callmanager\ncallmanager CM9 { capacity }\nscenario { at 1m crash CM9 }\n' });
    expect(render(outline(halfWritten.file('lab/lab.failover')))).toEqual([
      'Class CM9 — capacity',
      '  Property capacity',
      'Function (untitled scenario) — 1 event · 0 expectations',
      '  Event at 1m crash CM9',
    ]);
  });

  it('outlines broken and unfinished files with every selection inside its range', () => {
    const grammarTests = path.resolve(__dirname, '../grammar');
    for (const name of readdirSync(grammarTests).filter((f) => f.endsWith('.failover'))) {
      const scratch = featureWorkspace({ 'scratch.failover': readFileSync(path.join(grammarTests, name), 'utf8') });
      const check = (symbols: readonly lsp.DocumentSymbol[]): void => {
        for (const s of symbols) {
          expect(s.name.length, `${name}: ${s.name}`).toBeGreaterThan(0);
          expect(contains(s.range, s.selectionRange), `${name}: ${s.name}`).toBe(true);
          for (const child of s.children ?? []) expect(contains(s.range, child.range), `${name}: ${child.name} in ${s.name}`).toBe(true);
          check(s.children ?? []);
        }
      };
      check(outline(scratch.file('scratch.failover')));
    }
  });
});

describe('workspace symbols: the search', () => {
  const ws = featureWorkspace({ 'outages.failover': outages, 'topology.failover': topology, 'lab/lab.failover': lab });
  // The search is computed in the handler the feature registers, run here in-process.
  const workspaceSymbol = ws.handler<lsp.WorkspaceSymbolParams, lsp.SymbolInformation[]>(registerSymbols, 'onWorkspaceSymbol');
  const search = async (query: string) =>
    (await workspaceSymbol({ query })).map((s) => `${KIND_NAMES.get(s.kind)} ${s.name} (${s.containerName}:${s.location.range.start.line + 1})`);

  it('finds every definition and scenario of the workspace by a case-insensitive subsequence', async () => {
    expect(await search('hq')).toEqual(['Array HQ-GROUP (topology.failover:12)', 'Struct HQ (topology.failover:15)']);
    expect(await search('brtr')).toEqual(['Object BR1-RTR (topology.failover:10)']);
    expect(await search('LAB')).toEqual(['Class LAB-CM (lab.failover:1)', 'Array LAB (lab.failover:2)', 'Function lab drill (lab.failover:3)']);
    expect(await search('crash')).toEqual(['Function CM1 crash at peak (outages.failover:4)']);
  });

  it('lists everything for an empty query, each in its own file', async () => {
    const all = await workspaceSymbol({ query: '' });
    // lab: 2 definitions and a scenario; topology: 3 callmanagers, 1 srst, 2 groups, 2 pools; outages: 2 scenarios.
    expect(all.length).toBe(3 + 8 + 2);
    const cm3 = all.find((s) => s.name === 'CM3')!;
    expect(cm3.location).toEqual({ uri: ws.uri('topology.failover'), range: { start: { line: 8, character: 12 }, end: { line: 8, character: 15 } } });
  });
});
