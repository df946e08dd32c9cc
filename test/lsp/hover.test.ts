import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver-protocol';
import { positionAt, TestClient, workspaceFolder } from '../support/lspClient';

// The tiny case of SIMULATION.md's worked example, with 10 phones and the defaults: `at 1m stop CM1`
// is noticed at once, so all 10 phones ask CM2 at 60 000 ms; one registration takes 1000/100 = 10 ms,
// so phone i is registered at 60 000 + 10·(i+1) ms (60 010 … 60 100). At 1m (the state after
// everything at 60 000) all 10 are unregistered; at 1m1s all 10 are on CM2. The 5 phones of BRANCH,
// defined after HQ, queue behind them: registered at 60 110 … 60 150, the last change.
const TOPOLOGY = `settings { registration-rate 125 }

## Primary for headquarters.
callmanager CM1 { capacity 2500 registration-rate 100 }
callmanager CM2 { registration-rate 100 }
srst BR1-RTR { capacity 48 }
group G { CM1, CM2 }
pool HQ { group G phones 10 }
pool BRANCH { group G srst BR1-RTR phones 5 connection-monitor 90s }
`;

const SCENARIOS = `import "topology.failover"

scenario "stop" {
  at 1m stop CM1
  at 1m expect HQ on unregistered
  at 1m1s expect HQ on CM2
}

scenario "crash" {
  settings { tcp-retry 20s }
  at 1m crash CM1
}
`;

describe('hover', () => {
  let client: TestClient;
  const ws = workspaceFolder({ 'topology.failover': TOPOLOGY, 'scenarios.failover': SCENARIOS });
  const topology = ws.uri('topology.failover');
  const scenarios = ws.uri('scenarios.failover');

  beforeAll(async () => {
    client = await TestClient.start(ws.root);
    await client.open(topology, TOPOLOGY);
    await client.open(scenarios, SCENARIOS);
    await client.simulated(scenarios);
  });
  afterAll(() => client.stop());

  /** The hover's markdown at the first occurrence of `marker` in the text (the cursor on its first character). */
  async function hover(uri: string, text: string, marker: string, nth = 0): Promise<string | undefined> {
    let offset = -1;
    for (let i = 0; i <= nth; i++) offset = text.indexOf(marker, offset + 1);
    if (offset < 0) throw new Error(`no ${marker} in the text`);
    const result = await client.request<lsp.Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offset) });
    return result ? (result.contents as lsp.MarkupContent).value : undefined;
  }

  it('shows a callmanager with its documentation and effective values, saying which come from settings', async () => {
    expect(await hover(topology, TOPOLOGY, 'CM1 {')).toContain(
      [
        '```failover\ncallmanager CM1\n```',
        'Primary for headquarters.',
        '- capacity **2500**\n- registration-rate **100/s**\n- fallback-queue-depth **10** (default)',
      ].join('\n\n'),
    );
  });

  it('shows an srst router with its capacity and inherited rate', async () => {
    expect(await hover(topology, TOPOLOGY, 'BR1-RTR {')).toContain('- capacity **48**\n- registration-rate **125/s** (from settings in this file)');
  });

  it('shows a group with its members in order, each with its capacity', async () => {
    const markdown = await hover(topology, TOPOLOGY, 'G {');
    expect(markdown).toContain('```failover\ngroup G\n```\n\n1. CM1 — capacity 2500\n2. CM2 — capacity unlimited');
    expect(markdown).toContain('Used by pool HQ, pool BRANCH.');
  });

  it("shows a pool's failover chain and its effective connection monitor", async () => {
    expect(await hover(topology, TOPOLOGY, 'BRANCH')).toContain('- phones **5**\n- failover chain: CM1 → CM2 → BR1-RTR (srst)\n- connection-monitor **1m30s**');
    expect(await hover(topology, TOPOLOGY, 'HQ {')).toContain('- connection-monitor **2m** (default)');
  });

  it('shows the definition behind a reference in another file', async () => {
    const markdown = await hover(scenarios, SCENARIOS, 'HQ on');
    expect(markdown).toContain('```failover\npool HQ\n```');
    expect(markdown).toContain('- failover chain: CM1 → CM2');
    expect(markdown).toContain('*Defined in topology.failover.*');
  });

  it('shows the single-failure impact of a callmanager once the simulation is done', async () => {
    // CM1 carries the 15 phones of HQ and BRANCH; its crash moves them all to CM2.
    expect(await hover(topology, TOPOLOGY, 'CM1 {')).toMatch(/Single failure: steady 15\/2500 phones · if it fails: 15 → CM2/);
  });

  it('shows the state at that moment on an `at` line: all unregistered at 1m, all on CM2 at 1m1s', async () => {
    const atStop = await hover(scenarios, SCENARIOS, 'at 1m stop');
    expect(atStop).toContain('**State at 1m**\n\n| pool | unregistered |\n|:--|--:|\n| HQ | 10 |\n| BRANCH | 5 |\n| *total* | 15 |');
    const atLater = await hover(scenarios, SCENARIOS, '1m1s');
    expect(atLater).toContain('✓ HQ on CM2 at 1m1s: 10 (== all)');
    expect(atLater).toContain('**State at 1m1s** (unchanged since 1m150ms)\n\n| pool | CM2 |\n|:--|--:|\n| HQ | 10 |\n| BRANCH | 5 |');
  });

  it("explains a crash with its detection window under the scenario's settings", async () => {
    // tcp-retry is 20s in this scenario, keepalive 30s: noticed between 1m + 20s and 1m + 30s + 20s.
    expect(await hover(scenarios, SCENARIOS, 'crash CM1')).toContain('Here: between 1m20s and 1m50s (each phone at its first tick from 1m, plus 20s).');
  });

  it('explains a setting key with its default, the source of the default and the value in effect', async () => {
    const markdown = await hover(scenarios, SCENARIOS, 'tcp-retry');
    expect(markdown).toContain('**tcp-retry** · setting');
    expect(markdown).toContain('Default **25s**: phones retry TCP for 20–25 s after the first unanswered keepalive');
    expect(markdown).toContain('In effect here: **20s**.');
  });

  it('answers at every offset of unfinished text, never with an error', async () => {
    const unfinished = readFileSync(path.resolve(__dirname, '../grammar/unfinished.failover'), 'utf8');
    const uri = ws.uri('unfinished.failover');
    await client.open(uri, unfinished);
    for (let offset = 0; offset <= unfinished.length; offset += 2) {
      await client.request<lsp.Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(unfinished, offset) });
    }
    await client.close(uri);
  });
});
