// Sweeps and the advisor through the shipped CLI (issue 14's bars): a 100-run sweep of a
// 10,000-phone, 4-CallManager topology, and the advisor on a 40,000-phone cluster. Wall time of
// the whole command, process start included, as CI would see it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { printTable } from './report';

/** Four CallManagers in two pairs, four pools of `phones / 4`; CM1 crashes at peak and recovers. */
function clusterText(phones: number, sweep: string): string {
  const perPool = phones / 4;
  return `settings { registration-rate 200 fallback-queue-depth 20 }
callmanager CM1 { capacity ${phones} }
callmanager CM2 { capacity ${phones} }
callmanager CM3 { capacity ${phones} }
callmanager CM4 { capacity ${phones} }
group A { CM1, CM2 }
group B { CM2, CM1 }
group C { CM3, CM4 }
group D { CM4, CM3 }
pool P1 { group A phones ${perPool} }
pool P2 { group B phones ${perPool} }
pool P3 { group C phones ${perPool} }
pool P4 { group D phones ${perPool} }

scenario "CM1 crash at peak" {
  at 0s  calls P1 20% lasting 10m
  at 1m  crash CM1
  at 15m recover CM1
  at 5m  expect P1 on CM2 >= 75%
  expect outage P1 <= 3m
  expect settled by 40m
}
${sweep}`;
}

function wall(args: string[], cwd: string): { ms: number; status: number | null; stdout: string; stderr: string } {
  const cli = path.join(__dirname, 'cli.js');
  const started = performance.now();
  const child = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ms: performance.now() - started, status: child.status, stdout: child.stdout, stderr: child.stderr };
}

export function runSweepBenchmarks(): void {
  const folder = mkdtempSync(path.join(tmpdir(), 'failover-bench-'));
  try {
    // 100 values: 2525, 2550, … 5000.
    writeFileSync(
      path.join(folder, 'sweep.failover'),
      clusterText(10_000, 'sweep "CM2 size" {\n  scenario "CM1 crash at peak"\n  vary CM2 capacity from 2525 to 5000 step 25\n}\n'),
    );
    writeFileSync(path.join(folder, 'advise.failover'), clusterText(40_000, ''));
    const rows: [string, string][] = [];
    const sweep = wall(['sweep', 'sweep.failover', '--format', 'json'], folder);
    let runs = 0;
    try {
      runs = (JSON.parse(sweep.stdout) as { sweeps: { runs: unknown[] }[] }).sweeps[0]!.runs.length;
    } catch {
      runs = 0;
    }
    rows.push([
      'sweep: 100 runs, 10,000 phones, 4 CallManagers',
      runs === 100 ? `${sweep.ms.toFixed(0).padStart(6)} ms wall (target ≤ 2,000)` : `failed (exit ${sweep.status}): ${sweep.stderr.trim().split('\n')[0]}`,
    ]);
    const advise = wall(['advise', 'advise.failover', '--scenario', 'CM1 crash at peak', '--tune', 'CM2.capacity', '--format', 'json'], folder);
    let detail = `failed (exit ${advise.status}): ${advise.stderr.trim().split('\n')[0]}`;
    try {
      const json = JSON.parse(advise.stdout) as { value: number | null; runs: number };
      detail = `${advise.ms.toFixed(0).padStart(6)} ms wall (target ≤ 2,000)   ${json.runs} simulations, CM2 capacity ${json.value}`;
    } catch {
      // the detail above says why
    }
    rows.push(['advise: CM2 capacity, 40,000-phone cluster', detail]);
    printTable('Sweeps and the advisor (through dist/cli.js, process start included)', rows);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
