// The editor assets are plain JSON that VS Code reads without help from the build: a stray comma
// or a missing field only shows up as a silently broken editor, so the suite parses them strictly here.
// Token colours themselves are checked by `npm run test:grammar` (test/grammar/*.failover).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '../../server/src/core/syntax/parser';
import { KEYWORDS } from '../../server/src/core/syntax/tokens';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** A JSON file of the project, read as the shape the test expects of it (the test checks that shape). */
const readJson = <T>(path: string): T => JSON.parse(readFileSync(root + path, 'utf8')) as T;

interface Grammar {
  scopeName: string;
  name: unknown;
  patterns: unknown[];
  repository: Record<string, unknown>;
}

interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: unknown[];
  autoClosingPairs: unknown[];
  surroundingPairs: unknown[];
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  folding: { markers: { start: string; end: string } };
}

/** Every `match`/`begin`/`end` regex source in a grammar, however deeply nested. */
function regexSources(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => regexSources(child, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'match' || key === 'begin' || key === 'end') && typeof value === 'string') out.push(value);
      else regexSources(value, out);
    }
  }
  return out;
}

function includes(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => includes(child, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'include' && typeof value === 'string') out.push(value);
      else includes(value, out);
    }
  }
  return out;
}

/** The text a snippet inserts when every placeholder keeps its default and every choice its first option. */
function expandWithDefaults(body: string): string {
  const values = new Map<string, string>();
  let text = body;
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text
      .replace(/\$\{(\d+):([^${}]*)\}/g, (_, n: string, value: string) => (values.set(n, value), value))
      .replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_, n: string, choices: string) => {
        const first = choices.split(',')[0]!;
        values.set(n, first);
        return first;
      });
  }
  return text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a: string | undefined, b: string | undefined) => values.get((a ?? b)!) ?? '');
}

describe('syntaxes/failover.tmLanguage.json', () => {
  const grammar = readJson<Grammar>('syntaxes/failover.tmLanguage.json');

  it('is the source.failover grammar with top-level patterns', () => {
    expect(grammar.scopeName).toBe('source.failover');
    expect(typeof grammar.name).toBe('string');
    expect(Array.isArray(grammar.patterns) && grammar.patterns.length > 0).toBe(true);
  });

  it('includes only repository rules that exist', () => {
    for (const target of includes(grammar)) {
      expect(target === '$self' || target === '$base' || (target.startsWith('#') && target.slice(1) in grammar.repository), target).toBe(true);
    }
  });

  it('has regexes that at least compile as JavaScript regexes', () => {
    for (const source of regexSources(grammar)) expect(() => new RegExp(source), source).not.toThrow();
  });

  it('knows every keyword of the lexer', () => {
    const sources = regexSources(grammar);
    for (const keyword of KEYWORDS) {
      const alternative = new RegExp(`[(|:]${keyword.replace(/[.-]/g, '\\$&')}[|)]`);
      expect(
        sources.some((source) => alternative.test(source)),
        keyword,
      ).toBe(true);
    }
  });
});

describe('language-configuration.json', () => {
  const config = readJson<LanguageConfiguration>('language-configuration.json');

  it('comments with # and pairs braces and quotes', () => {
    expect(config.comments.lineComment).toBe('#');
    expect(config.brackets).toContainEqual(['{', '}']);
    expect(config.autoClosingPairs).toContainEqual({ open: '{', close: '}', notIn: ['string', 'comment'] });
    expect(config.autoClosingPairs).toContainEqual({ open: '"', close: '"', notIn: ['string', 'comment'] });
    expect(config.surroundingPairs).toContainEqual(['{', '}']);
    expect(config.surroundingPairs).toContainEqual(['"', '"']);
  });

  it('takes a whole name or number as one word', () => {
    const word = new RegExp(config.wordPattern, 'g');
    expect('group-a HQ.SUB1 reset-timer 1m30s 30% _x'.match(word)).toEqual(['group-a', 'HQ.SUB1', 'reset-timer', '1m30s', '30%', '_x']);
  });

  it('indents after an open brace and outdents at a closing one, ignoring braces in strings and comments', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    expect(increase.test('pool HQ {')).toBe(true);
    expect(increase.test('scenario "a } b" {   # a comment }')).toBe(true);
    expect(increase.test('pool HQ { group G phones 1 }')).toBe(false);
    expect(increase.test('# pool HQ {')).toBe(false);
    expect(increase.test('import "{"')).toBe(false);
    expect(decrease.test('  }')).toBe(true);
    expect(decrease.test('  at 1m crash CM1')).toBe(false);
  });

  it('folds # region / # endregion', () => {
    expect(new RegExp(config.folding.markers.start).test('  # region topology')).toBe(true);
    expect(new RegExp(config.folding.markers.end).test('# endregion')).toBe(true);
  });
});

describe('snippets/failover.code-snippets', () => {
  const snippets: Record<string, { prefix: unknown; body: unknown; description: unknown; scope?: unknown }> = readJson('snippets/failover.code-snippets');
  const entries = Object.entries(snippets);
  const lines = (body: unknown): string[] => (Array.isArray(body) ? body : [body]) as string[];

  it('gives every snippet a prefix, a body and a description', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const [name, snippet] of entries) {
      const prefixes = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
      expect(prefixes.length > 0 && prefixes.every((p) => typeof p === 'string' && p.length > 0), name).toBe(true);
      expect(
        lines(snippet.body).every((line) => typeof line === 'string'),
        name,
      ).toBe(true);
      expect(lines(snippet.body).join('').length, name).toBeGreaterThan(0);
      expect(typeof snippet.description === 'string' && snippet.description.length > 0, name).toBe(true);
      if (snippet.scope !== undefined) expect(snippet.scope, name).toBe('failover');
    }
  });

  it('offers the keywords and the named scenario shapes as prefixes', () => {
    const prefixes = entries.flatMap(([, s]) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
    for (const wanted of [
      'callmanager',
      'srst',
      'group',
      'pool',
      'settings',
      'scenario',
      'expect',
      'scenario-crash',
      'scenario-wan-cut',
      'sweep',
      'sweep-grid',
    ]) {
      expect(prefixes).toContain(wanted);
    }
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('expands, with its defaults, to text the parser accepts', () => {
    for (const [name, snippet] of entries) {
      const text = expandWithDefaults(lines(snippet.body).join('\n'));
      expect(text, name).not.toMatch(/\$/);
      const source = /^(at|expect)\b/.test(text) ? `scenario "snippet" {\n${text}\n}\n` : text;
      expect(parse(source).errors, `${name}:\n${source}`).toEqual([]);
    }
  });
});

describe('test/grammar/*.failover', () => {
  it('are grammar test cases, each with the SYNTAX TEST header', () => {
    const cases = readdirSync(root + 'test/grammar').filter((file) => file.endsWith('.failover'));
    expect(cases.length).toBeGreaterThan(0);
    for (const file of cases) {
      const header = readFileSync(root + 'test/grammar/' + file, 'utf8').split('\n')[0];
      expect(header, file).toMatch(/^# SYNTAX TEST "source\.failover" "[^"]+"$/);
    }
  });
});
