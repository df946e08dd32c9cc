import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch } from '../support/cli';

/** The parts of a SARIF result these tests read. */
interface SarifResult {
  ruleId: string;
  level: string;
  locations: [{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }];
}

// The acceptance case: an unknown group, a group of four CallManagers and a pool without phones.
const THREE_ERRORS = `callmanager CM1
callmanager CM2
callmanager CM3
callmanager CM4
group BIG { CM1, CM2, CM3, CM4 }
pool HQ { group BIGG phones 10 }
pool BR { group BIG }
`;
const CLEAN = `callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones 100 }\n`;

describe('failover lint: output formats', () => {
  const root = scratch({ 'bad.failover': THREE_ERRORS });

  it('json: exactly the three errors with codes, lines and columns', () => {
    const result = runCli(['lint', '--no-simulate', '--format', 'json', 'bad.failover'], root);
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout) as {
      file: string;
      diagnostics: { line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }[];
    }[];
    expect(parsed).toHaveLength(1);
    expect(parsed[0]!.file).toBe('bad.failover');
    expect(parsed[0]!.diagnostics.map((d) => [d.line, d.column, d.endLine, d.endColumn, d.severity, d.code])).toEqual([
      [5, 28, 5, 31, 'error', 'group-too-large'],
      [6, 17, 6, 21, 'error', 'unknown-reference'],
      [7, 6, 7, 8, 'error', 'missing-property'],
    ]);
    expect(parsed[0]!.diagnostics[1]!.message).toContain('Did you mean `BIG`?');
  });

  it('stylish: one line per problem and a summary', () => {
    const result = runCli(['lint', '--no-simulate', 'bad.failover'], root);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('bad.failover');
    expect(lines.filter((l) => /^\s+\d+:\d+\s+error\s/.test(l)).map((l) => l.trim().split(/\s+/)[0] + ' ' + l.trim().split(/\s+/).pop())).toEqual([
      '5:28 group-too-large',
      '6:17 unknown-reference',
      '7:6 missing-property',
    ]);
    expect(result.stdout).toContain('✖ 3 problems (3 errors, 0 warnings)');
  });

  it('sarif: a SARIF 2.1.0 log with rule metadata and the three results', () => {
    const result = runCli(['lint', '--no-simulate', '--format', 'sarif', 'bad.failover'], root);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('failover');
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ruleIds).toContain('unknown-reference');
    expect(
      run.results.map((r: SarifResult) => [
        r.ruleId,
        r.level,
        r.locations[0].physicalLocation.artifactLocation.uri,
        r.locations[0].physicalLocation.region.startLine,
      ]),
    ).toEqual([
      ['group-too-large', 'error', 'bad.failover', 5],
      ['unknown-reference', 'error', 'bad.failover', 6],
      ['missing-property', 'error', 'bad.failover', 7],
    ]);
    for (const r of run.results) expect(ruleIds[r.ruleIndex]).toBe(r.ruleId);
  });

  it('sarif: file names percent-encoded segment by segment, absolute paths as file: URIs', () => {
    const odd = scratch({ 'sub dir/h#1 ?.failover': THREE_ERRORS });
    const uris = (args: string[]) => {
      const log = JSON.parse(runCli(['lint', '--no-simulate', '--format', 'sarif', ...args], odd).stdout);
      return [...new Set(log.runs[0].results.map((r: SarifResult) => JSON.stringify(r.locations[0].physicalLocation.artifactLocation)))];
    };
    // `#` and `?` would otherwise start a fragment and a query: the file would be `sub dir/h`.
    expect(uris(['sub dir/h#1 ?.failover'])).toEqual([JSON.stringify({ uri: 'sub%20dir/h%231%20%3F.failover', uriBaseId: '%SRCROOT%' })]);
    const absolute = path.join(odd, 'sub dir', 'h#1 ?.failover');
    expect(uris([absolute])).toEqual([
      JSON.stringify({ uri: `file://${odd.split(path.sep).map(encodeURIComponent).join('/')}/sub%20dir/h%231%20%3F.failover` }),
    ]);
  });

  it('github: one workflow annotation per problem', () => {
    const result = runCli(['lint', '--no-simulate', '--format', 'github', 'bad.failover'], root);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((l) => l.replace(/::[^:]*$/, '').replace(/,title=.*/, ''))).toEqual([
      '::error file=bad.failover,line=5,col=28,endLine=5,endColumn=31',
      '::error file=bad.failover,line=6,col=17,endLine=6,endColumn=21',
      '::error file=bad.failover,line=7,col=6,endLine=7,endColumn=8',
    ]);
    expect(lines[1]).toMatch(/title=failover unknown-reference::Unknown group `BIGG`/);
  });
});

