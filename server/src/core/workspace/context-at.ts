// What the text at an offset calls for, for completion: the block the cursor is in, the last few
// words of the statement being written, and so which keywords or which kind of name fit there.
// Token-based on purpose: it must read the unfinished text people type, which the parser only
// recovers from (a half-written step is not a node yet). Pure: text and offset in, plain data out.
import { tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import type { Range } from '../syntax/ast';
import * as t from '../syntax/tokens';
import { COMPARISONS, COUNT_WORDS, EVENT_WORDS, EXPECT_KINDS, isDurationKey, namedKind, VARY_WORDS, type PropertyBlock } from '../syntax/vocabulary';
import type { DefinitionKind } from './symbols';

/** What may follow `at TIME`: the events, the commonest (`crash`) first, then `expect`. */
const AFTER_AT = ['crash', ...EVENT_WORDS.filter((word) => word !== 'crash'), 'expect'];

export type CompletionSite =
  /** Nothing fits (a new name, a count, inside a comment or a string…). */
  | { readonly kind: 'nothing' }
  /** Between items: the definition keywords (and `import` while no item precedes). */
  | { readonly kind: 'top-level'; readonly importAllowed: boolean }
  /** Inside a settings, callmanager, srst or pool block: its keys that are not given yet. */
  | { readonly kind: 'properties'; readonly block: PropertyBlock; readonly given: readonly string[] }
  /** A reference: names of these kinds, except the ones already listed (group members). */
  | { readonly kind: 'names'; readonly kinds: readonly DefinitionKind[]; readonly exclude: readonly string[] }
  /** After `at T expect P on`: the targets of P's preference list first, then `unregistered`. */
  | { readonly kind: 'expect-target'; readonly pool: string }
  /** The start of a scenario step: `at`, `expect`, `settings`. */
  | { readonly kind: 'scenario-step' }
  /** These words; with `orStep` a new step, with `orSweepLine` a sweep's new line, may start here too (what came before is complete). */
  | { readonly kind: 'keywords'; readonly words: readonly string[]; readonly orStep?: boolean; readonly orSweepLine?: boolean }
  /** A bare number being typed where a duration belongs: its units. */
  | { readonly kind: 'unit'; readonly number: string }
  /** The start of a sweep's line: `scenario`, `vary`. */
  | { readonly kind: 'sweep-line' }
  /** After a sweep's `scenario`: the titles of the file's scenarios, quoted. */
  | { readonly kind: 'scenario-titles' }
  /** After `vary`: the settings and the visible definitions that have something to vary. */
  | { readonly kind: 'knobs' }
  /** After `vary NAME`: the properties that the definition `name` may vary. */
  | { readonly kind: 'knob-properties'; readonly name: string };

export interface CompletionContext {
  readonly site: CompletionSite;
  /** The word under the cursor, which a completion replaces (empty at the offset when none). */
  readonly word: Range;
}

type Frame = { readonly kind: 'file' | PropertyBlock | 'group' | 'scenario' | 'sweep' | 'unknown'; readonly tokens: IToken[] };

const NOTHING: CompletionSite = { kind: 'nothing' };
const end = (token: IToken): number => token.startOffset + token.image.length;
const is = (token: IToken | undefined, type: TokenType): boolean => token !== undefined && tokenMatcher(token, type);
const isWord = (token: IToken): boolean => token.tokenType === t.Name || t.keywordOf(token.tokenType) !== undefined || token.tokenType === t.NumberWord;
/** Keywords that only ever start a top-level item: they close any block left open before them (as the parser does). */
const ITEM_ONLY = new Set<TokenType>([t.CallManager, t.Pool, t.Scenario, t.Import, t.Sweep]);
const TOP_LEVEL_STARTERS = new Set<TokenType>([t.Import, t.Settings, t.CallManager, t.Srst, t.Group, t.Pool, t.Scenario, t.Sweep]);

/** Inside a sweep, `scenario "T"` is a line; it starts an item only when a `{` follows (as the parser reads it). */
function startsItem(top: Frame, tokens: readonly IToken[], i: number): boolean {
  const token = tokens[i]!;
  if (top.kind !== 'sweep' || token.tokenType !== t.Scenario) return ITEM_ONLY.has(token.tokenType);
  const next = tokens[i + 1]?.tokenType;
  return next === t.LCurly || ((next === t.StringLiteral || next === t.UnterminatedString) && tokens[i + 2]?.tokenType === t.LCurly);
}

/** What completion should offer at `offset` of `text`. */
export function completionContextAt(text: string, offset: number): CompletionContext {
  const lexed = t.failoverLexer.tokenize(text);
  const empty: Range = { start: offset, end: offset };
  for (const comment of lexed.groups['comments'] ?? []) {
    if (comment.startOffset < offset && offset <= end(comment)) return { site: NOTHING, word: empty };
  }
  const tokens = lexed.tokens;
  let count = 0;
  while (count < tokens.length && tokens[count]!.startOffset < offset) count++;
  const last = tokens[count - 1];
  let wordToken: IToken | undefined;
  if (last && end(last) >= offset) {
    if (isWord(last)) wordToken = last;
    else if (end(last) > offset || last.tokenType === t.UnterminatedString) return { site: NOTHING, word: empty };
  }
  const preceding = tokens.slice(0, wordToken ? count - 1 : count);
  const word: Range = wordToken ? { start: wordToken.startOffset, end: end(wordToken) } : empty;
  const after = tokens.slice(count);

  const frames = framesOf(preceding);
  const frame = frames[frames.length - 1]!;
  return { site: numberAware(siteIn(frame, after), wordToken), word };
}

/**
 * A duration position asks for units when a bare number is being typed, and for nothing otherwise;
 * any other position with a number being typed (a count, a capacity) has nothing to offer.
 */
function numberAware(site: CompletionSite | 'duration', wordToken: IToken | undefined): CompletionSite {
  const number = wordToken?.tokenType === t.NumberWord ? wordToken.image : undefined;
  if (site === 'duration') return number !== undefined && /[0-9]$/.test(number) ? { kind: 'unit', number } : NOTHING;
  return number !== undefined ? NOTHING : site;
}

/** The blocks open at the end of `tokens`, outermost first, each with its own direct tokens. */
function framesOf(tokens: readonly IToken[]): Frame[] {
  const frames: Frame[] = [{ kind: 'file', tokens: [] }];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    let top = frames[frames.length - 1]!;
    const closesOpenBlocks =
      frames.length > 1 &&
      (startsItem(top, tokens, i) ||
        (top.kind !== 'scenario' && token.tokenType === t.Settings && tokens[i + 1]?.tokenType === t.LCurly) ||
        ((token.tokenType === t.Group || token.tokenType === t.Srst) && tokens[i + 1]?.tokenType === t.Name && tokens[i + 2]?.tokenType === t.LCurly));
    if (closesOpenBlocks) {
      frames.length = 1;
      top = frames[0]!;
    }
    if (token.tokenType === t.LCurly) {
      frames.push({ kind: blockKind(top), tokens: [] });
    } else if (token.tokenType === t.RCurly) {
      if (frames.length > 1) frames.pop();
      frames[frames.length - 1]!.tokens.push(token);
    } else {
      top.tokens.push(token);
    }
  }
  return frames;
}

