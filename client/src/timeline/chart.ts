// The timeline chart as SVG elements: registered phones per target over time, stacked (the first
// target at the bottom, out of service on top), each target's layer a step function since phones
// change place at instants; events drawn as marked vertical lines. Pure geometry: the width comes
// from the webview, colours are CSS classes bound to the theme's `--vscode-charts-*` variables.
import { formatDuration } from '../../../server/src/core/durations';
import type { TimelineData } from '../../../server/src/lsp/protocol';
import { h, type ViewNode } from './viewTree';

/** The count key of phones out of service in the server's series. */
export const UNREGISTERED = 'unregistered';
const OUT_OF_SERVICE_CLASS = 'oos';
const PALETTE_SIZE = 10;

/** A target's colour class, by its place among the scenario's targets (stable while the file's topology is). */
function targetColourClass(index: number): string {
  return `c${index % PALETTE_SIZE}`;
}

export interface ChartLayer {
  /** The key in the series' counts. */
  readonly key: string;
  readonly label: string;
  readonly colour: string;
}

/** Targets that hold phones at some time, in declared order, then out of service when it ever happens. */
export function chartLayers(data: Pick<TimelineData, 'targets' | 'series'>): ChartLayer[] {
  const used = new Set<string>();
  for (const point of data.series) for (const [key, n] of Object.entries(point.counts)) if (n > 0) used.add(key);
  const layers: ChartLayer[] = [];
  data.targets.forEach((target, index) => {
    if (used.has(target.name)) layers.push({ key: target.name, label: target.name, colour: targetColourClass(index) });
  });
  // Keys the server sent that are not declared targets: shown rather than dropped silently.
  let next = data.targets.length;
  for (const key of used) {
    if (key !== UNREGISTERED && !data.targets.some((t) => t.name === key)) layers.push({ key, label: key, colour: targetColourClass(next++) });
  }
  if (used.has(UNREGISTERED)) layers.push({ key: UNREGISTERED, label: 'out of service', colour: OUT_OF_SERVICE_CLASS });
  return layers;
}

/** Counts per point per layer (zero where the server left a count out). */
export function layerCounts(series: TimelineData['series'], layers: readonly ChartLayer[]): number[][] {
  return series.map((point) => layers.map((layer) => point.counts[layer.key] ?? 0));
}

/** `tops[i][k]`: the upper edge of layer k at point i, the sum of layers 0..k. */
export function stackCounts(counts: readonly (readonly number[])[]): number[][] {
  return counts.map((row) => {
    let sum = 0;
    return row.map((n) => (sum += n));
  });
}

const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1000);

/** Round-duration ticks along [0, end], at least `minGap` pixels apart over `width`. */
export function timeTicks(end: number, width: number, minGap = 72): number[] {
  const most = Math.max(1, Math.floor(width / minGap));
  const step = TIME_STEPS.find((s) => end / s <= most) ?? Math.ceil(end / most / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let t = 0; t <= end; t += step) ticks.push(t);
  return ticks;
}

/** A round step (1, 2 or 5 × 10^n) giving at most `most` intervals up to `max`. */
export function countStep(max: number, most = 5): number {
  if (max <= 0) return 1;
  const raw = max / most;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  return Math.max(1, step);
}

/**
 * An SVG path drawn with H/V moves only, at a tenth of a pixel. Moves that change nothing are
 * dropped, and a run of moves along one axis becomes one move to where it ends: collinear
 * segments enclose no area, so thousands of registrations inside one pixel cost a single move.
 */
class StepPath {
  private readonly parts: string[] = [];
  private x = NaN;
  private y = NaN;
  private lastAxis: 'H' | 'V' | '' = '';

  moveTo(x: number, y: number): void {
    this.x = round(x);
    this.y = round(y);
    this.parts.push(`M${this.x} ${this.y}`);
    this.lastAxis = '';
  }

  horizontalTo(x: number): void {
    const rx = round(x);
    if (rx === this.x) return;
    this.x = rx;
    this.push('H', rx);
  }

  verticalTo(y: number): void {
    const ry = round(y);
    if (ry === this.y) return;
    this.y = ry;
    this.push('V', ry);
  }

  private push(axis: 'H' | 'V', to: number): void {
    if (this.lastAxis === axis) this.parts[this.parts.length - 1] = `${axis}${to}`;
    else this.parts.push(`${axis}${to}`);
    this.lastAxis = axis;
  }

  close(): string {
    return `${this.parts.join('')}Z`;
  }
}

/** Coordinates are drawn to a tenth of a pixel. */
function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export interface ChartHover {
  /** The plot area, in the SVG's pixels. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** Simulated time at the plot's right edge, in ms. */
  readonly end: number;
  /** The drawn layers, top of the stack first (the order of the tooltip's lines). */
  readonly layers: readonly { readonly label: string; readonly colour: string }[];
  /** Each change: its time, that time as text, and the counts from then on (same order as `layers`). */
  readonly times: readonly number[];
  readonly timeLabels: readonly string[];
  readonly counts: readonly (readonly number[])[];
  readonly endLabel: string;
}

export interface Chart {
  readonly svg: ViewNode;
  readonly hover: ChartHover;
}

const PLOT_HEIGHT = 240;
const LABEL_ROW = 15;
const CHAR_WIDTH = 6.6;
const MARGIN = { left: 56, right: 18, bottom: 30 } as const;

