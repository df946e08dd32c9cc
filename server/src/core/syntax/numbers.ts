// Classifies a digit-led word as INT, PERCENT or DURATION (LANGUAGE.md, "Lexical rules"),
// or explains why it is none of them.
import type { NumberLiteral, Range } from './ast';
import { DURATION_UNITS } from './vocabulary';

const INT = /^[0-9]+(?:_[0-9]+)*$/;
const DURATION_PART = /([0-9]+(?:_[0-9]+)*)(ms|s|m|h)/y;

const PLAIN_DIGITS = /^[0-9]+$/;

function intValue(digits: string): number {
  return Number(digits.indexOf('_') < 0 ? digits : digits.replace(/_/g, ''));
}

export function classifyNumber(text: string, range: Range): NumberLiteral {
  if (PLAIN_DIGITS.test(text)) return { kind: 'int', value: Number(text), text, range };
  if (INT.test(text)) return { kind: 'int', value: intValue(text), text, range };
  if (text.endsWith('%')) {
    const digits = text.slice(0, -1);
    if (INT.test(digits)) return { kind: 'percent', value: intValue(digits), text, range };
    return { kind: 'malformed', reason: `\`${text}\` is not a percent: write a whole number followed by %, e.g. 30%`, text, range };
  }
  let ms = 0;
  let at = 0;
  DURATION_PART.lastIndex = 0;
  while (at < text.length) {
    DURATION_PART.lastIndex = at;
    const part = DURATION_PART.exec(text);
    if (!part) return { kind: 'malformed', reason: explainBadNumber(text, at), text, range };
    ms += intValue(part[1]!) * DURATION_UNITS[part[2] as keyof typeof DURATION_UNITS].ms;
    at = DURATION_PART.lastIndex;
  }
  return { kind: 'duration', ms, text, range };
}

function explainBadNumber(text: string, at: number): string {
  if (text.includes('.')) return `\`${text}\` has a decimal point: numbers are whole; write 1500ms instead of 1.5s`;
  if (/__|_$|_[^0-9]|[^0-9]_/.test(text)) return `\`${text}\`: an \`_\` may only stand between two digits, as in 1_200`;
  const rest = text.slice(at);
  const digits = /^[0-9_]+/.exec(rest);
  if (digits && digits[0].length === rest.length) {
    return `\`${text}\`: the part \`${rest}\` has no unit; add ms, s, m or h`;
  }
  return `\`${text}\` is not a number or a duration: units are ms, s, m and h (e.g. 250ms, 1m30s)`;
}
