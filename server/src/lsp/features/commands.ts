// The extension's own requests: the timeline view's data, running a scenario on demand, exporting
// results as the CLI's JSON, and the status of each open file after every simulation.
import type { ServerContext } from '../context';
import { uriToKey } from '../convert';
import { simulationJsonObject } from '../../core/results/export';
import { digestOf, stepRange, stoppedScenarios, type ScenarioRun } from '../../core/results/runs';
import { stopSummary } from '../../core/results/summary';
import { formatDuration } from '../../core/durations';
import { Notifications, Requests, type StatusEntry, type TimelineData, type TimelineParams, type TimelineResult } from '../protocol';

/** Most points sent to the timeline view; longer timelines are thinned, keeping every extreme. */
const MAX_SERIES_POINTS = 4000;

function timelineData(uri: string, run: ScenarioRun, all: readonly ScenarioRun[], lineOf: (offset: number) => number): TimelineData {
  const r = run.result;
  const series = digestOf(run).totals;
  const step = Math.ceil(series.length / MAX_SERIES_POINTS);
  const thinned = step <= 1 ? series : series.filter((_, i) => i % step === 0 || i === series.length - 1);
  return {
    uri,
    scenario: r.name,
    scenarios: all.map((x) => x.result.name),
    end: r.end,
    settled: r.settled,
    targets: run.input.targets.map((t) => ({
      name: t.name,
      kind: t.kind,
      capacity: Number.isFinite(t.capacity) ? t.capacity : null,
      peak: r.targets[t.name]?.peak ?? 0,
      peakAt: r.targets[t.name]?.peakAt ?? 0,
    })),
    pools: run.input.pools.map((p) => ({ name: p.name, ...r.pools[p.name]!, final: undefined })),
    series: thinned,
    events: run.input.events.map((e) => ({
      t: e.at,
      label: `${e.kind} ${'target' in e ? e.target : e.pool}${e.kind === 'calls' ? ` (${formatDuration(e.durationMs)})` : ''}`,
      line: lineOf(stepRange(run.scenario, e.ref).start),
    })),
    expectations: r.expectations.map((e) => ({ line: lineOf(stepRange(run.scenario, e.ref).start), passed: e.passed, message: e.message })),
  };
}

export function registerCommands(context: ServerContext): void {
  const { connection, state } = context;

  connection.onRequest(
    Requests.timeline,
    context.guard(Requests.timeline, async (params: TimelineParams): Promise<TimelineResult> => {
      const file = await context.file(params.uri);
      if (!file) return { unavailable: 'This file is not part of the workspace.' };
      if (!file.analysis.isSimulable(file.key)) return { unavailable: 'This file has errors, so it is not simulated. Fix them to see the timeline.' };
      const configuration = await context.configuration.get(params.uri);
      if (!(await context.simulations.whenSimulated(configuration.simulation.timeBudgetMs + 2000)))
        return { unavailable: 'The simulation has not finished yet.' };
      const runs = state.simulation?.runs.get(file.key) ?? [];
      // A scenario stopped by an error of its own has no timeline: say which error, not another scenario's.
      const stopped = stoppedScenarios(file.analysis, file.key, { scenarioName: params.scenario });
      const first = stopped[0];
      if (first && (params.scenario !== undefined || runs.length === 0)) {
        const { scenario, error } = first;
        return { unavailable: `Scenario "${scenario.title?.value ?? ''}" is ${stopSummary(file.analysis, file.key, error)}` };
      }
      if (runs.length === 0) return { unavailable: 'This file has no scenario to show.' };
      const run = runs.find((r) => r.result.name === params.scenario) ?? runs[0]!;
      return { data: timelineData(params.uri, run, runs, (o) => file.lines.positionAt(o).line + 1) };
    }),
  );

  connection.onRequest(
    Requests.runScenario,
    context.guard(Requests.runScenario, async (params: { uri: string }): Promise<StatusEntry | undefined> => {
      state.invalidate();
      await context.simulations.schedule(params.uri, 'other');
      return statusOf(context, params.uri);
    }),
  );

  connection.onRequest(
    Requests.exportResults,
    context.guard(Requests.exportResults, async (params: { uri: string }): Promise<object | undefined> => {
      const file = await context.file(params.uri);
      if (!file) return undefined;
      await context.simulations.whenSimulated(30_000);
      return simulationJsonObject(file.key, state.simulation?.runs.get(file.key) ?? [], file.lines);
    }),
  );

  connection.onRequest(
    Requests.status,
    context.guard(Requests.status, (params: { uri: string }) => statusOf(context, params.uri)),
  );

  context.simulations.onSimulated(() => {
    for (const document of state.documents.all()) {
      const status = statusOf(context, document.uri);
      if (status) void connection.sendNotification(Notifications.simulated, status);
    }
  });
}

function statusOf(context: ServerContext, uri: string): StatusEntry | undefined {
  const key = uriToKey(uri);
  const analysis = context.state.lastAnalysis;
  if (analysis && analysis.program.unit(key) && !analysis.isSimulable(key))
    return { uri, scenarios: 0, passed: 0, failed: 0, expectationsFailed: 0, notSimulated: 'errors' };
  const runs = context.state.simulation?.runs.get(key);
  if (!runs) return undefined;
  const failed = runs.filter((r) => r.result.expectations.some((e) => !e.passed)).length;
  const stopped = analysis?.program.unit(key) ? stoppedScenarios(analysis, key).length : 0;
  return {
    uri,
    scenarios: runs.length + stopped,
    passed: runs.length - failed,
    failed,
    expectationsFailed: runs.reduce((n, r) => n + r.result.expectations.filter((e) => !e.passed).length, 0),
    ...(stopped > 0 ? { stopped } : {}),
  };
}
