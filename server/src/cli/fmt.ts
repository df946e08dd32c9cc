// `failover fmt`: rewrites files in the canonical layout, or with --check only lists the ones that differ.
import { writeFileSync } from 'node:fs';
import { formatText } from '../core/syntax/format';
import { describeFsError, fromKey, readSource } from '../node/fileHost';
import { reportProblems, type Output, type Verdict } from './command';
import { collectInputs, displayPath } from './inputs';

/** `failover fmt [paths...] [--check]`: one line per file formatted (or, with --check, not formatted). */
export function fmtCommand(paths: readonly string[], options: { readonly check: boolean }, out: Output): Verdict {
  const inputs = collectInputs(paths);
  reportProblems(out, inputs.problems);
  const result = formatFiles(inputs.files, options.check, out);
  if (inputs.problems.length > 0 || result.unreadable) return 'usage';
  return result.failed ? 'problems' : 'clean';
}

function formatFiles(files: readonly string[], check: boolean, { write, writeError }: Output): { failed: boolean; unreadable: boolean } {
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
    if (check) {
      write(`${shown}\n`);
      failed = true;
      continue;
    }
    try {
      writeFileSync(fromKey(file), output, 'utf8');
      write(`formatted ${shown}\n`);
    } catch (error) {
      writeError(`failover: cannot write ${shown}: ${describeFsError(error)}\n`);
      unreadable = true;
    }
  }
  return { failed, unreadable };
}
