// Runs the scenarios of many files on several cores: the files are dealt to worker threads
// (simulationWorker.ts, which the language server uses too), each with a snapshot of every text;
// the results are merged by file, so the output does not depend on how the work was split.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../core/diagnostics';
import { DEFAULT_LIMITS } from '../core/simulation/model';
import type { Analysis } from '../core/workspace/analysis';
import type { SourceHost } from '../core/workspace/program';
import type { SimulationJob, SimulationOutcome } from './simulationProtocol';

/** Scenario diagnostics of `files` (no resilience check), computed by `jobs` workers. */
export async function simulateFilesInParallel(
  analysis: Analysis,
  host: SourceHost,
  files: readonly string[],
  jobs: number,
): Promise<Map<string, Diagnostic[]>> {
  const texts: [string, string][] = [...analysis.program.files].map((u) => [u.path, u.text]);
  for (const config of analysis.configFiles()) {
    const read = host.readFile(config);
    if ('text' in read) texts.push([config, read.text]);
  }
  const simulable = files.filter((f) => analysis.isSimulable(f));
  const chunks: string[][] = Array.from({ length: Math.max(1, Math.min(jobs, simulable.length)) }, () => []);
  simulable.forEach((file, i) => chunks[i % chunks.length]!.push(file));
  const workerPath = path.join(__dirname, 'simulationWorker.js');
  const outcomes = await Promise.all(
    chunks.map(
      (targets, id) =>
        new Promise<SimulationOutcome>((resolve, reject) => {
          const worker = new Worker(workerPath, { workerData: { foreground: true } });
          const job: SimulationJob = {
            id,
            files: texts,
            targets,
            roots: [...files],
            budgetMs: Number.MAX_SAFE_INTEGER,
            maxPhones: DEFAULT_LIMITS.maxPhones,
            resilience: false,
            runs: false,
            cancel: new SharedArrayBuffer(4),
          };
          worker.once('message', (outcome: SimulationOutcome) => {
            void worker.terminate();
            if (outcome.error) reject(new Error(outcome.error.split('\n')[0]));
            else resolve(outcome);
          });
          worker.once('error', reject);
          worker.postMessage(job);
        }),
    ),
  );
  const merged = new Map<string, Diagnostic[]>();
  for (const outcome of outcomes) {
    for (const [file, diagnostics] of outcome.diagnostics) merged.set(file, [...(merged.get(file) ?? []), ...diagnostics]);
  }
  return merged;
}