/** The kind of block a `{` opens, from the statement before it in the enclosing frame. */
function blockKind(enclosing: Frame): Frame['kind'] {
  const statement = currentStatement(enclosing);
  const first = statement[0];
  if (enclosing.kind === 'scenario') return first?.tokenType === t.Settings && statement.length === 1 ? 'settings' : 'unknown';
  if (enclosing.kind !== 'file' || !first) return 'unknown';
  const keyword = t.keywordOf(first.tokenType);
  switch (keyword) {
    case 'settings':
      return statement.length === 1 ? 'settings' : 'unknown';
    case 'callmanager':
    case 'srst':
    case 'group':
    case 'pool':
    case 'scenario':
    case 'sweep':
      // `pool P {`, or `pool {` with the name still missing (the parser reads the block all the same).
      return statement.length <= 2 ? keyword : 'unknown';
    default:
      return 'unknown';
  }
}

/** The tokens of the statement being written in a frame (since its last start). */
function currentStatement(frame: Frame): IToken[] {
  const tokens = frame.tokens;
  if (frame.kind === 'file') {
    let start = 0;
    tokens.forEach((token, i) => {
      if (TOP_LEVEL_STARTERS.has(token.tokenType)) start = i;
      else if (token.tokenType === t.RCurly) start = i + 1;
    });
    return tokens.slice(start);
  }
  if (frame.kind === 'scenario') {
    let start = 0;
    tokens.forEach((token, i) => {
      if (token.tokenType === t.At || token.tokenType === t.Settings) start = i;
      else if (token.tokenType === t.RCurly) start = i + 1;
      else if (token.tokenType === t.Expect) {
        // `at T expect …` is one step; a lone `expect` starts one.
        const partOfAt = tokens[start]?.tokenType === t.At && tokens.slice(start + 1, i).every((x) => x.tokenType === t.NumberWord) && i - start <= 2;
        if (!partOfAt) start = i;
      }
    });
    return tokens.slice(start);
  }
  if (frame.kind === 'sweep') {
    let start = 0;
    tokens.forEach((token, i) => {
      if (token.tokenType === t.Scenario || token.tokenType === t.Vary) start = i;
      else if (token.tokenType === t.RCurly) start = i + 1;
    });
    return tokens.slice(start);
  }
  return tokens;
}

