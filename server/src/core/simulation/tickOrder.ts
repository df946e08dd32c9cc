// The order in which keepalive ticks come within one period K: by offset, then pool order, then
// phone index — step 5's order. Ranking every phone once lets a set of phones drawn from many
// device pools answer "who ticks next" with one scan, whatever the number of pools.

/** Above this keepalive (ms) the offset table would be too big: merge and binary-search instead. */
const COUNTING_LIMIT = 1 << 24;

export interface RankedPool {
  readonly base: number;
  readonly phones: number;
}

export class TickOrder {
  // Undefined when a single pool holds every phone: its phones tick in index order, so a phone's
  // rank is its global index (the pool starts at 0) and the tables would only copy that.
  private readonly rankTable: Int32Array | undefined;
  private readonly phoneTable: Int32Array | undefined;
  private readonly offsetTable: Float64Array | undefined;
  /** firstRankAt[x]: the first rank with offset ≥ x, for every x in 0 … K (when K is not huge). */
  private readonly firstRankAt: Int32Array | undefined;
  /** The pool holding every phone, when there is one. */
  private readonly only: number;

  /**
   * `offsetOf(pool, index)` must rise with the index within a pool and stay below `keepalive`;
   * `firstAtOffset(pool, x)` is the pool's first index whose offset is ≥ x.
   */
  constructor(
    pools: readonly RankedPool[],
    readonly size: number,
    keepalive: number,
    private readonly offsetOf: (pool: number, index: number) => number,
    private readonly firstAtOffset: (pool: number, x: number) => number,
  ) {
    const filled = pools.flatMap((pool, p) => (pool.phones > 0 ? [p] : []));
    this.only = filled.length === 1 && pools[filled[0]!]!.base === 0 ? filled[0]! : -1;
    if (this.only >= 0) return;
    this.rankTable = new Int32Array(size);
    this.phoneTable = new Int32Array(size);
    this.offsetTable = new Float64Array(size);
    if (keepalive <= COUNTING_LIMIT) {
      this.firstRankAt = this.sortByCounting(pools, keepalive, offsetOf);
    } else {
      this.sortByMerging(pools, offsetOf);
    }
  }

  rankOf(phone: number): number {
    return this.rankTable === undefined ? phone : this.rankTable[phone]!;
  }

  phoneAt(rank: number): number {
    return this.phoneTable === undefined ? rank : this.phoneTable[rank]!;
  }

  offsetAt(rank: number): number {
    return this.offsetTable === undefined ? this.offsetOf(this.only, rank) : this.offsetTable[rank]!;
  }

  /** Counting sort by offset; visiting pools in order and phones by index keeps ties in order. */
  private sortByCounting(pools: readonly RankedPool[], keepalive: number, offsetOf: (pool: number, index: number) => number): Int32Array {
    const firstRankAt = new Int32Array(keepalive + 1);
    pools.forEach((pool, p) => {
      for (let index = 0; index < pool.phones; index++) firstRankAt[offsetOf(p, index) + 1]!++;
    });
    for (let x = 1; x <= keepalive; x++) firstRankAt[x]! += firstRankAt[x - 1]!;
    const nextRank = firstRankAt.slice(0, keepalive);
    pools.forEach((pool, p) => {
      for (let index = 0; index < pool.phones; index++) {
        const offset = offsetOf(p, index);
        const rank = nextRank[offset]!++;
        const phone = pool.base + index;
        this.rankTable![phone] = rank;
        this.phoneTable![rank] = phone;
        this.offsetTable![rank] = offset;
      }
    });
    return firstRankAt;
  }

  /** For a huge keepalive: a k-way merge of the pools' own (already sorted) tick sequences. */
  private sortByMerging(pools: readonly RankedPool[], offsetOf: (pool: number, index: number) => number): void {
    const next = pools.map(() => 0);
    const heap: number[] = [];
    const key = (pool: number) => offsetOf(pool, next[pool]!);
    const before = (a: number, b: number) => key(a) < key(b) || (key(a) === key(b) && a < b);
    const push = (pool: number) => {
      let at = heap.length;
      heap.push(pool);
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!before(pool, heap[parent]!)) break;
        heap[at] = heap[parent]!;
        at = parent;
      }
      heap[at] = pool;
    };
    const pop = (): number => {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length > 0) {
        let at = 0;
        for (;;) {
          let child = 2 * at + 1;
          if (child >= heap.length) break;
          if (child + 1 < heap.length && before(heap[child + 1]!, heap[child]!)) child++;
          if (!before(heap[child]!, last)) break;
          heap[at] = heap[child]!;
          at = child;
        }
        heap[at] = last;
      }
      return top;
    };
    pools.forEach((pool, index) => {
      if (pool.phones > 0) push(index);
    });
    let rank = 0;
    while (heap.length > 0) {
      const pool = pop();
      const descriptor = pools[pool]!;
      const index = next[pool]!;
      const phone = descriptor.base + index;
      this.rankTable![phone] = rank;
      this.phoneTable![rank] = phone;
      this.offsetTable![rank] = offsetOf(pool, index);
      rank++;
      next[pool] = index + 1;
      if (index + 1 < descriptor.phones) push(pool);
    }
  }

  /** The first rank whose offset is ≥ x (the total when there is none). */
  firstRankAtOffset(x: number): number {
    if (this.only >= 0) return this.firstAtOffset(this.only, x);
    if (this.firstRankAt !== undefined) return this.firstRankAt[x]!;
    const offsets = this.offsetTable!;
    let low = 0;
    let high = offsets.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (offsets[middle]! < x) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
