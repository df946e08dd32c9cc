// Independent spec cases for the simulator: every expected figure below is worked out by hand
// from /work/shared/spec/SIMULATION.md (and, for the last two cases, PRODUCT.md's printed
// figures for LANGUAGE.md's example). The engine's code was not read while writing these.
//
// Defaults unless a case says otherwise: K = 30 000 ms, missed-keepalives 3, tcp-retry 25 000,
// reset-time 60 000, registration rate 100/s (s = 10 ms), Q = 10, connection-monitor 120 000.
// Phone i of a pool of N has offset floor(i·K/N) and ticks at offset + k·K.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../server/src/core/simulation/engine';
import type {
  Counts,
  FindingCode,
  ScenarioResult,
  SimCount,
  SimEvent,
  SimExpectation,
  SimOptions,
  SimPool,
  SimScenario,
  SimSettings,
  SimTarget,
} from '../../server/src/core/simulation/model';

// ---------------------------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------------------------
const S = 1000;
const MIN = 60 * S;
const U = 'unregistered';

interface TargetOpts {
  capacity?: number;
  rate?: number;
  q?: number;
}
const cm = (name: string, o: TargetOpts = {}): SimTarget => ({
  name,
  kind: 'callmanager',
  capacity: o.capacity ?? Infinity,
  registrationRate: o.rate ?? 100,
  fallbackQueueDepth: o.q ?? 10,
});
const srst = (name: string, o: TargetOpts = {}): SimTarget => ({
  name,
  kind: 'srst',
  capacity: o.capacity ?? Infinity,
  registrationRate: o.rate ?? 100,
  fallbackQueueDepth: o.q ?? 10,
});
const pool = (name: string, phones: number, preference: string[], monitorMs = 120 * S): SimPool => ({
  name,
  phones,
  preference,
  connectionMonitorMs: monitorMs,
});

type NoRef<T> = T extends unknown ? Omit<T, 'ref'> : never;
type EventSpec = NoRef<SimEvent>;
type ExpSpec = NoRef<SimExpectation>;

const stop = (at: number, target: string): EventSpec => ({ at, kind: 'stop', target });
const crash = (at: number, target: string): EventSpec => ({ at, kind: 'crash', target });
const hang = (at: number, target: string): EventSpec => ({ at, kind: 'hang', target });
const recover = (at: number, target: string): EventSpec => ({ at, kind: 'recover', target });
const isolate = (at: number, p: string): EventSpec => ({ at, kind: 'isolate', pool: p });
const reconnect = (at: number, p: string): EventSpec => ({ at, kind: 'reconnect', pool: p });
const reset = (at: number, p: string): EventSpec => ({ at, kind: 'reset', pool: p });
const calls = (at: number, p: string, count: SimCount | number, durationMs: number): EventSpec => ({
  at,
  kind: 'calls',
  pool: p,
  count: typeof count === 'number' ? { kind: 'number', value: count } : count,
  durationMs,
});

const num = (value: number): SimCount => ({ kind: 'number', value });
const pct = (value: number): SimCount => ({ kind: 'percent', value });
const ALL: SimCount = { kind: 'all' };
const NONE: SimCount = { kind: 'none' };

interface Spec {
  targets: SimTarget[];
  pools: SimPool[];
  settings?: Partial<SimSettings>;
  events?: EventSpec[];
  expectations?: ExpSpec[];
}

const DEFAULT_SETTINGS: SimSettings = { keepaliveMs: 30 * S, missedKeepalives: 3, tcpRetryMs: 25 * S, resetTimeMs: 60 * S };

/** Events get ref = their index in `events`; expectations get ref = their index in `expectations`. */
function scenario(spec: Spec): SimScenario {
  return {
    name: 'spec case',
    targets: spec.targets,
    pools: spec.pools,
    settings: { ...DEFAULT_SETTINGS, ...spec.settings },
    events: (spec.events ?? []).map((e, ref) => ({ ...e, ref }) as SimEvent),
    expectations: (spec.expectations ?? []).map((x, ref) => ({ ...x, ref }) as SimExpectation),
  };
}

function run(spec: Spec, options?: SimOptions): ScenarioResult {
  return simulate(scenario(spec), options);
}

/** The whole timeline of a one-pool scenario, as [t, counts of that pool]. */
function expectTimeline(r: ScenarioResult, poolName: string, entries: Array<[number, Counts]>): void {
  expect(r.timeline).toEqual(entries.map(([t, c]) => ({ t, pools: { [poolName]: c } })));
}

function refsOf(r: ScenarioResult, code: FindingCode): number[] {
  return r.findings.filter((f) => f.code === code).map((f) => f.ref ?? -1);
}

function expResult(r: ScenarioResult, ref: number) {
  const x = r.expectations.find((e) => e.ref === ref);
  if (!x) throw new Error(`no expectation result with ref ${ref}`);
  return x;
}

// ---------------------------------------------------------------------------------------------
// Start state
// ---------------------------------------------------------------------------------------------
describe('start state', () => {
  it('places phones at 0 pool by pool, phone by phone; a full callmanager is passed over', () => {
    // CM1 capacity 2. Pool A (1 phone) then pool B (2 phones), both prefer CM1 then CM2.
    // A0 -> CM1 (0<2), B0 -> CM1 (1<2), B1: CM1 has 2 (not < 2) -> CM2. No queueing delay at 0.
    // Later ticks: B1's best target is still CM2 (CM1 full), so nothing moves: end 0.
    const r = run({
      targets: [cm('CM1', { capacity: 2 }), cm('CM2')],
      pools: [pool('A', 1, ['CM1', 'CM2']), pool('B', 2, ['CM1', 'CM2'])],
    });
    expect(r.timeline).toEqual([{ t: 0, pools: { A: { CM1: 1 }, B: { CM1: 1, CM2: 1 } } }]);
    expect(r.end).toBe(0);
    expect(r.settled).toBe(0);
    expect(r.targets).toEqual({ CM1: { peak: 2, peakAt: 0 }, CM2: { peak: 1, peakAt: 0 } });
    expect(r.pools.B).toEqual({
      phones: 2,
      maxOutage: 0,
      outagePhoneSeconds: 0,
      affectedPhones: 0,
      preservedCalls: 0,
      final: { CM1: 1, CM2: 1 },
    });
    expect(refsOf(r, 'no-service')).toEqual([]);
    expect(r.cancelled).toBe(false);
  });

  it('a phone with no room is unregistered from 0; a tick that finds no room moves nothing, so no events → end 0', () => {
    // CM1 capacity 1, pool P of 2 phones preferring only CM1: P0 on CM1, P1 unregistered.
    // P1's ticks: "out of service, nothing pending: request the best target, if any" → none
    // (CM1 is full) → nothing. So no phone that a tick would move: the scenario ends at 0
    // ("A scenario with no events ends at 0"), with no simulation-limit.
    // Literal reading: P1's outage "still open at end counts to end" = 0 − 0 = 0 ms, so it is not
    // an affected phone even though it is out of service at the end (ambiguous but literal).
    const spec: Spec = { targets: [cm('CM1', { capacity: 1 })], pools: [pool('P', 2, ['CM1'])] };
    const r = run(spec);
    expect(r.end).toBe(0);
    expect(r.settled).toBe(0);
    expectTimeline(r, 'P', [[0, { CM1: 1, [U]: 1 }]]);
    expect(r.pools.P.final).toEqual({ CM1: 1, [U]: 1 });
    expect(r.pools.P.maxOutage).toBe(0);
    expect(r.pools.P.affectedPhones).toBe(0);
    expect(refsOf(r, 'simulation-limit')).toEqual([]);
    expect(refsOf(r, 'no-service').length).toBe(1);

    // Same topology with `at 10s expect P on unregistered == 1`: end = 10 000 (last at time);
    // P1's open outage counts to end: 10 000 ms → maxOutage 10 000, 10 phone-seconds, 1 affected.
    const r2 = run({
      ...spec,
      expectations: [{ kind: 'on', at: 10 * S, pool: 'P', target: U, comparison: '==', count: num(1) }],
    });
    expect(r2.end).toBe(10_000);
    expect(r2.settled).toBe(0);
    expect(r2.pools.P.maxOutage).toBe(10_000);
    expect(r2.pools.P.outagePhoneSeconds).toBe(10);
    expect(r2.pools.P.affectedPhones).toBe(1);
    expect(expResult(r2, 0).passed).toBe(true);
  });

  it('an out-of-service phone with nothing pending requests at its next tick', () => {
    // K = 1000, 2 phones: offsets floor(0)=0, floor(500)=500. Only CM1 in the preference list.
    // stop CM1 at 100: both detect at 100, no best target → unregistered.
    // recover CM1 at 2200 (free = 2200). Nothing moves at once.
    // P1 tick 2500: request CM1, start 2500, done 2510 → registered 2510.
    // P0 tick 3000: done 3010.
    // outages: P0 3010−100 = 2910, P1 2510−100 = 2410 → max 2910, sum 5320 ms = 5.32 s.
    const r = run({
      targets: [cm('CM1')],
      pools: [pool('P', 2, ['CM1'])],
      settings: { keepaliveMs: 1000 },
      events: [stop(100, 'CM1'), recover(2200, 'CM1')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [100, { [U]: 2 }],
      [2510, { CM1: 1, [U]: 1 }],
      [3010, { CM1: 2 }],
    ]);
    expect(r.pools.P.maxOutage).toBe(2910);
    expect(r.pools.P.outagePhoneSeconds).toBe(5.32);
    expect(r.end).toBe(3010);
    expect(r.settled).toBe(3010);
  });

  it('tick offsets are floor(i·K/N)', () => {
    // K = 1000, N = 7: offsets 0, 142, 285, 428, 571, 714, 857. CM2 rate 1000 (s = 1 ms).
    // crash CM1 at 1: t1 = first tick ≥ 1: P0 → 1000, Pi (i ≥ 1) → its offset.
    // detection t1 + 25 000: P0 26 000, P1..P6 25 142, 25 285, 25 428, 25 571, 25 714, 25 857.
    // Registered 1 ms later; outages (from 1): 26 000, 25 142, 25 285, 25 428, 25 571, 25 714, 25 857
    // → max 26 000; sum 178 997 ms = 178.997 s.
    const r = run({
      targets: [cm('CM1'), cm('CM2', { rate: 1000 })],
      pools: [pool('P', 7, ['CM1', 'CM2'])],
      settings: { keepaliveMs: 1000 },
      events: [crash(1, 'CM1')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 7 }],
      [1, { [U]: 7 }],
      [25_143, { CM2: 1, [U]: 6 }],
      [25_286, { CM2: 2, [U]: 5 }],
      [25_429, { CM2: 3, [U]: 4 }],
      [25_572, { CM2: 4, [U]: 3 }],
      [25_715, { CM2: 5, [U]: 2 }],
      [25_858, { CM2: 6, [U]: 1 }],
      [26_001, { CM2: 7 }],
    ]);
    expect(r.pools.P.maxOutage).toBe(26_000);
    expect(r.pools.P.outagePhoneSeconds).toBe(178.997);
  });
});

