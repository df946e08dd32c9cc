// Shared helpers of the robustness suites: the language's vocabulary as fast-check arbitraries,
// text mutations, the sample and fixture files, and generic checks on trees and diagnostics.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Diagnostic } from '../../server/src/core/diagnostics';
import { KEYWORDS } from '../../server/src/core/syntax/tokens';
import type { ReadResult, SourceHost } from '../../server/src/core/workspace/program';

export const REPO = path.resolve(__dirname, '../..');

function failoverFilesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) return failoverFilesUnder(full);
      return entry.name.endsWith('.failover') ? [full] : [];
    })
    .sort();
}

/** Every sample and fixture (`samples/**` and `test/fixtures/**`), keyed by absolute path, with its text. */
export function corpus(): Map<string, string> {
  const files = [...failoverFilesUnder(path.join(REPO, 'samples')), ...failoverFilesUnder(path.join(REPO, 'test/fixtures'))];
  return new Map(files.map((file) => [file.split(path.sep).join('/'), readFileSync(file, 'utf8')]));
}

/** An in-memory SourceHost over a map of texts. */
export function mapHost(files: ReadonlyMap<string, string>): SourceHost {
  return {
    readFile(key: string): ReadResult {
      const text = files.get(key);
      return text === undefined ? { error: 'file not found' } : { text };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Generic checks
// ---------------------------------------------------------------------------------------------

/**
 * Walks any value and checks that every object with numeric `start` and `end` is a range inside
 * a text of `length` UTF-16 units: 0 ≤ start ≤ end ≤ length. Returns the number of ranges seen.
 */
export function assertRangesInside(value: unknown, length: number, where = 'tree'): number {
  let count = 0;
  const seen = new Set<object>();
  const visit = (node: unknown, at: string): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const record = node as Record<string, unknown>;
    if (typeof record.start === 'number' && typeof record.end === 'number') {
      count++;
      const { start, end } = record;
      if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= length)) {
        throw new Error(`range ${start}-${end} at ${at} is outside a text of length ${length}`);
      }
    }
    for (const [key, child] of Object.entries(record)) visit(child, `${at}.${key}`);
  };
  visit(value, where);
  return count;
}

