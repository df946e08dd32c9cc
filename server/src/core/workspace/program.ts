// A set of parsed files and their resolved imports: the workspace's first two phases (parsed,
// indexed). Files come from a `SourceHost` (disk for the CLI, open documents first for the server);
// the program itself does no I/O and caches parses by text, so a rebuild re-parses only what changed.
import type { ImportDecl, ParseResult } from '../syntax/ast';
import { LineIndex } from '../syntax/lineIndex';
import { reparse } from '../syntax/incremental';
import { parse } from '../syntax/parser';
import { closest } from '../text/closest';
import { basename, dirname, FAILOVER_EXTENSION, joinPath, relativePath } from './paths';

/** A file's text, or why it cannot be read. `bom`: the file starts with a byte-order mark, left out of `text` (as editors do). */
export type ReadResult = { readonly text: string; readonly bom?: boolean } | { readonly error: string };

/** One entry of a folder: a name and what it is (`other`: a FIFO, a device, a broken link…). */
export interface FolderEntry {
  readonly name: string;
  readonly kind: 'file' | 'folder' | 'other';
}

export interface SourceHost {
  /** Reads a workspace file by its key (an absolute `/`-separated path). */
  readFile(path: string): ReadResult;
  /**
   * The entries of a folder (a key), undefined when it cannot be listed. Only for suggestions (the
   * file a mistyped import meant); a host without it simply gives none.
   */
  listFolder?(path: string): readonly FolderEntry[] | undefined;
}

export interface ResolvedImport {
  readonly decl: ImportDecl;
  /** The imported file's key, when it exists and is a `.failover` file. */
  readonly target?: string;
  /** Why the import does not resolve (for `import-not-found`). */
  readonly problem?: string;
  /** The path, as the import would write it, of an existing file it probably meant (`topology.failover` for `toplogy.failover`). */
  readonly suggestion?: string;
}

export interface SourceUnit {
  readonly path: string;
  readonly text: string;
  readonly parsed: ParseResult;
  readonly imports: readonly ResolvedImport[];
  readonly lines: LineIndex;
}

/**
 * Parses keyed by exact text: an unchanged file is never parsed twice, and a changed one is parsed
 * again only around the change (see syntax/incremental.ts).
 */
export class ParseCache {
  private readonly entries = new Map<string, { text: string; parsed: ParseResult; lines: LineIndex }>();

  get(path: string, text: string): { parsed: ParseResult; lines: LineIndex } {
    const hit = this.entries.get(path);
    if (hit && hit.text === text) return hit;
    const entry = { text, parsed: hit ? reparse(hit.text, hit.parsed, text) : parse(text), lines: new LineIndex(text) };
    this.entries.set(path, entry);
    return entry;
  }

  delete(path: string): void {
    this.entries.delete(path);
  }
}

export class Program {
  private readonly units = new Map<string, SourceUnit>();
  private readonly orders = new Map<string, readonly string[]>();

  private constructor(readonly roots: readonly string[]) {}

  /** Loads the roots and, transitively, everything they import. Roots that cannot be read are left out. */
  static load(roots: readonly string[], host: SourceHost, cache: ParseCache = new ParseCache()): Program {
    const program = new Program(roots);
    const reads = new Map<string, ReadResult>();
    const listings = new Map<string, readonly FolderEntry[] | undefined>();
    const reader: SourceHost = {
      readFile(path) {
        let read = reads.get(path);
        if (!read) reads.set(path, (read = host.readFile(path)));
        return read;
      },
      listFolder: host.listFolder
        ? (path) => {
            if (!listings.has(path)) listings.set(path, host.listFolder!(path));
            return listings.get(path);
          }
        : undefined,
    };
    const pending = [...roots];
    while (pending.length > 0) {
      const path = pending.pop()!;
      if (program.units.has(path)) continue;
      const read = reader.readFile(path);
      if ('error' in read) continue;
      const { parsed, lines } = cache.get(path, read.text);
      const imports = parsed.file.imports.map((decl) => resolveImport(path, decl, reader));
      program.units.set(path, { path, text: read.text, parsed, imports, lines });
      for (const imported of imports) if (imported.target) pending.push(imported.target);
    }
    return program;
  }

  unit(path: string): SourceUnit | undefined {
    return this.units.get(path);
  }

  get files(): IterableIterator<SourceUnit> {
    return this.units.values();
  }

