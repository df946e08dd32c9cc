// The vocabulary table drives the language: the lexer has a token for each of its keywords, the
// parser takes each block's keys and values as the table says, completion offers exactly those keys
// with the table's details, validation reports the table's ranges, settings start from its
// defaults, and hover shows its texts. (The TextMate grammar's side is test/grammar/vocabulary.test.ts.)
import { tokenMatcher } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../server/src/core/durations';
import { classifyNumber } from '../../server/src/core/syntax/numbers';
import { parse } from '../../server/src/core/syntax/parser';
import * as t from '../../server/src/core/syntax/tokens';
import {
  DEFAULT_SETTINGS,
  DURATION_UNITS,
  EVENT_WORDS,
  KNOBS,
  outOfRange,
  PROPERTIES,
  PROPERTY_BLOCKS,
  PROPERTY_KEYS,
  propertyDetail,
  REQUIRED_KEYS,
  WORDS,
  wordHover,
  type PropertyBlock,
  type PropertyEntry,
  type PropertyKey,
} from '../../server/src/core/syntax/vocabulary';
import type { Analysis } from '../../server/src/core/workspace/analysis';
import { completionContextAt } from '../../server/src/core/workspace/context-at';
import { effectiveSettings } from '../../server/src/core/workspace/settings';
import { completionItems } from '../../server/src/lsp/features/completion';
import { hoverAt } from '../../server/src/lsp/features/hover';
import { analyze, cursor } from '../support/fixtures';

const propertyKeys = Object.keys(PROPERTIES) as PropertyKey[];
const entry = (key: PropertyKey): PropertyEntry => PROPERTIES[key];

/** A block of kind `block` holding `body`, as a file's text. */
function blockText(block: PropertyBlock, body: string): string {
  const header = { settings: 'settings', callmanager: 'callmanager CM1', srst: 'srst R1', pool: 'pool P1' }[block];
  return `${header} { ${body} }\n`;
}

/** A value the table's kind of `key` accepts. */
function sampleValue(key: PropertyKey): string {
  const { value, names } = entry(key);
  return value === 'duration' ? '30s' : value === 'count' ? '5' : names === 'group' ? 'G' : 'R1';
}

/** The editor's view of one file of an analysis, as the language server builds it. */
function fileView(analysis: Analysis, key: string) {
  const unit = analysis.program.unit(key)!;
  return {
    uri: `file://${key}`,
    key,
    analysis,
    unit,
    lines: unit.lines,
    offsetAt: (position: { line: number; character: number }) => unit.lines.offsetAt(position),
    toRange: (range: { start: number; end: number }) => ({ start: unit.lines.positionAt(range.start), end: unit.lines.positionAt(range.end) }),
  };
}

describe('the vocabulary and the lexer', () => {
  it('has a keyword token for every word of the table, and no keyword outside it', () => {
    const tableWords = [...propertyKeys, ...Object.keys(WORDS)];
    expect(new Set(tableWords).size).toBe(tableWords.length - 2); // `group` and `srst` are items and pool properties
    expect([...t.KEYWORDS].sort()).toEqual([...new Set(tableWords)].sort());
  });

  it('puts exactly the property keys in the PropertyKey category, and the events in the action categories', () => {
    const tokenOf = (word: string) => t.failoverLexer.tokenize(word).tokens[0]!;
    for (const word of t.KEYWORDS) expect(tokenMatcher(tokenOf(word), t.PropertyKey), word).toBe(word in PROPERTIES);
    const actions = t.KEYWORDS.filter((word) => tokenMatcher(tokenOf(word), t.TargetAction) || tokenMatcher(tokenOf(word), t.PoolAction));
    expect([...actions, 'calls'].sort()).toEqual([...EVENT_WORDS].sort());
  });

  it('has the units numbers.ts reads', () => {
    for (const [unit, { ms }] of Object.entries(DURATION_UNITS))
      expect(classifyNumber(`1${unit}`, { start: 0, end: 0 })).toMatchObject({ kind: 'duration', ms });
  });
});

describe('the vocabulary and the parser', () => {
  it('takes in each block exactly the keys the table places there', () => {
    for (const block of PROPERTY_BLOCKS) {
      for (const key of propertyKeys) {
        const errors = parse(blockText(block, `${key} ${sampleValue(key)}`)).errors.map((e) => e.message);
        if (block in entry(key).places) expect(errors, `${key} in ${block}`).toEqual([]);
        else
          expect(errors, `${key} in ${block}`).toEqual([
            expect.stringMatching(new RegExp(`^\`${key}\` is not a (setting|property of an? [a-z ]+); use ${PROPERTY_KEYS[block].join(', ')}\\.$`)),
          ]);
      }
    }
  });

  it('asks for the kind of value the table gives each key', () => {
    const wanted = { duration: 'a duration such as 30s', count: 'a whole number', name: 'a name' };
    for (const key of propertyKeys) {
      const block = PROPERTY_BLOCKS.find((b) => b in entry(key).places)!;
      expect(parse(blockText(block, key)).errors.map((e) => e.message)).toEqual([`\`${key}\` needs ${wanted[entry(key).value]}.`]);
    }
  });
});

