// Just enough of a browser to run the timeline webview's script in a test: elements with
// attributes, text and listeners, `getElementById`, `postMessage` both ways. `innerHTML` and
// `outerHTML` throw, so a script that parses markup fails the test instead of passing unnoticed.
import { webviewScript } from '../../client/src/timeline/webviewScript';

type Listener = (event: FakeEvent) => void;

export interface FakeEvent {
  readonly type: string;
  target?: FakeElement;
  readonly key?: string;
  readonly clientX?: number;
  readonly data?: unknown;
  preventDefault(): void;
}

export class FakeText {
  readonly nodeType = 3;
  parentElement: FakeElement | null = null;
  constructor(public data: string) {}
  get textContent(): string {
    return this.data;
  }
}

export class FakeElement {
  readonly nodeType = 1;
  readonly attributes = new Map<string, string>();
  children: (FakeElement | FakeText)[] = [];
  parentElement: FakeElement | null = null;
  readonly style: Record<string, string> = {};
  private readonly listeners = new Map<string, Listener[]>();
  width = 0;

  constructor(
    readonly document: FakeDocument,
    readonly tagName: string,
    readonly namespaceURI: string | null,
  ) {}

  get id(): string {
    return this.attributes.get('id') ?? '';
  }
  get className(): string {
    return this.attributes.get('class') ?? '';
  }
  set className(value: string) {
    this.attributes.set('class', value);
  }
  get classList() {
    const classes = () => new Set(this.className.split(/\s+/).filter(Boolean));
    return {
      add: (name: string) => (this.className = [...classes().add(name)].join(' ')),
      remove: (name: string) => {
        const set = classes();
        set.delete(name);
        this.className = [...set].join(' ');
      },
      contains: (name: string) => classes().has(name),
    };
  }
  get value(): string {
    return this.attributes.get('value') ?? '';
  }
  get textContent(): string {
    return this.children.map((c) => c.textContent).join('');
  }
  set textContent(text: string) {
    this.replaceChildren(new FakeText(text));
  }
  set innerHTML(_: string) {
    throw new Error('innerHTML used');
  }
  set outerHTML(_: string) {
    throw new Error('outerHTML used');
  }
  get ownerSVGElement(): FakeElement | null {
    let at = this.parentElement;
    while (at && at.tagName !== 'svg') at = at.parentElement;
    return at;
  }

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  appendChild<T extends FakeElement | FakeText>(child: T): T {
    child.parentElement = this;
    this.children.push(child);
    return child;
  }
  append(...children: (FakeElement | FakeText)[]): void {
    for (const child of children) this.appendChild(child);
  }
  replaceChildren(...children: (FakeElement | FakeText)[]): void {
    this.children = [];
    this.append(...children);
  }
  closest(selector: string): FakeElement | null {
    const attribute = /^\[([\w-]+)\]$/.exec(selector)?.[1];
    if (!attribute) throw new Error(`unsupported selector ${selector}`);
    return this.attributes.has(attribute) ? this : (this.parentElement?.closest(selector) ?? null);
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  /** Dispatches at this element and bubbles up, as the browser does for click, change and keydown. */
  dispatch(event: Omit<FakeEvent, 'preventDefault'>): void {
    this.bubble({ ...event, target: this, preventDefault() {} } as FakeEvent);
  }
  private bubble(event: FakeEvent): void {
    for (const listener of this.listeners.get(event.type) ?? []) listener(event);
    this.parentElement?.bubble(event);
  }
  focus(): void {
    this.document.activeElement = this;
  }
  getBoundingClientRect() {
    return { left: 0, top: 0, width: this.width, height: 0 };
  }
  /** Every element below this one, depth first. */
  *descendants(): Generator<FakeElement> {
    for (const child of this.children) {
      if (child instanceof FakeElement) {
        yield child;
        yield* child.descendants();
      }
    }
  }
}

export class FakeDocument {
  activeElement: FakeElement | null = null;
  readonly body = new FakeElement(this, 'body', null);
  createElement(tag: string): FakeElement {
    return new FakeElement(this, tag, null);
  }
  createElementNS(ns: string, tag: string): FakeElement {
    return new FakeElement(this, tag, ns);
  }
  createTextNode(text: string): FakeText {
    return new FakeText(text);
  }
  getElementById(id: string): FakeElement | null {
    for (const element of this.body.descendants()) if (element.id === id) return element;
    return null;
  }
}

/** Runs the webview script against a page holding `<div id="root">` of the given width. */
export function runWebviewScript(width = 800) {
  const document = new FakeDocument();
  const root = document.body.appendChild(document.createElement('div'));
  root.setAttribute('id', 'root');
  root.width = width;
  const posted: unknown[] = [];
  const windowListeners: Listener[] = [];
  const fakeWindow = { addEventListener: (type: string, listener: Listener) => type === 'message' && windowListeners.push(listener) };
  class FakeResizeObserver {
    observe(): void {}
  }
  const api = { postMessage: (message: unknown) => posted.push(message), getState: () => undefined, setState: () => undefined };
  new Function('acquireVsCodeApi', 'document', 'window', 'ResizeObserver', webviewScript())(() => api, document, fakeWindow, FakeResizeObserver);
  return {
    document,
    root,
    posted,
    /** As if the extension had called `webview.postMessage(message)`. */
    receive(message: unknown): void {
      for (const listener of windowListeners) listener({ type: 'message', data: message, preventDefault() {} });
    },
  };
}
