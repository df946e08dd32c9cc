// The formatter: one canonical layout for a `.failover` file, idempotent, keeping every comment and
// single blank lines. It refuses text with syntax errors, and re-parses its own output to prove the
// syntax tree is unchanged (ranges aside) before returning anything. Pure: text in, text or edits out.
import type { IToken } from 'chevrotain';
import type * as ast from './ast';
import { parse } from './parser';
import { failoverLexer, LCurly, RCurly } from './tokens';

/*
 * Layout rules (everything follows from the tree, the comments' places and the blank lines):
 * - LF line endings (CRLF and lone CR input become LF), no trailing whitespace, no blank line at the
 *   start, exactly one newline at the end; an empty or blank file becomes the empty text.
 * - One import, item, property or step per line; tokens separated by one space (but see the `at`
 *   column and end-of-line comments below); two-space indent per block level. Numbers, strings,
 *   names and keywords are re-emitted exactly as written.
 * - Blank lines: a run of one or more blank lines between two lines (code or comment) becomes one
 *   blank line, zero stays zero; never just after a `{` nor just before a `}`.
 * - callmanager / srst: no properties → `callmanager CM1` (empty braces dropped, unless a comment
 *   stands before the `{`: then `{}` stays, so the comment cannot become the next item's doc).
 *   Compact blocks — callmanager, srst, pool and settings (top level or in a scenario) with at most
 *   two properties, no comment between the braces, fitting in 80 columns (end-of-line comment
 *   aside) — stay on one line: `callmanager CM1 { capacity 2500 }`, `pool HQ { group HQ-GROUP
 *   phones 1200 }`; otherwise one property per line. An empty pool or settings block is `pool P {}`.
 * - group: `group G { CM1, CM2 }` (trailing comma dropped) when it fits in 80 columns and has no
 *   comment between the braces; otherwise one member per line, a comma after each but the last.
 * - scenario: always one step per line; `scenario "T" {}` when empty and comment-free.
 * - sweep: always one `scenario` or `vary` line per line, each as written (one space between its
 *   words, no column); `sweep "T" {}` when empty and comment-free.
 * - `at` column: in each scenario, the steps `at TIME …` put what follows the time in one column:
 *   `at ` + the time padded to the scenario's longest time text + two spaces (`at 0s   calls …`,
 *   `at 20m  recover …`; two spaces even when every time has the same length). The other steps
 *   (`expect outage|peak|settled …`, settings blocks) are not padded. A step with a comment
 *   anywhere between its `at` and the token after its time is left unpadded (one space) and does
 *   not count towards the column.
 * - The source layout itself is not consulted: a block written over several lines that qualifies as
 *   compact is joined, a pool of three properties written on one line is opened, and spaces in the
 *   source (an `at` column, comment alignment) are recomputed, never kept.
 * - Comments never move relative to the tokens, group commas aside (so documentation stays documentation):
 *   a comment that ended a line still ends the line holding the token before it (aligned as below);
 *   a comment on its own line stays on its own line, indented like the line that follows it (one
 *   level deeper when that line is a closing `}`, or when the comment sits inside a construct's
 *   tokens, which then continue on a line indented one level deeper).
 *   Comment text is kept, with trailing whitespace trimmed.
 * - End-of-line comments are aligned per run: a run is a maximal sequence of consecutive output
 *   lines holding code, all at the same indentation (so a blank line, a comment-only line, or a
 *   line of another block level — a `{` or `}` line of an enclosing block, a deeper block's lines,
 *   a construct's continuation line — ends it). Every end-of-line comment of a run starts at the
 *   same column: the longest code part among the run's lines that have such a comment, plus two
 *   spaces. Lines of the run without a comment neither end the run nor widen it (gofmt-like), so a
 *   lone commented line gets exactly two spaces before its `#`.
 */

export type FormatError = { readonly error: string };
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

const INDENT = '  ';
const MAX_WIDTH = 80;
const MAX_COMPACT_PROPERTIES = 2;

/** Formats the whole file, or says why it will not. */
export function formatText(text: string): { text: string } | FormatError {
  const result = formatWhole(text);
  return 'error' in result ? result : { text: result.text };
}

/**
 * Edits that format the imports and top-level items meeting `range` (an empty range: the item
 * around that offset), whole lines at a time; items sharing a line with them come along.
 * The edit's text keeps the file's first line break (CRLF or LF). No edit when nothing changes.
 */
