// The timeline as a run records it: one row per millisecond whose end state changed, kept as
// deltas in typed arrays (a million phones moving one by one make millions of rows) and turned
// into TimelineEntry objects only when someone reads them.

import type { Counts, TimelineEntry } from './model';

export interface TimelinePool {
  readonly name: string;
  /** What each count slot is called: the pool's targets in preference order, then `unregistered`. */
  readonly slotNames: readonly string[];
}

export class TimelineRecorder {
  private times = new Float64Array(256);
  /** Per row, where its changed pools start in `changes` (row r ends where row r + 1 starts). */
  private rowStart = new Int32Array(257);
  /** Per changed pool of a row: the pool's index, then its counts slot by slot. */
  private changes = new Int32Array(1024);
  private changesLength = 0;
  private rows = 0;

  constructor(private readonly pools: readonly TimelinePool[]) {}

  get length(): number {
    return this.rows;
  }

  get lastTime(): number {
    return this.rows === 0 ? 0 : this.times[this.rows - 1]!;
  }

  startRow(t: number): void {
    if (this.rows === this.times.length) {
      const times = new Float64Array(this.rows * 2);
      times.set(this.times);
      this.times = times;
      const rowStart = new Int32Array(this.rows * 2 + 1);
      rowStart.set(this.rowStart);
      this.rowStart = rowStart;
    }
    this.times[this.rows] = t;
    this.rowStart[this.rows] = this.changesLength;
    this.rows++;
    this.rowStart[this.rows] = this.changesLength;
  }

  /** Adds a pool whose counts differ from its previous row to the row just started. */
  addPool(pool: number, counts: Int32Array): void {
    const needed = this.changesLength + 1 + counts.length;
    if (needed > this.changes.length) {
      const changes = new Int32Array(Math.max(needed, this.changes.length * 2));
      changes.set(this.changes.subarray(0, this.changesLength));
      this.changes = changes;
    }
    this.changes[this.changesLength++] = pool;
    for (let slot = 0; slot < counts.length; slot++) this.changes[this.changesLength++] = counts[slot]!;
    this.rowStart[this.rows] = this.changesLength;
  }

  /** The entries as the model describes them; a pool unchanged between rows shares its Counts. */
  materialize(): TimelineEntry[] {
    const current: Counts[] = this.pools.map(() => ({}));
    const entries: TimelineEntry[] = new Array(this.rows);
    let at = 0;
    for (let row = 0; row < this.rows; row++) {
      const end = this.rowStart[row + 1]!;
      while (at < end) {
        const pool = this.changes[at++]!;
        const names = this.pools[pool]!.slotNames;
        const counts: Record<string, number> = {};
        for (let slot = 0; slot < names.length; slot++) {
          const n = this.changes[at++]!;
          if (n !== 0) setOwn(counts, names[slot]!, n);
        }
        current[pool] = counts;
      }
      const pools: Record<string, Counts> = {};
      for (let pool = 0; pool < this.pools.length; pool++) setOwn(pools, this.pools[pool]!.name, current[pool]!);
      entries[row] = { t: this.times[row]!, pools };
    }
    return entries;
  }
}

/** Plain assignment would treat a name like `__proto__` as the prototype. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
