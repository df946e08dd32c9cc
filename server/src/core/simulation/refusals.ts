// The bookkeeping behind `capacity-exceeded`: phones turned away because a target available to
// them was full, each counted once per cause, grouped by (cause, pool) with the full targets.
// docs/simulation-decisions.md says which phones count and which event is to blame.

import { capacityFinding } from './findings';
import type { Finding, SimEvent } from './model';
import { NOWHERE, isAvailable, type Pool, type Target } from './state';

/**
 * A cause is the index (in time order) of the event that took a phone out of service, or −1 when
 * none did (out of service since the start). What `notedCause` holds for a cause: shifted so that
 * 0, which a new array holds, means "never counted" and the array needs no filling.
 */
function markOf(cause: number): number {
  return cause + 2;
}

interface Refusal {
  readonly cause: number;
  readonly pool: Pool;
  phones: number;
  readonly targets: Set<Target>;
}

export class Refusals {
  /** Per phone: markOf(the cause it was last counted as turned away for), or 0. */
  private readonly notedCause: Int32Array;
  private readonly byCauseAndPool = new Map<number, Refusal>();

  constructor(
    phones: number,
    private readonly poolCount: number,
  ) {
    this.notedCause = new Int32Array(phones);
  }

  /** Whether the phone has already been counted as turned away for this cause. */
  isNoted(phone: number, cause: number): boolean {
    return this.notedCause[phone] === markOf(cause);
  }

  /** The phone, out of service because of `cause`, asked and found the targets before `best` full (or unavailable). */
  note(phone: number, pool: Pool, cause: number, best: number): void {
    // (cause, pool) as one number that sorts by cause (no event first), then pool order
    const key = (cause + 1) * this.poolCount + pool.index;
    let refusal = this.byCauseAndPool.get(key);
    if (refusal === undefined) {
      refusal = { cause, pool, phones: 0, targets: new Set() };
      this.byCauseAndPool.set(key, refusal);
    }
    if (this.notedCause[phone] !== markOf(cause)) {
      this.notedCause[phone] = markOf(cause);
      refusal.phones++;
    }
    pool.unnoted.delete(phone - pool.base);
    const end = best === NOWHERE ? pool.preference.length : best;
    for (let position = 0; position < end; position++) {
      const target = pool.preference[position]!;
      if (isAvailable(target, pool) && !target.hasRoom) refusal.targets.add(target);
    }
  }

  /** One finding per (cause, pool), by cause then pool; `eventOf` turns a cause into its event. */
  findings(eventOf: (cause: number) => SimEvent): Finding[] {
    return [...this.byCauseAndPool.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, refusal]) =>
        capacityFinding(
          refusal.cause >= 0 ? eventOf(refusal.cause) : undefined,
          refusal.pool.name,
          refusal.phones,
          [...refusal.targets].sort((a, b) => a.index - b.index),
        ),
      );
  }
}
