import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch } from '../support/cli';

const MESSY = 'callmanager   CM1{capacity 10}\ncallmanager CM2\n\n\n\ngroup G {CM1,CM2,}\n';
const TIDY = 'callmanager CM1 { capacity 10 }\ncallmanager CM2\n\ngroup G { CM1, CM2 }\n';

describe('failover fmt', () => {
  it('--check lists the files that are not formatted and exits 1, without writing', () => {
    const root = scratch({ 'a.failover': MESSY, 'b/ok.failover': TIDY });
    const result = runCli(['fmt', '--check', '.'], root);
    expect(result).toMatchObject({ code: 1, stdout: 'a.failover\n', stderr: '' });
    expect(readFileSync(path.join(root, 'a.failover'), 'utf8')).toBe(MESSY);
  });

  it('--check exits 0 when everything is formatted', () => {
    const root = scratch({ 'ok.failover': TIDY });
    expect(runCli(['fmt', '--check'], root)).toMatchObject({ code: 0, stdout: '' });
  });

  it('rewrites files in place, and a second run changes nothing', () => {
    const root = scratch({ 'a.failover': MESSY });
    expect(runCli(['fmt', 'a.failover'], root)).toMatchObject({ code: 0, stdout: 'formatted a.failover\n' });
    expect(readFileSync(path.join(root, 'a.failover'), 'utf8')).toBe(TIDY);
    expect(runCli(['fmt', 'a.failover'], root)).toMatchObject({ code: 0, stdout: '' });
  });

  it("keeps a file's CRLF line endings and its byte-order mark", () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const root = scratch({ 'win.failover': `\uFEFF${crlf(MESSY)}`, 'tidy.failover': `\uFEFF${crlf(TIDY)}` });
    expect(runCli(['fmt', '--check', '.'], root)).toMatchObject({ code: 1, stdout: 'win.failover\n' });
    expect(runCli(['fmt', 'win.failover'], root)).toMatchObject({ code: 0 });
    expect(readFileSync(path.join(root, 'win.failover'), 'utf8')).toBe(`\uFEFF${crlf(TIDY)}`);
  });

  it('counts columns after a byte-order mark, as editors do', () => {
    const root = scratch({ 'bom.failover': '\uFEFFpool P { group X phones 1 }\n' });
    const [file] = JSON.parse(runCli(['lint', '--no-simulate', '--format', 'json', 'bom.failover'], root).stdout);
    expect(file.diagnostics.map((d: { line: number; column: number; code: string }) => `${d.line}:${d.column} ${d.code}`)).toEqual(['1:16 unknown-reference']);
  });

  it('refuses a file with syntax errors, with one line, and leaves it alone', () => {
    const root = scratch({ 'bad.failover': 'callmanager CM1 {\n' });
    const result = runCli(['fmt', 'bad.failover'], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('failover: cannot format bad.failover: the file has syntax errors (the first on line 1); fix them before formatting\n');
    expect(readFileSync(path.join(root, 'bad.failover'), 'utf8')).toBe('callmanager CM1 {\n');
  });

  it('exits 2 for a path that does not exist', () => {
    const root = scratch({});
    expect(runCli(['fmt', 'nope.failover'], root)).toMatchObject({ code: 2, stderr: 'failover: cannot read nope.failover: file not found\n' });
  });
});
