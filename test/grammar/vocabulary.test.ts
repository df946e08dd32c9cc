// Every keyword of the vocabulary table must be coloured by syntaxes/failover.tmLanguage.json as
// what it is: a property key in each block it belongs to, an item keyword, an event, a step word or
// a constant. This test writes those assertions as the grammar test case vocabulary.failover (from
// the table, so a new keyword lands there by itself) and fails when the file is out of date
// (`npx vitest run test/grammar -u` rewrites it); `npm run test:grammar` then checks the colours.
import { describe, expect, it } from 'vitest';
import { COUNT_WORDS, PROPERTIES, PROPERTY_BLOCKS, PROPERTY_KEYS, WORDS, type PropertyBlock, type Word } from '../../server/src/core/syntax/vocabulary';

/** A source line and the words of it whose scope is asserted, left to right. */
interface Line {
  readonly text: string;
  readonly scopes: readonly (readonly [word: string, scope: string])[];
}

const PROPERTY_SCOPE = 'support.type.property-name.failover';

function wordScope(word: Word): string {
  const role = WORDS[word].role;
  if (role === 'item') return word === 'import' ? 'keyword.declaration.import.failover' : `storage.type.${word}.failover`;
  if (role === 'event' || word === 'lasting') return 'keyword.control.event.failover';
  if ((COUNT_WORDS as readonly string[]).includes(word) || word === 'unregistered') return 'constant.language.failover';
  return 'keyword.control.failover';
}

/** The text with its quoted strings blanked out: a word in a title is no keyword. */
function outsideStrings(text: string): string {
  return text.replace(/"[^"]*"/g, (string) => ' '.repeat(string.length));
}

/** The assertions of a line: each vocabulary word in it with its scope (`key value` blocks give property keys). */
function line(text: string, block?: PropertyBlock): Line {
  const scopes: [string, string][] = [];
  for (const [word] of outsideStrings(text).matchAll(/[A-Za-z_][A-Za-z0-9_.-]*/g)) {
    if (block && (PROPERTY_KEYS[block] as readonly string[]).includes(word)) scopes.push([word, PROPERTY_SCOPE]);
    else if (word in WORDS) scopes.push([word, wordScope(word as Word)]);
  }
  return { text, scopes };
}

const HEADERS: Record<PropertyBlock, string> = { settings: 'settings', callmanager: 'callmanager CM1', srst: 'srst R1', pool: 'pool P1' };
const SAMPLE = { duration: '30s', count: '5', name: 'X' };

function vocabularyLines(): Line[] {
  const lines: Line[] = [];
  lines.push(line('import "topology.failover"'));
  for (const block of PROPERTY_BLOCKS) {
    for (const key of PROPERTY_KEYS[block]) lines.push(line(`${HEADERS[block]} { ${key} ${SAMPLE[PROPERTIES[key].value]} }`, block));
  }
  lines.push(line('group G { CM1 }'));
  lines.push(line('scenario "every step word" {'));
  for (const key of PROPERTY_KEYS.settings) lines.push(line(`  settings { ${key} ${SAMPLE[PROPERTIES[key].value]} }`, 'settings'));
  for (const [word, entry] of Object.entries(WORDS)) {
    if (entry.role === 'event') lines.push(line(word === 'calls' ? '  at 1m calls P1 10 lasting 5m' : `  at 1m ${word} X`));
  }
  lines.push(line('  at 5m expect P1 on unregistered == all'));
  lines.push(line('  at 5m expect P1 on CM1 != none'));
  lines.push(line('  expect outage P1 <= 5m'));
  lines.push(line('  expect peak CM1 <= 10'));
  lines.push(line('  expect settled by 45m'));
  lines.push(line('}'));
  lines.push(line('sweep "every sweep word" {'));
  lines.push(line('  scenario "every step word"'));
  lines.push(line('  vary CM1 capacity from 1 to 10 step 3'));
  lines.push(line('}'));
  return lines;
}

/** The lines with vscode-tmgrammar-test assertions under each (`# <---` at column 0, `#   ^^^` elsewhere). */
function grammarTestCase(lines: readonly Line[]): string {
  const out = ['# SYNTAX TEST "source.failover" "every keyword of the vocabulary with its scope (written by test/grammar/vocabulary.test.ts)"'];
  for (const { text, scopes } of lines) {
    out.push(text);
    let from = 0;
    for (const [word, scope] of scopes) {
      const column =
        outsideStrings(text)
          .slice(from)
          .search(new RegExp(`(?<![A-Za-z0-9_.-])${word.replace(/[.-]/g, '\\$&')}(?![A-Za-z0-9_.-])`)) + from;
      from = column + word.length;
      out.push(column === 0 ? `# <${'-'.repeat(word.length)} ${scope}` : `#${' '.repeat(column - 1)}${'^'.repeat(word.length)} ${scope}`);
    }
  }
  return out.join('\n') + '\n';
}

describe('test/grammar/vocabulary.failover', () => {
  const lines = vocabularyLines();

  it('asserts the scope of every keyword of the table, and of every property key in each block it belongs to', () => {
    const asserted = new Set(lines.flatMap((l) => l.scopes.map(([word, scope]) => `${word} ${scope}`)));
    for (const word of Object.keys(WORDS) as Word[]) expect(asserted.has(`${word} ${wordScope(word)}`), word).toBe(true);
    for (const block of PROPERTY_BLOCKS) {
      for (const key of PROPERTY_KEYS[block]) {
        expect(
          lines.some((l) => l.text.startsWith(HEADERS[block]) && l.scopes.some(([word, scope]) => word === key && scope === PROPERTY_SCOPE)),
          `${key} in ${block}`,
        ).toBe(true);
      }
    }
  });

  it('is up to date with the vocabulary', async () => {
    await expect(grammarTestCase(lines)).toMatchFileSnapshot('./vocabulary.failover');
  });
});
