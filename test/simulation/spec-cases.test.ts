// SIMULATION.md, the timing model, case by case: one small scenario per rule, in the page's order
// (start state, detection and the registration queue, preserved calls, fallback, srst, reset,
// calls, the order within one millisecond, the end, expectations), then the page's worked
// example and LANGUAGE.md's example with PRODUCT.md's printed figures. Every expected figure is
// worked out by hand from the page, with the arithmetic in the comments.
//
// Defaults unless a case says otherwise: K = 30 000 ms, missed-keepalives 3, tcp-retry 25 000,
// reset-time 60 000, registration rate 100/s (s = 10 ms), Q = 10, connection-monitor 120 000.
// Phone i of a pool of N has offset floor(i·K/N) and ticks at offset + k·K. Each step's ref is
// its place in the case: events first, then expectations.
import { describe, expect, it } from 'vitest';
import type { Counts, ScenarioResult } from '../../server/src/core/simulation/model';
import {
  MINUTE,
  SECOND,
  U,
  all,
  callManager,
  calls,
  crash,
  devicePool,
  expectTimeline,
  hang,
  isolate,
  none,
  outcomeOf,
  percent,
  phones,
  reconnect,
  recover,
  refsOf,
  reset,
  run,
  srstRouter,
  stop,
  timelineOf,
  type Case,
  type EventStep,
  type ExpectStep,
  type TargetOptions,
} from '../support/simulationBuilders';

