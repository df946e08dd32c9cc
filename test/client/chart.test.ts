import { describe, expect, it } from 'vitest';
import { buildChart, chartLayers, countStep, layerCounts, stackCounts, timeTicks } from '../../client/src/timeline/chart';
import { tinyTimeline } from './timelineData';
import { byClass, findAll, textOf } from './viewTree';

// Geometry of the tiny timeline at width 474: the plot spans x 56..456 (400 px for 100s, so
// x = 56 + t/250 with t in ms: 20s → 136, 50s → 256, 60s → 296); one row of event labels puts
// the plot's top at 10 + 15 + 6 = 31 and its bottom 240 px lower at 271; ten phones at most and
// a count step of 2 give y = 271 − 24·n.
const WIDTH = 474;

describe('chart layers', () => {
  it('stacks targets in declared order, leaves out those that never hold a phone, and puts out of service on top', () => {
    expect(chartLayers(tinyTimeline())).toEqual([
      { key: 'A', label: 'A', colour: 'c0' },
      { key: 'B', label: 'B', colour: 'c1' },
      { key: 'unregistered', label: 'out of service', colour: 'oos' },
    ]);
  });

  it('keeps a target its colour whichever targets are drawn', () => {
    const data = tinyTimeline({ series: [{ t: 0, counts: { R: 4 } }] });
    expect(chartLayers(data)).toEqual([{ key: 'R', label: 'R', colour: 'c2' }]);
  });

  it('shows counts for names that are not declared targets rather than dropping them', () => {
    const data = tinyTimeline({ series: [{ t: 0, counts: { A: 1, X: 2 } }] });
    expect(chartLayers(data).map((l) => [l.key, l.colour])).toEqual([
      ['A', 'c0'],
      ['X', 'c3'],
    ]);
  });

  it('adds up the layers point by point, a missing count being zero', () => {
    const data = tinyTimeline();
    const counts = layerCounts(data.series, chartLayers(data));
    expect(counts).toEqual([
      [10, 0, 0],
      [0, 0, 10],
      [0, 6, 4],
      [0, 10, 0],
    ]);
    expect(stackCounts(counts)).toEqual([
      [10, 10, 10],
      [0, 0, 10],
      [0, 6, 10],
      [0, 10, 10],
    ]);
  });
});

describe('chart geometry', () => {
  const chart = buildChart(tinyTimeline(), WIDTH);
  const paths = findAll(chart.svg, (n) => n.tag === 'path').map((n) => [n.attrs?.['class'], n.attrs?.['d']]);

  it('draws each layer as a step area between the layers below it and its own top', () => {
    expect(paths).toEqual([
      // A: all ten phones until the crash at 20s, then nothing.
      ['layer c0', 'M56 31H136V271H56Z'],
      // B: nothing until 50s, six until 60s (y 127), ten after; its floor is A's top (ten at 0s).
      ['layer c1', 'M56 31H136V271H256V127H296V31H456V271H136V31H56Z'],
      // Out of service: ten from 20s to 50s, four from 50s to 60s, between B's top and the total.
      ['layer oos', 'M56 31H296V127H256V271H136V31H56Z'],
    ]);
  });

  it('labels the count axis in round steps up to the largest total', () => {
    const labels = byClass(chart.svg, 'grid-lines').flatMap((g) => findAll(g, (n) => n.tag === 'text' && n.attrs?.['text-anchor'] === 'end'));
    expect(labels.map(textOf)).toEqual(['0', '2', '4', '6', '8', '10']);
    expect(labels.map((n) => n.attrs?.['y'])).toEqual([271, 223, 175, 127, 79, 31]);
  });

  it('labels the time axis in the language’s durations, at most one label per 72 px', () => {
    const labels = byClass(chart.svg, 'grid-lines').flatMap((g) => findAll(g, (n) => n.tag === 'text' && n.attrs?.['text-anchor'] === 'middle'));
    expect(labels.map((n) => [n.attrs?.['x'], textOf(n)])).toEqual([
      [56, '0s'],
      [176, '30s'],
      [296, '1m'],
      [416, '1m30s'],
    ]);
  });

  it('marks each event on the time axis with its label, linked to its line', () => {
    const [event, ...others] = byClass(chart.svg, 'event');
    expect(others).toEqual([]);
    expect(event!.attrs).toMatchObject({ 'data-line': 5, role: 'button' });
    expect(findAll(event!, (n) => n.tag === 'line')[0]!.attrs).toMatchObject({ x1: 136, x2: 136, y2: 271 });
    const label = byClass(event!, 'event-label')[0]!;
    expect(label.attrs).toMatchObject({ x: 139, 'text-anchor': 'start' });
    expect(textOf(label)).toBe('crash A');
  });

  it('gives the hover the exact counts from each change on, top of the stack first', () => {
    expect(chart.hover).toMatchObject({ left: 56, right: 456, top: 31, bottom: 271, end: 100_000, endLabel: '1m40s' });
    expect(chart.hover.layers).toEqual([
      { label: 'out of service', colour: 'oos' },
      { label: 'B', colour: 'c1' },
      { label: 'A', colour: 'c0' },
    ]);
    expect(chart.hover.times).toEqual([0, 20_000, 50_000, 60_000]);
    expect(chart.hover.timeLabels).toEqual(['0s', '20s', '50s', '1m']);
    expect(chart.hover.counts).toEqual([
      [0, 0, 10],
      [10, 0, 0],
      [4, 6, 0],
      [0, 10, 0],
    ]);
  });
});

