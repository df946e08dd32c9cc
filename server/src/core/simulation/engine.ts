// The simulation engine: turns a resolved scenario into SIMULATION.md's millisecond-exact timeline
// (failover, fallback, preserved calls, resets) and the figures a run reports. Pure and
// deterministic; its work grows with phone state changes, not with simulated time or idle ticks.

import { Agenda, PhoneBatch, type DueCheck } from './agenda';
import { CountChecks, resolveCount, type CountSource } from './expectations';
import { callsNotPlacedFinding, noEffectFinding, timeLimitFinding } from './findings';
import { DEFAULT_LIMITS, type Finding, type ScenarioResult, type SimEvent, type SimLimits, type SimOptions, type SimScenario } from './model';
import { Refusals } from './refusals';
import { RegistrationQueue } from './registrationQueue';
import { noServiceFindings, refusedForSize, reportRun } from './report';
import {
  AFFECTED,
  BOOTING,
  DETECTION_PENDING,
  FALLING_BACK,
  IN_CALL,
  NOWHERE,
  RESET_AT_CALL_END,
  bestPosition,
  buildPools,
  buildTargets,
  firstPhoneAtOffset,
  isAvailable,
  monitorEndsAt,
  passedFullTarget,
  phoneCount,
  tickOffset,
  type Pool,
  type Target,
} from './state';
import { TickSets, type PoolTicker } from './tickSets';
import { TimelineRecorder } from './timeline';

export function simulate(scenario: SimScenario, options: SimOptions = {}): ScenarioResult {
  const limits: SimLimits = {
    maxPhones: options.limits?.maxPhones ?? DEFAULT_LIMITS.maxPhones,
    maxTailMs: options.limits?.maxTailMs ?? DEFAULT_LIMITS.maxTailMs,
  };
  const totalPhones = scenario.pools.reduce((sum, pool) => sum + phoneCount(pool), 0);
  if (totalPhones > limits.maxPhones) return refusedForSize(scenario, totalPhones, limits.maxPhones);
  return new Simulation(scenario, limits, options.isCancelled).run();
}

/** Steps of work between two looks at the cancellation callback. */
const POLL_EVERY = 4096;

interface OrderedEvent {
  readonly event: SimEvent;
  readonly at: number;
}

/**
 * One run. Where each rule of SIMULATION.md lives, in the page's order:
 *
 * - Entities, defaults: `buildTargets`, `buildPools` (state.ts); the settings in the constructor.
 * - Keepalive ticks, phone i at floor(i·K/N) + k·K: `tickOffset`, `firstPhoneAtOffset` (state.ts).
 * - Availability, room, best target: `isAvailable`, `Target.hasRoom`, `bestPosition` (state.ts);
 *   a full target passed over turns the asking phone away: `askForBest`, refusals.ts.
 * - Registration queue and rate (s = 1000/r, registered at ceil(done), refused if the target is
 *   no longer available then, flushed when it fails): registrationQueue.ts; `request`,
 *   `completeRegistration`, `afterFailedRequest`; the flush in `failTarget`.
 * - stop / crash / hang (service lost at once, detected later): `failTarget`,
 *   `loseRegistrations` (the detection times), `detects`. recover: `recoverTarget`.
 * - isolate (detected as for a crash) / reconnect: `isolatePool`, `reconnectPool`.
 * - calls: `placeCalls`. reset: `resetPool`, `resetIdlePhone`, `boots`.
 * - A phone in a call does not fail over, fall back or reset until the call ends: `isInCall` (in
 *   `loseRegistration`, `detects`, `resetPool`, `placeCalls`), then `callEnds`; its ticks are
 *   skipped (`SKIPS_TICKS`, state.ts). Preserved calls and outages: `loseRegistration`,
 *   `callEnds`, `endOutage`, `addOutage`.
 * - Ticks, fallback and retry: `runTicks`. The fallback queue depth Q: `Target.hasFallbackPlace`
 *   (read by `runTicks`, and by tickSets.ts to find the next fallback tick), `takeFallbackPlace`,
 *   `releaseFallbackPlace`. The connection monitor: `monitorEndsAt` (state.ts).
 * - Order within one millisecond: `processMillisecond`. Step 1 `applyEvent`; steps 2–4 in the
 *   agenda's order (agenda.ts); step 5 `runTicks` on the pools that tickSets.ts finds ticking.
 * - Start: `placeAtStart`. End and settled: `run`, `finish` (`lastActivity` is "the last moment
 *   something pending happened"). Limits: too many phones in `simulate`; the 24 hours after the
 *   last event in `run` (`limitTime`).
 * - What a run reports: `record` (timeline rows, peaks over end-of-millisecond states), report.ts
 *   (figures), `CountChecks` (expectations.ts) for `at T expect`. Findings: event-no-effect in
 *   `applyEvent`, calls-not-placed in `placeCalls`, capacity-exceeded in refusals.ts, no-service
 *   and simulation-limit in `finish`.
 * - Scale (work grows with state changes, not with time): per-phone state in typed arrays indexed
 *   by a global phone number (pools in order, then phone index); timed work in the agenda as
 *   sorted runs; keepalive ticks never visited one by one (tickSets.ts).
 */
