// The simulation engine: turns a resolved scenario into SIMULATION.md's millisecond-exact timeline
// (failover, fallback, preserved calls, resets) and the figures a run reports. Pure and
// deterministic; its work grows with phone state changes, not with simulated time or idle ticks.

import { Agenda, PhoneBatch, type AgendaSource } from './agenda';
import { checkExpectations, resolveCount } from './expectations';
import {
  callsNotPlacedFinding,
  capacityFinding,
  noEffectFinding,
  noServiceFinding,
  sizeLimitFinding,
  timeLimitFinding,
} from './findings';
import {
  DEFAULT_LIMITS,
  type Counts,
  type Finding,
  type PoolResult,
  type ScenarioResult,
  type SimEvent,
  type SimLimits,
  type SimOptions,
  type SimPool,
  type SimScenario,
  type TargetResult,
  type TimelineEntry,
} from './model';
import { PhoneIndexSet } from './phoneIndexSet';
import { RegistrationQueue, ceilDivide, floorDivide } from './registrationQueue';
import { TickOrder } from './tickOrder';
import { TimelineRecorder, keepRecorder, setOwn } from './timeline';

export function simulate(scenario: SimScenario, options: SimOptions = {}): ScenarioResult {
  const limits: SimLimits = {
    maxPhones: options.limits?.maxPhones ?? DEFAULT_LIMITS.maxPhones,
    maxTailMs: options.limits?.maxTailMs ?? DEFAULT_LIMITS.maxTailMs,
  };
  const totalPhones = scenario.pools.reduce((sum, pool) => sum + phoneCount(pool), 0);
  if (totalPhones > limits.maxPhones) return refusedForSize(scenario, totalPhones, limits.maxPhones);
  return new Simulation(scenario, limits, options.isCancelled).run();
}

/** No registration and no request: preference positions are 0 … 254. */
const NOWHERE = 255;

// Phone flags.
const IN_CALL = 1;
const DETECTION_PENDING = 2;
/** Detected its loss during a call: acts when the call ends. */
const DETECTED_IN_CALL = 4;
const RESET_AT_CALL_END = 8;
const BOOTING = 16;
/** Its pending request holds a place in the target's fallback queue. */
const FALLING_BACK = 32;
const AFFECTED = 64;

// What a phone's keepalive tick can do, which decides the pool set it sits in.
/** Nothing: in a call, or something (request, detection, boot) is pending. */
const TICK_IDLE = 0;
/** Out of service with nothing pending: requests its best target at a tick. */
const TICK_RETRY = 1;
/** TICK_STAY + j: in service on preference position j, may fall back to a better target. */
const TICK_STAY = 2;

const POLL_EVERY = 4096;

class Target {
  up = true;
  registered = 0;
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

  get hasRoom(): boolean {
    return this.registered + this.queue.waiting < this.capacity;
  }

  /** A fallback may join: srst routers have no fallback queue. */
  get takesFallback(): boolean {
    return this.isSrst || this.fallbackQueue < this.fallbackQueueDepth;
  }
}

class Pool {
  isolated = false;
  /** The event that isolated the pool (its index), while it is isolated. */
  isolatedBy = -1;
  lastReconnect = 0;
  /** Phones per preference position, then unregistered (the last slot). */
  readonly counts: Int32Array;
  /** The counts in the last timeline row. */
  readonly recorded: Int32Array;
  touched = false;
  /** Phones that a tick would send to their best target (TICK_RETRY). */
  readonly retrying: PhoneIndexSet;
  /**
   * Retrying phones not yet counted as turned away for their current cause: while a full target is
   * why the pool has no best target, their next tick turns them away (capacity-exceeded).
   */
  readonly unnoted: PhoneIndexSet;
  /** At the last look the pool had no best target because a target available to it was full. */
  blockedByFull = false;
  /** Per preference position: phones in service there that a tick may move (TICK_STAY + j). */
  readonly staying: PhoneIndexSet[];
  /** The next tick at which the pool's own sets (not its fallback candidates) have work. */
  nextTick = Infinity;
  /** Something changed since nextTick was worked out. */
  dirty = false;
  /** The best target as of the last look (NOWHERE: none), which decides fallback candidates. */
  best = NOWHERE;
  /** Whether the connection monitor towards `best` had passed at the last look. */
  monitorPassed = false;
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

  get unregistered(): number {
    return this.preference.length;
  }
}

interface OrderedEvent {
  readonly event: SimEvent;
  readonly at: number;
}

interface Refusal {
  readonly cause: number;
  readonly pool: Pool;
  phones: number;
  readonly targets: Set<Target>;
}

/**
 * One run. Per-phone state lives in typed arrays indexed by a global phone number (pools in
 * order, then phone index). Timed work (call ends, completions, detections, boots) waits in the
 * agenda as sorted runs. Keepalive ticks are never visited one by one: a phone sits in a set of
 * its pool by what its tick could do (retry, or fall back from position j), each pool keeps the
 * time of its next tick that would act, and phones waiting for a place in a callmanager's
 * fallback queue are also kept by tick rank on that callmanager, so the next one to tick is found
 * in a few word scans however many pools share it.
 */
class Simulation {
  private readonly keepalive: number;
  private readonly missedKeepalives: number;
  private readonly tcpRetry: number;
  private readonly resetTime: number;
  private readonly targets: Target[] = [];
  private readonly targetByName = new Map<string, Target>();
  private readonly pools: Pool[] = [];
  private readonly poolByName = new Map<string, Pool>();
  private readonly events: OrderedEvent[];
  private eventIndex = 0;
  private readonly limitTime: number;
  private limitHit = false;

  // Per phone (global index: pool order, then phone index).
  private readonly poolOf: Int32Array;
  private readonly registeredAt: Uint8Array;
  private readonly requestedAt: Uint8Array;
  private readonly requestSlot: Float64Array;
  private readonly flags: Uint8Array;
  private readonly tickCategory: Uint8Array;
  private readonly detectionAt: Float64Array;
  private readonly callEndAt: Float64Array;
  private readonly bootAt: Float64Array;
  /** Where the open outage stretch started; −1 when in service or in a preserved call. */
  private readonly outageStart: Float64Array;
  /** Index (in time order) of the last event that knocked the phone out; −1 for none. */
  private readonly cause: Int32Array;
  private readonly refusalMark: Int32Array;
  /** The target whose fallbackCandidates hold the phone, or −1. */
  private readonly candidateOf: Int32Array;
  private readonly tickOrder: TickOrder;
  private readonly callManagers: Target[];

