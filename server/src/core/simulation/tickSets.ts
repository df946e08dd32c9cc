// Keepalive ticks without visiting them one by one. A phone sits in a set of its pool by what its
// tick could do (retry, or fall back from preference position j); each pool keeps the time of its
// next tick that would act; phones that may fall back to a callmanager are also kept by tick rank
// on that callmanager, so the next one to tick is found in a few word scans however many pools
// share it. The engine reports every phone change here (`categorize`, `markDirty`); step 5 asks
// which pools tick at a millisecond, in SIMULATION.md's order, and runs the rule on each.

import { PhoneIndexSet } from './phoneIndexSet';
import { PoolTickHeap } from './poolTickHeap';
import type { Refusals } from './refusals';
import { NOWHERE, SKIPS_TICKS, bestPosition, firstPhoneAtOffset, monitorEndsAt, passedFullTarget, tickOffset, type Pool, type Target } from './state';
import { TickOrder } from './tickOrder';

// What a phone's tick could do, which decides the set it sits in.
/** Nothing: it skips its ticks, or a request of its own is pending. */
const TICK_IDLE = 0;
/** Out of service with nothing pending: requests its best target at a tick. */
const TICK_RETRY = 1;
/** In service on preference position j, as category TICK_STAY + j: may fall back to a better target. */
const TICK_STAY = 2;

function stayingAt(position: number): number {
  return TICK_STAY + position;
}

function positionOf(staying: number): number {
  return staying - TICK_STAY;
}

/** What step 5 does with each pool it finds ticking (the engine: the tick rule). */
export interface PoolTicker {
  /** Applies the tick rule to the pool's phones ticking at t; what it changes is seen by later pools. */
  runTicks(pool: Pool, t: number): void;
}

/** The engine's per-phone state that decides a phone's tick set (global phone index). */
export interface PhoneState {
  readonly flags: Uint8Array;
  readonly registeredAt: Uint8Array;
  readonly requestedAt: Uint8Array;
  /** The event that last took the phone out of service (see refusals.ts). */
  readonly cause: Int32Array;
}

export class TickSets {
  private readonly flags: Uint8Array;
  private readonly registeredAt: Uint8Array;
  private readonly requestedAt: Uint8Array;
  private readonly cause: Int32Array;
  private readonly tickCategory: Uint8Array;
  /** The target whose fallbackCandidates hold the phone, or −1. */
  private readonly candidateOf: Int32Array;
  /** Built when the first fallback candidate appears: many runs never have one. */
  private tickOrder: TickOrder | undefined;
  private readonly poolTicks: PoolTickHeap;
  private readonly callManagers: Target[];
  private readonly dirtyPools: Pool[] = [];
  private dirtyCount = 0;
  /** Pools up to this index have had their ticks of the millisecond under way (step 5 runs pools in order). */
  private ticksDoneThrough = -1;

  constructor(
    private readonly pools: readonly Pool[],
    private readonly targets: readonly Target[],
    /** Per phone: its pool's index. */
    private readonly poolOf: Int32Array,
    private readonly keepalive: number,
    phones: PhoneState,
    private readonly refusals: Refusals,
  ) {
    this.flags = phones.flags;
    this.registeredAt = phones.registeredAt;
    this.requestedAt = phones.requestedAt;
    this.cause = phones.cause;
    const total = poolOf.length;
    this.tickCategory = new Uint8Array(total);
    this.candidateOf = new Int32Array(total).fill(-1);
    this.poolTicks = new PoolTickHeap(pools);
    this.callManagers = targets.filter((target) => !target.isSrst);
  }

  private get order(): TickOrder {
    return (this.tickOrder ??= new TickOrder(
      this.pools,
      this.poolOf.length,
      this.keepalive,
      (pool, index) => tickOffset(this.pools[pool]!, index, this.keepalive),
      (pool, x) => firstPhoneAtOffset(this.pools[pool]!, x, this.keepalive),
    ));
  }

  // ---------------------------------------------------------------------------------------------
  // Step 5: which pools tick at t, in order
  // ---------------------------------------------------------------------------------------------

