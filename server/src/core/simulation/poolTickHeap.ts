// The device pools by their next acting tick (then pool order, step 5's order): a binary heap of
// (time, pool) claims in two parallel arrays. A pool's schedule changes often, so a claim is
// never updated in place: a new one is pushed, and an old one whose time is no longer the pool's
// `nextTick` is stale and dropped when it comes to the top.

import type { Pool } from './state';

export class PoolTickHeap {
  private readonly times: number[] = [];
  private readonly poolIndices: number[] = [];

  constructor(private readonly pools: readonly Pool[]) {}

  push(time: number, poolIndex: number): void {
    const times = this.times;
    const pools = this.poolIndices;
    let index = times.length;
    times.push(time);
    pools.push(poolIndex);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (times[parent]! < time || (times[parent] === time && pools[parent]! < poolIndex)) break;
      times[index] = times[parent]!;
      pools[index] = pools[parent]!;
      index = parent;
    }
    times[index] = time;
    pools[index] = poolIndex;
  }

  /** Removes the top claim. */
  pop(): void {
    const times = this.times;
    const pools = this.poolIndices;
    const lastTime = times.pop()!;
    const lastPool = pools.pop()!;
    const length = times.length;
    if (length === 0) return;
    let index = 0;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= length) break;
      const right = child + 1;
      if (right < length && (times[right]! < times[child]! || (times[right] === times[child] && pools[right]! < pools[child]!))) child = right;
      if (times[child]! > lastTime || (times[child] === lastTime && pools[child]! > lastPool)) break;
      times[index] = times[child]!;
      pools[index] = pools[child]!;
      index = child;
    }
    times[index] = lastTime;
    pools[index] = lastPool;
  }

  /** The pool with the earliest acting tick (its `nextTick`), dropping stale claims on the way. */
  peek(): Pool | undefined {
    while (this.times.length > 0) {
      const pool = this.pools[this.poolIndices[0]!]!;
      if (pool.nextTick === this.times[0]) return pool;
      this.pop();
    }
    return undefined;
  }
}