  private readonly agenda = new Agenda();
  private readonly tickTimes: number[] = [];
  private readonly tickPools: number[] = [];
  private readonly dirtyPools: Pool[] = [];
  private dirtyCount = 0;
  private readonly touchedPools: Pool[] = [];
  private touchedCount = 0;
  private now = 0;
  /** Pools up to this index have had their ticks of `now` (step 5 runs pools in order). */
  private ticksDoneThrough = -1;
  private lastActivity = 0;
  private sequence = 0;
  private passedFullTarget = false;

  private readonly timeline: TimelineRecorder;
  /** `at T expect P on X` expectations by time, and what each saw (by position in the list). */
  private readonly countChecks: number[];
  private countCheckIndex = 0;
  private readonly countsSeen: number[];
  private readonly eventFindings: Finding[] = [];
  private readonly refusals = new Map<number, Refusal>();
  private work = 0;
  private nextPoll = POLL_EVERY;

  constructor(
    private readonly scenario: SimScenario,
    private readonly limits: SimLimits,
    private readonly isCancelled: (() => boolean) | undefined,
  ) {
    const settings = scenario.settings;
    this.keepalive = Math.max(1, Math.floor(settings.keepaliveMs));
    this.missedKeepalives = Math.max(1, Math.floor(settings.missedKeepalives));
    this.tcpRetry = Math.max(0, Math.floor(settings.tcpRetryMs));
    this.resetTime = Math.max(0, Math.floor(settings.resetTimeMs));

    for (const definition of scenario.targets) {
      if (this.targetByName.has(definition.name)) continue;
      const target = new Target(
        this.targets.length,
        definition.name,
        definition.kind === 'srst',
        definition.capacity,
        Math.max(1, definition.registrationRate),
        Math.max(0, definition.fallbackQueueDepth),
      );
      this.targets.push(target);
      this.targetByName.set(target.name, target);
    }

    let base = 0;
    for (const definition of scenario.pools) {
      if (this.poolByName.has(definition.name)) continue;
      const preference: Target[] = [];
      for (const name of definition.preference) {
        const target = this.targetByName.get(name);
        if (target && !preference.includes(target) && preference.length < NOWHERE) preference.push(target);
      }
      const phones = phoneCount(definition);
      const pool = new Pool(this.pools.length, definition.name, phones, base, preference, Math.max(0, definition.connectionMonitorMs));
      base += phones;
      this.pools.push(pool);
      this.poolByName.set(pool.name, pool);
      for (const target of preference) target.pools.push(pool);
    }

    this.events = scenario.events
      .filter((event) => Number.isFinite(event.at))
      .map((event) => ({ event, at: Math.max(0, Math.floor(event.at)) }))
      .sort((a, b) => a.at - b.at); // stable: file order within one time
    const lastEvent = this.events.length > 0 ? this.events[this.events.length - 1]!.at : 0;
    this.limitTime = lastEvent + Math.max(0, limits.maxTailMs);

    const total = base;
    this.poolOf = new Int32Array(total);
    for (const pool of this.pools) this.poolOf.fill(pool.index, pool.base, pool.base + pool.phones);
    this.registeredAt = new Uint8Array(total).fill(NOWHERE);
    this.requestedAt = new Uint8Array(total).fill(NOWHERE);
    this.requestSlot = new Float64Array(total);
    this.flags = new Uint8Array(total);
    this.tickCategory = new Uint8Array(total);
    this.detectionAt = new Float64Array(total);
    this.callEndAt = new Float64Array(total);
    this.bootAt = new Float64Array(total);
    this.outageStart = new Float64Array(total).fill(-1);
    this.cause = new Int32Array(total).fill(-1);
    this.refusalMark = new Int32Array(total);
    this.candidateOf = new Int32Array(total).fill(-1);
    this.tickOrder = new TickOrder(this.pools, total, this.keepalive, (pool, index) => this.offsetOf(this.pools[pool]!, index));
    this.callManagers = this.targets.filter((target) => !target.isSrst);

    this.timeline = new TimelineRecorder(
      this.pools.map((pool) => ({ name: pool.name, slotNames: [...pool.preference.map((target) => target.name), 'unregistered'] })),
    );
    this.countsSeen = scenario.expectations.map(() => 0);
    this.countChecks = scenario.expectations
      .map((expectation, index) => ({ expectation, index }))
      .filter(({ expectation }) => expectation.kind === 'on')
      .sort((a, b) => (a.expectation as { at: number }).at - (b.expectation as { at: number }).at)
      .map(({ index }) => index);
  }

  run(): ScenarioResult {
    this.placeAtStart();
    let t = 0;
    for (;;) {
      this.processMillisecond(t);
      if (this.shouldStop()) return this.finish(true);
      const next = this.nextTime();
      if (next > this.limitTime && next !== Infinity) this.limitHit = true;
      if (next === Infinity || this.limitHit) break;
      this.seeCountsBefore(next);
      t = next;
    }
    this.seeCountsBefore(Infinity);
    return this.finish(false);
  }

  /** Expectations at times before `next` see the state now: nothing changes in between. */
  private seeCountsBefore(next: number): void {
    const expectations = this.scenario.expectations;
    while (this.countCheckIndex < this.countChecks.length) {
      const index = this.countChecks[this.countCheckIndex]!;
      const expectation = expectations[index]!;
      if (expectation.kind !== 'on' || expectation.at >= next) return;
      const pool = this.poolByName.get(expectation.pool);
      let count = 0;
      if (pool !== undefined) {
        const position = expectation.target === 'unregistered' ? pool.unregistered : pool.preference.findIndex((target) => target.name === expectation.target);
        if (position >= 0) count = pool.counts[position]!;
      }
      this.countsSeen[index] = count;
      this.countCheckIndex++;
    }
  }

  private shouldStop(): boolean {
    this.work++;
    if (this.isCancelled === undefined || this.work < this.nextPoll) return false;
    this.nextPoll = this.work + POLL_EVERY;
    return this.isCancelled();
  }

  // ---------------------------------------------------------------------------------------------
  // Start: every phone on its best target, pool by pool, phone by phone, no queueing delay.
  // ---------------------------------------------------------------------------------------------

