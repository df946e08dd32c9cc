// `simulate --format text`: what a person reads. Per scenario: outage figures per pool, peak
// against capacity per target, the expectations with ✓/✗, findings, a small chart of the phones
// on each target and of those unregistered over time, and with `--step` the placement every step.
import type { ScenarioRun } from '../../core/results/runs';
import { stepRange } from '../../core/results/runs';
import { formatDuration } from '../../core/durations';
import type { LineIndex } from '../../core/syntax/lineIndex';
import { sampled } from './simulationCsv';
import type { Colors } from './stylish';

/** The timeline's key for phones out of service (and, as SIMULATION.md counts them, in preserved calls). */
const UNREGISTERED = 'unregistered';

const CHART_WIDTH = 60;
const BARS = ' ▁▂▃▄▅▆▇█';

export function table(headers: string[], rows: string[][], rightAligned: Set<number>): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const render = (cells: string[]) =>
    '  ' +
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [render(headers), ...rows.map(render)];
}

const number = (n: number) => n.toLocaleString('en-US');
const capacityText = (n: number) => (Number.isFinite(n) ? number(n) : 'unlimited');

function counts(record: Readonly<Record<string, number>>, order: readonly string[]): string {
  const keys = Object.keys(record).sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib) || a.localeCompare(b);
  });
  return (
    keys
      .filter((k) => record[k]! > 0)
      .map((k) => `${k} ${number(record[k]!)}`)
      .join(', ') || '—'
  );
}

/**
 * Phones on one target (or `unregistered`) over [0, end], summed over the pools, sampled into
 * CHART_WIDTH columns (the maximum in each).
 */
function sparkline(run: ScenarioRun, target: string, scale: number): string {
  // Column c stands for the milliseconds [c, c + 1) × (end + 1) / CHART_WIDTH: the whole run,
  // its last millisecond included (a run that ends at 0 fills the chart with the state at 0).
  const span = run.result.end + 1;
  const timeline = run.result.timeline;
  const columns = new Array<number>(CHART_WIDTH).fill(0);
  const totalAt = (i: number) => Object.values(timeline[i]!.pools).reduce((n, c) => n + (c[target] ?? 0), 0);
  for (let i = 0; i < timeline.length; i++) {
    const from = timeline[i]!.t;
    const to = i + 1 < timeline.length ? timeline[i + 1]!.t : span; // exclusive
    const value = totalAt(i);
    const first = Math.min(CHART_WIDTH - 1, Math.floor((from / span) * CHART_WIDTH));
    const last = Math.max(first, Math.min(CHART_WIDTH - 1, Math.ceil((to / span) * CHART_WIDTH) - 1));
    for (let c = first; c <= last; c++) columns[c] = Math.max(columns[c]!, value);
  }
  return columns.map((v) => (v === 0 ? ' ' : BARS[Math.max(1, Math.round((v / scale) * (BARS.length - 1)))])).join('');
}

/** The most phones unregistered at once, all pools together. */
function peakUnregistered(run: ScenarioRun): number {
  let peak = 0;
  for (const entry of run.result.timeline)
    peak = Math.max(
      peak,
      Object.values(entry.pools).reduce((n, c) => n + (c[UNREGISTERED] ?? 0), 0),
    );
  return peak;
}

/** `--step`: each pool's placement at 0, every step, and the first step at or after the end (as the CSV samples it). */
function placementEvery(run: ScenarioRun, stepMs: number): string[] {
  const order = [...run.input.targets.map((t) => t.name), UNREGISTERED];
  const rows = sampled(run.result.timeline, run.result.end, stepMs).map((entry) => [
    formatDuration(entry.t),
    ...run.input.pools.map((p) => counts(entry.pools[p.name] ?? {}, order)),
  ]);
  const lines = table(['time', ...run.input.pools.map((p) => p.name)], rows, new Set([0])).map((line) => `  ${line}`);
  return [`  placement every ${formatDuration(stepMs)}`, ...lines];
}

