// Scenarios as tests, for VS Code's Testing view: each scenario of a file with its expectations
// (labels and ranges, from the syntax tree alone), and, once a scenario has run, each
// expectation's expected and actual value, side by side, as a test failure shows them.
import { formatDuration } from '../durations';
import { resolveCount } from '../simulation/expectations';
import type { Comparison, SimCount, SimExpectation } from '../simulation/model';
import type { Range, ScenarioDecl, SourceFile } from '../syntax/ast';
import { digestOf, type ScenarioRun } from './runs';

interface ExpectationCase {
  /** The expectation's index among its scenario's steps (the `ref` of its result). */
  readonly step: number;
  /** The step as written, on one line: `at 5m expect HQ on CM2 >= 800`. */
  readonly label: string;
  readonly range: Range;
}

export interface ScenarioCase {
  /** The title as written; '' for a scenario whose title is missing (a syntax error). */
  readonly title: string;
  readonly range: Range;
  readonly expectations: readonly ExpectationCase[];
}

const EXPECTATION_KINDS = new Set(['expect-on', 'expect-outage', 'expect-peak', 'expect-settled']);

/** The scenarios of a parsed file, in text order, each with its expectations. */
export function scenarioCases(file: SourceFile, text: string): ScenarioCase[] {
  return file.items.flatMap((item) => (item.kind === 'scenario' ? [scenarioCase(item, text)] : []));
}

function scenarioCase(scenario: ScenarioDecl, text: string): ScenarioCase {
  const expectations: ExpectationCase[] = [];
  scenario.steps.forEach((step, index) => {
    if (!EXPECTATION_KINDS.has(step.kind)) return;
    expectations.push({ step: index, label: text.slice(step.range.start, step.range.end).replace(/\s+/g, ' ').trim(), range: step.range });
  });
  return { title: scenario.title?.value ?? '', range: scenario.range, expectations };
}

export interface ExpectationValues {
  /** The comparison and the value the text asks for: `>= 800`, `== all = 1600`, `<= 1m`, `by 1h`. */
  readonly expected: string;
  /** What the simulation found: `840`, `54s983ms`. */
  readonly actual: string;
  /**
   * For an `==` expectation, the value the actual should have been, in the actual's terms (`1800`
   * for `== all` of 1800 phones): the two then compare as a difference. Absent for the others.
   */
  readonly equalTo?: string;
}

/**
 * The expected and the actual value of the expectation at step `step` of a run, as the figures of
 * the run give them (the same figures its result message quotes); undefined for a step that is
 * not one of the run's expectations.
 */
export function expectationValues(run: ScenarioRun, step: number): ExpectationValues | undefined {
  const expectation = run.input.expectations.find((e) => e.ref === step);
  return expectation ? valuesOf(run, expectation) : undefined;
}

function valuesOf(run: ScenarioRun, expectation: SimExpectation): ExpectationValues {
  const result = run.result;
  switch (expectation.kind) {
    case 'on': {
      const phones = ownValue(result.pools, expectation.pool)?.phones ?? 0;
      // The counts after everything at T, as the engine checked them: the digest keeps them for every `at` time.
      const counts = digestOf(run).statesAt.get(expectation.at)?.pools[expectation.pool] ?? {};
      const actual = Object.prototype.hasOwnProperty.call(counts, expectation.target) ? (counts[expectation.target] ?? 0) : 0;
      return withEquality(expectation.comparison, {
        expected: `${expectation.comparison} ${describeCount(expectation.count, phones)}`,
        actual: String(actual),
        equalTo: String(resolveCount(expectation.count, phones)),
      });
    }
    case 'outage':
      return withEquality(expectation.comparison, {
        expected: `${expectation.comparison} ${formatDuration(expectation.ms)}`,
        actual: formatDuration(ownValue(result.pools, expectation.pool)?.maxOutage ?? 0),
        equalTo: formatDuration(expectation.ms),
      });
    case 'peak':
      return withEquality(expectation.comparison, {
        expected: `${expectation.comparison} ${expectation.value}`,
        actual: String(ownValue(result.targets, expectation.target)?.peak ?? 0),
        equalTo: String(expectation.value),
      });
    case 'settled':
      return { expected: `by ${formatDuration(expectation.by)}`, actual: formatDuration(result.settled) };
  }
}

/** Keeps `equalTo` for an `==` comparison only: `840` against `<= 800` is no difference to show. */
function withEquality(comparison: Comparison, values: Required<ExpectationValues>): ExpectationValues {
  return comparison === '==' ? values : { expected: values.expected, actual: values.actual };
}

/** A count as written, with the phones it stands for where that is not the number itself. */
function describeCount(count: SimCount, phones: number): string {
  switch (count.kind) {
    case 'all':
      return `all = ${phones}`;
    case 'none':
      return 'none';
    case 'number':
      return String(count.value);
    case 'percent':
      return `${count.value}% = ${resolveCount(count, phones)}`;
  }
}

function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
