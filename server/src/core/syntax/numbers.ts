// Classifies a digit-led word as INT, PERCENT or DURATION (LANGUAGE.md, "Lexical rules"),
// or explains why it is none of them, saying what to write instead.
import type { NumberLiteral, Range } from './ast';
import { DURATION_UNITS, unitAfter, type DurationUnit } from './vocabulary';

const INT = /^[0-9]+(?:_[0-9]+)*$/;
const DURATION_PART = /([0-9]+(?:_[0-9]+)*)(ms|s|m|h)/y;

const PLAIN_DIGITS = /^[0-9]+$/;
/** `1,500`, `10,000,000ms`: digits grouped by three with commas, as many write large numbers. */
const THOUSANDS = /^([0-9]{1,3}(?:,[0-9]{3})+)([A-Za-z%]*)$/;

function intValue(digits: string): number {
  return Number(digits.indexOf('_') < 0 ? digits : digits.replace(/_/g, ''));
}

export function classifyNumber(text: string, range: Range): NumberLiteral {
  if (PLAIN_DIGITS.test(text)) return { kind: 'int', value: Number(text), text, range };
  if (INT.test(text)) return { kind: 'int', value: intValue(text), text, range };
  // The lexer keeps `1,500` and `40/s` whole so that each is one problem with one advice.
  if (text.includes(',')) return { kind: 'malformed', reason: explainComma(text), text, range };
  if (text.includes('/')) return { kind: 'malformed', reason: explainSlash(text), text, range };
  if (text.endsWith('%')) {
    const digits = text.slice(0, -1);
    if (INT.test(digits)) return { kind: 'percent', value: intValue(digits), text, range };
    return { kind: 'malformed', reason: `\`${text}\` is not a percent: write a whole number followed by %, e.g. 30%`, text, range };
  }
  let ms = 0;
  let at = 0;
  let lastUnit: DurationUnit | undefined;
  DURATION_PART.lastIndex = 0;
  while (at < text.length) {
    DURATION_PART.lastIndex = at;
    const part = DURATION_PART.exec(text);
    if (!part) {
      const malformed: NumberLiteral = { kind: 'malformed', reason: explainBadNumber(text, at), text, range };
      const rest = text.slice(at);
      // Only the last part lacks a unit (`1m30`): a missing unit, as for a bare number.
      if (lastUnit && INT.test(rest)) return { ...malformed, unitless: { part: rest, unit: unitAfter(lastUnit) } };
      return malformed;
    }
    lastUnit = part[2] as DurationUnit;
    ms += intValue(part[1]!) * DURATION_UNITS[lastUnit].ms;
    at = DURATION_PART.lastIndex;
  }
  return { kind: 'duration', ms, text, range };
}

function explainComma(text: string): string {
  const grouped = THOUSANDS.exec(text);
  if (grouped) {
    const [, digits = '', rest] = grouped;
    return `\`${text}\`: numbers have no thousands separators: write \`${digits.replace(/,/g, '')}${rest}\` or \`${digits.replace(/,/g, '_')}${rest}\``;
  }
  return `\`${text}\` is not a number: \`,\` only separates group members, and numbers are whole (write 1500ms, not 1,5s)`;
}

function explainSlash(text: string): string {
  const digits = /^[0-9_]+/.exec(text)?.[0];
  const bare = digits && INT.test(digits) ? ` (\`${digits}\`)` : '';
  return `\`${text}\` is not a number: write it bare${bare}; rates are per second`;
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