function siteIn(frame: Frame, after: readonly IToken[]): CompletionSite | 'duration' {
  switch (frame.kind) {
    case 'file':
      return topLevelSite(frame);
    case 'settings':
    case 'callmanager':
    case 'srst':
    case 'pool':
      return propertySite(frame.kind, frame.tokens, after);
    case 'group': {
      const lastToken = frame.tokens[frame.tokens.length - 1];
      if (lastToken && lastToken.tokenType !== t.Comma) return NOTHING;
      const listed = [...frame.tokens, ...restOfBlock(after)].filter((x) => x.tokenType === t.Name).map((x) => x.image);
      return { kind: 'names', kinds: ['callmanager'], exclude: listed };
    }
    case 'scenario':
      return scenarioSite(currentStatement(frame));
    case 'sweep':
      return sweepSite(currentStatement(frame));
    case 'unknown':
      return NOTHING;
  }
}

function topLevelSite(frame: Frame): CompletionSite {
  const statement = currentStatement(frame);
  const importAllowed = !frame.tokens.some((x) => TOP_LEVEL_STARTERS.has(x.tokenType) && x.tokenType !== t.Import);
  const first = statement[0];
  if (!first) return { kind: 'top-level', importAllowed };
  // Right after a definition keyword comes a new name: nothing to offer.
  if (statement.length === 1 && TOP_LEVEL_STARTERS.has(first.tokenType)) return NOTHING;
  // `pool P`, `group G`, `scenario "…"`, `sweep "…"` wait for their `{`.
  if (statement.length === 2 && (first.tokenType === t.Pool || first.tokenType === t.Group || first.tokenType === t.Scenario || first.tokenType === t.Sweep))
    return NOTHING;
  return { kind: 'top-level', importAllowed };
}

function propertySite(block: PropertyBlock, tokens: readonly IToken[], after: readonly IToken[]): CompletionSite | 'duration' {
  const lastToken = tokens[tokens.length - 1];
  if (lastToken && is(lastToken, t.PropertyKey)) {
    const key = t.keywordOf(lastToken.tokenType)!;
    const named = namedKind(block, key);
    if (named) return { kind: 'names', kinds: [named], exclude: [] };
    return isDurationKey(key) ? 'duration' : NOTHING;
  }
  const given = [...tokens, ...restOfBlock(after)].filter((x) => is(x, t.PropertyKey)).map((x) => t.keywordOf(x.tokenType)!);
  return { kind: 'properties', block, given: [...new Set(given)] };
}

/** The tokens after the cursor that still belong to the block the cursor is in. */
function restOfBlock(after: readonly IToken[]): IToken[] {
  const rest: IToken[] = [];
  let depth = 0;
  for (const token of after) {
    if (token.tokenType === t.LCurly) depth++;
    else if (token.tokenType === t.RCurly) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && ITEM_ONLY.has(token.tokenType)) break;
    if (depth === 0) rest.push(token);
  }
  return rest;
}

const TARGETS: readonly DefinitionKind[] = ['callmanager', 'srst'];
const POOLS: readonly DefinitionKind[] = ['pool'];
const names = (kinds: readonly DefinitionKind[]): CompletionSite => ({ kind: 'names', kinds, exclude: [] });
const keywords = (words: readonly string[], orStep = false): CompletionSite => ({ kind: 'keywords', words, ...(orStep ? { orStep } : {}) });

