// One job at a time in a worker thread (simulationWorker.js): a new job cancels the running one
// through the job's shared flag, a job finishing after it was cancelled is ignored, and a crashed
// worker is started again for the next job. The scenarios' SimulationService and the editor's
// sweeps and advisor (WorkerJobs) are its clients; each has a worker of its own.
import { Worker } from 'node:worker_threads';

/** What the client does with the job's messages: `true` once the job is done. */
type OnMessage<M> = (message: M) => boolean;

export class OneJobWorker<M extends { readonly id: number }> {
  private worker: Worker | undefined;
  private nextId = 1;
  private running: { id: number; flag: Int32Array; onMessage: OnMessage<M>; abandon: () => void } | undefined;

  constructor(
    private readonly name: string,
    private readonly workerPath: string,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * Posts `job` with a fresh id and cancel flag, after cancelling the running one. `onMessage` hears
   * the job's messages until it returns true; `abandon` is called instead when the job is cancelled
   * or the worker crashes. Returns the id given to the job.
   */
  start(job: object, onMessage: OnMessage<M>, abandon: () => void): number {
    this.cancel('a newer job replaced it');
    const cancel = new SharedArrayBuffer(4);
    const id = this.nextId++;
    this.running = { id, flag: new Int32Array(cancel), onMessage, abandon };
    this.ensureWorker().postMessage({ ...job, id, cancel });
    return id;
  }

  /** Stops the running job, if any; `reason` is logged. */
  cancel(reason: string): void {
    if (!this.running) return;
    this.log(`${this.name} ${this.running.id} cancelled: ${reason}`);
    Atomics.store(this.running.flag, 0, 1);
    this.finish().abandon();
  }

  dispose(): void {
    this.cancel('the service stopped');
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private finish(): NonNullable<OneJobWorker<M>['running']> {
    const running = this.running!;
    this.running = undefined;
    return running;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerPath);
    worker.on('message', (message: M) => {
      if (this.running?.id !== message.id) return; // a cancelled job finishing late
      if (this.running.onMessage(message) && this.running?.id === message.id) this.running = undefined;
    });
    worker.on('error', (error) => {
      this.log(`${this.name} worker crashed: ${error.stack ?? error.message}; it will be restarted`);
      this.worker = undefined;
      if (this.running) this.finish().abandon();
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