// ---------------------------------------------------------------------------------------------
// Start state
// ---------------------------------------------------------------------------------------------
describe('start state', () => {
  it('places phones at 0 pool by pool, phone by phone; a full callmanager is passed over', () => {
    // CM1 capacity 2. Pool A (1 phone) then pool B (2 phones), both prefer CM1 then CM2.
    // A0 -> CM1 (0<2), B0 -> CM1 (1<2), B1: CM1 has 2 (not < 2) -> CM2. No queueing delay at 0.
    // Later ticks: B1's best target is still CM2 (CM1 full), so nothing moves: end 0.
    const r = run({
      targets: [callManager('CM1', { capacity: 2 }), callManager('CM2')],
      pools: [devicePool('A', 1, ['CM1', 'CM2']), devicePool('B', 2, ['CM1', 'CM2'])],
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
    const spec: Case = { targets: [callManager('CM1', { capacity: 1 })], pools: [devicePool('P', 2, ['CM1'])] };
    const r = run(spec);
    expect(r.end).toBe(0);
    expect(r.settled).toBe(0);
    expectTimeline(r, 'P', [[0, { CM1: 1, [U]: 1 }]]);
    expect(r.pools.P!.final).toEqual({ CM1: 1, [U]: 1 });
    expect(r.pools.P!.maxOutage).toBe(0);
    expect(r.pools.P!.affectedPhones).toBe(0);
    expect(refsOf(r, 'simulation-limit')).toEqual([]);
    expect(refsOf(r, 'no-service').length).toBe(1);

    // Same topology with `at 10s expect P on unregistered == 1`: end = 10 000 (last at time);
    // P1's open outage counts to end: 10 000 ms → maxOutage 10 000, 10 phone-seconds, 1 affected.
    const r2 = run({
      ...spec,
      expectations: [{ kind: 'on', at: 10 * SECOND, pool: 'P', target: U, comparison: '==', count: phones(1) }],
    });
    expect(r2.end).toBe(10_000);
    expect(r2.settled).toBe(0);
    expect(r2.pools.P!.maxOutage).toBe(10_000);
    expect(r2.pools.P!.outagePhoneSeconds).toBe(10);
    expect(r2.pools.P!.affectedPhones).toBe(1);
    expect(outcomeOf(r2, 0).passed).toBe(true);
  });

  it('an out-of-service phone with nothing pending requests at its next tick', () => {
    // K = 1000, 2 phones: offsets floor(0)=0, floor(500)=500. Only CM1 in the preference list.
    // stop CM1 at 100: both detect at 100, no best target → unregistered.
    // recover CM1 at 2200 (free = 2200). Nothing moves at once.
    // P1 tick 2500: request CM1, start 2500, done 2510 → registered 2510.
    // P0 tick 3000: done 3010.
    // outages: P0 3010−100 = 2910, P1 2510−100 = 2410 → max 2910, sum 5320 ms = 5.32 s.
    const r = run({
      targets: [callManager('CM1')],
      pools: [devicePool('P', 2, ['CM1'])],
      settings: { keepaliveMs: 1000 },
      events: [stop(100, 'CM1'), recover(2200, 'CM1')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [100, { [U]: 2 }],
      [2510, { CM1: 1, [U]: 1 }],
      [3010, { CM1: 2 }],
    ]);
    expect(r.pools.P!.maxOutage).toBe(2910);
    expect(r.pools.P!.outagePhoneSeconds).toBe(5.32);
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
      targets: [callManager('CM1'), callManager('CM2', { rate: 1000 })],
      pools: [devicePool('P', 7, ['CM1', 'CM2'])],
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
    expect(r.pools.P!.maxOutage).toBe(26_000);
    expect(r.pools.P!.outagePhoneSeconds).toBe(178.997);
  });
});

// ---------------------------------------------------------------------------------------------
// Failures, detection and the registration queue
// ---------------------------------------------------------------------------------------------
describe('failure detection and registration queue', () => {
  const three = (events: EventStep[], cm2: TargetOptions = {}): ScenarioResult =>
    run({ targets: [callManager('CM1'), callManager('CM2', cm2)], pools: [devicePool('P', 3, ['CM1', 'CM2'])], events });

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
    expect(r.pools.P!.maxOutage).toBe(45_010);
    expect(r.pools.P!.outagePhoneSeconds).toBe(105.03);
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
    expect(r.pools.P!.maxOutage).toBe(80_010);
    expect(r.pools.P!.outagePhoneSeconds).toBe(210.03);
    // With missed-keepalives 1 the hang is detected at the first tick itself. K = 1 000, 4 phones
    // (offsets 0, 250, 500, 750), hang at 10 100: first ticks 10 250, 10 500, 10 750, 11 000 → +10.
    const once = run({
      targets: [callManager('CM1'), callManager('CM2')],
      pools: [devicePool('P', 4, ['CM1', 'CM2'])],
      settings: { keepaliveMs: 1000, missedKeepalives: 1 },
      events: [hang(10_100, 'CM1')],
    });
    expect(
      timelineOf(once, 'P')
        .slice(2)
        .map(([t]) => t),
    ).toEqual([10_260, 10_510, 10_760, 11_010]);
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
    expect(r.pools.P!.maxOutage).toBe(1000);
    expect(r.pools.P!.outagePhoneSeconds).toBe(2.001);
    expect(r.end).toBe(2000);
  });

  it('rate 7 and rate 6: done times land exactly on the millisecond where they should (no float drift)', () => {
    // s = 1000/7. stop CM1 at 1000, 7 requests: done = 1000 + 1000k/7, k = 1..7:
    // 1142.86→1143, 1285.71→1286, 1428.57→1429, 1571.43→1572, 1714.29→1715, 1857.14→1858,
    // 2000 exactly → 2000 (naive float accumulation gives 2000.0000000000002 → 2001: wrong).
    // Outages 143, 286, 429, 572, 715, 858, 1000 → sum 4003 ms = 4.003 s.
    const r = run({
      targets: [callManager('CM1'), callManager('CM2', { rate: 7 })],
      pools: [devicePool('P', 7, ['CM1', 'CM2'])],
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
    expect(r.pools.P!.maxOutage).toBe(1000);
    expect(r.pools.P!.outagePhoneSeconds).toBe(4.003);
    expect(r.end).toBe(2000);
    expect(r.settled).toBe(2000);
    // Rate 6 (s = 166.67), 6 phones, stop CM1 at 2 000: done 2 166.67 → 2 167, 2 333.33 → 2 334,
    // 2 500, 2 666.67 → 2 667, 2 833.33 → 2 834, 3 000: every third lands exactly on the millisecond.
    const six = run({
      targets: [callManager('CM1'), callManager('CM2', { rate: 6 })],
      pools: [devicePool('P', 6, ['CM1', 'CM2'])],
      events: [stop(2000, 'CM1')],
    });
    expect(
      timelineOf(six, 'P')
        .slice(2)
        .map(([t]) => t),
    ).toEqual([2167, 2334, 2500, 2667, 2834, 3000]);
    expect(six.end).toBe(3000);
  });

  it('free is carried over as a real number between requests at different times', () => {
    // K = 1000, 3 phones: offsets 0, 333, 666. CM2 rate 3 (s = 333.33…). crash CM1 at 1.
    // t1: P0 1000, P1 333, P2 666 → detections 26 000, 25 333, 25 666.
    // P1 at 25 333: start 25 333, done 25 666.33 → 25 667.
    // P2 at 25 666: start max(25 666, 25 666.33) = 25 666.33, done 25 999.67 → 26 000.
    // P0 at 26 000: start max(26 000, 25 999.67) = 26 000, done 26 333.33 → 26 334.
    // Outages from 1: 26 333, 25 666, 25 999 → max 26 333, sum 77 998 ms = 77.998 s.
    const r = run({
      targets: [callManager('CM1'), callManager('CM2', { rate: 3 })],
      pools: [devicePool('P', 3, ['CM1', 'CM2'])],
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
    expect(r.pools.P!.maxOutage).toBe(26_333);
    expect(r.pools.P!.outagePhoneSeconds).toBe(77.998);
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
      targets: [callManager('CM1'), callManager('CM2', { capacity: 2 })],
      pools: [devicePool('P', 4, ['CM1', 'CM2'])],
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
    expect(r.pools.P!.maxOutage).toBe(2660);
    expect(r.pools.P!.outagePhoneSeconds).toBe(5.1);
    expect(r.pools.P!.affectedPhones).toBe(4);
    expect(r.end).toBe(3010);
    // "capacity-exceeded: phones turned away because a target was full (at the event that caused it)"
    // → the stop (ref 0) is the only cause.
    expect(refsOf(r, 'capacity-exceeded')).toEqual([0]);
    expect(r.findings.find((f) => f.code === 'capacity-exceeded')!.message).toContain('2 phones of P');
  });
});

// ---------------------------------------------------------------------------------------------
// Preserved calls
// ---------------------------------------------------------------------------------------------
describe('preserved calls', () => {
  // 2 phones, K = 30 000: offsets 0, 15 000.
  const twoPhones = (events: EventStep[]): ScenarioResult =>
    run({ targets: [callManager('CM1'), callManager('CM2')], pools: [devicePool('P', 2, ['CM1', 'CM2'])], events });

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
    expect(r.pools.P!.maxOutage).toBe(35_010);
    expect(r.pools.P!.outagePhoneSeconds).toBe(35.02);
    expect(r.pools.P!.preservedCalls).toBe(1);
    expect(r.pools.P!.affectedPhones).toBe(2);
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
    expect(r.pools.P!.maxOutage).toBe(10);
    expect(r.pools.P!.outagePhoneSeconds).toBe(0.02);
    expect(r.pools.P!.preservedCalls).toBe(1);
    expect(r.targets.CM2).toEqual({ peak: 1, peakAt: 5_010 });
  });
});

// ---------------------------------------------------------------------------------------------
// Fallback
// ---------------------------------------------------------------------------------------------
describe('fallback', () => {
  // K = 1000, 4 phones: offsets 0, 250, 500, 750. stop CM1 at 100 → CM2 at 110, 120, 130, 140.
  const fourPhones = (cm1: TargetOptions, events: EventStep[]): ScenarioResult =>
    run({
      targets: [callManager('CM1', cm1), callManager('CM2')],
      pools: [devicePool('P', 4, ['CM1', 'CM2'])],
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
    const r = fourPhones({ rate: 1, fallbackQueueDepth: 1 }, [stop(100, 'CM1'), recover(1100, 'CM1')]);
    expectTimeline(r, 'P', [...afterStop, [2250, { CM1: 1, CM2: 3 }], [3500, { CM1: 2, CM2: 2 }], [4750, { CM1: 3, CM2: 1 }], [6000, { CM1: 4 }]]);
    expect(r.pools.P!.maxOutage).toBe(40);
    expect(r.pools.P!.outagePhoneSeconds).toBe(0.1);
    expect(r.targets.CM2).toEqual({ peak: 4, peakAt: 140 });
    expect(r.end).toBe(6000);
    expect(r.settled).toBe(6000);
  });

  it('a fallback-queue place freed in step 3 is free for the same millisecond’s ticks', () => {
    // CM1 rate 4 (s = 250), Q = 1. recover at 1100.
    // 1250 P1 joins, done 1500. 1500: P1 completes (step 3), P2's tick (step 5) joins → 1750.
    // 1750: P2 done, P3 joins → 2000. 2000: P3 done, P0 joins → 2250. 2250: P0 done.
    const r = fourPhones({ rate: 4, fallbackQueueDepth: 1 }, [stop(100, 'CM1'), recover(1100, 'CM1')]);
    expectTimeline(r, 'P', [...afterStop, [1500, { CM1: 1, CM2: 3 }], [1750, { CM1: 2, CM2: 2 }], [2000, { CM1: 3, CM2: 1 }], [2250, { CM1: 4 }]]);
    expect(r.end).toBe(2250);
  });

  it('the fallback target failing flushes the request; the phone stays on its current target and retries', () => {
    // 1 phone, K = 1000, CM1 rate 1. stop CM1 at 100 → CM2 at 110. recover at 500 (free 500).
    // tick 1000: fallback request, start 1000, done 2000. stop CM1 at 1500: request fails,
    // phone leaves the queue, stays on CM2. recover at 1600 (free 1600).
    // tick 2000: fallback again, done 3000 → on CM1 at 3000. Outage only 10.
    const r = run({
      targets: [callManager('CM1', { rate: 1 }), callManager('CM2')],
      pools: [devicePool('P', 1, ['CM1', 'CM2'])],
      settings: { keepaliveMs: 1000 },
      events: [stop(100, 'CM1'), recover(500, 'CM1'), stop(1500, 'CM1'), recover(1600, 'CM1')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 1 }],
      [100, { [U]: 1 }],
      [110, { CM2: 1 }],
      [3000, { CM1: 1 }],
    ]);
    expect(r.pools.P!.maxOutage).toBe(10);
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
      targets: [callManager('CM1', { rate: 1 }), callManager('CM2')],
      pools: [devicePool('P', 1, ['CM1', 'CM2'])],
      events: [stop(100, 'CM1'), recover(1000, 'CM1'), crash(30_500, 'CM2')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 1 }],
      [100, { [U]: 1 }],
      [110, { CM2: 1 }],
      [30_500, { [U]: 1 }],
      [31_000, { CM1: 1 }],
    ]);
    expect(r.pools.P!.maxOutage).toBe(500);
    expect(r.pools.P!.outagePhoneSeconds).toBe(0.51);
    expect(r.end).toBe(31_000);
  });

  it('phones in a call skip their ticks; calls skip phones waiting in a fallback queue', () => {
    // K = 1 000, 2 phones (offsets 0, 500). stop CM1 at 100 → CM2 at 110, 120.
    // CM1 rate 1 (s = 1 000), recover at 1 100. P1's tick 1 500: fallback, done 2 500.
    // calls P all lasting 10 000 at 1 600 (ref 2): P0 is placed; P1 is in a fallback queue →
    // 1 of 2 placed, calls-not-placed. P1 on CM1 at 2 500.
    // P0's call ends at 11 600; its next tick 12 000 falls back: start 12 000, done 13 000.
    const r = run({
      targets: [callManager('CM1', { rate: 1 }), callManager('CM2')],
      pools: [devicePool('P', 2, ['CM1', 'CM2'])],
      settings: { keepaliveMs: 1000 },
      events: [stop(100, 'CM1'), recover(1100, 'CM1'), calls(1600, 'P', all, 10_000)],
    });
    expect(timelineOf(r, 'P')).toEqual([
      [0, { CM1: 2 }],
      [100, { [U]: 2 }],
      [110, { CM2: 1, [U]: 1 }],
      [120, { CM2: 2 }],
      [2500, { CM1: 1, CM2: 1 }],
      [13_000, { CM1: 2 }],
    ]);
    expect(refsOf(r, 'calls-not-placed')).toEqual([2]);
    expect(r.end).toBe(13_000);
  });
});

