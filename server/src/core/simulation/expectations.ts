// Checks a run's expectations against its figures and words each result with the actual value,
// as the editor and the CLI show it: `HQ on CM2 at 5m: 840 (>= 800)`, `outage HQ: 54s983ms (<= 5m)`.

import { formatDuration } from '../durations';
import type { Comparison, ExpectationResult, PoolResult, SimCount, SimExpectation, TargetResult } from './model';

/** A count as phones of a pool of `phones`: a percent is floor(percent × phones / 100). */
export function resolveCount(count: SimCount, phones: number): number {
  switch (count.kind) {
    case 'all':
      return phones;
    case 'none':
      return 0;
    case 'number':
      return count.value;
    case 'percent':
      return Math.floor((count.value * phones) / 100);
  }
}

function compare(actual: number, comparison: Comparison, expected: number): boolean {
  switch (comparison) {
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '<=':
      return actual <= expected;
    case '>=':
      return actual >= expected;
    case '<':
      return actual < expected;
    case '>':
      return actual > expected;
  }
}

/** The count as the user wrote it; a percent also shows the phones it stands for. */
function describeCount(count: SimCount, phones: number): string {
  switch (count.kind) {
    case 'all':
      return 'all';
    case 'none':
      return 'none';
    case 'number':
      return String(count.value);
    case 'percent':
      return `${count.value}% = ${resolveCount(count, phones)}`;
  }
}

export interface CountSource {
  /** The phones of a pool on a target (or `unregistered`) now. */
  countOn(pool: string, target: string): number;
}

/**
 * `at T expect P on X` compares the count after everything at T. The engine jumps from one
 * millisecond with work to the next, and nothing changes in between: before each jump it lets
 * the checks whose T lies before the next millisecond read the counts as they stand.
 */
export class CountChecks {
  /** Indices of the `on` expectations, by time. */
  private readonly byTime: number[];
  private next = 0;
  /** For each expectation, by its position in the list: the count it saw (0 for the other kinds). */
  readonly seen: number[];

  constructor(private readonly expectations: readonly SimExpectation[]) {
    this.seen = expectations.map(() => 0);
    this.byTime = expectations
      .map((expectation, index) => ({ expectation, index }))
      .filter(({ expectation }) => expectation.kind === 'on')
      .sort((a, b) => (a.expectation as { at: number }).at - (b.expectation as { at: number }).at)
      .map(({ index }) => index);
  }

  /** Checks at times before `next` read the counts now. */
  seeBefore(next: number, counts: CountSource): void {
    while (this.next < this.byTime.length) {
      const index = this.byTime[this.next]!;
      const expectation = this.expectations[index]!;
      if (expectation.kind !== 'on' || expectation.at >= next) return;
      this.seen[index] = counts.countOn(expectation.pool, expectation.target);
      this.next++;
    }
  }
}

export interface RunFigures {
  readonly pools: Readonly<Record<string, PoolResult>>;
  readonly targets: Readonly<Record<string, TargetResult>>;
  readonly settled: number;
  /** For each `at T expect P on X`, by its position in the list: the count after everything at T. */
  readonly countsSeen: readonly number[];
}

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

export function checkExpectations(expectations: readonly SimExpectation[], figures: RunFigures): ExpectationResult[] {
  return expectations.map((expectation, index) => {
    switch (expectation.kind) {
      case 'on': {
        const phones = own(figures.pools, expectation.pool)?.phones ?? 0;
        const actual = figures.countsSeen[index] ?? 0;
        const expected = resolveCount(expectation.count, phones);
        return {
          ref: expectation.ref,
          passed: compare(actual, expectation.comparison, expected),
          message: `${expectation.pool} on ${expectation.target} at ${formatDuration(expectation.at)}: ${actual} (${expectation.comparison} ${describeCount(expectation.count, phones)})`,
        };
      }
      case 'outage': {
        const actual = own(figures.pools, expectation.pool)?.maxOutage ?? 0;
        return {
          ref: expectation.ref,
          passed: compare(actual, expectation.comparison, expectation.ms),
          message: `outage ${expectation.pool}: ${formatDuration(actual)} (${expectation.comparison} ${formatDuration(expectation.ms)})`,
        };
      }
      case 'peak': {
        const actual = own(figures.targets, expectation.target)?.peak ?? 0;
        return {
          ref: expectation.ref,
          passed: compare(actual, expectation.comparison, expectation.value),
          message: `peak ${expectation.target}: ${actual} (${expectation.comparison} ${expectation.value})`,
        };
      }
      case 'settled':
        return {
          ref: expectation.ref,
          passed: figures.settled <= expectation.by,
          message: `settled at ${formatDuration(figures.settled)} (by ${formatDuration(expectation.by)})`,
        };
    }
  });
}
