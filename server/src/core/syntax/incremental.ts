// Re-parsing after an edit. A keystroke changes a few characters of a file that may be thousands
// of lines long; only the top-level constructs around the change are parsed again, those before
// it are kept as they are and those after it are kept with their ranges moved. The result is, by
// construction, exactly what `parse` returns for the whole new text (a property test compares
// the two on random edits); whenever that cannot be shown cheaply, the whole text is parsed.
//
// Why the pieces fit. The parser reads top-level constructs one after another, and between two of
// them its only state is: nothing pending (a construct just ended), whether an `import` would be
// out of place (constructs came before), the position of the last problem (a second problem on the
// same line is dropped as an echo), and the silence after an error (ended by every complete
// construct). Its decisions look at most three tokens ahead. So:
// - Before the change, the constructs are kept when three unchanged constructs (three tokens or
//   more) separate them from the change and no problem was found up to them: the parser reaches the
//   first re-parsed construct in the state of a fresh start, bar the `import` flag, which is passed.
// - After the change, the old parse is reused from the first construct `V` whose gap before it is
//   unchanged, holds a line break and nothing but blanks and comments, and from which on there was
//   no problem: the parser reaches `V` in the same state as before the edit (nothing pending, no
//   silence, no problem on its line), and the tokens from `V` on are the same, so it reads the same.
//   The re-parsed window extends three constructs past `V`, so that every decision before `V` looks
//   at the same tokens as in the whole file, and the window's parse must reach `V` at the same
//   place (an unclosed block before it would swallow it: then the whole text is parsed).
import type * as ast from './ast';
import { attachDocumentation, parse, parseRaw } from './parser';

/** Constructs kept unparsed on each side of the change as lookahead margin. */
const MARGIN = 3;
/** Below this many top-level constructs a whole parse is as cheap as the bookkeeping. */
const MIN_NODES = 12;

type Node = ast.ImportDecl | ast.Item;