export function formatRange(text: string, range: { start: number; end: number }): TextEdit[] | FormatError {
  const result = formatWhole(text);
  if ('error' in result) return result;
  const units = result.units;
  const meets = (unit: Unit): boolean =>
    range.start === range.end
      ? unit.source.start <= range.start && range.start <= unit.source.end
      : unit.source.start < range.end && range.start < unit.source.end;
  let first = units.findIndex(meets);
  if (first < 0) return [];
  let last = first;
  while (last + 1 < units.length && meets(units[last + 1]!)) last++;

  let oldStart = lineStartAt(text, units[first]!.source.start);
  let oldEnd = lineEndAt(text, units[last]!.source.end);
  for (;;) {
    if (first > 0 && units[first - 1]!.source.end > oldStart) {
      oldStart = lineStartAt(text, units[--first]!.source.start);
    } else if (last + 1 < units.length && units[last + 1]!.source.start < oldEnd) {
      oldEnd = lineEndAt(text, units[++last]!.source.end);
    } else break;
  }

  const newStart = result.lineOffsets[units[first]!.firstLine]!;
  const lastLine = units[last]!.lastLine;
  const newEnd = result.lineOffsets[lastLine]! + result.lines[lastLine]!.length;
  const lineBreak = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  const newText = result.text.slice(newStart, newEnd).replace(/\n/g, lineBreak);
  return newText === text.slice(oldStart, oldEnd) ? [] : [{ start: oldStart, end: oldEnd, newText }];
}

// ---------------------------------------------------------------------------------------------
// Layout: the tree becomes logical lines of atoms (token texts with their source offsets).
// ---------------------------------------------------------------------------------------------

interface Atom {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Spaces before the atom when it continues a line (default one): the `at` column. */
  readonly gap?: number;
}

interface Line {
  readonly indent: number;
  readonly atoms: readonly Atom[];
  /** `open` ends with the `{` of a block laid out over several lines; `close` is its `}`. */
  readonly role: 'plain' | 'open' | 'close';
  /** Index of the import or top-level item the line belongs to (imports first). */
  readonly unit: number;
}

type BlockNode = ast.SettingsBlock | ast.CallManagerDecl | ast.SrstDecl | ast.PoolDecl;

class Layout {
  readonly lines: Line[] = [];
  private unit = 0;

  constructor(
    private readonly tokens: readonly IToken[],
    private readonly comments: readonly ast.Comment[],
  ) {}

  file(file: ast.SourceFile): void {
    for (const decl of file.imports) {
      this.line(0, this.atomsIn(decl.range));
      this.unit++;
    }
    for (const item of file.items) {
      this.item(item);
      this.unit++;
    }
  }

  private item(item: ast.Item): void {
    switch (item.kind) {
      case 'settings':
        return this.block(item, item.entries, 0);
      case 'callmanager':
      case 'srst':
      case 'pool':
        return this.block(item, item.properties, 0);
      case 'group':
        return this.group(item);
      case 'scenario':
        return this.scenario(item);
      case 'sweep':
        return this.sweep(item);
    }
  }

  /** A sweep: one line per `scenario` or `vary` line, like a scenario's steps (no column: its lines start with different words). */
  private sweep(sweep: ast.SweepDecl): void {
    const braces = this.braces(sweep.range);
    if (!braces) return this.line(0, this.atomsIn(sweep.range));
    const { open, close, header } = braces;
    if (sweep.lines.length === 0 && !this.hasCommentBetween(open.start, close.start)) {
      return this.line(0, [...header, { start: open.start, end: close.end, text: '{}' }]);
    }
    this.expanded(
      0,
      [...header, open],
      sweep.lines.map((line) => this.atomsIn(line.range)),
      close,
    );
  }