// ---------------------------------------------------------------------------------------------
// SRST
// ---------------------------------------------------------------------------------------------
describe('srst and the connection monitor', () => {
  // Pool B, 2 phones (offsets 0, 15 000), prefers CM1 then BR; monitor 120 000.
  const branch = (events: EventStep[]): ScenarioResult =>
    run({ targets: [callManager('CM1'), srstRouter('BR')], pools: [devicePool('B', 2, ['CM1', 'BR'])], events });

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
    expect(r.pools.B!.maxOutage).toBe(45_010);
    expect(r.pools.B!.outagePhoneSeconds).toBe(75.02);
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
    // Outages as above (the flap only delays the return): max 45 010, sum 75.02 s; BR's peak 2 at 55 010.
    expect(r.pools.B!.maxOutage).toBe(45_010);
    expect(r.pools.B!.outagePhoneSeconds).toBe(75.02);
    expect(r.targets.BR).toEqual({ peak: 2, peakAt: 55_010 });
    expect(r.findings).toEqual([]);
    expect(refsOf(r, 'event-no-effect')).toEqual([]);
  });

  it('the monitor guards only leaving srst: an out-of-service phone requests the callmanager at its next tick', () => {
    // BR capacity 1. stop CM1 at 100: B0 → BR (0 < 1) → 110; B1: BR 0 + 1 waiting, no room →
    // unregistered. recover CM1 at 1000.
    // B1 tick 15 000 (out of service) → CM1 at 15 010, no monitor wait.
    // B0 on BR: needs tick − 1000 ≥ 120 000 → ticks 30 000 … 120 000 too early; 150 000 → 150 010.
    // Outages: B0 10, B1 14 910 → max 14 910, sum 14.92 s.
    const r = run({
      targets: [callManager('CM1'), srstRouter('BR', { capacity: 1 })],
      pools: [devicePool('B', 2, ['CM1', 'BR'])],
      events: [stop(100, 'CM1'), recover(1000, 'CM1')],
    });
    expectTimeline(r, 'B', [
      [0, { CM1: 2 }],
      [100, { [U]: 2 }],
      [110, { BR: 1, [U]: 1 }],
      [15_010, { CM1: 1, BR: 1 }],
      [150_010, { CM1: 2 }],
    ]);
    expect(r.pools.B!.maxOutage).toBe(14_910);
    expect(r.pools.B!.outagePhoneSeconds).toBe(14.92);
    expect(r.end).toBe(150_010);
  });

  it('reconnected before detection: the phone registers with the callmanager at detection; repeated isolate/reconnect have no effect', () => {
    // 1 phone (offset 0). isolate at 1000 (ref 0): loses CM1, t1 = 30 000, detection 55 000.
    // isolate at 2000 (ref 1): already isolated → event-no-effect. reconnect at 3000 (ref 2).
    // reconnect at 4000 (ref 3): connected → event-no-effect.
    // At 55 000 the best target is CM1 (available again) → 55 010 on CM1. Outage 54 010.
    const r = run({
      targets: [callManager('CM1'), srstRouter('BR')],
      pools: [devicePool('B', 1, ['CM1', 'BR'])],
      events: [isolate(1000, 'B'), isolate(2000, 'B'), reconnect(3000, 'B'), reconnect(4000, 'B')],
    });
    expectTimeline(r, 'B', [
      [0, { CM1: 1 }],
      [1000, { [U]: 1 }],
      [55_010, { CM1: 1 }],
    ]);
    expect(r.pools.B!.maxOutage).toBe(54_010);
    expect(refsOf(r, 'event-no-effect')).toEqual([1, 3]);
    expect(r.targets.BR).toEqual({ peak: 0, peakAt: 0 });
  });

  it('isolate flushes nothing: a queued request to the callmanager fails when it would finish', () => {
    // 1 phone, K = 1 000, CM1 rate 1, monitor 0. isolate at 100 → detection 1 000 + 25 000 →
    // BR at 26 010. reconnect at 30 000: the tick at 30 000 (after the event) falls back:
    // done 31 000. isolate at 30 500: nothing registered on CM1; the request stays queued and
    // fails at 31 000 → the phone leaves the fallback queue and stays on BR.
    // reconnect at 40 200 → tick 41 000 → done 42 000 on CM1. Outage 26 010 − 100 = 25 910.
    const r = run({
      targets: [callManager('CM1', { rate: 1 }), srstRouter('BR')],
      pools: [devicePool('B', 1, ['CM1', 'BR'], 0)],
      settings: { keepaliveMs: 1000 },
      events: [isolate(100, 'B'), reconnect(30_000, 'B'), isolate(30_500, 'B'), reconnect(40_200, 'B')],
    });
    expect(timelineOf(r, 'B')).toEqual([
      [0, { CM1: 1 }],
      [100, { [U]: 1 }],
      [26_010, { BR: 1 }],
      [42_000, { CM1: 1 }],
    ]);
    expect(r.pools.B!.maxOutage).toBe(25_910);
    expect(refsOf(r, 'event-no-effect')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Reset
// ---------------------------------------------------------------------------------------------
describe('reset', () => {
  it('idle phones unregister at t and request at t + reset-time', () => {
    // reset P at 1000 → both out of service at 1000, request CM1 at 61 000: 61 010, 61 020.
    // Outages 60 010, 60 020 → max 60 020, sum 120.03 s.
    const r = run({ targets: [callManager('CM1')], pools: [devicePool('P', 2, ['CM1'])], events: [reset(1000, 'P')] });
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [1000, { [U]: 2 }],
      [61_010, { CM1: 1, [U]: 1 }],
      [61_020, { CM1: 2 }],
    ]);
    expect(r.pools.P!.maxOutage).toBe(60_020);
    expect(r.pools.P!.outagePhoneSeconds).toBe(120.03);
    expect(r.end).toBe(61_020);
  });

  it('a phone in a call resets when its call ends (boots at call end + reset-time)', () => {
    // calls P 1 lasting 5000 at 0 (P0); reset P at 1000.
    // P1 idle: out at 1000, boots 61 000 → 61 010. P0: out at 5000 (call end), boots 65 000 → 65 010.
    // Outages 60 010 each → max 60 010, sum 120.02 s. The call never lost service: 0 preserved.
    const r = run({
      targets: [callManager('CM1')],
      pools: [devicePool('P', 2, ['CM1'])],
      events: [calls(0, 'P', 1, 5000), reset(1000, 'P')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [1000, { CM1: 1, [U]: 1 }],
      [5000, { [U]: 2 }],
      [61_010, { CM1: 1, [U]: 1 }],
      [65_010, { CM1: 2 }],
    ]);
    expect(r.pools.P!.maxOutage).toBe(60_010);
    expect(r.pools.P!.outagePhoneSeconds).toBe(120.02);
    expect(r.pools.P!.preservedCalls).toBe(0);
    expect(r.end).toBe(65_010);
  });

  it('a reset abandons queued requests without rolling back free', () => {
    // CM2 rate 1 (s = 1000), reset-time 1000. stop CM1 at 100: P0 → CM2 done 1100, P1 done 2100;
    // free = 2100. reset P at 500: both queued, out of service → reset at once, leave the queue.
    // Boot at 1500: P0 start max(1500, 2100) = 2100 → 3100; P1 → 4100.
    // Outages 3000, 4000 → max 4000, sum 7 s.
    const r = run({
      targets: [callManager('CM1'), callManager('CM2', { rate: 1 })],
      pools: [devicePool('P', 2, ['CM1', 'CM2'])],
      settings: { resetTimeMs: 1000 },
      events: [stop(100, 'CM1'), reset(500, 'P')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [100, { [U]: 2 }],
      [3100, { CM2: 1, [U]: 1 }],
      [4100, { CM2: 2 }],
    ]);
    expect(r.pools.P!.maxOutage).toBe(4000);
    expect(r.pools.P!.outagePhoneSeconds).toBe(7);
    expect(r.end).toBe(4100);
  });

  it('a reset pending in a preserved call boots at call end + reset-time', () => {
    // calls P 1 lasting 10 000 at 0; stop CM1 at 2000; reset P at 3000.
    // P1: detects at 2000 → CM2 2010; reset at 3000 → boots 63 000 → CM2 63 010.
    // P0: preserved call; reset pending; at 10 000 boots until 70 000 → CM2 at 70 010.
    // Outages: P0 70 010 − 10 000 = 60 010; P1 10 + 60 010. max 60 010, sum 120 030 ms.
    const r = run({
      targets: [callManager('CM1'), callManager('CM2')],
      pools: [devicePool('P', 2, ['CM1', 'CM2'])],
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
    expect(r.pools.P!.maxOutage).toBe(60_010);
    expect(r.pools.P!.outagePhoneSeconds).toBe(120.03);
    expect(r.pools.P!.preservedCalls).toBe(1);
    expect(r.end).toBe(70_010);
  });

  it('a second reset while booting restarts the boot', () => {
    // 3 phones (offsets 0, 10 000, 20 000), only CM1. Phone 0 in a call 0–30 000.
    // reset at 5 000 and 20 000: P1, P2 boot again until 80 000 → 80 010, 80 020
    // (outages 75 010, 75 020). P0 resets at its call end: boots until 90 000 → 90 010 (60 010).
    // Sum 210 040 ms.
    const r = run({
      targets: [callManager('CM1')],
      pools: [devicePool('P', 3, ['CM1'])],
      events: [calls(0, 'P', 1, 30_000), reset(5000, 'P'), reset(20_000, 'P')],
    });
    expect(
      timelineOf(r, 'P')
        .slice(3)
        .map(([t]) => t),
    ).toEqual([80_010, 80_020, 90_010]);
    expect(r.pools.P!.maxOutage).toBe(75_020);
    expect(r.pools.P!.outagePhoneSeconds).toBe(210.04);
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
    { label: 'number 3', count: phones(3), preserved: 3, end: 5030, maxOutage: 70 },
    // 25 % of 10 = floor(2.5) = 2; 8 idle → 1010…1080; 5010, 5020. max 80.
    { label: '25 %', count: percent(25), preserved: 2, end: 5020, maxOutage: 80 },
    // all: 10 in calls → 5010…5100. max 100.
    { label: 'all', count: all, preserved: 10, end: 5100, maxOutage: 100 },
    // none / 0: nothing placed; 10 idle → 1010…1100.
    { label: 'none', count: none, preserved: 0, end: 1100, maxOutage: 100 },
    { label: 'number 0', count: phones(0), preserved: 0, end: 1100, maxOutage: 100 },
  ])('calls $label', ({ count, preserved, end, maxOutage }) => {
    const r = run({
      targets: [callManager('CM1'), callManager('CM2')],
      pools: [devicePool('P', 10, ['CM1', 'CM2'])],
      events: [calls(0, 'P', count, 5000), stop(1000, 'CM1')],
    });
    expect(r.pools.P!.preservedCalls).toBe(preserved);
    expect(r.end).toBe(end);
    expect(r.pools.P!.maxOutage).toBe(maxOutage);
    expect(r.pools.P!.final).toEqual({ CM2: 10 });
    expect(refsOf(r, 'calls-not-placed')).toEqual([]);
  });

  it('fewer eligible phones: as many as there are and a calls-not-placed finding; the call end sets end', () => {
    // CM1 capacity 2, 4 phones preferring only CM1: P0, P1 on CM1, P2, P3 unregistered.
    // calls P 3 lasting 1000 at 0 (ref 0): 2 eligible → 2 calls, calls-not-placed (ref 0).
    // Nothing else happens, but "a call end, even one that changes nothing" sets end = 1000.
    // P2, P3 out of service 0–1000 → max 1000, sum 2 s, 2 affected.
    const r = run({
      targets: [callManager('CM1', { capacity: 2 })],
      pools: [devicePool('P', 4, ['CM1'])],
      events: [calls(0, 'P', 3, 1000)],
    });
    expect(refsOf(r, 'calls-not-placed')).toEqual([0]);
    expect(r.end).toBe(1000);
    expect(r.settled).toBe(0);
    expectTimeline(r, 'P', [[0, { CM1: 2, [U]: 2 }]]);
    expect(r.pools.P!.maxOutage).toBe(1000);
    expect(r.pools.P!.outagePhoneSeconds).toBe(2);
    expect(r.pools.P!.affectedPhones).toBe(2);
    expect(r.pools.P!.preservedCalls).toBe(0);
    // CM1 capacity 2, 3 phones: P2 out of service from 0. calls P all at 0 (ref 0): 2 of 3.
    // calls P 50 % at 10 000 (ref 1): floor(1.5) = 1, but P0 and P1 are in their calls → 0 of 1.
    // end is the first call end (60 000), though it changes nothing. P2 has been out of service
    // since the start: its no-service finding has no event to point at.
    const r2 = run({
      targets: [callManager('CM1', { capacity: 2 })],
      pools: [devicePool('P', 3, ['CM1'])],
      events: [calls(0, 'P', all, 60_000), calls(10_000, 'P', percent(50), 1000)],
    });
    expect(refsOf(r2, 'calls-not-placed')).toEqual([0, 1]);
    expect(r2.end).toBe(60_000);
    expect(refsOf(r2, 'no-service')).toEqual([-1]);
  });

  it('a call lasting 0 placed before a stop in the same millisecond is preserved and ends in step 2', () => {
    // File order at 1000: calls P all lasting 0 (ref 0), then stop CM1 (ref 1).
    // Step 1: both phones start a call, then lose CM1 while in it → 2 preserved calls (literal
    // reading of "calls that were in progress when their phone lost service").
    // Step 2: calls end → idle, waiting for the detection; step 4: stop detected → CM2 1010, 1020.
    const r = run({
      targets: [callManager('CM1'), callManager('CM2')],
      pools: [devicePool('P', 2, ['CM1', 'CM2'])],
      events: [calls(1000, 'P', all, 0), stop(1000, 'CM1')],
    });
    expectTimeline(r, 'P', [
      [0, { CM1: 2 }],
      [1000, { [U]: 2 }],
      [1010, { CM2: 1, [U]: 1 }],
      [1020, { CM2: 2 }],
    ]);
    expect(r.pools.P!.preservedCalls).toBe(2);
    expect(r.pools.P!.maxOutage).toBe(20);
    expect(refsOf(r, 'calls-not-placed')).toEqual([]);
    expect(r.end).toBe(1020);
  });

  it('calls after a stop in the same millisecond find no phone in service', () => {
    // File order at 1000: stop CM1 (ref 0), then calls P all lasting 0 (ref 1): phones are out of
    // service after the stop → nothing placed, calls-not-placed (ref 1), 0 preserved.
    const r = run({
      targets: [callManager('CM1'), callManager('CM2')],
      pools: [devicePool('P', 2, ['CM1', 'CM2'])],
      events: [stop(1000, 'CM1'), calls(1000, 'P', all, 0)],
    });
    expect(refsOf(r, 'calls-not-placed')).toEqual([1]);
    expect(r.pools.P!.preservedCalls).toBe(0);
    expect(r.pools.P!.maxOutage).toBe(20);
    expect(r.end).toBe(1020);
  });
});

// ---------------------------------------------------------------------------------------------
// Order within one millisecond, no-effect events
// ---------------------------------------------------------------------------------------------
describe('order and no-effect events', () => {
  const twoPhones = (events: EventStep[]): ScenarioResult =>
    run({ targets: [callManager('CM1'), callManager('CM2')], pools: [devicePool('P', 2, ['CM1', 'CM2'])], events });

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
    expect(r.pools.P!.maxOutage).toBe(20);
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
    expect(r.pools.P!.final).toEqual({ CM2: 2 });
  });

  it('events are ordered by time, not by file position', () => {
    // File: stop CM1 at 60 000 (ref 0), recover CM1 at 30 000 (ref 1). By time, the recover comes
    // first, when CM1 is up → no effect; the stop then moves the phones to CM2 for good.
    const r = twoPhones([stop(60_000, 'CM1'), recover(30_000, 'CM1')]);
    expect(refsOf(r, 'event-no-effect')).toEqual([1]);
    expect(r.pools.P!.final).toEqual({ CM2: 2 });
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
    expect(r.pools.P!.maxOutage).toBe(50_010);
    expect(r.pools.P!.outagePhoneSeconds).toBe(85.02);
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
      targets: [callManager('CM1', { rate: 3 }), callManager('CM2', { rate: 3 })],
      pools: [devicePool('A', 1, ['CM2']), devicePool('B', 1, ['CM1', 'CM2'])],
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
    expect(r.pools.A!.maxOutage).toBe(1334);
    expect(r.pools.B!.maxOutage).toBe(334);
    expect(r.end).toBe(2334);
  });

  it('ticks at one millisecond run pool by pool: a shared fallback queue place goes to the earlier pool', () => {
    // Pools A and B, 2 phones each (offsets 0, 500), both CM1 then CM2; K = 1 000.
    // stop CM1 at 100: detections in pool order, then phone order: A0, A1, B0, B1 → CM2 at
    // 110, 120, 130, 140. CM1 rate 1 (s = 1 000), Q = 1; recover CM1 at 1 100.
    // 1 500: A1 and B1 tick; A1 (pool A first) joins, done 2 500; B1 finds the queue full.
    // 2 000: A0, B0: full. 2 500: A1 on CM1 (step 3); B1's tick takes the place: done 3 500.
    // 3 000: A0, B0: full. 3 500: B1 on CM1. 4 000: A0 joins (done 5 000); B0: full.
    // 5 000: A0 on CM1, then B0's tick joins: done 6 000.
    const r = run({
      targets: [callManager('CM1', { rate: 1, fallbackQueueDepth: 1 }), callManager('CM2')],
      pools: [devicePool('A', 2, ['CM1', 'CM2']), devicePool('B', 2, ['CM1', 'CM2'])],
      settings: { keepaliveMs: 1000 },
      events: [stop(100, 'CM1'), recover(1100, 'CM1')],
    });
    expect(r.timeline).toEqual([
      { t: 0, pools: { A: { CM1: 2 }, B: { CM1: 2 } } },
      { t: 100, pools: { A: { [U]: 2 }, B: { [U]: 2 } } },
      { t: 110, pools: { A: { CM2: 1, [U]: 1 }, B: { [U]: 2 } } },
      { t: 120, pools: { A: { CM2: 2 }, B: { [U]: 2 } } },
      { t: 130, pools: { A: { CM2: 2 }, B: { CM2: 1, [U]: 1 } } },
      { t: 140, pools: { A: { CM2: 2 }, B: { CM2: 2 } } },
      { t: 2500, pools: { A: { CM1: 1, CM2: 1 }, B: { CM2: 2 } } },
      { t: 3500, pools: { A: { CM1: 1, CM2: 1 }, B: { CM1: 1, CM2: 1 } } },
      { t: 5000, pools: { A: { CM1: 2 }, B: { CM1: 1, CM2: 1 } } },
      { t: 6000, pools: { A: { CM1: 2 }, B: { CM1: 2 } } },
    ]);
    expect(r.end).toBe(6000);
  });

  it('event-no-effect: failing a down target, recovering an up one, isolating twice, reconnecting a connected pool', () => {
    const r = run({
      targets: [callManager('CM1'), callManager('CM2'), srstRouter('BR')],
      pools: [devicePool('P', 2, ['CM1', 'CM2', 'BR'])],
      events: [
        /* 0 */ recover(1000, 'CM1'), // up
        /* 1 */ crash(2000, 'CM1'),
        /* 2 */ hang(3000, 'CM1'), // down
        /* 3 */ stop(4000, 'CM1'), // down
        /* 4 */ reconnect(5000, 'P'), // connected
        /* 5 */ isolate(6000, 'P'),
        /* 6 */ isolate(7000, 'P'), // isolated
        /* 7 */ recover(8000, 'CM1'),
        /* 8 */ recover(9000, 'CM1'), // up
      ],
    });
    expect(refsOf(r, 'event-no-effect')).toEqual([0, 2, 3, 4, 6, 8]);
    expect(r.findings.find((f) => f.ref === 2)!.message).toContain('already down');
  });
});

// ---------------------------------------------------------------------------------------------
// End of a scenario
// ---------------------------------------------------------------------------------------------
describe('end', () => {
  const threeStop = (expectations: ExpectStep[]): ScenarioResult =>
    run({
      targets: [callManager('CM1'), callManager('CM2')],
      pools: [devicePool('P', 3, ['CM1', 'CM2'])],
      events: [stop(60_000, 'CM1')],
      expectations,
    });

  it('the last `at … expect` time extends the end; `expect settled by` does not', () => {
    // Last change at 60 030 (see the stop case). With `at 10m expect …` end = 600 000.
    const r = threeStop([
      { kind: 'on', at: 10 * MINUTE, pool: 'P', target: 'CM2', comparison: '==', count: all },
      { kind: 'settled', by: 15 * MINUTE },
    ]);
    expect(r.end).toBe(600_000);
    expect(r.settled).toBe(60_030);
    // refs: the stop 0, then the expectations 1 and 2
    expect(r.expectations).toEqual([
      { ref: 1, passed: true, message: 'P on CM2 at 10m: 3 (== all)' },
      { ref: 2, passed: true, message: 'settled at 1m30ms (by 15m)' },
    ]);
    // Only `expect settled by 15m`: end is the last pending thing, 60 030.
    const r2 = threeStop([{ kind: 'settled', by: 15 * MINUTE }]);
    expect(r2.end).toBe(60_030);
    expect(outcomeOf(r2, 1).passed).toBe(true);
  });

  it('still busy 24 h after the last event (a preserved call): stops there with simulation-limit', () => {
    // calls P 1 lasting 100 000 000 at 0; stop CM1 at 1000 → the phone is in a preserved call,
    // its call end (100 000 000) is pending past 1000 + 86 400 000 = 86 401 000 → end 86 401 000.
    // "a phone still in a preserved call there is out of service with no outage".
    const r = run({
      targets: [callManager('CM1'), callManager('CM2')],
      pools: [devicePool('P', 1, ['CM1', 'CM2'])],
      events: [calls(0, 'P', 1, 100_000_000), stop(1000, 'CM1')],
    });
    expect(r.end).toBe(86_401_000);
    expect(r.settled).toBe(1000);
    expect(refsOf(r, 'simulation-limit')).toEqual([-1]);
    expect(refsOf(r, 'no-service')).toEqual([1]); // the stop took the phone out, in its call
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
      targets: [callManager('CM1')],
      pools: [devicePool('P', 1, ['CM1'])],
      events: [calls(0, 'P', 1, 100_000_000)],
    });
    expect(r.end).toBe(86_400_000);
    expect(r.settled).toBe(0);
    expect(refsOf(r, 'simulation-limit').length).toBe(1);
    expect(r.pools.P!.maxOutage).toBe(0);
    expect(r.pools.P!.final).toEqual({ CM1: 1 });
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
      targets: [callManager('CM1'), callManager('CM2')],
      pools: [devicePool('P', 4, ['CM1', 'CM2'])],
      events: [stop(60_000, 'CM1')],
      // refs: the stop 0, then the expectations 1 … 19
      expectations: [
        /* 1 */ { kind: 'on', at: 60_010, pool: 'P', target: 'CM2', comparison: '==', count: phones(1) }, // 1 == 1
        /* 2 */ { kind: 'on', at: 60_025, pool: 'P', target: 'CM2', comparison: '>=', count: percent(50) }, // 2 >= floor(2)
        /* 3 */ { kind: 'on', at: 60_025, pool: 'P', target: U, comparison: '==', count: phones(2) }, // 2 == 2
        /* 4 */ { kind: 'on', at: 60_030, pool: 'P', target: 'CM2', comparison: '==', count: percent(75) }, // 3 == 3
        /* 5 */ { kind: 'on', at: 60_010, pool: 'P', target: 'CM2', comparison: '<=', count: percent(30) }, // 1 <= floor(1.2)
        /* 6 */ { kind: 'on', at: 60_039, pool: 'P', target: 'CM2', comparison: '==', count: all }, // 3 == 4 ✗
        /* 7 */ { kind: 'on', at: 60_040, pool: 'P', target: 'CM2', comparison: '==', count: all }, // 4 == 4
        /* 8 */ { kind: 'on', at: 60_000, pool: 'P', target: 'CM1', comparison: '>', count: phones(0) }, // 0 > 0 ✗
        /* 9 */ { kind: 'on', at: 100, pool: 'P', target: 'CM2', comparison: '==', count: none }, // 0 == 0
        /* 10 */ { kind: 'on', at: 60_025, pool: 'P', target: 'CM2', comparison: '!=', count: phones(2) }, // 2 != 2 ✗
        /* 11 */ { kind: 'on', at: 60_025, pool: 'P', target: 'CM2', comparison: '<', count: phones(2) }, // 2 < 2 ✗
        /* 12 */ { kind: 'outage', pool: 'P', comparison: '<=', ms: 40 }, // 40 <= 40
        /* 13 */ { kind: 'outage', pool: 'P', comparison: '<', ms: 40 }, // 40 < 40 ✗
        /* 14 */ { kind: 'peak', target: 'CM2', comparison: '==', value: 4 }, // 4 == 4
        /* 15 */ { kind: 'peak', target: 'CM2', comparison: '>', value: 4 }, // 4 > 4 ✗
        /* 16 */ { kind: 'settled', by: 60_040 }, // 60 040 <= 60 040
        /* 17 */ { kind: 'settled', by: 60_039 }, // 60 040 <= 60 039 ✗
        /* 18 */ { kind: 'on', at: 60_040, pool: 'P', target: 'CM2', comparison: '<', count: percent(150) }, // 4 < floor(6)
        /* 19 */ { kind: 'on', at: 60_040, pool: 'P', target: 'CM2', comparison: '<=', count: phones(5) }, // 4 <= 5
      ],
    });
    const passed = r.expectations
      .slice()
      .sort((a, b) => a.ref - b.ref)
      .map((e) => e.passed);
    expect(passed).toEqual([true, true, true, true, true, false, true, false, true, false, false, true, false, true, false, true, false, true, true]);
    // messages state the actual value
    expect(outcomeOf(r, 6).message).toContain('3');
    expect(outcomeOf(r, 10).message).toContain('2');
    expect(outcomeOf(r, 13).message).toContain('40');
    expect(outcomeOf(r, 15).message).toContain('4');
    // the last `at` time (60 040) equals the last change
    expect(r.end).toBe(60_040);
    expect(r.settled).toBe(60_040);
  });
});

