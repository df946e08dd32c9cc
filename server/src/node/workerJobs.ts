// The editor's sweep runs and advisor searches in a worker thread of their own (the same
// simulationWorker.js), one job at a time: a new job cancels the running one, through the job's
// shared flag. Kept apart from the scenarios' SimulationService so that sweeps never hold up a
// scenario's result, and an edit stops both.
import * as path from 'node:path';
import { OneJobWorker } from './oneJobWorker';
import type { AdviseJob, AdviseOutcome, EditorSweepsJob, EditorSweepsOutcome } from './simulationProtocol';

type Job = EditorSweepsJob | AdviseJob;
type OutcomeOf<J extends Job> = J extends EditorSweepsJob ? EditorSweepsOutcome : AdviseOutcome;
/** What the caller gives: the service numbers the job and owns its cancel flag. */
export type JobRequest<J extends Job> = Omit<J, 'id' | 'cancel'>;

export class WorkerJobs {
  private readonly jobs: OneJobWorker<EditorSweepsOutcome | AdviseOutcome>;

  constructor(
    private readonly name: string,
    private readonly log: (message: string) => void = () => undefined,
    workerPath = path.join(__dirname, 'simulationWorker.js'),
  ) {
    this.jobs = new OneJobWorker(name, workerPath, log);
  }

  /** Runs a job; resolves undefined when a later job, `cancel()` or a worker crash made it moot. */
  run<J extends Job>(request: JobRequest<J>): Promise<OutcomeOf<J> | undefined> {
    return new Promise((resolve) => {
      const id = this.jobs.start(
        request,
        (outcome) => {
          if (outcome.error) this.log(`${this.name} ${outcome.id} failed: ${outcome.error}`);
          resolve(outcome as OutcomeOf<J>);
          return true;
        },
        () => resolve(undefined),
      );
      this.log(`${this.name} ${id} started`);
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