  /**
   * Step 5, pool by pool: pools due on their own schedule, and pools with a fallback candidate
   * ticking now (the ranks of one offset run pool by pool, then phone by phone). `ticker` is an
   * object, not a closure, so that the call has one target for every run.
   */
  runStep5(t: number, ticker: PoolTicker): void {
    this.ticksDoneThrough = -1;
    if (this.dirtyCount > 0) this.flush(t);
    const x = t % this.keepalive;
    let rankCursor = -1;
    let rankEnd = -1;
    for (;;) {
      let due = this.poolTicks.peek();
      if (due !== undefined && due.nextTick !== t) due = undefined;
      let candidatePool: Pool | undefined;
      for (let k = 0; k < this.callManagers.length; k++) {
        const candidates = this.openCandidates(this.callManagers[k]!);
        if (candidates === undefined) continue;
        if (rankEnd < 0) {
          rankEnd = this.order.firstRankAtOffset(x + 1);
          if (rankCursor < 0) rankCursor = this.order.firstRankAtOffset(x);
        }
        const rank = candidates.nextFrom(rankCursor);
        if (rank < 0 || rank >= rankEnd) continue;
        const pool = this.pools[this.poolOf[this.order.phoneAt(rank)]!]!;
        if (candidatePool === undefined || pool.index < candidatePool.index) candidatePool = pool;
      }
      let pool: Pool;
      if (due !== undefined && (candidatePool === undefined || due.index <= candidatePool.index)) {
        pool = due;
        this.poolTicks.pop();
        pool.nextTick = Infinity;
      } else if (candidatePool !== undefined) {
        pool = candidatePool;
      } else {
        break;
      }
      this.ticksDoneThrough = pool.index;
      ticker.runTicks(pool, t);
      // later candidates at this offset must come from later pools
      const last = firstPhoneAtOffset(pool, x + 1, this.keepalive) - 1;
      rankCursor = Math.max(rankCursor, this.order.rankOf(pool.base + last) + 1);
      this.markDirty(pool);
      this.flush(t);
    }
    this.ticksDoneThrough = Infinity;
    if (this.dirtyCount > 0) this.flush(t);
  }

  /** The first tick after `now` that would act: a pool's own, or a fallback candidate's where a queue place is open. */
  nextTickAfter(now: number): number {
    const pool = this.poolTicks.peek();
    const own = pool === undefined ? Infinity : pool.nextTick;
    const fallback = this.nextFallbackTick(now + 1);
    return fallback < own ? fallback : own;
  }

  /** A callmanager's fallback candidates when its fallback queue has a place for one of them. */
  private openCandidates(target: Target): PhoneIndexSet | undefined {
    const candidates = target.fallbackCandidates;
    return candidates === undefined || candidates.size === 0 || !target.hasFallbackPlace ? undefined : candidates;
  }

  // ---------------------------------------------------------------------------------------------
  // Keeping the sets: every change of a phone's state or of a pool's best target comes through here
  // ---------------------------------------------------------------------------------------------

  /** Puts the phone in the set its state calls for (after any change of its flags, registration or request). */
  categorize(phone: number, pool: Pool): void {
    let category: number;
    if ((this.flags[phone]! & SKIPS_TICKS) !== 0 || this.requestedAt[phone] !== NOWHERE) category = TICK_IDLE;
    else if (this.registeredAt[phone] === NOWHERE) category = TICK_RETRY;
    else category = stayingAt(this.registeredAt[phone]!);
    const previous = this.tickCategory[phone]!;
    if (previous === category) return;
    const index = phone - pool.base;
    if (previous === TICK_RETRY) {
      pool.retrying.delete(index);
      pool.unnoted.delete(index);
    } else if (previous >= TICK_STAY) pool.staying[positionOf(previous)]!.delete(index);
    if (category === TICK_RETRY) {
      pool.retrying.add(index);
      if (!this.refusals.isNoted(phone, this.cause[phone]!)) pool.unnoted.add(index);
    } else if (category >= TICK_STAY) pool.staying[positionOf(category)]!.add(index);
    this.tickCategory[phone] = category;
    // the pool's own schedule covers retrying phones and phones on an srst router (see nextActingTick)
    if (this.concernsPoolSchedule(pool, previous) || this.concernsPoolSchedule(pool, category)) this.markDirty(pool);
    if (category < TICK_STAY && this.candidateOf[phone] === -1) return;
    const candidateFor = category >= TICK_STAY ? this.fallbackTargetOf(pool, positionOf(category), pool.best, pool.monitorPassed) : -1;
    if (candidateFor !== this.candidateOf[phone]) this.moveCandidate(phone, candidateFor);
  }

  /** Something that decides the pool's best target or its ticks changed: look again before the next tick. */
  markDirty(pool: Pool): void {
    if (pool.dirty) return;
    pool.dirty = true;
    this.dirtyPools[this.dirtyCount++] = pool;
  }

  /** A target's availability or room changed: every pool that lists it must look again. */
  markPoolsOf(target: Target): void {
    for (const pool of target.pools) this.markDirty(pool);
  }

  private concernsPoolSchedule(pool: Pool, category: number): boolean {
    return category === TICK_RETRY || (category >= TICK_STAY && pool.preference[positionOf(category)]!.isSrst);
  }

  /** Which target's fallback candidates a phone in service on `position` belongs to, or −1. */
  private fallbackTargetOf(pool: Pool, position: number, best: number, monitorPassed: boolean): number {
    if (best === NOWHERE || best >= position) return -1;
    if (pool.preference[position]!.isSrst && !monitorPassed) return -1;
    return pool.preference[best]!.index;
  }

