// The simulator at scale: phones per second and peak memory for 10,000 / 100,000 / 1,000,000 phones
// through a crash and a fallback. Each size runs in its own process, so its peak RSS is its own and
// each run is a cold one (no JIT warm-up from a smaller size).
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { simulate } from '../server/src/core/simulation/engine';
import type { SimScenario } from '../server/src/core/simulation/model';
import { printTable } from './report';

function crashAndFallback(phones: number): SimScenario {
  return {
    name: `${phones} phones: crash and fallback`,
    targets: [
      { name: 'CM1', kind: 'callmanager', capacity: Infinity, registrationRate: 2000, fallbackQueueDepth: 50 },
      { name: 'CM2', kind: 'callmanager', capacity: Infinity, registrationRate: 2000, fallbackQueueDepth: 50 },
    ],
    pools: [{ name: 'P', phones, preference: ['CM1', 'CM2'], connectionMonitorMs: 120_000 }],
    settings: { keepaliveMs: 30_000, missedKeepalives: 3, tcpRetryMs: 25_000, resetTimeMs: 60_000 },
    events: [
      { ref: 0, at: 0, kind: 'calls', pool: 'P', count: { kind: 'percent', value: 20 }, durationMs: 600_000 },
      { ref: 1, at: 60_000, kind: 'crash', target: 'CM1' },
      { ref: 2, at: 1_800_000, kind: 'recover', target: 'CM1' },
    ],
    expectations: [],
  };
}

/** Runs one size in this process and prints one JSON line (used by the child processes). */
export function runOneSize(phones: number): void {
  const input = crashAndFallback(phones);
  // performance.now() counts from the process start: what came before the run is start-up and module load.
  const started = performance.now();
  const result = simulate(input);
  const ms = performance.now() - started;
  const maxRssKiB = process.resourceUsage().maxRSS;
  console.log(
    JSON.stringify({ phones, startMs: started, ms, maxRssKiB, timeline: result.timeline.length, settled: result.settled, final: result.pools['P']!.final }),
  );
}

export function runSimulationBenchmarks(): void {
  const rows: [string, string][] = [];
  for (const phones of [10_000, 100_000, 1_000_000]) {
    const child = spawnSync(process.execPath, ['--max-old-space-size=4096', process.argv[1]!, 'simulation-one', String(phones)], { encoding: 'utf8' });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    try {
      const r = JSON.parse(line) as { startMs: number; ms: number; maxRssKiB: number; timeline: number; settled: number };
      rows.push([
        `${phones.toLocaleString('en-US')} phones`,
        `${r.ms.toFixed(0).padStart(6)} ms   ${Math.round((phones / r.ms) * 1000)
          .toLocaleString('en-US')
          .padStart(
            11,
          )} phones/s   peak RSS ${(r.maxRssKiB / 1024).toFixed(0)} MB   ${r.timeline.toLocaleString('en-US')} timeline entries   (fresh process: run began ${r.startMs.toFixed(0)} ms after start)`,
      ]);
    } catch {
      rows.push([`${phones} phones`, `failed: ${child.stderr.trim().split('\n').pop()}`]);
    }
  }
  printTable('Simulation: crash at 1m (20% in 10-minute calls), recover at 30m, 2,000 registrations/s, queue 50', rows);
}
