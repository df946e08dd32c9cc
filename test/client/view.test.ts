import { describe, expect, it } from 'vitest';
import { buildTimelineView, summary } from '../../client/src/timeline/view';
import { tinyTimeline } from './timelineData';
import { byClass, findAll, textOf } from './viewTree';

const EVIL = '<img src=x onerror=alert(1)>';

function rows(view: ReturnType<typeof buildTimelineView>['view'], caption: string): string[][] {
  const table = findAll(view, (n) => n.tag === 'table' && findAll(n, (c) => c.tag === 'caption').some((c) => textOf(c) === caption))[0]!;
  return findAll(table, (n) => n.tag === 'tr')
    .slice(1)
    .map((tr) => findAll(tr, (n) => n.tag === 'td').map(textOf));
}

describe('timeline view', () => {
  it('sums the scenario up in one line', () => {
    expect(summary(tinyTimeline())).toBe('✗ 1 of 2 expectations failed · max outage 40s · settled 1m · simulated to 1m40s');
    expect(summary(tinyTimeline({ expectations: [], pools: [] }))).toBe('no outage · settled 1m · simulated to 1m40s');
  });

  it('titles a file’s only scenario, and offers a picker when there are several', () => {
    const single = buildTimelineView({ data: tinyTimeline() }, 800).view;
    expect(textOf(findAll(single, (n) => n.tag === 'h1')[0]!)).toBe('A crashes');
    expect(findAll(single, (n) => n.tag === 'select')).toEqual([]);

    const several = buildTimelineView({ data: tinyTimeline({ scenarios: ['A crashes', 'B crashes'] }) }, 800).view;
    const options = findAll(several, (n) => n.tag === 'option');
    expect(options.map((o) => [o.attrs?.['value'], textOf(o), o.attrs?.['selected']])).toEqual([
      ['A crashes', 'A crashes', ''],
      ['B crashes', 'B crashes', undefined],
    ]);
  });

  it('keeps every name as text: a scenario called like markup is a string, not an element', () => {
    const data = tinyTimeline({ scenario: EVIL, scenarios: [EVIL, 'other'], pools: [{ ...tinyTimeline().pools[0]!, name: EVIL }] });
    const { view } = buildTimelineView({ data }, 800);
    expect(
      findAll(
        view,
        (n) =>
          ![
            'div',
            'p',
            'label',
            'select',
            'option',
            'span',
            'table',
            'caption',
            'thead',
            'tbody',
            'tr',
            'th',
            'td',
            'h1',
            'h2',
            'ul',
            'li',
            'svg',
            'g',
            'path',
            'line',
            'rect',
            'circle',
            'text',
            'title',
          ].includes(n.tag),
      ),
    ).toEqual([]);
    expect(findAll(view, (n) => n.tag === 'option' && textOf(n) === EVIL)).toHaveLength(1);
    expect(rows(view, 'Device pools')[0]![0]).toBe(EVIL);
  });

  it('lists the targets as the chart’s legend, with peaks over capacity flagged and out of service last', () => {
    const { view } = buildTimelineView({ data: tinyTimeline() }, 800);
    expect(rows(view, 'Targets')).toEqual([
      ['A', 'CallManager', '100', '10', '0s'],
      ['B', 'CallManager', '8', '10', '1m'],
      ['R', 'SRST', '—', '0', '—'],
      ['out of service', '—', '—', '10', '20s'],
    ]);
    expect(byClass(view, 'swatch').map((n) => n.attrs?.['class'])).toEqual(['swatch c0', 'swatch c1', 'swatch none', 'swatch oos']);
    expect(byClass(view, 'over').map(textOf)).toEqual(['10']);
  });

  it('shows the per-pool figures', () => {
    const { view } = buildTimelineView({ data: tinyTimeline() }, 800);
    expect(rows(view, 'Device pools')).toEqual([['P', '10', '40s', '340.5', '10', '3']]);
  });

  it('marks each expectation ✓ or ✗ with its message, linked to its line', () => {
    const { view } = buildTimelineView({ data: tinyTimeline() }, 800);
    const items = findAll(view, (n) => n.tag === 'li');
    expect(items.map((li) => [li.attrs?.['class'], li.attrs?.['data-line'], textOf(li)])).toEqual([
      ['passed', 6, '✓P on B at 90s: 10 (== all)line 6'],
      ['failed', 7, '✗outage P: 40s (<= 30s)line 7'],
    ]);
  });

  it('says why there is no timeline, and that shown figures are stale', () => {
    const none = buildTimelineView({ notice: 'This file has errors.' }, 800);
    expect(none.hover).toBeUndefined();
    expect(byClass(none.view, 'notice').map(textOf)).toEqual(['This file has errors.']);

    const stale = buildTimelineView({ data: tinyTimeline(), notice: 'Old figures.' }, 800);
    expect(byClass(stale.view, 'notice').map(textOf)).toEqual(['Old figures.']);
    expect(stale.hover).toBeDefined();
  });

  it('does not squeeze the chart below a readable width', () => {
    const { view } = buildTimelineView({ data: tinyTimeline() }, 100);
    expect(findAll(view, (n) => n.tag === 'svg')[0]!.attrs?.['width']).toBe(360);
  });
});
