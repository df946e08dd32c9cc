// `failover lint --format junit` (PRODUCT.md, "Editor and CI conventions"): one suite per file,
// one case per scenario and a `static checks` case for a file with errors, every count right,
// every text escaped, and every report valid against test/cli/junit.xsd (the common JUnit
// structure CI servers read), checked with libxml2's xmllint.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { formatJunit } from '../../server/src/cli/formats/junit';
import type { LintReport, LocatedDiagnostic } from '../../server/src/cli/formats/report';
import { runCli, scratch } from '../support/cli';

const SCHEMA = readFileSync(path.join(__dirname, 'junit.xsd'), 'utf8');

/** xmllint's complaints about `xml` against the schema (none when it is well-formed and valid). */
async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: { fileName: 'report.xml', contents: xml }, schema: { fileName: 'junit.xsd', contents: SCHEMA } });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** An element of the report: its name, attributes (decoded), children and text. */
interface Element {
  readonly tag: string;
  readonly attributes: Record<string, string>;
  readonly children: Element[];
  text: string;
}

const decode = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+);/g, (_, name: string) =>
    name.startsWith('#')
      ? String.fromCodePoint(Number(name.slice(1)))
      : ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[name]!,
  );

/** Reads the report back (the schema check has already said it is well-formed XML). */
function parseXml(xml: string): Element {
  const root: Element = { tag: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  for (const m of body.matchAll(/<(\/?)([\w-]+)((?:\s+[\w-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g)) {
    const [, closing, tag, attributeText, selfClosing, text] = m;
    if (text !== undefined) {
      stack[stack.length - 1]!.text += decode(text);
    } else if (closing) {
      stack.pop();
    } else {
      const attributes = Object.fromEntries([...attributeText!.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, k, v]) => [k!, decode(v!)]));
      const element: Element = { tag: tag!, attributes, children: [], text: '' };
      stack[stack.length - 1]!.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  return root.children[0]!;
}

/** A test case in one line: `title [classname]: error not-simulated | failure expectation-failed | skipped | passed`. */
function outcome(testCase: Element): string {
  const parts = testCase.children.filter((c) => c.tag !== 'system-out').map((c) => (c.attributes.type ? `${c.tag} ${c.attributes.type}` : c.tag));
  return `${testCase.attributes.name} [${testCase.attributes.classname}]: ${parts.join(', ') || 'passed'}`;
}

const counts = (e: Element) => ['tests', 'failures', 'errors', 'skipped'].map((k) => e.attributes[k]).join('/');

// CM1 carries HQ's 10 phones; when it goes, CM2 (capacity 5) takes 5 and turns 5 away.
const TOPOLOGY = `callmanager CM1
callmanager CM2 { capacity 5 }
group G { CM1, CM2 }
pool HQ { group G phones 10 }
`;

const SCENARIOS = `import "topology.failover"

scenario "holds" {
  at 1m stop CM1
  at 1m expect HQ on unregistered
}

scenario "typo" {
  at 1m stop CM9
}

scenario "fails" {
  at 1m crash CM1
  at 10m expect HQ on CM2
  expect peak CM2 <= 4
}
`;

/** A definition with an error stops its scenario (an `<error>`) and is listed in `static checks`. */
const BROKEN = `import "topology.failover"
pool BR { group NOPE phones 1 }
scenario "x <&> \\"quoted\\"" {
  at 1m crash CM1
}
`;

describe('failover lint --format junit', async () => {
  const root = scratch({
    'topology.failover': TOPOLOGY,
    'scenarios.failover': SCENARIOS,
    'broken.failover': BROKEN,
    'quiet.failover': TOPOLOGY.replace(/CM/g, 'Q'),
  });
  const result = runCli(['lint', '--format', 'junit', '.'], root);
  const report = parseXml(result.stdout);
  const suites = report.children;
  const suite = (name: string) => suites.find((s) => s.attributes.name === name)!;

  it('is valid against the JUnit schema, and exits 1 as the other formats do when there are errors', async () => {
    expect(await schemaErrors(result.stdout)).toEqual([]);
    expect(result.code).toBe(1);
    expect(result.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
  });

  it('has one suite per file with a scenario or an error, named by the path as printed; a file with neither has none', () => {
    // topology.failover has a warning (single-failure-risk) but no scenario and no error; quiet.failover neither.
    expect(suites.map((s) => s.attributes.name)).toEqual(['broken.failover', 'scenarios.failover']);
  });

  it('has one case per scenario in text order, then `static checks` for a file with errors, each classed by its file', () => {
    expect(suite('scenarios.failover').children.map(outcome)).toEqual([
      'holds [scenarios.failover]: passed',
      'typo [scenarios.failover]: error not-simulated',
      'fails [scenarios.failover]: failure expectation-failed',
      'static checks [scenarios.failover]: failure static-checks',
    ]);
    expect(suite('broken.failover').children.map(outcome)).toEqual([
      'x <&> "quoted" [broken.failover]: error not-simulated',
      'static checks [broken.failover]: failure static-checks',
    ]);
  });

  it('lists the failed expectations with their lines in the failure', () => {
    const failure = suite('scenarios.failover').children[2]!.children.find((c) => c.tag === 'failure')!;
    expect(failure.attributes.message).toBe('2 expectations not met');
    const lines = failure.text.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^scenarios\.failover:14:3: Expectation not met in "fails": .*\(expectation-failed\)$/);
    expect(lines[1]).toMatch(/^scenarios\.failover:15:3: Expectation not met in "fails": .*\(expectation-failed\)$/);
  });

  it("says why a stopped scenario did not run: the error that stops it, where it is, even in another file's definitions", () => {
    const [typo] = suite('scenarios.failover').children[1]!.children;
    expect(typo!.attributes.message).toMatch(/^not simulated: Unknown callmanager or srst router `CM9`/);
    expect(typo!.text).toMatch(/^scenarios\.failover:9:14: Unknown callmanager or srst router `CM9`.*\(unknown-reference\)$/);
    const [x] = suite('broken.failover').children[0]!.children;
    expect(x!.text).toMatch(/^broken\.failover:2:17: Unknown group `NOPE`.*\(unknown-reference\)$/);
  });

  it("lists the file's static errors in `static checks`, and keeps a passing scenario's warnings in its output", () => {
    const staticChecks = suite('scenarios.failover').children[3]!.children[0]!;
    expect(staticChecks.attributes.message).toBe('1 error');
    expect(staticChecks.text).toMatch(/^scenarios\.failover:9:14: Unknown callmanager or srst router `CM9`.*\(unknown-reference\)$/);
    const holds = suite('scenarios.failover').children[0]!;
    expect(holds.children.map((c) => c.tag)).toEqual(['system-out']);
    expect(holds.children[0]!.text.split('\n').map((l) => l.replace(/: warning: .*\((.*)\)$/, ' $1'))).toEqual([
      'scenarios.failover:4:3 capacity-exceeded',
      'scenarios.failover:4:3 no-service',
    ]);
  });

  it('counts tests, failures and errors on every suite, and their sums on <testsuites>', () => {
    expect(suites.map(counts)).toEqual(['2/1/1/0', '4/2/1/0']);
    expect(counts(report)).toBe('6/3/2/');
    for (const s of suites) {
      const cases = s.children;
      expect(Number(s.attributes.tests)).toBe(cases.length);
      expect(Number(s.attributes.failures)).toBe(cases.filter((c) => c.children.some((x) => x.tag === 'failure')).length);
      expect(Number(s.attributes.errors)).toBe(cases.filter((c) => c.children.some((x) => x.tag === 'error')).length);
    }
  });

  it('gives the same report on one core and on several', () => {
    expect(runCli(['lint', '--jobs', '3', '--format', 'junit', '.'], root).stdout).toBe(runCli(['lint', '--jobs', '1', '--format', 'junit', '.'], root).stdout);
  });

  it('marks every scenario that can run as skipped with --no-simulate; a stopped one is still an error', async () => {
    const quick = runCli(['lint', '--no-simulate', '--format', 'junit', 'scenarios.failover'], root);
    expect(await schemaErrors(quick.stdout)).toEqual([]);
    const cases = parseXml(quick.stdout).children[0]!.children;
    expect(cases.map(outcome)).toEqual([
      'holds [scenarios.failover]: skipped',
      'typo [scenarios.failover]: error not-simulated',
      'fails [scenarios.failover]: skipped',
      'static checks [scenarios.failover]: failure static-checks',
    ]);
    expect(cases[0]!.children[0]!.attributes.message).toBe('not simulated: lint ran with --no-simulate');
    expect(counts(parseXml(quick.stdout).children[0]!)).toBe('4/1/1/2');
  });

  it('exits 0 on clean files and 1 past --max-warnings, as the other formats do', async () => {
    const clean = scratch({
      'topology.failover': TOPOLOGY.replace('{ capacity 5 }', ''),
      'ok.failover': SCENARIOS.replace(/\nscenario "typo"[^}]*}\n/, '').replace(/\nscenario "fails"[^]*$/, ''),
    });
    const ok = runCli(['lint', '--format', 'junit', '.'], clean);
    expect(ok.code).toBe(0);
    expect(await schemaErrors(ok.stdout)).toEqual([]);
    expect(parseXml(ok.stdout).children.map((s) => s.children.map(outcome))).toEqual([['holds [ok.failover]: passed']]);
    const warned = scratch({
      'topology.failover': TOPOLOGY,
      'w.failover': SCENARIOS.replace(/\nscenario "typo"[^}]*}\n/, '').replace(/\nscenario "fails"[^]*$/, ''),
    });
    expect(runCli(['lint', '--format', 'junit', '.'], warned).code).toBe(0);
    expect(runCli(['lint', '--format', 'junit', '--max-warnings', '0', '.'], warned).code).toBe(1);
  });

  it('stays a valid (empty) report when the only input cannot be read; the reason is on stderr, exit 2', async () => {
    const missing = runCli(['lint', '--format', 'junit', 'gone.failover'], root);
    expect(missing).toMatchObject({ code: 2, stderr: 'failover: cannot read gone.failover: file not found\n' });
    expect(await schemaErrors(missing.stdout)).toEqual([]);
    expect(counts(parseXml(missing.stdout))).toBe('0/0/0/');
  });
});