describe('chart details', () => {
  it('puts labels of events close together on separate rows, and moves the plot down for them', () => {
    const data = tinyTimeline({
      events: [
        { t: 20_000, label: 'crash A', line: 5 },
        { t: 21_000, label: 'crash B', line: 6 },
        { t: 90_000, label: 'recover A', line: 7 },
      ],
    });
    const chart = buildChart(data, WIDTH);
    const rows = byClass(chart.svg, 'event-label').map((n) => n.attrs?.['y']);
    expect(rows).toEqual([20, 35, 20]);
    expect(chart.hover.top).toBe(10 + 2 * 15 + 6);
  });

  it('anchors a label at its end when it would run past the right edge', () => {
    const chart = buildChart(tinyTimeline({ events: [{ t: 99_000, label: 'recover everything', line: 9 }] }), WIDTH);
    expect(byClass(chart.svg, 'event-label')[0]!.attrs).toMatchObject({ 'text-anchor': 'end', x: 449 }); // the line at 56 + 99000/250 = 452, the text ending 3 px before it
  });

  it('draws a thousand registrations inside one pixel with a handful of moves, and keeps every one for the hover', () => {
    // An hour over 400 px is 9s a pixel: registrations 1 ms apart all fall on one or two drawn x.
    const series = [{ t: 0, counts: { unregistered: 1000 } as Record<string, number> }];
    for (let n = 1; n <= 1000; n++) series.push({ t: 50_000 + n, counts: { A: n, unregistered: 1000 - n } });
    const chart = buildChart(tinyTimeline({ series, events: [], end: 3_600_000 }), WIDTH);
    const layerA = findAll(chart.svg, (n) => n.tag === 'path' && n.attrs?.['class'] === 'layer c0')[0]!;
    expect(String(layerA.attrs?.['d']).match(/[MHVZ]/g)!.length).toBeLessThan(12);
    expect(chart.hover.times).toHaveLength(1001);
  });

  it('chooses round steps', () => {
    expect(countStep(10)).toBe(2);
    expect(countStep(1920)).toBe(500);
    expect(countStep(3)).toBe(1);
    expect(countStep(0)).toBe(1);
    expect(timeTicks(100_000, 400)).toEqual([0, 30_000, 60_000, 90_000]);
    // 50 minutes over 800 px: 5-minute ticks are 80 px apart.
    expect(timeTicks(3_000_000, 800)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50].map((m) => m * 60_000));
  });

  it('describes itself for screen readers', () => {
    const chart = buildChart(tinyTimeline(), WIDTH);
    expect(chart.svg.attrs).toMatchObject({ role: 'img', width: WIDTH, viewBox: `0 0 ${WIDTH} 301` });
    expect(String(chart.svg.attrs?.['aria-label'])).toContain('1m40s');
  });
});
