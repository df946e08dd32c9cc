// The engine against the literal reading of SIMULATION.md (test/support/referenceSimulation.ts) on
// generated scenarios, figure for figure; properties every run must have; the engine's own
// readings where the page is silent (docs/simulation-decisions.md: which event is to blame, the
// limits, cancellation); and its machinery (the tick order). The rules themselves, case by case
// with their figures worked out by hand, are in spec-cases.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../server/src/core/simulation/engine';
import type { Comparison, FindingCode, SimScenario, SimTarget } from '../../server/src/core/simulation/model';
import { TickOrder } from '../../server/src/core/simulation/tickOrder';
import { referenceSimulate } from '../support/referenceSimulation';
import {
  U,
  all,
  callManager,
  calls,
  devicePool,
  isolate,
  phones,
  recover,
  refsOf,
  run,
  scenarioOf,
  srstRouter,
  stop,
  timelineOf,
  type EventStep,
  type ExpectStep,
} from '../support/simulationBuilders';

// ---------------------------------------------------------------------------------------------
// Readings where SIMULATION.md is silent (docs/simulation-decisions.md)
// ---------------------------------------------------------------------------------------------

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
    expect(result.pools.P!.maxOutage).toBe(1000);
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

describe('limits and cancellation', () => {
  it('a queue still busy 24 h after the last event stops there (here a 50 s limit)', () => {
    // CM2 rate 1, 100 phones. stop CM1 at 0 → requests at 0, done k·1 000 (k = 1 … 100).
    // Limit 0 + 50 000: completions up to and including 50 000 happen → 50 on CM2, 50 out.
    // end = 50 000. Outages: Σ 1 000·k (k ≤ 50) = 1 275 000, plus 50·50 000 open to the end.
    const result = simulate(
      scenarioOf({ targets: [callManager('CM1'), callManager('CM2', { rate: 1 })], pools: [devicePool('P', 100, ['CM1', 'CM2'])], events: [stop(0, 'CM1')] }),
      { limits: { maxTailMs: 50_000 } },
    );
    expect(result.end).toBe(50_000);
    expect(result.pools.P!.final).toEqual({ CM2: 50, [U]: 50 });
    expect(result.pools.P!.maxOutage).toBe(50_000);
    expect(result.pools.P!.outagePhoneSeconds).toBe(3775);
    expect(result.findings.map((f) => f.code).sort()).toEqual(['no-service', 'simulation-limit']);
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

// ---------------------------------------------------------------------------------------------
// Machinery
// ---------------------------------------------------------------------------------------------

describe('the tick order', () => {
  it('ranks phones by offset, then pool, then index, whichever way it is sorted', () => {
    // Pools of 3, 5 and 2 phones with K = 10: offsets 0 3 6 | 0 2 4 6 8 | 0 5.
    const pools = [
      { base: 0, phones: 3 },
      { base: 3, phones: 5 },
      { base: 8, phones: 2 },
    ];
    const offsetOf = (pool: number, index: number) => Math.floor((index * 10) / pools[pool]!.phones);
    const expected = [0, 3, 8, 4, 1, 5, 9, 2, 6, 7]; // (0,A0) (0,B0) (0,C0) (2,B1) (3,A1) (4,B2) (5,C1) (6,A2) (6,B3) (8,B4)
    const firstAtOffset = (pool: number, x: number) => Math.ceil((x * pools[pool]!.phones) / 10);
    const counted = new TickOrder(pools, 10, 10, offsetOf, firstAtOffset); // offset table
    const merged = new TickOrder(pools, 10, 2 ** 25, offsetOf, firstAtOffset); // a keepalive too long for a table
    const ranked = (order: TickOrder) => expected.map((_, rank) => order.phoneAt(rank));
    expect(ranked(counted)).toEqual(expected);
    expect(ranked(merged)).toEqual(expected);
    const phones = expected.map((_, phone) => phone);
    expect(phones.map((phone) => counted.rankOf(phone))).toEqual(phones.map((phone) => expected.indexOf(phone)));
    // first rank with offset ≥ x: x = 0 → 0; 1 and 2 → 3 (B1 at 2); 3 → 4; 6 → 7; 7 → 9 (B4 at 8);
    // 9 and 10 → 10 (none)
    for (const order of [counted, merged]) {
      expect([0, 1, 2, 3, 6, 7, 9, 10].map((x) => order.firstRankAtOffset(x))).toEqual([0, 3, 3, 4, 7, 9, 10, 10]);
    }
  });

  it('ranks the phones of a lone pool (empty pools around it) by index, with no tables', () => {
    // One pool of 4 phones with K = 10 (offsets 0 2 5 7) between two empty pools.
    const pools = [
      { base: 0, phones: 0 },
      { base: 0, phones: 4 },
      { base: 4, phones: 0 },
    ];
    const offsetOf = (pool: number, index: number) => Math.floor((index * 10) / pools[pool]!.phones);
    const firstAtOffset = (pool: number, x: number) => Math.ceil((x * pools[pool]!.phones) / 10);
    const order = new TickOrder(pools, 4, 10, offsetOf, firstAtOffset);
    expect([0, 1, 2, 3].map((rank) => order.phoneAt(rank))).toEqual([0, 1, 2, 3]);
    expect([0, 1, 2, 3].map((phone) => order.rankOf(phone))).toEqual([0, 1, 2, 3]);
    expect([0, 1, 2, 3].map((rank) => order.offsetAt(rank))).toEqual([0, 2, 5, 7]);
    expect([0, 1, 2, 3, 6, 8, 10].map((x) => order.firstRankAtOffset(x))).toEqual([0, 1, 1, 2, 3, 4, 4]);
  });
});

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
    const targets: SimTarget[] = g.callManagers.map((c, i) => callManager(`CM${i + 1}`, { capacity: c.capacity, rate: c.rate, fallbackQueueDepth: c.queue }));
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
