// Re-parsing around an edit must give exactly the whole-file parse: same tree (ranges, documentation
// comments), same comments, same errors in the same order. Checked on random edits of random and
// real files, one edit and chains of edits, and shown to actually reuse the unchanged parts.
// Seeded: a failure prints its seed and path, and `fc.assert(..., { seed, path })` replays it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as ast from '../../server/src/core/syntax/ast';
import { reparse, reparseWindow } from '../../server/src/core/syntax/incremental';
import { parse } from '../../server/src/core/syntax/parser';
import { corpus, grammarShapedProgram, mutate, mutation, tokenSoup, vocabularyToken } from '../robustness/support';

/** Big enough to be re-parsed in part: several grammar-shaped programs one after another. */
const largeProgram = fc.array(grammarShapedProgram, { minLength: 2, maxLength: 5 }).map((parts) => parts.join('\n'));

/** An edit as an editor makes it: replace a span (possibly empty) by a few tokens (possibly none). */
const splice = fc.record({
  at: fc.nat(),
  length: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 40 })),
  insert: fc.oneof(
    fc.constant(''),
    vocabularyToken,
    fc.array(vocabularyToken, { maxLength: 4 }).map((t) => t.join(' ')),
  ),
});
type Splice = { at: number; length: number; insert: string };
const applySplice = (text: string, e: Splice) => {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(at + e.length);
};
const anEdit = fc.oneof(
  splice.map((e) => (text: string) => applySplice(text, e)),
  mutation.map((m) => (text: string) => mutate(text, m)),
);

function expectSameAsWholeParse(before: string, after: string): ast.ParseResult {
  const result = reparse(before, parse(before), after);
  expect(result).toEqual(parse(after));
  return result;
}

/** A realistic file of `sites` branch sites, each a pool with its SRST router, and a scenario every ten. */
function branches(sites: number): string {
  const out = ['# Headquarters', 'callmanager CM1 { capacity 5000 }', 'callmanager CM2 { capacity 5000 }', 'group G { CM1, CM2 }', ''];
  for (let site = 1; site <= sites; site++) {
    out.push(`## Branch ${site}`, `srst R${site} { capacity 200 }`, `pool P${site} {`, '  group G', `  srst R${site}`, `  phones ${50 + site}`, '}', '');
    if (site % 10 === 0) out.push(`scenario "outage ${site}" {`, '  at 1m crash CM1', `  at 5m expect P${site} on CM2`, '}', '');
    if (site % 10 === 5)
      out.push(
        `sweep "depth ${site}" {`,
        `  scenario "outage ${site + 5}"`,
        '  vary fallback-queue-depth from 5 to 50 step 5',
        `  vary P${site} phones from 10 to 50 step 10`,
        '}',
        '',
      );
  }
  return out.join('\n');
}