function scenarioSite(step: readonly IToken[]): CompletionSite | 'duration' {
  const first = step[0];
  if (!first) return { kind: 'scenario-step' };
  if (first.tokenType === t.Settings) return NOTHING; // waits for `{`
  if (first.tokenType === t.At) {
    let rest = step.slice(1);
    const hasTime = rest[0]?.tokenType === t.NumberWord;
    if (hasTime) rest = rest.slice(1);
    const action = rest[0];
    if (!action) return hasTime ? keywords(AFTER_AT) : 'duration';
    const n = rest.length;
    if (is(action, t.TargetAction)) return n === 1 ? names(TARGETS) : { kind: 'scenario-step' };
    if (is(action, t.PoolAction)) return n === 1 ? names(POOLS) : { kind: 'scenario-step' };
    if (action.tokenType === t.Calls) {
      // calls P COUNT lasting D
      if (n === 1) return names(POOLS);
      if (n === 2) return keywords(COUNT_WORDS);
      if (n === 3) return keywords(['lasting']);
      if (n === 4) return rest[3]!.tokenType === t.Lasting ? 'duration' : NOTHING;
      return { kind: 'scenario-step' };
    }
    if (action.tokenType === t.Expect) {
      // expect P on X (CMP COUNT)?
      if (n === 1) return names(POOLS);
      if (n === 2) return keywords(['on']);
      if (n === 3) return rest[1]!.tokenType === t.Name ? { kind: 'expect-target', pool: rest[1]!.image } : names(TARGETS);
      if (n === 4) return keywords(COMPARISONS, true);
      if (n === 5) return keywords(COUNT_WORDS);
      return { kind: 'scenario-step' };
    }
    return NOTHING; // an unknown event word
  }
  if (first.tokenType === t.Expect) {
    const kind = step[1];
    const n = step.length;
    if (!kind) return keywords(EXPECT_KINDS);
    if (kind.tokenType === t.Outage) {
      // expect outage P CMP DURATION
      if (n === 2) return names(POOLS);
      if (n === 3) return keywords(COMPARISONS);
      if (n === 4) return 'duration';
      return { kind: 'scenario-step' };
    }
    if (kind.tokenType === t.Peak) {
      // expect peak X CMP INT
      if (n === 2) return names(TARGETS);
      if (n === 3) return keywords(COMPARISONS);
      if (n === 4) return NOTHING;
      return { kind: 'scenario-step' };
    }
    if (kind.tokenType === t.Settled) {
      if (n === 2) return keywords(['by']);
      if (n === 3) return 'duration';
      return { kind: 'scenario-step' };
    }
    return NOTHING;
  }
  return { kind: 'scenario-step' };
}

/**
 * In a sweep: `scenario "TITLE"`, or `vary KNOB from A to B step S` where KNOB is a setting or
 * `NAME PROPERTY`; after each value comes the next word, in order (after `to B` a new line may
 * start instead of `step`).
 */
function sweepSite(line: readonly IToken[]): CompletionSite | 'duration' {
  const first = line[0];
  if (!first) return { kind: 'sweep-line' };
  if (first.tokenType === t.Scenario) return line.length === 1 ? { kind: 'scenario-titles' } : { kind: 'sweep-line' };
  if (first.tokenType !== t.Vary) return NOTHING;
  const knob = line[1];
  if (!knob) return { kind: 'knobs' };
  let rest = line.slice(2);
  let key: string | undefined;
  if (is(knob, t.PropertyKey)) key = t.keywordOf(knob.tokenType);
  else if (knob.tokenType === t.Name) {
    if (!rest[0]) return { kind: 'knob-properties', name: knob.image };
    key = is(rest[0], t.PropertyKey) ? t.keywordOf(rest[0].tokenType) : undefined;
    rest = rest.slice(1);
  } else return NOTHING;
  const value = key !== undefined && isDurationKey(key) ? 'duration' : NOTHING;
  // rest: from A to B step S
  const words = VARY_WORDS;
  const n = rest.length;
  if (n % 2 === 0) {
    const next = words[n / 2];
    if (!next) return { kind: 'sweep-line' };
    return next === 'step' ? { kind: 'keywords', words: ['step'], orSweepLine: true } : keywords([next]);
  }
  return rest[n - 1]!.tokenType === (n === 1 ? t.From : n === 3 ? t.To : t.Step) ? value : NOTHING;
}