/** Every diagnostic's range (and its related locations') lies inside the file it names. */
export function assertDiagnosticsInside(diagnostics: readonly Diagnostic[], textOf: (key: string) => string | undefined): void {
  for (const diagnostic of diagnostics) {
    const text = textOf(diagnostic.file);
    if (text === undefined) throw new Error(`diagnostic ${diagnostic.code} names an unknown file ${diagnostic.file}`);
    assertRangesInside(diagnostic.range, text.length, `${diagnostic.code} in ${diagnostic.file}`);
    for (const related of diagnostic.related ?? []) {
      const relatedText = textOf(related.file);
      if (relatedText === undefined) throw new Error(`related location of ${diagnostic.code} names an unknown file ${related.file}`);
      assertRangesInside(related.range, relatedText.length, `related of ${diagnostic.code}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The vocabulary, as arbitraries
// ---------------------------------------------------------------------------------------------

const NAMES = ['CM1', 'CM2', 'HQ', 'HQ-GROUP', 'BR1-RTR', 'BRANCH1', 'group-a', 'Crash', 'x.y', '_a', 'a', 'é', 'Ωmega'];
const NUMBERS = [
  '0',
  '00',
  '1',
  '10',
  '1_200',
  '1__0',
  '10_',
  '250ms',
  '1m30s',
  '30s1m',
  '5mins',
  '1m30',
  '2h',
  '30%',
  '100%',
  '101%',
  '12%%',
  '1.5s',
  '99999h',
  '720h',
  '1000000000000',
  '9007199254740993ms',
  '9'.repeat(400),
  '1e5',
  '0x1f',
  '0s',
  '3_',
];
const STRINGS = ['"x"', '"topology.failover"', '"unterminated', '"esc\\"q"', '"\\q"', '""', '"a\\\\"', '"', '"é 😀"', '"x.json"', '"/etc/passwd"'];
const PUNCTUATION = ['{', '}', ',', '==', '!=', '<=', '>=', '<', '>', '=', '!', '#', '# comment\n', '## doc\n', '#\r'];
const SEPARATORS = [' ', ' ', ' ', '\n', '\r\n', '\r', '\t', '\uFEFF', '\u00A0', '', '\n\n'];
const JUNK = ['@', '$', '\u0000', 'é', '😀', '\uD800', '\uDC00', '\\', '%', '.', '-', '_', 'ℌ', '\u2028', '\u200B', '\u0007', '\uFFFD'];

/** One token of the language's vocabulary (keywords, names, numbers, strings, punctuation, comments) or junk. */
export const vocabularyToken: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 3, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(...STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 1, arbitrary: fc.constantFrom(...JUNK) },
);

/** Random sequences of vocabulary tokens and separators. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(vocabularyToken, fc.constantFrom(...SEPARATORS)), { maxLength: 80 })
  .map((pairs) => pairs.map(([token, separator]) => token + separator).join(''));

// A grammar-shaped program: every construct of LANGUAGE.md with values in and out of range,
// tokens separated by spaces, line breaks (LF, CRLF), blank lines and comments anywhere.
const cmName = fc.constantFrom('CM1', 'CM2', 'CM3', 'CM4');
const poolName = fc.constantFrom('HQ', 'BR', 'P-1');
const srstName = fc.constantFrom('R1', 'R2');
const groupName = fc.constantFrom('G1', 'G2');
const anInt = fc.constantFrom('0', '1', '3', '10', '40', '1_200', '2500', '100000');
const aDuration = fc.constantFrom('0', '0s', '1s', '30s', '1m', '1m30s', '2h', '250ms', '30s1m', '10m', '99999h', '5');
const aCount = fc.oneof(anInt, fc.constantFrom('0%', '30%', '100%', '150%', 'all', 'none'));
const aComparison = fc.constantFrom('==', '!=', '<=', '>=', '<', '>');
const aSetting = fc.oneof(
  aDuration.map((v) => ['keepalive', v]),
  anInt.map((v) => ['missed-keepalives', v]),
  aDuration.map((v) => ['tcp-retry', v]),
  anInt.map((v) => ['registration-rate', v]),
  anInt.map((v) => ['fallback-queue-depth', v]),
  aDuration.map((v) => ['connection-monitor', v]),
  aDuration.map((v) => ['reset-time', v]),
);
const settingsTokens = fc.array(aSetting, { maxLength: 3 }).map((entries) => ['settings', '{', ...entries.flat(), '}']);
const callManagerTokens = fc
  .tuple(
    cmName,
    fc.array(
      fc.oneof(
        anInt.map((v) => ['capacity', v]),
        anInt.map((v) => ['registration-rate', v]),
        anInt.map((v) => ['fallback-queue-depth', v]),
      ),
      { maxLength: 3 },
    ),
    fc.boolean(),
  )
  .map(([name, properties, braces]) => (braces || properties.length > 0 ? ['callmanager', name, '{', ...properties.flat(), '}'] : ['callmanager', name]));
const srstTokens = fc
  .tuple(
    srstName,
    fc.array(
      fc.oneof(
        anInt.map((v) => ['capacity', v]),
        anInt.map((v) => ['registration-rate', v]),
      ),
      { maxLength: 2 },
    ),
  )
  .map(([name, properties]) => ['srst', name, '{', ...properties.flat(), '}']);
const groupTokens = fc
  .tuple(groupName, fc.array(cmName, { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([name, members, trailing]) => ['group', name, '{', ...members.flatMap((m, i) => (i < members.length - 1 || trailing ? [m, ','] : [m])), '}']);
const poolTokens = fc
  .tuple(
    poolName,
    fc.array(
      fc.oneof(
        groupName.map((g) => ['group', g]),
        srstName.map((s) => ['srst', s]),
        anInt.map((p) => ['phones', p]),
        aDuration.map((d) => ['connection-monitor', d]),
      ),
      { maxLength: 5 },
    ),
  )
  .map(([name, properties]) => ['pool', name, '{', ...properties.flat(), '}']);
const targetName = fc.oneof(cmName, srstName);
const stepTokens = fc.oneof(
  fc.tuple(aDuration, fc.constantFrom('stop', 'crash', 'hang', 'recover'), targetName).map(([t, action, x]) => ['at', t, action, x]),
  fc.tuple(aDuration, fc.constantFrom('isolate', 'reconnect', 'reset'), poolName).map(([t, action, x]) => ['at', t, action, x]),
  fc.tuple(aDuration, poolName, aCount, aDuration).map(([t, pool, count, d]) => ['at', t, 'calls', pool, count, 'lasting', d]),
  fc
    .tuple(aDuration, poolName, fc.oneof(targetName, fc.constant('unregistered')), fc.option(fc.tuple(aComparison, aCount)))
    .map(([t, pool, x, c]) => ['at', t, 'expect', pool, 'on', x, ...(c ?? [])]),
  fc.tuple(poolName, aComparison, aDuration).map(([pool, c, d]) => ['expect', 'outage', pool, c, d]),
  fc.tuple(targetName, aComparison, anInt).map(([x, c, v]) => ['expect', 'peak', x, c, v]),
  aDuration.map((d) => ['expect', 'settled', 'by', d]),
  settingsTokens,
);
const scenarioTokens = fc
  .tuple(fc.constantFrom('"s1"', '"s2"', '"é 😀"', '"a\\"b"'), fc.array(stepTokens, { maxLength: 6 }))
  .map(([title, steps]) => ['scenario', title, '{', ...steps.flat(), '}']);
const aKnob = fc.oneof(
  fc
    .constantFrom('keepalive', 'missed-keepalives', 'tcp-retry', 'registration-rate', 'fallback-queue-depth', 'connection-monitor', 'reset-time')
    .map((k) => [k]),
  fc
    .tuple(
      fc.oneof(cmName, srstName, poolName, groupName),
      fc.constantFrom('capacity', 'registration-rate', 'fallback-queue-depth', 'phones', 'connection-monitor', 'keepalive'),
    )
    .map(([name, key]) => [name, key]),
);
const aValue = fc.oneof(anInt, aDuration);
const varyTokens = fc
  .tuple(aKnob, aValue, aValue, fc.option(aValue))
  .map(([knob, from, to, step]) => ['vary', ...knob, 'from', from, 'to', to, ...(step === null ? [] : ['step', step])]);
const sweepTokens = fc
  .tuple(
    fc.constantFrom('"w1"', '"w2"', '"s1"'),
    fc.array(
      fc.oneof(
        fc.constantFrom('"s1"', '"s2"', '"nope"').map((t) => ['scenario', t]),
        varyTokens,
      ),
      { maxLength: 4 },
    ),
  )
  .map(([title, lines]) => ['sweep', title, '{', ...lines.flat(), '}']);
/** A sweep's text alone, as the grammar shapes it (its words and values valid or not). */
export const sweepText: fc.Arbitrary<string> = sweepTokens.map((tokens) => tokens.join(' '));
const itemTokens = fc.oneof(settingsTokens, callManagerTokens, srstTokens, groupTokens, poolTokens, scenarioTokens, sweepTokens);
const GRAMMAR_SEPARATORS = [' ', ' ', ' ', '\n', '\n', '  ', '\t', '\r\n', '\n\n', ' # c\n', '\n# own line\n', '\n## doc\n', '\n\n\n'];

/** Programs that follow the grammar, laid out at random, with comments in every gap. */
export const grammarShapedProgram: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.constantFrom('"other.failover"', '"x.json"', '"/etc/passwd"'), { maxLength: 1 }),
    fc.array(itemTokens, { maxLength: 12 }),
    fc.array(fc.constantFrom(...GRAMMAR_SEPARATORS), { minLength: 1, maxLength: 200 }),
  )
  .map(([imports, items, separators]) => {
    const tokens = [...imports.flatMap((i) => ['import', i]), ...items.flat()];
    return tokens.map((token, i) => token + separators[i % separators.length]).join('');
  });

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

export type Mutation = { readonly kind: MutationKind; readonly at: number; readonly other: number };
type MutationKind = 'delete-char' | 'duplicate-char' | 'swap-chars' | 'delete-line' | 'duplicate-line' | 'swap-lines' | 'insert-token';

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<MutationKind>('delete-char', 'duplicate-char', 'swap-chars', 'delete-line', 'duplicate-line', 'swap-lines', 'insert-token'),
  at: fc.nat(),
  other: fc.nat(),
});

const INSERTED = [
  '{',
  '}',
  ',',
  '"',
  '#',
  '\n',
  '\r',
  '0',
  '%',
  '-',
  '99999h',
  '1000000000000',
  'import "x.failover"\n',
  'at',
  'expect',
  'CM1',
  'phones',
  '\uFEFF',
  '😀',
];

/** Applies one mutation; positions are taken modulo the text's length (or line count). */
export function mutate(text: string, m: Mutation): string {
  if (m.kind === 'delete-line' || m.kind === 'duplicate-line' || m.kind === 'swap-lines') {
    const lines = text.split('\n');
    const i = m.at % lines.length;
    const j = m.other % lines.length;
    if (m.kind === 'delete-line') lines.splice(i, 1);
    else if (m.kind === 'duplicate-line') lines.splice(i, 0, lines[i]!);
    else [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  }
  if (text.length === 0) return m.kind === 'insert-token' ? INSERTED[m.other % INSERTED.length]! : text;
  const i = m.at % text.length;
  switch (m.kind) {
    case 'delete-char':
      return text.slice(0, i) + text.slice(i + 1);
    case 'duplicate-char':
      return text.slice(0, i + 1) + text.slice(i);
    case 'swap-chars':
      return text.slice(0, i) + text.charAt(i + 1) + text.charAt(i) + text.slice(i + 2);
    case 'insert-token':
      return text.slice(0, i) + INSERTED[m.other % INSERTED.length]! + text.slice(i);
  }
}

/** Lone CR line breaks: the formatter refuses them by design when a comment would become documentation. */
export const LONE_CR = /\r(?!\n)/;
