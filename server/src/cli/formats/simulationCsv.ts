// `simulate --format csv`: the timeline, one row per change (or per `--step`), one column per
// pool and target, for spreadsheets and plotting tools.
import type { ScenarioRun } from '../../core/results/runs';
import type { TimelineEntry } from '../../core/simulation/model';

export function quote(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Pool/target columns, in pool order then preference order, `unregistered` last for each pool. */
function columns(run: ScenarioRun): [string, string][] {
  const result: [string, string][] = [];
  for (const pool of run.input.pools) {
    for (const target of pool.preference) result.push([pool.name, target]);
    const extra = new Set<string>();
    for (const entry of run.result.timeline)
      for (const target of Object.keys(entry.pools[pool.name] ?? {})) if (!pool.preference.includes(target) && target !== 'unregistered') extra.add(target);
    for (const target of [...extra].sort()) result.push([pool.name, target]);
    result.push([pool.name, 'unregistered']);
  }
  return result;
}

/**
 * The state at every `step` ms from 0, taken from the timeline entry in force, up to the first
 * multiple of the step at or after the end: a regular grid whose last row is the final state.
 */
export function sampled(timeline: readonly TimelineEntry[], end: number, step: number): TimelineEntry[] {
  const rows: TimelineEntry[] = [];
  let i = 0;
  for (let t = 0; ; t += step) {
    while (i + 1 < timeline.length && timeline[i + 1]!.t <= t) i++;
    rows.push({ t, pools: timeline[i]?.pools ?? {} });
    if (t >= end) break;
  }
  return rows;
}

export function formatSimulationCsv(runs: readonly ScenarioRun[], stepMs?: number): string {
  const out: string[] = [];
  for (const run of runs) {
    const cols = columns(run);
    if (out.length === 0 || runs.length > 1) {
      if (out.length > 0) out.push('');
      out.push(['scenario', 't_ms', ...cols.map(([pool, target]) => `${pool}:${target}`)].map(quote).join(','));
    }
    const rows = stepMs ? sampled(run.result.timeline, run.result.end, stepMs) : run.result.timeline;
    for (const entry of rows) {
      out.push([quote(run.result.name), String(entry.t), ...cols.map(([pool, target]) => String(entry.pools[pool]?.[target] ?? 0))].join(','));
    }
  }
  return out.join('\n') + '\n';
}
