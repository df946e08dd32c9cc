// The CLI under abuse (the built dist/cli.js in scratch folders): missing paths, symlink loops,
// unreadable inputs, a folder named like a file, FIFOs and devices, empty files and thousands of
// files. Exit codes are exactly README's (0 clean, 1 problems, 2 bad usage or unreadable input),
// each problem is one line on stderr, no stack trace ever shows, and the output order is stable.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch, type CliResult } from '../support/cli';

const CLEAN = 'callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones 100 }\n';
const BROKEN = 'callmanager X\ngroup { X }\n';
const STACK_TRACE = /\bat .*\.js:\d+|^\s+at /m;

/** Runs the CLI and checks what every run must satisfy: a known exit code, one line per problem, no stack trace. */
function failover(args: string[], cwd: string): CliResult {
  const result = runCli(args, cwd);
  expect(result.code, `failover ${args.join(' ')} did not finish: ${result.stderr}`).not.toBeNull();
  expect([0, 1, 2]).toContain(result.code);
  expect(result.stderr).not.toMatch(STACK_TRACE);
  for (const line of result.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^failover: |^error: |^\(Did you mean/);
  return result;
}

describe('failover CLI under abuse', () => {
  it('exits 2 with one line per missing path, and still reports the paths that exist', () => {
    const root = scratch({ 'ok.failover': CLEAN });
    expect(failover(['lint', 'nope.failover', 'no/such/folder', 'ok.failover'], root)).toMatchObject({
      code: 2,
      stderr: 'failover: cannot read nope.failover: file not found\nfailover: cannot read no/such/folder: file not found\n',
    });
    expect(failover(['simulate', 'nope.failover'], root)).toMatchObject({ code: 2, stderr: 'failover: cannot read nope.failover: file not found\n' });
    expect(failover(['fmt', '--check', 'nope.failover'], root)).toMatchObject({ code: 2, stderr: 'failover: cannot read nope.failover: file not found\n' });
  });

  it('survives directory symlink loops, listing each file once', () => {
    const root = scratch({ 'loop/a.failover': CLEAN, 'loop/sub/b.failover': BROKEN });
    symlinkSync('..', path.join(root, 'loop/sub/up'));
    symlinkSync(path.join(root, 'loop'), path.join(root, 'loop/sub/again'));
    symlinkSync(path.join(root, 'self'), path.join(root, 'self')); // a symlink to itself
    const result = failover(['lint', '--no-simulate', '--format', 'json', '.'], root);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { file: string }[]).map((f) => f.file)).toEqual(['loop/a.failover', 'loop/sub/b.failover']);
    expect(failover(['lint', '--no-simulate', 'loop/sub/up/sub/up/sub/up'], root).code).toBe(1);
  });

  it.skipIf(process.platform === 'win32')('exits 2 for a FIFO or a device named .failover instead of hanging or reading for ever', () => {
    // Reading a FIFO blocked `failover lint .` for ever; /dev/zero would have been read until memory ran out.
    const root = scratch({ 'ok.failover': CLEAN });
    execFileSync('mkfifo', [path.join(root, 'pipe.failover')]);
    symlinkSync('/dev/zero', path.join(root, 'zero.failover'));
    const lint = failover(['lint', '--no-simulate', '.'], root);
    expect(lint.code).toBe(2);
    expect(lint.stderr).toBe('failover: cannot read pipe.failover: it is not a regular file\nfailover: cannot read zero.failover: it is not a regular file\n');
    expect(lint.stdout).toBe(''); // ok.failover is clean
    expect(failover(['simulate', 'pipe.failover'], root)).toMatchObject({ code: 2, stderr: 'failover: cannot read pipe.failover: it is not a regular file\n' });
    expect(failover(['fmt', '--check', 'zero.failover'], root)).toMatchObject({
      code: 2,
      stderr: 'failover: cannot read zero.failover: it is not a regular file\n',
    });
    const imported = scratch({ 'main.failover': 'import "zero.failover"\ncallmanager CM1\n' });
    symlinkSync('/dev/zero', path.join(imported, 'zero.failover'));
    const json = JSON.parse(failover(['lint', '--no-simulate', '--format', 'json', 'main.failover'], imported).stdout) as {
      diagnostics: { code: string; message: string }[];
    }[];
    expect(json[0]!.diagnostics[0]).toMatchObject({ code: 'import-not-found', message: 'Cannot import `zero.failover`: it is not a regular file.' });
  });

  it('treats a folder named x.failover as a folder, and an import of it as import-not-found', () => {
    const root = scratch({ 'x.failover/inner.failover': BROKEN, 'main.failover': 'import "x.failover"\ncallmanager CM1\n' });
    mkdirSync(path.join(root, 'empty.failover'));
    const inner = failover(['lint', '--no-simulate', '--format', 'json', 'x.failover'], root);
    expect(inner.code).toBe(1);
    expect((JSON.parse(inner.stdout) as { file: string }[]).map((f) => f.file)).toEqual(['x.failover/inner.failover']);
    const main = JSON.parse(failover(['lint', '--no-simulate', '--format', 'json', 'main.failover'], root).stdout) as {
      diagnostics: { code: string; message: string }[];
    }[];
    expect(main[0]!.diagnostics[0]).toMatchObject({ code: 'import-not-found', message: 'Cannot import `x.failover`: it is a folder, not a file.' });
    // An empty folder is bad usage for every command: a mistyped path must not pass CI green.
    expect(failover(['lint', 'empty.failover'], root)).toMatchObject({ code: 2, stderr: 'failover: no .failover files found in empty.failover\n' });
    expect(failover(['simulate', 'empty.failover'], root)).toMatchObject({ code: 2, stderr: 'failover: no .failover files found in empty.failover\n' });
  });

  it('accepts empty and blank files', () => {
    const root = scratch({ 'empty.failover': '', 'blank.failover': '\n\r\n  \t\n', 'bom.failover': '\uFEFF' });
    expect(failover(['lint', '.'], root)).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(failover(['simulate', 'empty.failover'], root)).toMatchObject({ code: 0, stderr: '' });
    expect(failover(['fmt', '--check', 'empty.failover'], root)).toMatchObject({ code: 0, stdout: '', stderr: '' });
    // A lone byte-order mark is kept (fmt keeps a file's BOM); blank lines are not canonical.
    expect(failover(['fmt', '--check', '.'], root)).toMatchObject({ code: 1, stdout: 'blank.failover\n' });
  });

  it('lints 3,000 files in a tree, in a stable, sorted order', () => {
    const root = scratch({});
    const expected: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      const file = `d${i % 30}/e${i % 7}/f${i}.failover`;
      mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
      writeFileSync(
        path.join(root, file),
        i % 7 === 3
          ? BROKEN
          : `callmanager CM${i}\ncallmanager CN${i}\ngroup G${i} { CM${i}, CN${i} }\npool P${i} { group G${i} phones 10 }\nscenario "s${i}" {\n  at 1m crash CM${i}\n}\n`,
      );
      if (i % 7 === 3) expected.push(file);
    }
    mkdirSync(path.join(root, 'node_modules/x'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules/x/skipped.failover'), BROKEN);
    mkdirSync(path.join(root, '.hidden'));
    writeFileSync(path.join(root, '.hidden/skipped.failover'), BROKEN);

    const first = failover(['lint', '--no-simulate', '--format', 'json', '.'], root);
    const second = failover(['lint', '--no-simulate', '--format', 'json', '.'], root);
    expect(first.code).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    const reports = JSON.parse(first.stdout) as { file: string; diagnostics: unknown[] }[];
    expect(reports).toHaveLength(3_000);
    expect(reports.map((f) => f.file)).toEqual(reports.map((f) => f.file).sort());
    expect(reports.filter((f) => f.diagnostics.length > 0).map((f) => f.file)).toEqual([...expected].sort());

    // With the simulations (one folder of 100 files, to stay quick): the same problems, in the same order.
    const simulated = failover(['lint', 'd0'], root);
    expect(simulated.code).toBe(1);
    const inD0 = expected.filter((file) => file.startsWith('d0/')).sort();
    expect(inD0.length).toBeGreaterThan(10);
    expect(simulated.stdout).toMatch(new RegExp(`✖ ${inD0.length} problems \\(${inD0.length} errors, 0 warnings\\)\\n$`));
    const headers = simulated.stdout.split('\n').filter((line) => line.endsWith('.failover'));
    expect(headers).toEqual(inD0);
    rmSync(root, { recursive: true, force: true });
  }, 60_000);
});
