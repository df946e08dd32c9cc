// Runs simulations in a worker thread (simulationWorker.ts), one job at a time: a new job cancels
// the running one. The language server's scheduler is its client.
import * as path from 'node:path';
import { OneJobWorker } from './oneJobWorker';
import type { SimulationJob, SimulationMessage, SimulationOutcome, SimulationProgress } from './simulationProtocol';

export class SimulationService {
  private readonly jobs: OneJobWorker<SimulationMessage>;

  constructor(
    workerPath = path.join(__dirname, 'simulationWorker.js'),
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.jobs = new OneJobWorker('simulation', workerPath, log);
  }

  /**
   * Runs a job; resolves undefined when a later job or `cancel()` made it moot. With `stream` set,
   * `onProgress` hears of each scenario as it is done, until the job resolves or is cancelled.
   */
  run(job: Omit<SimulationJob, 'id' | 'cancel'>, onProgress?: (progress: SimulationProgress) => void): Promise<SimulationOutcome | undefined> {
    return new Promise((resolve) => {
      const id = this.jobs.start(
        job,
        (message) => {
          if (message.kind === 'run') {
            onProgress?.(message);
            return false;
          }
          this.log(`simulation ${message.id} finished in ${message.elapsedMs} ms`);
          if (message.error) this.log(`simulation failed: ${message.error}`);
          resolve(message.cancelled ? undefined : message);
          return true;
        },
        () => resolve(undefined),
      );
      this.log(`simulation ${id} started: ${job.targets.length} file(s), budget ${job.budgetMs} ms`);
    });
  }

  /** Stops the running job, if any; `reason` is logged. */
  cancel(reason: string): void {
    this.jobs.cancel(reason);
  }

  dispose(): void {
    this.jobs.dispose();
  }
}