describe('escaping in the JUnit report', () => {
  const diagnostic = (message: string): LocatedDiagnostic => ({
    line: 3,
    column: 1,
    endLine: 3,
    endColumn: 2,
    severity: 'error',
    code: 'expectation-failed',
    message,
    related: [],
  });
  // Every character XML gives a meaning to, white space an attribute would flatten, and characters
  // XML 1.0 cannot hold at all: C0 controls, a lone surrogate, U+FFFE. And `]]>`, which may not stand in text.
  const NASTY = `a<b>&c"d'e\tf\ng\rh\u0000i\u0001j\u001fk\ud800l\ufffem]]>n 🙂`;
  /** Code points XML 1.0 cannot hold (C0 controls but tab, LF and CR; surrogates; U+FFFE, U+FFFF): tested one by one, as the report must. */
  const notXml = (c: number) => (c < 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd) || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff;
  const SAFE = [...NASTY].map((ch) => (notXml(ch.codePointAt(0)!) ? '\ufffd' : ch)).join('');
  const report: LintReport = {
    files: [
      {
        file: `dir/${NASTY}.failover`,
        diagnostics: [diagnostic(NASTY)],
        scenarios: [
          { title: NASTY, diagnostics: [] },
          { title: 'stopped', diagnostics: [], notSimulated: { kind: 'stopped', file: 'x.failover', error: diagnostic(NASTY) } },
        ],
      },
    ],
  };
  const xml = formatJunit(report);

  it('yields a well-formed, valid report whatever the titles, paths and messages hold', async () => {
    expect(await schemaErrors(xml)).toEqual([]);
    expect([...xml].filter((ch) => notXml(ch.codePointAt(0)!))).toEqual([]);
    expect(SAFE).toBe(`a<b>&c"d'e\tf\ng\rh\ufffdi\ufffdj\ufffdk\ufffdl\ufffdm]]>n 🙂`);
    expect(xml).not.toMatch(/]]>/);
  });

  it('keeps every other character as it was, in attributes and in text', () => {
    const suite = parseXml(xml).children[0]!;
    expect(suite.attributes.name).toBe(`dir/${SAFE}.failover`);
    const [named, stopped, staticChecks] = suite.children;
    expect(named!.attributes.name).toBe(SAFE);
    expect(named!.attributes.classname).toBe(`dir/${SAFE}.failover`);
    expect(stopped!.children[0]!.attributes.message).toBe(`not simulated: ${SAFE}`);
    expect(stopped!.children[0]!.text).toBe(`x.failover:3:1: ${SAFE} (expectation-failed)`);
    expect(staticChecks!.children[0]!.text).toBe(`dir/${SAFE}.failover:3:1: ${SAFE} (expectation-failed)`);
  });
});

describe('the JUnit schema of these tests', () => {
  it('rejects what CI servers would: a suite without its counts, an unknown element, outcomes out of order', async () => {
    const wrap = (suite: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="1" failures="0" errors="0">${suite}</testsuites>`;
    expect(await schemaErrors(wrap('<testsuite name="a" tests="1" failures="0" errors="0"><testcase name="t"/></testsuite>'))).toEqual([]);
    expect(await schemaErrors(wrap('<testsuite name="a"><testcase name="t"/></testsuite>'))).not.toEqual([]);
    expect(await schemaErrors(wrap('<testsuite name="a" tests="1" failures="0" errors="0"><case name="t"/></testsuite>'))).not.toEqual([]);
    expect(
      await schemaErrors(wrap('<testsuite name="a" tests="1" failures="1" errors="0"><testcase name="t"><failure/><skipped/></testcase></testsuite>')),
    ).not.toEqual([]);
    expect(await schemaErrors(wrap('<testsuite name="a" tests="1" failures="0" errors="0"><testcase/></testsuite>'))).not.toEqual([]);
  });
});
