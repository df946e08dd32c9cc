// The whole timeline view for one scenario as a tree of elements: the scenario picker, a one-line
// verdict, the chart, the targets (which double as the chart's legend), the per-pool outage figures
// and the expectations. Built in the extension host; the webview only turns it into DOM.
import { formatDuration } from '../../../server/src/core/durations';
import type { TimelineData } from '../../../server/src/lsp/protocol';
import { buildChart, chartLayers, UNREGISTERED, type ChartHover } from './chart';
import { h, type ViewNode } from './viewTree';

export interface TimelineViewState {
  /** The latest timeline of the panel's scenario, if there ever was one. */
  readonly data?: TimelineData;
  /** Why there is no timeline, or why the one shown is out of date. */
  readonly notice?: string;
}

export interface TimelineView {
  readonly view: ViewNode;
  readonly hover?: ChartHover;
}

/** Narrower than this, the chart scrolls sideways rather than squeezing its labels together. */
const MIN_CHART_WIDTH = 360;

export function buildTimelineView(state: TimelineViewState, width: number): TimelineView {
  const { data, notice } = state;
  const noticeNode = notice ? h('p', { class: 'notice', role: 'status' }, notice) : null;
  if (!data) return { view: h('div', { class: 'timeline' }, noticeNode ?? h('p', { class: 'notice', role: 'status' }, 'Simulating…')) };

  const chart = buildChart(data, Math.max(MIN_CHART_WIDTH, Math.floor(width)));
  const view = h(
    'div',
    { class: 'timeline' },
    header(data),
    h('p', { class: 'summary' }, summary(data)),
    noticeNode,
    h('div', { class: 'chart-box' }, chart.svg, h('div', { id: 'tooltip', class: 'tooltip hidden', role: 'status', 'aria-live': 'polite' })),
    targetsTable(data),
    poolsTable(data),
    expectationsList(data),
  );
  return { view, hover: chart.hover };
}

function header(data: TimelineData): ViewNode {
  if (data.scenarios.length <= 1) return h('h1', null, data.scenario);
  return h(
    'div',
    { class: 'picker' },
    h('label', { for: 'scenario' }, 'Scenario'),
    h(
      'select',
      { id: 'scenario' },
      ...data.scenarios.map((title) => h('option', { value: title, ...(title === data.scenario ? { selected: '' } : {}) }, title)),
    ),
  );
}

/** `✓ 6/6 expectations · max outage 54s991ms · settled 45m29s991ms · simulated to 50m` */
export function summary(data: TimelineData): string {
  const parts: string[] = [];
  const failed = data.expectations.filter((e) => !e.passed).length;
  if (data.expectations.length > 0) {
    parts.push(
      failed === 0
        ? `✓ ${data.expectations.length}/${data.expectations.length} expectations`
        : `✗ ${failed} of ${data.expectations.length} expectations failed`,
    );
  }
  const maxOutage = Math.max(0, ...data.pools.map((p) => p.maxOutage));
  parts.push(maxOutage === 0 ? 'no outage' : `max outage ${formatDuration(maxOutage)}`);
  parts.push(`settled ${formatDuration(data.settled)}`);
  parts.push(`simulated to ${formatDuration(data.end)}`);
  return parts.join(' · ');
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

function count(n: number): string {
  return numberFormat.format(n);
}

function targetsTable(data: TimelineData): ViewNode {
  const colours = new Map(chartLayers(data).map((layer) => [layer.key, layer.colour]));
  const swatch = (key: string) => {
    const colour = colours.get(key);
    return colour ? h('span', { class: `swatch ${colour}`, 'aria-hidden': 'true' }) : h('span', { class: 'swatch none', 'aria-hidden': 'true' });
  };
  const rows = data.targets.map((target) =>
    h(
      'tr',
      null,
      h('td', null, swatch(target.name), target.name),
      h('td', null, target.kind === 'srst' ? 'SRST' : 'CallManager'),
      h('td', { class: 'number' }, target.capacity === null ? '—' : count(target.capacity)),
      h('td', { class: `number${target.capacity !== null && target.peak > target.capacity ? ' over' : ''}` }, count(target.peak)),
      h('td', { class: 'number' }, target.peak > 0 ? formatDuration(target.peakAt) : '—'),
    ),
  );
  const outOfService = peakOf(data, UNREGISTERED);
  if (outOfService.peak > 0) {
    rows.push(
      h(
        'tr',
        null,
        h('td', null, swatch(UNREGISTERED), 'out of service'),
        h('td', null, '—'),
        h('td', { class: 'number' }, '—'),
        h('td', { class: 'number' }, count(outOfService.peak)),
        h('td', { class: 'number' }, formatDuration(outOfService.at)),
      ),
    );
  }
  return table('Targets', ['Target', 'Kind'], ['Capacity', 'Peak', 'Peak at'], rows);
}

/** The highest count of one series key, and when it was first reached. */
function peakOf(data: TimelineData, key: string): { peak: number; at: number } {
  let best = { peak: 0, at: 0 };
  for (const point of data.series) {
    const n = point.counts[key] ?? 0;
    if (n > best.peak) best = { peak: n, at: point.t };
  }
  return best;
}

function poolsTable(data: TimelineData): ViewNode {
  const rows = data.pools.map((pool) =>
    h(
      'tr',
      null,
      h('td', null, pool.name),
      h('td', { class: 'number' }, count(pool.phones)),
      h('td', { class: 'number' }, pool.maxOutage === 0 ? '0s' : formatDuration(pool.maxOutage)),
      h('td', { class: 'number' }, count(pool.outagePhoneSeconds)),
      h('td', { class: 'number' }, count(pool.affectedPhones)),
      h('td', { class: 'number' }, count(pool.preservedCalls)),
    ),
  );
  return table('Device pools', ['Pool'], ['Phones', 'Max outage', 'Outage phone·s', 'Affected', 'Preserved calls'], rows);
}

/** A table whose text columns come first, then its figures (right-aligned). */
function table(caption: string, textHeadings: readonly string[], figureHeadings: readonly string[], rows: readonly ViewNode[]): ViewNode {
  const tableNode = h(
    'table',
    null,
    h('caption', null, caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ...textHeadings.map((heading) => h('th', { scope: 'col' }, heading)),
        ...figureHeadings.map((heading) => h('th', { scope: 'col', class: 'number' }, heading)),
      ),
    ),
    h('tbody', null, ...rows),
  );
  // A narrow panel scrolls a wide table sideways rather than breaking names like HQ-FLOORS.
  return h('div', { class: 'table-box' }, tableNode);
}

function expectationsList(data: TimelineData): ViewNode {
  if (data.expectations.length === 0) return h('div', null, h('h2', null, 'Expectations'), h('p', { class: 'empty' }, 'This scenario has no expectations.'));
  return h(
    'div',
    null,
    h('h2', null, 'Expectations'),
    h(
      'ul',
      { class: 'expectations' },
      ...data.expectations.map((e) =>
        h(
          'li',
          { class: e.passed ? 'passed' : 'failed', 'data-line': e.line, tabindex: 0, role: 'button', title: `Go to line ${e.line}` },
          h('span', { class: 'mark', 'aria-label': e.passed ? 'met' : 'not met' }, e.passed ? '✓' : '✗'),
          h('span', { class: 'message' }, e.message),
          h('span', { class: 'line' }, `line ${e.line}`),
        ),
      ),
    ),
  );
}
