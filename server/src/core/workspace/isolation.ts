// Per-scenario isolation (PRODUCT.md, "One broken scenario does not stop the others"): which error
// keeps which scenario or sweep from being run. An error inside an isolated block (a scenario or a
// sweep) stops that block only; any other error of a file (in a definition, a top-level settings block, an
// import, or stray text between constructs) stops every block of the file and of each file that
// imports it. An imported file's scenarios are never run by its importer, so their errors stop
// nothing there.
import type { Diagnostic } from '../diagnostics';
import type { Item, ScenarioDecl, SourceFile, SweepDecl } from '../syntax/ast';

/**
 * The blocks whose errors stop only themselves. `Analysis.stopOf` adds the one rule of sweeps: a
 * sweep whose scenario is stopped is stopped too.
 */
export type IsolatedBlock = ScenarioDecl | SweepDecl;

function isIsolated(item: Item): item is IsolatedBlock {
  return item.kind === 'scenario' || item.kind === 'sweep';
}

/**
 * The isolated block of `file` that holds `offset`, if any. Top-level items are in text order and
 * do not overlap, so a binary search finds the only candidate (a file may hold thousands).
 */
export function isolatedBlockAt(file: SourceFile, offset: number): IsolatedBlock | undefined {
  const items = file.items;
  let low = 0;
  let high = items.length - 1;
  let candidate: Item | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const item = items[mid]!;
    if (item.range.start <= offset) {
      candidate = item;
      low = mid + 1;
    } else high = mid - 1;
  }
  // Half-open: an error just past a block's closing brace belongs to the file, not to the block.
  return candidate && offset < candidate.range.end && isIsolated(candidate) ? candidate : undefined;
}

/** A file's own errors, split by what they stop: the first outside every isolated block, and the first inside each block. */
export interface ErrorPartition {
  readonly fileLevel?: Diagnostic;
  readonly byBlock: ReadonlyMap<IsolatedBlock, Diagnostic>;
}

/** Splits `errors` (the file's own, in text order) by the block that holds each one's start. */
export function partitionErrors(file: SourceFile, errors: readonly Diagnostic[]): ErrorPartition {
  let fileLevel: Diagnostic | undefined;
  const byBlock = new Map<IsolatedBlock, Diagnostic>();
  for (const error of errors) {
    const block = isolatedBlockAt(file, error.range.start);
    if (!block) fileLevel ??= error;
    else if (!byBlock.has(block)) byBlock.set(block, error);
  }
  return { fileLevel, byBlock };
}
