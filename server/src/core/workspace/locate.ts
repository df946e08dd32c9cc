// Pure queries for navigation: what is at an offset (a definition's name, a reference, a scenario
// title, an import path), which definition a rename renames, which references reach it across
// the files that see it, and whether a new name may replace it. Offsets in, plain data out: no LSP here.
import type { Comment, Range, ScenarioDecl, SourceFile, SweepDecl, SweepScenarioLine } from '../syntax/ast';
import type { SettingKey } from '../syntax/vocabulary';
import { KEYWORDS } from '../syntax/tokens';
import type { Program, ResolvedImport } from './program';
import type { DefinitionSymbol, ReferenceSite, SymbolIndex } from './symbols';

/** What the navigation queries need of an analysis (an `Analysis` is one). */
export interface LinkedProgram {
  readonly program: Program;
  readonly index: SymbolIndex;
}

export type Located =
  | { readonly kind: 'definition'; readonly definition: DefinitionSymbol }
  | { readonly kind: 'reference'; readonly reference: ReferenceSite }
  | { readonly kind: 'scenario-title'; readonly scenario: ScenarioDecl }
  /** A sweep's `scenario "TITLE"`: a reference to a scenario of the same file, by title (`scenario` when one matches). */
  | { readonly kind: 'sweep-scenario'; readonly line: SweepScenarioLine; readonly scenario?: ScenarioDecl }
  /** A sweep's setting knob (`vary keepalive …`). */
  | { readonly kind: 'setting-knob'; readonly key: SettingKey; readonly sweep: SweepDecl }
  | { readonly kind: 'import'; readonly resolved: ResolvedImport };

/**
 * The name, scenario title or import path under `offset` in `file`. A cursor right after the last
 * character still counts (that is where an editor's caret sits after a double-click or typing).
 */
export function locate(linked: LinkedProgram, file: string, offset: number): Located | undefined {
  const candidates: { start: number; end: number; found: Located }[] = [];
  for (const definition of linked.index.definitionsIn(file)) candidates.push({ ...definition.nameRange, found: { kind: 'definition', definition } });
  for (const reference of linked.index.referencesIn(file)) candidates.push({ ...reference.range, found: { kind: 'reference', reference } });
  const unit = linked.program.unit(file);
  for (const item of unit?.parsed.file.items ?? []) {
    if (item.kind === 'scenario' && item.title) candidates.push({ ...item.title.range, found: { kind: 'scenario-title', scenario: item } });
    if (item.kind !== 'sweep') continue;
    for (const line of item.lines) {
      if (line.kind === 'sweep-scenario' && line.title) {
        const scenario = unit?.parsed.file.items.find((i): i is ScenarioDecl => i.kind === 'scenario' && i.title?.value === line.title!.value);
        candidates.push({ ...line.title.range, found: { kind: 'sweep-scenario', line, ...(scenario ? { scenario } : {}) } });
      } else if (line.kind === 'vary' && line.knob?.kind === 'setting') {
        candidates.push({ ...line.knob.range, found: { kind: 'setting-knob', key: line.knob.key, sweep: item } });
      }
    }
  }
  for (const resolved of unit?.imports ?? []) {
    if (resolved.decl.path) candidates.push({ ...resolved.decl.path.range, found: { kind: 'import', resolved } });
  }
  // Inside a range beats touching its end, so `A,<|>B` never picks `A` over `B`.
  const inside = candidates.find((c) => c.start <= offset && offset < c.end);
  return (inside ?? candidates.find((c) => c.end === offset))?.found;
}

/** The definitions a located name stands for: a definition itself, or what a reference resolves to. */
export function definitionsOf(located: Located | undefined): readonly DefinitionSymbol[] {
  if (!located) return [];
  if (located.kind === 'definition') return [located.definition];
  if (located.kind === 'reference') return located.reference.candidates;
  return [];
}

/**
 * The definition a rename at this spot renames: the definition itself, or the one a reference
 * resolves to (the first visible, as everywhere else; a duplicate is renamed alone, which is how a
 * duplicate gets fixed).
 */
export function renameTarget(located: Located | undefined): DefinitionSymbol | undefined {
  if (located?.kind === 'definition') return located.definition;
  if (located?.kind === 'reference') return located.reference.candidates[0];
  return undefined;
}

/** The references to any of `definitions` (a reference to a duplicate name counts for each), each once, in file and text order. */
export function referencesToAll(linked: LinkedProgram, definitions: readonly DefinitionSymbol[]): ReferenceSite[] {
  const sites = new Set<ReferenceSite>();
  for (const definition of definitions) for (const site of linked.index.referencesTo(definition)) sites.add(site);
  return sortSites([...sites]);
}

