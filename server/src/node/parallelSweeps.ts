// Runs sweeps on several cores: every run of every sweep asked for is dealt, in turn, to one of
// `jobs` simulation workers (simulationWorker.ts, a `sweep-runs` job) with a snapshot of every text;
// each result goes back to its place, so the output never depends on how the runs were split.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { runSweep, sweepRunValues, type SweepRunResult } from '../core/results/sweeps';
import type { SweepSpec } from '../core/workspace/sweeps';
import type { Analysis } from '../core/workspace/analysis';
import type { SweepRunsJob, SweepRunsOutcome } from './simulationProtocol';

export interface SweepWork {
  readonly file: string;
  readonly spec: SweepSpec;
}

/** Every run of each sweep of `work`, in order; `jobs` 1 (or a single run) runs them in this thread. */
export async function runSweepsInParallel(analysis: Analysis, work: readonly SweepWork[], jobs: number): Promise<SweepRunResult[][]> {
  const counts = work.map((w) => sweepRunValues(w.spec).length);
  const total = counts.reduce((a, b) => a + b, 0);
  const workers = Math.max(1, Math.min(jobs, total));
  if (workers === 1) return work.map((w) => [...runSweep(analysis, w.file, w.spec).runs]);

  // Round-robin over the runs of all sweeps: neighbouring runs cost alike, so the shares do too.
  const shares: { file: string; sweep: string; indexes: number[] }[][] = Array.from({ length: workers }, () => []);
  let next = 0;
  work.forEach((w, sweepIndex) => {
    const perWorker = shares.map((share) => {
      const entry = { file: w.file, sweep: w.spec.name, indexes: [] as number[] };
      share.push(entry);
      return entry;
    });
    for (let run = 0; run < counts[sweepIndex]!; run++) perWorker[next++ % workers]!.indexes.push(run);
  });
  const texts: [string, string][] = [...analysis.program.files].map((u) => [u.path, u.text]);
  const roots = [...new Set(work.map((w) => w.file))];
  const workerPath = path.join(__dirname, 'simulationWorker.js');
  const outcomes = await Promise.all(
    shares.map(
      (runs, id) =>
        new Promise<SweepRunsOutcome>((resolve, reject) => {
          const worker = new Worker(workerPath);
          const job: SweepRunsJob = { kind: 'sweep-runs', id, files: texts, roots, runs };
          worker.once('message', (outcome: SweepRunsOutcome) => {
            void worker.terminate();
            if (outcome.error) reject(new Error(outcome.error.split('\n')[0]));
            else resolve(outcome);
          });
          worker.once('error', reject);
          worker.postMessage(job);
        }),
    ),
  );
  const results: SweepRunResult[][] = counts.map((count) => new Array<SweepRunResult>(count));
  outcomes.forEach((outcome, workerIndex) => {
    shares[workerIndex]!.forEach((entry, sweepIndex) => {
      entry.indexes.forEach((run, i) => {
        const result = outcome.results[sweepIndex]?.[i];
        if (!result) throw new Error(`a worker did not return run ${run + 1} of sweep "${entry.sweep}"`);
        results[sweepIndex]![run] = result;
      });
    });
  });
  return results;
}
