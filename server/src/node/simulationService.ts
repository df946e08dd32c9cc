// Runs simulations in a worker thread (simulationWorker.ts), one job at a time: a new job cancels
// the running one. The language server's scheduler is its client.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SimulationJob, SimulationMessage, SimulationOutcome, SimulationProgress } from './simulationProtocol';

export class SimulationService {
  private worker: Worker | undefined;
  private nextId = 1;
  private running:
    | { id: number; flag: Int32Array; resolve: (outcome: SimulationOutcome | undefined) => void; onProgress?: (progress: SimulationProgress) => void }
    | undefined;

  constructor(
    private readonly workerPath = path.join(__dirname, 'simulationWorker.js'),
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /**
   * Runs a job; resolves undefined when a later job or `cancel()` made it moot. With `stream` set,
   * `onProgress` hears of each scenario as it is done, until the job resolves or is cancelled.
   */
  run(job: Omit<SimulationJob, 'id' | 'cancel'>, onProgress?: (progress: SimulationProgress) => void): Promise<SimulationOutcome | undefined> {
    this.cancel('a newer job replaced it');
    const cancel = new SharedArrayBuffer(4);
    const full: SimulationJob = { ...job, id: this.nextId++, cancel };
    this.log(`simulation ${full.id} started: ${job.targets.length} file(s), budget ${job.budgetMs} ms`);
    return new Promise((resolve) => {
      this.running = { id: full.id, flag: new Int32Array(cancel), resolve, ...(onProgress ? { onProgress } : {}) };
      this.ensureWorker().postMessage(full);
    });
  }

  /** Stops the running job, if any; `reason` is logged. */
  cancel(reason: string): void {
    if (!this.running) return;
    this.log(`simulation ${this.running.id} cancelled: ${reason}`);
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
    worker.on('message', (message: SimulationMessage) => {
      if (this.running?.id !== message.id) return; // a cancelled job finishing late
      if (message.kind === 'run') {
        this.running.onProgress?.(message);
        return;
      }
      const outcome = message;
      this.log(`simulation ${outcome.id} finished in ${outcome.elapsedMs} ms`);
      const { resolve } = this.running;
      this.running = undefined;
      if (outcome.error) this.log(`simulation failed: ${outcome.error}`);
      resolve(outcome.cancelled ? undefined : outcome);
    });
    worker.on('error', (error) => {
      this.log(`simulation worker crashed: ${error.stack ?? error.message}; it will be restarted`);
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