describe('the vocabulary and completion', () => {
  it("offers in each block exactly the table's keys, in its order, with its details", () => {
    for (const block of PROPERTY_BLOCKS) {
      const { text, offset } = cursor(blockText(block, '<|>'));
      const context = completionContextAt(text, offset);
      expect(context.site).toEqual({ kind: 'properties', block, given: [] });
      const { analysis } = analyze({ '/w/a.failover': text });
      const items = completionItems(fileView(analysis, '/w/a.failover'), context);
      expect(items.map((i) => i.label)).toEqual(PROPERTY_KEYS[block]);
      expect(items.map((i) => i.detail)).toEqual(PROPERTY_KEYS[block].map((key) => propertyDetail(block, key)));
    }
  });

  it('shows the defaults in the details of the settings', () => {
    expect(PROPERTY_KEYS.settings.map((key) => propertyDetail('settings', key))).toEqual([
      'StationKeepAliveInterval · default 30s',
      'keepalives missed before a hang is noticed · default 3',
      'TCP retry after a crash · default 25s',
      'default rate of callmanagers and srst routers · 100/s',
      'MaxPhonesFallBackQueueDepth · default 10',
      'wait before leaving SRST · default 2m',
      'boot time of a reset phone · default 1m',
    ]);
    expect(propertyDetail('callmanager', 'capacity')).toBe('registered phones it takes · default unlimited');
  });

  it('offers the events after `at TIME`, crash first, then expect', () => {
    const { text, offset } = cursor('scenario "s" {\n  at 1m <|>\n}\n');
    expect(completionContextAt(text, offset).site).toEqual({ kind: 'keywords', words: ['crash', ...EVENT_WORDS.filter((w) => w !== 'crash'), 'expect'] });
  });
});

describe('the vocabulary and validation', () => {
  /** The invalid-value messages of `key value` in each block the key belongs to. */
  function rangeMessages(key: PropertyKey, value: string): string[] {
    const messages = new Set<string>();
    for (const block of PROPERTY_BLOCKS.filter((b) => b in entry(key).places)) {
      const { analysis } = analyze({ '/w/a.failover': blockText(block, `${key} ${value}`) });
      for (const d of analysis.diagnostics('/w/a.failover')) if (d.code === 'invalid-value') messages.add(d.message);
    }
    return [...messages];
  }

  it("reports each value out of the table's range with the table's message", () => {
    for (const key of propertyKeys) {
      const { range, value } = entry(key);
      if (!range) continue;
      const written = (n: number) => (value === 'duration' ? formatDuration(n) : String(n));
      if (range.min !== undefined) expect(rangeMessages(key, written(range.min - 1)), key).toEqual([`Invalid value: ${outOfRange(key, range.min - 1)}.`]);
      if (range.min !== undefined) expect(rangeMessages(key, written(range.min)), key).toEqual([]);
      if (range.max !== undefined) expect(rangeMessages(key, written(range.max + 1)), key).toEqual([`Invalid value: ${outOfRange(key, range.max + 1)}.`]);
      if (range.max !== undefined) expect(rangeMessages(key, written(range.max)), key).toEqual([]);
    }
  });

  it("words the ranges as LANGUAGE.md's invalid-value row", () => {
    expect(outOfRange('keepalive', 999)).toBe('keepalive must be at least 1s (it is 999ms)');
    expect(outOfRange('missed-keepalives', 12_345)).toBe('missed-keepalives must be from 1 to 10 (it is 12345)');
    expect(outOfRange('tcp-retry', 300_001)).toBe('tcp-retry must be at most 5m (it is 5m1ms)');
    expect(outOfRange('registration-rate', 0)).toBe('registration-rate must be at least 1 (it is 0)');
    expect(outOfRange('fallback-queue-depth', 0)).toBe('fallback-queue-depth must be at least 1 (it is 0)');
    expect(outOfRange('capacity', 0)).toBe('capacity must be at least 1 (it is 0)');
    expect(outOfRange('phones', 20_000_000)).toBe('phones must be from 1 to 10,000,000 (it is 20,000,000)');
    for (const key of ['connection-monitor', 'reset-time', 'group', 'srst']) expect(outOfRange(key, 0), key).toBeUndefined();
  });

  it("reports a pool's missing required keys with what the table says each gives", () => {
    expect(REQUIRED_KEYS.pool.map(({ key }) => key)).toEqual(['group', 'phones']);
    const { analysis } = analyze({ '/w/a.failover': 'pool P { srst R }\nsrst R\n' });
    expect(analysis.diagnostics('/w/a.failover').find((d) => d.code === 'missing-property')?.message).toBe(
      'Pool `P` needs `group` and `phones`: the CallManager group its phones register with, and how many phones it has (e.g. phones 1200).',
    );
  });
});