// ---------------------------------------------------------------------------------------------
// Failures, detection and the registration queue
// ---------------------------------------------------------------------------------------------
describe('failure detection and registration queue', () => {
  const three = (events: EventSpec[], cm2: TargetOpts = {}): ScenarioResult =>
    run({ targets: [cm('CM1'), cm('CM2', cm2)], pools: [pool('P', 3, ['CM1', 'CM2'])], events });

  it('stop is detected at t: all phones request CM2 at once and queue', () => {
    // stop CM1 at 60 000 → detections at 60 000 (step 4), requests in phone order, s = 10:
    // done 60 010, 60 020, 60 030. Outages 10, 20, 30 → max 30, sum 60 ms = 0.06 s.
    const r = three([stop(60_000, 'CM1')]);
    expectTimeline(r, 'P', [
      [0, { CM1: 3 }],
      [60_000, { [U]: 3 }],
      [60_010, { CM2: 1, [U]: 2 }],
      [60_020, { CM2: 2, [U]: 1 }],
      [60_030, { CM2: 3 }],
    ]);
    expect(r.pools.P).toEqual({
      phones: 3,
      maxOutage: 30,
      outagePhoneSeconds: 0.06,
      affectedPhones: 3,
      preservedCalls: 0,
      final: { CM2: 3 },
    });
    expect(r.end).toBe(60_030);
    expect(r.settled).toBe(60_030);
    expect(r.targets.CM2).toEqual({ peak: 3, peakAt: 60_030 });
  });

  it('crash is detected at the first tick ≥ t plus tcp-retry (a tick exactly at t counts)', () => {
    // offsets 0, 10 000, 20 000. crash CM1 at 20 000.
    // t1: P0 30 000, P1 40 000, P2 20 000 (tick == t). Detection +25 000: 55 000, 65 000, 45 000.
    // Registered +10: 55 010, 65 010, 45 010. Outages from 20 000: 35 010, 45 010, 25 010
    // → max 45 010; sum 105 030 ms = 105.03 s.
    const r = three([crash(20_000, 'CM1')]);
    expectTimeline(r, 'P', [
      [0, { CM1: 3 }],
      [20_000, { [U]: 3 }],
      [45_010, { CM2: 1, [U]: 2 }],
      [55_010, { CM2: 2, [U]: 1 }],
      [65_010, { CM2: 3 }],
    ]);
    expect(r.pools.P.maxOutage).toBe(45_010);
    expect(r.pools.P.outagePhoneSeconds).toBe(105.03);
    expect(r.end).toBe(65_010);
  });

  it('hang is detected at the first tick ≥ t plus (missed-keepalives − 1)·K', () => {
    // hang CM1 at 20 000; t1 as for the crash: 30 000, 40 000, 20 000; + 2·30 000:
    // detections 90 000, 100 000, 80 000 → registered 90 010, 100 010, 80 010.
    // Outages: 70 010, 80 010, 60 010 → max 80 010; sum 210 030 ms = 210.03 s.
    const r = three([hang(20_000, 'CM1')]);
    expectTimeline(r, 'P', [
      [0, { CM1: 3 }],
      [20_000, { [U]: 3 }],
      [80_010, { CM2: 1, [U]: 2 }],
      [90_010, { CM2: 2, [U]: 1 }],
      [100_010, { CM2: 3 }],
    ]);
    expect(r.pools.P.maxOutage).toBe(80_010);
    expect(r.pools.P.outagePhoneSeconds).toBe(210.03);
  });

  it('rate 3: done times are real numbers, registered at ceil(done)', () => {
    // CM2 rate 3 → s = 1000/3. stop CM1 at 1000, 3 requests at 1000:
    // done 1333.33… → 1334; 1666.66… → 1667; exactly 2000 → 2000.
    // Outages 334, 667, 1000 → max 1000, sum 2001 ms = 2.001 s.
    const r = three([stop(1000, 'CM1')], { rate: 3 });
    expectTimeline(r, 'P', [
      [0, { CM1: 3 }],
      [1000, { [U]: 3 }],
      [1334, { CM2: 1, [U]: 2 }],
      [1667, { CM2: 2, [U]: 1 }],
      [2000, { CM2: 3 }],
    ]);
    expect(r.pools.P.maxOutage).toBe(1000);
    expect(r.pools.P.outagePhoneSeconds).toBe(2.001);
    expect(r.end).toBe(2000);
  });

  it('rate 7: seven queued registrations, the seventh exactly at t + 1000 (no float drift)', () => {
    // s = 1000/7. stop CM1 at 1000, 7 requests: done = 1000 + 1000k/7, k = 1..7:
    // 1142.86→1143, 1285.71→1286, 1428.57→1429, 1571.43→1572, 1714.29→1715, 1857.14→1858,
    // 2000 exactly → 2000 (naive float accumulation gives 2000.0000000000002 → 2001: wrong).
    // Outages 143, 286, 429, 572, 715, 858, 1000 → sum 4003 ms = 4.003 s.
    const r = run({
      targets: [cm('CM1'), cm('CM2', { rate: 7 })],
      pools: [pool('P', 7, ['CM1', 'CM2'])],
      events: [stop(1000, 'CM1')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 7 }],
      [1000, { [U]: 7 }],
      [1143, { CM2: 1, [U]: 6 }],
      [1286, { CM2: 2, [U]: 5 }],
      [1429, { CM2: 3, [U]: 4 }],
      [1572, { CM2: 4, [U]: 3 }],
      [1715, { CM2: 5, [U]: 2 }],
      [1858, { CM2: 6, [U]: 1 }],
      [2000, { CM2: 7 }],
    ]);
    expect(r.pools.P.maxOutage).toBe(1000);
    expect(r.pools.P.outagePhoneSeconds).toBe(4.003);
    expect(r.end).toBe(2000);
    expect(r.settled).toBe(2000);
  });

  it('free is carried over as a real number between requests at different times', () => {
    // K = 1000, 3 phones: offsets 0, 333, 666. CM2 rate 3 (s = 333.33…). crash CM1 at 1.
    // t1: P0 1000, P1 333, P2 666 → detections 26 000, 25 333, 25 666.
    // P1 at 25 333: start 25 333, done 25 666.33 → 25 667.
    // P2 at 25 666: start max(25 666, 25 666.33) = 25 666.33, done 25 999.67 → 26 000.
    // P0 at 26 000: start max(26 000, 25 999.67) = 26 000, done 26 333.33 → 26 334.
    // Outages from 1: 26 333, 25 666, 25 999 → max 26 333, sum 77 998 ms = 77.998 s.
    const r = run({
      targets: [cm('CM1'), cm('CM2', { rate: 3 })],
      pools: [pool('P', 3, ['CM1', 'CM2'])],
      settings: { keepaliveMs: 1000 },
      events: [crash(1, 'CM1')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 3 }],
      [1, { [U]: 3 }],
      [25_667, { CM2: 1, [U]: 2 }],
      [26_000, { CM2: 2, [U]: 1 }],
      [26_334, { CM2: 3 }],
    ]);
    expect(r.pools.P.maxOutage).toBe(26_333);
    expect(r.pools.P.outagePhoneSeconds).toBe(77.998);
  });

  it('capacity: room = registered + waiting < capacity; refused phones retry at their ticks', () => {
    // K = 1000, 4 phones: offsets 0, 250, 500, 750. CM2 capacity 2.
    // stop CM1 at 100 (ref 0): detections at 100 in phone order:
    //   P0 → CM2 (0 + 0 < 2, waiting), P1 → CM2 (0 + 1 < 2), P2, P3: 0 + 2 not < 2 → no target.
    //   P0 done 110, P1 done 120. P2/P3 ticks at 500, 750, 1500, 1750 find no room.
    // recover CM1 at 2100 (ref 1). Ticks after that, in time order:
    //   2250 P1 (on CM2, CM1 better) falls back → 2260 on CM1;
    //   2500 P2 (out of service) requests CM1 → 2510; 2750 P3 → 2760; 3000 P0 falls back → 3010.
    // Outages: P0 10, P1 20, P2 2410, P3 2660 → max 2660, sum 5100 ms = 5.1 s.
    const r = run({
      targets: [cm('CM1'), cm('CM2', { capacity: 2 })],
      pools: [pool('P', 4, ['CM1', 'CM2'])],
      settings: { keepaliveMs: 1000 },
      events: [stop(100, 'CM1'), recover(2100, 'CM1')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 4 }],
      [100, { [U]: 4 }],
      [110, { CM2: 1, [U]: 3 }],
      [120, { CM2: 2, [U]: 2 }],
      [2260, { CM1: 1, CM2: 1, [U]: 2 }],
      [2510, { CM1: 2, CM2: 1, [U]: 1 }],
      [2760, { CM1: 3, CM2: 1 }],
      [3010, { CM1: 4 }],
    ]);
    expect(r.targets).toEqual({ CM1: { peak: 4, peakAt: 0 }, CM2: { peak: 2, peakAt: 120 } });
    expect(r.pools.P.maxOutage).toBe(2660);
    expect(r.pools.P.outagePhoneSeconds).toBe(5.1);
    expect(r.pools.P.affectedPhones).toBe(4);
    expect(r.end).toBe(3010);
    // "capacity-exceeded: phones turned away because a target was full (at the event that caused it)"
    // → the stop (ref 0) is the only cause.
    expect([...new Set(refsOf(r, 'capacity-exceeded'))]).toEqual([0]);
  });
});

