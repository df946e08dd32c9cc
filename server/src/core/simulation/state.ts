// What a run knows of its targets, device pools and phones, and SIMULATION.md's "Availability,
// room, best target" and "Keepalive ticks" as small functions over it: the vocabulary that the
// engine (engine.ts), its tick shortcut (tickSets.ts) and its findings (refusals.ts) share.

import type { SimPool, SimTarget } from './model';
import { PhoneIndexSet } from './phoneIndexSet';
import { RegistrationQueue, ceilDivide, floorDivide } from './registrationQueue';

/** No registration and no request: preference positions are 0 … 254. */
export const NOWHERE = 255;

// Phone flags, one byte per phone.
export const IN_CALL = 1;
/** Lost its registration and has not detected it yet: its ticks do nothing until then. */
export const DETECTION_PENDING = 2;
/** Reset while in a call: boots when the call ends. */
export const RESET_AT_CALL_END = 4;
export const BOOTING = 8;
/** Its pending request holds a place in the target's fallback queue. */
export const FALLING_BACK = 16;
/** Has had an outage longer than 0 (counted once in `affectedPhones`). */
export const AFFECTED = 32;
/** A phone with any of these does nothing at its ticks: in a call, or waiting for a detection or a boot. */
export const SKIPS_TICKS = IN_CALL | DETECTION_PENDING | BOOTING;

export class Target {
  up = true;
  registered = 0;
  /** Phones whose fallback request to this callmanager is pending (at most fallbackQueueDepth). */
  fallbackQueue = 0;
  lastRecover = 0;
  peak = 0;
  peakAt = 0;
  /** Pools whose preference list holds this target, in pool order. */
  readonly pools: Pool[] = [];
  readonly queue: RegistrationQueue;
  /**
   * By tick rank: phones in service, idle, whose pool's best target this is and comes before
   * theirs (for a phone on an srst router, once the connection monitor has passed). A fallback
   * queue place opening goes to the first of them to tick.
   */
  fallbackCandidates: PhoneIndexSet | undefined;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly isSrst: boolean,
    readonly capacity: number,
    readonly rate: number,
    readonly fallbackQueueDepth: number,
  ) {
    this.queue = new RegistrationQueue(index, rate);
  }

  /** Registered + waiting in its registration queue < capacity. */
  get hasRoom(): boolean {
    return this.registered + this.queue.waiting < this.capacity;
  }

  /**
   * MaxPhonesFallBackQueueDepth: a phone may fall back to this target only while its fallback
   * queue holds fewer than Q phones. Srst routers have no fallback queue.
   */
  get hasFallbackPlace(): boolean {
    return this.isSrst || this.fallbackQueue < this.fallbackQueueDepth;
  }
}

export class Pool {
  isolated = false;
  /** The event that isolated the pool (its index), while it is isolated. */
  isolatedBy = -1;
  lastReconnect = 0;
  /** Phones per preference position, then unregistered (the last slot). */
  readonly counts: Int32Array;
  /** The counts in the last timeline row. */
  readonly recorded: Int32Array;
  /** Its counts changed this millisecond (the timeline looks at touched pools only). */
  touched = false;

  // Kept by tickSets.ts: which phones a tick could move, and when the next such tick comes.
  /** Phones that a tick would send to their best target (out of service, nothing pending). */
  readonly retrying: PhoneIndexSet;
  /**
   * Retrying phones not yet counted as turned away for their current cause: while a full target is
   * why the pool has no best target, their next tick turns them away (capacity-exceeded).
   */
  readonly unnoted: PhoneIndexSet;
  /** At the last look the pool had no best target because a target available to it was full. */
  blockedByFull = false;
  /** Per preference position: phones in service there that a tick may move. */
  readonly staying: PhoneIndexSet[];
  /** The next tick at which the pool's own sets (not its fallback candidates) have work. */
  nextTick = Infinity;
  /** Something changed since nextTick was worked out. */
  dirty = false;
  /** The best target as of the last look (NOWHERE: none), which decides fallback candidates. */
  best = NOWHERE;
  /** Whether the connection monitor towards `best` had passed at the last look. */
  monitorPassed = false;

