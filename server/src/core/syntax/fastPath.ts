// The parser's fast path: text that parses without a problem (nearly every file, nearly always) is
// read here in one hand-written pass, with no token objects and no Chevrotain machinery, at about
// the cost of lexing it. It knows the grammar only where nothing goes wrong: at the first sign of a
// problem (anything the full parser would report, or a form it leaves to the full parser, such as
// sweeps) it gives up, and `parseRaw` parses the text again with the full parser. So every problem,
// every message and every recovered tree still comes from the one grammar in parser.ts; here a
// clean text gets the very tree the full parser builds for it (test/syntax/fastPath.test.ts checks
// both on random texts and edits).
//
// Its tokens are the lexer's (tokens.ts): the same characters make the same words, keywords are
// names that spell a keyword exactly (the lexer's `longer_alt`), and a digit-led word is one word.
// Its decisions are the full parser's on the first token, which is all it looks at where no
// problem follows: each construct starts with its own keyword, and every optional part with a
// token that nothing else there may start with.
import type { TokenType } from 'chevrotain';
import type * as ast from './ast';
import type { RawParse } from './parser';
import * as t from './tokens';
import { DURATION_UNITS, isDurationKey, isNameKey, PROPERTY_KEYS, type PropertyBlock } from './vocabulary';

// Token kinds of the fast path. Keywords are looked up by their word; categories by the sets below.
const END = 0;
const NAME = 1;
const NUMBER = 2;
const STRING = 3;
const LCURLY = 4;
const RCURLY = 5;
const COMMA = 6;
const COMPARISON = 7;
/** A keyword's kind is KEYWORD plus its place in KEYWORD_TYPES. */
const KEYWORD = 8;

const KEYWORD_TYPES: readonly TokenType[] = t.ALL_TOKENS.filter((type) => t.keywordOf(type) !== undefined);
/** Keywords by length, each with its kind, so that a word is looked up without a copy of it. */
const KEYWORDS_OF_LENGTH: { readonly word: string; readonly kind: number }[][] = [];
KEYWORD_TYPES.forEach((type, i) => {
  const word = t.keywordOf(type)!;
  (KEYWORDS_OF_LENGTH[word.length] ??= []).push({ word, kind: KEYWORD + i });
});

/** The kind of the name text[start, end): a keyword's when it spells one exactly (the lexer's `longer_alt`), else NAME. */
function wordKind(text: string, start: number, end: number): number {
  const candidates = KEYWORDS_OF_LENGTH[end - start];
  if (candidates === undefined) return NAME;
  const first = text.charCodeAt(start);
  for (const { word, kind } of candidates) if (word.charCodeAt(0) === first && text.startsWith(word, start)) return kind;
  return NAME;
}
const inCategory = (category: TokenType): ReadonlySet<TokenType> => new Set(t.ALL_TOKENS.filter((type) => type.CATEGORIES?.includes(category)));
const PROPERTY_KEY_TYPES = inCategory(t.PropertyKey);
const TARGET_ACTION_TYPES = inCategory(t.TargetAction);
const POOL_ACTION_TYPES = inCategory(t.PoolAction);
const ALLOWED_KEYS: { readonly [B in PropertyBlock]: ReadonlySet<string> } = {
  settings: new Set(PROPERTY_KEYS.settings),
  callmanager: new Set(PROPERTY_KEYS.callmanager),
  srst: new Set(PROPERTY_KEYS.srst),
  pool: new Set(PROPERTY_KEYS.pool),
};

/** Thrown to leave the fast path: the full parser takes the text. */
const GIVE_UP = new Error('fast path: the full parser takes this text');

// Character classes of the lexer's patterns (tokens.ts).
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** [A-Za-z0-9_.-] */
const isNamePart = (c: number): boolean => isLetter(c) || isDigit(c) || c === 95 || c === 46 || c === 45;
/** [0-9A-Za-z_.] */
const isNumberPart = (c: number): boolean => isLetter(c) || isDigit(c) || c === 95 || c === 46;
/** The lexer's WhiteSpace: [ \t\r\n\f\v\uFEFF\u00A0] */
const isBlank = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 0xfeff || c === 0xa0;

