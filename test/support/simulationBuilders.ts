// Builders for the simulator's input, in the language's words, and readers of its result: the one
// vocabulary of test/simulation/*. A case is written as targets, pools, settings, events and
// expectations; every figure not given takes SIMULATION.md's default.
import { expect } from 'vitest';
import { simulate } from '../../server/src/core/simulation/engine';
import type {
  Counts,
  ExpectationResult,
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

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
/** The count of phones out of service, in timelines and `final` counts. */
export const U = 'unregistered';

/** K = 30 s, missed-keepalives 3, tcp-retry 25 s, reset-time 60 s. */
const DEFAULT_SETTINGS: SimSettings = { keepaliveMs: 30 * SECOND, missedKeepalives: 3, tcpRetryMs: 25 * SECOND, resetTimeMs: 60 * SECOND };

export interface TargetOptions {
  /** Default: unlimited. */
  capacity?: number;
  /** Registrations per second; default 100 (s = 10 ms). */
  rate?: number;
  /** MaxPhonesFallBackQueueDepth Q; default 10. */
  fallbackQueueDepth?: number;
}

export function callManager(name: string, options: TargetOptions = {}): SimTarget {
  return {
    name,
    kind: 'callmanager',
    capacity: options.capacity ?? Infinity,
    registrationRate: options.rate ?? 100,
    fallbackQueueDepth: options.fallbackQueueDepth ?? 10,
  };
}

export function srstRouter(name: string, options: Omit<TargetOptions, 'fallbackQueueDepth'> = {}): SimTarget {
  return { name, kind: 'srst', capacity: options.capacity ?? Infinity, registrationRate: options.rate ?? 100, fallbackQueueDepth: 10 };
}

/** `preference`: the group's members in order, then the pool's srst router if it has one. Connection monitor default 120 s. */
export function devicePool(name: string, phones: number, preference: string[], connectionMonitorMs = 120 * SECOND): SimPool {
  return { name, phones, preference, connectionMonitorMs };
}

type WithoutRef<T> = T extends unknown ? Omit<T, 'ref'> : never;
export type EventStep = WithoutRef<SimEvent>;
export type ExpectStep = WithoutRef<SimExpectation>;

export const phones = (value: number): SimCount => ({ kind: 'number', value });
export const percent = (value: number): SimCount => ({ kind: 'percent', value });
export const all: SimCount = { kind: 'all' };
export const none: SimCount = { kind: 'none' };

export const stop = (at: number, target: string): EventStep => ({ at, kind: 'stop', target });
export const crash = (at: number, target: string): EventStep => ({ at, kind: 'crash', target });
export const hang = (at: number, target: string): EventStep => ({ at, kind: 'hang', target });
export const recover = (at: number, target: string): EventStep => ({ at, kind: 'recover', target });
export const isolate = (at: number, pool: string): EventStep => ({ at, kind: 'isolate', pool });
export const reconnect = (at: number, pool: string): EventStep => ({ at, kind: 'reconnect', pool });
export const reset = (at: number, pool: string): EventStep => ({ at, kind: 'reset', pool });
/** `count` as a number is that many phones. */
export const calls = (at: number, pool: string, count: SimCount | number, durationMs: number): EventStep => ({
  at,
  kind: 'calls',
  pool,
  count: typeof count === 'number' ? phones(count) : count,
  durationMs,
});

export interface Case {
  targets: SimTarget[];
  pools: SimPool[];
  settings?: Partial<SimSettings>;
  /** Each step's ref is its index here: events first, then expectations. */
  events?: EventStep[];
  expectations?: ExpectStep[];
}

export function scenarioOf(c: Case): SimScenario {
  const events = (c.events ?? []).map((event, ref) => ({ ...event, ref }) as SimEvent);
  const expectations = (c.expectations ?? []).map((expectation, k) => ({ ...expectation, ref: events.length + k }) as SimExpectation);
  return { name: 'case', targets: c.targets, pools: c.pools, settings: { ...DEFAULT_SETTINGS, ...c.settings }, events, expectations };
}

export function run(c: Case, options?: SimOptions): ScenarioResult {
  return simulate(scenarioOf(c), options);
}

/** One pool's timeline as [t, counts]. */
export function timelineOf(result: ScenarioResult, pool: string): Array<[number, Counts]> {
  return result.timeline.map((entry) => [entry.t, entry.pools[pool]!]);
}

/** The whole timeline of a one-pool scenario, as [t, counts of that pool]. */
export function expectTimeline(result: ScenarioResult, pool: string, entries: Array<[number, Counts]>): void {
  expect(result.timeline).toEqual(entries.map(([t, counts]) => ({ t, pools: { [pool]: counts } })));
}

/** The refs of the findings with this code, in the result's order (−1 for a finding without one). */
export function refsOf(result: ScenarioResult, code: FindingCode): number[] {
  return result.findings.filter((finding) => finding.code === code).map((finding) => finding.ref ?? -1);
}

/** The result of the expectation with this ref (events come first: see `Case`). */
export function outcomeOf(result: ScenarioResult, ref: number): ExpectationResult {
  const outcome = result.expectations.find((e) => e.ref === ref);
  if (!outcome) throw new Error(`no expectation result with ref ${ref}`);
  return outcome;
}