/** The references that resolve to `definition` (it is the first visible of their name), in file and text order. */
export function referencesResolvingTo(linked: LinkedProgram, definition: DefinitionSymbol): ReferenceSite[] {
  return sortSites(linked.index.referencesTo(definition).filter((site) => site.candidates[0] === definition));
}

function sortSites(sites: ReferenceSite[]): ReferenceSite[] {
  return sites.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start - b.range.start));
}

/** The files that see any of `definitions` (their own files included), in program order. */
export function filesSeeing(linked: LinkedProgram, definitions: readonly DefinitionSymbol[]): string[] {
  const homes = new Set(definitions.map((d) => d.file));
  const files: string[] = [];
  for (const unit of linked.program.files) {
    if (linked.program.visibleFiles(unit.path).some((visible) => homes.has(visible))) files.push(unit.path);
  }
  return files;
}

/**
 * The title strings that name a scenario titled `title` in `file`: the scenarios' own titles, then
 * the sweeps' `scenario` lines (a sweep names a scenario of its own file), in text order each.
 */
export function scenarioTitleSites(linked: LinkedProgram, file: string, title: string): { readonly titles: Range[]; readonly sweepLines: Range[] } {
  const titles: Range[] = [];
  const sweepLines: Range[] = [];
  for (const item of linked.program.unit(file)?.parsed.file.items ?? []) {
    if (item.kind === 'scenario' && item.title?.value === title) titles.push(item.title.range);
    if (item.kind === 'sweep')
      for (const line of item.lines) if (line.kind === 'sweep-scenario' && line.title?.value === title) sweepLines.push(line.title.range);
  }
  return { titles, sweepLines };
}

/** Why `text` cannot be a scenario's title; undefined when it can. */
export function titleProblem(linked: LinkedProgram, file: string, text: string, current: string): string | undefined {
  if (text.trim() === '') return 'A scenario title cannot be empty.';
  if (/[\r\n]/.test(text)) return 'A scenario title is one line.';
  if (text !== current && scenarioTitleSites(linked, file, text).titles.length > 0) return `Another scenario of this file is already titled "${text}".`;
  return undefined;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Why `text` cannot be a callmanager, srst, group or pool name; undefined when it can. */
export function nameProblem(text: string): string | undefined {
  if (!NAME.test(text)) {
    return `\`${text}\` is not a valid name: a name starts with a letter or \`_\` and goes on with letters, digits, \`_\`, \`.\` or \`-\`.`;
  }
  if (KEYWORDS.includes(text)) return `\`${text}\` is a keyword and cannot be a name.`;
  return undefined;
}

export interface RenameClash {
  /** A file that would see the renamed definition and `existing` under one name. */
  readonly file: string;
  readonly existing: DefinitionSymbol;
}

/**
 * Another definition named `newName` that some file seeing `renamed` also sees (one namespace for
 * every kind): the rename would make the two a duplicate. Undefined when there is none.
 */
export function renameClash(linked: LinkedProgram, renamed: DefinitionSymbol, newName: string): RenameClash | undefined {
  const clashes: RenameClash[] = [];
  for (const file of filesSeeing(linked, [renamed])) {
    const existing = linked.index
      .scope(file)
      .get(newName)
      ?.find((d) => d !== renamed);
    if (existing) clashes.push({ file, existing });
  }
  // Simplest to explain first: the renamed definition's own file, then the other definition's.
  const rank = (c: RenameClash) => (c.file === renamed.file ? 0 : c.file === c.existing.file ? 1 : 2);
  return clashes.sort((a, b) => rank(a) - rank(b) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))[0];
}

/**
 * The comments that document a definition or scenario: whole-line comments directly above it, as
 * the parser attaches them as `doc` (see `attachDocumentation` in parser.ts).
 */
export function documentationComments(file: SourceFile, text: string): Set<Comment> {
  const result = new Set<Comment>();
  const comments = file.comments;
  let c = 0;
  for (const item of file.items) {
    if (item.kind === 'settings') continue;
    while (c < comments.length && comments[c]!.range.end <= item.range.start) c++;
    let boundary = item.range.start;
    for (let i = c - 1; i >= 0; i--) {
      const comment = comments[i]!;
      if (!/^[ \t]*\r?\n[ \t]*$/.test(text.slice(comment.range.end, boundary))) break;
      const lineStart = text.lastIndexOf('\n', comment.range.start - 1) + 1;
      if (text.slice(lineStart, comment.range.start).trim() !== '') break;
      result.add(comment);
      boundary = comment.range.start;
    }
  }
  return result;
}