export function formatScenarioText(run: ScenarioRun, lines: LineIndex, colors: Colors, stepMs?: number): string {
  const r = run.result;
  const out: string[] = [];
  const lineOf = (offset: number) => lines.positionAt(offset).line + 1;
  const passed = r.expectations.filter((e) => e.passed).length;
  const verdict =
    r.expectations.length === 0
      ? ''
      : passed === r.expectations.length
        ? colors.bold(` ✓ ${passed}/${r.expectations.length} expectations`)
        : colors.red(colors.bold(` ✗ ${passed}/${r.expectations.length} expectations`));
  out.push(`${colors.bold(`Scenario "${r.name}"`)} (line ${lineOf(run.scenario.range.start)})${verdict}`);
  out.push(`  ended at ${formatDuration(r.end)}, settled at ${formatDuration(r.settled)}${r.cancelled ? ' (cancelled)' : ''}`);
  out.push('');

  const preference = run.input.targets.map((t) => t.name);
  out.push(
    ...table(
      ['pool', 'phones', 'max outage', 'outage phone·s', 'affected', 'preserved calls', 'final placement'],
      run.input.pools.map((p) => {
        const pool = r.pools[p.name]!;
        return [
          p.name,
          number(pool.phones),
          formatDuration(pool.maxOutage),
          pool.outagePhoneSeconds.toLocaleString('en-US', { maximumFractionDigits: 3 }),
          number(pool.affectedPhones),
          number(pool.preservedCalls),
          counts(pool.final, preference),
        ];
      }),
      new Set([1, 2, 3, 4, 5]),
    ),
  );
  out.push('');
  out.push(
    ...table(
      ['target', 'peak', 'at', 'capacity', 'load'],
      run.input.targets.map((t) => {
        const target = r.targets[t.name]!;
        const load = Number.isFinite(t.capacity) ? `${Math.round((target.peak / t.capacity) * 100)}%` : '';
        return [t.name, number(target.peak), formatDuration(target.peakAt), capacityText(t.capacity), target.peak >= t.capacity ? colors.yellow(load) : load];
      }),
      new Set([1, 2, 3, 4]),
    ),
  );

  if (r.expectations.length > 0) {
    out.push('', '  expectations');
    for (const e of r.expectations) {
      const mark = e.passed ? colors.bold('✓') : colors.red('✗');
      out.push(`    ${mark} line ${lineOf(stepRange(run.scenario, e.ref).start)}: ${e.message}`);
    }
  }
  if (r.findings.length > 0) {
    out.push('', '  findings');
    for (const f of r.findings) out.push(`    ${colors.yellow('⚠')} line ${lineOf(stepRange(run.scenario, f.ref).start)}: ${f.message} ${colors.dim(f.code)}`);
  }

  // The targets that ever had a phone, then the phones out of service: a long outage shows as a
  // long run of blocks on the last row, on the same scale as the targets.
  const shown = run.input.targets.filter((t) => (r.targets[t.name]?.peak ?? 0) > 0).map((t) => t.name);
  const unregisteredPeak = peakUnregistered(run);
  if ((shown.length > 0 || unregisteredPeak > 0) && r.timeline.length > 0) {
    const rows = [...shown, UNREGISTERED];
    const scale = Math.max(unregisteredPeak, ...shown.map((t) => r.targets[t]?.peak ?? 0));
    const width = Math.max(...rows.map((name) => name.length));
    out.push('', `  phones over time, per target and unregistered (full block = ${number(scale)})`);
    for (const name of rows) out.push(`    ${name.padEnd(width)} │${sparkline(run, name, scale)}│`);
    const endLabel = formatDuration(r.end);
    out.push(`    ${''.padEnd(width)}  0s${endLabel.padStart(CHART_WIDTH - 2)}`);
  }
  if (stepMs !== undefined) out.push('', ...placementEvery(run, stepMs));
  out.push('');
  return out.join('\n');
}
