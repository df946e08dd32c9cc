// The sweep chart as plain data (the same view tree as the timeline's, drawn by the same webview
// script). One knob: small multiples, one panel per figure (settled time, each pool's max outage,
// each target's peak) against the knob's value, each with its own y scale, passing runs marked.
// Two knobs: a grid of the runs coloured pass/fail with the settled time in each cell. Invalid runs
// are shown as such in both.
import { formatDuration } from '../../../server/src/core/durations';
import type { SweepChartData, SweepChartRun } from '../../../server/src/lsp/protocol';
import { h, type ViewNode } from '../timeline/viewTree';

export interface SweepViewState {
  readonly data?: SweepChartData;
  readonly notice?: string;
}

/** One panel of the one-knob chart: a figure against the knob's value. */
export interface SweepSeries {
  readonly title: string;
  readonly time: boolean;
  /** Valid runs only, in value order. */
  readonly points: readonly { readonly x: number; readonly y: number; readonly passed: boolean }[];
  /** Values whose run is invalid, with the reason. */
  readonly invalid: readonly { readonly x: number; readonly reason: string }[];
}

type ValidRun = Extract<SweepChartRun, { passed: boolean }>;
const isValid = (run: SweepChartRun): run is ValidRun => !('invalid' in run);

/** The one-knob chart's panels: settled, then each pool's max outage, then each target's peak. */
export function sweepSeries(data: Pick<SweepChartData, 'runs'>): SweepSeries[] {
  const valid = data.runs.filter(isValid);
  const invalid = data.runs.flatMap((run) => (isValid(run) ? [] : [{ x: run.values[0]!, reason: run.invalid }]));
  const first = valid[0];
  const series = (title: string, time: boolean, y: (run: ValidRun) => number): SweepSeries => ({
    title,
    time,
    points: valid.map((run) => ({ x: run.values[0]!, y: y(run), passed: run.passed })),
    invalid,
  });
  return [
    series('settled', true, (run) => run.settled),
    ...Object.keys(first?.pools ?? {}).map((pool) => series(`max outage ${pool}`, true, (run) => run.pools[pool]?.maxOutage ?? 0)),
    ...Object.keys(first?.targets ?? {}).map((target) => series(`peak ${target}`, false, (run) => run.targets[target]?.peak ?? 0)),
  ];
}

/** The two-knob grid: a row per value of the first knob, a column per value of the second. */
export interface SweepGrid {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** `cells[row][column]`; undefined for a run that did not finish (time budget). */
  readonly cells: readonly (readonly ({ readonly state: 'pass' | 'fail' | 'invalid'; readonly text: string; readonly detail: string } | undefined)[])[];
}

export function sweepGrid(data: Pick<SweepChartData, 'knobs' | 'runs'>): SweepGrid {
  const [outer, inner] = data.knobs;
  if (!outer || !inner) return { rows: [], columns: [], cells: [] };
  const cells = outer.values.map(() => inner.values.map(() => undefined as SweepGrid['cells'][number][number]));
  for (const run of data.runs) {
    const row = outer.values.indexOf(run.values[0]!);
    const column = inner.values.indexOf(run.values[1]!);
    if (row < 0 || column < 0) continue;
    cells[row]![column] = isValid(run)
      ? {
          state: run.passed ? 'pass' : 'fail',
          text: formatDuration(run.settled),
          detail: `${run.expectations.passed}/${run.expectations.total} expectations · settled ${formatDuration(run.settled)}`,
        }
      : { state: 'invalid', text: 'invalid', detail: run.invalid };
  }
  return { rows: outer.values.map((v) => valueText(outer, v)), columns: inner.values.map((v) => valueText(inner, v)), cells };
}

function valueText(knob: { readonly duration: boolean }, value: number): string {
  return knob.duration ? formatDuration(value) : String(value);
}

const PANEL_HEIGHT = 150;
const MARGIN = { left: 64, right: 16, top: 22, bottom: 34 };

/** The whole view for a webview `width` pixels wide. */
export function buildSweepView(state: SweepViewState, width: number): ViewNode {
  const { data, notice } = state;
  if (!data) return h('div', null, h('p', { class: 'notice', role: 'status' }, notice ?? 'The sweep is still running…'));
  const [first] = data.knobs;
  const partial = data.runs.length < data.total ? `${data.total - data.runs.length} of ${data.total} runs did not finish within the time budget.` : undefined;
  return h(
    'div',
    { id: 'sweep' },
    h('h1', null, `Sweep: ${data.sweep}`),
    h('p', { class: 'summary' }, `scenario "${data.scenario}" · ${data.summary}${data.boundary ? ` · ${data.boundary}` : ''}`),
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    partial ? h('p', { class: 'notice', role: 'status' }, partial) : null,
    data.knobs.length === 1 && first ? oneKnob(data, first, width) : twoKnobs(data),
  );
}