// ---------------------------------------------------------------------------------------------
// Preserved calls
// ---------------------------------------------------------------------------------------------
describe('preserved calls', () => {
  // 2 phones, K = 30 000: offsets 0, 15 000.
  const twoPhones = (events: EventSpec[]): ScenarioResult => run({ targets: [cm('CM1'), cm('CM2')], pools: [pool('P', 2, ['CM1', 'CM2'])], events });

  it('a call ending before detection: idle, waits for the detection; outage counts from the call end', () => {
    // calls P 1 lasting 10 000 at 0 → P0 in a call 0–10 000. crash CM1 at 5 000.
    // P0: t1 = 30 000 (ticks run during calls), detection 55 000 → CM2 at 55 010.
    //     call ended at 10 000 → outage 55 010 − 10 000 = 45 010.
    // P1: t1 = 15 000, detection 40 000 → 40 010; outage 35 010.
    // max 45 010; sum 80 020 ms = 80.02 s; preservedCalls 1.
    const r = twoPhones([calls(0, 'P', 1, 10_000), crash(5_000, 'CM1')]);
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [5_000, { [U]: 2 }],
      [40_010, { CM2: 1, [U]: 1 }],
      [55_010, { CM2: 2 }],
    ]);
    expect(r.pools.P).toEqual({
      phones: 2,
      maxOutage: 45_010,
      outagePhoneSeconds: 80.02,
      affectedPhones: 2,
      preservedCalls: 1,
      final: { CM2: 2 },
    });
    expect(r.end).toBe(55_010);
  });

  it('a call ending after detection: the phone acts at the call end', () => {
    // calls P 1 lasting 100 000 at 0; crash CM1 at 5 000. P0 detects at 55 000 in its call,
    // waits; at the call end 100 000 requests CM2 → 100 010; outage 10 (the call is excluded).
    // P1 as before: 40 010, outage 35 010. max 35 010; sum 35 020 ms = 35.02 s.
    const r = twoPhones([calls(0, 'P', 1, 100_000), crash(5_000, 'CM1')]);
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [5_000, { [U]: 2 }],
      [40_010, { CM2: 1, [U]: 1 }],
      [100_010, { CM2: 2 }],
    ]);
    expect(r.pools.P.maxOutage).toBe(35_010);
    expect(r.pools.P.outagePhoneSeconds).toBe(35.02);
    expect(r.pools.P.preservedCalls).toBe(1);
    expect(r.pools.P.affectedPhones).toBe(2);
    expect(r.end).toBe(100_010);
  });

  it('at the call end a recovered primary is the best target again', () => {
    // calls P 1 lasting 100 000 at 0; stop CM1 at 5 000; recover CM1 at 50 000.
    // P1 detects at 5 000 → CM2 at 5 010; falls back at its tick 75 000 → CM1 at 75 010.
    // P0 (in a call) acts at 100 000: best target CM1 (free 75 010) → 100 010 on CM1.
    // Outages: 10 and 10 → max 10, sum 0.02 s.
    const r = twoPhones([calls(0, 'P', 1, 100_000), stop(5_000, 'CM1'), recover(50_000, 'CM1')]);
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [5_000, { [U]: 2 }],
      [5_010, { CM2: 1, [U]: 1 }],
      [75_010, { CM1: 1, [U]: 1 }],
      [100_010, { CM1: 2 }],
    ]);
    expect(r.pools.P.maxOutage).toBe(10);
    expect(r.pools.P.outagePhoneSeconds).toBe(0.02);
    expect(r.pools.P.preservedCalls).toBe(1);
    expect(r.targets.CM2).toEqual({ peak: 1, peakAt: 5_010 });
  });
});