  /** settings, callmanager, srst and pool: a header, then `key value` properties in braces. */
  private block(node: BlockNode, properties: readonly ast.Property<string, unknown>[], indent: number): void {
    const braces = this.braces(node.range);
    if (!braces) return this.line(indent, this.atomsIn(node.range));
    const { open, close, header } = braces;
    const commented = this.hasCommentBetween(open.start, close.start);
    if (properties.length === 0 && !commented) {
      // Empty braces are dropped, unless a comment stands between the name and `{`: without the
      // braces it would sit directly above the next item and become its documentation.
      const headerCommented = this.hasCommentBetween(node.range.start, open.start);
      if ((node.kind === 'callmanager' || node.kind === 'srst') && !headerCommented) return this.line(indent, header);
      return this.line(indent, [...header, { start: open.start, end: close.end, text: '{}' }]);
    }
    const entries = properties.map((property) => this.atomsIn(property.range));
    const oneLine = [...header, open, ...entries.flat(), close];
    if (!commented && properties.length <= MAX_COMPACT_PROPERTIES && width(indent, oneLine) <= MAX_WIDTH) {
      return this.line(indent, oneLine);
    }
    this.expanded(indent, [...header, open], entries, close);
  }

  private group(group: ast.GroupDecl): void {
    const braces = this.braces(group.range);
    if (!braces) return this.line(0, this.atomsIn(group.range));
    const { open, close, header } = braces;
    // Commas are glued to the member before them; the comma tokens themselves (and a trailing one) are not kept.
    const members = group.members.map((member, i): Atom => ({
      ...member.range,
      text: i < group.members.length - 1 ? `${member.text},` : member.text,
    }));
    const oneLine = [...header, open, ...members, close];
    if (!this.hasCommentBetween(open.start, close.start) && width(0, oneLine) <= MAX_WIDTH) return this.line(0, oneLine);
    this.expanded(
      0,
      [...header, open],
      members.map((member) => [member]),
      close,
    );
  }

  private scenario(scenario: ast.ScenarioDecl): void {
    const braces = this.braces(scenario.range);
    if (!braces) return this.line(0, this.atomsIn(scenario.range));
    const { open, close, header } = braces;
    if (scenario.steps.length === 0 && !this.hasCommentBetween(open.start, close.start)) {
      return this.line(0, [...header, { start: open.start, end: close.end, text: '{}' }]);
    }
    this.line(0, [...header, open], 'open');
    const steps = scenario.steps.map((step) => (step.kind === 'settings' ? undefined : this.stepAtoms(step)));
    // `at TIME rest`: the atoms of the steps whose `rest` joins the `at` column (no comment from `at` to `rest`).
    const timed = steps.filter(
      (atoms): atoms is Atom[] =>
        atoms !== undefined && atoms.length >= 3 && atoms[0]!.text === 'at' && !this.hasCommentBetween(atoms[0]!.start, atoms[2]!.start),
    );
    const column = Math.max(0, ...timed.map((atoms) => atoms[1]!.text.length));
    for (const atoms of timed) atoms[2] = { ...atoms[2]!, gap: column - atoms[1]!.text.length + 2 };
    scenario.steps.forEach((step, i) => {
      if (step.kind === 'settings') this.block(step, step.entries, 1);
      else this.line(1, steps[i]!);
    });
    this.line(0, [close], 'close');
  }

  /** A step's atoms; a time written with its unit apart (`at 1 m`, a `missing-unit`) is one atom, so the `at` column stays straight. */
  private stepAtoms(step: Exclude<ast.Step, ast.SettingsBlock>): Atom[] {
    const atoms = this.atomsIn(step.range);
    const at = 'at' in step ? step.at : undefined;
    if (at?.kind !== 'int' || !at.unitApart || atoms[0]?.text !== 'at' || atoms.length < 3) return atoms;
    const [keyword, number, unit, ...rest] = atoms as [Atom, Atom, Atom, ...Atom[]];
    return [keyword, { start: number.start, end: unit.end, text: `${number.text} ${unit.text}` }, ...rest];
  }

  private expanded(indent: number, header: Atom[], entries: Atom[][], close: Atom): void {
    this.line(indent, header, 'open');
    for (const entry of entries) this.line(indent + 1, entry);
    this.line(indent, [close], 'close');
  }

  private line(indent: number, atoms: Atom[], role: Line['role'] = 'plain'): void {
    this.lines.push({ indent, atoms, role, unit: this.unit });
  }

  /** The node's `{` and `}` (if it has braces) and the atoms before the `{`. */
  private braces(range: ast.Range): { open: Atom; close: Atom; header: Atom[] } | undefined {
    const tokens = this.tokensIn(range);
    const openAt = tokens.findIndex((token) => token.tokenType === LCurly);
    const last = tokens[tokens.length - 1];
    if (openAt < 0 || !last || last.tokenType !== RCurly) return undefined;
    return { open: atomOf(tokens[openAt]!), close: atomOf(last), header: tokens.slice(0, openAt).map(atomOf) };
  }

