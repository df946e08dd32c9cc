// The parser's fast path (syntax/fastPath.ts) must be invisible: wherever it takes a text, its tree
// is the full parser's, and everything downstream (syntax errors, diagnostics) is what the full
// parser alone gives. Checked on the samples, on random grammar-shaped programs (which it mostly
// takes), on random token soups and on random mutations (which it mostly leaves to the full parser).
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type * as fastPathModule from '../../server/src/core/syntax/fastPath';
import { parseWithoutProblems } from '../../server/src/core/syntax/fastPath';
import { parse, parseRaw, parseWithRecovery, type RawParse } from '../../server/src/core/syntax/parser';
import { Analysis } from '../../server/src/core/workspace/analysis';
import { generateWorkspace } from '../../bench/workspace';
import { corpus, grammarShapedProgram, mapHost, mutate, mutation, tokenSoup } from '../robustness/support';

// The switch that turns the fast path off everywhere (the reference pipeline is the full parser alone).
const fastPath = vi.hoisted(() => ({ on: true }));
vi.mock('../../server/src/core/syntax/fastPath', async (importOriginal) => {
  const original = await importOriginal<typeof fastPathModule>();
  return { parseWithoutProblems: (text: string, itemsBefore: boolean) => (fastPath.on ? original.parseWithoutProblems(text, itemsBefore) : undefined) };
});

/** Byte for byte: the same values, the same keys (even those set to undefined) in the same order. */
function expectIdentical(actual: RawParse, expected: RawParse): void {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

/** Checks the fast path on `text` against the full parser; tells whether it took the text. */
function check(text: string, itemsBefore = false): boolean {
  const fast = parseWithoutProblems(text, itemsBefore);
  const full = parseWithRecovery(text, { itemsBefore });
  if (fast) {
    expect(full.errors).toEqual([]);
    expectIdentical(fast, full);
  }
  expectIdentical(parseRaw(text, { itemsBefore }), full);
  return fast !== undefined;
}

// Texts the fast path must read exactly as the lexer does: keywords inside longer names, names
// with dots and dashes, numbers with underscores and long digit runs, escapes, operators without
// spaces, units written apart, every kind of blank.
const TRICKY_WORDS = ['at-1', 'reset-', 'reset-times', 'settings2', '_x', 'a.b', 'CM_1', 'callmanagers', 'To', 'AT', 'srst-R1', 'x-'];
const TRICKY_NUMBERS = ['0', '007', '1_000', '1_0%', '999999999999999', '9999999999999999', '1h1m1s1ms', '1ms', '1m5s', '30 s', '5 minutes', '10\ns', '1mss'];
const trickyProgram = fc
  .tuple(
    fc.constantFrom(...TRICKY_WORDS),
    fc.constantFrom(...TRICKY_NUMBERS),
    fc.constantFrom(...TRICKY_NUMBERS),
    fc.constantFrom('"t"', '"a\\"b"', '"a\\\\"', '"é 😀"', '""'),
    fc.constantFrom(' ', '\t', '\f', '\v', '\uFEFF', '\u00A0', '\r\n', '\n'),
    fc.constantFrom('>=', '<=', '==', '!=', '<', '>'),
  )
  .map(([word, n1, n2, title, blank, op]) =>
    [
      `callmanager ${word}${blank}{ capacity ${n1} }`,
      `group G { ${word},${word} }`,
      `pool P { group G srst ${word} phones ${n1} connection-monitor ${n2} }`,
      `settings { keepalive ${n2} }`,
      `scenario ${title} {`,
      `  at ${n1} crash ${word}`,
      `  at ${n2} calls P ${n1} lasting ${n2}`,
      `  at ${n2} expect P on ${word}${op}${n1}`,
      `  expect outage P${op}${n2}`,
      `  expect peak ${word} ${op} ${n1}`,
      `  expect settled by ${n2}#done`,
      '}',
    ].join(blank),
  );

describe('the fast path of the parser', () => {
  it('reads the samples, the fixtures and the benchmark workspace as the full parser does', () => {
    let taken = 0;
    for (const text of [...corpus().values(), ...generateWorkspace(2_000).files.values()]) if (check(text)) taken++;
    expect(taken).toBeGreaterThan(20);
  });

  it('gives the full parser’s tree on random grammar-shaped programs, and takes most of them', () => {
    let taken = 0;
    fc.assert(
      fc.property(grammarShapedProgram, fc.boolean(), (text, itemsBefore) => {
        if (check(text, itemsBefore)) taken++;
      }),
      { seed: 15_001, numRuns: 1_500 },
    );
    expect(taken).toBeGreaterThan(300);
  });

  it('reads words, numbers, strings and blanks as the lexer does', () => {
    let taken = 0;
    fc.assert(
      fc.property(trickyProgram, (text) => {
        if (check(text)) taken++;
      }),
      { seed: 15_002, numRuns: 1_000 },
    );
    expect(taken).toBeGreaterThan(25);
  });

  it('never differs from the full parser on token soups and mutated programs', () => {
    fc.assert(
      fc.property(fc.oneof(tokenSoup, grammarShapedProgram, trickyProgram), fc.array(mutation, { maxLength: 3 }), (text, mutations) => {
        check(mutations.reduce(mutate, text));
      }),
      { seed: 15_003, numRuns: 2_000 },
    );
  });

  it('leaves the diagnostics of a workspace as they are with the full parser alone', () => {
    const samples = [...corpus()];
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 2 }), fc.nat(), grammarShapedProgram, (mutations, pick, extra) => {
        const files = new Map(samples.map(([key, text], i) => [key, i === pick % samples.length ? mutations.reduce(mutate, text) : text]));
        files.set('/extra/x.failover', extra);
        const run = (on: boolean) => {
          fastPath.on = on;
          try {
            const analysis = Analysis.load([...files.keys()], mapHost(files));
            return [...files.keys()].map((key) => [key, analysis.program.unit(key)?.parsed, analysis.diagnostics(key)]);
          } finally {
            fastPath.on = true;
          }
        };
        expect(JSON.stringify(run(true))).toBe(JSON.stringify(run(false)));
      }),
      { seed: 15_004, numRuns: 60 },
    );
  });

  it('keeps documentation comments and ranges as parse() gives them', () => {
    const text = '# CM one\n## more\ncallmanager CM1 { capacity 10 } # trailing\n\n# pool\npool P { group G phones 5 }\n';
    const withFast = parse(text);
    fastPath.on = false;
    try {
      expect(withFast).toStrictEqual(parse(text));
    } finally {
      fastPath.on = true;
    }
    expect(parseWithoutProblems(text, false)).toBeDefined();
  });

  it('takes a comment as documentation exactly when one line break and inline blanks separate it from the definition', () => {
    const gap = fc.array(fc.constantFrom(' ', '\t', '\f', '\v', '\uFEFF', '\u00A0', '\r', '\n', '\r\n'), { maxLength: 5 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(gap, (between) => {
        const text = `# doc${between}callmanager CM1`;
        const parsed = parse(text);
        const [comment] = parsed.file.comments;
        const [item] = parsed.file.items;
        if (!comment || item?.kind !== 'callmanager') return;
        const documented = /^[ \t\f\v\uFEFF\u00A0]*\r?\n[ \t\f\v\uFEFF\u00A0]*$/.test(text.slice(comment.range.end, item.range.start));
        expect(item.doc).toBe(documented ? comment.text.slice(2) : undefined);
      }),
      { seed: 15_005, numRuns: 500 },
    );
  });
});
