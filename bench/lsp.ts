// The editor's latency over stdio, against the real bundled server: keystroke → diagnostics
// (p50/p95 over 60 edits of a 2,000-line file, simulation on) and open → first code lens.
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TestClient, workspaceFolder } from '../test/support/lspClient';
import { printTable } from './report';

function twoThousandLines(): string {
  const out: string[] = ['settings { keepalive 30s }', 'callmanager CM1 { capacity 5000 }', 'callmanager CM2 { capacity 5000 }', 'callmanager CM3', 'group G { CM1, CM2, CM3 }', ''];
  let site = 0;
  while (out.length < 2000) {
    site++;
    out.push(`srst R${site} { capacity 200 }`, `pool P${site} {`, '  group G', `  srst R${site}`, `  phones ${50 + (site % 100)}`, '}', '');
    if (site % 10 === 0) out.push(`scenario "outage ${site}" {`, `  at 0s calls P${site} 20% lasting 2m`, '  at 1m crash CM1', '  at 10m recover CM1', `  at 5m expect P${site} on CM2 >= 1`, '  expect settled by 1h', '}', '');
  }
  return out.join('\n');
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runLspBenchmarks(): Promise<void> {
  const text = twoThousandLines();
  const ws = workspaceFolder({ 'big.failover': text });
  const uri = ws.uri('big.failover');
  const client = await TestClient.start(ws.root, { serverPath: path.join(__dirname, 'server.js') });
  try {
    const openedAt = performance.now();
    await client.open(uri, text);
    const lenses = await client.simulated(uri, 120_000);
    const firstLens = performance.now() - openedAt;

    const latencies: number[] = [];
    let current = text;
    for (let i = 0; i < 60; i++) {
      // A keystroke: change one phone count, alternating, so every edit is a real change.
      current = current.replace(/phones (\d+)/, (_, n: string) => `phones ${Number(n) + (i % 2 === 0 ? 1 : -1)}`);
      const started = performance.now();
      await client.change(uri, current);
      await client.diagnostics(uri);
      latencies.push(performance.now() - started);
    }
    printTable(`Editor over stdio: a ${text.split('\n').length.toLocaleString('en-US')}-line file, ${lenses.length} code lenses, simulation on`, [
      ['open → first simulated code lens', `${firstLens.toFixed(0)} ms`],
      ['keystroke → diagnostics p50', `${percentile(latencies, 50).toFixed(1)} ms`],
      ['keystroke → diagnostics p95', `${percentile(latencies, 95).toFixed(1)} ms  (target < 50 ms)`],
    ]);
  } finally {
    await client.stop();
  }
}
