// The timeline view as plain data: a tree of elements that the webview's script turns into DOM
// nodes. Text is a value, never markup: the script sets it with `textContent`, so a scenario named
// `<img src=x onerror=…>` shows as those characters. Attributes are limited to the lists below,
// which the script enforces as well.

export type ViewChild = ViewNode | string;

export interface ViewNode {
  readonly tag: string;
  readonly attrs?: Readonly<Record<string, string | number>>;
  readonly children?: readonly ViewChild[];
}

/** Elements the view may use; anything else is dropped by the webview script. */
export const VIEW_TAGS = [
  'div',
  'span',
  'p',
  'h1',
  'h2',
  'label',
  'select',
  'option',
  'table',
  'caption',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
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
] as const;

/** Attributes the view may use (no event handlers, no URLs, no inline styles). */
export const VIEW_ATTRIBUTES = [
  'id',
  'class',
  'role',
  'tabindex',
  'title',
  'aria-label',
  'aria-hidden',
  'aria-live',
  'for',
  'value',
  'selected',
  'scope',
  'colspan',
  'data-line',
  'viewBox',
  'width',
  'height',
  'x',
  'y',
  'x1',
  'x2',
  'y1',
  'y2',
  'cx',
  'cy',
  'r',
  'd',
  'text-anchor',
  'dominant-baseline',
] as const;

export function h(tag: (typeof VIEW_TAGS)[number], attrs?: ViewNode['attrs'] | null, ...children: (ViewChild | false | null | undefined)[]): ViewNode {
  const kept = children.filter((c): c is ViewChild => c !== false && c !== null && c !== undefined);
  return { tag, ...(attrs ? { attrs } : {}), ...(kept.length > 0 ? { children: kept } : {}) };
}
