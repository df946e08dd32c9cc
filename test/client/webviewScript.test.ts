import { describe, expect, it } from 'vitest';
import { buildTimelineView } from '../../client/src/timeline/view';
import { FakeElement, FakeText, runWebviewScript } from './fakeDom';
import { tinyTimeline } from './timelineData';

const EVIL = '<img src=x onerror=alert(1)>';

function showTiny(width = 474, overrides = {}) {
  const page = runWebviewScript(width);
  const { view, hover } = buildTimelineView({ data: tinyTimeline(overrides) }, width);
  page.receive({ type: 'view', view, hover });
  return page;
}

describe('timeline webview script', () => {
  it('reports its width once loaded, so the extension can lay the chart out for it', () => {
    expect(runWebviewScript(612).posted).toEqual([{ type: 'ready', width: 612 }]);
  });

  it('builds the view it is sent, SVG in the SVG namespace', () => {
    const page = showTiny();
    const svg = page.document.getElementById('plot')!.ownerSVGElement!;
    expect(svg.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(page.root.textContent).toContain('A crashes');
    expect([...page.root.descendants()].filter((e) => e.tagName === 'path')).toHaveLength(3);
  });

  it('shows a scenario named like markup as those characters', () => {
    const page = showTiny(474, { scenario: EVIL, scenarios: [EVIL, 'other'] });
    const elements = [...page.root.descendants()];
    expect(elements.some((e) => e.tagName === 'img')).toBe(false);
    const option = elements.find((e) => e.tagName === 'option' && e.textContent === EVIL)!;
    expect(option.children).toEqual([expect.any(FakeText)]);
    expect(option.getAttribute('value')).toBe(EVIL);
  });

  it('drops elements and attributes outside its lists, whatever it is sent', () => {
    const page = runWebviewScript();
    page.receive({
      type: 'view',
      view: {
        tag: 'div',
        attrs: { id: 'x', onclick: 'alert(1)', style: 'color: red', href: 'javascript:alert(1)' },
        children: [{ tag: 'script', children: ['alert(1)'] }, { tag: 'iframe' }, 'text'],
      },
    });
    const div = page.document.getElementById('x')!;
    expect([...div.attributes.keys()]).toEqual(['id']);
    expect(div.children.filter((c) => c instanceof FakeElement)).toEqual([]);
    expect(div.textContent).toBe('text');
  });

  it('asks to go to the line of a clicked event or expectation', () => {
    const page = showTiny();
    const expectation = [...page.root.descendants()].find((e) => e.tagName === 'li')!;
    expectation.children.find((c): c is FakeElement => c instanceof FakeElement && c.className === 'message')!.dispatch({ type: 'click' });
    const event = [...page.root.descendants()].find((e) => e.className === 'event-label')!;
    event.dispatch({ type: 'click' });
    expect(page.posted.slice(1)).toEqual([
      { type: 'reveal', line: 6 },
      { type: 'reveal', line: 5 },
    ]);
  });

  it('asks for another scenario when one is picked', () => {
    const page = showTiny(474, { scenarios: ['A crashes', 'B crashes'] });
    const select = page.document.getElementById('scenario')!;
    select.setAttribute('value', 'B crashes');
    select.dispatch({ type: 'change' });
    expect(page.posted.at(-1)).toEqual({ type: 'pick', scenario: 'B crashes' });
  });

  it('reads the exact counts at the time under the pointer', () => {
    const page = showTiny();
    const plot = page.document.getElementById('plot')!;
    // x 270 is 53.5s: after the six registrations at 50s, before the four at 60s.
    plot.dispatch({ type: 'pointermove', clientX: 270 });
    const tooltip = page.document.getElementById('tooltip')!;
    expect(tooltip.classList.contains('hidden')).toBe(false);
    const lines = tooltip.children.map((line) =>
      (line as FakeElement).children
        .map((c) => c.textContent)
        .filter(Boolean)
        .join(' '),
    );
    expect(lines).toEqual(['50s → 1m', 'out of service 4', 'B 6', 'A 0', 'all phones 10']);
    expect(page.document.getElementById('cursor')!.getAttribute('x1')).toBe('270');
  });

  it('steps through the changes with the arrow keys', () => {
    const page = showTiny();
    const plot = page.document.getElementById('plot')!;
    plot.dispatch({ type: 'focus' });
    plot.dispatch({ type: 'keydown', key: 'ArrowRight' });
    const tooltip = page.document.getElementById('tooltip')!;
    expect((tooltip.children[0] as FakeElement).textContent).toBe('20s → 50s');
    expect(page.document.getElementById('cursor')!.getAttribute('x1')).toBe('136');
    plot.dispatch({ type: 'keydown', key: 'End' });
    expect((tooltip.children[0] as FakeElement).textContent).toBe('1m → 1m40s');
    plot.dispatch({ type: 'keydown', key: 'Escape' });
    expect(tooltip.classList.contains('hidden')).toBe(true);
  });
});
