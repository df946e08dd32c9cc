// The checks of one written number, shared by definitions, scenarios and sweeps: a property's
// range (`invalid-value`), the limits of all times and counts, and `missing-unit` where a time is
// expected.
import type { DiagnosticCode, FixData } from '../diagnostics';
import { formatDuration } from '../durations';
import type * as ast from '../syntax/ast';
import { isDurationKey, outOfRange } from '../syntax/vocabulary';

/**
 * The longest time or duration accepted anywhere (30 days = 720h). Beyond 2^53 ms the simulator's
 * integer milliseconds stop being exact and a run never ends (`at 9007199254740993ms` spun for
 * ever), and a scenario of more than a month is almost surely a typo (`99999h` for `99999ms`).
 */
export const MAX_TIME_MS = 30 * 24 * 3_600_000;

/** A whole number beyond this cannot be held exactly (`registration-rate 1e400` became Infinity and hung the simulator). */
const MAX_WHOLE_NUMBER = Number.MAX_SAFE_INTEGER;

/** Where these checks report: validate.ts's reporter, or a sweep's. */
export interface ValueReporter {
  add(code: DiagnosticCode, range: ast.Range, message: string, extra?: { fix?: FixData }): void;
}

/** The `invalid-value` problem of a property's number (durations in ms): its range, then the limits of all numbers. */
export function rangeProblem(key: string, value: number): string | undefined {
  const problem = outOfRange(key, value);
  if (problem) return problem;
  if (isDurationKey(key)) return value > MAX_TIME_MS ? timeLimitProblem(key, value) : undefined;
  return value > MAX_WHOLE_NUMBER ? `${key} is too large (at most ${MAX_WHOLE_NUMBER.toLocaleString('en-US')})` : undefined;
}

export function timeLimitProblem(what: string, ms: number): string {
  const shown = ms <= Number.MAX_SAFE_INTEGER ? formatDuration(ms) : 'far longer';
  return `${what.replace(/^The /, 'the ')} must be at most 30 days, 720h (it is ${shown})`;
}

/** `missing-unit` where a time or duration is expected: a bare number, a unit written apart (`30 s`), a last part without one (`1m30`). */
export function checkDurationLiteral(literal: ast.NumberLiteral | undefined, what: string, report: ValueReporter): void {
  if (literal?.kind === 'int' && literal.unitApart) {
    const joined = `${literal.text}${literal.unitApart.unit}`;
    report.add(
      'missing-unit',
      { start: literal.range.start, end: literal.unitApart.range.end },
      `${what} needs its unit against the number, with no space: write \`${joined}\`.`,
      { fix: { kind: 'replace-text', replacement: joined } },
    );
  } else if (literal?.kind === 'int' && literal.value !== 0) {
    report.add('missing-unit', literal.range, `${what} needs a unit: write \`${literal.text}s\` (or ms, m, h).`, { fix: { kind: 'add-unit', unit: 's' } });
  } else if (literal?.kind === 'malformed' && literal.unitless) {
    const { part, unit } = literal.unitless;
    report.add(
      'missing-unit',
      literal.range,
      unit
        ? `${what} needs a unit on every part: \`${part}\` has none; write \`${literal.text}${unit}\`.`
        : `${what} needs a unit on every part: \`${part}\` has none; add ms, s, m or h after it.`,
      unit ? { fix: { kind: 'add-unit', unit } } : {},
    );
  }
}