describe('failover lint: exit codes and inputs', () => {
  it('exits 0 on clean files, searching folders recursively and defaulting to .', () => {
    const root = scratch({ 'a/b/clean.failover': CLEAN, 'notes.txt': 'not linted' });
    expect(runCli(['lint', '--no-simulate'], root)).toMatchObject({ code: 0, stdout: '' });
    const json = JSON.parse(runCli(['lint', '--no-simulate', '--format', 'json'], root).stdout);
    expect(json).toEqual([{ file: 'a/b/clean.failover', diagnostics: [] }]);
  });

  it('names the file a mistyped import meant, and the file given that defines an unknown name', () => {
    const root = scratch({
      'shared/topology.failover': CLEAN,
      'sites/outages.failover': 'import "../shared/toplogy.failover"\n',
      'sites/crash.failover': 'scenario "s" {\n  at 1m crash CM1\n}\n',
    });
    const messages = (args: string[]) =>
      (
        JSON.parse(runCli(['lint', '--no-simulate', '--format', 'json', ...args], root).stdout) as { file: string; diagnostics: { message: string }[] }[]
      ).flatMap((f) => f.diagnostics.map((d) => `${f.file}: ${d.message}`));
    expect(messages(['sites/outages.failover'])).toEqual([
      'sites/outages.failover: Cannot import `../shared/toplogy.failover`: file not found. Did you mean `../shared/topology.failover`?',
    ]);
    // The CLI sees the files it is given (and what they import): the topology only when it is given.
    expect(messages(['sites/crash.failover'])).toEqual([
      'sites/crash.failover: Unknown callmanager or srst router `CM1`: it is defined nowhere visible from this file. Define it, or import the file that does.',
    ]);
    expect(messages(['sites/crash.failover', 'shared'])).toContain(
      'sites/crash.failover: Unknown callmanager or srst router `CM1`: it is defined in `../shared/topology.failover`, which this file does not import. Add `import "../shared/topology.failover"`.',
    );
  });

  it('exits 1 on too many warnings, 0 within --max-warnings', () => {
    const root = scratch({ 'w.failover': `${CLEAN}scenario "nothing" {\n  expect settled by 1m\n}\n` });
    expect(runCli(['lint', '--no-simulate', '--max-warnings', '1', 'w.failover'], root).code).toBe(0);
    const over = runCli(['lint', '--no-simulate', '--max-warnings', '0', 'w.failover'], root);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('failover: 1 warnings, more than --max-warnings 0\n');
  });

  it('exits 2 with one line for a missing path, a non-.failover file and a bad flag', () => {
    const root = scratch({ 'x.txt': '' });
    expect(runCli(['lint', 'missing.failover'], root)).toMatchObject({ code: 2, stderr: 'failover: cannot read missing.failover: file not found\n' });
    expect(runCli(['lint', 'x.txt'], root)).toMatchObject({ code: 2, stderr: 'failover: x.txt is not a .failover file\n' });
    const badFlag = runCli(['lint', '--bogus'], root);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toBe("failover: unknown option '--bogus'\n");
    expect(runCli(['lint', '--format', 'xml'], root).code).toBe(2);
    expect(runCli(['lint', '--max-warnings', 'lots'], root).code).toBe(2);
    expect(runCli(['frobnicate'], root).code).toBe(2);
    expect(runCli(['lint', '--bogus'], root).stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('exits 2 for a path that holds no .failover file, with one line naming it, for every command', () => {
    // A mistyped folder in a pipeline must never pass green (PRODUCT.md, "The CLI installs where CI runs").
    const root = scratch({ 'sites/hq.failover': CLEAN, 'docs/notes.md': '', '.hidden/x.failover': CLEAN, 'node_modules/y.failover': CLEAN });
    for (const command of [['lint'], ['lint', '--format', 'junit'], ['simulate'], ['fmt', '--check']]) {
      expect(runCli([...command, 'docs'], root), command.join(' ')).toMatchObject({ code: 2, stderr: 'failover: no .failover files found in docs\n' });
    }
    // Files only in hidden folders and node_modules are not looked at, so `.` holds none here.
    const onlySkipped = scratch({ '.hidden/x.failover': CLEAN, 'node_modules/y.failover': CLEAN });
    expect(runCli(['lint'], onlySkipped)).toMatchObject({ code: 2, stderr: 'failover: no .failover files found in .\n' });
    // The other paths are still checked and reported.
    const both = runCli(['lint', '--format', 'json', 'sites', 'docs'], root);
    expect(both).toMatchObject({ code: 2, stderr: 'failover: no .failover files found in docs\n' });
    expect(JSON.parse(both.stdout)).toEqual([{ file: 'sites/hq.failover', diagnostics: [] }]);
    // A folder given twice, or inside another one given, is not "empty" the second time.
    expect(runCli(['lint', 'sites', 'sites', '.'], root)).toMatchObject({ code: 0, stderr: '' });
  });

  it('survives a directory symlink loop and reports files it cannot read', () => {
    const root = scratch({ 'd/ok.failover': CLEAN });
    symlinkSync(path.join(root, 'd'), path.join(root, 'd', 'loop'));
    expect(runCli(['lint', '--no-simulate', '.'], root).code).toBe(0);
    if (process.getuid?.() !== 0) {
      // Permissions do not bind root, so this part only runs for ordinary users.
      mkdirSync(path.join(root, 'locked'));
      chmodSync(path.join(root, 'locked'), 0);
      expect(runCli(['lint', '--no-simulate', '.'], root).code).toBe(2);
    }
  });

  it('checks imported files across folders exactly as the editor does', () => {
    const root = scratch({
      'shared/topology.failover': 'callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\n',
      'scenarios/s.failover': 'import "../shared/topology.failover"\npool HQ { group GG phones 10 }\n',
    });
    const result = runCli(['lint', '--no-simulate', '--format', 'json', 'scenarios'], root);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    // The imported file is reported too when it has something to say: G is unused because of the typo.
    expect(json.map((f: { file: string }) => f.file)).toEqual(['scenarios/s.failover', 'shared/topology.failover']);
    expect(json[0].diagnostics[0]).toMatchObject({ code: 'unknown-reference', line: 2, column: 17 });
    expect(json[1].diagnostics.map((d: { code: string }) => d.code)).toEqual(['unused-definition']);
  });

  it('applies failover.config.json and reports its mistakes', () => {
    const root = scratch({
      'p/solo.failover': 'callmanager CM1\ngroup SOLO { CM1 }\npool P { group SOLO phones 10 }\n',
      'failover.config.json': '{ "rules": { "no-redundancy": "error" } }',
    });
    const strict = runCli(['lint', '--no-simulate', '--format', 'json', '.'], root);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout)[0].diagnostics[0]).toMatchObject({ code: 'no-redundancy', severity: 'error' });

    const broken = scratch({
      'p/solo.failover': 'callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool P { group G phones 10 }\n',
      'failover.config.json': '{ "rules": { "no-such-rule": "off" } }',
    });
    const result = runCli(['lint', '--no-simulate', '--format', 'json', '.'], broken);
    expect(result.code).toBe(1);
    const files = JSON.parse(result.stdout);
    expect(files.map((f: { file: string }) => f.file)).toEqual(['failover.config.json', 'p/solo.failover']);
    expect(files[0].diagnostics[0]).toMatchObject({ code: 'invalid-config', line: 1, column: 14 });
  });
});

describe('failover lint on several cores', () => {
  it('gives exactly the same output with one worker thread and with three', () => {
    const files: Record<string, string> = { 'topology.failover': 'callmanager CM1\ncallmanager CM2 { capacity 30 }\ngroup G { CM1, CM2 }\n' };
    for (let i = 1; i <= 7; i++) {
      // Each site crashes CM1: pools of 20 phones fill CM2 (capacity 30) differently per file.
      files[`site${i}.failover`] =
        `import "topology.failover"\npool P${i} { group G phones ${10 + i * 3} }\nscenario "s${i}" {\n  at 1m crash CM1\n  at 2m expect P${i} on CM2 == all\n}\n`;
    }
    const root = scratch(files);
    const one = runCli(['lint', '--jobs', '1', '--format', 'json', '.'], root);
    const three = runCli(['lint', '--jobs', '3', '--format', 'json', '.'], root);
    expect(three.code).toBe(one.code);
    expect(three.stdout).toBe(one.stdout);
    // The simulation really ran: some sites overflow CM2 and fail their expectation.
    expect(JSON.parse(one.stdout).flatMap((f: { diagnostics: { code: string }[] }) => f.diagnostics.map((d) => d.code))).toContain('expectation-failed');
  });

  it('gives the same output when a lone big file runs its scenarios on a worker beside the resilience check', () => {
    // 100,000 phones: from there a lone file's scenarios go to a worker. CM2 takes 60,000 of them,
    // so the scenario's expectation fails and the N−1 check flags CM1.
    const root = scratch({
      'big.failover':
        'callmanager CM1\ncallmanager CM2 { capacity 60000 }\ngroup G { CM1, CM2 }\npool P { group G phones 100000 }\nscenario "s" {\n  at 1m stop CM1\n  at 30m expect P on CM2 == all\n}\n',
    });
    const one = runCli(['lint', '--jobs', '1', '--format', 'json', '.'], root);
    const two = runCli(['lint', '--jobs', '2', '--format', 'json', '.'], root);
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    const codes = JSON.parse(one.stdout).flatMap((f: { diagnostics: { code: string }[] }) => f.diagnostics.map((d) => d.code));
    expect(codes).toContain('expectation-failed');
    expect(codes).toContain('single-failure-risk');
  });
});