/** The largest count of digits summed exactly one by one (below 2^53), as `Number(digits)` reads them. */
const MAX_EXACT_DIGITS = 15;

class FastParser {
  private readonly types: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private at = 0;
  readonly comments: ast.Comment[] = [];

  constructor(private readonly text: string) {
    this.scan();
  }

  // ---- The lexer ----------------------------------------------------------------------------

  private push(type: number, start: number, end: number): void {
    this.types.push(type);
    this.starts.push(start);
    this.ends.push(end);
  }

  private scan(): void {
    const text = this.text;
    const length = text.length;
    let i = 0;
    while (i < length) {
      const c = text.charCodeAt(i);
      const start = i;
      if (isBlank(c)) {
        i++;
      } else if (isLetter(c) || c === 95) {
        i++;
        while (i < length && isNamePart(text.charCodeAt(i))) i++;
        this.push(wordKind(text, start, i), start, i);
      } else if (isDigit(c)) {
        i++;
        while (i < length && isNumberPart(text.charCodeAt(i))) i++;
        const next = i < length ? text.charCodeAt(i) : -1;
        // `1,500` and `40/s` are one malformed word for the full parser to explain.
        if ((next === 44 && i + 1 < length && isDigit(text.charCodeAt(i + 1))) || next === 47) throw GIVE_UP;
        if (next === 37) i++;
        this.push(NUMBER, start, i);
      } else if (c === 123) {
        this.push(LCURLY, start, ++i);
      } else if (c === 125) {
        this.push(RCURLY, start, ++i);
      } else if (c === 44) {
        this.push(COMMA, start, ++i);
      } else if (c === 35) {
        i++;
        while (i < length) {
          const d = text.charCodeAt(i);
          if (d === 10 || d === 13) break;
          i++;
        }
        this.comments.push({ text: text.slice(start, i), range: { start, end: i } });
      } else if (c === 34) {
        i = this.scanString(start);
        this.push(STRING, start, i);
      } else if (c === 60 || c === 62) {
        i += i + 1 < length && text.charCodeAt(i + 1) === 61 ? 2 : 1;
        this.push(COMPARISON, start, i);
      } else if ((c === 61 || c === 33) && i + 1 < length && text.charCodeAt(i + 1) === 61) {
        i += 2;
        this.push(COMPARISON, start, i);
      } else {
        throw GIVE_UP; // a character no token takes: the lexer's error
      }
    }
    this.push(END, length, length);
  }

