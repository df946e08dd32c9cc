// `fmt --diff`: the change the formatter makes to a file, as a unified diff that `patch -p0` and
// `git apply -p0` accept. Lines are compared whole, their line break included, so a file without a
// final line break or with CRLF line endings diffs (and patches) exactly.

type Op = 'equal' | 'delete' | 'insert';

/** A text's lines, each with its line break (the last one may have none). */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * The shortest edit script turning `a` into `b`. A line found nowhere on the other side can only
 * be removed or added, so such lines are set aside first (as GNU diff does): the search then
 * runs on the lines the two sides share, which keeps a file changed on every other line fast,
 * and the script stays the shortest (no common subsequence is lost).
 */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const inA = new Set(a);
  const inB = new Set(b);
  const keptA = a.flatMap((line, i) => (inB.has(line) ? [i] : []));
  const keptB = b.flatMap((line, j) => (inA.has(line) ? [j] : []));
  const core = searchEditScript(
    keptA.map((i) => a[i]!),
    keptB.map((j) => b[j]!),
  );
  // Back to every line: between two equal lines, the removed ones, then the added ones.
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  let ci = 0;
  let cj = 0;
  const upTo = (ai: number, bj: number) => {
    for (; i < ai; i++) ops.push('delete');
    for (; j < bj; j++) ops.push('insert');
  };
  for (const op of core) {
    if (op === 'equal') {
      upTo(keptA[ci++]!, keptB[cj++]!);
      ops.push('equal');
      i++;
      j++;
    } else if (op === 'delete') ci++;
    else cj++;
  }
  upTo(a.length, b.length);
  return ops;
}

/**
 * The shortest edit script turning `a` into `b` (Myers' O(ND) algorithm in linear space: the
 * middle snake of each range splits it in two, so a file reformatted from top to bottom costs
 * memory in proportion to its length, not to its length times the number of changes). Past a
 * cost bound the search settles for the furthest point reached, as GNU diff does: the script is
 * then still correct, only perhaps not the shortest, and a huge rewrite stays fast.
 */
function searchEditScript(a: readonly string[], b: readonly string[]): Op[] {
  const ops: Op[] = [];
  // Furthest reach on each diagonal k, at [offset + k] (offset = the range's n + m + 1, at most
  // a.length + b.length + 1; |k| ≤ n + m + 1): typed, so the walks stay fast on long files.
  const forward = new Int32Array(2 * (a.length + b.length) + 4);
  const backward = new Int32Array(2 * (a.length + b.length) + 4);

  /** Where the paths from both corners of a[aLo, aHi) × b[bLo, bHi) meet: a snake [x, u) × [y, v). */
  const middleSnake = (aLo: number, aHi: number, bLo: number, bHi: number): [number, number, number, number] => {
    const n = aHi - aLo;
    const m = bHi - bLo;
    const delta = n - m;
    const odd = (delta & 1) === 1;
    const offset = n + m + 1;
    forward[offset + 1] = 0;
    backward[offset + 1] = 0;
    const costLimit = Math.max(256, 16 * Math.ceil(Math.sqrt(n + m)));
    for (let d = 0; d <= Math.ceil((n + m) / 2); d++) {
      if (d > costLimit) {
        // Too expensive: split at the forward point of the last round furthest from the start. It
        // lies strictly inside the range (d ≥ 1 edits from the start; the end was not reached, or
        // the walks would have met), so both halves are smaller.
        let best = -d + 1;
        for (let k = -d + 1; k <= d - 1; k += 2) if (2 * forward[offset + k]! - k > 2 * forward[offset + best]! - best) best = k;
        const x = forward[offset + best]!;
        return [aLo + x, bLo + x - best, aLo + x, bLo + x - best];
      }
      for (let k = -d; k <= d; k += 2) {
        let x = k === -d || (k !== d && forward[offset + k - 1]! < forward[offset + k + 1]!) ? forward[offset + k + 1]! : forward[offset + k - 1]! + 1;
        let y = x - k;
        const x0 = x;
        const y0 = y;
        while (x < n && y < m && a[aLo + x]! === b[bLo + y]!) {
          x++;
          y++;
        }
        forward[offset + k] = x;
        const reverseK = delta - k;
        if (odd && reverseK >= -(d - 1) && reverseK <= d - 1 && x + backward[offset + reverseK]! >= n) return [aLo + x0, bLo + y0, aLo + x, bLo + y];
      }
      for (let k = -d; k <= d; k += 2) {
        // The same walk from the far corner, on the reversed sequences.
        let x = k === -d || (k !== d && backward[offset + k - 1]! < backward[offset + k + 1]!) ? backward[offset + k + 1]! : backward[offset + k - 1]! + 1;
        let y = x - k;
        const x0 = x;
        const y0 = y;
        while (x < n && y < m && a[aHi - 1 - x]! === b[bHi - 1 - y]!) {
          x++;
          y++;
        }
        backward[offset + k] = x;
        const forwardK = delta - k;
        if (!odd && forwardK >= -d && forwardK <= d && x + forward[offset + forwardK]! >= n) return [aHi - x, bHi - y, aHi - x0, bHi - y0];
      }
    }
    // Unreachable: the two walks meet by d = ⌈(n + m) / 2⌉.
    throw new Error('diff: no middle snake');
  };

  /** Whether the two ranges have a line in common (when not, the shortest script is to replace them all). */
  const sharesALine = (aLo: number, aHi: number, bLo: number, bHi: number): boolean => {
    const lines = new Set(a.slice(aLo, aHi));
    for (let j = bLo; j < bHi; j++) if (lines.has(b[j]!)) return true;
    return false;
  };

  const diff = (aLo: number, aHi: number, bLo: number, bHi: number): void => {
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
      aLo++;
      bLo++;
      ops.push('equal');
    }
    let suffix = 0;
    while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) {
      aHi--;
      bHi--;
      suffix++;
    }
    if (aLo === aHi || bLo === bHi || !sharesALine(aLo, aHi, bLo, bHi)) {
      for (let i = aLo; i < aHi; i++) ops.push('delete');
      for (let j = bLo; j < bHi; j++) ops.push('insert');
    } else {
      // Both ends differ, so at least two edits: each half below is smaller than this range.
      const [x, y, u, v] = middleSnake(aLo, aHi, bLo, bHi);
      diff(aLo, x, bLo, y);
      for (let i = x; i < u; i++) ops.push('equal');
      diff(u, aHi, v, bHi);
    }
    for (let i = 0; i < suffix; i++) ops.push('equal');
  };

  diff(0, a.length, 0, b.length);
  return ops;
}

