// The script that runs inside the timeline webview, kept as text because it runs in the page and
// not in the extension host. It is deliberately small and knows nothing of scenarios: it reports
// its width, turns the view tree it is sent into DOM nodes (text through `textContent` only, tags
// and attributes from fixed lists), and reads the chart's counts under the pointer or the arrow keys.
import { VIEW_ATTRIBUTES, VIEW_TAGS } from './viewTree';

/** Messages from the webview to the extension. */
export type WebviewMessage =
  | { readonly type: 'ready' | 'resize'; readonly width: number }
  | { readonly type: 'pick'; readonly scenario: string }
  | { readonly type: 'reveal'; readonly line: number };

const SCRIPT = String.raw`(() => {
  'use strict';
  const vscode = acquireVsCodeApi();
  const TAGS = new Set(__TAGS__);
  const ATTRIBUTES = new Set(__ATTRIBUTES__);
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const root = document.getElementById('root');
  let hover;
  let cursorIndex = -1;

  function build(node, inSvg) {
    if (typeof node === 'string') return document.createTextNode(node);
    if (!node || typeof node.tag !== 'string' || !TAGS.has(node.tag)) return document.createTextNode('');
    const svg = inSvg || node.tag === 'svg';
    const element = svg ? document.createElementNS(SVG_NS, node.tag) : document.createElement(node.tag);
    const attrs = node.attrs || {};
    for (const name of Object.keys(attrs)) {
      if (ATTRIBUTES.has(name)) element.setAttribute(name, String(attrs[name]));
    }
    for (const child of node.children || []) element.appendChild(build(child, svg));
    return element;
  }

  function show(message) {
    const focused = document.activeElement ? document.activeElement.id : '';
    root.replaceChildren(build(message.view, false));
    hover = message.hover;
    cursorIndex = -1;
    const plot = document.getElementById('plot');
    if (plot) {
      plot.addEventListener('pointermove', (event) => {
        const box = plot.ownerSVGElement.getBoundingClientRect();
        const x = Math.min(Math.max(event.clientX - box.left, hover.left), hover.right);
        const t = ((x - hover.left) / (hover.right - hover.left)) * hover.end;
        showPoint(indexAt(t), x);
      });
      plot.addEventListener('pointerleave', hide);
      plot.addEventListener('focus', () => showPoint(Math.max(cursorIndex, 0)));
      plot.addEventListener('blur', hide);
    }
    if (focused) {
      const again = document.getElementById(focused);
      if (again) again.focus();
    }
  }

  /** The last change at or before t: its counts hold from then until the next change. */
  function indexAt(t) {
    const times = hover.times;
    let low = 0;
    let high = times.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (times[middle] <= t) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  function xOf(t) {
    return hover.left + (t / hover.end) * (hover.right - hover.left);
  }

  function span(className, text) {
    const element = document.createElement('span');
    element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  function showPoint(index, x) {
    const cursor = document.getElementById('cursor');
    const tooltip = document.getElementById('tooltip');
    if (!hover || !cursor || !tooltip || index < 0 || index >= hover.times.length) return hide();
    cursorIndex = index;
    const at = x === undefined ? xOf(hover.times[index]) : x;
    cursor.setAttribute('x1', String(at));
    cursor.setAttribute('x2', String(at));
    cursor.classList.remove('hidden');

    const until = index + 1 < hover.times.length ? hover.timeLabels[index + 1] : hover.endLabel;
    const rows = [span('tooltip-time', hover.timeLabels[index] + ' → ' + until)];
    let total = 0;
    hover.layers.forEach((layer, k) => {
      const n = hover.counts[index][k];
      total += n;
      const row = span('tooltip-row');
      row.append(span('swatch ' + layer.colour), span('tooltip-label', layer.label), span('number', String(n)));
      rows.push(row);
    });
    const totalRow = span('tooltip-row tooltip-total');
    totalRow.append(span('tooltip-label', 'all phones'), span('number', String(total)));
    rows.push(totalRow);
    tooltip.replaceChildren(...rows);
    tooltip.classList.remove('hidden');

    const box = tooltip.parentElement.getBoundingClientRect();
    const width = tooltip.getBoundingClientRect().width;
    const left = at + 14 + width <= box.width ? at + 14 : Math.max(0, at - 14 - width);
    tooltip.style.left = left + 'px';
    tooltip.style.top = hover.top + 'px';
  }

  function hide() {
    const cursor = document.getElementById('cursor');
    const tooltip = document.getElementById('tooltip');
    if (cursor) cursor.classList.add('hidden');
    if (tooltip) tooltip.classList.add('hidden');
  }

  function lineOf(target) {
    const element = target && target.closest ? target.closest('[data-line]') : null;
    return element ? Number(element.getAttribute('data-line')) : 0;
  }

  root.addEventListener('click', (event) => {
    const line = lineOf(event.target);
    if (line > 0) vscode.postMessage({ type: 'reveal', line });
  });
  root.addEventListener('change', (event) => {
    if (event.target.id === 'scenario') vscode.postMessage({ type: 'pick', scenario: event.target.value });
  });
  root.addEventListener('keydown', (event) => {
    if (event.target.id === 'plot' && hover) {
      const last = hover.times.length - 1;
      const moves = { ArrowLeft: cursorIndex - 1, ArrowRight: cursorIndex + 1, Home: 0, End: last };
      if (event.key in moves) {
        event.preventDefault();
        showPoint(Math.min(Math.max(moves[event.key], 0), last));
      } else if (event.key === 'Escape') hide();
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      const line = lineOf(event.target);
      if (line > 0) {
        event.preventDefault();
        vscode.postMessage({ type: 'reveal', line });
      }
    }
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message && message.type === 'view') show(message);
  });

  let reported = -1;
  let timer;
  function reportWidth(type) {
    const width = Math.floor(root.getBoundingClientRect().width);
    if (type === 'resize' && width === reported) return;
    reported = width;
    vscode.postMessage({ type, width });
  }
  new ResizeObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => reportWidth('resize'), 80);
  }).observe(root);
  reportWidth('ready');
})();`;

/** The webview's script, with the allowed tags and attributes written in. */
export function webviewScript(): string {
  return SCRIPT.replace('__TAGS__', JSON.stringify(VIEW_TAGS)).replace('__ATTRIBUTES__', JSON.stringify(VIEW_ATTRIBUTES));
}