function oneKnob(data: SweepChartData, knob: SweepChartData['knobs'][number], width: number): ViewNode {
  const panels = sweepSeries(data).map((series, i) => panel(series, knob, Math.max(width - 8, 320), i));
  return h('div', { class: 'panels' }, ...panels);
}

function panel(series: SweepSeries, knob: SweepChartData['knobs'][number], width: number, index: number): ViewNode {
  const xs = knob.values;
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const maxY = Math.max(1, ...series.points.map((p) => p.y));
  const right = width - MARGIN.right;
  const bottom = PANEL_HEIGHT - MARGIN.bottom;
  const xOf = (x: number) => (hi === lo ? (MARGIN.left + right) / 2 : MARGIN.left + ((x - lo) / (hi - lo)) * (right - MARGIN.left));
  const yOf = (y: number) => bottom - (y / maxY) * (bottom - MARGIN.top);
  const yText = (y: number) => (series.time ? formatDuration(Math.round(y)) : String(Math.round(y)));
  const line = series.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${xOf(p.x).toFixed(1)},${yOf(p.y).toFixed(1)}`).join(' ');
  const xTicks = xs.length <= 12 ? xs : [lo, xs[Math.floor(xs.length / 2)]!, hi];
  return h(
    'svg',
    {
      class: 'chart sweep-panel',
      width,
      height: PANEL_HEIGHT,
      viewBox: `0 0 ${width} ${PANEL_HEIGHT}`,
      role: 'img',
      'aria-label': `${series.title} against ${knob.label}`,
    },
    h('text', { class: 'axis-title', x: MARGIN.left, y: 14 }, series.title),
    h('line', { class: 'axis', x1: MARGIN.left, x2: right, y1: bottom, y2: bottom }),
    h('line', { class: 'axis', x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: bottom }),
    h('text', { class: 'tick', x: MARGIN.left - 6, y: yOf(maxY), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, yText(maxY)),
    h('text', { class: 'tick', x: MARGIN.left - 6, y: bottom, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, yText(0)),
    ...xTicks.map((x) => h('text', { class: 'tick', x: xOf(x), y: bottom + 14, 'text-anchor': 'middle' }, valueText(knob, x))),
    h('text', { class: 'axis-title', x: (MARGIN.left + right) / 2, y: PANEL_HEIGHT - 4, 'text-anchor': 'middle' }, knob.label),
    line ? h('path', { class: `series c${index % 10}`, d: line }) : null,
    ...series.points.map((p) =>
      h(
        'circle',
        { class: `run ${p.passed ? 'pass' : 'fail'}`, cx: xOf(p.x).toFixed(1), cy: yOf(p.y).toFixed(1), r: p.passed ? 4 : 3 },
        h('title', null, `${knob.label} ${valueText(knob, p.x)}: ${series.title} ${yText(p.y)} · ${p.passed ? 'passes' : 'fails'}`),
      ),
    ),
    ...series.invalid.map((p) =>
      h(
        'text',
        { class: 'run invalid', x: xOf(p.x), y: bottom, 'text-anchor': 'middle', 'dominant-baseline': 'middle' },
        '×',
        h('title', null, `${knob.label} ${valueText(knob, p.x)}: invalid, ${p.reason}`),
      ),
    ),
  );
}

function twoKnobs(data: SweepChartData): ViewNode {
  const [outer, inner] = data.knobs;
  const grid = sweepGrid(data);
  return h(
    'div',
    { class: 'table-box' },
    h(
      'table',
      { class: 'sweep-grid' },
      h('caption', null, `Settled time of each run: rows ${outer?.label ?? ''}, columns ${inner?.label ?? ''}`),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, `${outer?.label ?? ''} \\ ${inner?.label ?? ''}`),
          ...grid.columns.map((c) => h('th', { scope: 'col', class: 'number' }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        ...grid.rows.map((row, r) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row', class: 'number' }, row),
            ...grid.columns.map((_, c) => {
              const cell = grid.cells[r]?.[c];
              return cell
                ? h('td', { class: `cell ${cell.state} number`, title: cell.detail }, cell.text)
                : h('td', { class: 'cell pending number', title: 'not run (time budget)' }, '–');
            }),
          ),
        ),
      ),
    ),
  );
}
