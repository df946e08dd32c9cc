// `failover fmt --diff`: what the formatter changes, as a unified diff that applies to the file,
// with --check (nothing written, exit 1) or without (the files rewritten, exit 0).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch } from '../support/cli';

const MESSY = 'callmanager   CM1{capacity 10}\ncallmanager CM2\n\n\n\ngroup G {CM1,CM2,}\n';
const TIDY = 'callmanager CM1 { capacity 10 }\ncallmanager CM2\n\ngroup G { CM1, CM2 }\n';

// MESSY → TIDY: the first and last lines rewritten, two of the three blank lines dropped.
const MESSY_DIFF = [
  '--- a.failover',
  '+++ a.failover',
  '@@ -1,6 +1,4 @@',
  '-callmanager   CM1{capacity 10}',
  '+callmanager CM1 { capacity 10 }',
  ' callmanager CM2',
  ' ',
  '-',
  '-',
  '-group G {CM1,CM2,}',
  '+group G { CM1, CM2 }',
  '',
].join('\n');

describe('failover fmt --diff', () => {
  it('with --check: prints the diff of each file that is not formatted, writes nothing and exits 1', () => {
    const root = scratch({ 'a.failover': MESSY, 'ok.failover': TIDY });
    expect(runCli(['fmt', '--check', '--diff', '.'], root)).toMatchObject({ code: 1, stdout: MESSY_DIFF, stderr: '' });
    expect(readFileSync(path.join(root, 'a.failover'), 'utf8')).toBe(MESSY);
  });

  it('without --check: rewrites the files, prints what changed, and exits 0', () => {
    const root = scratch({ 'a.failover': MESSY });
    expect(runCli(['fmt', '--diff', 'a.failover'], root)).toMatchObject({ code: 0, stdout: MESSY_DIFF, stderr: '' });
    expect(readFileSync(path.join(root, 'a.failover'), 'utf8')).toBe(TIDY);
    expect(runCli(['fmt', '--diff', 'a.failover'], root)).toMatchObject({ code: 0, stdout: '' });
  });

  it('prints nothing and exits 0 when every file is formatted', () => {
    const root = scratch({ 'ok.failover': TIDY });
    expect(runCli(['fmt', '--check', '--diff'], root)).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('gives a patch that `git apply -p0` applies, CRLF line endings and byte-order mark included', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const root = scratch({ 'a.failover': MESSY, 'sub/win.failover': `\uFEFF${crlf(MESSY)}`, 'sub/end.failover': MESSY.trimEnd() });
    const patch = runCli(['fmt', '--check', '--diff', '.'], root).stdout;
    expect(patch.match(/^--- /gm)).toHaveLength(3);
    writeFileSync(path.join(root, 'fmt.patch'), patch);
    execFileSync('git', ['apply', '-p0', 'fmt.patch'], { cwd: root, stdio: 'pipe' });
    expect(readFileSync(path.join(root, 'a.failover'), 'utf8')).toBe(TIDY);
    expect(readFileSync(path.join(root, 'sub/win.failover'), 'utf8')).toBe(`\uFEFF${crlf(TIDY)}`);
    expect(readFileSync(path.join(root, 'sub/end.failover'), 'utf8')).toBe(TIDY);
    expect(runCli(['fmt', '--check', '.'], root)).toMatchObject({ code: 0, stdout: '' });
  });

  it('marks a last line without a line break, as diff does', () => {
    const root = scratch({ 'end.failover': 'callmanager CM1' });
    expect(runCli(['fmt', '--check', '--diff', 'end.failover'], root).stdout).toBe(
      '--- end.failover\n+++ end.failover\n@@ -1 +1 @@\n-callmanager CM1\n\\ No newline at end of file\n+callmanager CM1\n',
    );
  });

  it('is in the help of fmt', () => {
    expect(runCli(['fmt', '--help'], scratch({})).stdout).toMatch(/--diff\s+print each change as a unified diff/);
  });
});