  /** A terminated string with no escape but \" and \\ (anything else is the full parser's to report). */
  private scanString(start: number): number {
    const text = this.text;
    let i = start + 1;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) return i + 1;
      if (c === 10 || c === 13) break;
      if (c === 92) {
        const escaped = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
        if (escaped !== 34 && escaped !== 92) break;
        i += 2;
      } else {
        i++;
      }
    }
    throw GIVE_UP;
  }

  // ---- The parser ---------------------------------------------------------------------------

  private type(ahead = 0): number {
    return this.types[Math.min(this.at + ahead, this.types.length - 1)]!;
  }

  private keyword(ahead = 0): TokenType | undefined {
    const type = this.type(ahead);
    return type >= KEYWORD ? KEYWORD_TYPES[type - KEYWORD] : undefined;
  }

  private range(index: number): ast.Range {
    return { start: this.starts[index]!, end: this.ends[index]! };
  }

  private span(first: number, last: number): ast.Range {
    return { start: this.starts[first]!, end: this.ends[last]! };
  }

  private image(index: number): string {
    return this.text.slice(this.starts[index], this.ends[index]);
  }

  /** Takes the current token if it is of `type`, else gives up. */
  private expect(type: number): number {
    if (this.types[this.at] !== type) throw GIVE_UP;
    return this.at++;
  }

  private expectKeyword(type: TokenType): number {
    if (this.keyword() !== type) throw GIVE_UP;
    return this.at++;
  }

  private name(): ast.Name {
    const index = this.expect(NAME);
    return { text: this.image(index), range: this.range(index) };
  }

  private string(): ast.StringLiteral {
    const index = this.expect(STRING);
    const image = this.image(index);
    const inner = image.slice(1, -1);
    return { value: inner.indexOf('\\') < 0 ? inner : inner.replace(/\\(.)/g, '$1'), range: this.range(index) };
  }

  parseFile(itemsBefore: boolean): { imports: ast.ImportDecl[]; items: ast.Item[] } {
    const imports: ast.ImportDecl[] = [];
    const items: ast.Item[] = [];
    while (this.type() !== END) {
      const keyword = this.keyword();
      if (keyword === t.Import) {
        if (items.length > 0 || itemsBefore) throw GIVE_UP;
        const first = this.at++;
        const path = this.string();
        imports.push({ kind: 'import', path, range: this.span(first, this.at - 1) });
      } else if (keyword === t.Settings) {
        items.push(this.settingsBlock());
      } else if (keyword === t.CallManager || keyword === t.Srst || keyword === t.Pool) {
        items.push(this.propertyDefinition(keyword));
      } else if (keyword === t.Group) {
        items.push(this.groupDecl());
      } else if (keyword === t.Scenario) {
        items.push(this.scenarioDecl());
      } else {
        throw GIVE_UP;
      }
    }
    return { imports, items };
  }

  private settingsBlock(): ast.SettingsBlock {
    const keyword = this.at++;
    const block = this.propertyBlock('settings');
    return {
      kind: 'settings',
      entries: block.properties as unknown as ast.Setting[],
      range: this.span(keyword, block.close),
      keywordRange: this.range(keyword),
    };
  }

  private propertyDefinition(keywordType: TokenType): ast.CallManagerDecl | ast.SrstDecl | ast.PoolDecl {
    const keyword = this.at++;
    const kind = t.keywordOf(keywordType) as 'callmanager' | 'srst' | 'pool';
    const name = this.name();
    if (this.type() !== LCURLY) {
      // A callmanager or srst router may stand without a block; a pool may not.
      if (kind === 'pool') throw GIVE_UP;
      return { kind, name, properties: [], range: this.span(keyword, this.at - 1), keywordRange: this.range(keyword) };
    }
    const block = this.propertyBlock(kind);
    return { kind, name, properties: block.properties, range: this.span(keyword, block.close), keywordRange: this.range(keyword) } as
      ast.CallManagerDecl | ast.SrstDecl | ast.PoolDecl;
  }

  /** Whether `group X {` or `srst X {` starts here: the end of an unclosed block for the full parser. */
  private definitionStarts(): boolean {
    return this.type(1) === NAME && this.type(2) === LCURLY;
  }

  private propertyBlock(blockKind: PropertyBlock): { properties: ast.Property<string, ast.NumberLiteral | ast.Name>[]; close: number } {
    this.expect(LCURLY);
    const properties: ast.Property<string, ast.NumberLiteral | ast.Name>[] = [];
    for (;;) {
      if (this.type() === RCURLY) return { properties, close: this.at++ };
      const keyword = this.keyword();
      if (!keyword || !PROPERTY_KEY_TYPES.has(keyword)) throw GIVE_UP;
      if ((keyword === t.Group || keyword === t.Srst) && this.definitionStarts()) throw GIVE_UP;
      properties.push(this.property(blockKind, keyword));
    }
  }

  private property(blockKind: PropertyBlock, keyType: TokenType): ast.Property<string, ast.NumberLiteral | ast.Name> {
    const keyIndex = this.at++;
    const key = t.keywordOf(keyType)!;
    if (!ALLOWED_KEYS[blockKind].has(key)) throw GIVE_UP;
    let value: ast.NumberLiteral | ast.Name;
    if (isNameKey(key)) {
      value = this.name();
    } else {
      const duration = isDurationKey(key);
      const literal = this.number(duration);
      if (duration ? literal.kind === 'percent' : literal.kind !== 'int') throw GIVE_UP;
      value = literal;
    }
    return { key, keyRange: this.range(keyIndex), value, range: this.span(keyIndex, this.at - 1) };
  }

  private groupDecl(): ast.GroupDecl {
    const keyword = this.at++;
    const name = this.name();
    this.expect(LCURLY);
    const members: ast.Name[] = [];
    let expectingMember = true;
    for (;;) {
      const type = this.type();
      if (type === RCURLY) break;
      if (type === NAME) {
        if (!expectingMember) throw GIVE_UP;
        members.push(this.name());
        expectingMember = false;
      } else if (type === COMMA) {
        if (expectingMember) throw GIVE_UP;
        this.at++;
        expectingMember = true;
      } else {
        throw GIVE_UP;
      }
    }
    if (members.length === 0) throw GIVE_UP;
    const close = this.at++;
    return { kind: 'group', name, members, range: this.span(keyword, close), keywordRange: this.range(keyword) };
  }

  private scenarioDecl(): ast.ScenarioDecl {
    const keyword = this.at++;
    const title = this.string();
    this.expect(LCURLY);
    const steps: ast.Step[] = [];
    for (;;) {
      if (this.type() === RCURLY) break;
      const word = this.keyword();
      if (word === t.Settings) steps.push(this.settingsBlock());
      else if (word === t.At) steps.push(this.atStep());
      else if (word === t.Expect) steps.push(this.expectStep());
      else throw GIVE_UP;
    }
    const close = this.at++;
    return { kind: 'scenario', title, steps, range: this.span(keyword, close), keywordRange: this.range(keyword) };
  }

  private atStep(): ast.EventStep | ast.ExpectOnStep {
    const atIndex = this.at++;
    const at = this.number(true);
    if (at.kind === 'percent') throw GIVE_UP; // an event's time is checked by validation, but only durations are common
    const word = this.keyword();
    if (word && (TARGET_ACTION_TYPES.has(word) || POOL_ACTION_TYPES.has(word))) {
      const action = this.at++;
      const subject = this.name();
      return {
        kind: 'event',
        at,
        action: this.image(action) as ast.TargetAction | ast.PoolAction,
        actionRange: this.range(action),
        subject,
        range: this.span(atIndex, this.at - 1),
      };
    }
    if (word === t.Calls) {
      const calls = this.at++;
      const pool = this.name();
      const count = this.count();
      this.expectKeyword(t.Lasting);
      const lasting = this.number(true);
      return { kind: 'event', at, action: 'calls', actionRange: this.range(calls), subject: pool, count, lasting, range: this.span(atIndex, this.at - 1) };
    }
    if (word === t.Expect) {
      this.at++;
      const pool = this.name();
      this.expectKeyword(t.On);
      let target: ast.ExpectOnStep['target'];
      if (this.type() === NAME) target = this.name();
      else target = { kind: 'unregistered', range: this.range(this.expectKeyword(t.Unregistered)) };
      const comparison = this.type() === COMPARISON ? this.comparison() : undefined;
      const count = comparison ? this.count() : undefined;
      if (!comparison && this.startsCount()) throw GIVE_UP;
      return { kind: 'expect-on', at, pool, target, comparison, count, range: this.span(atIndex, this.at - 1) };
    }
    throw GIVE_UP;
  }

  private expectStep(): ast.ExpectOutageStep | ast.ExpectPeakStep | ast.ExpectSettledStep {
    const expect = this.at++;
    const word = this.keyword();
    if (word === t.Outage) {
      this.at++;
      const pool = this.name();
      const comparison = this.comparison();
      const value = this.number(true);
      return { kind: 'expect-outage', pool, comparison, value, range: this.span(expect, this.at - 1) };
    }
    if (word === t.Peak) {
      this.at++;
      const target = this.name();
      const comparison = this.comparison();
      const value = this.number(false);
      if (value.kind !== 'int') throw GIVE_UP;
      return { kind: 'expect-peak', target, comparison, value, range: this.span(expect, this.at - 1) };
    }
    if (word === t.Settled) {
      this.at++;
      this.expectKeyword(t.By);
      const by = this.number(true);
      return { kind: 'expect-settled', by, range: this.span(expect, this.at - 1) };
    }
    throw GIVE_UP;
  }

  private comparison(): { op: ast.Comparison; range: ast.Range } {
    const index = this.expect(COMPARISON);
    return { op: this.image(index) as ast.Comparison, range: this.range(index) };
  }

  private startsCount(): boolean {
    const word = this.keyword();
    return this.type() === NUMBER || word === t.All || word === t.None;
  }

  /** COUNT: a whole number, a percent, `all` or `none` (a duration is the full parser's to report). */
  private count(): ast.Count {
    const word = this.keyword();
    if (word === t.All || word === t.None) {
      const index = this.at++;
      return { kind: word === t.All ? 'all' : 'none', range: this.range(index) };
    }
    const literal = this.number(false);
    if (literal.kind === 'duration') throw GIVE_UP;
    return literal;
  }

  /**
   * A number word, classified as numbers.ts does (INT, PERCENT, DURATION); a malformed one is the
   * full parser's. Where a duration is expected, a whole number followed by a name may be a unit
   * written apart (`30 s`), which the full parser reads with the number: left to it too.
   */
  private number(durationExpected: boolean): ast.NumberLiteral {
    const index = this.expect(NUMBER);
    const text = this.text;
    const start = this.starts[index]!;
    const end = this.ends[index]!;
    let i = start;
    let ms = 0;
    let units = 0;
    for (;;) {
      // A part: digits with single underscores between them.
      let value = 0;
      let digits = 0;
      for (;;) {
        const c = text.charCodeAt(i);
        if (!isDigit(c)) throw GIVE_UP;
        value = value * 10 + (c - 48);
        if (++digits > MAX_EXACT_DIGITS) throw GIVE_UP;
        i++;
        if (i < end && text.charCodeAt(i) === 95) {
          i++;
          if (i >= end) throw GIVE_UP;
          continue;
        }
        if (i >= end || !isDigit(text.charCodeAt(i))) break;
      }
      if (i >= end) {
        if (units > 0) throw GIVE_UP; // `1m30`: a last part without its unit
        if (durationExpected && this.type() === NAME) throw GIVE_UP;
        return { kind: 'int', value, text: text.slice(start, end), range: { start, end } };
      }
      const c = text.charCodeAt(i);
      if (c === 37 && i + 1 === end && units === 0) {
        return { kind: 'percent', value, text: text.slice(start, end), range: { start, end } };
      }
      // The units in the order DURATION_PART tries them: ms, s, m, h.
      let unitMs: number;
      if (c === 109 && i + 1 < end && text.charCodeAt(i + 1) === 115) {
        unitMs = DURATION_UNITS.ms.ms;
        i += 2;
      } else if (c === 115) {
        unitMs = DURATION_UNITS.s.ms;
        i++;
      } else if (c === 109) {
        unitMs = DURATION_UNITS.m.ms;
        i++;
      } else if (c === 104) {
        unitMs = DURATION_UNITS.h.ms;
        i++;
      } else {
        throw GIVE_UP;
      }
      ms += value * unitMs;
      units++;
      if (i >= end) return { kind: 'duration', ms, text: text.slice(start, end), range: { start, end } };
    }
  }
}

/**
 * The parse of a text in which the full parser finds no problem, or undefined when the full parser
 * must read it (a problem, or a form left to it). Never throws.
 */
export function parseWithoutProblems(text: string, itemsBefore: boolean): RawParse | undefined {
  try {
    const parser = new FastParser(text);
    const { imports, items } = parser.parseFile(itemsBefore);
    return { imports, items, comments: parser.comments, errors: [], selfContained: true };
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}
