// The timeline as a run records it: one row per millisecond whose end state changed, kept as
// deltas in typed arrays (a million phones moving one by one make millions of rows) and turned
// into TimelineEntry objects only when someone reads them; and the readers that answer from
// those rows (totals per target, the states at given times) without building every entry.

import type { Counts, ScenarioResult, TimelineEntry } from './model';

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

  /**
   * Registered phones per target over all pools (and `unregistered`), at each row where a total
   * changed: what charts and event summaries need, without building a row of every pool.
   */
  totals(): { t: number; counts: Record<string, number> }[] {
    const current = this.pools.map((p) => new Int32Array(p.slotNames.length));
    const sums = new Map<string, number>();
    const series: { t: number; counts: Record<string, number> }[] = [];
    let at = 0;
    for (let row = 0; row < this.rows; row++) {
      const end = this.rowStart[row + 1]!;
      let changed = row === 0;
      while (at < end) {
        const pool = this.changes[at++]!;
        const names = this.pools[pool]!.slotNames;
        const counts = current[pool]!;
        for (let slot = 0; slot < names.length; slot++) {
          const n = this.changes[at++]!;
          if (n !== counts[slot]) {
            sums.set(names[slot]!, (sums.get(names[slot]!) ?? 0) + n - counts[slot]!);
            counts[slot] = n;
            changed = true;
          }
        }
      }
      if (!changed) continue;
      const counts: Record<string, number> = {};
      for (const [name, n] of sums) if (n !== 0) setOwn(counts, name, n);
      series.push({ t: this.times[row]!, counts });
    }
    return series;
  }

  /** Every pool's counts in force at each of the given times (the last row at or before it). */
  statesAt(times: readonly number[]): Map<number, { since: number; pools: Record<string, Counts> }> {
    const wanted = [...new Set(times)].sort((a, b) => a - b);
    const current = this.pools.map((p) => new Int32Array(p.slotNames.length));
    const result = new Map<number, { since: number; pools: Record<string, Counts> }>();
    const snapshot = (): Record<string, Counts> => {
      const pools: Record<string, Counts> = {};
      this.pools.forEach((pool, index) => {
        const counts: Record<string, number> = {};
        pool.slotNames.forEach((name, slot) => {
          if (current[index]![slot] !== 0) setOwn(counts, name, current[index]![slot]!);
        });
        setOwn(pools, pool.name, counts);
      });
      return pools;
    };
    let at = 0;
    let row = 0;
    for (const t of wanted) {
      while (row < this.rows && this.times[row]! <= t) {
        const end = this.rowStart[row + 1]!;
        while (at < end) {
          const pool = this.changes[at++]!;
          const counts = current[pool]!;
          for (let slot = 0; slot < counts.length; slot++) counts[slot] = this.changes[at++]!;
        }
        row++;
      }
      if (row > 0) result.set(t, { since: this.times[row - 1]!, pools: snapshot() });
    }
    return result;
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

/** Each result's compact timeline, for readers that need less than every pool at every row. */
const recorders = new WeakMap<ScenarioResult, TimelineRecorder>();

/** Lets the readers below answer from the run's own rows; a copied result falls back to its entries. */
export function keepRecorder(result: ScenarioResult, recorder: TimelineRecorder): void {
  recorders.set(result, recorder);
}

/** Registered phones per target over all pools, at each time a total changed. */
export function timelineTotals(result: ScenarioResult): { t: number; counts: Record<string, number> }[] {
  const recorder = recorders.get(result);
  if (recorder) return recorder.totals();
  const series: { t: number; counts: Record<string, number> }[] = [];
  let previous = '';
  for (const entry of result.timeline) {
    const counts: Record<string, number> = {};
    for (const pool of Object.values(entry.pools)) for (const [target, n] of Object.entries(pool)) counts[target] = (counts[target] ?? 0) + n;
    const key = JSON.stringify(counts);
    if (key !== previous) series.push({ t: entry.t, counts });
    previous = key;
  }
  return series;
}

/** Every pool's counts in force at each given time (after everything at that time). */
export function timelineStatesAt(result: ScenarioResult, times: readonly number[]): Map<number, { since: number; pools: Record<string, Counts> }> {
  const recorder = recorders.get(result);
  if (recorder) return recorder.statesAt(times);
  const states = new Map<number, { since: number; pools: Record<string, Counts> }>();
  for (const t of times) {
    let found: TimelineEntry | undefined;
    for (const entry of result.timeline) {
      if (entry.t > t) break;
      found = entry;
    }
    if (found) states.set(t, { since: found.t, pools: found.pools });
  }
  return states;
}

/** Plain assignment would treat a name like `__proto__` as the prototype. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
