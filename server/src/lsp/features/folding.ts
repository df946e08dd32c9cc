// Folding: every block (settings, definitions, scenarios) and runs of comment lines.
import * as lsp from 'vscode-languageserver';
import type { FileView, ServerContext } from '../context';

export function registerFolding(context: ServerContext): void {
  context.connection.onFoldingRanges(
    context.guard('textDocument/foldingRange', async (params: lsp.FoldingRangeParams): Promise<lsp.FoldingRange[]> => {
      const file = await context.file(params.textDocument.uri);
      return file ? foldingRanges(file) : [];
    }),
  );
}

/** A region per block (settings, definition, scenario, a scenario's settings) over several lines, and one per run of whole-line comments. */
export function foldingRanges(file: FileView): lsp.FoldingRange[] {
  const ranges: lsp.FoldingRange[] = [];
  const block = (start: number, end: number) => {
    const from = file.lines.positionAt(start).line;
    const to = file.lines.positionAt(end).line;
    if (to > from) ranges.push({ startLine: from, endLine: to, kind: lsp.FoldingRangeKind.Region });
  };
  for (const item of file.unit.parsed.file.items) {
    block(item.range.start, item.range.end);
    if (item.kind === 'scenario') for (const step of item.steps) if (step.kind === 'settings') block(step.range.start, step.range.end);
  }
  // Consecutive whole-line comments fold together.
  // −2: no run yet (−1 would make a comment on the first line look like a run's continuation).
  let runStart = -2;
  let runEnd = -2;
  for (const comment of file.unit.parsed.file.comments) {
    const line = file.lines.positionAt(comment.range.start).line;
    const alone = file.unit.text.slice(file.lines.lineStart(line), comment.range.start).trim() === '';
    if (!alone) continue;
    if (line === runEnd + 1) runEnd = line;
    else {
      if (runEnd > runStart && runStart >= 0) ranges.push({ startLine: runStart, endLine: runEnd, kind: lsp.FoldingRangeKind.Comment });
      runStart = runEnd = line;
    }
  }
  if (runEnd > runStart && runStart >= 0) ranges.push({ startLine: runStart, endLine: runEnd, kind: lsp.FoldingRangeKind.Comment });
  return ranges;
}
