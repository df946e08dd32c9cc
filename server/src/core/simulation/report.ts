// What a run reports (SIMULATION.md, "What a run reports"), put together from the engine's final
// state: per-pool figures and final counts, per-target peaks, the expectations' results, and the
// timeline, whose entries are built only when someone reads them.

import { checkExpectations } from './expectations';
import { noServiceFinding, sizeLimitFinding } from './findings';
import type { Counts, Finding, PoolResult, ScenarioResult, SimEvent, SimScenario, TargetResult, TimelineEntry } from './model';
import { NOWHERE, phoneCount, type Pool, type Target } from './state';
import { type TimelineRecorder, keepRecorder, setOwn } from './timeline';

export interface FinalState {
  readonly end: number;
  readonly pools: readonly Pool[];
  readonly targets: readonly Target[];
  readonly timeline: TimelineRecorder;
  /** What each `at T expect P on X` saw, by position in the scenario's expectations. */
  readonly countsSeen: readonly number[];
  readonly findings: Finding[];
  readonly cancelled: boolean;
}

export function reportRun(scenario: SimScenario, state: FinalState): ScenarioResult {
  const pools: Record<string, PoolResult> = {};
  for (const pool of state.pools) {
    setOwn(pools, pool.name, {
      phones: pool.phones,
      maxOutage: pool.maxOutage,
      outagePhoneSeconds: Math.round(pool.outageMs) / 1000,
      affectedPhones: pool.affected,
      preservedCalls: pool.preservedCalls,
      final: countsOf(pool),
    });
  }
  const targets: Record<string, TargetResult> = {};
  for (const target of state.targets) setOwn(targets, target.name, { peak: target.peak, peakAt: target.peakAt });
  const recorder = state.timeline;
  const settled = recorder.lastTime;
  const expectations = checkExpectations(scenario.expectations, { pools, targets, settled, countsSeen: state.countsSeen });
  // Entries are made when first read: a run can have millions, and most readers want only the figures.
  let timeline: TimelineEntry[] | undefined;
  const result: ScenarioResult = {
    name: scenario.name,
    end: state.end,
    settled,
    pools,
    targets,
    get timeline(): readonly TimelineEntry[] {
      return (timeline ??= recorder.materialize());
    },
    expectations,
    findings: state.findings,
    cancelled: state.cancelled,
  };
  keepRecorder(result, recorder);
  return result;
}

/** A pool's counts by target name (and `unregistered`), zeros left out. */
function countsOf(pool: Pool): Counts {
  const counts: Record<string, number> = {};
  for (let position = 0; position < pool.preference.length; position++) {
    const n = pool.counts[position]!;
    if (n !== 0) setOwn(counts, pool.preference[position]!.name, n);
  }
  const unregistered = pool.counts[pool.unregistered]!;
  if (unregistered !== 0) setOwn(counts, 'unregistered', unregistered);
  return counts;
}

/**
 * One `no-service` finding per pool with phones out of service at the end, pointing at the latest
 * event among their causes (`cause[phone]`, −1 for none; `eventOf` turns a cause into its event).
 */
export function noServiceFindings(
  pools: readonly Pool[],
  registeredAt: Uint8Array,
  cause: Int32Array,
  eventOf: (cause: number) => SimEvent,
  end: number,
): Finding[] {
  const findings: Finding[] = [];
  for (const pool of pools) {
    const out = pool.counts[pool.unregistered]!;
    if (out === 0) continue;
    let latestCause = -1;
    for (let phone = pool.base; phone < pool.base + pool.phones; phone++) {
      if (registeredAt[phone] === NOWHERE && cause[phone]! > latestCause) latestCause = cause[phone]!;
    }
    findings.push(noServiceFinding(latestCause >= 0 ? eventOf(latestCause) : undefined, pool.name, out, pool.phones, end));
  }
  return findings;
}

/** Too many phones: nothing is simulated, and the figures say so (docs/simulation-decisions.md). */
export function refusedForSize(scenario: SimScenario, totalPhones: number, maxPhones: number): ScenarioResult {
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
