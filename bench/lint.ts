// `failover lint` of a 1,000,000-phone file as a user runs it: the whole process (start, parse, the
// scenario, the N−1 check), with the worker beside the main thread and with one thread; and the
// bare start of the CLI bundle (`--version`) for comparison. The file is generated in a temp dir.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { printTable } from './report';

const MILLION = `settings {
  keepalive 30s
  registration-rate 2000
  fallback-queue-depth 50
}
callmanager CM1
callmanager CM2
group G { CM1, CM2 }
pool P { group G phones 1000000 }
scenario "crash and fallback" {
  at 0s calls P 20% lasting 10m
  at 1m crash CM1
  at 30m recover CM1
}
`;

/** The fastest of `runs` whole-process runs (the machine may be shared), in ms, and the last exit code. */
function fastest(runs: number, args: string[]): { ms: number; code: number | null } {
  let best = Infinity;
  let code: number | null = null;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
    best = Math.min(best, performance.now() - started);
    code = child.status;
  }
  return { ms: best, code };
}

export function runLintBenchmarks(): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'failover-bench-'));
  try {
    const file = path.join(dir, 'million.failover');
    writeFileSync(file, MILLION);
    const cli = path.join(__dirname, 'cli.js');
    const start = fastest(5, [cli, '--version']);
    const lint = fastest(3, [cli, 'lint', file]);
    const single = fastest(3, [cli, 'lint', '--jobs', '1', file]);
    printTable('failover lint of a 1,000,000-phone file (crash and fallback; whole process, fastest of 3)', [
      ['start only (--version)', `${start.ms.toFixed(0).padStart(6)} ms`],
      ['lint (worker + main thread)', `${lint.ms.toFixed(0).padStart(6)} ms   exit ${lint.code}`],
      ['lint --jobs 1', `${single.ms.toFixed(0).padStart(6)} ms   exit ${single.code}`],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