  private moveCandidate(phone: number, target: number): void {
    const rank = this.order.rankOf(phone);
    const previous = this.candidateOf[phone]!;
    if (previous >= 0) this.targets[previous]!.fallbackCandidates!.delete(rank);
    if (target >= 0) {
      const into = this.targets[target]!;
      (into.fallbackCandidates ??= new PhoneIndexSet(this.order.size)).add(rank);
    }
    this.candidateOf[phone] = target;
  }

  /** The pool's best target or its monitor changed: re-sort its phones in service. */
  private refreshCandidates(pool: Pool, best: number, monitorPassed: boolean): void {
    for (let position = 0; position < pool.preference.length; position++) {
      const before = this.fallbackTargetOf(pool, position, pool.best, pool.monitorPassed);
      const after = this.fallbackTargetOf(pool, position, best, monitorPassed);
      if (before === after) continue;
      const set = pool.staying[position]!;
      for (let index = set.nextFrom(0); index >= 0; index = set.nextFrom(index + 1)) {
        const phone = pool.base + index;
        if (this.candidateOf[phone] !== after) this.moveCandidate(phone, after);
      }
    }
    pool.best = best;
    pool.monitorPassed = monitorPassed;
  }

  /** Works out the best target, the fallback candidates and the next acting tick of every marked pool. */
  private flush(now: number): void {
    const dirty = this.dirtyPools;
    for (let k = 0; k < this.dirtyCount; k++) {
      const pool = dirty[k]!;
      pool.dirty = false;
      const from = pool.index > this.ticksDoneThrough ? now : now + 1;
      const best = bestPosition(pool);
      pool.blockedByFull = best === NOWHERE && passedFullTarget(pool, best);
      const monitorPassed = best !== NOWHERE && from >= monitorEndsAt(pool.preference[best]!, pool);
      if (best !== pool.best || monitorPassed !== pool.monitorPassed) this.refreshCandidates(pool, best, monitorPassed);
      const next = this.nextActingTick(pool, from);
      if (next !== pool.nextTick) {
        pool.nextTick = next;
        if (next !== Infinity) this.poolTicks.push(next, pool.index);
      }
    }
    this.dirtyCount = 0;
  }

  // ---------------------------------------------------------------------------------------------
  // When the next tick that acts comes
  // ---------------------------------------------------------------------------------------------

  /** The first tick ≥ from of any phone in the set. */
  private nextTickIn(pool: Pool, set: PhoneIndexSet, from: number): number {
    const x = from % this.keepalive;
    const periodStart = from - x;
    const first = firstPhoneAtOffset(pool, x, this.keepalive);
    if (first < pool.phones) {
      const index = set.nextFrom(first);
      if (index >= 0) return periodStart + tickOffset(pool, index, this.keepalive);
    }
    const index = set.nextFrom(0);
    return index < 0 ? Infinity : periodStart + this.keepalive + tickOffset(pool, index, this.keepalive);
  }

  /**
   * The first tick ≥ from at which the pool itself must be looked at: a phone out of service that
   * would request its best target, or a phone on an srst router whose connection monitor is still
   * running (the first tick after it ends; from then on it is a fallback candidate). Fallbacks of
   * candidates are scheduled through their target instead (nextFallbackTick).
   */
  private nextActingTick(pool: Pool, from: number): number {
    const best = pool.best;
    // No best target: nothing a tick could do, except turn away phones because of a full target.
    if (best === NOWHERE) return pool.blockedByFull && pool.unnoted.size > 0 ? this.nextTickIn(pool, pool.unnoted, from) : Infinity;
    let next = pool.retrying.size > 0 ? this.nextTickIn(pool, pool.retrying, from) : Infinity;
    if (!pool.monitorPassed) {
      const monitorEnds = monitorEndsAt(pool.preference[best]!, pool);
      for (let position = best + 1; position < pool.preference.length; position++) {
        const set = pool.staying[position]!;
        if (set.size === 0 || !pool.preference[position]!.isSrst) continue;
        const tick = this.nextTickIn(pool, set, Math.max(from, monitorEnds));
        if (tick < next) next = tick;
      }
    }
    return next;
  }

  /** The first tick ≥ from of a fallback candidate of a target whose fallback queue has a place. */
  private nextFallbackTick(from: number): number {
    let next = Infinity;
    const x = from % this.keepalive;
    const periodStart = from - x;
    let firstRank = -1;
    for (let k = 0; k < this.callManagers.length; k++) {
      const candidates = this.openCandidates(this.callManagers[k]!);
      if (candidates === undefined) continue;
      const order = this.order;
      if (firstRank < 0) firstRank = order.firstRankAtOffset(x);
      let rank = candidates.nextFrom(firstRank);
      let tick = rank >= 0 ? periodStart + order.offsetAt(rank) : Infinity;
      if (rank < 0) {
        rank = candidates.nextFrom(0);
        tick = periodStart + this.keepalive + order.offsetAt(rank);
      }
      if (tick < next) next = tick;
    }
    return next;
  }
}