describe('the vocabulary and settings', () => {
  it("starts every file from the table's defaults, SIMULATION.md's figures", () => {
    expect(DEFAULT_SETTINGS).toEqual({
      keepalive: 30_000,
      'missed-keepalives': 3,
      'tcp-retry': 25_000,
      'registration-rate': 100,
      'fallback-queue-depth': 10,
      'connection-monitor': 120_000,
      'reset-time': 60_000,
    });
    const { analysis } = analyze({ '/w/a.failover': 'callmanager CM1\n' });
    expect(effectiveSettings(analysis.program, '/w/a.failover').values).toEqual(DEFAULT_SETTINGS);
  });

  it("offers as sweep knobs LANGUAGE.md's list: every setting, and the definitions' numeric properties", () => {
    expect(KNOBS).toEqual({
      settings: ['keepalive', 'missed-keepalives', 'tcp-retry', 'registration-rate', 'fallback-queue-depth', 'connection-monitor', 'reset-time'],
      callmanager: ['capacity', 'registration-rate', 'fallback-queue-depth'],
      srst: ['capacity', 'registration-rate'],
      pool: ['phones', 'connection-monitor'],
    });
  });
});

describe('the vocabulary and hover', () => {
  const TEXT = `import "b.failover"
settings { keepalive 30s }
callmanager CM1 { capacity 10 }
srst R1 { capacity 5 }
group G { CM1 }
pool P1 { group G srst R1 phones 10 connection-monitor 1m }
scenario "s" {
  at 1m crash CM1
  at 2m stop CM1
  at 3m hang CM1
  at 4m recover CM1
  at 5m isolate P1
  at 6m reconnect P1
  at 7m reset P1
  at 8m calls P1 all lasting 1m
  at 9m expect P1 on unregistered == none
  expect outage P1 <= 1m
  expect peak CM1 <= 10
  expect settled by 1h
}
sweep "w" {
  scenario "s"
  vary keepalive from 10s to 20s step 10s
}
`;
  const { analysis } = analyze({ '/w/a.failover': TEXT, '/w/b.failover': '' });
  const view = fileView(analysis, '/w/a.failover');
  const hoverOn = (word: string) => hoverAt(view, TEXT.indexOf(word), undefined)?.markdown;

  it("shows each step word's text (and each sweep word's), with this scenario's figures", () => {
    const scenarioStart = TEXT.indexOf('scenario');
    for (const word of Object.keys(WORDS) as (keyof typeof WORDS)[]) {
      if (WORDS[word].role === 'item') continue;
      const offset = TEXT.slice(scenarioStart).search(new RegExp(`(?<=\\s)${word}(?=\\s)`)) + scenarioStart;
      const line = TEXT.slice(TEXT.lastIndexOf('\n', offset) + 1, TEXT.indexOf('\n', offset));
      const at = WORDS[word].role === 'event' ? Number(/at (\d+)m/.exec(line)![1]) * 60_000 : undefined;
      expect(hoverAt(view, offset, undefined)?.markdown, word).toContain(wordHover(word, { settings: DEFAULT_SETTINGS, at }));
    }
  });

  it("shows the item words' texts where they do not stand for a definition", () => {
    expect(hoverOn('import')).toBe(WORDS.import.hover);
    expect(hoverOn('settings')).toBe(WORDS.settings.hover);
  });

  it("shows each property's meaning in each block it belongs to", () => {
    let shown = 0;
    for (const [block, marker] of [
      ['settings', 'settings {'],
      ['callmanager', 'CM1 {'],
      ['srst', 'R1 {'],
      ['pool', 'P1 {'],
    ] as const) {
      const lineStart = TEXT.lastIndexOf('\n', TEXT.indexOf(marker)) + 1;
      const line = TEXT.slice(lineStart, TEXT.indexOf('\n', lineStart));
      for (const key of PROPERTY_KEYS[block].filter((k) => line.includes(` ${k} `))) {
        const markdown = hoverAt(view, lineStart + line.indexOf(` ${key} `) + 1, undefined)?.markdown;
        expect(markdown, `${key} in ${block}`).toContain(entry(key).places[block]?.hover ?? entry(key).hover);
        shown++;
      }
    }
    expect(shown).toBe(7);
  });
});
