// Extension activation: the packaged client bundle loaded and activated in fresh Node processes
// (bench/activation-probe.cjs, code loading + activate() as VS Code counts them), and, when the
// end-to-end suite has run, the figure VS Code itself showed for it in code-server.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { printTable } from './report';

const RUNS = 15;

interface Probe {
  readonly codeLoadingMs?: number;
  readonly activateCallMs?: number;
  readonly error?: string;
}

function probeOnce(probe: string, extension: string): Probe {
  const child = spawnSync(process.execPath, [probe, extension], { encoding: 'utf8', timeout: 60_000 });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as Probe;
  } catch {
    return { error: `the probe printed ${JSON.stringify(line || child.stderr.trim().slice(0, 200))}` };
  }
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export function runActivationBenchmarks(): void {
  const root = path.resolve(__dirname, '..');
  const probe = path.join(root, 'bench', 'activation-probe.cjs');
  const extension = path.join(root, 'dist', 'extension.js');
  const rows: [string, string][] = [];
  const totals: number[] = [];
  const loading: number[] = [];
  let failure: string | undefined;
  for (let i = 0; i < RUNS && !failure; i++) {
    const result = probeOnce(probe, extension);
    if (result.error !== undefined || result.codeLoadingMs === undefined || result.activateCallMs === undefined) failure = result.error ?? 'no figures';
    else {
      loading.push(result.codeLoadingMs);
      totals.push(result.codeLoadingMs + result.activateCallMs);
    }
  }
  if (failure) rows.push(['activation in Node (stand-in vscode API)', `failed: ${failure}`]);
  else {
    totals.sort((a, b) => a - b);
    loading.sort((a, b) => a - b);
    rows.push(
      [
        `activation in Node, median of ${RUNS} fresh processes`,
        `${percentile(totals, 50).toFixed(0)} ms  (code loading ${percentile(loading, 50).toFixed(0)} ms; target < 200 ms)`,
      ],
      [`activation in Node, slowest of ${RUNS}`, `${totals[totals.length - 1]!.toFixed(0)} ms`],
    );
  }
  const recorded = path.join(root, 'test-output', 'e2e', 'activation.json');
  if (existsSync(recorded)) {
    try {
      const seen = JSON.parse(readFileSync(recorded, 'utf8')) as { activationMs: number; codeServer: string; measuredAt: string };
      rows.push([
        'activation in VS Code (Running Extensions)',
        `${seen.activationMs} ms  (code-server ${seen.codeServer}, last \`npm run test:e2e\`, ${seen.measuredAt})`,
      ]);
    } catch {
      rows.push(['activation in VS Code (Running Extensions)', `unreadable record ${path.relative(root, recorded)}`]);
    }
  } else {
    rows.push(['activation in VS Code (Running Extensions)', 'not measured yet: `npm run test:e2e` records it']);
  }
  printTable('Extension activation (the packaged bundle: code loading + activate(), as VS Code counts it)', rows);
}