describe('incremental re-parsing', () => {
  it('equals the whole parse after one random edit of a random program, and often parses only a part', () => {
    const ways = { whole: 0, partial: 0, reusedAfter: 0 };
    fc.assert(
      fc.property(largeProgram, anEdit, (text, edit) => {
        const after = edit(text);
        const before = parse(text);
        const partial = reparseWindow(text, before, after);
        expect(partial?.parsed ?? reparse(text, before, after)).toEqual(parse(after));
        if (!partial) ways.whole++;
        else if (partial.reusedAfter) ways.reusedAfter++;
        else ways.partial++;
      }),
      { seed: 90_210, numRuns: 1_500 },
    );
    // The property would prove little if every case fell back to a whole parse.
    expect(ways.partial + ways.reusedAfter).toBeGreaterThan(300);
    expect(ways.reusedAfter).toBeGreaterThan(80);
  });

  it('equals the whole parse after random edits of a realistic file, and reuses what follows the change', () => {
    const text = branches(60);
    let reusedAfter = 0;
    fc.assert(
      fc.property(anEdit, (edit) => {
        const after = edit(text);
        const partial = reparseWindow(text, parse(text), after);
        expect(partial?.parsed ?? parse(after)).toEqual(parse(after));
        if (partial?.reusedAfter) reusedAfter++;
      }),
      { seed: 31_337, numRuns: 300 },
    );
    expect(reusedAfter).toBeGreaterThan(150);
  });

  it('equals the whole parse along a chain of edits, each re-parse starting from the last', () => {
    fc.assert(
      fc.property(largeProgram, fc.array(anEdit, { minLength: 1, maxLength: 12 }), (text, edits) => {
        let current = text;
        let parsed = parse(text);
        for (const edit of edits) {
          const next = edit(current);
          parsed = reparse(current, parsed, next);
          expect(parsed).toEqual(parse(next));
          current = next;
        }
      }),
      { seed: 4_711, numRuns: 400 },
    );
  });

  it('equals the whole parse after edits of every sample and fixture, and of token soup', () => {
    const files = [...corpus().values()].map((text) => `${text}\n${text}`);
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(anEdit, { minLength: 1, maxLength: 3 }), (text, edits) => {
        expectSameAsWholeParse(
          text,
          edits.reduce((t, edit) => edit(t), text),
        );
      }),
      { seed: 1_234, numRuns: 1_000 },
    );
    fc.assert(
      fc.property(
        fc.array(tokenSoup, { minLength: 3, maxLength: 6 }).map((p) => p.join('\n')),
        anEdit,
        (text, edit) => {
          expectSameAsWholeParse(text, edit(text));
        },
      ),
      { seed: 5_150, numRuns: 500 },
    );
  });

  it('types a whole definition character by character, as an editor sends it', () => {
    const base = branches(40);
    const at = base.indexOf('## Branch 20');
    const typed = 'srst R99 { capacity 20 }\npool P99 {\n  group G\n  srst R99\n  phones 12\n}\n# P99 is new\n';
    let previous = base;
    let parsed = parse(base);
    for (let i = 1; i <= typed.length; i++) {
      const next = base.slice(0, at) + typed.slice(0, i) + base.slice(at);
      parsed = reparse(previous, parsed, next);
      expect(parsed).toEqual(parse(next));
      previous = next;
    }
  });

  it('keeps the definitions before the change as they are and moves those after it', () => {
    const before = branches(200);
    const parsedBefore = parse(before);
    // Same length: the definitions after the change keep their ranges, and so their identity.
    const after = before.replace('phones 150', 'phones 151');
    const same = reparse(before, parsedBefore, after);
    expect(same).toEqual(parse(after));
    expect(same.file.items[0]).toBe(parsedBefore.file.items[0]);
    expect(same.file.items.at(-1)).toBe(parsedBefore.file.items.at(-1));
    // One character more: the ones after move by one, the ones before are untouched.
    const longer = before.replace('phones 150', 'phones 1500');
    const moved = reparse(before, parsedBefore, longer);
    expect(moved).toEqual(parse(longer));
    expect(moved.file.items[0]).toBe(parsedBefore.file.items[0]);
    expect(moved.file.items.at(-1)!.range.start).toBe(parsedBefore.file.items.at(-1)!.range.start + 1);
  });

  it('gives documentation comments to the definitions they stand above, whichever side of the change', () => {
    const before = branches(30);
    const after = before.replace('## Branch 15', '## Branch fifteen, moved');
    const result = expectSameAsWholeParse(before, after);
    const pool = result.file.items.find((item) => item.kind === 'srst' && item.name?.text === 'R15');
    expect(pool && 'doc' in pool ? pool.doc : undefined).toBe('Branch fifteen, moved');
  });

  it('parses the whole text again when an opened block swallows what follows', () => {
    const before = branches(30);
    const after = before.replace('pool P10 {', 'pool P10 {\nscenario "x" {');
    const result = expectSameAsWholeParse(before, after);
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('reports an import that an edit put after the definitions', () => {
    const before = `import "a.failover"\n${branches(30)}`;
    const after = before.replace('## Branch 12', 'import "b.failover"\n## Branch 12');
    const result = expectSameAsWholeParse(before, after);
    expect(result.errors.map((e) => e.message)).toContainEqual(expect.stringContaining('An `import` must come before'));
  });
});