class Simulation implements DueCheck, PoolTicker, CountSource {
  private readonly keepalive: number;
  private readonly missedKeepalives: number;
  private readonly tcpRetry: number;
  private readonly resetTime: number;
  private readonly targets: Target[];
  private readonly targetByName: Map<string, Target>;
  private readonly pools: Pool[];
  private readonly poolByName: Map<string, Pool>;
  private readonly events: OrderedEvent[];
  private eventIndex = 0;
  private readonly limitTime: number;
  private limitHit = false;

  // Per phone (global index: pool order, then phone index).
  private readonly poolOf: Int32Array;
  /** Preference position of its registration, or NOWHERE. */
  private readonly registeredAt: Uint8Array;
  /** Preference position of its pending request, or NOWHERE. */
  private readonly requestedAt: Uint8Array;
  /** Its pending request's slot in the target's registration queue (to abandon it). */
  private readonly requestSlot: Float64Array;
  private readonly flags: Uint8Array;
  private readonly detectionAt: Float64Array;
  private readonly callEndAt: Float64Array;
  private readonly bootAt: Float64Array;
  /** Where the open outage stretch started; −1 when in service or in a preserved call. */
  private readonly outageStart: Float64Array;
  /** Index (in time order) of the last event that knocked the phone out; −1 for none. */
  private readonly cause: Int32Array;

  private readonly agenda = new Agenda(this);
  private readonly ticks: TickSets;
  private readonly refusals: Refusals;
  private readonly touchedPools: Pool[] = [];
  private touchedCount = 0;
  private now = 0;
  private lastActivity = 0;
  /** Request order, which breaks ties between completions at the same exact time. */
  private sequence = 0;

  private readonly timeline: TimelineRecorder;
  private readonly countChecks: CountChecks;
  private readonly eventFindings: Finding[] = [];
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

    this.targets = buildTargets(scenario.targets);
    this.targetByName = new Map(this.targets.map((target) => [target.name, target]));
    this.pools = buildPools(scenario.pools, this.targetByName);
    this.poolByName = new Map(this.pools.map((pool) => [pool.name, pool]));

    this.events = scenario.events
      .filter((event) => Number.isFinite(event.at))
      .map((event) => ({ event, at: Math.max(0, Math.floor(event.at)) }))
      .sort((a, b) => a.at - b.at); // stable: file order within one time
    this.limitTime = this.lastEventTime() + Math.max(0, limits.maxTailMs);

