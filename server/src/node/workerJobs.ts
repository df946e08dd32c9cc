// The editor's sweep runs and advisor searches in a worker thread of their own (the same
// simulationWorker.js), one job at a time: a new job cancels the running one, through the job's
// shared flag. Kept apart from the scenarios' SimulationService so that sweeps never hold up a
// scenario's result, and an edit stops both.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AdviseJob, AdviseOutcome, EditorSweepsJob, EditorSweepsOutcome } from './simulationProtocol';

type Job = EditorSweepsJob | AdviseJob;
type OutcomeOf<J extends Job> = J extends EditorSweepsJob ? EditorSweepsOutcome : AdviseOutcome;
/** What the caller gives: the service numbers the job and owns its cancel flag. */
export type JobRequest<J extends Job> = Omit<J, 'id' | 'cancel'>;

export class WorkerJobs {
  private worker: Worker | undefined;
  private nextId = 1;
  private running: { id: number; flag: Int32Array; resolve: (outcome: EditorSweepsOutcome | AdviseOutcome | undefined) => void } | undefined;

  constructor(
    private readonly name: string,
    private readonly log: (message: string) => void = () => undefined,
    private readonly workerPath = path.join(__dirname, 'simulationWorker.js'),
  ) {}

  /** Runs a job; resolves undefined when a later job, `cancel()` or a worker crash made it moot. */
  run<J extends Job>(request: JobRequest<J>): Promise<OutcomeOf<J> | undefined> {
    this.cancel('a newer job replaced it');
    const cancel = new SharedArrayBuffer(4);
    const job = { ...request, id: this.nextId++, cancel } as unknown as J;
    this.log(`${this.name} ${job.id} started`);
    return new Promise((resolve) => {
      this.running = { id: job.id, flag: new Int32Array(cancel), resolve: resolve as (outcome: unknown) => void };
      this.ensureWorker().postMessage(job);
    });
  }

  /** Stops the running job, if any; `reason` is logged. */
  cancel(reason: string): void {
    if (!this.running) return;
    this.log(`${this.name} ${this.running.id} cancelled: ${reason}`);
    Atomics.store(this.running.flag, 0, 1);
    this.running.resolve(undefined);
    this.running = undefined;
  }

  dispose(): void {
    this.cancel('the service stopped');
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerPath);
    worker.on('message', (outcome: EditorSweepsOutcome | AdviseOutcome) => {
      if (this.running?.id !== outcome.id) return; // a cancelled job finishing late
      const { resolve } = this.running;
      this.running = undefined;
      if (outcome.error) this.log(`${this.name} ${outcome.id} failed: ${outcome.error}`);
      resolve(outcome);
    });
    worker.on('error', (error) => {
      this.log(`${this.name} worker crashed: ${error.stack ?? error.message}; it will be restarted`);
      this.worker = undefined;
      this.running?.resolve(undefined);
      this.running = undefined;
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
