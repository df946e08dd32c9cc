// `failover fmt`: rewrites files in the canonical layout, or with --check only lists the ones that
// differ; with --diff it shows each change as a unified diff instead of naming the file.
import { writeFileSync } from 'node:fs';
import { formatText } from '../core/syntax/format';
import { describeFsError, fromKey, readSource } from '../node/fileHost';
import { reportProblems, type Output, type Verdict } from './command';
import { collectInputs, displayPath } from './inputs';
import { unifiedDiff } from './unifiedDiff';

interface FmtOptions {
  /** Write nothing; fail when a file is not formatted. */
  readonly check: boolean;
  /** Print each change as a unified diff (`--- file` / `+++ file`, for `patch -p0`) instead of the file's name. */
  readonly diff: boolean;
}

/**
 * `failover fmt [paths...] [--check] [--diff]`: one line per file formatted (with --check, not
 * formatted), or with --diff the change to each such file.
 */
export function fmtCommand(paths: readonly string[], options: FmtOptions, out: Output): Verdict {
  const inputs = collectInputs(paths);
  reportProblems(out, inputs.problems);
  const result = formatFiles(inputs.files, options, out);
  if (inputs.problems.length > 0 || result.unreadable) return 'usage';
  return result.failed ? 'problems' : 'clean';
}

function formatFiles(files: readonly string[], { check, diff }: FmtOptions, { write, writeError, colors }: Output): { failed: boolean; unreadable: boolean } {
  let failed = false;
  let unreadable = false;
  for (const file of files) {
    const shown = displayPath(file);
    const read = readSource(file);
    if ('error' in read) {
      writeError(`failover: cannot read ${shown}: ${read.error}\n`);
      unreadable = true;
      continue;
    }
    const formatted = formatText(read.text);
    if ('error' in formatted) {
      writeError(`failover: cannot format ${shown}: ${formatted.error}\n`);
      failed = true;
      continue;
    }
    // The layout is canonical; the file keeps its line endings (those of its first line break) and
    // its byte-order mark.
    const crlf = /^[^\n]*\r\n/.test(read.text);
    const output = (read.bom ? '\uFEFF' : '') + (crlf ? formatted.text.replace(/\n/g, '\r\n') : formatted.text);
    const current = (read.bom ? '\uFEFF' : '') + read.text;
    if (output === current) continue;
    // The diff is of the whole file as stored, byte-order mark and line endings included, so that
    // it applies to it.
    const change = diff ? unifiedDiff(shown, shown, current, output, colors) : '';
    if (check) {
      write(diff ? change : `${shown}\n`);
      failed = true;
      continue;
    }
    try {
      writeFileSync(fromKey(file), output, 'utf8');
      write(diff ? change : `formatted ${shown}\n`);
    } catch (error) {
      writeError(`failover: cannot write ${shown}: ${describeFsError(error)}\n`);
      unreadable = true;
    }
  }
  return { failed, unreadable };
}