// ---------------------------------------------------------------------------------------------
// SIMULATION.md's worked example
// ---------------------------------------------------------------------------------------------
describe('the worked example of SIMULATION.md', () => {
  // callmanager CM1, CM2; group G { CM1, CM2 }; pool HQ { group G phones 100 }: offsets 300·i.
  const hq = (events: EventStep[]): ScenarioResult =>
    run({ targets: [callManager('CM1'), callManager('CM2')], pools: [devicePool('HQ', 100, ['CM1', 'CM2'])], events });

  it('at 1m stop CM1: all request CM2 at 60 000 and phone i is registered at 60 000 + 10·(i + 1)', () => {
    // Outage of phone i: 10·(i + 1); max 1 000; sum 10·(1 + … + 100) = 50 500 ms = 50.5 s.
    const r = hq([stop(1 * MINUTE, 'CM1')]);
    expect(r.timeline).toHaveLength(102); // 0, 60 000, then 60 010 … 61 000
    r.timeline.slice(2).forEach((entry, i) => {
      expect(entry).toEqual({ t: 60_000 + 10 * (i + 1), pools: { HQ: i === 99 ? { CM2: 100 } : { CM2: i + 1, [U]: 99 - i } } });
    });
    expect(r.pools.HQ).toEqual({
      phones: 100,
      maxOutage: 1000,
      outagePhoneSeconds: 50.5,
      affectedPhones: 100,
      preservedCalls: 0,
      final: { CM2: 100 },
    });
    expect(r.end).toBe(61_000);
    expect(r.targets.CM2).toEqual({ peak: 100, peakAt: 61_000 });
  });

  it('at 1m crash CM1: detection at 85 000 + 300·i, registered 10 ms later; maxOutage 54 710 (phone 99)', () => {
    // t1 = 60 000 + 300·i (60 000 is a tick of phone 0), + tcp-retry 25 000. Outage of phone i:
    // 25 010 + 300·i; sum = 100·25 010 + 300·4 950 = 3 986 000 ms.
    // Last registration: 85 000 + 29 700 + 10 = 114 710.
    const r = hq([crash(1 * MINUTE, 'CM1')]);
    r.timeline.slice(2).forEach((entry, i) => expect(entry.t).toBe(85_010 + 300 * i));
    expect(r.timeline[2]).toEqual({ t: 85_010, pools: { HQ: { CM2: 1, [U]: 99 } } });
    expect(r.pools.HQ!.maxOutage).toBe(54_710);
    expect(r.pools.HQ!.outagePhoneSeconds).toBe(3986);
    expect(r.end).toBe(114_710);
    expect(r.settled).toBe(114_710);
  });

  it('calls HQ 30 lasting 5m before the crash: phones 0–29 request at 300 000, registered 300 010 … 300 300', () => {
    // Phones 30–99 as for the crash: Σ (25 010 + 300·i) = 70·25 010 + 300·(30 + … + 99 = 4 515)
    // = 3 105 200. Phones 0–29: their preserved call is no outage; requests at 300 000 → outage
    // 10·(k + 1) each, Σ = 4 650. Total 3 109 850 ms.
    const r = hq([calls(0, 'HQ', 30, 5 * MINUTE), crash(1 * MINUTE, 'CM1')]);
    const tail = r.timeline.filter((entry) => entry.t >= 300_000);
    expect(tail.map((entry) => entry.t)).toEqual(Array.from({ length: 30 }, (_, k) => 300_010 + 10 * k));
    expect(r.timeline.find((e) => e.t === 300_010)).toEqual({ t: 300_010, pools: { HQ: { CM2: 71, [U]: 29 } } });
    expect(r.timeline.slice(-2)).toEqual([
      { t: 300_290, pools: { HQ: { CM2: 99, [U]: 1 } } },
      { t: 300_300, pools: { HQ: { CM2: 100 } } },
    ]);
    expect(r.pools.HQ!.preservedCalls).toBe(30);
    expect(r.pools.HQ!.maxOutage).toBe(54_710);
    expect(r.pools.HQ!.outagePhoneSeconds).toBe(3109.85);
    expect(r.end).toBe(300_300);
  });

  it('at 10m recover CM1: phone i falls back at its tick 600 000 + 300·i and is on CM1 10 ms later', () => {
    // Each fallback is done 10 ms after its tick, long before the next phone's: the fallback
    // queue never holds more than one phone.
    const r = hq([stop(1 * MINUTE, 'CM1'), recover(10 * MINUTE, 'CM1')]);
    expect(r.timeline.length).toBe(202);
    const fallback = r.timeline.filter((entry) => entry.t >= 600_000);
    expect(fallback.map((entry) => entry.t)).toEqual(Array.from({ length: 100 }, (_, i) => 600_010 + 300 * i));
    expect(r.timeline[102]).toEqual({ t: 600_010, pools: { HQ: { CM1: 1, CM2: 99 } } });
    expect(r.timeline[201]).toEqual({ t: 629_710, pools: { HQ: { CM1: 100 } } });
    expect(r.settled).toBe(629_710);
    expect(r.end).toBe(629_710);
    expect(r.pools.HQ!.maxOutage).toBe(1000);
    expect(r.targets).toEqual({ CM1: { peak: 100, peakAt: 0 }, CM2: { peak: 100, peakAt: 61_000 } });
  });

  it('CM1 capacity 60 and srst BR, no events: phones 0–59 on CM1 and 60–99 on BR from t = 0', () => {
    // CM1 is up but full, so BR is the best target of phones 60–99.
    const r = run({
      targets: [callManager('CM1', { capacity: 60 }), srstRouter('BR')],
      pools: [devicePool('HQ', 100, ['CM1', 'BR'])],
    });
    expect(r.timeline).toEqual([{ t: 0, pools: { HQ: { CM1: 60, BR: 40 } } }]);
    expect(r.end).toBe(0);
    expect(r.targets).toEqual({ CM1: { peak: 60, peakAt: 0 }, BR: { peak: 40, peakAt: 0 } });
    expect(r.pools.HQ!.maxOutage).toBe(0);
    expect(refsOf(r, 'capacity-exceeded')).toEqual([-1]); // turned away by CM1 at the start: no event to point at
  });
});

