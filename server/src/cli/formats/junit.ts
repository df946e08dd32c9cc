// `--format junit`: JUnit XML for CI test tabs (PRODUCT.md, "Editor and CI conventions"). One
// <testsuite> per file, one <testcase> per scenario, and a `static checks` case for a file with
// errors, in the shape of the common JUnit schema CI servers read (test/cli/junit.xsd checks it).
// No `time` attribute: the report stays the same from run to run, whatever the machine.
import type { FileReport, LintReport, LocatedDiagnostic, ScenarioReport } from './report';

/** The name of the test case that lists a file's errors outside its scenarios' runs. */
const STATIC_CHECKS = 'static checks';

interface Outcome {
  readonly message: string;
  readonly type: string;
  readonly body: string;
}

interface TestCase {
  readonly name: string;
  readonly classname: string;
  readonly failure?: Outcome;
  readonly error?: Outcome;
  readonly skipped?: string;
  readonly systemOut?: string;
}

export function formatJunit(report: LintReport): string {
  const suites = report.files.map((file) => ({ file, cases: testCases(file) })).filter((suite) => suite.cases.length > 0);
  const count = (cases: readonly TestCase[], key: 'failure' | 'error' | 'skipped') => cases.filter((c) => c[key] !== undefined).length;
  const all = suites.flatMap((s) => s.cases);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="failover" tests="${all.length}" failures="${count(all, 'failure')}" errors="${count(all, 'error')}">`);
  for (const { file, cases } of suites) {
    out.push(
      `  <testsuite name="${attribute(file.file)}" tests="${cases.length}" failures="${count(cases, 'failure')}" errors="${count(cases, 'error')}" skipped="${count(cases, 'skipped')}">`,
    );
    for (const testCase of cases) out.push(...caseLines(testCase));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

/** The file's scenarios in text order, then `static checks` when it has errors of its own. */
function testCases(file: FileReport): TestCase[] {
  const cases = (file.scenarios ?? []).map((scenario) => scenarioCase(file.file, scenario));
  // What the runs reported belongs to their scenarios; every other error is the file's own.
  const fromRuns = new Set((file.scenarios ?? []).flatMap((s) => s.diagnostics));
  const errors = file.diagnostics.filter((d) => d.severity === 'error' && !fromRuns.has(d));
  if (errors.length > 0) {
    cases.push({
      name: STATIC_CHECKS,
      classname: file.file,
      failure: { message: plural(errors.length, 'error'), type: 'static-checks', body: errors.map((d) => located(file.file, d)).join('\n') },
    });
  }
  return cases;
}

/**
 * A scenario stopped by errors is an `<error>` naming the one that stops it; a run with errors (a
 * failed expectation, or a finding raised to an error by the configuration) is a `<failure>`
 * listing them; a scenario that was not run for another reason is `<skipped>`. Its warnings and
 * other findings go to `<system-out>`.
 */
function scenarioCase(path: string, scenario: ScenarioReport): TestCase {
  const failed = scenario.diagnostics.filter((d) => d.severity === 'error');
  const notes = scenario.diagnostics.filter((d) => d.severity !== 'error');
  const base = {
    name: scenario.title,
    classname: path,
    ...(notes.length > 0 ? { systemOut: notes.map((d) => located(path, d, { severity: true })).join('\n') } : {}),
  };
  const stop = scenario.notSimulated;
  if (stop?.kind === 'stopped') {
    return { ...base, error: { message: `not simulated: ${stop.error.message}`, type: 'not-simulated', body: located(stop.file, stop.error) } };
  }
  if (failed.length > 0)
    return { ...base, failure: { message: failureMessage(failed), type: failed[0]!.code, body: failed.map((d) => located(path, d)).join('\n') } };
  if (stop?.kind === 'skipped') return { ...base, skipped: stop.reason };
  return base;
}

/** `2 expectations not met`, `1 expectation not met, 1 other error`. */
function failureMessage(failed: readonly LocatedDiagnostic[]): string {
  const expectations = failed.filter((d) => d.code === 'expectation-failed').length;
  const others = failed.length - expectations;
  const parts: string[] = [];
  if (expectations > 0) parts.push(`${plural(expectations, 'expectation')} not met`);
  if (others > 0) parts.push(plural(others, expectations > 0 ? 'other error' : 'error'));
  return parts.join(', ');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `outages.failover:12:3: Expectation not met in … (expectation-failed)`, as compilers print a place. */
function located(path: string, d: LocatedDiagnostic, { severity = false } = {}): string {
  return `${path}:${d.line}:${d.column}: ${severity ? `${d.severity}: ` : ''}${d.message} (${d.code})`;
}

function caseLines(c: TestCase): string[] {
  const open = `    <testcase name="${attribute(c.name)}" classname="${attribute(c.classname)}"`;
  const children: string[] = [];
  // The order of the common schema: skipped, error, failure, system-out.
  if (c.skipped !== undefined) children.push(`      <skipped message="${attribute(c.skipped)}"/>`);
  if (c.error) children.push(outcome('error', c.error));
  if (c.failure) children.push(outcome('failure', c.failure));
  if (c.systemOut !== undefined) children.push(`      <system-out>${text(c.systemOut)}</system-out>`);
  return children.length === 0 ? [`${open}/>`] : [`${open}>`, ...children, '    </testcase>'];
}

function outcome(tag: 'error' | 'failure', o: Outcome): string {
  return `      <${tag} message="${attribute(o.message)}" type="${attribute(o.type)}">${text(o.body)}</${tag}>`;
}

/**
 * Characters XML 1.0 cannot hold at all, not even as character references: C0 controls other than
 * tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF. Each becomes U+FFFD, so a
 * stray control character in a title cannot make the whole report unreadable.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(s: string): string {
  // `>` too, so that `]]>` never appears; a carriage return as a reference, or parsers drop it.
  return s.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function attribute(s: string): string {
  // Tabs and line breaks as references: an attribute's value is otherwise normalised to spaces.
  return text(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
