import { describe, expect, it } from 'vitest';
import { buildSweepView, sweepGrid, sweepSeries } from '../../client/src/sweep/sweepView';
import type { ViewNode } from '../../client/src/timeline/viewTree';
import type { SweepChartData, SweepChartRun } from '../../server/src/lsp/protocol';

const run = (values: number[], passed: boolean, settled: number, outage: number, peak: number): SweepChartRun => ({
  values,
  passed,
  expectations: { passed: passed ? 2 : 1, total: 2 },
  settled,
  pools: { P: { maxOutage: outage } },
  targets: { CM1: { peak: 10 }, CM2: { peak } },
});

const ONE_KNOB: SweepChartData = {
  uri: 'file:///w/whatif.failover',
  sweep: 'rate',
  scenario: 'stop',
  knobs: [{ label: 'CM2 registration-rate', duration: false, values: [1, 2, 3, 4] }],
  summary: '4 runs · 2 pass · 1 invalid · smallest passing CM2 registration-rate 3',
  boundary: 'expectations hold from CM2 registration-rate 3',
  total: 4,
  runs: [
    { values: [1], invalid: 'calls P 8: more than the pool’s 5 phones' },
    run([2], false, 5_000, 5_000, 10),
    run([3], true, 3_334, 3_334, 10),
    run([4], true, 2_500, 2_500, 10),
  ],
};

/** Every node of a view, depth first. */
function nodes(node: ViewNode): ViewNode[] {
  return [node, ...(node.children ?? []).flatMap((c) => (typeof c === 'string' ? [] : nodes(c)))];
}
function text(node: ViewNode): string {
  return (node.children ?? []).map((c) => (typeof c === 'string' ? c : text(c))).join('');
}

describe('sweep chart data', () => {
  it('one knob: a panel for settled, each pool’s max outage and each target’s peak, valid runs only, invalid ones listed', () => {
    const series = sweepSeries(ONE_KNOB);
    expect(series.map((s) => [s.title, s.time])).toEqual([
      ['settled', true],
      ['max outage P', true],
      ['peak CM1', false],
      ['peak CM2', false],
    ]);
    expect(series[0]!.points).toEqual([
      { x: 2, y: 5_000, passed: false },
      { x: 3, y: 3_334, passed: true },
      { x: 4, y: 2_500, passed: true },
    ]);
    expect(series[0]!.invalid).toEqual([{ x: 1, reason: 'calls P 8: more than the pool’s 5 phones' }]);
  });

  it('two knobs: a row per value of the first, a column per value of the second, pass/fail with the settled time, invalid and unfinished runs shown', () => {
    const grid = sweepGrid({
      knobs: [
        { label: 'keepalive', duration: true, values: [30_000, 60_000] },
        { label: 'CM2 capacity', duration: false, values: [10, 20] },
      ],
      runs: [run([30_000, 10], false, 90_000, 1, 1), run([30_000, 20], true, 61_500, 1, 1), { values: [60_000, 10], invalid: 'too many calls' }],
    });
    expect(grid.rows).toEqual(['30s', '1m']);
    expect(grid.columns).toEqual(['10', '20']);
    expect(grid.cells).toEqual([
      [
        { state: 'fail', text: '1m30s', detail: '1/2 expectations · settled 1m30s' },
        { state: 'pass', text: '1m1s500ms', detail: '2/2 expectations · settled 1m1s500ms' },
      ],
      [{ state: 'invalid', text: 'invalid', detail: 'too many calls' }, undefined],
    ]);
  });
});

describe('sweep chart view', () => {
  it('draws one svg panel per figure with a mark per run, passing runs told apart, the knob label on the x axis', () => {
    const view = buildSweepView({ data: ONE_KNOB }, 600);
    const svgs = nodes(view).filter((n) => n.tag === 'svg');
    expect(svgs).toHaveLength(4);
    const marks = nodes(svgs[0]!).filter((n) => n.tag === 'circle');
    expect(marks.map((m) => m.attrs?.['class'])).toEqual(['run fail', 'run pass', 'run pass']);
    expect(nodes(svgs[0]!).filter((n) => String(n.attrs?.['class']).includes('invalid'))).toHaveLength(1);
    expect(nodes(svgs[0]!).some((n) => n.tag === 'text' && text(n) === 'CM2 registration-rate')).toBe(true);
    expect(text(view)).toContain('expectations hold from CM2 registration-rate 3');
  });

  it('draws a pass/fail grid for two knobs, with both knob labels', () => {
    const view = buildSweepView(
      {
        data: {
          ...ONE_KNOB,
          knobs: [
            { label: 'keepalive', duration: true, values: [30_000] },
            { label: 'CM2 capacity', duration: false, values: [10, 20] },
          ],
          total: 2,
          runs: [run([30_000, 10], false, 90_000, 1, 1), run([30_000, 20], true, 61_500, 1, 1)],
        },
      },
      600,
    );
    const cells = nodes(view).filter((n) => n.tag === 'td');
    expect(cells.map((c) => [c.attrs?.['class'], text(c)])).toEqual([
      ['cell fail number', '1m30s'],
      ['cell pass number', '1m1s500ms'],
    ]);
    expect(text(view)).toContain('keepalive \\ CM2 capacity');
  });

  it('says when runs did not finish, and what it waits for before the first result', () => {
    expect(text(buildSweepView({ data: { ...ONE_KNOB, total: 10 } }, 600))).toContain('6 of 10 runs did not finish within the time budget.');
    expect(text(buildSweepView({ notice: 'The sweep is still running.' }, 600))).toBe('The sweep is still running.');
  });
});
