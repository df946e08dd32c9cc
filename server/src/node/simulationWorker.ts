// The simulation worker: runs scenarios off the main thread, so that in the language server
// typing, completion and hover never wait for a simulation, and so that the CLI's lint uses every
// core. Cancellation and the time budget arrive through a shared flag the engine polls.
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { simulateCompactChecks } from '../core/results/check';
import { Analysis } from '../core/workspace/analysis';
import { ParseCache, type SourceHost } from '../core/workspace/program';
import type { SimulationJob, SimulationOutcome } from './simulationProtocol';

// Background work yields the CPU to the editor: on Linux the niceness set here is this thread's
// alone, so the main thread answering keystrokes keeps its priority. Where it cannot be set (some
// containers, other systems) the worker simply runs at normal priority.
try {
  setPriority(10);
} catch {
  // not permitted here: harmless
}

/** Kept across jobs: between two keystrokes only the edited file needs parsing again. */
const parses = new ParseCache();

function run(job: SimulationJob): SimulationOutcome {
  const started = Date.now();
  const files = new Map(job.files);
  const host: SourceHost = { readFile: (key) => (files.has(key) ? { text: files.get(key)! } : { error: 'file not found' }) };
  const flag = new Int32Array(job.cancel);
  const isCancelled = () => Atomics.load(flag, 0) !== 0 || Date.now() - started > job.budgetMs;
  try {
    const analysis = Analysis.load(job.roots, host, parses);
    const checks = simulateCompactChecks(analysis, job.targets, { isCancelled, limits: { maxPhones: job.maxPhones }, resilience: job.resilience });
    return {
      id: job.id,
      diagnostics: [...checks.diagnostics],
      // Only digests cross the thread: a full timeline can hold millions of entries.
      runs: [...checks.runs],
      impacts: checks.impacts,
      cancelled: Atomics.load(flag, 0) !== 0,
      elapsedMs: Date.now() - started,
    };
  } catch (error) {
    return {
      id: job.id,
      diagnostics: [],
      runs: [],
      impacts: [],
      cancelled: false,
      elapsedMs: Date.now() - started,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
}

parentPort?.on('message', (job: SimulationJob) => {
  parentPort!.postMessage(run(job));
});