  // The pool's figures. They turn from whole numbers into fractions during a run, which changes
  // the objects' hidden class: kept last, so that the change touches as few others as it can.
  maxOutage = 0;
  outageMs = 0;
  affected = 0;
  preservedCalls = 0;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly phones: number,
    /** Global index of the pool's phone 0. */
    readonly base: number,
    readonly preference: Target[],
    readonly connectionMonitorMs: number,
  ) {
    this.counts = new Int32Array(preference.length + 1);
    this.recorded = new Int32Array(preference.length + 1);
    this.retrying = new PhoneIndexSet(phones);
    this.unnoted = new PhoneIndexSet(phones);
    this.staying = preference.map(() => new PhoneIndexSet(phones));
  }

  /** The counts slot of phones out of service. */
  get unregistered(): number {
    return this.preference.length;
  }
}

/** The run's targets, in definition order; of two with one name the first wins. */
export function buildTargets(definitions: readonly SimTarget[]): Target[] {
  const targets: Target[] = [];
  const names = new Set<string>();
  for (const definition of definitions) {
    if (names.has(definition.name)) continue;
    names.add(definition.name);
    targets.push(
      new Target(
        targets.length,
        definition.name,
        definition.kind === 'srst',
        definition.capacity,
        Math.max(1, definition.registrationRate),
        Math.max(0, definition.fallbackQueueDepth),
      ),
    );
  }
  return targets;
}

/**
 * The run's pools, in definition order (of two with one name the first wins), their phones
 * numbered globally pool after pool; a target listed twice counts at its first place.
 */
export function buildPools(definitions: readonly SimPool[], targetByName: ReadonlyMap<string, Target>): Pool[] {
  const pools: Pool[] = [];
  const names = new Set<string>();
  let base = 0;
  for (const definition of definitions) {
    if (names.has(definition.name)) continue;
    names.add(definition.name);
    const preference: Target[] = [];
    for (const name of definition.preference) {
      const target = targetByName.get(name);
      if (target && !preference.includes(target) && preference.length < NOWHERE) preference.push(target);
    }
    const phones = phoneCount(definition);
    const pool = new Pool(pools.length, definition.name, phones, base, preference, Math.max(0, definition.connectionMonitorMs));
    base += phones;
    pools.push(pool);
    for (const target of preference) target.pools.push(pool);
  }
  return pools;
}

/** A pool's size as the engine takes it: a whole number of phones, none for anything else. */
export function phoneCount(pool: SimPool): number {
  const phones = Math.floor(pool.phones);
  return Number.isFinite(phones) && phones > 0 ? phones : 0;
}

// ---------------------------------------------------------------------------------------------
// Availability, room, best target
// ---------------------------------------------------------------------------------------------

/** A callmanager is available to a pool when it is up and the pool is not isolated; an srst router when it is up. */
export function isAvailable(target: Target, pool: Pool): boolean {
  return target.up && (target.isSrst || !pool.isolated);
}

/** The first preference position that is available and has room, or NOWHERE. */
export function bestPosition(pool: Pool): number {
  const preference = pool.preference;
  for (let position = 0; position < preference.length; position++) {
    const target = preference[position]!;
    if (isAvailable(target, pool) && target.hasRoom) return position;
  }
  return NOWHERE;
}

/**
 * Whether the search for the best target, ending at `best`, passed over a target that was
 * available but full: the phone asking is turned away by it (capacity-exceeded), even when a
 * later target takes it. Only asked when a phone actually asks, so the search stays cheap.
 */
export function passedFullTarget(pool: Pool, best: number): boolean {
  const preference = pool.preference;
  const end = best === NOWHERE ? preference.length : best;
  for (let position = 0; position < end; position++) {
    const target = preference[position]!;
    if (isAvailable(target, pool) && !target.hasRoom) return true;
  }
  return false;
}

/**
 * Connection monitor: a phone on an srst router may leave it for `target` at a tick at or after
 * this time, when the target has been available to the pool without a break for the pool's
 * connection-monitor (since the later of its last recover and the pool's last reconnect).
 */
export function monitorEndsAt(target: Target, pool: Pool): number {
  return Math.max(target.lastRecover, pool.lastReconnect) + pool.connectionMonitorMs;
}

// ---------------------------------------------------------------------------------------------
// Keepalive ticks: phone i of a pool of N ticks at floor(i·K/N) + k·K
// ---------------------------------------------------------------------------------------------

export function tickOffset(pool: Pool, index: number, keepalive: number): number {
  return floorDivide(index * keepalive, pool.phones);
}

/** The first phone of the pool whose offset is ≥ x (offsets rise with the index). */
export function firstPhoneAtOffset(pool: Pool, x: number, keepalive: number): number {
  return ceilDivide(x * pool.phones, keepalive);
}
