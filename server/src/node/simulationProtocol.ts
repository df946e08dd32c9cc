// Messages to and from the simulation worker (simulationWorker.ts): plain, structured-cloneable
// data. Its clients are the language server's scheduler (through simulationService.ts) and the
// CLI's parallel lint (parallelSimulation.ts).
import type { Diagnostic } from '../core/diagnostics';
import type { Focus } from '../core/results/check';
import type { FailureImpact } from '../core/results/resilience';
import type { ScenarioRun } from '../core/results/runs';
import type { EditorAdvice } from '../core/results/adviseScenario';
import type { SweepRunResult } from '../core/results/sweeps';
import type { SweepKnob } from '../core/workspace/sweeps';

export interface SimulationJob {
  readonly id: number;
  /** A snapshot of every file the analysis may read: key → text. */
  readonly files: readonly (readonly [string, string])[];
  /** Files whose scenarios run (the open documents, then the rest of the workspace). */
  readonly targets: readonly string[];
  /** Workspace roots for the analysis (every known `.failover` file). */
  readonly roots: readonly string[];
  readonly budgetMs: number;
  /** Run the resilience check too (default true; the CLI's parallel lint runs it once, itself). */
  readonly resilience?: boolean;
  readonly maxPhones: number;
  /** Send the runs back (default true; the CLI's lint needs only the diagnostics, and a run's digest can be large). */
  readonly runs?: boolean;
  /**
   * Only these scenarios, by file and title (a test run of the editor's Testing view): nothing else
   * of the targets runs, and neither diagnostics nor the resilience check are computed.
   */
  readonly scenarios?: readonly (readonly [string, readonly string[]])[];
  /** The scenarios to run first (those in the editor's view); the outcome does not depend on it. */
  readonly focus?: Focus;
  /** Send each scenario's run as soon as it is done (a `SimulationProgress`), before the outcome. */
  readonly stream?: boolean;
  /** Int32 flag: non-zero asks the worker to stop as soon as it can. */
  readonly cancel: SharedArrayBuffer;
}

/** One scenario done, while the job goes on: its run (compact) and its diagnostics, configuration applied. */
export interface SimulationProgress {
  readonly kind: 'run';
  readonly id: number;
  readonly run: ScenarioRun;
  readonly diagnostics: readonly Diagnostic[];
}

/** The job's complete result: the same whether or not progress was streamed. */
export interface SimulationOutcome {
  readonly kind: 'done';
  readonly id: number;
  readonly diagnostics: readonly (readonly [string, Diagnostic[]])[];
  /** Each target file's runs, in text order; with `streamed`, each file's list is left empty. */
  readonly runs: readonly (readonly [string, ScenarioRun[]])[];
  /**
   * True when the runs went out as progress (a `stream` job): they are not sent twice, the client
   * puts them back from what streamed (every run streams, once). A run is large (its whole resolved
   * input, its digest): reading it twice on the editor's thread would cost the typing.
   */
  readonly streamed?: boolean;
  readonly impacts: readonly FailureImpact[];
  /** True when the edit that cancelled it made it moot: the outcome is to be dropped. */
  readonly cancelled: boolean;
  readonly elapsedMs: number;
  readonly error?: string;
}

/** What the worker posts: any number of progress messages (when asked for), then the outcome. */
export type SimulationMessage = SimulationProgress | SimulationOutcome;

/**
 * Runs of sweeps (parallelSweeps.ts), shared out as they go: every participant claims the next
 * position of `runs` from the shared counter `next` until none is left, so a worker that starts
 * late simply takes fewer. Told apart from a SimulationJob by `kind`.
 */
export interface SweepRunsJob {
  readonly kind: 'sweep-runs';
  readonly id: number;
  /** A snapshot of every file the analysis may read: key → text. */
  readonly files: readonly (readonly [string, string])[];
  readonly roots: readonly string[];
  /** Every run to make: the sweep titled `sweep` in `file`, its run at `index` (in the sweep's order). */
  readonly runs: readonly SweepRunRef[];
  /** Int32 counter: the position in `runs` of the next run to claim. */
  readonly next: SharedArrayBuffer;
}

export interface SweepRunRef {
  readonly file: string;
  readonly sweep: string;
  readonly index: number;
}

export interface SweepRunsOutcome {
  readonly id: number;
  /** The runs this participant made: position in the job's `runs`, and the result. */
  readonly results: readonly (readonly [number, SweepRunResult])[];
  readonly error?: string;
}

/**
 * The editor's background sweeps (lsp/sweepScheduler.ts): every run of each sweep, in order, in one
 * worker; stopped by the `cancel` flag (an edit: dropped) or the time budget (the finished runs kept).
 */
export interface EditorSweepsJob {
  readonly kind: 'editor-sweeps';
  readonly id: number;
  readonly files: readonly (readonly [string, string])[];
  readonly roots: readonly string[];
  /** The sweeps to run, by file and title. */
  readonly sweeps: readonly { readonly file: string; readonly sweep: string }[];
  readonly budgetMs: number;
  readonly cancel: SharedArrayBuffer;
}

export interface EditorSweepsOutcome {
  readonly id: number;
  /** For each of the job's `sweeps`, the runs that finished, in order. */
  readonly results: readonly (readonly SweepRunResult[])[];
  /** The budget ran out before every run finished. */
  readonly outOfTime?: boolean;
  /** The cancel flag stopped it: the results prove nothing. */
  readonly cancelled?: boolean;
  readonly error?: string;
}

/** The advisor on one knob of one scenario (the editor's quick fixes), cancelled through `cancel`. */
export interface AdviseJob {
  readonly kind: 'advise';
  readonly id: number;
  readonly files: readonly (readonly [string, string])[];
  readonly roots: readonly string[];
  readonly file: string;
  readonly scenario: string;
  readonly knob: SweepKnob;
  readonly cancel: SharedArrayBuffer;
}

export interface AdviseOutcome {
  readonly id: number;
  readonly advice?: EditorAdvice;
  readonly cancelled?: boolean;
  readonly error?: string;
}
