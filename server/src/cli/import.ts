// `failover import`: CUCM exports → a topology `.failover` file, on standard output or in `-o FILE`.
// Each input is streamed through the core's import (a 100,000-phone BAT export never sits in memory
// whole); the output file is written whole or not at all (a temporary file, then a rename).
import { createReadStream, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { createCucmImport, formatImportProblem, type ImportSink } from '../core/import';
import { describeFsError } from '../node/fileHost';
import { UsageError, type Output, type Verdict } from './command';

/** What `failover import --help` adds: the formats, one line each, and where to read more. */
export const IMPORT_HELP = `
Inputs (recognised by their content, any number, in any order):
  BAT CSV     Bulk Administration > Export Phones > All Details (Device Name, Device Pool columns)
  run sql     the text the CUCM command line prints for the import's queries, saved from SSH
  AXL         saved executeSQLQuery responses (SOAP XML) for the same queries

The queries to run, and how to save their output: docs/import.md`;

interface ImportOptions {
  readonly output?: string;
  readonly force: boolean;
}

/** Streams one file into its sink; the decoder drops a byte-order mark and refuses invalid UTF-8. */
async function streamFile(file: string, sink: ImportSink): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(file)) {
      let text: string;
      try {
        text = decoder.decode(chunk as Buffer, { stream: true });
      } catch {
        sink.fail('not a CUCM export: binary data (not UTF-8 text)');
        return;
      }
      sink.write(text);
    }
    sink.write(decoder.decode());
  } catch (error) {
    if (error instanceof TypeError) sink.fail('not a CUCM export: binary data (not UTF-8 text)');
    else sink.fail(`cannot read the file: ${describeFsError(error)}`);
    return;
  }
  sink.end();
}

/** Writes `text` to `file` through a temporary file in the same folder, so a reader never sees half of it. */
function writeAtomically(file: string, text: string): void {
  const temporary = nodePath.join(nodePath.dirname(file), `.${nodePath.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`cannot write ${file}: ${describeFsError(error)}`);
  }
}

export async function importCommand(inputs: readonly string[], options: ImportOptions, { write, writeError }: Output): Promise<Verdict> {
  const refuse = () => new UsageError(`${options.output} already exists: add --force to overwrite it`);
  if (options.output !== undefined && !options.force && existsSync(options.output)) throw refuse();
  const run = createCucmImport();
  for (const input of inputs) await streamFile(input, run.source(input));
  const result = run.finish();
  for (const problem of result.problems) writeError(`${formatImportProblem(problem)}\n`);
  if (result.text === undefined) return 'usage';
  if (options.output === undefined) write(result.text);
  else {
    // Checked again: the file may have appeared while the inputs were read.
    if (!options.force && existsSync(options.output)) throw refuse();
    writeAtomically(options.output, result.text);
  }
  return 'clean';
}
