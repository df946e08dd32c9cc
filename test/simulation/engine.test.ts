// The simulation engine against SIMULATION.md: the worked example, LANGUAGE.md's example with
// PRODUCT.md's figures, one small case per rule with its figures worked out by hand, and
// properties over generated scenarios, including a literal millisecond-by-millisecond reading of
// the spec (`referenceSimulate` below) that the engine must match figure for figure.
//
// Unless a case says otherwise: K = 30 000 ms, missed-keepalives 3, tcp-retry 25 000,
// reset-time 60 000, registration rate 100/s (s = 10 ms), Q = 10, connection-monitor 120 000.
// Phone i of a pool of N ticks at floor(i·K/N) + k·K.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../server/src/core/simulation/engine';
import { TickOrder } from '../../server/src/core/simulation/tickOrder';
import type {
  Comparison,
  Counts,
  FindingCode,
  ScenarioResult,
  SimCount,
  SimEvent,
  SimExpectation,
  SimPool,
  SimScenario,
  SimSettings,
  SimTarget,
} from '../../server/src/core/simulation/model';

// ---------------------------------------------------------------------------------------------
// Building scenarios
// ---------------------------------------------------------------------------------------------

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const U = 'unregistered';

interface TargetOptions {
  capacity?: number;
  rate?: number;
  queue?: number;
}

function callManager(name: string, options: TargetOptions = {}): SimTarget {
  return {
    name,
    kind: 'callmanager',
    capacity: options.capacity ?? Infinity,
    registrationRate: options.rate ?? 100,
    fallbackQueueDepth: options.queue ?? 10,
  };
}

function srstRouter(name: string, options: TargetOptions = {}): SimTarget {
  return { name, kind: 'srst', capacity: options.capacity ?? Infinity, registrationRate: options.rate ?? 100, fallbackQueueDepth: 10 };
}

function devicePool(name: string, phones: number, preference: string[], connectionMonitorMs = 120 * SECOND): SimPool {
  return { name, phones, preference, connectionMonitorMs };
}

type WithoutRef<T> = T extends unknown ? Omit<T, 'ref'> : never;
type EventStep = WithoutRef<SimEvent>;
type ExpectStep = WithoutRef<SimExpectation>;

const stop = (at: number, target: string): EventStep => ({ at, kind: 'stop', target });
const crash = (at: number, target: string): EventStep => ({ at, kind: 'crash', target });
const hang = (at: number, target: string): EventStep => ({ at, kind: 'hang', target });
const recover = (at: number, target: string): EventStep => ({ at, kind: 'recover', target });
const isolate = (at: number, pool: string): EventStep => ({ at, kind: 'isolate', pool });
const reconnect = (at: number, pool: string): EventStep => ({ at, kind: 'reconnect', pool });
const reset = (at: number, pool: string): EventStep => ({ at, kind: 'reset', pool });
const calls = (at: number, pool: string, count: SimCount, durationMs: number): EventStep => ({ at, kind: 'calls', pool, count, durationMs });

const phones = (value: number): SimCount => ({ kind: 'number', value });
const percent = (value: number): SimCount => ({ kind: 'percent', value });
const all: SimCount = { kind: 'all' };

const DEFAULTS: SimSettings = { keepaliveMs: 30 * SECOND, missedKeepalives: 3, tcpRetryMs: 25 * SECOND, resetTimeMs: 60 * SECOND };

interface Case {
  targets: SimTarget[];
  pools: SimPool[];
  settings?: Partial<SimSettings>;
  /** Each step's ref is its index here: events first, then expectations. */
  events?: EventStep[];
  expectations?: ExpectStep[];
}

function scenarioOf(c: Case): SimScenario {
  const events = (c.events ?? []).map((event, ref) => ({ ...event, ref }) as SimEvent);
  const expectations = (c.expectations ?? []).map((expectation, k) => ({ ...expectation, ref: events.length + k }) as SimExpectation);
  return { name: 'case', targets: c.targets, pools: c.pools, settings: { ...DEFAULTS, ...c.settings }, events, expectations };
}

function run(c: Case): ScenarioResult {
  return simulate(scenarioOf(c));
}

/** The timeline of a one-pool scenario as [t, counts]. */
function timelineOf(result: ScenarioResult, pool: string): Array<[number, Counts]> {
  return result.timeline.map((entry) => [entry.t, entry.pools[pool]!]);
}

function refsOf(result: ScenarioResult, code: FindingCode): number[] {
  return result.findings.filter((finding) => finding.code === code).map((finding) => finding.ref ?? -1);
}

// ---------------------------------------------------------------------------------------------
// SIMULATION.md's worked example
// ---------------------------------------------------------------------------------------------

describe('the worked example of SIMULATION.md', () => {
  // callmanager CM1, CM2; group G { CM1, CM2 }; pool HQ { group G phones 100 }: offsets 300·i.
  const hq = (events: EventStep[]): ScenarioResult =>
    run({ targets: [callManager('CM1'), callManager('CM2')], pools: [devicePool('HQ', 100, ['CM1', 'CM2'])], events });

  it('stop: all request CM2 at 60 000 and phone i is registered at 60 000 + 10·(i + 1)', () => {
    // Outage of phone i: 10·(i + 1); max 1 000; sum 10·5 050 = 50 500 ms = 50.5 s.
    const result = hq([stop(1 * MINUTE, 'CM1')]);
    expect(result.timeline).toHaveLength(102);
    result.timeline.slice(2).forEach((entry, i) => {
      expect(entry).toEqual({ t: 60_000 + 10 * (i + 1), pools: { HQ: i === 99 ? { CM2: 100 } : { CM2: i + 1, [U]: 99 - i } } });
    });
    expect(result.pools.HQ).toEqual({
      phones: 100,
      maxOutage: 1000,
      outagePhoneSeconds: 50.5,
      affectedPhones: 100,
      preservedCalls: 0,
      final: { CM2: 100 },
    });
  });

  it('crash: detection at 85 000 + 300·i, registered 10 ms later; maxOutage 54 710 (phone 99)', () => {
    // t1 = 60 000 + 300·i (60 000 is a tick of phone 0), + tcp-retry 25 000. Outage of phone i:
    // 25 010 + 300·i; sum = 100·25 010 + 300·4 950 = 3 986 000 ms.
    const result = hq([crash(1 * MINUTE, 'CM1')]);
    result.timeline.slice(2).forEach((entry, i) => expect(entry.t).toBe(85_010 + 300 * i));
    expect(result.pools.HQ.maxOutage).toBe(54_710);
    expect(result.pools.HQ.outagePhoneSeconds).toBe(3986);
    expect(result.end).toBe(114_710);
  });

  it('calls 30 lasting 5m before the crash: phones 0–29 request at 300 000, registered 300 010 … 300 300', () => {
    // Phones 30–99 as for the crash: Σ (25 010 + 300·i) = 70·25 010 + 300·4 515 = 3 105 200.
    // Phones 0–29: their preserved call is no outage; 10·(k + 1) each, Σ = 4 650. Total 3 109 850.
    const result = hq([calls(0, 'HQ', phones(30), 5 * MINUTE), crash(1 * MINUTE, 'CM1')]);
    const tail = result.timeline.filter((entry) => entry.t >= 300_000);
    expect(tail.map((entry) => entry.t)).toEqual(Array.from({ length: 30 }, (_, k) => 300_010 + 10 * k));
    expect(result.pools.HQ.preservedCalls).toBe(30);
    expect(result.pools.HQ.outagePhoneSeconds).toBe(3109.85);
    expect(result.pools.HQ.maxOutage).toBe(54_710);
  });

  it('recover at 10m: phone i falls back at 600 000 + 300·i and is on CM1 10 ms later', () => {
    const result = hq([stop(1 * MINUTE, 'CM1'), recover(10 * MINUTE, 'CM1')]);
    const fallback = result.timeline.filter((entry) => entry.t >= 600_000);
    expect(fallback.map((entry) => entry.t)).toEqual(Array.from({ length: 100 }, (_, i) => 600_010 + 300 * i));
    expect(fallback[0]!.pools.HQ).toEqual({ CM1: 1, CM2: 99 });
    expect(result.settled).toBe(629_710);
    expect(result.targets).toEqual({ CM1: { peak: 100, peakAt: 0 }, CM2: { peak: 100, peakAt: 61_000 } });
  });

  it('CM1 capacity 60 and srst BR: phones 0–59 on CM1 and 60–99 on BR from t = 0', () => {
    const result = run({
      targets: [callManager('CM1', { capacity: 60 }), srstRouter('BR')],
      pools: [devicePool('HQ', 100, ['CM1', 'BR'])],
    });
    expect(result.timeline).toEqual([{ t: 0, pools: { HQ: { CM1: 60, BR: 40 } } }]);
    expect(result.end).toBe(0);
    expect(refsOf(result, 'capacity-exceeded')).toEqual([-1]); // at the start: no event to point at
  });
});

