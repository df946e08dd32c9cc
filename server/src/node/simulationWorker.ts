// The simulation worker: runs scenarios off the main thread, so that in the language server
// typing, completion and hover never wait for a simulation, and so that the CLI's lint uses every
// core. Cancellation and the time budget arrive through a shared flag the engine polls.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { simulateChecks, simulateCompactChecks, type SimulatedChecks } from '../core/results/check';
import { compactRun, runScenarios, type ScenarioRun } from '../core/results/runs';
import type { SimOptions } from '../core/simulation/model';
import { Analysis } from '../core/workspace/analysis';
import { ParseCache, type SourceHost } from '../core/workspace/program';
import type { Diagnostic } from '../core/diagnostics';
import { ResultCache } from '../core/results/cache';
import { claimSweepRuns } from './parallelSweeps';
import { adviseScenario } from '../core/results/adviseScenario';
import { fileSweeps, runSweep } from '../core/results/sweeps';
import type {
  AdviseJob,
  AdviseOutcome,
  EditorSweepsJob,
  EditorSweepsOutcome,
  SimulationJob,
  SimulationOutcome,
  SimulationProgress,
  SweepRunsJob,
  SweepRunsOutcome,
} from './simulationProtocol';

// Background work yields the CPU to the editor: on Linux the niceness set here is this thread's
// alone, so the main thread answering keystrokes keeps its priority. Where it cannot be set (some
// containers, other systems) the worker simply runs at normal priority. A worker the CLI starts
// with `workerData.foreground` (lint, sweep) is the work the user waits for: normal priority.
if ((workerData as { foreground?: boolean } | null | undefined)?.foreground !== true) {
  try {
    setPriority(10);
  } catch {
    // not permitted here: harmless
  }
}

/** Kept across jobs: between two keystrokes only the edited file needs parsing again. */
const parses = new ParseCache();
/** Kept across jobs: between two keystrokes only the scenarios whose input changed are simulated again. */
const results = new ResultCache();

function run(job: SimulationJob): SimulationOutcome {
  const started = Date.now();
  const files = new Map(job.files);
  const host: SourceHost = { readFile: (key) => (files.has(key) ? { text: files.get(key)! } : { error: 'file not found' }) };
  const flag = new Int32Array(job.cancel);
  const isCancelled = () => Atomics.load(flag, 0) !== 0 || Date.now() - started > job.budgetMs;
  try {
    const analysis = Analysis.load(job.roots, host, parses);
    // The CLI's lint wants diagnostics only: no compact digests to build and copy across, and no
    // cache (a lint simulates each input once; the cache would keep digests it never reads).
    const wantsRuns = job.runs !== false;
    const options = { isCancelled, limits: { maxPhones: job.maxPhones }, ...(wantsRuns ? { cache: results } : {}) };
    const onRun = (run: ScenarioRun, diagnostics: Diagnostic[]) => {
      const progress: SimulationProgress = { kind: 'run', id: job.id, run, diagnostics };
      parentPort?.postMessage(progress);
    };
    const checks = job.scenarios
      ? selectedRuns(analysis, job.scenarios, options)
      : (wantsRuns ? simulateCompactChecks : simulateChecks)(analysis, job.targets, {
          ...options,
          resilience: job.resilience,
          ...(job.focus ? { focus: job.focus } : {}),
          ...(job.stream ? { onRun } : {}),
        });
    return {
      kind: 'done',
      id: job.id,
      diagnostics: [...checks.diagnostics],
      // Only digests cross the thread: a full timeline can hold millions of entries.
      runs: !wantsRuns ? [] : job.stream ? [...checks.runs.keys()].map((file) => [file, []]) : [...checks.runs],
      ...(job.stream ? { streamed: true } : {}),
      impacts: checks.impacts,
      cancelled: Atomics.load(flag, 0) !== 0,
      elapsedMs: Date.now() - started,
    };
  } catch (error) {
    return {
      kind: 'done',
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

/** The scenarios asked for by title, each file's in text order; no diagnostics, no resilience check. */
function selectedRuns(analysis: Analysis, scenarios: NonNullable<SimulationJob['scenarios']>, options: SimOptions): SimulatedChecks {
  const runs = new Map<string, ScenarioRun[]>();
  for (const [file, titles] of scenarios) {
    const fileRuns = [...new Set(titles)].flatMap((title) =>
      options.isCancelled?.() ? [] : runScenarios(analysis, file, { ...options, scenarioName: title }),
    );
    runs.set(file, fileRuns.sort((a, b) => a.scenario.range.start - b.scenario.range.start).map(compactRun));
  }
  return { diagnostics: new Map(), runs, impacts: [] };
}

/** Runs of sweeps, claimed one at a time from the job's shared counter (the CLI's `failover sweep --jobs N`). */
function runSweeps(job: SweepRunsJob): SweepRunsOutcome {
  const files = new Map(job.files);
  const host: SourceHost = { readFile: (key) => (files.has(key) ? { text: files.get(key)! } : { error: 'file not found' }) };
  try {
    const analysis = Analysis.load(job.roots, host, parses);
    return { id: job.id, results: claimSweepRuns(analysis, job.runs, new Int32Array(job.next)) };
  } catch (error) {
    return { id: job.id, results: [], error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/** The editor's sweeps: stopped by the cancel flag (dropped) or the budget (the finished runs kept). */
function runEditorSweeps(job: EditorSweepsJob): EditorSweepsOutcome {
  const started = Date.now();
  const files = new Map(job.files);
  const host: SourceHost = { readFile: (key) => (files.has(key) ? { text: files.get(key)! } : { error: 'file not found' }) };
  const flag = new Int32Array(job.cancel);
  const stopped = () => Atomics.load(flag, 0) !== 0;
  const isCancelled = () => stopped() || Date.now() - started > job.budgetMs;
  try {
    const analysis = Analysis.load(job.roots, host, parses);
    let outOfTime = false;
    const results = job.sweeps.map(({ file, sweep }) => {
      if (outOfTime || stopped()) return [];
      const spec = fileSweeps(analysis, file).find((s) => s.spec?.name === sweep)?.spec;
      const outcome = spec ? runSweep(analysis, file, spec, { isCancelled }) : { runs: [], cancelled: false };
      if (outcome.cancelled) outOfTime = !stopped();
      return outcome.runs;
    });
    return { id: job.id, results, ...(stopped() ? { cancelled: true } : {}), ...(outOfTime ? { outOfTime: true } : {}) };
  } catch (error) {
    return { id: job.id, results: [], error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/** The advisor for a quick fix: stopped by the job's cancel flag only (the user cancels it). */
function runAdvice(job: AdviseJob): AdviseOutcome {
  const files = new Map(job.files);
  const host: SourceHost = { readFile: (key) => (files.has(key) ? { text: files.get(key)! } : { error: 'file not found' }) };
  const flag = new Int32Array(job.cancel);
  try {
    const analysis = Analysis.load(job.roots, host, parses);
    const advice = adviseScenario(analysis, job.file, job.scenario, job.knob, { isCancelled: () => Atomics.load(flag, 0) !== 0 });
    return advice.cancelled ? { id: job.id, cancelled: true } : { id: job.id, advice };
  } catch (error) {
    return { id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

parentPort?.on('message', (job: SimulationJob | SweepRunsJob | EditorSweepsJob | AdviseJob) => {
  if (!('kind' in job)) parentPort!.postMessage(run(job));
  else if (job.kind === 'sweep-runs') parentPort!.postMessage(runSweeps(job));
  else parentPort!.postMessage(job.kind === 'editor-sweeps' ? runEditorSweeps(job) : runAdvice(job));
});
