// Navigation across imported files: go to definition, find references, and rename of a
// callmanager, srst router, group or pool everywhere it is seen, and of a scenario title with the
// sweeps of its file that name it. Rename refuses, with a message the
// editor shows, anything that is not such a name and any new name that is invalid, a keyword or
// already taken in a file that would see both.
import * as lsp from 'vscode-languageserver';
import type { Range, SweepDecl } from '../../core/syntax/ast';
import { stringLiteral } from '../../core/syntax/tokens';
import type { SettingKey } from '../../core/syntax/vocabulary';
import {
  definitionsOf,
  locate,
  nameProblem,
  referencesResolvingTo,
  referencesToAll,
  renameClash,
  renameTarget,
  scenarioTitleSites,
  titleProblem,
  type Located,
} from '../../core/workspace/locate';
import { effectiveSettings } from '../../core/workspace/settings';
import { scenarioTitled, sweepScenarioLine } from '../../core/workspace/sweeps';
import { basename } from '../../core/workspace/paths';
import { KIND_WORDS, type DefinitionSymbol } from '../../core/workspace/symbols';
import { keyToUri, toLspRange } from '../convert';
import type { FileView, ServerContext } from '../context';

export function registerNavigation(context: ServerContext): void {
  const { connection } = context;

  connection.onDefinition(
    context.guard('textDocument/definition', async (params: lsp.DefinitionParams): Promise<lsp.Location[] | null> => {
      const file = await context.file(params.textDocument.uri);
      return file ? definitionAt(file, file.offsetAt(params.position)) : null;
    }),
  );

  connection.onReferences(
    context.guard('textDocument/references', async (params: lsp.ReferenceParams): Promise<lsp.Location[] | null> => {
      const file = await context.file(params.textDocument.uri);
      return file ? referencesAt(file, file.offsetAt(params.position), params.context.includeDeclaration) : null;
    }),
  );

  connection.onPrepareRename(
    context.guard('textDocument/prepareRename', async (params: lsp.PrepareRenameParams): Promise<lsp.PrepareRenameResult | lsp.ResponseError<void> | null> => {
      const file = await context.file(params.textDocument.uri);
      return file ? prepareRenameAt(file, file.offsetAt(params.position)) : null;
    }),
  );

  connection.onRenameRequest(
    context.guard('textDocument/rename', async (params: lsp.RenameParams): Promise<lsp.WorkspaceEdit | lsp.ResponseError<void> | null> => {
      const file = await context.file(params.textDocument.uri);
      return file ? renameAt(file, file.offsetAt(params.position), params.newName) : null;
    }),
  );
}