// ---------------------------------------------------------------------------------------------
// Fallback
// ---------------------------------------------------------------------------------------------
describe('fallback', () => {
  // K = 1000, 4 phones: offsets 0, 250, 500, 750. stop CM1 at 100 → CM2 at 110, 120, 130, 140.
  const fourPhones = (cm1: TargetOpts, events: EventSpec[]): ScenarioResult =>
    run({
      targets: [cm('CM1', cm1), cm('CM2')],
      pools: [pool('P', 4, ['CM1', 'CM2'])],
      settings: { keepaliveMs: 1000 },
      events,
    });
  const afterStop: Array<[number, Counts]> = [
    [0, { CM1: 4 }],
    [100, { [U]: 4 }],
    [110, { CM2: 1, [U]: 3 }],
    [120, { CM2: 2, [U]: 2 }],
    [130, { CM2: 3, [U]: 1 }],
    [140, { CM2: 4 }],
  ];

  it('Q = 1 with a slow rate: a full fallback queue sends phones back to their next tick; they stay in service', () => {
    // CM1 rate 1 (s = 1000), Q = 1. recover CM1 at 1100 (free = 1100).
    // 1250 P1 joins the queue, done 2250. 1500 P2, 1750 P3, 2000 P0: queue full.
    // 2250 P1 on CM1 (queue empty). 2500 P2 joins → 3500. 2750 P3, 3000 P0: full.
    // 3500 P2 on CM1. 3750 P3 joins → 4750. 4000 P0 full. 4750 P3 on CM1. 5000 P0 joins → 6000.
    // Waiting phones stay on CM2 (no unregistered count). Outages only the stop: max 40, 0.1 s.
    const r = fourPhones({ rate: 1, q: 1 }, [stop(100, 'CM1'), recover(1100, 'CM1')]);
    expectTimeline(r, 'P', [...afterStop, [2250, { CM1: 1, CM2: 3 }], [3500, { CM1: 2, CM2: 2 }], [4750, { CM1: 3, CM2: 1 }], [6000, { CM1: 4 }]]);
    expect(r.pools.P.maxOutage).toBe(40);
    expect(r.pools.P.outagePhoneSeconds).toBe(0.1);
    expect(r.targets.CM2).toEqual({ peak: 4, peakAt: 140 });
    expect(r.end).toBe(6000);
    expect(r.settled).toBe(6000);
  });

  it('a fallback-queue place freed in step 3 is free for the same millisecond’s ticks', () => {
    // CM1 rate 4 (s = 250), Q = 1. recover at 1100.
    // 1250 P1 joins, done 1500. 1500: P1 completes (step 3), P2's tick (step 5) joins → 1750.
    // 1750: P2 done, P3 joins → 2000. 2000: P3 done, P0 joins → 2250. 2250: P0 done.
    const r = fourPhones({ rate: 4, q: 1 }, [stop(100, 'CM1'), recover(1100, 'CM1')]);
    expectTimeline(r, 'P', [...afterStop, [1500, { CM1: 1, CM2: 3 }], [1750, { CM1: 2, CM2: 2 }], [2000, { CM1: 3, CM2: 1 }], [2250, { CM1: 4 }]]);
    expect(r.end).toBe(2250);
  });

  it('the fallback target failing flushes the request; the phone stays on its current target and retries', () => {
    // 1 phone, K = 1000, CM1 rate 1. stop CM1 at 100 → CM2 at 110. recover at 500 (free 500).
    // tick 1000: fallback request, start 1000, done 2000. stop CM1 at 1500: request fails,
    // phone leaves the queue, stays on CM2. recover at 1600 (free 1600).
    // tick 2000: fallback again, done 3000 → on CM1 at 3000. Outage only 10.
    const r = run({
      targets: [cm('CM1', { rate: 1 }), cm('CM2')],
      pools: [pool('P', 1, ['CM1', 'CM2'])],
      settings: { keepaliveMs: 1000 },
      events: [stop(100, 'CM1'), recover(500, 'CM1'), stop(1500, 'CM1'), recover(1600, 'CM1')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 1 }],
      [100, { [U]: 1 }],
      [110, { CM2: 1 }],
      [3000, { CM1: 1 }],
    ]);
    expect(r.pools.P.maxOutage).toBe(10);
    expect(r.end).toBe(3000);
    expect(refsOf(r, 'event-no-effect')).toEqual([]);
  });

  it('the current target failing while waiting: the request is kept and its completion cancels the detection', () => {
    // 1 phone, K = 30 000, CM1 rate 1. stop CM1 at 100 → CM2 at 110. recover CM1 at 1000.
    // tick 30 000: fallback request to CM1, done 31 000. crash CM2 at 30 500: the phone is out of
    // service (detection would be 60 000 + 25 000) but keeps its request; at 31 000 it is on CM1
    // and no longer has a detection pending → nothing happens at 85 000: end 31 000.
    // Outages 10 and 500 → max 500, sum 510 ms = 0.51 s.
    const r = run({
      targets: [cm('CM1', { rate: 1 }), cm('CM2')],
      pools: [pool('P', 1, ['CM1', 'CM2'])],
      events: [stop(100, 'CM1'), recover(1000, 'CM1'), crash(30_500, 'CM2')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 1 }],
      [100, { [U]: 1 }],
      [110, { CM2: 1 }],
      [30_500, { [U]: 1 }],
      [31_000, { CM1: 1 }],
    ]);
    expect(r.pools.P.maxOutage).toBe(500);
    expect(r.pools.P.outagePhoneSeconds).toBe(0.51);
    expect(r.end).toBe(31_000);
  });
});

