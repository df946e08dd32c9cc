// Test fixtures: in-memory workspaces, ranges marked inside the fixture text with ⟦ and ⟧ and
// cursors with `<|>`.
import type { Diagnostic } from '../../server/src/core/diagnostics';
import type { Range } from '../../server/src/core/syntax/ast';
import { Analysis } from '../../server/src/core/workspace/analysis';
import type { FolderEntry, ReadResult, SourceHost } from '../../server/src/core/workspace/program';

export function memoryHost(files: Record<string, string>): SourceHost {
  return {
    readFile(path: string): ReadResult {
      const text = files[path];
      return text === undefined ? { error: 'file not found' } : { text };
    },
    // The folders are those the files' keys imply; a folder no key lies in does not exist.
    listFolder(folder: string): FolderEntry[] | undefined {
      const prefix = folder.endsWith('/') ? folder : `${folder}/`;
      const entries = new Map<string, boolean>();
      for (const key of Object.keys(files)) {
        if (!key.startsWith(prefix)) continue;
        const [name, ...deeper] = key.slice(prefix.length).split('/');
        entries.set(name!, (entries.get(name!) ?? false) || deeper.length > 0);
      }
      return entries.size === 0 ? undefined : [...entries].map(([name, isFolder]) => ({ name, kind: isFolder ? 'folder' : 'file' }));
    },
  };
}

/**
 * Removes the markers of a fixture text: ⟦ ⟧ around ranges and `<|>` at cursors. Returns the clean
 * text, the marked ranges in order of their starts and the cursors' offsets in text order.
 */
export function markup(marked: string): { text: string; ranges: Range[]; cursors: number[] } {
  const ranges: Range[] = [];
  const cursors: number[] = [];
  const open: number[] = [];
  let text = '';
  for (let i = 0; i < marked.length; i++) {
    const ch = marked[i]!;
    if (ch === '⟦') open.push(text.length);
    else if (ch === '⟧') ranges.push({ start: open.pop()!, end: text.length });
    else if (marked.startsWith('<|>', i)) {
      cursors.push(text.length);
      i += 2;
    } else text += ch;
  }
  ranges.sort((a, b) => a.start - b.start);
  return { text, ranges, cursors };
}

/** Removes ⟦ ⟧ markers, returning the clean text and the marked ranges in order. */
function unmark(marked: string): { text: string; ranges: Range[] } {
  const { text, ranges } = markup(marked);
  return { text, ranges };
}

/** Removes a `<|>` cursor marker, returning the text and its offset (-1 without one). */
export function cursor(marked: string): { text: string; offset: number } {
  const { text, cursors } = markup(marked);
  return { text, offset: cursors[0] ?? -1 };
}

/** Analyses a workspace of marked files; the first file is the root unless `roots` says otherwise. */
export function analyze(
  files: Record<string, string>,
  roots?: string[],
): { analysis: Analysis; texts: Record<string, string>; marks: Record<string, Range[]> } {
  const texts: Record<string, string> = {};
  const marks: Record<string, Range[]> = {};
  for (const [path, marked] of Object.entries(files)) {
    const { text, ranges } = unmark(marked);
    texts[path] = text;
    marks[path] = ranges;
  }
  const analysis = Analysis.load(roots ?? Object.keys(files), memoryHost(texts));
  return { analysis, texts, marks };
}

/**
 * Checks that a single-file workspace yields exactly the expected codes, each at the range marked
 * ⟦…⟧ in the text, in order. Extra files may be given for imports.
 */
export function checkDiagnostics(marked: string, expectedCodes: string[], extraFiles: Record<string, string> = {}): Diagnostic[] {
  const root = '/w/main.failover';
  const { analysis, texts, marks } = analyze({ [root]: marked, ...extraFiles }, [root]);
  const diagnostics = analysis.diagnostics(root);
  const text = texts[root]!;
  const actual = diagnostics.map((d) => `${d.code}@${d.range.start}-${d.range.end}: ${text.slice(d.range.start, d.range.end)}`);
  const expected = expectedCodes.map((code, i) => {
    const range = marks[root]![i];
    if (!range) throw new Error(`no ⟦marked⟧ range for expected code #${i + 1} (${code})`);
    return `${code}@${range.start}-${range.end}: ${text.slice(range.start, range.end)}`;
  });
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    const messages = diagnostics.map((d) => `  ${d.code}: ${d.message}`).join('\n');
    throw new Error(`diagnostics differ\nexpected:\n  ${expected.join('\n  ')}\nactual:\n  ${actual.join('\n  ')}\nmessages:\n${messages}`);
  }
  return diagnostics;
}
