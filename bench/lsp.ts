// The editor's latency over stdio, against the real bundled server: keystroke → diagnostics
// (p50/p95 over 60 edits of a 2,000-line file, with the simulation on, and off for comparison)
// and open → first code lens.
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TestClient, workspaceFolder } from '../test/support/lspClient';
import { printTable } from './report';

function twoThousandLines(): string {
  const out: string[] = [
    'settings { keepalive 30s }',
    'callmanager CM1 { capacity 5000 }',
    'callmanager CM2 { capacity 5000 }',
    'callmanager CM3',
    'group G { CM1, CM2, CM3 }',
    '',
  ];
  let site = 0;
  while (out.length < 2000) {
    site++;
    out.push(`srst R${site} { capacity 200 }`, `pool P${site} {`, '  group G', `  srst R${site}`, `  phones ${50 + (site % 100)}`, '}', '');
    if (site % 10 === 0)
      out.push(
        `scenario "outage ${site}" {`,
        `  at 0s calls P${site} 20% lasting 2m`,
        '  at 1m crash CM1',
        '  at 10m recover CM1',
        `  at 5m expect P${site} on CM2 >= 1`,
        '  expect settled by 1h',
        '}',
        '',
      );
  }
  return out.join('\n');
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface EditorFigures {
  readonly lenses: number;
  readonly firstLensMs: number;
  readonly latencies: number[];
}

/** Opens the file in a fresh server, waits for its code lenses, then types. */
async function typeInto(text: string, simulation: 'onType' | 'off'): Promise<EditorFigures> {
  const ws = workspaceFolder({ 'big.failover': text });
  const uri = ws.uri('big.failover');
  const client = await TestClient.start(ws.root, { serverPath: path.join(__dirname, 'server.js'), settings: { simulation: { mode: simulation } } });
  try {
    const openedAt = performance.now();
    await client.open(uri, text);
    const lenses = await client.simulated(uri, 120_000);
    const firstLensMs = performance.now() - openedAt;
    // Keystrokes as VS Code sends them (incremental changes): a digit typed after the first pool's
    // phone count, then deleted, and so on; near the top of the file, so everything after the
    // change moves. Each edit cancels the simulation started by the one before.
    const at = text.indexOf('phones ') + 'phones '.length + 2;
    const latencies: number[] = [];
    for (let i = 0; i < 60; i++) {
      const started = performance.now();
      await (i % 2 === 0 ? client.edit(uri, at, at, '1') : client.edit(uri, at, at + 1, ''));
      await client.diagnostics(uri);
      latencies.push(performance.now() - started);
    }
    return { lenses: lenses.length, firstLensMs, latencies };
  } finally {
    await client.stop();
  }
}

export async function runLspBenchmarks(): Promise<void> {
  const text = twoThousandLines();
  const on = await typeInto(text, 'onType');
  const off = await typeInto(text, 'off');
  printTable(`Editor over stdio: a ${text.split('\n').length.toLocaleString('en-US')}-line file, 60 keystrokes`, [
    ['open → first simulated code lens', `${on.firstLensMs.toFixed(0)} ms  (${on.lenses} code lenses)`],
    ['keystroke → diagnostics p50, simulation on', `${percentile(on.latencies, 50).toFixed(1)} ms`],
    ['keystroke → diagnostics p95, simulation on', `${percentile(on.latencies, 95).toFixed(1)} ms  (target < 50 ms)`],
    [
      'keystroke → diagnostics p50 / p95, simulation off',
      `${percentile(off.latencies, 50).toFixed(1)} / ${percentile(off.latencies, 95).toFixed(1)} ms  (the cost of the language alone)`,
    ],
  ]);
}
