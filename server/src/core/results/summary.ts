// One-line summaries of a run, in an engineer's words: the scenario verdict, what each event did,
// each expectation's outcome. Shared by the editor's code lenses, hovers and the status bar.
import type { Diagnostic } from '../diagnostics';
import { formatDuration } from '../durations';
import type { EventStep } from '../syntax/ast';
import type { Analysis } from '../workspace/analysis';
import { basename } from '../workspace/paths';
import { digestOf, type RunDigest, type ScenarioRun } from './runs';

/** `✓ 4/4 expectations · max outage 55s · settled 21m30s` */
export function scenarioSummary(run: ScenarioRun): string {
  const r = run.result;
  const parts: string[] = [];
  if (r.cancelled) return '⏱ stopped before the end (time budget)';
  if (r.expectations.length > 0) {
    const passed = r.expectations.filter((e) => e.passed).length;
    parts.push(`${passed === r.expectations.length ? '✓' : '✗'} ${passed}/${r.expectations.length} expectations`);
  }
  const maxOutage = Math.max(0, ...Object.values(r.pools).map((p) => p.maxOutage));
  parts.push(`max outage ${formatDuration(maxOutage)}`);
  parts.push(`settled ${formatDuration(r.settled)}`);
  const warnings = r.findings.length;
  if (warnings > 0) parts.push(`⚠ ${warnings} finding${warnings === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/**
 * Why a scenario of `file` is not simulated, naming the error that stops it and where it is:
 * `not simulated: error at line 4: Unknown callmanager …`, or `… error in topology.failover at line 3: …`.
 */
export function stopSummary(analysis: Analysis, file: string, error: Diagnostic): string {
  const line = (analysis.program.unit(error.file)?.lines.positionAt(error.range.start).line ?? 0) + 1;
  const where = error.file === file ? `at line ${line}` : `in ${basename(error.file)} at line ${line}`;
  return `not simulated: error ${where}: ${error.message}`;
}

/**
 * What an event did until the next event: phones that arrived on each target (with the time of
 * the last arrival), and phones still out of service then. `→ 840 phones to CM2 by 1m55s`.
 */
export function eventEffect(run: ScenarioRun, stepIndex: number): string {
  const step = run.scenario.steps[stepIndex] as EventStep | undefined;
  const event = run.input.events.find((e) => e.ref === stepIndex);
  if (!step || !event) return '';
  const totals = digestOf(run).totals;
  const t = event.at;
  const laterTimes = run.input.events.map((e) => e.at).filter((at) => at > t);
  const windowEnd = laterTimes.length > 0 ? Math.min(...laterTimes) - 1 : run.result.end;
  const before = (t === 0 ? totals[0] : totalsAt(totals, t - 1))?.counts ?? {};
  const after = totalsAt(totals, windowEnd)?.counts ?? {};
  const moves: string[] = [];
  for (const [target, n] of Object.entries(after)) {
    if (target === 'unregistered') continue;
    const gained = n - (before[target] ?? 0);
    if (gained <= 0) continue;
    // The last time this target's total changed inside the window: when the move was over.
    let lastChange = t;
    let previous = before[target] ?? 0;
    for (const entry of totals) {
      if (entry.t < t) continue;
      if (entry.t > windowEnd) break;
      const value = entry.counts[target] ?? 0;
      if (value !== previous) lastChange = entry.t;
      previous = value;
    }
    moves.push(`${gained} phone${gained === 1 ? '' : 's'} to ${target} by ${formatDuration(lastChange)}`);
  }
  const outAfter = after['unregistered'] ?? 0;
  const parts = moves.length > 0 ? [`→ ${moves.join(', ')}`] : [];
  if (outAfter > 0) parts.push(`${outAfter} out of service${laterTimes.length > 0 ? ` at ${formatDuration(windowEnd + 1)}` : ' at the end'}`);
  const finding = run.result.findings.find((f) => f.ref === stepIndex);
  if (finding) parts.push(`⚠ ${finding.code}`);
  if (parts.length === 0) return event.kind === 'calls' ? 'calls placed' : 'no phone moves';
  return parts.join(' · ');
}

function totalsAt(totals: RunDigest['totals'], t: number): RunDigest['totals'][number] | undefined {
  let found: RunDigest['totals'][number] | undefined;
  let low = 0;
  let high = totals.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (totals[mid]!.t <= t) {
      found = totals[mid];
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** `✓ HQ on CM2 at 5m: 840 (>= 800)` */
export function expectationSummary(run: ScenarioRun, stepIndex: number): string | undefined {
  const result = run.result.expectations.find((e) => e.ref === stepIndex);
  if (!result) return undefined;
  return `${result.passed ? '✓' : '✗'} ${result.message}`;
}
