// `failover import` at scale: a BAT "All Details" CSV of 10,000 and 100,000 phones (generated, 25
// columns, quoted descriptions), through the built CLI (wall time, as a user runs it) and through
// the streaming import in a process of its own (time, CPU time, which a busy machine inflates less,
// and peak RSS: flat memory means the 100,000 file costs about what the 10,000 one does plus its
// 100,000 device names, not the file's size again).
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importCommand } from '../server/src/cli/import';
import { NO_COLORS } from '../server/src/cli/formats/stylish';
import { printTable } from './report';

const POOLS = 40;
const COLUMNS = [
  'Device Name',
  'Description',
  'Device Pool',
  'Phone Button Template',
  'CSS',
  'AAR CSS',
  'Location',
  'Device Type',
  'Owner User ID',
  'Media Resource Group List',
  ...[1, 2, 3, 4, 5].flatMap((n) => [`Directory Number ${n}`, `Route Partition ${n}`, `Line Text Label ${n}`]),
];

async function writeBatExport(file: string, phones: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write(`${COLUMNS.join(',')}\r\n`);
  for (let i = 0; i < phones; i++) {
    const lines = [`${10_000 + i}`, 'PT_Internal', `"Desk ${i}, ext ""${10_000 + i}"""`, '', '', '', '', '', '', '', '', '', '', '', ''];
    const row = [
      `SEP${i.toString(16).toUpperCase().padStart(12, '0')}`,
      `"Floor ${i % 12}, desk ${i}"`,
      `HQ Pool ${i % POOLS}`,
      'Standard 8845 SIP',
      'CSS_Internal',
      '',
      'Hub_None',
      i % 3 === 0 ? 'Cisco 7841' : 'Cisco 8845',
      `user${i}`,
      'MRGL_HQ',
      ...lines,
    ];
    await write(`${row.join(',')}\r\n`);
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

function topologyTable(): string {
  const rows = Array.from({ length: POOLS }, (_, p) => `${`HQ Pool ${p}`.padEnd(11)} HQ_CMG  1        CM_sub1`);
  return ['devicepool  cmgroup priority callmanager', '=========== ======= ======== ===========', ...rows, ''].join('\n');
}

/** Imports the files in this process and prints one JSON line (used by the child processes). */
export async function runImportOne(files: readonly string[]): Promise<void> {
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let written = 0;
  const verdict = await importCommand(files, { force: false }, { write: (s) => (written += s.length), writeError: () => undefined, colors: NO_COLORS });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  console.log(
    JSON.stringify({
      verdict,
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      written,
      maxRssKiB: process.resourceUsage().maxRSS,
      heapGrowthKiB: (process.memoryUsage().heapUsed - heapBefore) / 1024,
    }),
  );
}

export async function runImportBenchmarks(): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), 'failover-bench-import-'));
  const rows: [string, string][] = [];
  try {
    const topology = path.join(folder, 'topology.txt');
    writeFileSync(topology, topologyTable());
    for (const phones of [10_000, 100_000]) {
      const bat = path.join(folder, `phones-${phones}.csv`);
      await writeBatExport(bat, phones);
      const size = `${(statSync(bat).size / 1e6).toFixed(1)} MB`;
      const cliStarted = performance.now();
      const cli = spawnSync(process.execPath, [path.join(__dirname, 'cli.js'), 'import', topology, bat], { encoding: 'utf8', maxBuffer: 1 << 26 });
      const cliMs = performance.now() - cliStarted;
      const child = spawnSync(process.execPath, [process.argv[1]!, 'import-one', topology, bat], { encoding: 'utf8' });
      try {
        const r = JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as { ms: number; cpuMs: number; maxRssKiB: number; heapGrowthKiB: number };
        rows.push([
          `BAT CSV of ${phones.toLocaleString('en-US')} phones (${size})`,
          `CLI ${cliMs.toFixed(0).padStart(5)} ms (exit ${cli.status})   streaming ${r.ms.toFixed(0).padStart(5)} ms (CPU ${r.cpuMs.toFixed(0)} ms)   peak RSS ${(r.maxRssKiB / 1024).toFixed(0)} MB   heap growth ${(r.heapGrowthKiB / 1024).toFixed(1)} MB`,
        ]);
      } catch {
        rows.push([`BAT CSV of ${phones} phones`, `failed: ${child.stderr.trim().split('\n').pop()}`]);
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  printTable('Import: BAT CSV of 100,000 phones (target < 2 s, flat memory), with 10,000 for comparison', rows);
}