    const total = this.pools.reduce((sum, pool) => sum + pool.phones, 0);
    this.poolOf = new Int32Array(total);
    for (const pool of this.pools) this.poolOf.fill(pool.index, pool.base, pool.base + pool.phones);
    this.registeredAt = new Uint8Array(total).fill(NOWHERE);
    this.requestedAt = new Uint8Array(total).fill(NOWHERE);
    this.requestSlot = new Float64Array(total);
    this.flags = new Uint8Array(total);
    this.detectionAt = new Float64Array(total);
    // A scenario without calls (or resets) never reads these: 8 MB each saved per million phones.
    this.callEndAt = new Float64Array(scenario.events.some((event) => event.kind === 'calls') ? total : 0);
    this.bootAt = new Float64Array(scenario.events.some((event) => event.kind === 'reset') ? total : 0);
    this.outageStart = new Float64Array(total).fill(-1);
    this.cause = new Int32Array(total).fill(-1);
    this.refusals = new Refusals(total, this.pools.length);
    const phoneState = { flags: this.flags, registeredAt: this.registeredAt, requestedAt: this.requestedAt, cause: this.cause };
    this.ticks = new TickSets(this.pools, this.targets, this.poolOf, this.keepalive, phoneState, this.refusals);

    this.timeline = new TimelineRecorder(
      this.pools.map((pool) => ({ name: pool.name, slotNames: [...pool.preference.map((target) => target.name), 'unregistered'] })),
    );
    this.countChecks = new CountChecks(scenario.expectations);
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
      this.countChecks.seeBefore(next, this);
      t = next;
    }
    this.countChecks.seeBefore(Infinity, this);
    return this.finish(false);
  }

  /** The phones of a pool on a target (or `unregistered`) now; 0 for names the run does not know. */
  countOn(poolName: string, targetName: string): number {
    const pool = this.poolByName.get(poolName);
    if (pool === undefined) return 0;
    const position = targetName === 'unregistered' ? pool.unregistered : pool.preference.findIndex((target) => target.name === targetName);
    return position >= 0 ? pool.counts[position]! : 0;
  }

  private shouldStop(): boolean {
    this.work++;
    if (this.isCancelled === undefined || this.work < this.nextPoll) return false;
    this.nextPoll = this.work + POLL_EVERY;
    return this.isCancelled();
  }

  private lastEventTime(): number {
    return this.events.length > 0 ? this.events[this.events.length - 1]!.at : 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Start: every phone on its best target, pool by pool, phone by phone, no queueing delay.
  // ---------------------------------------------------------------------------------------------

  private placeAtStart(): void {
    for (const pool of this.pools) {
      for (let index = 0; index < pool.phones; index++) {
        const phone = pool.base + index;
        const position = this.askForBest(phone, pool);
        if (position === NOWHERE) {
          pool.counts[pool.unregistered]!++;
          this.outageStart[phone] = 0;
        } else {
          pool.preference[position]!.registered++;
          pool.counts[position]!++;
          this.registeredAt[phone] = position;
        }
        this.ticks.categorize(phone, pool);
      }
      this.touch(pool);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // One millisecond, in SIMULATION.md's order.
  // ---------------------------------------------------------------------------------------------

  private processMillisecond(t: number): void {
    this.now = t;

    // 1. scenario events, by time then file order
    while (this.eventIndex < this.events.length && this.events[this.eventIndex]!.at <= t) {
      this.applyEvent(this.events[this.eventIndex]!.event, this.eventIndex);
      this.eventIndex++;
    }

    // 2–4. call ends, registration completions, detections and boots (the agenda's order)
    for (;;) {
      const source = this.agenda.peek();
      if (source === undefined || source.time !== t) break;
      if (source instanceof RegistrationQueue) this.completeHead(source);
      else this.runBatchHead(source as PhoneBatch);
    }

    // 5. ticks
    this.ticks.runStep5(t, this);

    this.record(t);
  }

  private nextTime(): number {
    let next = Infinity;
    if (this.eventIndex < this.events.length) next = this.events[this.eventIndex]!.at;
    const source = this.agenda.peek();
    if (source !== undefined && source.time < next) next = source.time;
    const tick = this.ticks.nextTickAfter(this.now);
    return tick < next ? tick : next;
  }

  // ---------------------------------------------------------------------------------------------
  // Timed work (steps 2–4), in the agenda's order
  // ---------------------------------------------------------------------------------------------

  /** An entry of a batch stands while the phone's state still says so (a reset voids a detection). */
  isDue(batch: PhoneBatch, position: number): boolean {
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

  private runBatchHead(batch: PhoneBatch): void {
    const phone = this.agenda.takeBatchHead(batch);
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
    const phone = this.agenda.takeQueueHead(queue);
    this.completeRegistration(target, phone, hadRoom);
  }

  // ---------------------------------------------------------------------------------------------
  // Room and the fallback queue
  // ---------------------------------------------------------------------------------------------

  /** A target's room decides best targets: pools using it must look again when it flips. */
  private roomChanged(target: Target, hadRoom: boolean): void {
    if (target.hasRoom !== hadRoom) this.ticks.markPoolsOf(target);
  }

  // A fallback request holds a place in its callmanager's fallback queue from its tick until the
  // phone is registered there or the request fails or is abandoned. A queue filling or emptying
  // concerns no pool's own schedule: its candidates are found through target.fallbackCandidates.

  private takeFallbackPlace(phone: number, target: Target): void {
    this.flags[phone]! |= FALLING_BACK;
    target.fallbackQueue++;
  }

  /** The phone's request to `target` is over: if it was a fallback, its place is free (for this millisecond's ticks too). */
  private releaseFallbackPlace(phone: number, target: Target): void {
    if ((this.flags[phone]! & FALLING_BACK) === 0) return;
    this.flags[phone]! &= ~FALLING_BACK;
    target.fallbackQueue--;
  }

  /** A phone in a call does not fail over, fall back or reset: it acts when the call ends. */
  private isInCall(phone: number): boolean {
    return (this.flags[phone]! & IN_CALL) !== 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Phone transitions
  // ---------------------------------------------------------------------------------------------

  /** The phone's best target now; passing over one that is available but full turns it away. */
  private askForBest(phone: number, pool: Pool): number {
    const position = bestPosition(pool);
    if (passedFullTarget(pool, position)) this.refusals.note(phone, pool, this.cause[phone]!, position);
    return position;
  }

  /** Asks for the best target (or stays out of service, retrying at ticks). */
  private requestBest(phone: number, pool: Pool): void {
    const position = this.askForBest(phone, pool);
    if (position === NOWHERE) this.ticks.categorize(phone, pool);
    else this.request(phone, pool, position, false);
  }

  private request(phone: number, pool: Pool, position: number, fallback: boolean): void {
    const target = pool.preference[position]!;
    const hadRoom = target.hasRoom;
    const queue = target.queue;
    this.requestSlot[phone] = queue.enqueue(phone, this.now, this.sequence++);
    this.requestedAt[phone] = position;
    if (fallback) this.takeFallbackPlace(phone, target);
    this.roomChanged(target, hadRoom);
    this.agenda.queueGrew(queue);
    this.lastActivity = this.now;
    this.ticks.categorize(phone, pool);
  }

  private completeRegistration(target: Target, phone: number, hadRoom: boolean): void {
    const pool = this.pools[this.poolOf[phone]!]!;
    const position = this.requestedAt[phone]!;
    this.requestedAt[phone] = NOWHERE;
    this.lastActivity = this.now;
    this.releaseFallbackPlace(phone, target);
    if (!isAvailable(target, pool)) {
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
    this.ticks.categorize(phone, pool);
  }

  /** The request is gone (accounting done); what the phone does next. */
  private afterFailedRequest(phone: number, pool: Pool): void {
    if (this.registeredAt[phone] !== NOWHERE || (this.flags[phone]! & DETECTION_PENDING) !== 0) {
      // a phone falling back stays where it is; one that has not detected its loss waits
      this.ticks.categorize(phone, pool);
    } else {
      this.requestBest(phone, pool);
    }
  }

  private abandonRequest(phone: number, pool: Pool): void {
    const target = pool.preference[this.requestedAt[phone]!]!;
    const hadRoom = target.hasRoom;
    target.queue.abandon(this.requestSlot[phone]!);
    this.requestedAt[phone] = NOWHERE;
    this.releaseFallbackPlace(phone, target);
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
    if (this.isInCall(phone)) pool.preservedCalls++;
    else this.outageStart[phone] = this.now;
    this.flags[phone]! |= DETECTION_PENDING;
    this.detectionAt[phone] = detectionTime;
    this.cause[phone] = cause;
    this.ticks.categorize(phone, pool);
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
    this.flags[phone] = (this.flags[phone]! & ~DETECTION_PENDING) | BOOTING;
    this.bootAt[phone] = this.now + this.resetTime;
    this.ticks.categorize(phone, pool);
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
      this.agenda.schedule(new PhoneBatch('boot', Int32Array.of(phone), undefined, this.bootAt[phone]!));
      return;
    }
    if (this.registeredAt[phone] !== NOWHERE) {
      this.ticks.categorize(phone, pool);
      return;
    }
    this.outageStart[phone] = this.now; // a preserved call's outage counts from its end
    if ((flags & DETECTION_PENDING) !== 0) {
      this.ticks.categorize(phone, pool);
      return;
    }
    // it detected its loss during the call (or was out of service before it): it acts now
    this.requestBest(phone, pool);
  }

  private detects(phone: number): void {
    const pool = this.pools[this.poolOf[phone]!]!;
    this.flags[phone]! &= ~DETECTION_PENDING;
    this.lastActivity = this.now;
    if (this.isInCall(phone)) return; // acts when the call ends (callEnds)
    if (this.requestedAt[phone] !== NOWHERE)
      this.ticks.categorize(phone, pool); // never a second request
    else this.requestBest(phone, pool);
  }

  private boots(phone: number): void {
    const pool = this.pools[this.poolOf[phone]!]!;
    this.flags[phone]! &= ~BOOTING;
    this.lastActivity = this.now;
    this.requestBest(phone, pool);
  }

  // ---------------------------------------------------------------------------------------------
  // Step 5: the tick rule, for one pool's phones ticking at t
  // ---------------------------------------------------------------------------------------------

  /**
   * The phones of the pool ticking at t, in index order, each seeing the state so far: one out of
   * service requests its best target; one in service behind the best target falls back when that
   * target's fallback queue has a place (and, to leave an srst router, once the connection monitor
   * has passed). Only phones that would act are visited.
   */
  runTicks(pool: Pool, t: number): void {
    const x = t % this.keepalive;
    const last = firstPhoneAtOffset(pool, x + 1, this.keepalive) - 1;
    let cursor = firstPhoneAtOffset(pool, x, this.keepalive);
    while (cursor <= last) {
      const best = bestPosition(pool);
      if (best === NOWHERE) {
        // The out-of-service phones ticking now ask in vain: when a full target is why, they are
        // turned away (each counted once per cause, however many ticks it takes).
        if (pool.unnoted.size > 0 && passedFullTarget(pool, best)) {
          for (let index = pool.unnoted.nextFrom(cursor); index >= 0 && index <= last; index = pool.unnoted.nextFrom(index + 1)) {
            const phone = pool.base + index;
            this.refusals.note(phone, pool, this.cause[phone]!, NOWHERE);
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
      if (target.hasFallbackPlace) {
        const monitorEnds = monitorEndsAt(target, pool);
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
    this.ticks.markPoolsOf(target);
    for (const pool of target.pools) {
      const lost = pool.preference.map((candidate) => candidate === target);
      this.loseRegistrations(pool, lost, kind, cause);
    }
    const waiting = target.queue.drain();
    this.agenda.remove(target.queue);
    for (const phone of waiting) {
      const pool = this.pools[this.poolOf[phone]!]!;
      this.requestedAt[phone] = NOWHERE;
      this.releaseFallbackPlace(phone, target);
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
    const first = kind === 'stop' ? 0 : Math.min(n, firstPhoneAtOffset(pool, x, this.keepalive));
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
        const offset = tickOffset(pool, index, this.keepalive);
        detection = (index >= first ? periodStart + offset : periodStart + this.keepalive + offset) + delay;
        times[k] = detection;
      }
      phones[k++] = phone;
      this.loseRegistration(phone, pool, detection, cause);
    }
    this.agenda.schedule(new PhoneBatch('detection', phones, times, this.now));
  }

  private recoverTarget(target: Target): void {
    target.up = true;
    target.queue.free = this.now * target.rate;
    target.lastRecover = this.now;
    this.ticks.markPoolsOf(target);
  }

  private isolatePool(pool: Pool, cause: number): void {
    pool.isolated = true;
    pool.isolatedBy = cause;
    this.ticks.markDirty(pool);
    const lost = pool.preference.map((target) => !target.isSrst);
    this.loseRegistrations(pool, lost, 'crash', cause);
  }

  private reconnectPool(pool: Pool): void {
    pool.isolated = false;
    pool.lastReconnect = this.now;
    this.ticks.markDirty(pool);
  }

  private placeCalls(pool: Pool, event: Extract<SimEvent, { kind: 'calls' }>): void {
    const wanted = Math.max(0, Math.floor(resolveCount(event.count, pool.phones)));
    if (wanted === 0) return;
    const end = this.now + Math.max(0, Math.floor(event.durationMs));
    const placed: number[] = [];
    for (let index = 0; index < pool.phones && placed.length < wanted; index++) {
      const phone = pool.base + index;
      // in service, idle, and not waiting in a fallback queue (an in-service phone's only request)
      if (this.registeredAt[phone] === NOWHERE || this.isInCall(phone) || this.requestedAt[phone] !== NOWHERE) continue;
      this.flags[phone]! |= IN_CALL;
      this.callEndAt[phone] = end;
      this.ticks.categorize(phone, pool);
      placed.push(phone);
    }
    this.agenda.schedule(new PhoneBatch('callEnd', Int32Array.from(placed), undefined, end));
    if (placed.length < wanted) this.eventFindings.push(callsNotPlacedFinding(event, placed.length, wanted));
  }

  private resetPool(pool: Pool, cause: number): void {
    const booting: number[] = [];
    for (let index = 0; index < pool.phones; index++) {
      const phone = pool.base + index;
      this.cause[phone] = cause;
      if (this.isInCall(phone)) {
        this.flags[phone]! |= RESET_AT_CALL_END;
      } else {
        this.resetIdlePhone(phone, pool);
        booting.push(phone);
      }
    }
    this.agenda.schedule(new PhoneBatch('boot', Int32Array.from(booting), undefined, this.now + this.resetTime));
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
    // peaks are taken over end-of-millisecond states
    for (let k = 0; k < this.targets.length; k++) {
      const target = this.targets[k]!;
      if (first || target.registered > target.peak) {
        target.peak = target.registered;
        target.peakAt = t;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // End
  // ---------------------------------------------------------------------------------------------

  private finish(cancelled: boolean): ScenarioResult {
    let lastAt = 0;
    for (const expectation of this.scenario.expectations) {
      if (expectation.kind === 'on' && expectation.at > lastAt) lastAt = expectation.at;
    }
    const end = cancelled ? this.now : this.limitHit ? Math.max(this.limitTime, lastAt) : Math.max(this.lastEventTime(), lastAt, this.lastActivity);

    // Open outage stretches count to the end (a phone still in a preserved call has none open).
    for (const pool of this.pools) {
      for (let phone = pool.base; phone < pool.base + pool.phones; phone++) {
        const start = this.outageStart[phone]!;
        if (start >= 0) this.addOutage(phone, pool, end - start);
      }
    }

    const eventOf = (cause: number): SimEvent => this.events[cause]!.event;
    const findings = cancelled
      ? []
      : [...this.eventFindings, ...this.refusals.findings(eventOf), ...noServiceFindings(this.pools, this.registeredAt, this.cause, eventOf, end)];
    if (this.limitHit) findings.push(timeLimitFinding(this.limitTime, this.limits.maxTailMs));
    return reportRun(this.scenario, {
      end,
      pools: this.pools,
      targets: this.targets,
      timeline: this.timeline,
      countsSeen: this.countChecks.seen,
      findings,
      cancelled,
    });
  }
}