/** The chart for one scenario, `width` pixels wide. */
export function buildChart(data: TimelineData, width: number): Chart {
  const end = Math.max(1, data.end, data.series.at(-1)?.t ?? 0);
  const layers = chartLayers(data);
  const counts = layerCounts(data.series, layers);
  const tops = stackCounts(counts);
  const total = Math.max(0, ...tops.map((row) => row.at(-1) ?? 0));
  const step = countStep(total);
  const yMax = Math.max(step, Math.ceil(total / step) * step);

  const left = MARGIN.left;
  const right = Math.max(left + 60, width - MARGIN.right);
  const x = (t: number) => round(left + (Math.min(Math.max(t, 0), end) / end) * (right - left));
  const markers = eventMarkers(data.events, x, right);
  const top = 10 + Math.max(1, markers.rows) * LABEL_ROW + 6;
  const bottom = top + PLOT_HEIGHT;
  const y = (n: number) => round(bottom - (n / yMax) * PLOT_HEIGHT);
  const height = bottom + MARGIN.bottom;

  const grid: ViewNode[] = [];
  for (let n = 0; n <= yMax; n += step) {
    grid.push(h('line', { class: 'grid', x1: left, x2: right, y1: y(n), y2: y(n) }));
    grid.push(h('text', { class: 'tick', x: left - 6, y: y(n), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, String(n)));
  }
  for (const t of timeTicks(end, right - left)) {
    grid.push(h('line', { class: 'tick-mark', x1: x(t), x2: x(t), y1: bottom, y2: bottom + 4 }));
    grid.push(h('text', { class: 'tick', x: x(t), y: bottom + 16, 'text-anchor': 'middle' }, formatDuration(t)));
  }

  // Each layer (there is one only where the series holds phones): along its top from the first
  // change to the end, then back along the layer below it.
  const n = tops.length;
  const areas = layers.map((layer, k) => {
    const path = new StepPath();
    const edge = (i: number, upper: boolean) => y(upper ? tops[i]![k]! : k > 0 ? tops[i]![k - 1]! : 0);
    path.moveTo(x(data.series[0]!.t), edge(0, true));
    for (let i = 1; i < n; i++) {
      path.horizontalTo(x(data.series[i]!.t));
      path.verticalTo(edge(i, true));
    }
    path.horizontalTo(x(end));
    path.verticalTo(edge(n - 1, false));
    for (let i = n - 1; i >= 1; i--) {
      path.horizontalTo(x(data.series[i]!.t));
      path.verticalTo(edge(i - 1, false));
    }
    path.horizontalTo(x(data.series[0]!.t));
    return h('path', { class: `layer ${layer.colour}`, d: path.close() }, h('title', null, layer.label));
  });

  const svg = h(
    'svg',
    {
      class: 'chart',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `Registered phones per target over ${formatDuration(end)}, stacked; ${data.events.length} events marked.`,
    },
    h('g', { class: 'grid-lines' }, ...grid),
    h('text', { class: 'axis-title', x: 4, y: top - 14 }, 'phones'),
    h('g', { class: 'layers' }, ...areas),
    h('line', { class: 'axis', x1: left, x2: right, y1: bottom, y2: bottom }),
    h('g', { class: 'events' }, ...markers.nodes(bottom)),
    h('line', { id: 'cursor', class: 'cursor hidden', x1: left, x2: left, y1: top, y2: bottom }),
    h('rect', {
      id: 'plot',
      class: 'plot',
      x: left,
      y: top,
      width: right - left,
      height: PLOT_HEIGHT,
      tabindex: 0,
      'aria-label': 'Move along the time axis with the arrow keys to read the counts.',
    }),
  );

  const order = layers.map((_, k) => k).reverse();
  return {
    svg,
    hover: {
      left,
      right,
      top,
      bottom,
      end,
      layers: order.map((k) => ({ label: layers[k]!.label, colour: layers[k]!.colour })),
      times: data.series.map((p) => p.t),
      timeLabels: data.series.map((p) => formatDuration(p.t)),
      counts: counts.map((row) => order.map((k) => row[k]!)),
      endLabel: formatDuration(end),
    },
  };
}

/** Event lines with their labels above the plot, each label on the first row where it does not overlap another. */
function eventMarkers(events: TimelineData['events'], x: (t: number) => number, right: number) {
  const rowsEnd: number[] = [];
  const placed = events.map((event) => {
    const at = x(event.t);
    const labelWidth = event.label.length * CHAR_WIDTH;
    const anchorEnd = at + labelWidth > right && at - labelWidth >= 0;
    const from = anchorEnd ? at - labelWidth : at;
    let row = rowsEnd.findIndex((taken) => taken + 8 <= from);
    if (row < 0) {
      row = rowsEnd.length;
      rowsEnd.push(0);
    }
    rowsEnd[row] = from + labelWidth;
    return { event, at, row, anchorEnd };
  });
  return {
    rows: rowsEnd.length,
    nodes: (bottom: number): ViewNode[] =>
      placed.map(({ event, at, row, anchorEnd }) => {
        const labelY = 10 + row * LABEL_ROW + 10;
        return h(
          'g',
          {
            class: 'event',
            'data-line': event.line,
            tabindex: 0,
            role: 'button',
            'aria-label': `${event.label} at ${formatDuration(event.t)}, line ${event.line}`,
          },
          h('title', null, `${event.label} at ${formatDuration(event.t)} (line ${event.line})`),
          h('line', { class: 'event-line', x1: at, x2: at, y1: labelY + 3, y2: bottom }),
          h('circle', { class: 'event-dot', cx: at, cy: bottom, r: 3 }),
          h('text', { class: 'event-label', x: anchorEnd ? at - 3 : at + 3, y: labelY, 'text-anchor': anchorEnd ? 'end' : 'start' }, event.label),
        );
      }),
  };
}
