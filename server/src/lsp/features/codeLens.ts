// Code lenses: the simulation, right in the code. On each scenario its verdict and `Show timeline`;
// on each event its effect; on each expectation ✓/✗ with the actual value; on each callmanager its
// steady load and what its failure would do.
import type * as lsp from 'vscode-languageserver';
import { describeImpact } from '../../core/results/resilience';
import { sweepSummary } from '../../core/results/sweeps';
import { eventEffect, expectationSummary, scenarioSummary, stopSummary } from '../../core/results/summary';
import type { FileView, ServerContext } from '../context';
import type { SimulationMode } from '../editorConfiguration';
import type { SweepSnapshot } from '../sweepScheduler';
import type { SimulationSnapshot } from '../workspaceState';

export const SHOW_TIMELINE_COMMAND = 'failover.showTimeline';
export const SHOW_SWEEP_CHART_COMMAND = 'failover.showSweepChart';

export function registerCodeLens(context: ServerContext): void {
  const { connection, state } = context;
  connection.onCodeLens(
    context.guard('textDocument/codeLens', async (params: lsp.CodeLensParams): Promise<lsp.CodeLens[]> => {
      const file = await context.file(params.textDocument.uri);
      if (!file) return [];
      const simulation = state.results;
      const configuration = await context.configuration.get(params.textDocument.uri);
      return codeLenses(file, simulation, configuration.simulation.mode, context.sweeps.snapshot);
    }),
  );
}

/**
 * The lenses of a file from the simulation of its version (undefined while it starts or when it
 * is off; partial while its scenarios stream in): each scenario's verdict and `Show timeline`, or why it has none (the error that stops it,
 * the simulation mode, or still running); each step's outcome;
 * each callmanager's steady load and failure impact; each sweep's summary and `Show sweep chart`
 * from the sweeps' results (undefined while they run).
 */
export function codeLenses(
  file: FileView,
  simulation: SimulationSnapshot | undefined,
  mode: SimulationMode,
  sweeps: SweepSnapshot | undefined = undefined,
): lsp.CodeLens[] {
  const runs = simulation?.runs.get(file.key);
  const lenses: lsp.CodeLens[] = [];
  const lens = (range: lsp.Range, title: string, command = '', args?: unknown[]) =>
    lenses.push({ range, command: { title, command, ...(args ? { arguments: args } : {}) } });

  for (const item of file.unit.parsed.file.items) {
    if (item.kind === 'callmanager') {
      const impact = simulation?.impacts.find((i) => i.definition.file === file.key && i.definition.name === item.name?.text);
      if (impact) lens(file.toRange(item.keywordRange), `${impact.atRisk ? '⚠ ' : ''}${describeImpact(impact)}`);
      // The single-failure check comes after the scenarios: it is due while they stream in.
      else if (simulation && !simulation.complete && file.analysis.isSimulable(file.key)) lens(file.toRange(item.keywordRange), '⏳ checking its failure…');
      continue;
    }
    if (item.kind === 'sweep') {
      const header = file.toRange(item.keywordRange);
      const title = item.title?.value ?? '';
      const stop = file.analysis.stopOf(file.key, item);
      const result = stop ? undefined : sweeps?.results.get(file.key)?.get(title);
      if (!result) {
        lens(header, mode === 'off' ? 'simulation off (failover.simulation.mode)' : stop ? stopSummary(file.analysis, file.key, stop) : '⏳ simulating…');
        continue;
      }
      const summary = sweepSummary(result.spec, result.runs);
      lens(header, result.outOfTime ? `⏱ ${summary} · ${result.spec.runs - result.runs.length} not run (time budget)` : summary);
      lens(header, 'Show sweep chart', SHOW_SWEEP_CHART_COMMAND, [file.uri, title]);
      continue;
    }
    if (item.kind !== 'scenario') continue;
    const header = file.toRange(item.keywordRange);
    const run = runs?.find((r) => r.scenario.range.start === item.range.start && r.scenario.title?.value === item.title?.value);
    const title = item.title?.value ?? '';
    if (!run) {
      // Stopped by errors: known without the simulation, and the error it names is the one to fix.
      const stop = file.analysis.stopOf(file.key, item);
      const reason =
        mode === 'off'
          ? 'simulation off (failover.simulation.mode)'
          : stop
            ? stopSummary(file.analysis, file.key, stop)
            : mode === 'onSave' && !simulation
              ? 'simulated on save'
              : '⏳ simulating…';
      lens(header, reason);
      continue;
    }
    lens(header, scenarioSummary(run));
    lens(header, 'Show timeline', SHOW_TIMELINE_COMMAND, [file.uri, title]);
    item.steps.forEach((step, index) => {
      if (step.kind === 'event') {
        const effect = eventEffect(run, index);
        if (effect) lens(file.toRange(step.range), effect);
      } else if (step.kind !== 'settings') {
        const summary = expectationSummary(run, index);
        if (summary) lens(file.toRange(step.range), summary);
      }
    });
  }
  return lenses;
}