// ---------------------------------------------------------------------------------------------
// LANGUAGE.md's example: every figure PRODUCT.md prints (re-derived by hand, see comments)
// ---------------------------------------------------------------------------------------------
describe("LANGUAGE.md's example (PRODUCT.md's figures)", () => {
  const targets = [
    callManager('CM1', { capacity: 2500 }),
    callManager('CM2', { capacity: 2500, rate: 125 }),
    callManager('CM3'),
    srstRouter('BR1-RTR', { capacity: 48 }),
  ];
  const pools = [devicePool('HQ', 1200, ['CM1', 'CM2', 'CM3']), devicePool('BRANCH1', 40, ['CM2', 'CM1', 'BR1-RTR'], 60 * SECOND)];

  it('"CM1 crash at peak"', () => {
    // HQ offsets 25·i. 30 % of 1 200 = 360 calls (phones 0–359) until 600 000.
    // crash at 60 000 → detection 85 000 + 25·i. Phones 360–1 199 request CM2 (s = 8 ms) 25 ms
    // apart: registered 85 008 + 25·i; phone 1 199's outage 114 983 − 60 000 = 54 983.
    // At 5m: 840 HQ phones on CM2. Call ends at 600 000: 360 requests queue → 600 008 … 602 880;
    // CM2 then holds 1 200 + BRANCH1's 40 = 1 240 (its peak).
    // Outage sum: Σ(25 008 + 25·i, i = 360…1 199) = 37 376 220, plus 8·(1 + … + 360) = 519 840
    // → 37 896 060 ms. recover at 20m: ticks 1 200 000 + 25·i, CM1 s = 10 → last 1 229 985.
    // end = the 40m expectation = 2 400 000.
    const r = run({
      targets,
      pools,
      events: [calls(0, 'HQ', percent(30), 10 * MINUTE), crash(1 * MINUTE, 'CM1'), recover(20 * MINUTE, 'CM1')],
      expectations: [
        { kind: 'on', at: 5 * MINUTE, pool: 'HQ', target: 'CM2', comparison: '>=', count: phones(800) },
        { kind: 'on', at: 40 * MINUTE, pool: 'HQ', target: 'CM1', comparison: '==', count: all },
        { kind: 'outage', pool: 'HQ', comparison: '<=', ms: 5 * MINUTE },
        { kind: 'peak', target: 'CM2', comparison: '<=', value: 2500 },
        { kind: 'settled', by: 45 * MINUTE },
      ],
    });
    expect(r.end).toBe(2_400_000);
    expect(r.settled).toBe(1_229_985);
    expect(r.pools).toEqual({
      HQ: { phones: 1200, maxOutage: 54_983, outagePhoneSeconds: 37_896.06, affectedPhones: 1200, preservedCalls: 360, final: { CM1: 1200 } },
      BRANCH1: { phones: 40, maxOutage: 0, outagePhoneSeconds: 0, affectedPhones: 0, preservedCalls: 0, final: { CM2: 40 } },
    });
    expect(r.targets).toEqual({
      CM1: { peak: 1200, peakAt: 0 },
      CM2: { peak: 1240, peakAt: 602_880 },
      CM3: { peak: 0, peakAt: 0 },
      'BR1-RTR': { peak: 0, peakAt: 0 },
    });
    expect(r.timeline[0]).toEqual({ t: 0, pools: { HQ: { CM1: 1200 }, BRANCH1: { CM2: 40 } } });
    expect(r.expectations).toEqual([
      { ref: 3, passed: true, message: 'HQ on CM2 at 5m: 840 (>= 800)' },
      { ref: 4, passed: true, message: 'HQ on CM1 at 40m: 1200 (== all)' },
      { ref: 5, passed: true, message: 'outage HQ: 54s983ms (<= 5m)' },
      { ref: 6, passed: true, message: 'peak CM2: 1240 (<= 2500)' },
      { ref: 7, passed: true, message: 'settled at 20m29s985ms (by 45m)' },
    ]);
    expect(r.findings).toEqual([]);
    expect(r.cancelled).toBe(false);
  });

  it('"Branch WAN cut"', () => {
    // tcp-retry 20s. BRANCH1 offsets 750·i. isolate at 10 000: first ticks ≥ 10 000 are 750·i for
    // i ≥ 14 and 30 000 + 750·i for i ≤ 13; detection 20 000 later; BR1-RTR (s = 10) 10 ms after.
    // Last: phone 13 at 30 000 + 9 750 + 20 010 = 59 760 → maxOutage 49 760, BR1-RTR peak 40.
    // Outage sum: Σ 750·i + 26·10 010 + 14·40 010 = 585 000 + 260 260 + 560 140 = 1 405 400 ms.
    // reconnect at 15m; monitor 60s → ticks ≥ 960 000 qualify: 960 000 + 750·i, CM2 s = 8
    // → last 960 000 + 29 250 + 8 = 989 258. end = the 20m expectation.
    const r = run({
      targets,
      pools,
      settings: { tcpRetryMs: 20 * SECOND },
      events: [isolate(10 * SECOND, 'BRANCH1'), reconnect(15 * MINUTE, 'BRANCH1')],
      expectations: [
        { kind: 'on', at: 2 * MINUTE, pool: 'BRANCH1', target: 'BR1-RTR', comparison: '==', count: all },
        { kind: 'on', at: 20 * MINUTE, pool: 'BRANCH1', target: 'CM2', comparison: '==', count: all },
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
    expect(r.pools.HQ!.maxOutage).toBe(0);
    expect(r.targets['BR1-RTR']).toEqual({ peak: 40, peakAt: 59_760 });
    expect(r.expectations.map((e) => e.passed)).toEqual([true, true]);
    expect(r.findings).toEqual([]);
  });
});
