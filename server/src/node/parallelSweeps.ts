// Runs sweeps on several cores. Every run of every sweep asked for is one entry of a list; this
// thread and `jobs − 1` simulation workers (simulationWorker.ts, a `sweep-runs` job, with a snapshot
// of every text) each claim the next entry from a shared counter until none is left: this thread,
// already warm, starts at once, and a worker that starts late simply takes fewer. Each result goes
// back to its place, so the output never depends on how the runs were shared out.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileSweeps, runSweep, sweepRunValues, type SweepRunResult } from '../core/results/sweeps';
import type { Analysis } from '../core/workspace/analysis';
import type { SweepSpec } from '../core/workspace/sweeps';
import type { SweepRunRef, SweepRunsJob, SweepRunsOutcome } from './simulationProtocol';

export interface SweepWork {
  readonly file: string;
  readonly spec: SweepSpec;
}

/** Claims entries of `runs` from `next` until none is left; the runs made, by position. */
export function claimSweepRuns(analysis: Analysis, runs: readonly SweepRunRef[], next: Int32Array): [number, SweepRunResult][] {
  const specs = new Map<string, SweepSpec | undefined>();
  const made: [number, SweepRunResult][] = [];
  for (let position = Atomics.add(next, 0, 1); position < runs.length; position = Atomics.add(next, 0, 1)) {
    const { file, sweep, index } = runs[position]!;
    const key = `${file}\n${sweep}`;
    if (!specs.has(key)) specs.set(key, fileSweeps(analysis, file).find((s) => s.spec?.name === sweep)?.spec);
    const spec = specs.get(key);
    const result = spec ? runSweep(analysis, file, spec, { indexes: [index] }).runs[0] : undefined;
    if (!result) throw new Error(`run ${index + 1} of sweep "${sweep}" in ${file} could not be made`);
    made.push([position, result]);
  }
  return made;
}

/** Every run of each sweep of `work`, in order; `jobs` 1 (or a single run) runs them all in this thread. */
export async function runSweepsInParallel(analysis: Analysis, work: readonly SweepWork[], jobs: number): Promise<SweepRunResult[][]> {
  const runs: SweepRunRef[] = work.flatMap((w) => sweepRunValues(w.spec).map((_, index) => ({ file: w.file, sweep: w.spec.name, index })));
  const participants = Math.max(1, Math.min(jobs, runs.length));
  if (participants === 1) return work.map((w) => [...runSweep(analysis, w.file, w.spec).runs]);

  const next = new SharedArrayBuffer(4);
  const texts: [string, string][] = [...analysis.program.files].map((u) => [u.path, u.text]);
  const roots = [...new Set(work.map((w) => w.file))];
  const workerPath = path.join(__dirname, 'simulationWorker.js');
  const started = Promise.all(
    Array.from(
      { length: participants - 1 },
      (_, id) =>
        new Promise<SweepRunsOutcome>((resolve, reject) => {
          const worker = new Worker(workerPath, { workerData: { foreground: true } });
          const job: SweepRunsJob = { kind: 'sweep-runs', id, files: texts, roots, runs, next };
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
  const own = claimSweepRuns(analysis, runs, new Int32Array(next));
  const byPosition = new Array<SweepRunResult | undefined>(runs.length);
  for (const [position, result] of [...own, ...(await started).flatMap((o) => o.results)]) byPosition[position] = result;
  let position = 0;
  return work.map((w) =>
    sweepRunValues(w.spec).map(() => {
      const result = byPosition[position++];
      if (!result) throw new Error(`a run of sweep "${w.spec.name}" was not made`);
      return result;
    }),
  );
}