// ---------------------------------------------------------------------------------------------
// LANGUAGE.md's example: every figure PRODUCT.md prints
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
    const result = run({
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
    expect(result.end).toBe(2_400_000);
    expect(result.settled).toBe(1_229_985);
    expect(result.pools).toEqual({
      HQ: { phones: 1200, maxOutage: 54_983, outagePhoneSeconds: 37_896.06, affectedPhones: 1200, preservedCalls: 360, final: { CM1: 1200 } },
      BRANCH1: { phones: 40, maxOutage: 0, outagePhoneSeconds: 0, affectedPhones: 0, preservedCalls: 0, final: { CM2: 40 } },
    });
    expect(result.targets).toEqual({
      CM1: { peak: 1200, peakAt: 0 },
      CM2: { peak: 1240, peakAt: 602_880 },
      CM3: { peak: 0, peakAt: 0 },
      'BR1-RTR': { peak: 0, peakAt: 0 },
    });
    expect(result.timeline[0]).toEqual({ t: 0, pools: { HQ: { CM1: 1200 }, BRANCH1: { CM2: 40 } } });
    expect(result.expectations).toEqual([
      { ref: 3, passed: true, message: 'HQ on CM2 at 5m: 840 (>= 800)' },
      { ref: 4, passed: true, message: 'HQ on CM1 at 40m: 1200 (== all)' },
      { ref: 5, passed: true, message: 'outage HQ: 54s983ms (<= 5m)' },
      { ref: 6, passed: true, message: 'peak CM2: 1240 (<= 2500)' },
      { ref: 7, passed: true, message: 'settled at 20m29s985ms (by 45m)' },
    ]);
    expect(result.findings).toEqual([]);
    expect(result.cancelled).toBe(false);
  });

  it('"Branch WAN cut"', () => {
    // tcp-retry 20s. BRANCH1 offsets 750·i. isolate at 10 000: first ticks ≥ 10 000 are 750·i for
    // i ≥ 14 and 30 000 + 750·i for i ≤ 13; detection 20 000 later; BR1-RTR (s = 10) 10 ms after.
    // Last: phone 13 at 30 000 + 9 750 + 20 010 = 59 760 → maxOutage 49 760, BR1-RTR peak 40.
    // Outage sum: Σ 750·i + 26·10 010 + 14·40 010 = 585 000 + 260 260 + 560 140 = 1 405 400 ms.
    // reconnect at 15m; monitor 60s → ticks ≥ 960 000 qualify: 960 000 + 750·i, CM2 s = 8
    // → last 960 000 + 29 250 + 8 = 989 258. end = the 20m expectation.
    const result = run({
      targets,
      pools,
      settings: { tcpRetryMs: 20 * SECOND },
      events: [isolate(10 * SECOND, 'BRANCH1'), reconnect(15 * MINUTE, 'BRANCH1')],
      expectations: [
        { kind: 'on', at: 2 * MINUTE, pool: 'BRANCH1', target: 'BR1-RTR', comparison: '==', count: all },
        { kind: 'on', at: 20 * MINUTE, pool: 'BRANCH1', target: 'CM2', comparison: '==', count: all },
      ],
    });
    expect(result.end).toBe(1_200_000);
    expect(result.settled).toBe(989_258);
    expect(result.pools.BRANCH1).toEqual({
      phones: 40,
      maxOutage: 49_760,
      outagePhoneSeconds: 1405.4,
      affectedPhones: 40,
      preservedCalls: 0,
      final: { CM2: 40 },
    });
    expect(result.targets['BR1-RTR']).toEqual({ peak: 40, peakAt: 59_760 });
    expect(result.expectations.map((e) => e.passed)).toEqual([true, true]);
    expect(result.findings).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// One case per rule
// ---------------------------------------------------------------------------------------------

describe('detection', () => {
  // 4 phones, K = 1 000: offsets 0, 250, 500, 750.
  const fourPhones = (events: EventStep[], settings: Partial<SimSettings> = {}): ScenarioResult =>
    run({
      targets: [callManager('CM1'), callManager('CM2')],
      pools: [devicePool('P', 4, ['CM1', 'CM2'])],
      settings: { keepaliveMs: 1000, ...settings },
      events,
    });

  it('stop is detected at once: requests at 10 000 queue on CM2', () => {
    // Registered 10 010, 10 020, 10 030, 10 040; outages 10 + 20 + 30 + 40 = 100 ms.
    const result = fourPhones([stop(10_000, 'CM1')]);
    expect(timelineOf(result, 'P')).toEqual([
      [0, { CM1: 4 }],
      [10_000, { [U]: 4 }],
      [10_010, { CM2: 1, [U]: 3 }],
      [10_020, { CM2: 2, [U]: 2 }],
      [10_030, { CM2: 3, [U]: 1 }],
      [10_040, { CM2: 4 }],
    ]);
    expect(result.pools.P.maxOutage).toBe(40);
    expect(result.pools.P.outagePhoneSeconds).toBe(0.1);
    expect(result.targets.CM2).toEqual({ peak: 4, peakAt: 10_040 });
  });

  it('crash is detected tcp-retry after the first tick at or after it', () => {
    // crash at 10 100: first ticks P1 10 250, P2 10 500, P3 10 750, P0 11 000; + 25 000 →
    // 35 250, 35 500, 35 750, 36 000; registered 10 ms later.
    // Outages from 10 100: 25 160, 25 410, 25 660, 25 910 → max 25 910, sum 102 140 ms.
    const result = fourPhones([crash(10_100, 'CM1')]);
    expect(timelineOf(result, 'P')).toEqual([
      [0, { CM1: 4 }],
      [10_100, { [U]: 4 }],
      [35_260, { CM2: 1, [U]: 3 }],
      [35_510, { CM2: 2, [U]: 2 }],
      [35_760, { CM2: 3, [U]: 1 }],
      [36_010, { CM2: 4 }],
    ]);
    expect(result.pools.P.maxOutage).toBe(25_910);
    expect(result.pools.P.outagePhoneSeconds).toBe(102.14);
    expect(result.end).toBe(36_010);
  });

  it('hang is detected (missed-keepalives − 1)·K after the first tick at or after it', () => {
    // hang at 10 100, K = 1 000, 3 missed → + 2 000: 12 250, 12 500, 12 750, 13 000 → +10.
    // Outages 2 160, 2 410, 2 660, 2 910 → max 2 910, sum 10 140 ms.
    const result = fourPhones([hang(10_100, 'CM1')]);
    expect(timelineOf(result, 'P').slice(2)).toEqual([
      [12_260, { CM2: 1, [U]: 3 }],
      [12_510, { CM2: 2, [U]: 2 }],
      [12_760, { CM2: 3, [U]: 1 }],
      [13_010, { CM2: 4 }],
    ]);
    expect(result.pools.P.maxOutage).toBe(2910);
    expect(result.pools.P.outagePhoneSeconds).toBe(10.14);
    // With missed-keepalives 1 the hang is detected at the first tick itself: 10 260 … 11 010.
    const once = fourPhones([hang(10_100, 'CM1')], { missedKeepalives: 1 });
    expect(
      timelineOf(once, 'P')
        .slice(2)
        .map(([t]) => t),
    ).toEqual([10_260, 10_510, 10_760, 11_010]);
  });

  it('a phone that regains service before its detection has none pending any more', () => {
    // 1 phone (offset 0), CM1 rate 1 (s = 1 000). stop CM1 at 100 → CM2 at 110.
    // recover CM1 at 5 000; tick 30 000: fallback request, done 31 000.
    // crash CM2 at 30 500 → the phone loses CM2 (detection would be 60 000 + 25 000), keeps its
    // request; at 31 000 it is on CM1 and the detection is gone: nothing happens at 85 000.
    // Outages 10 and 500.
    const result = run({
      targets: [callManager('CM1', { rate: 1 }), callManager('CM2')],
      pools: [devicePool('P', 1, ['CM1', 'CM2'])],
      events: [stop(100, 'CM1'), recover(5000, 'CM1'), crash(30_500, 'CM2')],
    });
    expect(timelineOf(result, 'P')).toEqual([
      [0, { CM1: 1 }],
      [100, { [U]: 1 }],
      [110, { CM2: 1 }],
      [30_500, { [U]: 1 }],
      [31_000, { CM1: 1 }],
    ]);
    expect(result.end).toBe(31_000);
    expect(result.pools.P.maxOutage).toBe(500);
    expect(result.pools.P.outagePhoneSeconds).toBe(0.51);
  });
});

describe('preserved calls', () => {
  // 2 phones, offsets 0 and 15 000; phone 0 in a call from 0; crash CM1 at 10 000:
  // phone 0's first tick is 30 000 → detection 55 000; phone 1's 15 000 → 40 000 → CM2 40 010.
  const withCall = (durationMs: number): ScenarioResult =>
    run({
      targets: [callManager('CM1'), callManager('CM2')],
      pools: [devicePool('P', 2, ['CM1', 'CM2'])],
      events: [calls(0, 'P', phones(1), durationMs), crash(10_000, 'CM1')],
    });

  it('a call ending before the detection: idle, waits for the detection; outage from the call end', () => {
    // Call ends 20 000. Phone 0 detects at 55 000 → 55 010: outage 55 010 − 20 000 = 35 010.
    // Phone 1: 40 010 − 10 000 = 30 010. Sum 65 020 ms.
    const result = withCall(20_000);
    expect(timelineOf(result, 'P')).toEqual([
      [0, { CM1: 2 }],
      [10_000, { [U]: 2 }],
      [40_010, { CM2: 1, [U]: 1 }],
      [55_010, { CM2: 2 }],
    ]);
    expect(result.pools.P).toMatchObject({ maxOutage: 35_010, outagePhoneSeconds: 65.02, affectedPhones: 2, preservedCalls: 1 });
  });

  it('a call ending after the detection: the phone acts at the call end', () => {
    // Phone 0 detects at 55 000 during its call; at the call end (100 000) it requests CM2 →
    // 100 010: outage 10. Phone 1: 30 010. Sum 30 020 ms.
    const result = withCall(100_000);
    expect(timelineOf(result, 'P')).toEqual([
      [0, { CM1: 2 }],
      [10_000, { [U]: 2 }],
      [40_010, { CM2: 1, [U]: 1 }],
      [100_010, { CM2: 2 }],
    ]);
    expect(result.pools.P).toMatchObject({ maxOutage: 30_010, outagePhoneSeconds: 30.02, preservedCalls: 1 });
    expect(result.end).toBe(100_010);
  });
});

describe('registration queue', () => {
  it('rate 3: s = 333.33… ms, each phone registered at ceil(done)', () => {
    // stop CM1 at 5 000, 4 phones request CM2 (rate 3) at 5 000:
    // done 5 333.33 → 5 334; 5 666.67 → 5 667; 6 000 exactly; 6 333.33 → 6 334.
    // Outages 334, 667, 1 000, 1 334 → max 1 334, sum 3 335 ms.
    const result = run({
      targets: [callManager('CM1'), callManager('CM2', { rate: 3 })],
      pools: [devicePool('P', 4, ['CM1', 'CM2'])],
      events: [stop(5000, 'CM1')],
    });
    expect(
      timelineOf(result, 'P')
        .slice(2)
        .map(([t]) => t),
    ).toEqual([5334, 5667, 6000, 6334]);
    expect(result.pools.P.maxOutage).toBe(1334);
    expect(result.pools.P.outagePhoneSeconds).toBe(3.335);
  });

  it('rate 6: every third registration lands exactly on the millisecond (no drift)', () => {
    // s = 166.67: done 2 166.67 → 2 167, 2 333.33 → 2 334, 2 500, 2 666.67 → 2 667,
    // 2 833.33 → 2 834, 3 000.
    const result = run({
      targets: [callManager('CM1'), callManager('CM2', { rate: 6 })],
      pools: [devicePool('P', 6, ['CM1', 'CM2'])],
      events: [stop(2000, 'CM1')],
    });
    expect(
      timelineOf(result, 'P')
        .slice(2)
        .map(([t]) => t),
    ).toEqual([2167, 2334, 2500, 2667, 2834, 3000]);
    expect(result.end).toBe(3000);
  });

  it('capacity: phones without room are refused and retry at their ticks', () => {
    // K = 1 000 (offsets 0, 250, 500, 750), CM2 capacity 2. stop CM1 at 10 000 (ref 0):
    // P0 → CM2 (0 + 0 < 2), P1 → CM2 (0 + 1 < 2), P2 and P3 find no room → unregistered.
    // P0 on CM2 at 10 010, P1 at 10 020; CM2 stays full, so later ticks of P2, P3 do nothing.
    // recover CM1 at 12 100 (ref 1): P1's tick 12 250 falls back → 12 260; P2's 12 500 → 12 510;
    // P3's 12 750 → 12 760; P0's 13 000 falls back → 13 010.
    // Outages: 10, 20, 2 510, 2 760 → max 2 760, sum 5 300 ms.
    const result = run({
      targets: [callManager('CM1'), callManager('CM2', { capacity: 2 })],
      pools: [devicePool('P', 4, ['CM1', 'CM2'])],
      settings: { keepaliveMs: 1000 },
      events: [stop(10_000, 'CM1'), recover(12_100, 'CM1')],
    });
    expect(timelineOf(result, 'P')).toEqual([
      [0, { CM1: 4 }],
      [10_000, { [U]: 4 }],
      [10_010, { CM2: 1, [U]: 3 }],
      [10_020, { CM2: 2, [U]: 2 }],
      [12_260, { CM1: 1, CM2: 1, [U]: 2 }],
      [12_510, { CM1: 2, CM2: 1, [U]: 1 }],
      [12_760, { CM1: 3, CM2: 1 }],
      [13_010, { CM1: 4 }],
    ]);
    expect(result.pools.P.maxOutage).toBe(2760);
    expect(result.pools.P.outagePhoneSeconds).toBe(5.3);
    expect(result.targets.CM2).toEqual({ peak: 2, peakAt: 10_020 });
    expect(refsOf(result, 'capacity-exceeded')).toEqual([0]);
    expect(result.findings.find((f) => f.code === 'capacity-exceeded')!.message).toContain('2 phones of P');
  });
});

describe('which event is to blame', () => {
  it('an isolation that makes a waiting request fail takes the blame for what follows', () => {
    // 0: stop CM1; the phone detects at 0 and asks CM2 (1 registration/s: done at 1 000). 500:
    // isolate P flushes nothing; at 1 000 CM2 is not available to P, the request fails and the phone
    // finds no target: out of service to the end (1 000), because of the isolation (ref 1).
    const result = run({
      targets: [callManager('CM1'), callManager('CM2', { rate: 1 })],
      pools: [devicePool('P', 1, ['CM1', 'CM2'])],
      events: [stop(0, 'CM1'), isolate(500, 'P')],
    });
    expect(result.end).toBe(1000);
    expect(result.pools.P.maxOutage).toBe(1000);
    expect(refsOf(result, 'no-service')).toEqual([1]);
  });
});

describe('capacity-exceeded at a retry tick', () => {
  it('counts a phone that finds its only available target full at its tick, once, against what took it out', () => {
    // K = 1s, one phone per pool, both with offset 0. 1s: stop CM1 (HQ's phone out, no other
    // target). 2s: stop CM2 (B's phone detects at once; CM2 and CM1 down: out of service, retrying).
    // 3s: recover CM1; ticks at 3000 in pool order: HQ's phone requests CM1 (now 0 + 1 waiting = its
    // capacity of 1), then B's phone finds CM1 up but full: turned away, cause = stop CM2 (ref 1).
    // HQ is on CM1 at 3010; B's later ticks find CM1 still full, but it is counted once.
    const result = run({
      targets: [callManager('CM1', { capacity: 1 }), callManager('CM2')],
      pools: [devicePool('HQ', 1, ['CM1']), devicePool('B', 1, ['CM2', 'CM1'])],
      settings: { keepaliveMs: 1000 },
      events: [stop(1000, 'CM1'), stop(2000, 'CM2'), recover(3000, 'CM1')],
    });
    // Entries are written whenever any pool changes (HQ at 1000 and 3010).
    expect(timelineOf(result, 'B')).toEqual([
      [0, { CM2: 1 }],
      [1000, { CM2: 1 }],
      [2000, { [U]: 1 }],
      [3010, { [U]: 1 }],
    ]);
    expect(result.end).toBe(3010); // the tick that only turns B's phone away does not extend the end
    expect(refsOf(result, 'capacity-exceeded')).toEqual([1]);
    expect(result.findings.find((f) => f.code === 'capacity-exceeded')!.message).toMatch(/^1 phone of B turned away .*CM1 \(capacity 1\) full/);
  });
});

describe('fallback', () => {
  it('a saturated fallback queue sends phones back to their next tick', () => {
    // K = 1 000, 4 phones: stop CM1 at 100 → CM2 at 110, 120, 130, 140.
    // CM1 Q = 2, rate 2 (s = 500); recover at 1 100.
    // 1 250 P1 joins (done 1 750); 1 500 P2 joins (start 1 750, done 2 250).
    // 1 750 P1 completes in step 3, so P3's tick in step 5 finds a place: start 2 250, done 2 750.
    // 2 000 P0: the queue holds P2 and P3 → full, wait. 3 000 P0 joins: done 3 500.
    const result = run({
      targets: [callManager('CM1', { rate: 2, queue: 2 }), callManager('CM2')],
      pools: [devicePool('P', 4, ['CM1', 'CM2'])],
      settings: { keepaliveMs: 1000 },
      events: [stop(100, 'CM1'), recover(1100, 'CM1')],
    });
    expect(timelineOf(result, 'P').slice(6)).toEqual([
      [1750, { CM1: 1, CM2: 3 }],
      [2250, { CM1: 2, CM2: 2 }],
      [2750, { CM1: 3, CM2: 1 }],
      [3500, { CM1: 4 }],
    ]);
    expect(result.pools.P.maxOutage).toBe(40); // phones waiting to fall back stay in service
    expect(result.end).toBe(3500);
  });

  it('phones in a call skip their ticks; calls skip phones waiting in a fallback queue', () => {
    // K = 1 000, 2 phones (offsets 0, 500). stop CM1 at 100 → CM2 at 110, 120.
    // CM1 rate 1 (s = 1 000), recover at 1 100. P1's tick 1 500: fallback, done 2 500.
    // calls P all lasting 10 000 at 1 600 (ref 2): P0 is placed; P1 is in a fallback queue →
    // 1 of 2 placed, calls-not-placed. P1 on CM1 at 2 500.
    // P0's call ends at 11 600; its next tick 12 000 falls back: start 12 000, done 13 000.
    const result = run({
      targets: [callManager('CM1', { rate: 1 }), callManager('CM2')],
      pools: [devicePool('P', 2, ['CM1', 'CM2'])],
      settings: { keepaliveMs: 1000 },
      events: [stop(100, 'CM1'), recover(1100, 'CM1'), calls(1600, 'P', all, 10_000)],
    });
    expect(timelineOf(result, 'P')).toEqual([
      [0, { CM1: 2 }],
      [100, { [U]: 2 }],
      [110, { CM2: 1, [U]: 1 }],
      [120, { CM2: 2 }],
      [2500, { CM1: 1, CM2: 1 }],
      [13_000, { CM1: 2 }],
    ]);
    expect(refsOf(result, 'calls-not-placed')).toEqual([2]);
    expect(result.end).toBe(13_000);
  });
});

describe('several pools', () => {
  it('ticks at one millisecond run pool by pool: a shared fallback queue place goes to the earlier pool', () => {
    // Pools A and B, 2 phones each (offsets 0, 500), both CM1 then CM2; K = 1 000.
    // stop CM1 at 100: detections in pool order, then phone order: A0, A1, B0, B1 → CM2 at
    // 110, 120, 130, 140. CM1 rate 1 (s = 1 000), Q = 1; recover CM1 at 1 100.
    // 1 500: A1 and B1 tick; A1 (pool A first) joins, done 2 500; B1 finds the queue full.
    // 2 000: A0, B0: full. 2 500: A1 on CM1 (step 3); B1's tick takes the place: done 3 500.
    // 3 000: A0, B0: full. 3 500: B1 on CM1. 4 000: A0 joins (done 5 000); B0: full.
    // 5 000: A0 on CM1, then B0's tick joins: done 6 000.
    const result = run({
      targets: [callManager('CM1', { rate: 1, queue: 1 }), callManager('CM2')],
      pools: [devicePool('A', 2, ['CM1', 'CM2']), devicePool('B', 2, ['CM1', 'CM2'])],
      settings: { keepaliveMs: 1000 },
      events: [stop(100, 'CM1'), recover(1100, 'CM1')],
    });
    expect(result.timeline).toEqual([
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
    expect(result.end).toBe(6000);
  });

  it('the tick order ranks phones by offset, then pool, then index, whichever way it is sorted', () => {
    // Pools of 3, 5 and 2 phones with K = 10: offsets 0 3 6 | 0 2 4 6 8 | 0 5.
    const pools = [
      { base: 0, phones: 3 },
      { base: 3, phones: 5 },
      { base: 8, phones: 2 },
    ];
    const offsetOf = (pool: number, index: number) => Math.floor((index * 10) / pools[pool]!.phones);
    const expected = [0, 3, 8, 4, 1, 5, 9, 2, 6, 7]; // (0,A0) (0,B0) (0,C0) (2,B1) (3,A1) (4,B2) (5,C1) (6,A2) (6,B3) (8,B4)
    const counted = new TickOrder(pools, 10, 10, offsetOf); // offset table
    const merged = new TickOrder(pools, 10, 2 ** 25, offsetOf); // a keepalive too long for a table
    expect([...counted.phoneAtRank]).toEqual(expected);
    expect([...merged.phoneAtRank]).toEqual(expected);
    // first rank with offset ≥ x: x = 0 → 0; 1 and 2 → 3 (B1 at 2); 3 → 4; 6 → 7; 7 → 9 (B4 at 8);
    // 9 and 10 → 10 (none)
    for (const order of [counted, merged]) {
      expect([0, 1, 2, 3, 6, 7, 9, 10].map((x) => order.firstRankAtOffset(x))).toEqual([0, 3, 3, 4, 7, 9, 10, 10]);
    }
  });
});

describe('srst and isolation', () => {
  it('the connection monitor counts from the last reconnect: a flap before it ends restarts it', () => {
    // Pool B: 2 phones (offsets 0, 15 000), CM1 then BR, monitor 60s.
    // isolate at 1 000 (ref 0): both lose CM1. First ticks: B0 30 000, B1 15 000 → detections
    // 55 000 and 40 000 → BR at 40 010 (B1), 55 010 (B0).
    // reconnect at 100 000 (ref 1) would let ticks ≥ 160 000 leave BR, but isolate at 130 000
    // (ref 2; nothing on CM1 to lose) and reconnect at 140 000 (ref 3) move that to ≥ 200 000.
    // B1: 195 000 too early, 225 000 → 225 010. B0: 180 000 too early, 210 000 → 210 010.
    // Outages: B0 54 010, B1 39 010 → max 54 010, sum 93 020 ms.
    const result = run({
      targets: [callManager('CM1'), srstRouter('BR')],
      pools: [devicePool('B', 2, ['CM1', 'BR'], 60 * SECOND)],
      events: [isolate(1000, 'B'), reconnect(100_000, 'B'), isolate(130_000, 'B'), reconnect(140_000, 'B')],
    });
    expect(timelineOf(result, 'B')).toEqual([
      [0, { CM1: 2 }],
      [1000, { [U]: 2 }],
      [40_010, { BR: 1, [U]: 1 }],
      [55_010, { BR: 2 }],
      [210_010, { CM1: 1, BR: 1 }],
      [225_010, { CM1: 2 }],
    ]);
    expect(result.pools.B.maxOutage).toBe(54_010);
    expect(result.pools.B.outagePhoneSeconds).toBe(93.02);
    expect(result.targets.BR).toEqual({ peak: 2, peakAt: 55_010 });
    expect(result.end).toBe(225_010);
    expect(result.findings).toEqual([]);
  });

  it('isolate flushes nothing: a queued request to the callmanager fails when it would finish', () => {
    // 1 phone, K = 1 000, CM1 rate 1, monitor 0. isolate at 100 → detection 1 000 + 25 000 →
    // BR at 26 010. reconnect at 30 000: the tick at 30 000 (after the event) falls back:
    // done 31 000. isolate at 30 500: nothing registered on CM1; the request stays queued and
    // fails at 31 000 → the phone leaves the fallback queue and stays on BR.
    // reconnect at 40 200 → tick 41 000 → done 42 000 on CM1. Outage 26 010 − 100 = 25 910.
    const result = run({
      targets: [callManager('CM1', { rate: 1 }), srstRouter('BR')],
      pools: [devicePool('B', 1, ['CM1', 'BR'], 0)],
      settings: { keepaliveMs: 1000 },
      events: [isolate(100, 'B'), reconnect(30_000, 'B'), isolate(30_500, 'B'), reconnect(40_200, 'B')],
    });
    expect(timelineOf(result, 'B')).toEqual([
      [0, { CM1: 1 }],
      [100, { [U]: 1 }],
      [26_010, { BR: 1 }],
      [42_000, { CM1: 1 }],
    ]);
    expect(result.pools.B.maxOutage).toBe(25_910);
    expect(refsOf(result, 'event-no-effect')).toEqual([]);
  });

  it('reconnected before the detection: the phone goes straight back to its callmanager', () => {
    // 1 phone; isolate at 1 000 → detection 30 000 + 25 000; reconnect at 20 000.
    // At 55 000 the best target is CM1 again → 55 010. Outage 54 010; BR never used.
    const result = run({
      targets: [callManager('CM1'), srstRouter('BR')],
      pools: [devicePool('B', 1, ['CM1', 'BR'])],
      events: [isolate(1000, 'B'), reconnect(20_000, 'B')],
    });
    expect(timelineOf(result, 'B')).toEqual([
      [0, { CM1: 1 }],
      [1000, { [U]: 1 }],
      [55_010, { CM1: 1 }],
    ]);
    expect(result.targets.BR).toEqual({ peak: 0, peakAt: 0 });
  });
});

describe('reset', () => {
  // 3 phones (offsets 0, 10 000, 20 000), only CM1. Phone 0 in a call 0–30 000.
  const resetCase = (events: EventStep[]): ScenarioResult =>
    run({
      targets: [callManager('CM1')],
      pools: [devicePool('P', 3, ['CM1'])],
      events: [calls(0, 'P', phones(1), 30_000), ...events],
    });

  it('idle phones unregister at once and boot; a phone in a call resets when its call ends', () => {
    // reset at 5 000: P1, P2 out, boot until 65 000 → CM1 65 010, 65 020.
    // P0 unregisters at its call end 30 000, boots until 90 000 → 90 010.
    // Outages 60 010, 60 010, 60 020 → max 60 020, sum 180 040 ms. No call lost service.
    const result = resetCase([reset(5000, 'P')]);
    expect(timelineOf(result, 'P')).toEqual([
      [0, { CM1: 3 }],
      [5000, { CM1: 1, [U]: 2 }],
      [30_000, { [U]: 3 }],
      [65_010, { CM1: 1, [U]: 2 }],
      [65_020, { CM1: 2, [U]: 1 }],
      [90_010, { CM1: 3 }],
    ]);
    expect(result.pools.P).toMatchObject({ maxOutage: 60_020, outagePhoneSeconds: 180.04, preservedCalls: 0 });
  });

  it('a second reset while booting restarts the boot', () => {
    // reset at 5 000 and 20 000: P1, P2 boot again until 80 000 → 80 010, 80 020
    // (outages 75 010, 75 020). P0 as before: 90 010 (60 010). Sum 210 040 ms.
    const result = resetCase([reset(5000, 'P'), reset(20_000, 'P')]);
    expect(
      timelineOf(result, 'P')
        .slice(3)
        .map(([t]) => t),
    ).toEqual([80_010, 80_020, 90_010]);
    expect(result.pools.P.maxOutage).toBe(75_020);
    expect(result.pools.P.outagePhoneSeconds).toBe(210.04);
  });

  it('a reset abandons a queued request (free is not rolled back)', () => {
    // CM2 rate 1, reset-time 1 000, 2 phones. stop CM1 at 100: done 1 100 and 2 100; free 2 100.
    // reset at 500: both leave the queue. Boot 1 500: starts max(1 500, 2 100) → 3 100, 4 100.
    const result = run({
      targets: [callManager('CM1'), callManager('CM2', { rate: 1 })],
      pools: [devicePool('P', 2, ['CM1', 'CM2'])],
      settings: { resetTimeMs: 1000 },
      events: [stop(100, 'CM1'), reset(500, 'P')],
    });
    expect(timelineOf(result, 'P').map(([t]) => t)).toEqual([0, 100, 3100, 4100]);
  });
});

describe('order within one millisecond', () => {
  const twoPhones = (events: EventStep[]): ScenarioResult =>
    run({ targets: [callManager('CM1'), callManager('CM2')], pools: [devicePool('P', 2, ['CM1', 'CM2'])], events });

  it('stop then recover at the same millisecond sends the phones straight back', () => {
    // Both events in step 1; the stop is detected in step 4, when CM1 is up again (free 60 000).
    const result = twoPhones([stop(60_000, 'CM1'), recover(60_000, 'CM1')]);
    expect(timelineOf(result, 'P')).toEqual([
      [0, { CM1: 2 }],
      [60_000, { [U]: 2 }],
      [60_010, { CM1: 1, [U]: 1 }],
      [60_020, { CM1: 2 }],
    ]);
    expect(result.targets.CM2).toEqual({ peak: 0, peakAt: 0 });
  });

  it('recover then stop at the same millisecond: file order, so the recover changes nothing', () => {
    const result = twoPhones([recover(60_000, 'CM1'), stop(60_000, 'CM1')]);
    expect(result.pools.P.final).toEqual({ CM2: 2 });
    expect(refsOf(result, 'event-no-effect')).toEqual([0]);
  });

  it('events run by time, not by their place in the file', () => {
    // File: stop at 2m (ref 0), stop at 1m (ref 1). By time the 1m stop comes first; the 2m one
    // finds CM1 down.
    const result = twoPhones([stop(2 * MINUTE, 'CM1'), stop(1 * MINUTE, 'CM1')]);
    expect(result.timeline[1]!.t).toBe(60_000);
    expect(refsOf(result, 'event-no-effect')).toEqual([0]);
    expect(result.end).toBe(120_000);
  });
});

describe('end and limits', () => {
  it('end is the last `at` time when that is later than the last change; settled is the last change', () => {
    // stop CM1 at 1 000 → CM2 at 1 010, 1 020. `at 1m expect P on CM2 == 2`: end 60 000.
    const result = run({
      targets: [callManager('CM1'), callManager('CM2')],
      pools: [devicePool('P', 2, ['CM1', 'CM2'])],
      events: [stop(1000, 'CM1')],
      expectations: [
        { kind: 'on', at: MINUTE, pool: 'P', target: 'CM2', comparison: '==', count: phones(2) },
        { kind: 'settled', by: 1010 },
      ],
    });
    expect(result.end).toBe(60_000);
    expect(result.settled).toBe(1020);
    expect(result.expectations).toEqual([
      { ref: 1, passed: true, message: 'P on CM2 at 1m: 2 (== 2)' },
      { ref: 2, passed: false, message: 'settled at 1s20ms (by 1s10ms)' },
    ]);
  });

  it('a queue still busy 24 h after the last event stops there (here a 50 s limit)', () => {
    // CM2 rate 1, 100 phones. stop CM1 at 0 → requests at 0, done k·1 000 (k = 1 … 100).
    // Limit 0 + 50 000: completions up to and including 50 000 happen → 50 on CM2, 50 out.
    // end = 50 000. Outages: Σ 1 000·k (k ≤ 50) = 1 275 000, plus 50·50 000 open to the end.
    const result = simulate(
      scenarioOf({ targets: [callManager('CM1'), callManager('CM2', { rate: 1 })], pools: [devicePool('P', 100, ['CM1', 'CM2'])], events: [stop(0, 'CM1')] }),
      { limits: { maxTailMs: 50_000 } },
    );
    expect(result.end).toBe(50_000);
    expect(result.pools.P.final).toEqual({ CM2: 50, [U]: 50 });
    expect(result.pools.P.maxOutage).toBe(50_000);
    expect(result.pools.P.outagePhoneSeconds).toBe(3775);
    expect(result.findings.map((f) => f.code).sort()).toEqual(['no-service', 'simulation-limit']);
  });

  it('the 24 h limit: a phone still in a preserved call is out of service with no outage', () => {
    // calls lasting 30 h at 0; crash CM1 at 1 000 → preserved. Limit 1 000 + 86 400 000.
    const result = run({
      targets: [callManager('CM1'), callManager('CM2')],
      pools: [devicePool('P', 1, ['CM1', 'CM2'])],
      events: [calls(0, 'P', all, 30 * 3_600_000), crash(1000, 'CM1')],
    });
    expect(result.end).toBe(86_401_000);
    expect(result.pools.P).toMatchObject({ maxOutage: 0, affectedPhones: 0, preservedCalls: 1, final: { [U]: 1 } });
    expect(refsOf(result, 'simulation-limit')).toEqual([-1]);
    expect(refsOf(result, 'no-service')).toEqual([1]);
  });

  it('too many phones: refused before anything is simulated', () => {
    const result = simulate(scenarioOf({ targets: [callManager('CM1')], pools: [devicePool('P', 11, ['CM1'])] }), { limits: { maxPhones: 10 } });
    expect(result.timeline).toEqual([]);
    expect(result.findings.map((f) => f.code)).toEqual(['simulation-limit']);
  });

  it('cancellation is polled while running and returns promptly', () => {
    // 5 000 phones moving one by one take 5 000 milliseconds with work: more than one poll.
    let polls = 0;
    const result = simulate(
      scenarioOf({ targets: [callManager('CM1'), callManager('CM2')], pools: [devicePool('P', 5000, ['CM1', 'CM2'])], events: [stop(0, 'CM1')] }),
      { isCancelled: () => ++polls >= 1 },
    );
    expect(polls).toBe(1);
    expect(result.cancelled).toBe(true);
  });
});

describe('findings', () => {
  it('event-no-effect: failing a down target, recovering an up one, isolating twice, reconnecting a connected pool', () => {
    const result = run({
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
    expect(refsOf(result, 'event-no-effect')).toEqual([0, 2, 3, 4, 6, 8]);
    expect(result.findings.find((f) => f.ref === 2)!.message).toContain('already down');
  });

  it('calls-not-placed: fewer phones in service and idle than asked for', () => {
    // CM1 capacity 2, 3 phones: P2 out of service from 0. calls P all at 0 (ref 0): 2 of 3.
    // calls P 50 % at 10 000 (ref 1): floor(1.5) = 1 — P0, P1 are in their calls → 0 of 1.
    const result = run({
      targets: [callManager('CM1', { capacity: 2 })],
      pools: [devicePool('P', 3, ['CM1'])],
      events: [calls(0, 'P', all, 60_000), calls(10_000, 'P', percent(50), 1000)],
    });
    expect(refsOf(result, 'calls-not-placed')).toEqual([0, 1]);
    expect(result.end).toBe(60_000); // the call end, though it changes nothing
    expect(refsOf(result, 'no-service')).toEqual([-1]);
  });
});

// ---------------------------------------------------------------------------------------------
// A literal reading of SIMULATION.md: every millisecond, every phone, every step. Slow, small,
// and written straight from the page, it checks the engine's shortcuts (tick sets, sorted runs).
// ---------------------------------------------------------------------------------------------

interface RefRequest {
  phone: RefPhone;
  target: RefTarget;
  /** Exact done time in units of 1/rate ms. */
  done: number;
  seq: number;
  fallback: boolean;
}

interface RefTarget {
  def: SimTarget;
  up: boolean;
  free: number;
  lastRecover: number;
  registered: number;
  queue: RefRequest[];
}

interface RefPool {
  def: SimPool;
  targets: RefTarget[];
  isolated: boolean;
  lastReconnect: number;
  phones: RefPhone[];
  maxOutage: number;
  outage: number;
  preserved: number;
}

interface RefPhone {
  pool: RefPool;
  index: number;
  offset: number;
  reg: RefTarget | null;
  req: RefRequest | null;
  callEnd: number | null;
  detectAt: number | null;
  detectedInCall: boolean;
  resetAtCallEnd: boolean;
  bootAt: number | null;
  outStart: number | null;
  affected: boolean;
}

function referenceSimulate(scenario: SimScenario, horizonAfterLastEvent: number) {
  const K = scenario.settings.keepaliveMs;
  const targets: RefTarget[] = scenario.targets.map((def) => ({ def, up: true, free: 0, lastRecover: 0, registered: 0, queue: [] }));
  const byName = new Map(targets.map((t) => [t.def.name, t]));
  const pools: RefPool[] = scenario.pools.map((def) => ({
    def,
    targets: def.preference.map((n) => byName.get(n)!),
    isolated: false,
    lastReconnect: 0,
    phones: [],
    maxOutage: 0,
    outage: 0,
    preserved: 0,
  }));
  for (const pool of pools) {
    for (let i = 0; i < pool.def.phones; i++) {
      pool.phones.push({
        pool,
        index: i,
        offset: Math.floor((i * K) / pool.def.phones),
        reg: null,
        req: null,
        callEnd: null,
        detectAt: null,
        detectedInCall: false,
        resetAtCallEnd: false,
        bootAt: null,
        outStart: null,
        affected: false,
      });
    }
  }
  const allPhones = pools.flatMap((p) => p.phones);
  const events = scenario.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i);
  const lastEvent = events.length ? events[events.length - 1]!.e.at : 0;
  const findings: Array<{ code: FindingCode; ref: number }> = [];
  let seq = 0;
  let now = 0;
  let lastActivity = 0;
  /** Only a millisecond in which some registration changed can need a timeline entry. */
  let registrationsMoved = true;

  const available = (t: RefTarget, pool: RefPool) => t.up && (t.def.kind === 'srst' || !pool.isolated);
  const hasRoom = (t: RefTarget) => t.registered + t.queue.length < t.def.capacity;
  const best = (pool: RefPool) => pool.targets.find((t) => available(t, pool) && hasRoom(t)) ?? null;
  const endOutage = (phone: RefPhone) => {
    if (phone.outStart === null) return;
    const length = now - phone.outStart;
    phone.pool.outage += length;
    phone.pool.maxOutage = Math.max(phone.pool.maxOutage, length);
    if (length > 0) phone.affected = true;
    phone.outStart = null;
  };
  const request = (phone: RefPhone, target: RefTarget, fallback: boolean) => {
    const r = target.def.registrationRate;
    const start = Math.max(now * r, target.free);
    const req: RefRequest = { phone, target, done: start + 1000, seq: seq++, fallback };
    target.free = req.done;
    target.queue.push(req);
    phone.req = req;
  };
  const requestBest = (phone: RefPhone) => {
    const target = best(phone.pool);
    if (target) request(phone, target, false);
  };
  const failed = (req: RefRequest) => {
    const phone = req.phone;
    phone.req = null;
    if (phone.reg === null && phone.detectAt === null) requestBest(phone);
  };
  const loseRegistration = (phone: RefPhone, detection: number) => {
    registrationsMoved = true;
    phone.reg!.registered--;
    phone.reg = null;
    if (phone.callEnd !== null) phone.pool.preserved++;
    else phone.outStart = now;
    phone.detectAt = detection;
  };
  const firstTick = (phone: RefPhone) => {
    let t1 = phone.offset;
    while (t1 < now) t1 += K;
    return t1;
  };
  const resetIdle = (phone: RefPhone) => {
    if (phone.reg) {
      registrationsMoved = true;
      phone.reg.registered--;
      phone.reg = null;
      phone.outStart = now;
    } else if (phone.outStart === null) phone.outStart = now;
    if (phone.req) {
      phone.req.target.queue.splice(phone.req.target.queue.indexOf(phone.req), 1);
      phone.req = null;
    }
    phone.detectAt = null;
    phone.detectedInCall = false;
    phone.bootAt = now + scenario.settings.resetTimeMs;
  };
  const ceil = (req: RefRequest) => Math.ceil(req.done / req.target.def.registrationRate - 1e-9);

  // start
  for (const pool of pools) {
    for (const phone of pool.phones) {
      const target = best(pool);
      if (target) {
        phone.reg = target;
        target.registered++;
      } else phone.outStart = 0;
    }
  }
  const timeline: Array<{ t: number; pools: Record<string, Counts> }> = [];
  const peaks = new Map(targets.map((t) => [t.def.name, { peak: 0, peakAt: 0 }]));
  const countsOf = (pool: RefPool): Counts => {
    const counts: Record<string, number> = {};
    for (const t of pool.targets) {
      const n = pool.phones.filter((p) => p.reg === t).length;
      if (n) counts[t.def.name] = n;
    }
    const out = pool.phones.filter((p) => p.reg === null).length;
    if (out) counts[U] = out;
    return counts;
  };
  let eventIndex = 0;
  for (now = 0; now <= lastEvent + horizonAfterLastEvent; now++) {
    // 1
    while (eventIndex < events.length && events[eventIndex]!.e.at === now) {
      const { e } = events[eventIndex++]!;
      if (e.kind === 'stop' || e.kind === 'crash' || e.kind === 'hang') {
        const target = byName.get(e.target)!;
        if (!target.up) {
          findings.push({ code: 'event-no-effect', ref: e.ref });
          continue;
        }
        target.up = false;
        for (const phone of allPhones) {
          if (phone.reg !== target) continue;
          const t1 = firstTick(phone);
          const delay = e.kind === 'crash' ? scenario.settings.tcpRetryMs : (scenario.settings.missedKeepalives - 1) * K;
          loseRegistration(phone, e.kind === 'stop' ? now : t1 + delay);
        }
        const flushed = target.queue;
        target.queue = [];
        flushed.forEach(failed);
      } else if (e.kind === 'recover') {
        const target = byName.get(e.target)!;
        if (target.up) {
          findings.push({ code: 'event-no-effect', ref: e.ref });
          continue;
        }
        target.up = true;
        target.free = now * target.def.registrationRate;
        target.lastRecover = now;
      } else if (e.kind === 'isolate') {
        const pool = pools.find((p) => p.def.name === e.pool)!;
        if (pool.isolated) {
          findings.push({ code: 'event-no-effect', ref: e.ref });
          continue;
        }
        pool.isolated = true;
        for (const phone of pool.phones) {
          if (phone.reg && phone.reg.def.kind === 'callmanager') loseRegistration(phone, firstTick(phone) + scenario.settings.tcpRetryMs);
        }
      } else if (e.kind === 'reconnect') {
        const pool = pools.find((p) => p.def.name === e.pool)!;
        if (!pool.isolated) {
          findings.push({ code: 'event-no-effect', ref: e.ref });
          continue;
        }
        pool.isolated = false;
        pool.lastReconnect = now;
      } else if (e.kind === 'calls') {
        const pool = pools.find((p) => p.def.name === e.pool)!;
        const n =
          e.count.kind === 'all'
            ? pool.def.phones
            : e.count.kind === 'none'
              ? 0
              : e.count.kind === 'number'
                ? e.count.value
                : Math.floor((e.count.value * pool.def.phones) / 100);
        let placed = 0;
        for (const phone of pool.phones) {
          if (placed >= n) break;
          if (phone.reg && phone.callEnd === null && phone.req === null) {
            phone.callEnd = now + e.durationMs;
            placed++;
          }
        }
        if (placed < n) findings.push({ code: 'calls-not-placed', ref: e.ref });
      } else if (e.kind === 'reset') {
        const pool = pools.find((p) => p.def.name === e.pool)!;
        for (const phone of pool.phones) {
          if (phone.callEnd !== null) phone.resetAtCallEnd = true;
          else resetIdle(phone);
        }
      }
    }
    // 2
    for (const phone of allPhones) {
      if (phone.callEnd !== now) continue;
      phone.callEnd = null;
      lastActivity = now;
      if (phone.resetAtCallEnd) {
        phone.resetAtCallEnd = false;
        resetIdle(phone);
      } else if (phone.reg === null) {
        phone.outStart = now;
        if (phone.detectAt === null) {
          phone.detectedInCall = false;
          requestBest(phone);
        }
      }
    }
    // 3 (a queue is in done order, so what is due sits at its front)
    const due: RefRequest[] = [];
    for (const t of targets) for (let k = 0; k < t.queue.length && ceil(t.queue[k]!) === now; k++) due.push(t.queue[k]!);
    due.sort((a, b) => a.done * b.target.def.registrationRate - b.done * a.target.def.registrationRate || a.seq - b.seq);
    for (const req of due) {
      const target = req.target;
      const phone = req.phone;
      target.queue.splice(target.queue.indexOf(req), 1);
      lastActivity = now;
      if (!available(target, phone.pool)) {
        failed(req);
        continue;
      }
      phone.req = null;
      registrationsMoved = true;
      if (phone.reg) phone.reg.registered--;
      else endOutage(phone);
      phone.detectAt = null;
      phone.reg = target;
      target.registered++;
    }
    // 4
    for (const phone of allPhones) {
      if (phone.detectAt === now) {
        phone.detectAt = null;
        lastActivity = now;
        if (phone.callEnd !== null) phone.detectedInCall = true;
        else if (phone.req === null) requestBest(phone);
      } else if (phone.bootAt === now) {
        phone.bootAt = null;
        lastActivity = now;
        requestBest(phone);
      }
    }
    // 5
    for (const phone of allPhones) {
      if (now < phone.offset || (now - phone.offset) % K !== 0) continue;
      if (phone.callEnd !== null || phone.detectAt !== null || phone.bootAt !== null || phone.req !== null) continue;
      const pool = phone.pool;
      const target = best(pool);
      if (!target) continue;
      if (phone.reg === null) {
        request(phone, target, false);
        lastActivity = now;
        continue;
      }
      if (pool.targets.indexOf(target) >= pool.targets.indexOf(phone.reg)) continue;
      if (phone.reg.def.kind === 'srst' && now - Math.max(target.lastRecover, pool.lastReconnect) < pool.def.connectionMonitorMs) continue;
      const inQueue = target.queue.filter((r) => r.fallback).length;
      if (target.def.kind === 'callmanager' && inQueue >= target.def.fallbackQueueDepth) continue;
      request(phone, target, true);
      lastActivity = now;
    }
    // record
    if (!registrationsMoved && timeline.length > 0) continue;
    registrationsMoved = false;
    const entry = { t: now, pools: Object.fromEntries(pools.map((p) => [p.def.name, countsOf(p)])) };
    const previous = timeline[timeline.length - 1];
    if (!previous || JSON.stringify(previous.pools) !== JSON.stringify(entry.pools)) {
      timeline.push(entry);
      for (const t of targets) {
        const peak = peaks.get(t.def.name)!;
        if (!previous || t.registered > peak.peak) {
          peak.peak = t.registered;
          peak.peakAt = now;
        }
      }
    }
  }
  const lastAt = Math.max(0, ...scenario.expectations.map((x) => (x.kind === 'on' ? x.at : 0)));
  now = Math.max(lastEvent, lastAt, lastActivity);
  for (const phone of allPhones) endOutage(phone);
  return {
    end: now,
    settled: timeline[timeline.length - 1]!.t,
    timeline,
    pools: Object.fromEntries(
      pools.map((p) => [
        p.def.name,
        {
          phones: p.def.phones,
          maxOutage: p.maxOutage,
          outagePhoneSeconds: Math.round(p.outage) / 1000,
          affectedPhones: p.phones.filter((x) => x.affected).length,
          preservedCalls: p.preserved,
          final: countsOf(p),
        },
      ]),
    ),
    targets: Object.fromEntries(peaks),
    findings: findings.sort((a, b) => a.ref - b.ref),
  };
}

// ---------------------------------------------------------------------------------------------
// Properties over generated scenarios
// ---------------------------------------------------------------------------------------------

const comparisons: Comparison[] = ['==', '!=', '<=', '>=', '<', '>'];

/** Small scenarios that settle well within a minute of their last event. */
const smallScenario: fc.Arbitrary<SimScenario> = fc
  .record({
    keepaliveMs: fc.constantFrom(5, 1000, 1500, 2000, 3000),
    missedKeepalives: fc.integer({ min: 1, max: 3 }),
    tcpRetryMs: fc.constantFrom(0, 700, 2500, 5000),
    resetTimeMs: fc.constantFrom(0, 1000, 4000),
    callManagers: fc.array(
      fc.record({
        capacity: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        rate: fc.constantFrom(3, 7, 10, 40, 100, 1000),
        queue: fc.integer({ min: 1, max: 3 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    withSrst: fc.boolean(),
    srstCapacity: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    pools: fc.array(
      fc.record({
        phones: fc.integer({ min: 1, max: 7 }),
        order: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
        srst: fc.boolean(),
        monitor: fc.constantFrom(0, 2000, 5000),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    events: fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: 20_000 }),
        kind: fc.constantFrom('stop', 'crash', 'hang', 'recover', 'recover', 'isolate', 'reconnect', 'reset', 'calls'),
        which: fc.integer({ min: 0, max: 3 }),
        count: fc.integer({ min: 0, max: 8 }),
        duration: fc.constantFrom(0, 500, 3000, 9000),
      }),
      { maxLength: 8 },
    ),
    expectations: fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: 40_000 }),
        which: fc.integer({ min: 0, max: 3 }),
        comparison: fc.constantFrom(...comparisons),
        count: fc.integer({ min: 0, max: 7 }),
      }),
      { maxLength: 3 },
    ),
  })
  .map((g) => {
    const targets: SimTarget[] = g.callManagers.map((c, i) => callManager(`CM${i + 1}`, { capacity: c.capacity, rate: c.rate, queue: c.queue }));
    if (g.withSrst) targets.push(srstRouter('BR', { capacity: g.srstCapacity, rate: 20 }));
    const pools = g.pools.map((p, i) => {
      const group = [...new Set(p.order.map((k) => `CM${Math.min(k, g.callManagers.length - 1) + 1}`))];
      return devicePool(`P${i}`, p.phones, g.withSrst && p.srst ? [...group, 'BR'] : group, p.monitor);
    });
    const events: EventStep[] = g.events.map((e) => {
      const target = targets[e.which % targets.length]!.name;
      const pool = pools[e.which % pools.length]!.name;
      switch (e.kind) {
        case 'stop':
        case 'crash':
        case 'hang':
        case 'recover':
          return { at: e.at, kind: e.kind, target } as EventStep;
        case 'calls':
          return calls(e.at, pool, e.count === 8 ? all : phones(e.count), e.duration);
        default:
          return { at: e.at, kind: e.kind as 'isolate' | 'reconnect' | 'reset', pool };
      }
    });
    const expectations: ExpectStep[] = g.expectations.map((x) => {
      const pool = pools[x.which % pools.length]!;
      const names = [...pool.preference, U];
      return { kind: 'on', at: x.at, pool: pool.name, target: names[x.which % names.length]!, comparison: x.comparison, count: phones(x.count) };
    });
    return scenarioOf({
      targets,
      pools,
      settings: { keepaliveMs: g.keepaliveMs, missedKeepalives: g.missedKeepalives, tcpRetryMs: g.tcpRetryMs, resetTimeMs: g.resetTimeMs },
      events,
      expectations,
    });
  });

describe('properties of generated scenarios', () => {
  it('matches a literal millisecond-by-millisecond reading of SIMULATION.md', () => {
    fc.assert(
      fc.property(smallScenario, (scenario) => {
        const result = simulate(scenario);
        const horizon = 60_000;
        const lastEvent = Math.max(0, ...scenario.events.map((e) => e.at));
        expect(result.settled).toBeLessThan(lastEvent + horizon); // else the reference stopped too early
        const reference = referenceSimulate(scenario, horizon);
        expect(result.timeline).toEqual(reference.timeline);
        expect(result.pools).toEqual(reference.pools);
        expect(result.targets).toEqual(reference.targets);
        expect(result.end).toBe(reference.end);
        expect(result.settled).toBe(reference.settled);
        // `at T expect P on X`: the latest entry at or before T
        for (const [k, expectation] of scenario.expectations.entries()) {
          if (expectation.kind !== 'on') continue;
          const entry = reference.timeline.filter((e) => e.t <= expectation.at).pop()!;
          const actual = entry.pools[expectation.pool]![expectation.target] ?? 0;
          expect(result.expectations[k]!.message).toContain(`: ${actual} (`);
        }
        const spec = (code: FindingCode) => (f: { code: FindingCode }) => f.code === code;
        for (const code of ['event-no-effect', 'calls-not-placed'] as const) {
          expect(
            result.findings
              .filter(spec(code))
              .map((f) => f.ref)
              .sort((a, b) => a! - b!),
          ).toEqual(reference.findings.filter(spec(code)).map((f) => f.ref));
        }
      }),
      { numRuns: 100, seed: 20_240_611 },
    );
  }, 120_000);

  it('every pool’s counts add up to its phones in every timeline entry, and the final counts are the last entry', () => {
    fc.assert(
      fc.property(smallScenario, (scenario) => {
        const result = simulate(scenario);
        expect(result.timeline[0]!.t).toBe(0);
        for (const entry of result.timeline) {
          for (const pool of scenario.pools) {
            const counts = entry.pools[pool.name]!;
            expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(pool.phones);
            expect(Object.values(counts).every((n) => n > 0)).toBe(true);
          }
        }
        const times = result.timeline.map((entry) => entry.t);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect(new Set(times).size).toBe(times.length);
        for (const pool of scenario.pools) expect(result.pools[pool.name]!.final).toEqual(result.timeline[result.timeline.length - 1]!.pools[pool.name]);
      }),
      { numRuns: 200 },
    );
  });

  it('the same input gives the same output', () => {
    fc.assert(
      fc.property(smallScenario, (scenario) => {
        expect(JSON.stringify(simulate(scenario))).toBe(JSON.stringify(simulate(structuredClone(scenario))));
      }),
      { numRuns: 100 },
    );
  });

  it('outage figures are never negative and maxOutage ≤ end', () => {
    fc.assert(
      fc.property(smallScenario, (scenario) => {
        const result = simulate(scenario);
        expect(result.settled).toBeLessThanOrEqual(result.end);
        for (const pool of scenario.pools) {
          const figures = result.pools[pool.name]!;
          expect(figures.maxOutage).toBeGreaterThanOrEqual(0);
          expect(figures.maxOutage).toBeLessThanOrEqual(result.end);
          expect(figures.outagePhoneSeconds).toBeGreaterThanOrEqual(0);
          expect(figures.outagePhoneSeconds * 1000).toBeLessThanOrEqual(pool.phones * result.end + 1e-6);
          expect(figures.affectedPhones).toBeLessThanOrEqual(pool.phones);
          expect(figures.affectedPhones > 0).toBe(figures.maxOutage > 0);
        }
        for (const target of scenario.targets) expect(result.targets[target.name]!.peakAt).toBeLessThanOrEqual(result.settled);
      }),
      { numRuns: 200 },
    );
  });
});
