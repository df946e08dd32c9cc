// `failover/importCucm`, behind the editor's Import from CUCM: the client reads the export files the
// user picked and sends their texts; the core's import (the same as `failover import`) turns them
// into a topology, sent back as text for an untitled editor. Nothing is written here: saving it is
// the user's choice, in the editor.
import * as lsp from 'vscode-languageserver';
import { createCucmImport, formatImportProblem } from '../../core/import';
import { parse } from '../../core/syntax/parser';
import type { ServerContext } from '../context';
import { Requests, type ImportCucmParams, type ImportCucmResult } from '../protocol';

/** `failover import`'s words for a file that is not UTF-8 (test/lsp/importCucm.test.ts holds the two to the same line). */
const NOT_UTF8 = 'not a CUCM export: binary data (not UTF-8 text)';

/** The import of the files as given, or a refusal when the params are not files with names and texts. */
export function importedTopology(params: ImportCucmParams): ImportCucmResult | lsp.ResponseError<void> {
  const files: unknown = (params as { files?: unknown } | null)?.files;
  if (!Array.isArray(files) || files.length === 0 || !files.every(isSource)) {
    return new lsp.ResponseError(lsp.ErrorCodes.InvalidParams, 'failover/importCucm takes { files: [{ name, text }, …] } with at least one file.');
  }
  const run = createCucmImport();
  for (const file of files) {
    const sink = run.source(file.name);
    if (file.notUtf8 === true) sink.fail(NOT_UTF8);
    else {
      sink.write(file.text);
      sink.end();
    }
  }
  const result = run.finish();
  const problems = result.problems.map((p) => ({ file: p.file, line: p.line, severity: p.severity, message: p.message, display: formatImportProblem(p) }));
  if (result.text === undefined) return { problems };
  const pools = parse(result.text).file.items.filter((item) => item.kind === 'pool').length;
  return { text: result.text, pools, problems };
}

function isSource(file: unknown): file is ImportCucmParams['files'][number] {
  if (typeof file !== 'object' || file === null) return false;
  const { name, text, notUtf8 } = file as { name?: unknown; text?: unknown; notUtf8?: unknown };
  return typeof name === 'string' && typeof text === 'string' && (notUtf8 === undefined || typeof notUtf8 === 'boolean');
}

export function registerImportCucm(context: ServerContext): void {
  context.connection.onRequest(
    Requests.importCucm,
    context.guard(Requests.importCucm, (params: ImportCucmParams) => importedTopology(params)),
  );
}
