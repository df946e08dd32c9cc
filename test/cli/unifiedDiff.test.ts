// The unified diff of `fmt --diff`: its exact form on small cases, and on random texts that it
// patches the old text into the new one with the fewest changed lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../server/src/cli/unifiedDiff';

/** Applies a unified diff of one file to `before`, as `patch` would (hunks in order, context checked). */
function applyDiff(before: string, diff: string): string {
  const old = before.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const lines = diff.split('\n').slice(2, -1); // the two headers, and the '' after the last line break
  const result: string[] = [];
  let at = 0;
  let last: 'old' | 'new' | 'both' = 'both';
  for (const line of lines) {
    const hunk = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(line);
    if (hunk) {
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      const start = count === 0 ? Number(hunk[1]) : Number(hunk[1]) - 1;
      while (at < start) result.push(old[at++]!);
      continue;
    }
    if (line === '\\ No newline at end of file') {
      // The line before had no line break on the side(s) it belongs to.
      if (last !== 'old') result[result.length - 1] = result[result.length - 1]!.replace(/\n$/, '');
      continue;
    }
    const text = line.slice(1) + '\n';
    if (line[0] === ' ' || line[0] === '-') {
      expect(old[at]!.replace(/\n$/, ''), `context or removed line ${at + 1}`).toBe(line.slice(1));
      at++;
    }
    if (line[0] === ' ' || line[0] === '+') result.push(text);
    last = line[0] === ' ' ? 'both' : line[0] === '-' ? 'old' : 'new';
  }
  while (at < old.length) result.push(old[at++]!);
  return result.join('');
}

function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a', 'a', 'x\ny\n', 'x\ny\n')).toBe('');
  });

  it('writes one hunk with three lines of context, as diff -u does', () => {
    const before = '1\n2\n3\n4\nold\n6\n7\n8\n9\n';
    const after = '1\n2\n3\n4\nnew\n6\n7\n8\n9\n';
    expect(unifiedDiff('f', 'f', before, after)).toBe('--- f\n+++ f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-old\n+new\n 6\n 7\n 8\n');
  });

  it('keeps changes more than six lines apart in separate hunks, and merges closer ones', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `${i + 1}\n`);
    const apart = [...lines];
    apart[1] = 'two\n';
    apart[18] = 'nineteen\n';
    expect(
      unifiedDiff('f', 'f', lines.join(''), apart.join(''))
        .split('\n')
        .filter((l) => l.startsWith('@@')),
    ).toEqual(['@@ -1,5 +1,5 @@', '@@ -16,5 +16,5 @@']);
    const close = [...lines];
    close[4] = 'five\n';
    close[11] = 'twelve\n';
    expect(
      unifiedDiff('f', 'f', lines.join(''), close.join(''))
        .split('\n')
        .filter((l) => l.startsWith('@@')),
    ).toEqual(['@@ -2,14 +2,14 @@']);
  });

  it('writes an empty side as diff does: start at the line before, count 0', () => {
    expect(unifiedDiff('f', 'f', '', 'a\n')).toBe('--- f\n+++ f\n@@ -0,0 +1 @@\n+a\n');
    expect(unifiedDiff('f', 'f', 'a\nb\n', 'a\n')).toBe('--- f\n+++ f\n@@ -1,2 +1 @@\n a\n-b\n');
  });

  it('marks a last line without a line break', () => {
    expect(unifiedDiff('f', 'f', 'a\nb', 'a\nb\n')).toBe('--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
  });

  it('keeps a CRLF line ending in the lines it prints, so that the patch applies to the file', () => {
    expect(unifiedDiff('f', 'f', 'a\r\nb\r\n', 'a\r\nc\r\n')).toBe('--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n');
  });

  it('colours removed lines red and added ones green when asked', () => {
    const colors = { red: (s: string) => `<r>${s}`, green: (s: string) => `<g>${s}`, bold: (s: string) => `<b>${s}`, dim: (s: string) => `<d>${s}` };
    expect(unifiedDiff('f', 'f', 'a\n', 'b\n', colors)).toBe('<b>--- f\n<b>+++ f\n<d>@@ -1 +1 @@\n<r>-a\n<g>+b\n');
  });

  it('patches any text into any other with the fewest changed lines', () => {
    const text = fc
      .tuple(fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 30 }), fc.boolean())
      .map(([lines, finalBreak]) => (lines.length === 0 ? '' : lines.join('\n') + (finalBreak ? '\n' : '')));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = unifiedDiff('f', 'f', before, after);
        expect(applyDiff(before, diff)).toBe(after);
        const a = before.match(/[^\n]*\n|[^\n]+$/g) ?? [];
        const b = after.match(/[^\n]*\n|[^\n]+$/g) ?? [];
        const changed = diff
          .split('\n')
          .slice(2)
          .filter((l) => l.startsWith('-') || l.startsWith('+')).length;
        expect(changed).toBe(a.length + b.length - 2 * lcsLength(a, b));
      }),
      { numRuns: 500, seed: 12 },
    );
  });

  it('diffs a long file changed on every line: every line removed and added again', () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `line ${i}\n`).join('');
    const after = Array.from({ length: 20_000 }, (_, i) => `  line ${i}\n`).join('');
    const diff = unifiedDiff('f', 'f', before, after);
    expect(diff.split('\n').filter((l) => l.startsWith('-')).length).toBe(20_000 + 1); // and the --- header
    expect(applyDiff(before, diff)).toBe(after);
  });

  it('diffs a long file changed on every other line with the fewest changes (the lines found on one side only are set aside)', () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `line ${i}\n`).join('');
    const after = Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? `line ${i}\n` : `  line ${i}\n`)).join('');
    const diff = unifiedDiff('f', 'f', before, after);
    expect(applyDiff(before, diff)).toBe(after);
    expect(diff.split('\n').filter((l) => /^[-+](?!--|\+\+)/.test(l)).length).toBe(20_000);
  });

  it('past its cost bound, still patches exactly, with close to the fewest changes', () => {
    // Two unrelated texts of 3,000 lines drawn from 30 words: the search gives up on the
    // shortest script (as GNU diff does) long before the two walks would meet.
    const words = (seed: number) => {
      let state = seed;
      return Array.from({ length: 3000 }, () => {
        state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
        return `w${(state >>> 16) % 30}\n`;
      });
    };
    const a = words(1);
    const b = words(2);
    const diff = unifiedDiff('f', 'f', a.join(''), b.join(''));
    expect(applyDiff(a.join(''), diff)).toBe(b.join(''));
    const changed = diff
      .split('\n')
      .slice(2)
      .filter((l) => l.startsWith('-') || l.startsWith('+')).length;
    const fewest = a.length + b.length - 2 * lcsLength(a, b);
    expect(changed).toBeGreaterThanOrEqual(fewest);
    expect(changed).toBeLessThanOrEqual(fewest * 1.05);
  });
});