/** Where the name at `offset` is defined (several places when it is ambiguous); an import's path leads to its file. */
export function definitionAt(file: FileView, offset: number): lsp.Location[] | null {
  const located = locate(file.analysis, file.key, offset);
  if (located?.kind === 'import') {
    const target = located.resolved.target;
    return target ? [{ uri: keyToUri(target), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] : null;
  }
  if (located?.kind === 'sweep-scenario') return located.scenario?.title ? locationOf(file, file.key, located.scenario.title.range) : null;
  if (located?.kind === 'setting-knob') return settingKnobSource(file, located.key, located.sweep);
  const definitions = definitionsOf(located);
  return definitions.length > 0 ? definitions.flatMap((d) => locationOf(file, d.file, d.nameRange)) : null;
}

/**
 * Where the value a sweep's setting knob starts from is written: the last entry of the settings
 * block that sets it for the sweep's scenario (the scenario's own, the file's, an imported file's);
 * none when it is the built-in default.
 */
function settingKnobSource(file: FileView, key: SettingKey, sweep: SweepDecl): lsp.Location[] | null {
  const title = sweepScenarioLine(sweep)?.title?.value;
  const scenario = title === undefined ? undefined : scenarioTitled(file.unit.parsed.file, title);
  const source = effectiveSettings(file.analysis.program, file.key, scenario).sources[key];
  if (source.kind !== 'settings') return null;
  const entry = source.block.entries.filter((e) => e.key === key).pop();
  return entry ? locationOf(file, source.file, entry.range) : null;
}

/** A scenario title under the cursor (the scenario's own, or a sweep's `scenario` line): its title. */
function titleAt(located: Located | undefined): string | undefined {
  if (located?.kind === 'scenario-title') return located.scenario.title?.value;
  if (located?.kind === 'sweep-scenario') return located.line.title?.value;
  return undefined;
}

/** Every reference to what the name at `offset` names, in any file that sees it; its definitions first when asked. */
export function referencesAt(file: FileView, offset: number, includeDeclaration: boolean): lsp.Location[] | null {
  const located = locate(file.analysis, file.key, offset);
  const title = titleAt(located);
  if (title !== undefined) {
    const { titles, sweepLines } = scenarioTitleSites(file.analysis, file.key, title);
    return [...(includeDeclaration ? titles : []), ...sweepLines].flatMap((range) => locationOf(file, file.key, range));
  }
  const definitions = definitionsOf(located);
  if (definitions.length === 0) return null;
  const locations: lsp.Location[] = [];
  if (includeDeclaration) for (const d of definitions) locations.push(...locationOf(file, d.file, d.nameRange));
  for (const site of referencesToAll(file.analysis, definitions)) locations.push(...locationOf(file, site.file, site.range));
  return locations;
}

/** The name a rename at `offset` would change, with its range there, or the reason it cannot be renamed. */
export function prepareRenameAt(file: FileView, offset: number): lsp.PrepareRenameResult | lsp.ResponseError<void> {
  const located = locate(file.analysis, file.key, offset);
  const title = titleAt(located);
  if (title !== undefined && (located?.kind === 'scenario-title' || located?.kind === 'sweep-scenario')) {
    const range = located.kind === 'scenario-title' ? located.scenario.title!.range : located.line.title!.range;
    return { range: file.toRange(range), placeholder: title };
  }
  const spot = renameSpot(located);
  if ('refusal' in spot) return refuse(spot.refusal);
  return { range: file.toRange(spot.range), placeholder: file.unit.text.slice(spot.range.start, spot.range.end) };
}

/** The edits renaming the name at `offset` to `newName` in every file, or the reason it is refused. */
export function renameAt(file: FileView, offset: number, newName: string): lsp.WorkspaceEdit | lsp.ResponseError<void> {
  const located = locate(file.analysis, file.key, offset);
  const title = titleAt(located);
  if (title !== undefined) return renameTitle(file, title, newName);
  const spot = renameSpot(located);
  if ('refusal' in spot) return refuse(spot.refusal);
  const definition = spot.definition;
  const problem = nameProblem(newName);
  if (problem) return refuse(problem);
  const clash = renameClash(file.analysis, definition, newName);
  if (clash) {
    const existing = clash.existing;
    const where = `${basename(existing.file)}:${lineOf(file, existing) + 1}`;
    const seenBy = clash.file === existing.file ? '' : ` (${basename(clash.file)} sees both)`;
    return refuse(
      `Cannot rename \`${definition.name}\` to \`${newName}\`: that is already the name of the ${KIND_WORDS[existing.kind]} defined at ${where}${seenBy}, and all names share one namespace.`,
    );
  }
  const changes: Record<string, lsp.TextEdit[]> = {};
  const edit = (key: string, range: Range) => {
    const lines = file.analysis.program.unit(key)?.lines;
    if (!lines) return;
    (changes[keyToUri(key)] ??= []).push({ range: toLspRange(lines, range), newText: newName });
  };
  edit(definition.file, definition.nameRange);
  for (const site of referencesResolvingTo(file.analysis, definition)) edit(site.file, site.range);
  return { changes };
}

/**
 * Renames a scenario title in its file: the scenario's title and every sweep's `scenario` line
 * naming it. `newName` is the title's text (quoted and escaped here); a client that sends it with
 * its quotes gets them taken off.
 */
function renameTitle(file: FileView, title: string, newName: string): lsp.WorkspaceEdit | lsp.ResponseError<void> {
  const text = /^".*"$/.test(newName) ? newName.slice(1, -1).replace(/\\(.)/g, '$1') : newName;
  const problem = titleProblem(file.analysis, file.key, text, title);
  if (problem) return refuse(problem);
  const { titles, sweepLines } = scenarioTitleSites(file.analysis, file.key, title);
  const edits = [...titles, ...sweepLines].map((range) => ({ range: file.toRange(range), newText: stringLiteral(text) }));
  return { changes: { [keyToUri(file.key)]: edits } };
}

/** What a rename at this spot renames and the name's range there, or why nothing can be renamed. */
function renameSpot(located: Located | undefined): { definition: DefinitionSymbol; range: Range } | { refusal: string } {
  if (located?.kind === 'reference' && located.reference.candidates.length === 0) {
    return { refusal: `\`${located.reference.name}\` is not defined in this file or anything it imports, so there is nothing to rename.` };
  }
  const definition = renameTarget(located);
  if (!definition || !located || (located.kind !== 'definition' && located.kind !== 'reference')) {
    return { refusal: 'Put the cursor on the name of a callmanager, srst router, group or pool to rename it.' };
  }
  return { definition, range: located.kind === 'definition' ? located.definition.nameRange : located.reference.range };
}

function refuse(message: string): lsp.ResponseError<void> {
  return new lsp.ResponseError(lsp.LSPErrorCodes.RequestFailed, message);
}

function locationOf(file: FileView, key: string, range: Range): lsp.Location[] {
  const lines = file.analysis.program.unit(key)?.lines;
  return lines ? [{ uri: keyToUri(key), range: toLspRange(lines, range) }] : [];
}

function lineOf(file: FileView, definition: DefinitionSymbol): number {
  return file.analysis.program.unit(definition.file)?.lines.positionAt(definition.nameRange.start).line ?? 0;
}