export interface DiffColors {
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
}

const PLAIN: DiffColors = { red: (s) => s, green: (s) => s, bold: (s) => s, dim: (s) => s };

/** `@@ -start,count` as diff writes it: `,1` left out, and an empty range starting at the line before it. */
function range(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

/**
 * The unified diff from `before` to `after` with `context` lines around each change, under the
 * headers `--- oldName` and `+++ newName`; '' when the texts are equal.
 */
export function unifiedDiff(oldName: string, newName: string, before: string, after: string, colors: DiffColors = PLAIN, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = editScript(a, b);
  const out: string[] = [colors.bold(`--- ${oldName}`), colors.bold(`+++ ${newName}`)];
  const show = (prefix: string, line: string, paint: (s: string) => string) => {
    const ended = line.endsWith('\n');
    out.push(paint(prefix + (ended ? line.slice(0, -1) : line)));
    if (!ended) out.push('\\ No newline at end of file');
  };
  // Lines of each side before each position of the script.
  const oldBefore = [0];
  const newBefore = [0];
  for (const op of ops) {
    oldBefore.push(oldBefore[oldBefore.length - 1]! + (op === 'insert' ? 0 : 1));
    newBefore.push(newBefore[newBefore.length - 1]! + (op === 'delete' ? 0 : 1));
  }
  // Positions (in ops) of the changes, grouped into hunks when at most 2 × context lines apart.
  const changes = ops.flatMap((op, i) => (op === 'equal' ? [] : [i]));
  let first = 0;
  while (first < changes.length) {
    let last = first;
    while (last + 1 < changes.length && changes[last + 1]! - changes[last]! - 1 <= 2 * context) last++;
    const from = Math.max(0, changes[first]! - context);
    const to = Math.min(ops.length, changes[last]! + context + 1);
    const i = oldBefore[from]!;
    const j = newBefore[from]!;
    const body: (() => void)[] = [];
    let oldCount = 0;
    let newCount = 0;
    for (let p = from, oi = i, nj = j; p < to; p++) {
      const op = ops[p];
      if (op === 'equal') {
        const line = a[oi++]!;
        nj++;
        body.push(() => show(' ', line, (s) => s));
        oldCount++;
        newCount++;
      } else if (op === 'delete') {
        const line = a[oi++]!;
        body.push(() => show('-', line, colors.red));
        oldCount++;
      } else {
        const line = b[nj++]!;
        body.push(() => show('+', line, colors.green));
        newCount++;
      }
    }
    out.push(colors.dim(`@@ -${range(i, oldCount)} +${range(j, newCount)} @@`));
    for (const line of body) line();
    first = last + 1;
  }
  return out.join('\n') + '\n';
}
