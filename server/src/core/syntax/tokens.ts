// The token vocabulary, in the one order the lexer tries it, and the single shared lexer instance.
// Every digit-led word is one `NumberWord` token, classified later (see numbers.ts), so `1m30` or
// `5mins` give one clear error instead of a cascade; keywords never split longer names (`group-a`).
import { createToken, Lexer, type TokenType } from 'chevrotain';

/** A category every real token belongs to: lets the parser absorb any stray token with one rule. */
export const AnyToken = createToken({ name: 'AnyToken', pattern: Lexer.NA });

export const Name = createToken({ name: 'Name', pattern: /[A-Za-z_][A-Za-z0-9_.-]*/, categories: [AnyToken] });

// Categories let the parser take "any property keyword" or "any comparison" in one step.
export const PropertyKey = createToken({ name: 'PropertyKey', pattern: Lexer.NA });
export const TargetAction = createToken({ name: 'TargetAction', pattern: Lexer.NA });
export const PoolAction = createToken({ name: 'PoolAction', pattern: Lexer.NA });
export const ComparisonOperator = createToken({ name: 'Comparison', pattern: Lexer.NA });

const keywordTokens: TokenType[] = [];
function keyword(word: string, category?: TokenType): TokenType {
  const categories = category ? [AnyToken, category] : [AnyToken];
  const token = createToken({ name: `kw:${word}`, pattern: word, longer_alt: Name, label: `'${word}'`, categories });
  keywordTokens.push(token);
  return token;
}

// Longer keywords that share a prefix come first (`reset-time` before `reset`). The parser reaches
// property keys and actions through their category, so those keywords need no name of their own.
export const Import = keyword('import');
export const Settings = keyword('settings');
export const Settled = keyword('settled');
keyword('keepalive', PropertyKey);
keyword('missed-keepalives', PropertyKey);
keyword('tcp-retry', PropertyKey);
keyword('registration-rate', PropertyKey);
keyword('fallback-queue-depth', PropertyKey);
keyword('connection-monitor', PropertyKey);
keyword('reset-time', PropertyKey);
keyword('reset', PoolAction);
export const CallManager = keyword('callmanager');
export const Calls = keyword('calls');
keyword('capacity', PropertyKey);
export const Srst = keyword('srst', PropertyKey);
export const Group = keyword('group', PropertyKey);
export const Pool = keyword('pool');
keyword('phones', PropertyKey);
export const Scenario = keyword('scenario');
export const At = keyword('at');
export const All = keyword('all');
export const Expect = keyword('expect');
export const Outage = keyword('outage');
export const Peak = keyword('peak');
export const By = keyword('by');
keyword('stop', TargetAction);
keyword('crash', TargetAction);
keyword('hang', TargetAction);
keyword('recover', TargetAction);
keyword('reconnect', PoolAction);
keyword('isolate', PoolAction);
export const Lasting = keyword('lasting');
export const Unregistered = keyword('unregistered');
export const On = keyword('on');
export const None = keyword('none');
export const Sweep = keyword('sweep');
export const Vary = keyword('vary');
export const From = keyword('from');
export const To = keyword('to');
export const Step = keyword('step');

export const KEYWORDS: readonly string[] = keywordTokens.map((t) => t.name.slice(3));

const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\uFEFF\u00A0]+/, group: Lexer.SKIPPED });
const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' });
export const StringLiteral = createToken({ name: 'String', pattern: /"(?:[^"\\\r\n]|\\.)*"/, label: 'string', categories: [AnyToken] });
/** How `value` is written as a STRING: in double quotes, with `"` and `\\` escaped (the only escapes). */
export function stringLiteral(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\\r\n]|\\.)*\\?/, label: 'string', categories: [AnyToken] });
// A digit-led word runs on through `,` + digits and `/` + letters, so that `1,500` and `40/s` are one
// word with one explanation (see numbers.ts), not a stray comma or an unexpected character.
export const NumberWord = createToken({
  name: 'Number',
  pattern: /[0-9][0-9A-Za-z_.]*(?:,[0-9][0-9A-Za-z_.]*)*(?:\/[A-Za-z]*)?%?/,
  start_chars_hint: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  label: 'number',
  categories: [AnyToken],
});
export const LCurly = createToken({ name: 'LCurly', pattern: '{', label: "'{'", categories: [AnyToken] });
export const RCurly = createToken({ name: 'RCurly', pattern: '}', label: "'}'", categories: [AnyToken] });
export const Comma = createToken({ name: 'Comma', pattern: ',', label: "','", categories: [AnyToken] });
const Equal = createToken({ name: 'Equal', pattern: '==', label: "'=='", categories: [AnyToken, ComparisonOperator] });
const NotEqual = createToken({ name: 'NotEqual', pattern: '!=', label: "'!='", categories: [AnyToken, ComparisonOperator] });
const LessEqual = createToken({ name: 'LessEqual', pattern: '<=', label: "'<='", categories: [AnyToken, ComparisonOperator] });
const GreaterEqual = createToken({ name: 'GreaterEqual', pattern: '>=', label: "'>='", categories: [AnyToken, ComparisonOperator] });
const Less = createToken({ name: 'Less', pattern: '<', label: "'<'", categories: [AnyToken, ComparisonOperator] });
const Greater = createToken({ name: 'Greater', pattern: '>', label: "'>'", categories: [AnyToken, ComparisonOperator] });

export const ALL_TOKENS: TokenType[] = [
  AnyToken,
  PropertyKey,
  TargetAction,
  PoolAction,
  ComparisonOperator,
  WhiteSpace,
  Comment,
  StringLiteral,
  UnterminatedString,
  NumberWord,
  LCurly,
  RCurly,
  Comma,
  Equal,
  NotEqual,
  LessEqual,
  GreaterEqual,
  Less,
  Greater,
  ...keywordTokens,
  Name,
];

export const failoverLexer = new Lexer(ALL_TOKENS, {
  ensureOptimizations: true,
  positionTracking: 'onlyOffset',
  skipValidations: process.env.FAILOVER_DEV === '0',
});

export function keywordOf(token: TokenType): string | undefined {
  const name = token.name;
  return name.startsWith('kw:') ? name.slice(3) : undefined;
}
