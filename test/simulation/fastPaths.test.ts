// The engine's shortcuts for speed, shown invisible: a lone pool's tick order (no rank tables) and
// the chunked registration queue, each against a plain model — the literal reading of
// SIMULATION.md (test/support/referenceSimulation.ts) for whole runs, a plain array for the queue.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../server/src/core/simulation/engine';
import type { SimScenario, SimTarget } from '../../server/src/core/simulation/model';
import { RegistrationQueue, ceilDivide } from '../../server/src/core/simulation/registrationQueue';
import { referenceSimulate } from '../support/referenceSimulation';
import { all, callManager, calls, devicePool, phones, scenarioOf, srstRouter, type EventStep } from '../support/simulationBuilders';

/**
 * One pool with phones (sometimes between empty ones), so its phones rank by index, through
 * failures and recoveries that make many of them fallback candidates at once, with queues of 1–4.
 */
const lonePoolScenario: fc.Arbitrary<SimScenario> = fc
  .record({
    keepaliveMs: fc.constantFrom(7, 1000, 1500, 3000),
    tcpRetryMs: fc.constantFrom(0, 700, 2500),
    phones: fc.integer({ min: 1, max: 16 }),
    emptyBefore: fc.boolean(),
    emptyAfter: fc.boolean(),
    callManagers: fc.array(
      fc.record({
        capacity: fc.option(fc.integer({ min: 2, max: 30 }), { nil: undefined }),
        rate: fc.constantFrom(3, 7, 40, 1000),
        queue: fc.integer({ min: 1, max: 4 }),
      }),
      { minLength: 2, maxLength: 3 },
    ),
    withSrst: fc.boolean(),
    monitor: fc.constantFrom(0, 2000),
    events: fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: 20_000 }),
        kind: fc.constantFrom('stop', 'crash', 'hang', 'recover', 'recover', 'isolate', 'reconnect', 'reset', 'calls'),
        which: fc.integer({ min: 0, max: 3 }),
        count: fc.integer({ min: 0, max: 12 }),
        duration: fc.constantFrom(0, 800, 4000),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map((g) => {
    const targets: SimTarget[] = g.callManagers.map((c, i) => callManager(`CM${i + 1}`, { capacity: c.capacity, rate: c.rate, fallbackQueueDepth: c.queue }));
    if (g.withSrst) targets.push(srstRouter('BR', { rate: 20 }));
    const preference = [...targets.map((t) => t.name)];
    const pools = [
      ...(g.emptyBefore ? [devicePool('E0', 0, preference, g.monitor)] : []),
      devicePool('P', g.phones, preference, g.monitor),
      ...(g.emptyAfter ? [devicePool('E1', 0, preference, g.monitor)] : []),
    ];
    const events: EventStep[] = g.events.map((e) => {
      const target = targets[e.which % targets.length]!.name;
      switch (e.kind) {
        case 'stop':
        case 'crash':
        case 'hang':
        case 'recover':
          return { at: e.at, kind: e.kind, target } as EventStep;
        case 'calls':
          return calls(e.at, 'P', e.count === 12 ? all : phones(e.count), e.duration);
        default:
          return { at: e.at, kind: e.kind as 'isolate' | 'reconnect' | 'reset', pool: 'P' };
      }
    });
    return scenarioOf({ targets, pools, settings: { keepaliveMs: g.keepaliveMs, tcpRetryMs: g.tcpRetryMs }, events });
  });

describe('a lone pool ranks its phones by index', () => {
  it('matches the literal reading of SIMULATION.md figure for figure', () => {
    fc.assert(
      fc.property(lonePoolScenario, (scenario) => {
        const result = simulate(scenario);
        const horizon = 120_000;
        const lastEvent = Math.max(0, ...scenario.events.map((e) => e.at));
        expect(result.settled).toBeLessThan(lastEvent + horizon); // else the reference stopped too early
        const reference = referenceSimulate(scenario, horizon);
        expect(result.timeline).toEqual(reference.timeline);
        expect(result.pools).toEqual(reference.pools);
        expect(result.targets).toEqual(reference.targets);
        expect(result.end).toBe(reference.end);
        expect(result.settled).toBe(reference.settled);
      }),
      { numRuns: 100, seed: 20_261_202 },
    );
  }, 240_000);
});

/** The queue as a plain array: what the chunked one must answer, operation by operation. */
interface ModelEntry {
  phone: number;
  done: number;
  sequence: number;
  slot: number;
  live: boolean;
}

describe('the chunked registration queue', () => {
  it('answers like a plain array across many chunk boundaries (requests, abandons, completions, drains)', () => {
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('enqueue' as const), count: fc.integer({ min: 1, max: 3000 }), advance: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('abandon' as const), pick: fc.nat(), count: fc.integer({ min: 1, max: 500 }) }),
      fc.record({ kind: fc.constant('take' as const), count: fc.integer({ min: 1, max: 3000 }) }),
      fc.record({ kind: fc.constant('drain' as const) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(operation, { minLength: 1, maxLength: 25 }), (rate, operations) => {
        const queue = new RegistrationQueue(0, rate);
        let model: ModelEntry[] = [];
        let first = 0; // no live entry before it
        let waiting = 0;
        let free = 0;
        let now = 0;
        let sequence = 0;
        let phone = 0;
        const head = (): ModelEntry | undefined => {
          while (first < model.length && !model[first]!.live) first++;
          return model[first];
        };
        const checkHead = () => {
          const entry = head();
          expect(queue.settleHead()).toBe(entry !== undefined);
          expect(queue.waiting).toBe(waiting);
          if (entry === undefined) return;
          const time = ceilDivide(entry.done, rate);
          expect([queue.time, queue.fraction, queue.sequence]).toEqual([time, entry.done - (time - 1) * rate, entry.sequence]);
        };
        for (const op of operations) {
          switch (op.kind) {
            case 'enqueue':
              now += op.advance;
              for (let k = 0; k < op.count; k++) {
                const done = Math.max(now * rate, free) + 1000;
                free = done;
                const slot = queue.enqueue(phone, now, sequence);
                model.push({ phone: phone++, done, sequence: sequence++, slot, live: true });
                waiting++;
              }
              break;
            case 'abandon':
              for (let k = 0; k < op.count && waiting > 0; k++) {
                const entry = model[first + ((op.pick + k * 7919) % (model.length - first))]!;
                queue.abandon(entry.slot); // twice for one slot: the second is ignored
                if (entry.live) waiting--;
                entry.live = false;
              }
              queue.abandon(-1); // a slot it never gave: ignored
              break;
            case 'take':
              for (let k = 0; k < op.count; k++) {
                checkHead();
                const entry = head();
                if (entry === undefined) break;
                expect(queue.takeHead()).toBe(entry.phone);
                entry.live = false;
                waiting--;
              }
              break;
            case 'drain':
              expect(queue.drain()).toEqual(model.filter((entry) => entry.live).map((entry) => entry.phone));
              model = [];
              first = 0;
              waiting = 0;
              break;
          }
          checkHead();
        }
      }),
      { numRuns: 60, seed: 20_261_203 },
    );
  });
});
