// `failover/sweepChart`: a sweep's runs for the sweep chart, from the sweeps' background results.
// The client draws them; here they only lose what the chart does not show.
import { isInvalidRun, runPassed, sweepBoundary, sweepSummary } from '../../core/results/sweeps';
import type { FileView, ServerContext } from '../context';
import { Requests, type SweepChartData, type SweepChartParams, type SweepChartResult } from '../protocol';
import type { SweepSnapshot } from '../sweepScheduler';

export function registerSweepChart(context: ServerContext): void {
  context.connection.onRequest(
    Requests.sweepChart,
    context.guard(Requests.sweepChart, async (params: SweepChartParams): Promise<SweepChartResult> => {
      const file = await context.file(params.uri);
      if (!file) return { unavailable: 'This file is not part of the workspace.' };
      return sweepChartData(file, params.sweep, context.sweeps.snapshot);
    }),
  );
}

/** The chart's data for the sweep titled `title`, or why there is none yet. */
export function sweepChartData(file: FileView, title: string, sweeps: SweepSnapshot | undefined): SweepChartResult {
  const sweep = file.unit.parsed.file.items.find((item) => item.kind === 'sweep' && item.title?.value === title);
  if (!sweep || sweep.kind !== 'sweep') return { unavailable: `This file has no sweep "${title}".` };
  const stop = file.analysis.stopOf(file.key, sweep);
  if (stop) return { unavailable: `Sweep "${title}" has errors, so it is not run (first: ${stop.message}).` };
  const result = sweeps?.results.get(file.key)?.get(title);
  if (!result) return { unavailable: 'The sweep is still running.' };
  const { spec, runs } = result;
  const boundary = sweepBoundary(spec, runs);
  const data: SweepChartData = {
    uri: file.uri,
    sweep: spec.name,
    scenario: spec.scenario,
    knobs: spec.vary.map((v) => ({ label: v.label, duration: v.duration, values: v.values })),
    summary: sweepSummary(spec, runs),
    ...(boundary !== undefined ? { boundary } : {}),
    total: spec.runs,
    runs: runs.map((run) =>
      isInvalidRun(run)
        ? { values: run.values, invalid: run.invalid }
        : {
            values: run.values,
            passed: runPassed(run),
            expectations: run.expectations,
            settled: run.settled,
            pools: Object.fromEntries(Object.entries(run.pools).map(([name, pool]) => [name, { maxOutage: pool.maxOutage }])),
            targets: Object.fromEntries(Object.entries(run.targets).map(([name, target]) => [name, { peak: target.peak }])),
          },
    ),
  };
  return { data };
}
