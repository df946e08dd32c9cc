import { describe, expect, it } from 'vitest';
import type * as lsp from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formattingEdits, rangeFormattingEdits } from '../../server/src/lsp/features/formatting';
import { applyTextEdits } from '../support/featureHarness';
import { markup } from '../support/fixtures';

const document = (text: string) => TextDocument.create('file:///w/main.failover', 'failover', 1, text);

/** The text after range formatting over the range marked ⟦…⟧, or at the `<|>` cursor, in `marked`. */
function rangeFormatted(marked: string): string {
  const { text, ranges, cursors } = markup(marked);
  const doc = document(text);
  const { start, end } = ranges[0] ?? { start: cursors[0]!, end: cursors[0]! };
  const edits = rangeFormattingEdits(doc, { start: doc.positionAt(start), end: doc.positionAt(end) });
  if ('error' in edits) throw new Error(edits.error);
  return applyTextEdits(text, edits);
}

describe('formatting', () => {
  it('replaces the whole text with its canonical layout in one edit', () => {
    const text = 'callmanager   CM1 {capacity 10}\ncallmanager\tCM2\n';
    expect(formattingEdits(document(text))).toEqual([
      { range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, newText: 'callmanager CM1 { capacity 10 }\ncallmanager CM2\n' },
    ]);
  });

  it('returns no edit for a text in its canonical layout', () => {
    expect(formattingEdits(document('callmanager CM1 { capacity 10 }\ncallmanager CM2\n'))).toEqual([]);
  });

  it('refuses a text with syntax errors, with the reason, in either request', () => {
    const broken = document('pool P { group G phones 1\n');
    const reason = { error: 'the file has syntax errors (the first on line 1); fix them before formatting' };
    expect(formattingEdits(broken)).toEqual(reason);
    expect(rangeFormattingEdits(broken, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } })).toEqual(reason);
  });

  it('formats only the item the requested range lies in', () => {
    expect(rangeFormatted('callmanager   CM1 {capacity 10}\n\npool P {⟦group⟧ G phones 1 srst R}   # note\ncallmanager\tCM2\n')).toBe(
      'callmanager   CM1 {capacity 10}\n\npool P {\n  group G\n  phones 1\n  srst R\n}  # note\ncallmanager\tCM2\n',
    );
  });

  it('formats the item around the cursor for an empty range', () => {
    expect(rangeFormatted('callmanager   CM1 {capacity 10}\ncallmanager\t<|>CM2\n')).toBe('callmanager   CM1 {capacity 10}\ncallmanager CM2\n');
  });

  it('places its edit by line and character in CRLF text, keeping CRLF', () => {
    const text = 'callmanager  CM1\r\npool P {group G phones 1 srst R}\r\n';
    const doc = document(text);
    const edits = rangeFormattingEdits(doc, { start: { line: 1, character: 1 }, end: { line: 1, character: 2 } }) as lsp.TextEdit[];
    expect(edits).toEqual([
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 32 } }, newText: 'pool P {\r\n  group G\r\n  phones 1\r\n  srst R\r\n}' },
    ]);
  });
});