  private placeAtStart(): void {
    for (const pool of this.pools) {
      for (let index = 0; index < pool.phones; index++) {
        const phone = pool.base + index;
        const position = this.bestPosition(pool);
        if (this.passedFullTarget) this.noteRefusal(phone, pool, position);
        if (position === NOWHERE) {
          pool.counts[pool.unregistered]!++;
          this.outageStart[phone] = 0;
        } else {
          pool.preference[position]!.registered++;
          pool.counts[position]!++;
          this.registeredAt[phone] = position;
        }
        this.categorize(phone, pool);
      }
      this.touch(pool);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // One millisecond, in SIMULATION.md's order.
  // ---------------------------------------------------------------------------------------------

  private processMillisecond(t: number): void {
    this.now = t;
    this.ticksDoneThrough = -1;

    // 1. scenario events, by time then file order
    while (this.eventIndex < this.events.length && this.events[this.eventIndex]!.at <= t) {
      this.applyEvent(this.events[this.eventIndex]!.event, this.eventIndex);
      this.eventIndex++;
    }

    // 2–4. call ends, registration completions, detections and boots (the agenda's order)
    for (;;) {
      const source = this.peekAgenda();
      if (source === undefined || source.time !== t) break;
      if (source instanceof RegistrationQueue) this.completeHead(source);
      else this.runBatchHead(source as PhoneBatch);
    }

    // 5. ticks
    this.runTicksAt(t);

    this.record(t);
  }

  /**
   * Step 5, pool by pool: pools due on their own schedule, and pools with a fallback candidate
   * ticking now (the ranks of one offset run pool by pool, then phone by phone).
   */
  private runTicksAt(t: number): void {
    if (this.dirtyCount > 0) this.flushDirtyPools();
    const x = t % this.keepalive;
    const order = this.tickOrder;
    let rankCursor = -1;
    let rankEnd = -1;
    for (;;) {
      let due = this.peekPoolTick();
      if (due !== undefined && due.nextTick !== t) due = undefined;
      let candidatePool: Pool | undefined;
      for (let k = 0; k < this.callManagers.length; k++) {
        const target = this.callManagers[k]!;
        const candidates = target.fallbackCandidates;
        if (candidates === undefined || candidates.size === 0 || !target.takesFallback) continue;
        if (rankEnd < 0) {
          rankEnd = order.firstRankAtOffset(x + 1);
          if (rankCursor < 0) rankCursor = order.firstRankAtOffset(x);
        }
        const rank = candidates.nextFrom(rankCursor);
        if (rank < 0 || rank >= rankEnd) continue;
        const pool = this.pools[this.poolOf[order.phoneAtRank[rank]!]!]!;
        if (candidatePool === undefined || pool.index < candidatePool.index) candidatePool = pool;
      }
      let pool: Pool;
      if (due !== undefined && (candidatePool === undefined || due.index <= candidatePool.index)) {
        pool = due;
        this.popPoolTick();
        pool.nextTick = Infinity;
      } else if (candidatePool !== undefined) {
        pool = candidatePool;
      } else {
        break;
      }
      this.ticksDoneThrough = pool.index;
      this.runTicks(pool, t);
      // later candidates at this offset must come from later pools
      const last = this.firstAtOffset(pool, x + 1) - 1;
      rankCursor = Math.max(rankCursor, order.rankOf[pool.base + last]! + 1);
      this.markDirty(pool);
      this.flushDirtyPools();
    }
    this.ticksDoneThrough = Infinity;
    if (this.dirtyCount > 0) this.flushDirtyPools();
  }

  private nextTime(): number {
    let next = Infinity;
    if (this.eventIndex < this.events.length) next = this.events[this.eventIndex]!.at;
    const source = this.peekAgenda();
    if (source !== undefined && source.time < next) next = source.time;
    const pool = this.peekPoolTick();
    if (pool !== undefined && pool.nextTick < next) next = pool.nextTick;
    const fallback = this.nextFallbackTick(this.now + 1);
    return fallback < next ? fallback : next;
  }

  // ---------------------------------------------------------------------------------------------
  // Agenda: skipping stale work at the head keeps every time it reports a real one.
  // ---------------------------------------------------------------------------------------------

  private peekAgenda(): AgendaSource | undefined {
    for (;;) {
      const source = this.agenda.top;
      if (source === undefined || this.headIsCurrent(source)) return source;
    }
  }

  /** True when the source's key is its real next piece of work; otherwise fixes it and says false. */
  private headIsCurrent(source: AgendaSource): boolean {
    if (source instanceof RegistrationQueue) {
      const { time, sequence } = source;
      if (!source.settleHead()) {
        this.agenda.remove(source);
        return false;
      }
      if (source.time === time && source.sequence === sequence) return true;
      this.agenda.update(source);
      return false;
    }
    const batch = source as PhoneBatch;
    const start = batch.position;
    while (!batch.exhausted && !this.isDue(batch, batch.position)) batch.position++;
    if (batch.exhausted) {
      this.agenda.remove(batch);
      return false;
    }
    if (batch.position === start) return true;
    batch.refreshKey();
    this.agenda.update(batch);
    return false;
  }

  private isDue(batch: PhoneBatch, position: number): boolean {
    const phone = batch.phones[position]!;
    const time = batch.timeAt(position);
    const flags = this.flags[phone]!;
    switch (batch.work) {
      case 'callEnd':
        return (flags & IN_CALL) !== 0 && this.callEndAt[phone] === time;
      case 'detection':
        return (flags & DETECTION_PENDING) !== 0 && this.detectionAt[phone] === time;
      case 'boot':
        return (flags & BOOTING) !== 0 && this.bootAt[phone] === time;
    }
  }

  private schedule(batch: PhoneBatch): void {
    if (batch.phones.length === 0) return;
    batch.refreshKey();
    this.agenda.update(batch);
  }

  private runBatchHead(batch: PhoneBatch): void {
    const phone = batch.phones[batch.position]!;
    batch.position++;
    if (batch.exhausted) this.agenda.remove(batch);
    else {
      batch.refreshKey();
      this.agenda.update(batch);
    }
    switch (batch.work) {
      case 'callEnd':
        this.callEnds(phone);
        break;
      case 'detection':
        this.detects(phone);
        break;
      case 'boot':
        this.boots(phone);
        break;
    }
  }

  private completeHead(queue: RegistrationQueue): void {
    const target = this.targets[queue.target]!;
    const hadRoom = target.hasRoom;
    const phone = queue.takeHead();
    if (queue.settleHead()) this.agenda.update(queue);
    else this.agenda.remove(queue);
    this.completeRegistration(target, phone, hadRoom);
  }

  // ---------------------------------------------------------------------------------------------
  // Targets, room and the best target
  // ---------------------------------------------------------------------------------------------

  private isAvailable(target: Target, pool: Pool): boolean {
    return target.up && (target.isSrst || !pool.isolated);
  }

  /** The first available target with room, or NOWHERE; notes whether a full one was passed over. */
  private bestPosition(pool: Pool): number {
    this.passedFullTarget = false;
    const preference = pool.preference;
    for (let position = 0; position < preference.length; position++) {
      const target = preference[position]!;
      if (!target.up || (pool.isolated && !target.isSrst)) continue;
      if (target.hasRoom) return position;
      this.passedFullTarget = true;
    }
    return NOWHERE;
  }

  /** A target's room decides best targets: pools using it must look again when it flips. */
  private roomChanged(target: Target, hadRoom: boolean): void {
    if (target.hasRoom !== hadRoom) this.markPoolsOf(target);
  }

  // A fallback queue filling or emptying concerns no pool's own schedule: its candidates are
  // found through target.fallbackCandidates.
  private leaveFallbackQueue(target: Target): void {
    target.fallbackQueue--;
  }

  private joinFallbackQueue(target: Target): void {
    target.fallbackQueue++;
  }

  private markPoolsOf(target: Target): void {
    for (const pool of target.pools) this.markDirty(pool);
  }

  // ---------------------------------------------------------------------------------------------
  // Phone transitions
  // ---------------------------------------------------------------------------------------------

  /** Asks for the best target (or stays out of service, retrying at ticks). */
  private requestBest(phone: number, pool: Pool): void {
    const position = this.bestPosition(pool);
    if (this.passedFullTarget) this.noteRefusal(phone, pool, position);
    if (position === NOWHERE) this.categorize(phone, pool);
    else this.request(phone, pool, position, false);
  }

  private request(phone: number, pool: Pool, position: number, fallback: boolean): void {
    const target = pool.preference[position]!;
    const hadRoom = target.hasRoom;
    const queue = target.queue;
    this.requestSlot[phone] = queue.enqueue(phone, this.now, this.sequence++);
    this.requestedAt[phone] = position;
    if (fallback) {
      this.flags[phone]! |= FALLING_BACK;
      this.joinFallbackQueue(target);
    }
    this.roomChanged(target, hadRoom);
    if (queue.heapIndex < 0) {
      queue.settleHead();
      this.agenda.update(queue);
    }
    this.lastActivity = this.now;
    this.categorize(phone, pool);
  }

  private completeRegistration(target: Target, phone: number, hadRoom: boolean): void {
    const pool = this.pools[this.poolOf[phone]!]!;
    const position = this.requestedAt[phone]!;
    this.requestedAt[phone] = NOWHERE;
    this.lastActivity = this.now;
    if ((this.flags[phone]! & FALLING_BACK) !== 0) {
      this.flags[phone]! &= ~FALLING_BACK;
      this.leaveFallbackQueue(target);
    }
    if (!this.isAvailable(target, pool)) {
      // Refused because the pool was isolated meanwhile (a failed target flushes its queue at once):
      // for a phone out of service, the isolation is now what keeps it there.
      if (this.registeredAt[phone] === NOWHERE && (this.flags[phone]! & DETECTION_PENDING) === 0 && pool.isolated) this.cause[phone] = pool.isolatedBy;
      this.roomChanged(target, hadRoom);
      this.afterFailedRequest(phone, pool);
      return;
    }
    const current = this.registeredAt[phone]!;
    if (current !== NOWHERE) {
      // a fallback: the phone moves and its old target has one phone less
      const previous = pool.preference[current]!;
      const previousHadRoom = previous.hasRoom;
      previous.registered--;
      this.roomChanged(previous, previousHadRoom);
      pool.counts[current]!--;
    } else {
      pool.counts[pool.unregistered]!--;
      this.endOutage(phone, pool);
      this.flags[phone]! &= ~DETECTION_PENDING; // regained service before its detection
    }
    target.registered++;
    this.roomChanged(target, hadRoom);
    pool.counts[position]!++;
    this.registeredAt[phone] = position;
    this.touch(pool);
    this.categorize(phone, pool);
  }

  /** The request is gone (accounting done); what the phone does next. */
  private afterFailedRequest(phone: number, pool: Pool): void {
    if (this.registeredAt[phone] !== NOWHERE || (this.flags[phone]! & DETECTION_PENDING) !== 0) {
      // a phone falling back stays where it is; one that has not detected its loss waits
      this.categorize(phone, pool);
    } else {
      this.requestBest(phone, pool);
    }
  }

  private abandonRequest(phone: number, pool: Pool): void {
    const target = pool.preference[this.requestedAt[phone]!]!;
    const hadRoom = target.hasRoom;
    target.queue.abandon(this.requestSlot[phone]!);
    this.requestedAt[phone] = NOWHERE;
    if ((this.flags[phone]! & FALLING_BACK) !== 0) {
      this.flags[phone]! &= ~FALLING_BACK;
      this.leaveFallbackQueue(target);
    }
    this.roomChanged(target, hadRoom);
  }

  /** Takes the phone off its target and counts it unregistered. */
  private unregister(phone: number, pool: Pool): void {
    const position = this.registeredAt[phone]!;
    const target = pool.preference[position]!;
    const hadRoom = target.hasRoom;
    target.registered--;
    this.roomChanged(target, hadRoom);
    pool.counts[position]!--;
    pool.counts[pool.unregistered]!++;
    this.touch(pool);
    this.registeredAt[phone] = NOWHERE;
  }

  private loseRegistration(phone: number, pool: Pool, detectionTime: number, cause: number): void {
    this.unregister(phone, pool);
    if ((this.flags[phone]! & IN_CALL) !== 0) pool.preservedCalls++;
    else this.outageStart[phone] = this.now;
    this.flags[phone]! |= DETECTION_PENDING;
    this.detectionAt[phone] = detectionTime;
    this.cause[phone] = cause;
    this.categorize(phone, pool);
  }

  /** Unregisters a phone that is not in a call and starts its boot. */
  private resetIdlePhone(phone: number, pool: Pool): void {
    if (this.registeredAt[phone] !== NOWHERE) {
      this.unregister(phone, pool);
      this.outageStart[phone] = this.now;
    } else if (this.outageStart[phone]! < 0) {
      this.outageStart[phone] = this.now; // a preserved call that just ended
    }
    if (this.requestedAt[phone] !== NOWHERE) this.abandonRequest(phone, pool);
    this.flags[phone] = (this.flags[phone]! & ~(DETECTION_PENDING | DETECTED_IN_CALL)) | BOOTING;
    this.bootAt[phone] = this.now + this.resetTime;
    this.categorize(phone, pool);
  }

  private endOutage(phone: number, pool: Pool): void {
    const start = this.outageStart[phone]!;
    if (start < 0) return;
    this.outageStart[phone] = -1;
    this.addOutage(phone, pool, this.now - start);
  }

  private addOutage(phone: number, pool: Pool, length: number): void {
    pool.outageMs += length;
    if (length > pool.maxOutage) pool.maxOutage = length;
    if (length > 0 && (this.flags[phone]! & AFFECTED) === 0) {
      this.flags[phone]! |= AFFECTED;
      pool.affected++;
    }
  }

  private callEnds(phone: number): void {
    const pool = this.pools[this.poolOf[phone]!]!;
    const flags = this.flags[phone]! & ~IN_CALL;
    this.flags[phone] = flags;
    this.lastActivity = this.now;
    if ((flags & RESET_AT_CALL_END) !== 0) {
      this.flags[phone] = flags & ~RESET_AT_CALL_END;
      this.resetIdlePhone(phone, pool);
      this.schedule(new PhoneBatch('boot', Int32Array.of(phone), undefined, this.bootAt[phone]!));
      return;
    }
    if (this.registeredAt[phone] !== NOWHERE) {
      this.categorize(phone, pool);
      return;
    }
    this.outageStart[phone] = this.now; // a preserved call's outage counts from its end
    if ((flags & DETECTION_PENDING) !== 0) {
      this.categorize(phone, pool);
      return;
    }
    this.flags[phone] = flags & ~DETECTED_IN_CALL;
    this.requestBest(phone, pool);
  }

  private detects(phone: number): void {
    const pool = this.pools[this.poolOf[phone]!]!;
    const flags = this.flags[phone]! & ~DETECTION_PENDING;
    this.flags[phone] = flags;
    this.lastActivity = this.now;
    if ((flags & IN_CALL) !== 0) this.flags[phone] = flags | DETECTED_IN_CALL;
    else if (this.requestedAt[phone] !== NOWHERE) this.categorize(phone, pool); // never a second request
    else this.requestBest(phone, pool);
  }

  private boots(phone: number): void {
    const pool = this.pools[this.poolOf[phone]!]!;
    this.flags[phone]! &= ~BOOTING;
    this.lastActivity = this.now;
    this.requestBest(phone, pool);
  }

  // ---------------------------------------------------------------------------------------------
  // Tick sets: which phones a tick could move, and when the next such tick comes
  // ---------------------------------------------------------------------------------------------

  private categorize(phone: number, pool: Pool): void {
    const flags = this.flags[phone]!;
    let category: number;
    if ((flags & (IN_CALL | DETECTION_PENDING | BOOTING)) !== 0 || this.requestedAt[phone] !== NOWHERE) category = TICK_IDLE;
    else if (this.registeredAt[phone] === NOWHERE) category = TICK_RETRY;
    else category = TICK_STAY + this.registeredAt[phone]!;
    const previous = this.tickCategory[phone]!;
    if (previous === category) return;
    const index = phone - pool.base;
    if (previous === TICK_RETRY) {
      pool.retrying.delete(index);
      pool.unnoted.delete(index);
    } else if (previous >= TICK_STAY) pool.staying[previous - TICK_STAY]!.delete(index);
    if (category === TICK_RETRY) {
      pool.retrying.add(index);
      if (this.refusalMark[phone] !== this.cause[phone]! + 2) pool.unnoted.add(index);
    } else if (category >= TICK_STAY) pool.staying[category - TICK_STAY]!.add(index);
    this.tickCategory[phone] = category;
    // the pool's own schedule covers retrying phones and phones on an srst router (see nextActingTick)
    if (this.concernsPoolSchedule(pool, previous) || this.concernsPoolSchedule(pool, category)) this.markDirty(pool);
    if (category < TICK_STAY && this.candidateOf[phone] === -1) return;
    const candidateFor = category >= TICK_STAY ? this.fallbackTargetOf(pool, category - TICK_STAY, pool.best, pool.monitorPassed) : -1;
    if (candidateFor !== this.candidateOf[phone]) this.moveCandidate(phone, candidateFor);
  }

  private concernsPoolSchedule(pool: Pool, category: number): boolean {
    return category === TICK_RETRY || (category >= TICK_STAY && pool.preference[category - TICK_STAY]!.isSrst);
  }

  /** Which target's fallback candidates a phone in service on `position` belongs to, or −1. */
  private fallbackTargetOf(pool: Pool, position: number, best: number, monitorPassed: boolean): number {
    if (best === NOWHERE || best >= position) return -1;
    if (pool.preference[position]!.isSrst && !monitorPassed) return -1;
    return pool.preference[best]!.index;
  }

  private moveCandidate(phone: number, target: number): void {
    const rank = this.tickOrder.rankOf[phone]!;
    const previous = this.candidateOf[phone]!;
    if (previous >= 0) this.targets[previous]!.fallbackCandidates!.delete(rank);
    if (target >= 0) {
      const into = this.targets[target]!;
      (into.fallbackCandidates ??= new PhoneIndexSet(this.tickOrder.rankOf.length)).add(rank);
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

  private markDirty(pool: Pool): void {
    if (pool.dirty) return;
    pool.dirty = true;
    this.dirtyPools[this.dirtyCount++] = pool;
  }

  private flushDirtyPools(): void {
    const dirty = this.dirtyPools;
    for (let k = 0; k < this.dirtyCount; k++) {
      const pool = dirty[k]!;
      pool.dirty = false;
      const from = pool.index > this.ticksDoneThrough ? this.now : this.now + 1;
      const best = this.bestPosition(pool);
      pool.blockedByFull = best === NOWHERE && this.passedFullTarget;
      const monitorPassed = best !== NOWHERE && from >= this.availableSince(pool.preference[best]!, pool) + pool.connectionMonitorMs;
      if (best !== pool.best || monitorPassed !== pool.monitorPassed) this.refreshCandidates(pool, best, monitorPassed);
      const next = this.nextActingTick(pool, from);
      if (next !== pool.nextTick) {
        pool.nextTick = next;
        if (next !== Infinity) this.pushPoolTick(next, pool.index);
      }
    }
    this.dirtyCount = 0;
  }

  private offsetOf(pool: Pool, index: number): number {
    return floorDivide(index * this.keepalive, pool.phones);
  }

  /** The first phone whose offset is ≥ x (offsets rise with the index). */
  private firstAtOffset(pool: Pool, x: number): number {
    return ceilDivide(x * pool.phones, this.keepalive);
  }

  /** The first tick ≥ from of any phone in the set. */
  private nextTickIn(pool: Pool, set: PhoneIndexSet, from: number): number {
    const x = from % this.keepalive;
    const periodStart = from - x;
    const first = this.firstAtOffset(pool, x);
    if (first < pool.phones) {
      const index = set.nextFrom(first);
      if (index >= 0) return periodStart + this.offsetOf(pool, index);
    }
    const index = set.nextFrom(0);
    return index < 0 ? Infinity : periodStart + this.keepalive + this.offsetOf(pool, index);
  }

  /** Since when X has been available to the pool without a break (for the connection monitor). */
  private availableSince(target: Target, pool: Pool): number {
    return Math.max(target.lastRecover, pool.lastReconnect);
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
      const monitorEnds = this.availableSince(pool.preference[best]!, pool) + pool.connectionMonitorMs;
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
    const order = this.tickOrder;
    const x = from % this.keepalive;
    const periodStart = from - x;
    let firstRank = -1;
    for (let k = 0; k < this.callManagers.length; k++) {
      const target = this.callManagers[k]!;
      const candidates = target.fallbackCandidates;
      if (candidates === undefined || candidates.size === 0 || !target.takesFallback) continue;
      if (firstRank < 0) firstRank = order.firstRankAtOffset(x);
      let rank = candidates.nextFrom(firstRank);
      let tick = rank >= 0 ? periodStart + order.offsetAtRank[rank]! : Infinity;
      if (rank < 0) {
        rank = candidates.nextFrom(0);
        tick = periodStart + this.keepalive + order.offsetAtRank[rank]!;
      }
      if (tick < next) next = tick;
    }
    return next;
  }

  /** Step 5 for one pool: the phones ticking at t, in index order, each seeing the state so far. */
  private runTicks(pool: Pool, t: number): void {
    const x = t % this.keepalive;
    const last = this.firstAtOffset(pool, x + 1) - 1;
    let cursor = this.firstAtOffset(pool, x);
    while (cursor <= last) {
      const best = this.bestPosition(pool);
      if (best === NOWHERE) {
        // The out-of-service phones ticking now ask in vain: when a full target is why, they are
        // turned away (each counted once per cause, however many ticks it takes).
        if (this.passedFullTarget && pool.unnoted.size > 0) {
          for (let index = pool.unnoted.nextFrom(cursor); index >= 0 && index <= last; index = pool.unnoted.nextFrom(index + 1)) {
            this.noteRefusal(pool.base + index, pool, NOWHERE);
          }
        }
        return;
      }
      let pick = -1;
      let fallback = false;
      if (pool.retrying.size > 0) {
        const index = pool.retrying.nextFrom(cursor);
        if (index >= 0 && index <= last) pick = index;
      }
      const target = pool.preference[best]!;
      if (target.takesFallback) {
        const monitorEnds = this.availableSince(target, pool) + pool.connectionMonitorMs;
        for (let position = best + 1; position < pool.preference.length; position++) {
          const set = pool.staying[position]!;
          if (set.size === 0) continue;
          if (pool.preference[position]!.isSrst && t < monitorEnds) continue;
          const index = set.nextFrom(cursor);
          if (index >= 0 && index <= last && (pick < 0 || index < pick)) {
            pick = index;
            fallback = true;
          }
        }
      }
      if (pick < 0) return;
      const phone = pool.base + pick;
      if (fallback) this.request(phone, pool, best, true);
      else this.requestBest(phone, pool);
      cursor = pick + 1;
    }
  }

  private pushPoolTick(time: number, poolIndex: number): void {
    const times = this.tickTimes;
    const pools = this.tickPools;
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

  private popPoolTick(): void {
    const times = this.tickTimes;
    const pools = this.tickPools;
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

  /** The pool with the earliest acting tick, dropping entries made stale by later changes. */
  private peekPoolTick(): Pool | undefined {
    while (this.tickTimes.length > 0) {
      const pool = this.pools[this.tickPools[0]!]!;
      if (pool.nextTick === this.tickTimes[0]) return pool;
      this.popPoolTick();
    }
    return undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Scenario events
  // ---------------------------------------------------------------------------------------------

  private applyEvent(event: SimEvent, order: number): void {
    switch (event.kind) {
      case 'stop':
      case 'crash':
      case 'hang': {
        const target = this.targetByName.get(event.target);
        if (target === undefined) return;
        if (!target.up) this.noEffect(event, `${target.name} is already down`);
        else this.failTarget(target, event.kind, order);
        return;
      }
      case 'recover': {
        const target = this.targetByName.get(event.target);
        if (target === undefined) return;
        if (target.up) this.noEffect(event, `${target.name} is already up`);
        else this.recoverTarget(target);
        return;
      }
      case 'isolate': {
        const pool = this.poolByName.get(event.pool);
        if (pool === undefined) return;
        if (pool.isolated) this.noEffect(event, `${pool.name} is already isolated`);
        else this.isolatePool(pool, order);
        return;
      }
      case 'reconnect': {
        const pool = this.poolByName.get(event.pool);
        if (pool === undefined) return;
        if (!pool.isolated) this.noEffect(event, `${pool.name} is not isolated`);
        else this.reconnectPool(pool);
        return;
      }
      case 'calls': {
        const pool = this.poolByName.get(event.pool);
        if (pool !== undefined) this.placeCalls(pool, event);
        return;
      }
      case 'reset': {
        const pool = this.poolByName.get(event.pool);
        if (pool !== undefined) this.resetPool(pool, order);
        return;
      }
    }
  }

  private noEffect(event: SimEvent, why: string): void {
    this.eventFindings.push(noEffectFinding(event, why));
  }

  private failTarget(target: Target, kind: 'stop' | 'crash' | 'hang', cause: number): void {
    target.up = false;
    this.markPoolsOf(target);
    for (const pool of target.pools) {
      const lost = pool.preference.map((candidate) => candidate === target);
      this.loseRegistrations(pool, lost, kind, cause);
    }
    const waiting = target.queue.drain();
    this.agenda.remove(target.queue);
    for (const phone of waiting) {
      const pool = this.pools[this.poolOf[phone]!]!;
      this.requestedAt[phone] = NOWHERE;
      if ((this.flags[phone]! & FALLING_BACK) !== 0) {
        this.flags[phone]! &= ~FALLING_BACK;
        this.leaveFallbackQueue(target);
      }
      if (this.registeredAt[phone] === NOWHERE && (this.flags[phone]! & DETECTION_PENDING) === 0) this.cause[phone] = cause;
      this.afterFailedRequest(phone, pool);
    }
  }

  /**
   * The pool's phones registered at a `lost` position lose service now and detect it later:
   * a stop at once, a crash or an isolation at their first tick ≥ now plus tcp-retry, a hang at
   * that tick plus (missed-keepalives − 1) keepalives.
   */
  private loseRegistrations(pool: Pool, lost: boolean[], kind: 'stop' | 'crash' | 'hang', cause: number): void {
    const n = pool.phones;
    if (n === 0) return;
    const registeredAt = this.registeredAt;
    const x = this.now % this.keepalive;
    const periodStart = this.now - x;
    // Detections come in tick order: phones with offset ≥ x this period, then the rest.
    const first = kind === 'stop' ? 0 : Math.min(n, this.firstAtOffset(pool, x));
    const delay = kind === 'crash' ? this.tcpRetry : kind === 'hang' ? (this.missedKeepalives - 1) * this.keepalive : 0;
    let count = 0;
    for (let index = 0; index < n; index++) {
      const position = registeredAt[pool.base + index]!;
      if (position !== NOWHERE && lost[position]) count++;
    }
    if (count === 0) return;
    const phones = new Int32Array(count);
    const times = kind === 'stop' ? undefined : new Float64Array(count);
    let k = 0;
    for (let step = 0; step < n; step++) {
      const index = step + first < n ? step + first : step + first - n;
      const phone = pool.base + index;
      const position = registeredAt[phone]!;
      if (position === NOWHERE || !lost[position]) continue;
      let detection = this.now;
      if (times !== undefined) {
        const offset = this.offsetOf(pool, index);
        detection = (index >= first ? periodStart + offset : periodStart + this.keepalive + offset) + delay;
        times[k] = detection;
      }
      phones[k++] = phone;
      this.loseRegistration(phone, pool, detection, cause);
    }
    this.schedule(new PhoneBatch('detection', phones, times, this.now));
  }

  private recoverTarget(target: Target): void {
    target.up = true;
    target.queue.free = this.now * target.rate;
    target.lastRecover = this.now;
    this.markPoolsOf(target);
  }

  private isolatePool(pool: Pool, cause: number): void {
    pool.isolated = true;
    pool.isolatedBy = cause;
    this.markDirty(pool);
    const lost = pool.preference.map((target) => !target.isSrst);
    this.loseRegistrations(pool, lost, 'crash', cause);
  }

  private reconnectPool(pool: Pool): void {
    pool.isolated = false;
    pool.lastReconnect = this.now;
    this.markDirty(pool);
  }

  private placeCalls(pool: Pool, event: Extract<SimEvent, { kind: 'calls' }>): void {
    const wanted = Math.max(0, Math.floor(resolveCount(event.count, pool.phones)));
    if (wanted === 0) return;
    const end = this.now + Math.max(0, Math.floor(event.durationMs));
    const placed: number[] = [];
    for (let index = 0; index < pool.phones && placed.length < wanted; index++) {
      const phone = pool.base + index;
      // in service, idle, and not waiting in a fallback queue (an in-service phone's only request)
      if (this.registeredAt[phone] === NOWHERE || (this.flags[phone]! & IN_CALL) !== 0 || this.requestedAt[phone] !== NOWHERE) continue;
      this.flags[phone]! |= IN_CALL;
      this.callEndAt[phone] = end;
      this.categorize(phone, pool);
      placed.push(phone);
    }
    this.schedule(new PhoneBatch('callEnd', Int32Array.from(placed), undefined, end));
    if (placed.length < wanted) this.eventFindings.push(callsNotPlacedFinding(event, placed.length, wanted));
  }

  private resetPool(pool: Pool, cause: number): void {
    const booting: number[] = [];
    for (let index = 0; index < pool.phones; index++) {
      const phone = pool.base + index;
      this.cause[phone] = cause;
      if ((this.flags[phone]! & IN_CALL) !== 0) {
        this.flags[phone]! |= RESET_AT_CALL_END;
      } else {
        this.resetIdlePhone(phone, pool);
        booting.push(phone);
      }
    }
    this.schedule(new PhoneBatch('boot', Int32Array.from(booting), undefined, this.now + this.resetTime));
  }

  // ---------------------------------------------------------------------------------------------
  // Findings about refused phones
  // ---------------------------------------------------------------------------------------------

  private noteRefusal(phone: number, pool: Pool, best: number): void {
    const cause = this.cause[phone]!;
    const key = (cause + 1) * this.pools.length + pool.index;
    let refusal = this.refusals.get(key);
    if (refusal === undefined) {
      refusal = { cause, pool, phones: 0, targets: new Set() };
      this.refusals.set(key, refusal);
    }
    if (this.refusalMark[phone] !== cause + 2) {
      this.refusalMark[phone] = cause + 2;
      refusal.phones++;
    }
    pool.unnoted.delete(phone - pool.base);
    const end = best === NOWHERE ? pool.preference.length : best;
    for (let position = 0; position < end; position++) {
      const target = pool.preference[position]!;
      if (this.isAvailable(target, pool) && !target.hasRoom) refusal.targets.add(target);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Timeline
  // ---------------------------------------------------------------------------------------------

  private touch(pool: Pool): void {
    if (pool.touched) return;
    pool.touched = true;
    this.touchedPools[this.touchedCount++] = pool;
  }

  /** Writes a timeline row when the end state of millisecond t differs from the last row. */
  private record(t: number): void {
    const first = this.timeline.length === 0;
    if (this.touchedCount === 0 && !first) return;
    let started = false;
    for (let k = 0; k < this.touchedCount; k++) {
      const pool = this.touchedPools[k]!;
      pool.touched = false;
      const counts = pool.counts;
      const recorded = pool.recorded;
      let differs = first;
      for (let slot = 0; slot < counts.length && !differs; slot++) differs = counts[slot] !== recorded[slot];
      if (!differs) continue;
      if (!started) {
        this.timeline.startRow(t);
        started = true;
      }
      for (let slot = 0; slot < counts.length; slot++) recorded[slot] = counts[slot]!;
      this.timeline.addPool(pool.index, counts);
    }
    this.touchedCount = 0;
    // (every pool is touched at the start, so the first row holds them all)
    if (first && !started) this.timeline.startRow(t);
    if (!started && !first) return;
    for (let k = 0; k < this.targets.length; k++) {
      const target = this.targets[k]!;
      if (first || target.registered > target.peak) {
        target.peak = target.registered;
        target.peakAt = t;
      }
    }
  }

  private countsOf(pool: Pool): Counts {
    const counts: Record<string, number> = {};
    for (let position = 0; position < pool.preference.length; position++) {
      const n = pool.counts[position]!;
      if (n !== 0) setOwn(counts, pool.preference[position]!.name, n);
    }
    const unregistered = pool.counts[pool.unregistered]!;
    if (unregistered !== 0) setOwn(counts, 'unregistered', unregistered);
    return counts;
  }

  // ---------------------------------------------------------------------------------------------
  // Result
  // ---------------------------------------------------------------------------------------------

  private finish(cancelled: boolean): ScenarioResult {
    let lastAt = 0;
    for (const expectation of this.scenario.expectations) {
      if (expectation.kind === 'on' && expectation.at > lastAt) lastAt = expectation.at;
    }
    const lastEvent = this.events.length > 0 ? this.events[this.events.length - 1]!.at : 0;
    const end = cancelled
      ? this.now
      : this.limitHit
        ? Math.max(this.limitTime, lastAt)
        : Math.max(lastEvent, lastAt, this.lastActivity);

    // Open outage stretches count to the end (a phone still in a preserved call has none open).
    for (const pool of this.pools) {
      for (let phone = pool.base; phone < pool.base + pool.phones; phone++) {
        const start = this.outageStart[phone]!;
        if (start >= 0) this.addOutage(phone, pool, end - start);
      }
    }

    const pools: Record<string, PoolResult> = {};
    for (const pool of this.pools) {
      setOwn(pools, pool.name, {
        phones: pool.phones,
        maxOutage: pool.maxOutage,
        outagePhoneSeconds: Math.round(pool.outageMs) / 1000,
        affectedPhones: pool.affected,
        preservedCalls: pool.preservedCalls,
        final: this.countsOf(pool),
      });
    }
    const targets: Record<string, TargetResult> = {};
    for (const target of this.targets) setOwn(targets, target.name, { peak: target.peak, peakAt: target.peakAt });
    const settled = this.timeline.lastTime;

    const expectations = checkExpectations(this.scenario.expectations, { pools, targets, settled, countsSeen: this.countsSeen });
    const findings = cancelled ? [] : [...this.eventFindings, ...this.refusalFindings(), ...this.noServiceFindings(end)];
    if (this.limitHit) findings.push(timeLimitFinding(this.limitTime, this.limits.maxTailMs));
    // Entries are made when first read: a run can have millions, and most readers want only the figures.
    const recorder = this.timeline;
    let timeline: TimelineEntry[] | undefined;
    const result: ScenarioResult = {
      name: this.scenario.name,
      end,
      settled,
      pools,
      targets,
      get timeline(): readonly TimelineEntry[] {
        return (timeline ??= recorder.materialize());
      },
      expectations,
      findings,
      cancelled,
    };
    keepRecorder(result, recorder);
    return result;
  }

  private refusalFindings(): Finding[] {
    return [...this.refusals.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, refusal]) =>
        capacityFinding(
          refusal.cause >= 0 ? this.events[refusal.cause]!.event : undefined,
          refusal.pool.name,
          refusal.phones,
          [...refusal.targets].sort((a, b) => a.index - b.index),
        ),
      );
  }

  private noServiceFindings(end: number): Finding[] {
    const findings: Finding[] = [];
    for (const pool of this.pools) {
      const out = pool.counts[pool.unregistered]!;
      if (out === 0) continue;
      let latestCause = -1;
      for (let phone = pool.base; phone < pool.base + pool.phones; phone++) {
        if (this.registeredAt[phone] === NOWHERE && this.cause[phone]! > latestCause) latestCause = this.cause[phone]!;
      }
      findings.push(noServiceFinding(latestCause >= 0 ? this.events[latestCause]!.event : undefined, pool.name, out, pool.phones, end));
    }
    return findings;
  }
}

function phoneCount(pool: SimPool): number {
  const phones = Math.floor(pool.phones);
  return Number.isFinite(phones) && phones > 0 ? phones : 0;
}

function refusedForSize(scenario: SimScenario, totalPhones: number, maxPhones: number): ScenarioResult {
  const pools: Record<string, PoolResult> = {};
  for (const pool of scenario.pools) {
    setOwn(pools, pool.name, { phones: phoneCount(pool), maxOutage: 0, outagePhoneSeconds: 0, affectedPhones: 0, preservedCalls: 0, final: {} });
  }
  const targets: Record<string, TargetResult> = {};
  for (const target of scenario.targets) setOwn(targets, target.name, { peak: 0, peakAt: 0 });
  return {
    name: scenario.name,
    end: 0,
    settled: 0,
    pools,
    targets,
    timeline: [],
    expectations: [],
    findings: [sizeLimitFinding(totalPhones, maxPhones)],
    cancelled: false,
  };
}
