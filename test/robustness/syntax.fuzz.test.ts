// Robustness of the core's front half against any text: random token sequences, grammar-shaped
// programs laid out at random, mutations of every sample and fixture, and every truncation of a
// small file. `parse`, the analysis and the formatter must never throw; every range they return
// must lie inside its text; formatting an error-free text must succeed and be idempotent.
// Seeded: a failure prints its seed and path, and `fc.assert(..., { seed, path })` replays it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatText } from '../../server/src/core/syntax/format';
import { parse } from '../../server/src/core/syntax/parser';
import { Analysis } from '../../server/src/core/workspace/analysis';
import { assertDiagnosticsInside, assertRangesInside, corpus, grammarShapedProgram, LONE_CR, mapHost, mutate, mutation, REPO, tokenSoup } from './support';

const ROOT = '/w/main.failover';

/** Runs every check of this file on one workspace whose root is `root`; returns whether the root had no syntax error. */
function checkWorkspace(files: ReadonlyMap<string, string>, root: string): boolean {
  const text = files.get(root)!;
  const parsed = parse(text);
  assertRangesInside(parsed, text.length, 'parse');

  const analysis = Analysis.load([root], mapHost(files));
  for (const unit of analysis.program.files) {
    assertDiagnosticsInside(analysis.diagnostics(unit.path), (key) => files.get(key));
  }

  const formatted = formatText(text);
  const clean = parsed.errors.length === 0;
  if ('error' in formatted) {
    // A refusal is only allowed for text with syntax errors, or for the documented lone-CR case.
    if (clean && !LONE_CR.test(text)) throw new Error(`the formatter refused error-free text: ${formatted.error}\n${JSON.stringify(text)}`);
  } else {
    if (!clean) throw new Error(`the formatter formatted text with syntax errors\n${JSON.stringify(text)}`);
    const again = formatText(formatted.text);
    if ('error' in again || again.text !== formatted.text) {
      throw new Error(
        `formatting is not idempotent\ninput: ${JSON.stringify(text)}\nonce: ${JSON.stringify(formatted.text)}\ntwice: ${JSON.stringify('error' in again ? again.error : again.text)}`,
      );
    }
  }
  return clean;
}

describe('parse, analysis and format never throw and stay inside the text', () => {
  it('random token sequences of the vocabulary (4,000 cases)', () => {
    let clean = 0;
    fc.assert(
      fc.property(tokenSoup, (text) => {
        if (checkWorkspace(new Map([[ROOT, text]]), ROOT)) clean++;
      }),
      { seed: 20_240_601, numRuns: 4_000 },
    );
    expect(clean).toBeGreaterThan(100); // the error-free branch (formatting) is exercised too
  });

  it('grammar-shaped programs with comments and line breaks in every gap (1,000 cases)', () => {
    let clean = 0;
    fc.assert(
      fc.property(grammarShapedProgram, (text) => {
        const files = new Map([
          [ROOT, text],
          ['/w/other.failover', 'callmanager CM9\n'],
        ]);
        if (checkWorkspace(files, ROOT)) clean++;
      }),
      { seed: 7_331, numRuns: 1_000 },
    );
    expect(clean).toBeGreaterThan(700);
  });

  it('one to four mutations of every sample and fixture, with its imports (1,500 cases)', () => {
    const files = corpus();
    const paths = [...files.keys()];
    expect(paths.length).toBeGreaterThanOrEqual(7);
    let clean = 0;
    const mutated = new Set<string>();
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.array(mutation, { minLength: 1, maxLength: 4 }), (path, mutations) => {
        mutated.add(path);
        const workspace = new Map(files);
        workspace.set(path, mutations.reduce(mutate, files.get(path)!));
        if (checkWorkspace(workspace, path)) clean++;
      }),
      { seed: 4_242, numRuns: 1_500 },
    );
    expect(clean).toBeGreaterThan(200);
    expect([...mutated].sort()).toEqual([...paths].sort()); // every sample and fixture was mutated
  });

  it('every truncation of test/fixtures/spec-example/outages.failover (each offset, then each CRLF variant)', () => {
    const files = corpus();
    const path = `${REPO.split('\\').join('/')}/test/fixtures/spec-example/outages.failover`;
    const full = files.get(path)!;
    for (const variant of [full, full.replace(/\n/g, '\r\n')]) {
      for (let end = 0; end <= variant.length; end++) {
        const workspace = new Map(files);
        workspace.set(path, variant.slice(0, end));
        checkWorkspace(workspace, path);
      }
    }
  });

  it('pathological single texts', () => {
    const texts = [
      '',
      '\uFEFF',
      '{'.repeat(20_000),
      '}'.repeat(20_000),
      '"'.repeat(10_001),
      'scenario "s" {' + ' at 1m crash CM1'.repeat(5_000),
      'group G { ' + 'CM1, '.repeat(10_000) + '}',
      '# ' + 'x'.repeat(200_000),
      'callmanager ' + 'A'.repeat(100_000),
      '9'.repeat(100_000),
      'at '.repeat(20_000),
      String.fromCharCode(...Array.from({ length: 2_000 }, (_, i) => (i * 7919) % 0xffff)),
    ];
    for (const text of texts) checkWorkspace(new Map([[ROOT, text]]), ROOT);
  });
});

describe('formatter fixes found by fuzzing', () => {
  it("keeps the empty braces of a callmanager when a comment stands before them, so the comment does not become the next item's doc", () => {
    // Found by the grammar-shaped programs: `{ }` was dropped and `## doc` landed directly above `callmanager CM2`.
    const result = formatText('callmanager CM1\n## doc\n{ } callmanager CM2\n');
    expect(result).toEqual({ text: 'callmanager CM1\n  ## doc\n  {}\ncallmanager CM2\n' });
    expect(formatText('srst R # c\n{}\nsrst S\n')).toEqual({ text: 'srst R  # c\n  {}\nsrst S\n' });
    expect(formatText('callmanager CM1 { }\n')).toEqual({ text: 'callmanager CM1\n' }); // no comment: dropped as before
  });

  it('treats a BOM or no-break space before a definition as whitespace when reading its documentation', () => {
    // Found by the token soup: the formatter dropped the BOM, which made `## doc` documentation.
    for (const space of ['\uFEFF', '\u00A0', '\t\uFEFF ']) {
      const text = `## doc\n${space}callmanager CM1\n`;
      expect(parse(text).file.items[0]).toMatchObject({ doc: 'doc' });
      expect(formatText(text)).toEqual({ text: '## doc\ncallmanager CM1\n' });
    }
  });
});