/** Blanks, line breaks and comments only, with at least one line break. */
const QUIET_GAP = /^(?:[ \t\r\f\v\uFEFF\u00A0]|#[^\r\n]*(?=[\r\n]))*\n(?:[ \t\r\n\f\v\uFEFF\u00A0]|#[^\r\n]*(?![^\r\n]))*$/;

/** The parse of `text`, reusing the parse of `previousText` (a recent version of the same file). */
export function reparse(previousText: string, previous: ast.ParseResult, text: string): ast.ParseResult {
  if (previousText === text) return previous;
  return reparseWindow(previousText, previous, text)?.parsed ?? parse(text);
}

/** How a re-parse went: the span of the new text parsed again, and whether the old parse after it was taken over. */
export interface PartialParse {
  readonly parsed: ast.ParseResult;
  readonly window: ast.Range;
  readonly reusedAfter: boolean;
}

/** The partial re-parse, or undefined where only a whole parse is right (for tests and benchmarks). */
export function reparseWindow(oldText: string, old: ast.ParseResult, text: string): PartialParse | undefined {
  const nodes: Node[] = [...old.file.imports, ...old.file.items].sort((a, b) => a.range.start - b.range.start);
  if (nodes.length < MIN_NODES) return undefined;

  // The changed span: old [p, q) became new [p, q + delta).
  const limit = Math.min(oldText.length, text.length);
  let p = 0;
  while (p < limit && oldText.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s < limit - p && oldText.charCodeAt(oldText.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  const q = oldText.length - s;
  const delta = text.length - oldText.length;

  // First construct the change may touch (it ends at or after p), and the first one after the change
  // whose gap before it is untouched (the construct before it ends after q).
  let lo = 0;
  while (lo < nodes.length && nodes[lo]!.range.end < p) lo++;
  let hi = Math.max(lo, 1);
  while (hi < nodes.length && nodes[hi - 1]!.range.end <= q) hi++;

  const kept = Math.max(0, lo - MARGIN);
  const windowStart = kept > 0 ? nodes[kept - 1]!.range.end : 0;
  const firstError = old.errors[0];
  if (firstError && firstError.range.start < windowStart) return undefined;

  // Reuse after the change only with the margin of constructs to re-parse past it.
  const reuse = hi + MARGIN < nodes.length && reusableFrom(oldText, old, nodes, hi);
  if (kept === 0 && !reuse) return undefined; // the window would be the whole text
  const windowEnd = reuse ? nodes[hi + MARGIN - 1]!.range.end + delta : text.length;
  const itemsBefore = nodes.slice(0, kept).some((n) => n.kind !== 'import');
  const raw = parseRaw(text.slice(windowStart, windowEnd), { itemsBefore });
  if (!raw.selfContained) return undefined;

  const shiftWindow = <T>(value: T): T => shift(value, windowStart);
  let imports = raw.imports.map(shiftWindow);
  let items = raw.items.map(shiftWindow);
  let comments = raw.comments.map(shiftWindow);
  let errors = raw.errors.map(shiftWindow);
  let tail: { nodes: Node[]; comments: ast.Comment[] } = { nodes: [], comments: [] };

  if (reuse) {
    const v = nodes[hi]!;
    const vStart = v.range.start + delta;
    const before = (n: { range: ast.Range }) => n.range.start < vStart;
    const newNodes: Node[] = [...imports, ...items];
    const reached = newNodes.find((n) => n.range.start === vStart);
    if (!reached || !sameShape(reached, v, delta)) return undefined;
    // The construct before V must end where the old one did, so the gap before V is the old gap.
    const previousEnd = newNodes.filter(before).reduce((end, n) => Math.max(end, n.range.end), windowStart);
    if (previousEnd !== nodes[hi - 1]!.range.end + delta) return undefined;
    imports = imports.filter(before);
    items = items.filter(before);
    comments = comments.filter(before);
    errors = errors.filter(before);
    const windowItemsBefore = itemsBefore || items.length > 0;
    const oldItemsBefore = nodes.slice(0, hi).some((n) => n.kind !== 'import');
    const rest = nodes.slice(hi);
    if (windowItemsBefore !== oldItemsBefore && rest.some((n) => n.kind === 'import')) return undefined;
    tail = {
      nodes: rest.map((n) => shift(n, delta)),
      comments: old.file.comments.filter((c) => c.range.start >= v.range.start).map((c) => shift(c, delta)),
    };
  }

  const allComments = [...old.file.comments.filter((c) => c.range.end <= windowStart), ...comments, ...tail.comments];
  const prefix = nodes.slice(0, kept);
  const parsed: ast.ParseResult = {
    file: {
      imports: [...prefix.filter(isImport), ...imports, ...tail.nodes.filter(isImport)],
      items: [...prefix.filter(isItem), ...attachDocumentation(items, allComments, text), ...tail.nodes.filter(isItem)],
      comments: allComments,
      range: { start: 0, end: text.length },
    },
    errors,
  };
  return { parsed, window: { start: windowStart, end: windowEnd }, reusedAfter: reuse };
}

/**
 * Whether the old parse can be taken over from `nodes[hi]` on: no problem at or after the gap
 * before it, and that gap (unchanged by the edit) is blanks and comments across a line break.
 */
function reusableFrom(oldText: string, old: ast.ParseResult, nodes: readonly Node[], hi: number): boolean {
  const gapStart = nodes[hi - 1]!.range.end;
  if (old.errors.some((error) => error.range.end > gapStart || error.range.start >= gapStart)) return false;
  return QUIET_GAP.test(oldText.slice(gapStart, nodes[hi]!.range.start));
}

/** The same construct, `delta` characters further on (documentation aside: it is attached later). */
function sameShape(found: Node, old: Node, delta: number): boolean {
  const { doc: _ignored, ...bare } = shift(old, delta) as Node & { doc?: string };
  return JSON.stringify(found) === JSON.stringify(bare);
}

const isImport = (n: Node): n is ast.ImportDecl => n.kind === 'import';
const isItem = (n: Node): n is ast.Item => n.kind !== 'import';

/** A copy of a syntax tree (or part of one) with every range moved by `delta`. */
function shift<T>(value: T, delta: number): T {
  if (delta === 0) return value;
  return move(value, delta) as T;
}

function move(value: unknown, delta: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = move(value[i], delta);
    return copy;
  }
  const object = value as Record<string, unknown>;
  // Only a Range has a `start` in the tree (see ast.ts).
  if (typeof object['start'] === 'number') return { start: object['start'] + delta, end: (object['end'] as number) + delta };
  const copy: Record<string, unknown> = {};
  for (const key in object) copy[key] = move(object[key], delta);
  return copy;
}