  private atomsIn(range: ast.Range): Atom[] {
    return this.tokensIn(range).map(atomOf);
  }

  private tokensIn(range: ast.Range): IToken[] {
    const result: IToken[] = [];
    for (let i = firstAtOrAfter(this.tokens, range.start, (token) => token.startOffset); i < this.tokens.length; i++) {
      const token = this.tokens[i]!;
      if (token.startOffset >= range.end) break;
      result.push(token);
    }
    return result;
  }

  private hasCommentBetween(start: number, end: number): boolean {
    const i = firstAtOrAfter(this.comments, start, (comment) => comment.range.start);
    return i < this.comments.length && this.comments[i]!.range.start < end;
  }
}

const atomOf = (token: IToken): Atom => ({ start: token.startOffset, end: token.startOffset + token.image.length, text: token.image });

function width(indent: number, atoms: readonly Atom[]): number {
  return indent * INDENT.length + atoms.reduce((sum, atom) => sum + atom.text.length, 0) + atoms.length - 1;
}

function firstAtOrAfter<T>(sorted: readonly T[], offset: number, startOf: (value: T) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (startOf(sorted[mid]!) < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

// ---------------------------------------------------------------------------------------------
// Printing: atoms and comments interleaved in source order.
// ---------------------------------------------------------------------------------------------

interface Unit {
  readonly source: ast.Range;
  /** Output lines holding the unit's first and last atoms. */
  firstLine: number;
  lastLine: number;
}

interface Printed {
  readonly text: string;
  readonly lines: readonly string[];
  readonly lineOffsets: readonly number[];
  readonly units: readonly Unit[];
}

type PlacedAtom = { readonly kind: 'atom'; readonly atom: Atom; readonly line: Line; readonly position: number };
type Element = PlacedAtom | { readonly kind: 'comment'; readonly comment: ast.Comment };

/** An output line before alignment: `code` is empty on a blank or comment-only line. */
interface OutputLine {
  readonly indent: number;
  code: string;
  comment?: string;
}

/** The output lines (without line breaks); records each unit's first and last output line. */
function print(text: string, lines: readonly Line[], comments: readonly ast.Comment[], units: Unit[]): string[] {
  const atoms = lines.flatMap((line) => line.atoms.map((atom, position): PlacedAtom => ({ kind: 'atom', atom, line, position })));
  const elements: Element[] = [];
  let c = 0;
  for (const element of atoms) {
    while (c < comments.length && comments[c]!.range.start < element.atom.start) elements.push({ kind: 'comment', comment: comments[c++]! });
    elements.push(element);
  }
  while (c < comments.length) elements.push({ kind: 'comment', comment: comments[c++]! });

  const nextAtom: (PlacedAtom | undefined)[] = [];
  for (let i = elements.length - 1, next: PlacedAtom | undefined; i >= 0; i--) {
    nextAtom[i] = next;
    const element = elements[i]!;
    if (element.kind === 'atom') next = element;
  }

  const out: OutputLine[] = [];
  let current: OutputLine | undefined;
  /** The current line ends with a comment: whatever comes next starts a new line. */
  let closed = false;
  /** The last thing printed (trailing comments aside) was a block's opening `{`. */
  let afterOpen = false;
  let previousEnd = -1;

  const startLine = (indent: number, content: string, blankAllowed: boolean, start: number): void => {
    if (current !== undefined) out.push(current);
    if (blankAllowed && !afterOpen && out.length > 0 && lineBreaks(text.slice(previousEnd, start)) >= 2) out.push({ indent: 0, code: '' });
    current = { indent, code: content };
    closed = false;
  };
  const startCommentLine = (indent: number, content: string, blankAllowed: boolean, start: number): void => {
    startLine(indent, '', blankAllowed, start);
    current!.comment = content;
  };

  elements.forEach((element, index) => {
    if (element.kind === 'atom') {
      const { atom, line, position } = element;
      if (position === 0) startLine(line.indent, atom.text, line.role !== 'close', atom.start);
      else if (current === undefined || closed) startLine(line.indent + 1, atom.text, false, atom.start);
      else current.code += ' '.repeat(atom.gap ?? 1) + atom.text;
      const unit = units[line.unit]!;
      if (unit.firstLine < 0) unit.firstLine = out.length;
      unit.lastLine = out.length;
      afterOpen = line.role === 'open' && position === line.atoms.length - 1;
      previousEnd = atom.end;
      return;
    }
    const { comment } = element;
    const content = comment.text.trimEnd();
    if (isTrailing(text, comment.range.start) && current !== undefined && !closed) {
      current.comment = content;
    } else {
      const next = nextAtom[index];
      if (!next) startCommentLine(0, content, true, comment.range.start);
      else if (next.position === 0) startCommentLine(next.line.indent + (next.line.role === 'close' ? 1 : 0), content, true, comment.range.start);
      else startCommentLine(next.line.indent + 1, content, false, comment.range.start);
      afterOpen = false;
    }
    closed = true;
    previousEnd = comment.range.end;
  });
  if (current !== undefined) out.push(current);
  return aligned(out);
}

/**
 * The lines as text, end-of-line comments aligned per run: consecutive code lines at one
 * indentation; the comments start two spaces after the longest code part that carries one.
 */
function aligned(lines: readonly OutputLine[]): string[] {
  const result: string[] = [];
  for (let first = 0; first < lines.length;) {
    const indent = INDENT.repeat(lines[first]!.indent);
    if (lines[first]!.code === '') {
      const comment = lines[first++]!.comment;
      result.push(comment === undefined ? '' : indent + comment);
      continue;
    }
    let end = first + 1;
    while (end < lines.length && lines[end]!.code !== '' && lines[end]!.indent === lines[first]!.indent) end++;
    const run = lines.slice(first, end);
    const column = Math.max(0, ...run.map((line) => (line.comment === undefined ? 0 : line.code.length + 2)));
    for (const line of run) result.push(indent + (line.comment === undefined ? line.code : line.code.padEnd(column) + line.comment));
    first = end;
  }
  return result;
}

/** A comment with something other than whitespace before it on its source line. */
function isTrailing(text: string, start: number): boolean {
  return text.slice(lineStartAt(text, start), start).trim() !== '';
}

function lineBreaks(gap: string): number {
  return gap.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function lineStartAt(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
}

function lineEndAt(text: string, offset: number): number {
  const match = /[\r\n]/g;
  match.lastIndex = offset;
  return match.exec(text)?.index ?? text.length;
}

function formatWhole(text: string): Printed | FormatError {
  const parsed = parse(text);
  const firstError = parsed.errors[0];
  if (firstError) {
    const line = lineBreaks(text.slice(0, firstError.range.start)) + 1;
    return { error: `the file has syntax errors (the first on line ${line}); fix them before formatting` };
  }
  const lexed = failoverLexer.tokenize(text);
  const layout = new Layout(lexed.tokens, parsed.file.comments);
  layout.file(parsed.file);
  const units: Unit[] = [...parsed.file.imports, ...parsed.file.items].map((unit) => ({ source: unit.range, firstLine: -1, lastLine: -1 }));
  const lines = print(text, layout.lines, parsed.file.comments, units);
  const formatted = lines.length === 0 ? '' : `${lines.join('\n')}\n`;

  // The guarantee that formatting never changes meaning is checked, not assumed.
  const reparsed = parse(formatted);
  if (reparsed.errors.length > 0 || treeShape(reparsed.file) !== treeShape(parsed.file)) {
    // Known case: the parser reads documentation comments by LF only, so a comment above a
    // definition after a lone CR would become documentation once the line break is an LF.
    if (/\r(?!\n)/.test(text))
      return { error: 'the file uses lone CR line breaks, which formatting would turn into documentation comments; convert them to LF first' };
    return { error: "formatting would change this file's syntax tree, so the file was left as it is (a formatter bug: please report it)" };
  }
  const lineOffsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineOffsets.push(offset);
    offset += line.length + 1;
  }
  return { text: formatted, lines, lineOffsets, units };
}

const RANGE_KEYS = new Set(['range', 'keyRange', 'keywordRange', 'actionRange']);

/** The tree without its offsets; documentation and comments compared without trailing whitespace, which the formatter trims. */
function treeShape(file: ast.SourceFile): string {
  const shape = { imports: file.imports, items: file.items, comments: file.comments.map((comment) => comment.text.trimEnd()) };
  return JSON.stringify(shape, (key, value: unknown) => {
    if (RANGE_KEYS.has(key)) return undefined;
    if (key === 'doc' && typeof value === 'string')
      return value
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n');
    return value;
  });
}