  /**
   * The files `path` sees, in settings and definition order: depth first, each file after everything
   * it imports and once only (at its first place), so `path` itself comes last.
   */
  visibleFiles(path: string): readonly string[] {
    const known = this.orders.get(path);
    if (known) return known;
    const order: string[] = [];
    const seen = new Set<string>([path]);
    // An explicit stack, not recursion: an import chain thousands of files deep must not overflow
    // the call stack (20,000 files deep did, and every request of the server then failed).
    const stack: { file: string; next: number }[] = [{ file: path, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const unit = this.units.get(frame.file);
      if (!unit) {
        stack.pop(); // a file that could not be read sees nothing and is seen by no one
        continue;
      }
      let deeper = false;
      while (frame.next < unit.imports.length && !deeper) {
        const target = unit.imports[frame.next++]!.target;
        if (target && !seen.has(target)) {
          seen.add(target);
          stack.push({ file: target, next: 0 });
          deeper = true;
        }
      }
      if (!deeper) {
        stack.pop();
        order.push(frame.file);
      }
    }
    this.orders.set(path, order);
    return order;
  }

  /**
   * Import edges that lie on a cycle (each reported as `import-cycle`): the edge's file and import,
   * the cycle's files in import order, and where the edge's file stands in it (`cycle[at] === file`).
   * The files are shared by every edge of one cycle, so a cycle of thousands of files costs no more
   * than its length.
   */
  importCycles(): { file: string; decl: ImportDecl; cycle: readonly string[]; at: number }[] {
    const found: { file: string; decl: ImportDecl; cycle: readonly string[]; at: number }[] = [];
    const reported = new Set<ImportDecl>();
    const state = new Map<string, 'active' | 'done'>();
    const stack: string[] = [];
    // Depth first with an explicit stack (see visibleFiles): `frames[i]` walks the imports of `stack[i]`.
    const frames: { unit: SourceUnit | undefined; next: number }[] = [];
    const enter = (file: string): void => {
      state.set(file, 'active');
      stack.push(file);
      frames.push({ unit: this.units.get(file), next: 0 });
    };
    const visit = (start: string): void => {
      enter(start);
      while (frames.length > 0) {
        const frame = frames[frames.length - 1]!;
        const imports = frame.unit?.imports ?? [];
        if (frame.next >= imports.length) {
          frames.pop();
          state.set(stack.pop()!, 'done');
          continue;
        }
        const imported = imports[frame.next++]!;
        if (!imported.target) continue;
        const status = state.get(imported.target);
        if (status === 'active') {
          const cycle = stack.slice(stack.indexOf(imported.target));
          // Every edge of the cycle is at fault: report each of them once.
          for (let i = 0; i < cycle.length; i++) {
            const from = cycle[i]!;
            const to = cycle[(i + 1) % cycle.length]!;
            for (const edge of this.units.get(from)?.imports ?? []) {
              if (edge.target === to && !reported.has(edge.decl)) {
                reported.add(edge.decl);
                found.push({ file: from, decl: edge.decl, cycle, at: i });
              }
            }
          }
        } else if (status === undefined) {
          enter(imported.target);
        }
      }
    };
    for (const path of [...this.units.keys()].sort()) if (!state.has(path)) visit(path);
    return found;
  }
}

function resolveImport(from: string, decl: ImportDecl, host: SourceHost): ResolvedImport {
  if (!decl.path) return { decl };
  const spec = decl.path.value;
  if (spec.trim() === '') return { decl, problem: 'the import path is empty' };
  const target = joinPath(dirname(from), spec.replace(/\\/g, '/'));
  if (!target.endsWith(FAILOVER_EXTENSION)) {
    return { decl, problem: `only ${FAILOVER_EXTENSION} files can be imported, and \`${spec}\` is not one` };
  }
  const read = host.readFile(target);
  if ('error' in read) return { decl, problem: read.error, suggestion: suggestImport(from, spec, target, host) };
  return { decl, target };
}

/**
 * Subfolders of the importer's folder searched for a mistyped import's file: a bound on the
 * listing (a project keeps its shared files in a few folders, not in hundreds).
 */
const MAX_SUBFOLDERS_SEARCHED = 20;

/**
 * The file a failed import of `target` probably meant, written as the import would write it:
 * first a close name in the folder the import names (`toplogy.failover`), then the same name in the
 * importer's folder, one of its subfolders or its parent (a folder forgotten or misspelt). Never
 * the importer itself.
 */
function suggestImport(from: string, spec: string, target: string, host: SourceHost): string | undefined {
  if (!host.listFolder) return undefined;
  const wanted = basename(target);
  const targetFolder = dirname(target);
  // Something of that name is there (a folder, a FIFO, an unreadable file): the path is right and
  // the message's reason says what is wrong with it.
  if ((host.listFolder(targetFolder) ?? []).some((e) => e.name === wanted)) return undefined;
  const filesIn = (folder: string): string[] =>
    (host.listFolder!(folder) ?? [])
      .filter((e) => e.kind === 'file' && e.name.endsWith(FAILOVER_EXTENSION) && joinPath(folder, e.name) !== from)
      .map((e) => e.name);
  // Names compared without the extension they all share, which would make any two look alike.
  const stem = (name: string) => name.slice(0, -FAILOVER_EXTENSION.length);
  const close = closest(stem(wanted), filesIn(targetFolder).map(stem));
  if (close) {
    const written = spec.replace(/\\/g, '/');
    return `${written.slice(0, written.lastIndexOf('/') + 1)}${close}${FAILOVER_EXTENSION}`;
  }
  const base = dirname(from);
  const subfolders = (host.listFolder(base) ?? [])
    .filter((e) => e.kind === 'folder' && !e.name.startsWith('.') && e.name !== 'node_modules')
    .map((e) => e.name)
    .sort()
    .slice(0, MAX_SUBFOLDERS_SEARCHED)
    .map((name) => joinPath(base, name));
  for (const folder of [base, ...subfolders, dirname(base)]) {
    if (folder === targetFolder) continue;
    const same = filesIn(folder).find((name) => name.toLowerCase() === wanted.toLowerCase());
    if (same) return relativePath(base, joinPath(folder, same));
  }
  return undefined;
}