// ---------------------------------------------------------------------------------------------
// SRST
// ---------------------------------------------------------------------------------------------
describe('srst and the connection monitor', () => {
  // Pool B, 2 phones (offsets 0, 15 000), prefers CM1 then BR; monitor 120 000.
  const branch = (events: EventSpec[]): ScenarioResult => run({ targets: [cm('CM1'), srst('BR')], pools: [pool('B', 2, ['CM1', 'BR'])], events });

  it('isolate → detection as for a crash → srst; reconnect; leave srst when tick − reconnect ≥ monitor', () => {
    // isolate B at 10 000: both lose CM1. t1: B0 30 000, B1 15 000; +25 000: 55 000, 40 000.
    // CM1 not available → BR: B1 40 010, B0 55 010.
    // reconnect at 105 000: qualifying ticks need tick − 105 000 ≥ 120 000 → ≥ 225 000.
    // B1 tick 225 000 qualifies exactly (= 120 000) → CM1 at 225 010.
    // B0: 210 000 too early; 240 000 → 240 010.
    // Outages: B0 45 010, B1 30 010 → max 45 010, sum 75.02 s.
    const r = branch([isolate(10_000, 'B'), reconnect(105_000, 'B')]);
    expectTimeline(r, 'B', [
      [0, { CM1: 2 }],
      [10_000, { [U]: 2 }],
      [40_010, { BR: 1, [U]: 1 }],
      [55_010, { BR: 2 }],
      [225_010, { CM1: 1, BR: 1 }],
      [240_010, { CM1: 2 }],
    ]);
    expect(r.targets.BR).toEqual({ peak: 2, peakAt: 55_010 });
    expect(r.pools.B.maxOutage).toBe(45_010);
    expect(r.pools.B.outagePhoneSeconds).toBe(75.02);
    expect(r.end).toBe(240_010);
  });

  it('a flapping reconnect (isolated again before the monitor ends) restarts the wait', () => {
    // As above, plus isolate at 150 000 (phones are on BR: nothing lost) and reconnect at 160 000.
    // Now ticks need tick − 160 000 ≥ 120 000 → ≥ 280 000.
    // B1: 255 000 too early, 285 000 → 285 010. B0: 270 000 too early, 300 000 → 300 010.
    const r = branch([isolate(10_000, 'B'), reconnect(105_000, 'B'), isolate(150_000, 'B'), reconnect(160_000, 'B')]);
    expectTimeline(r, 'B', [
      [0, { CM1: 2 }],
      [10_000, { [U]: 2 }],
      [40_010, { BR: 1, [U]: 1 }],
      [55_010, { BR: 2 }],
      [285_010, { CM1: 1, BR: 1 }],
      [300_010, { CM1: 2 }],
    ]);
    expect(r.end).toBe(300_010);
    expect(refsOf(r, 'event-no-effect')).toEqual([]);
  });

  it('the monitor guards only leaving srst: an out-of-service phone requests the callmanager at its next tick', () => {
    // BR capacity 1. stop CM1 at 100: B0 → BR (0 < 1) → 110; B1: BR 0 + 1 waiting, no room →
    // unregistered. recover CM1 at 1000.
    // B1 tick 15 000 (out of service) → CM1 at 15 010, no monitor wait.
    // B0 on BR: needs tick − 1000 ≥ 120 000 → ticks 30 000 … 120 000 too early; 150 000 → 150 010.
    // Outages: B0 10, B1 14 910 → max 14 910, sum 14.92 s.
    const r = run({
      targets: [cm('CM1'), srst('BR', { capacity: 1 })],
      pools: [pool('B', 2, ['CM1', 'BR'])],
      events: [stop(100, 'CM1'), recover(1000, 'CM1')],
    });
    expectTimeline(r, 'B', [
      [0, { CM1: 2 }],
      [100, { [U]: 2 }],
      [110, { BR: 1, [U]: 1 }],
      [15_010, { CM1: 1, BR: 1 }],
      [150_010, { CM1: 2 }],
    ]);
    expect(r.pools.B.maxOutage).toBe(14_910);
    expect(r.pools.B.outagePhoneSeconds).toBe(14.92);
    expect(r.end).toBe(150_010);
  });

  it('reconnected before detection: the phone registers with the callmanager at detection; repeated isolate/reconnect have no effect', () => {
    // 1 phone (offset 0). isolate at 1000 (ref 0): loses CM1, t1 = 30 000, detection 55 000.
    // isolate at 2000 (ref 1): already isolated → event-no-effect. reconnect at 3000 (ref 2).
    // reconnect at 4000 (ref 3): connected → event-no-effect.
    // At 55 000 the best target is CM1 (available again) → 55 010 on CM1. Outage 54 010.
    const r = run({
      targets: [cm('CM1'), srst('BR')],
      pools: [pool('B', 1, ['CM1', 'BR'])],
      events: [isolate(1000, 'B'), isolate(2000, 'B'), reconnect(3000, 'B'), reconnect(4000, 'B')],
    });
    expectTimeline(r, 'B', [
      [0, { CM1: 1 }],
      [1000, { [U]: 1 }],
      [55_010, { CM1: 1 }],
    ]);
    expect(r.pools.B.maxOutage).toBe(54_010);
    expect(refsOf(r, 'event-no-effect')).toEqual([1, 3]);
    expect(r.targets.BR).toEqual({ peak: 0, peakAt: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// Reset
// ---------------------------------------------------------------------------------------------
describe('reset', () => {
  it('idle phones unregister at t and request at t + reset-time', () => {
    // reset P at 1000 → both out of service at 1000, request CM1 at 61 000: 61 010, 61 020.
    // Outages 60 010, 60 020 → max 60 020, sum 120.03 s.
    const r = run({ targets: [cm('CM1')], pools: [pool('P', 2, ['CM1'])], events: [reset(1000, 'P')] });
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [1000, { [U]: 2 }],
      [61_010, { CM1: 1, [U]: 1 }],
      [61_020, { CM1: 2 }],
    ]);
    expect(r.pools.P.maxOutage).toBe(60_020);
    expect(r.pools.P.outagePhoneSeconds).toBe(120.03);
    expect(r.end).toBe(61_020);
  });

  it('a phone in a call resets when its call ends (boots at call end + reset-time)', () => {
    // calls P 1 lasting 5000 at 0 (P0); reset P at 1000.
    // P1 idle: out at 1000, boots 61 000 → 61 010. P0: out at 5000 (call end), boots 65 000 → 65 010.
    // Outages 60 010 each → max 60 010, sum 120.02 s. The call never lost service: 0 preserved.
    const r = run({
      targets: [cm('CM1')],
      pools: [pool('P', 2, ['CM1'])],
      events: [calls(0, 'P', 1, 5000), reset(1000, 'P')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [1000, { CM1: 1, [U]: 1 }],
      [5000, { [U]: 2 }],
      [61_010, { CM1: 1, [U]: 1 }],
      [65_010, { CM1: 2 }],
    ]);
    expect(r.pools.P.maxOutage).toBe(60_010);
    expect(r.pools.P.outagePhoneSeconds).toBe(120.02);
    expect(r.pools.P.preservedCalls).toBe(0);
    expect(r.end).toBe(65_010);
  });

  it('a reset abandons queued requests without rolling back free', () => {
    // CM2 rate 1 (s = 1000), reset-time 1000. stop CM1 at 100: P0 → CM2 done 1100, P1 done 2100;
    // free = 2100. reset P at 500: both queued, out of service → reset at once, leave the queue.
    // Boot at 1500: P0 start max(1500, 2100) = 2100 → 3100; P1 → 4100.
    // Outages 3000, 4000 → max 4000, sum 7 s.
    const r = run({
      targets: [cm('CM1'), cm('CM2', { rate: 1 })],
      pools: [pool('P', 2, ['CM1', 'CM2'])],
      settings: { resetTimeMs: 1000 },
      events: [stop(100, 'CM1'), reset(500, 'P')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [100, { [U]: 2 }],
      [3100, { CM2: 1, [U]: 1 }],
      [4100, { CM2: 2 }],
    ]);
    expect(r.pools.P.maxOutage).toBe(4000);
    expect(r.pools.P.outagePhoneSeconds).toBe(7);
    expect(r.end).toBe(4100);
  });

  it('a reset pending in a preserved call boots at call end + reset-time', () => {
    // calls P 1 lasting 10 000 at 0; stop CM1 at 2000; reset P at 3000.
    // P1: detects at 2000 → CM2 2010; reset at 3000 → boots 63 000 → CM2 63 010.
    // P0: preserved call; reset pending; at 10 000 boots until 70 000 → CM2 at 70 010.
    // Outages: P0 70 010 − 10 000 = 60 010; P1 10 + 60 010. max 60 010, sum 120 030 ms.
    const r = run({
      targets: [cm('CM1'), cm('CM2')],
      pools: [pool('P', 2, ['CM1', 'CM2'])],
      events: [calls(0, 'P', 1, 10_000), stop(2000, 'CM1'), reset(3000, 'P')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [2000, { [U]: 2 }],
      [2010, { CM2: 1, [U]: 1 }],
      [3000, { [U]: 2 }],
      [63_010, { CM2: 1, [U]: 1 }],
      [70_010, { CM2: 2 }],
    ]);
    expect(r.pools.P.maxOutage).toBe(60_010);
    expect(r.pools.P.outagePhoneSeconds).toBe(120.03);
    expect(r.pools.P.preservedCalls).toBe(1);
    expect(r.end).toBe(70_010);
  });
});

// ---------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------
describe('calls', () => {
  // 10 phones, calls at 0 lasting 5000, stop CM1 at 1000. Idle phones request CM2 at 1000
  // (s = 10); call phones are preserved and request at 5000.
  it.each([
    // number 3: phones 0–2 in calls; 7 idle → 1010…1070; calls end → 5010, 5020, 5030. max 70.
    { label: 'number 3', count: num(3), preserved: 3, end: 5030, maxOutage: 70 },
    // 25 % of 10 = floor(2.5) = 2; 8 idle → 1010…1080; 5010, 5020. max 80.
    { label: '25 %', count: pct(25), preserved: 2, end: 5020, maxOutage: 80 },
    // all: 10 in calls → 5010…5100. max 100.
    { label: 'all', count: ALL, preserved: 10, end: 5100, maxOutage: 100 },
    // none / 0: nothing placed; 10 idle → 1010…1100.
    { label: 'none', count: NONE, preserved: 0, end: 1100, maxOutage: 100 },
    { label: 'number 0', count: num(0), preserved: 0, end: 1100, maxOutage: 100 },
  ])('calls $label', ({ count, preserved, end, maxOutage }) => {
    const r = run({
      targets: [cm('CM1'), cm('CM2')],
      pools: [pool('P', 10, ['CM1', 'CM2'])],
      events: [calls(0, 'P', count, 5000), stop(1000, 'CM1')],
    });
    expect(r.pools.P.preservedCalls).toBe(preserved);
    expect(r.end).toBe(end);
    expect(r.pools.P.maxOutage).toBe(maxOutage);
    expect(r.pools.P.final).toEqual({ CM2: 10 });
    expect(refsOf(r, 'calls-not-placed')).toEqual([]);
  });

  it('fewer eligible phones: as many as there are and a calls-not-placed finding; the call end sets end', () => {
    // CM1 capacity 2, 4 phones preferring only CM1: P0, P1 on CM1, P2, P3 unregistered.
    // calls P 3 lasting 1000 at 0 (ref 0): 2 eligible → 2 calls, calls-not-placed (ref 0).
    // Nothing else happens, but "a call end, even one that changes nothing" sets end = 1000.
    // P2, P3 out of service 0–1000 → max 1000, sum 2 s, 2 affected.
    const r = run({
      targets: [cm('CM1', { capacity: 2 })],
      pools: [pool('P', 4, ['CM1'])],
      events: [calls(0, 'P', 3, 1000)],
    });
    expect(refsOf(r, 'calls-not-placed')).toEqual([0]);
    expect(r.end).toBe(1000);
    expect(r.settled).toBe(0);
    expectTimeline(r, 'P', [[0, { CM1: 2, [U]: 2 }]]);
    expect(r.pools.P.maxOutage).toBe(1000);
    expect(r.pools.P.outagePhoneSeconds).toBe(2);
    expect(r.pools.P.affectedPhones).toBe(2);
    expect(r.pools.P.preservedCalls).toBe(0);
  });

  it('a call lasting 0 placed before a stop in the same millisecond is preserved and ends in step 2', () => {
    // File order at 1000: calls P all lasting 0 (ref 0), then stop CM1 (ref 1).
    // Step 1: both phones start a call, then lose CM1 while in it → 2 preserved calls (literal
    // reading of "calls that were in progress when their phone lost service").
    // Step 2: calls end → idle, waiting for the detection; step 4: stop detected → CM2 1010, 1020.
    const r = run({
      targets: [cm('CM1'), cm('CM2')],
      pools: [pool('P', 2, ['CM1', 'CM2'])],
      events: [calls(1000, 'P', ALL, 0), stop(1000, 'CM1')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [1000, { [U]: 2 }],
      [1010, { CM2: 1, [U]: 1 }],
      [1020, { CM2: 2 }],
    ]);
    expect(r.pools.P.preservedCalls).toBe(2);
    expect(r.pools.P.maxOutage).toBe(20);
    expect(refsOf(r, 'calls-not-placed')).toEqual([]);
    expect(r.end).toBe(1020);
  });

  it('calls after a stop in the same millisecond find no phone in service', () => {
    // File order at 1000: stop CM1 (ref 0), then calls P all lasting 0 (ref 1): phones are out of
    // service after the stop → nothing placed, calls-not-placed (ref 1), 0 preserved.
    const r = run({
      targets: [cm('CM1'), cm('CM2')],
      pools: [pool('P', 2, ['CM1', 'CM2'])],
      events: [stop(1000, 'CM1'), calls(1000, 'P', ALL, 0)],
    });
    expect(refsOf(r, 'calls-not-placed')).toEqual([1]);
    expect(r.pools.P.preservedCalls).toBe(0);
    expect(r.pools.P.maxOutage).toBe(20);
    expect(r.end).toBe(1020);
  });
});

// ---------------------------------------------------------------------------------------------
// Order within one millisecond, no-effect events
// ---------------------------------------------------------------------------------------------
describe('order and no-effect events', () => {
  const twoPhones = (events: EventSpec[]): ScenarioResult => run({ targets: [cm('CM1'), cm('CM2')], pools: [pool('P', 2, ['CM1', 'CM2'])], events });

  it('stop and recover in the same millisecond send the phones straight back', () => {
    // stop CM1 at 60 000 then recover CM1 at 60 000: the stop is detected in step 4, after the
    // recover; best target CM1 (free = 60 000) → 60 010, 60 020 on CM1. CM2 never used.
    const r = twoPhones([stop(60_000, 'CM1'), recover(60_000, 'CM1')]);
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [60_000, { [U]: 2 }],
      [60_010, { CM1: 1, [U]: 1 }],
      [60_020, { CM1: 2 }],
    ]);
    expect(r.targets.CM2).toEqual({ peak: 0, peakAt: 0 });
    expect(r.pools.P.maxOutage).toBe(20);
    expect(refsOf(r, 'event-no-effect')).toEqual([]);
  });

  it('events at one time run in file order (recover before stop: the recover is a no-effect)', () => {
    // recover CM1 (ref 0, CM1 is up → no effect), then stop CM1 (ref 1) → CM2 at 60 010, 60 020.
    const r = twoPhones([recover(60_000, 'CM1'), stop(60_000, 'CM1')]);
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [60_000, { [U]: 2 }],
      [60_010, { CM2: 1, [U]: 1 }],
      [60_020, { CM2: 2 }],
    ]);
    expect(refsOf(r, 'event-no-effect')).toEqual([0]);
  });

  it('events are ordered by time, not by file position', () => {
    // File: stop CM1 at 60 000 (ref 0), recover CM1 at 30 000 (ref 1). By time, the recover comes
    // first, when CM1 is up → no effect; the stop then moves the phones to CM2 for good.
    const r = twoPhones([stop(60_000, 'CM1'), recover(30_000, 'CM1')]);
    expect(refsOf(r, 'event-no-effect')).toEqual([1]);
    expect(r.pools.P.final).toEqual({ CM2: 2 });
    expect(r.end).toBe(60_020);
  });

  it('no-effect events get a finding and do not restart detections', () => {
    // offsets 0, 15 000. reconnect P at 1000 (ref 0, connected → no effect);
    // crash CM1 at 20 000 (ref 1): t1 P0 30 000 → 55 000; P1 45 000 → 70 000.
    // crash CM1 at 50 000 (ref 2) and stop CM1 at 60 000 (ref 3): CM1 is down → no effect (a
    // stop that counted would make P1 detect at 60 000). recover CM2 at 200 000 (ref 4, up).
    // Registered 55 010, 70 010; end = last event 200 000; settled 70 010.
    const r = twoPhones([reconnect(1000, 'P'), crash(20_000, 'CM1'), crash(50_000, 'CM1'), stop(60_000, 'CM1'), recover(200_000, 'CM2')]);
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [20_000, { [U]: 2 }],
      [55_010, { CM2: 1, [U]: 1 }],
      [70_010, { CM2: 2 }],
    ]);
    expect([...refsOf(r, 'event-no-effect')].sort((a, b) => a - b)).toEqual([0, 2, 3, 4]);
    expect(r.pools.P.maxOutage).toBe(50_010);
    expect(r.pools.P.outagePhoneSeconds).toBe(85.02);
    expect(r.end).toBe(200_000);
    expect(r.settled).toBe(70_010);
  });

  it('peak is taken over end-of-millisecond states: a rise and fall inside one millisecond is no peak', () => {
    // K = 1000 (both pools' phone 0 has offset 0), reset-time 1000, CM1 and CM2 rate 3.
    // Start: A0 (prefers CM2 only) on CM2; B0 (prefers CM1, CM2) on CM1.
    // 1000: reset A → A0 out, boots 2000; stop CM1 → B0 requests CM2: done 1333.33 → 1334.
    // 1500: recover CM1 (free 1500).
    // 2000: A0 boots (step 4): CM2, start 2000, done 2333.33; B0 ticks (step 5): falls back to CM1,
    //       start 2000, done 2333.33.
    // 2334: same done → request order: A0 arrives on CM2 (2 for an instant), then B0 leaves it.
    // End-of-ms CM2 is 1 at most → peak 1 first reached at 0.
    const r = run({
      targets: [cm('CM1', { rate: 3 }), cm('CM2', { rate: 3 })],
      pools: [pool('A', 1, ['CM2']), pool('B', 1, ['CM1', 'CM2'])],
      settings: { keepaliveMs: 1000, resetTimeMs: 1000 },
      events: [reset(1000, 'A'), stop(1000, 'CM1'), recover(1500, 'CM1')],
    });
    expect(r.timeline).toEqual([
      { t: 0, pools: { A: { CM2: 1 }, B: { CM1: 1 } } },
      { t: 1000, pools: { A: { [U]: 1 }, B: { [U]: 1 } } },
      { t: 1334, pools: { A: { [U]: 1 }, B: { CM2: 1 } } },
      { t: 2334, pools: { A: { CM2: 1 }, B: { CM1: 1 } } },
    ]);
    expect(r.targets).toEqual({ CM1: { peak: 1, peakAt: 0 }, CM2: { peak: 1, peakAt: 0 } });
    expect(r.pools.A.maxOutage).toBe(1334);
    expect(r.pools.B.maxOutage).toBe(334);
    expect(r.end).toBe(2334);
  });
});

// ---------------------------------------------------------------------------------------------
// End of a scenario
// ---------------------------------------------------------------------------------------------
describe('end', () => {
  const threeStop = (expectations: ExpSpec[]): ScenarioResult =>
    run({
      targets: [cm('CM1'), cm('CM2')],
      pools: [pool('P', 3, ['CM1', 'CM2'])],
      events: [stop(60_000, 'CM1')],
      expectations,
    });

  it('the last `at … expect` time extends the end; `expect settled by` does not', () => {
    // Last change at 60 030 (see the stop case). With `at 10m expect …` end = 600 000.
    const r = threeStop([
      { kind: 'on', at: 10 * MIN, pool: 'P', target: 'CM2', comparison: '==', count: ALL },
      { kind: 'settled', by: 15 * MIN },
    ]);
    expect(r.end).toBe(600_000);
    expect(r.settled).toBe(60_030);
    expect(expResult(r, 0).passed).toBe(true);
    expect(expResult(r, 1).passed).toBe(true);
    // Only `expect settled by 15m`: end is the last pending thing, 60 030.
    const r2 = threeStop([{ kind: 'settled', by: 15 * MIN }]);
    expect(r2.end).toBe(60_030);
    expect(expResult(r2, 0).passed).toBe(true);
  });

  it('still busy 24 h after the last event (a preserved call): stops there with simulation-limit', () => {
    // calls P 1 lasting 100 000 000 at 0; stop CM1 at 1000 → the phone is in a preserved call,
    // its call end (100 000 000) is pending past 1000 + 86 400 000 = 86 401 000 → end 86 401 000.
    // "a phone still in a preserved call there is out of service with no outage".
    const r = run({
      targets: [cm('CM1'), cm('CM2')],
      pools: [pool('P', 1, ['CM1', 'CM2'])],
      events: [calls(0, 'P', 1, 100_000_000), stop(1000, 'CM1')],
    });
    expect(r.end).toBe(86_401_000);
    expect(r.settled).toBe(1000);
    expect(refsOf(r, 'simulation-limit').length).toBe(1);
    expectTimeline(r, 'P', [
      [0, { CM1: 1 }],
      [1000, { [U]: 1 }],
    ]);
    expect(r.pools.P).toEqual({
      phones: 1,
      maxOutage: 0,
      outagePhoneSeconds: 0,
      affectedPhones: 0,
      preservedCalls: 1,
      final: { [U]: 1 },
    });
  });

  it('a pending call end keeps the scenario going even when it would change nothing', () => {
    // calls P 1 lasting 100 000 000 at 0 and no other event: the call end is pending, so at
    // last event (0) + 86 400 000 the run stops with simulation-limit. (Literal reading of
    // "no pending … call end" and "a call end, even one that changes nothing".)
    const r = run({
      targets: [cm('CM1')],
      pools: [pool('P', 1, ['CM1'])],
      events: [calls(0, 'P', 1, 100_000_000)],
    });
    expect(r.end).toBe(86_400_000);
    expect(r.settled).toBe(0);
    expect(refsOf(r, 'simulation-limit').length).toBe(1);
    expect(r.pools.P.maxOutage).toBe(0);
    expect(r.pools.P.final).toEqual({ CM1: 1 });
  });
});

// ---------------------------------------------------------------------------------------------
// Expectations
// ---------------------------------------------------------------------------------------------
describe('expectations', () => {
  it('on / outage / peak / settled with every comparison, counts, percents, all and none', () => {
    // 4 phones, stop CM1 at 60 000 → CM2 at 60 010, 60 020, 60 030, 60 040; maxOutage 40;
    // CM2 peak 4; settled 60 040.
    const r = run({
      targets: [cm('CM1'), cm('CM2')],
      pools: [pool('P', 4, ['CM1', 'CM2'])],
      events: [stop(60_000, 'CM1')],
      expectations: [
        /* 0 */ { kind: 'on', at: 60_010, pool: 'P', target: 'CM2', comparison: '==', count: num(1) }, // 1 == 1
        /* 1 */ { kind: 'on', at: 60_025, pool: 'P', target: 'CM2', comparison: '>=', count: pct(50) }, // 2 >= floor(2)
        /* 2 */ { kind: 'on', at: 60_025, pool: 'P', target: U, comparison: '==', count: num(2) }, // 2 == 2
        /* 3 */ { kind: 'on', at: 60_030, pool: 'P', target: 'CM2', comparison: '==', count: pct(75) }, // 3 == 3
        /* 4 */ { kind: 'on', at: 60_010, pool: 'P', target: 'CM2', comparison: '<=', count: pct(30) }, // 1 <= floor(1.2)
        /* 5 */ { kind: 'on', at: 60_039, pool: 'P', target: 'CM2', comparison: '==', count: ALL }, // 3 == 4 ✗
        /* 6 */ { kind: 'on', at: 60_040, pool: 'P', target: 'CM2', comparison: '==', count: ALL }, // 4 == 4
        /* 7 */ { kind: 'on', at: 60_000, pool: 'P', target: 'CM1', comparison: '>', count: num(0) }, // 0 > 0 ✗
        /* 8 */ { kind: 'on', at: 100, pool: 'P', target: 'CM2', comparison: '==', count: NONE }, // 0 == 0
        /* 9 */ { kind: 'on', at: 60_025, pool: 'P', target: 'CM2', comparison: '!=', count: num(2) }, // 2 != 2 ✗
        /* 10 */ { kind: 'on', at: 60_025, pool: 'P', target: 'CM2', comparison: '<', count: num(2) }, // 2 < 2 ✗
        /* 11 */ { kind: 'outage', pool: 'P', comparison: '<=', ms: 40 }, // 40 <= 40
        /* 12 */ { kind: 'outage', pool: 'P', comparison: '<', ms: 40 }, // 40 < 40 ✗
        /* 13 */ { kind: 'peak', target: 'CM2', comparison: '==', value: 4 }, // 4 == 4
        /* 14 */ { kind: 'peak', target: 'CM2', comparison: '>', value: 4 }, // 4 > 4 ✗
        /* 15 */ { kind: 'settled', by: 60_040 }, // 60 040 <= 60 040
        /* 16 */ { kind: 'settled', by: 60_039 }, // 60 040 <= 60 039 ✗
        /* 17 */ { kind: 'on', at: 60_040, pool: 'P', target: 'CM2', comparison: '<', count: pct(150) }, // 4 < floor(6)
        /* 18 */ { kind: 'on', at: 60_040, pool: 'P', target: 'CM2', comparison: '<=', count: num(5) }, // 4 <= 5
      ],
    });
    const passed = r.expectations
      .slice()
      .sort((a, b) => a.ref - b.ref)
      .map((e) => e.passed);
    expect(passed).toEqual([true, true, true, true, true, false, true, false, true, false, false, true, false, true, false, true, false, true, true]);
    // messages state the actual value
    expect(expResult(r, 5).message).toContain('3');
    expect(expResult(r, 9).message).toContain('2');
    expect(expResult(r, 12).message).toContain('40');
    expect(expResult(r, 14).message).toContain('4');
    // the last `at` time (60 040) equals the last change
    expect(r.end).toBe(60_040);
    expect(r.settled).toBe(60_040);
  });
});

// ---------------------------------------------------------------------------------------------
// SIMULATION.md's worked example: CM1, CM2, group G { CM1, CM2 }, pool HQ { group G phones 100 }
// Offsets 300·i.
// ---------------------------------------------------------------------------------------------
describe('worked example of SIMULATION.md', () => {
  const hq = (events: EventSpec[]): ScenarioResult => run({ targets: [cm('CM1'), cm('CM2')], pools: [pool('HQ', 100, ['CM1', 'CM2'])], events });

  it('at 1m stop CM1: phone i on CM2 at 60 000 + 10·(i+1); maxOutage 1000; 50.5 phone-seconds', () => {
    // Sum of outages 10·(1 + … + 100) = 50 500 ms.
    const r = hq([stop(1 * MIN, 'CM1')]);
    expect(r.pools.HQ.maxOutage).toBe(1000);
    expect(r.pools.HQ.outagePhoneSeconds).toBe(50.5);
    expect(r.pools.HQ.affectedPhones).toBe(100);
    expect(r.timeline.length).toBe(102); // 0, 60 000, then 60 010 … 61 000
    expect(r.timeline[2]).toEqual({ t: 60_010, pools: { HQ: { CM2: 1, [U]: 99 } } });
    expect(r.timeline[101]).toEqual({ t: 61_000, pools: { HQ: { CM2: 100 } } });
    expect(r.end).toBe(61_000);
    expect(r.targets.CM2).toEqual({ peak: 100, peakAt: 61_000 });
  });

  it('at 1m crash CM1: detection at 85 000 + 300·i, registered 10 ms later; maxOutage 54 710', () => {
    // Outage of phone i: 25 010 + 300·i; sum = 100·25 010 + 300·4950 = 3 986 000 ms.
    // Last registration: 85 000 + 29 700 + 10 = 114 710.
    const r = hq([crash(1 * MIN, 'CM1')]);
    expect(r.pools.HQ.maxOutage).toBe(54_710);
    expect(r.pools.HQ.outagePhoneSeconds).toBe(3986);
    expect(r.timeline[2]).toEqual({ t: 85_010, pools: { HQ: { CM2: 1, [U]: 99 } } });
    expect(r.end).toBe(114_710);
    expect(r.settled).toBe(114_710);
  });

  it('calls HQ 30 lasting 5m before the crash: phones 0–29 register at 300 010 … 300 300', () => {
    // Phones 30–99: outage 25 010 + 300·i, sum 70·25 010 + 300·(30+…+99 = 4515) = 3 105 200.
    // Phones 0–29: requests at 300 000 → outage 10·(k+1), sum 4650. Total 3 109 850 ms.
    const r = hq([calls(0, 'HQ', 30, 5 * MIN), crash(1 * MIN, 'CM1')]);
    expect(r.pools.HQ.preservedCalls).toBe(30);
    expect(r.pools.HQ.maxOutage).toBe(54_710);
    expect(r.pools.HQ.outagePhoneSeconds).toBe(3109.85);
    const last = r.timeline.slice(-2);
    expect(last).toEqual([
      { t: 300_290, pools: { HQ: { CM2: 99, [U]: 1 } } },
      { t: 300_300, pools: { HQ: { CM2: 100 } } },
    ]);
    expect(r.timeline.find((e) => e.t === 300_010)).toEqual({ t: 300_010, pools: { HQ: { CM2: 71, [U]: 29 } } });
    expect(r.end).toBe(300_300);
  });

  it('at 10m recover CM1: phone i on CM1 at 600 000 + 300·i + 10', () => {
    const r = hq([stop(1 * MIN, 'CM1'), recover(10 * MIN, 'CM1')]);
    expect(r.timeline.length).toBe(202);
    expect(r.timeline[102]).toEqual({ t: 600_010, pools: { HQ: { CM1: 1, CM2: 99 } } });
    expect(r.timeline[201]).toEqual({ t: 629_710, pools: { HQ: { CM1: 100 } } });
    expect(r.settled).toBe(629_710);
    expect(r.end).toBe(629_710);
    expect(r.pools.HQ.maxOutage).toBe(1000);
    expect(r.targets).toEqual({ CM1: { peak: 100, peakAt: 0 }, CM2: { peak: 100, peakAt: 61_000 } });
  });

  it('CM1 capacity 60 + srst BR, no events: phones 0–59 on CM1, 60–99 on BR from 0', () => {
    const r = run({
      targets: [cm('CM1', { capacity: 60 }), srst('BR')],
      pools: [pool('HQ', 100, ['CM1', 'BR'])],
    });
    expect(r.timeline).toEqual([{ t: 0, pools: { HQ: { CM1: 60, BR: 40 } } }]);
    expect(r.end).toBe(0);
    expect(r.targets).toEqual({ CM1: { peak: 60, peakAt: 0 }, BR: { peak: 40, peakAt: 0 } });
    expect(r.pools.HQ.maxOutage).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// LANGUAGE.md's example with PRODUCT.md's printed figures (re-derived by hand, see comments).
// ---------------------------------------------------------------------------------------------
describe('LANGUAGE.md example (PRODUCT.md figures)', () => {
  const targets = [cm('CM1', { capacity: 2500 }), cm('CM2', { capacity: 2500, rate: 125 }), cm('CM3'), srst('BR1-RTR', { capacity: 48 })];
  const pools = [pool('HQ', 1200, ['CM1', 'CM2', 'CM3']), pool('BRANCH1', 40, ['CM2', 'CM1', 'BR1-RTR'], 60 * S)];

  it('"CM1 crash at peak"', () => {
    // HQ offsets 25·i. 30 % → 360 calls (phones 0–359) until 600 000. crash at 60 000:
    // detection 85 000 + 25·i; phones 360–1199 on CM2 (s = 8) at 85 008 + 25·i; max outage phone
    // 1199: 114 983 − 60 000 = 54 983. At 5m: 840 on CM2. Call ends at 600 000: 360 requests →
    // 600 008 … 602 880 (CM2 1200 + BRANCH1 40 = 1240). Outage sum: Σ(25 008 + 25i, i=360..1199)
    // = 37 376 220 plus 8·(1+…+360) = 519 840 → 37 896.06 s. recover at 20m: ticks 1 200 000 +
    // 25i, CM1 s = 10 → last 1 229 985 = settled. end = 40m expectation = 2 400 000.
    const r = run({
      targets,
      pools,
      events: [calls(0, 'HQ', pct(30), 10 * MIN), crash(1 * MIN, 'CM1'), recover(20 * MIN, 'CM1')],
      expectations: [
        { kind: 'on', at: 5 * MIN, pool: 'HQ', target: 'CM2', comparison: '>=', count: num(800) },
        { kind: 'on', at: 40 * MIN, pool: 'HQ', target: 'CM1', comparison: '==', count: ALL },
        { kind: 'outage', pool: 'HQ', comparison: '<=', ms: 5 * MIN },
        { kind: 'peak', target: 'CM2', comparison: '<=', value: 2500 },
        { kind: 'settled', by: 45 * MIN },
      ],
    });
    expect(r.end).toBe(2_400_000);
    expect(r.settled).toBe(1_229_985);
    expect(r.pools).toEqual({
      HQ: {
        phones: 1200,
        maxOutage: 54_983,
        outagePhoneSeconds: 37_896.06,
        affectedPhones: 1200,
        preservedCalls: 360,
        final: { CM1: 1200 },
      },
      BRANCH1: { phones: 40, maxOutage: 0, outagePhoneSeconds: 0, affectedPhones: 0, preservedCalls: 0, final: { CM2: 40 } },
    });
    expect(r.targets).toEqual({
      CM1: { peak: 1200, peakAt: 0 },
      CM2: { peak: 1240, peakAt: 602_880 },
      CM3: { peak: 0, peakAt: 0 },
      'BR1-RTR': { peak: 0, peakAt: 0 },
    });
    expect(r.timeline[0]).toEqual({ t: 0, pools: { HQ: { CM1: 1200 }, BRANCH1: { CM2: 40 } } });
    expect([...r.expectations].sort((a, b) => a.ref - b.ref).map((e) => e.passed)).toEqual([true, true, true, true, true]);
    expect(expResult(r, 0).message).toContain('840');
    expect(r.findings).toEqual([]);
  });

  it('"Branch WAN cut"', () => {
    // tcp-retry 20s. BRANCH1 offsets 750·i. isolate at 10 000: t1 = 750i for i ≥ 14, 30 000 + 750i
    // for i ≤ 13; detection +20 000; BR1-RTR +10 → last is phone 13 at 59 760 (peak 40 at 59 760),
    // maxOutage 49 760. Outage sum Σ750i + 26·10 010 + 14·40 010 = 1 405 400 ms.
    // reconnect at 15m: monitor 60s → ticks ≥ 960 000 → 960 000 + 750i, CM2 s = 8 → last 989 258.
    const r = run({
      targets,
      pools,
      settings: { tcpRetryMs: 20 * S },
      events: [isolate(10 * S, 'BRANCH1'), reconnect(15 * MIN, 'BRANCH1')],
      expectations: [
        { kind: 'on', at: 2 * MIN, pool: 'BRANCH1', target: 'BR1-RTR', comparison: '==', count: ALL },
        { kind: 'on', at: 20 * MIN, pool: 'BRANCH1', target: 'CM2', comparison: '==', count: ALL },
      ],
    });
    expect(r.end).toBe(1_200_000);
    expect(r.settled).toBe(989_258);
    expect(r.pools.BRANCH1).toEqual({
      phones: 40,
      maxOutage: 49_760,
      outagePhoneSeconds: 1405.4,
      affectedPhones: 40,
      preservedCalls: 0,
      final: { CM2: 40 },
    });
    expect(r.pools.HQ.maxOutage).toBe(0);
    expect(r.targets['BR1-RTR']).toEqual({ peak: 40, peakAt: 59_760 });
    expect([...r.expectations].sort((a, b) => a.ref - b.ref).map((e) => e.passed)).toEqual([true, true]);
  });
});
