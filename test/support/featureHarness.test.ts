import { describe, expect, it } from 'vitest';
import type * as lsp from 'vscode-languageserver-protocol';
import type { ServerContext } from '../../server/src/lsp/context';
import { outline, registerSymbols } from '../../server/src/lsp/features/symbols';
import { featureWorkspace, WORKSPACE_ROOT } from './featureHarness';
import { markup } from './fixtures';

describe('fixture markers', () => {
  it('takes ⟦ ⟧ ranges and <|> cursors out of the text, at their offsets in the clean text', () => {
    expect(markup('pool ⟦P⟧ { group <|>G ⟦phones ⟦1⟧⟧ }')).toEqual({
      text: 'pool P { group G phones 1 }',
      ranges: [
        { start: 5, end: 6 },
        { start: 17, end: 25 },
        { start: 24, end: 25 },
      ],
      cursors: [15],
    });
  });
});

describe('the feature harness', () => {
  const ws = featureWorkspace({
    'topology.failover': 'callmanager CM1\ngroup G { CM1 }\n',
    'pools.failover': 'import "topology.failover"\npool HQ { group <|>G phones 10 }\n',
    'failover.config.json': '{ "rules": {} }',
  });

  it('puts every file in the workspace folder, the .failover files in the analysis', () => {
    expect(ws.key('pools.failover')).toBe(`${WORKSPACE_ROOT}/pools.failover`);
    expect(ws.nameOf(ws.uri('pools.failover'))).toBe('pools.failover');
    expect([...ws.analysis.program.files].map((f) => ws.nameOf(f.path)).sort()).toEqual(['pools.failover', 'topology.failover']);
    expect(ws.readText(ws.key('failover.config.json'))).toBe('{ "rules": {} }');
    expect(() => ws.file('failover.config.json')).toThrow('failover.config.json is not part of the analysis');
  });

  it("finds a file's own cursor, or the cursor of an excerpt of its text", () => {
    const text = ws.text('pools.failover');
    expect(text).toBe('import "topology.failover"\npool HQ { group G phones 10 }\n');
    expect(ws.cursor('pools.failover').offset).toBe(text.indexOf('G phones'));
    expect(ws.at('pools.failover', 'pool H<|>Q').offset).toBe(text.indexOf('HQ') + 1);
    expect(() => ws.at('pools.failover', 'pool X<|>')).toThrow('"pool X" is not in pools.failover');
    expect(() => ws.cursor('topology.failover')).toThrow('topology.failover has 0 <|> cursors, not one');
  });

  it('simulates the workspace once, as the server keeps it: digests without timelines', () => {
    const simulation = ws.simulation();
    expect(ws.simulation()).toBe(simulation);
    expect(simulation.impacts.map((i) => i.definition.name)).toEqual(['CM1']);
  });

  it("runs a feature's registered handler in-process on this workspace; a handler's exception fails as it is", async () => {
    const documentSymbol = ws.handler<lsp.DocumentSymbolParams, lsp.DocumentSymbol[]>(registerSymbols, 'onDocumentSymbol');
    expect(await documentSymbol({ textDocument: { uri: ws.uri('pools.failover') } })).toEqual(outline(ws.file('pools.failover')));
    expect(() => ws.handler(registerSymbols, 'onHover')).toThrow('the feature installs no onHover handler');
    const failing = (context: ServerContext) => context.connection.onHover(context.guard('textDocument/hover', () => Promise.reject(new Error('broken'))));
    await expect(ws.handler(failing, 'onHover')({})).rejects.toThrow('textDocument/hover failed: Error: broken');
  });
});
