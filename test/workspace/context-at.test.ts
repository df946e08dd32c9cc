import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completionContextAt, type CompletionSite } from '../../server/src/core/workspace/context-at';
import { cursor } from '../support/fixtures';

/** The completion site at the `<|>` of a fixture text. */
function siteAt(marked: string): CompletionSite {
  const { text, offset } = cursor(marked);
  return completionContextAt(text, offset).site;
}

const TOPOLOGY = `callmanager CM1 { capacity 2500 }
callmanager CM2
srst BR1-RTR
group HQ-GROUP { CM1, CM2 }
pool HQ { group HQ-GROUP phones 1200 }
`;

describe('completion context: top level', () => {
  it('offers the item keywords, and import before the first item', () => {
    expect(siteAt('<|>')).toEqual({ kind: 'top-level', importAllowed: true });
    expect(siteAt('import "a.failover"\n<|>')).toEqual({ kind: 'top-level', importAllowed: true });
    expect(siteAt(`${TOPOLOGY}<|>`)).toEqual({ kind: 'top-level', importAllowed: false });
    expect(siteAt(`${TOPOLOGY}po<|>`)).toEqual({ kind: 'top-level', importAllowed: false });
  });

  it('offers nothing where a new name is being written', () => {
    expect(siteAt('callmanager <|>')).toEqual({ kind: 'nothing' });
    expect(siteAt('pool HQ<|>')).toEqual({ kind: 'nothing' });
    expect(siteAt('pool HQ <|>')).toEqual({ kind: 'nothing' });
  });

  it('offers the next item after a callmanager without a block', () => {
    expect(siteAt('callmanager CM1 <|>')).toEqual({ kind: 'top-level', importAllowed: false });
  });

  it('offers nothing inside a comment or a string', () => {
    expect(siteAt('# a comment <|>')).toEqual({ kind: 'nothing' });
    expect(siteAt('import "top<|>')).toEqual({ kind: 'nothing' });
    expect(siteAt('scenario "a <|>b" {}')).toEqual({ kind: 'nothing' });
  });
});

describe('completion context: definition blocks', () => {
  it('offers only CallManagers in a group, not those already listed (before or after the cursor)', () => {
    expect(siteAt('group G { <|>')).toEqual({ kind: 'names', kinds: ['callmanager'], exclude: [] });
    expect(siteAt('group G {<|>')).toEqual({ kind: 'names', kinds: ['callmanager'], exclude: [] });
    expect(siteAt('group G { CM1, <|> }')).toEqual({ kind: 'names', kinds: ['callmanager'], exclude: ['CM1'] });
    expect(siteAt('group G { CM1, C<|>, CM3 }\npool P { group G }')).toEqual({ kind: 'names', kinds: ['callmanager'], exclude: ['CM1', 'CM3'] });
  });

  it('offers nothing between two members before a comma', () => {
    expect(siteAt('group G { CM1 <|>')).toEqual({ kind: 'nothing' });
  });

  it('offers groups after `group` and srst routers after `srst` in a pool', () => {
    expect(siteAt('pool P { group <|>')).toEqual({ kind: 'names', kinds: ['group'], exclude: [] });
    expect(siteAt('pool P {\n  group HQ-<|>\n}')).toEqual({ kind: 'names', kinds: ['group'], exclude: [] });
    expect(siteAt('pool P { group G srst <|> }')).toEqual({ kind: 'names', kinds: ['srst'], exclude: [] });
  });

  it('offers the properties of a block that are not given yet', () => {
    expect(siteAt('pool P { group G <|> phones 10 }')).toEqual({ kind: 'properties', block: 'pool', given: ['group', 'phones'] });
    expect(siteAt('callmanager CM1 { <|> }')).toEqual({ kind: 'properties', block: 'callmanager', given: [] });
    expect(siteAt('srst R { capacity 4 <|>')).toEqual({ kind: 'properties', block: 'srst', given: ['capacity'] });
    expect(siteAt('settings { keepalive 30s <|> }')).toEqual({ kind: 'properties', block: 'settings', given: ['keepalive'] });
    expect(siteAt('pool { <|> }')).toEqual({ kind: 'properties', block: 'pool', given: [] });
  });

  it('treats a block left open as closed by the next item, as the parser does', () => {
    expect(siteAt('pool P { group G\ncallmanager CM1 { <|> }')).toEqual({ kind: 'properties', block: 'callmanager', given: [] });
    expect(siteAt('pool P { group G\ngroup H { <|> }')).toEqual({ kind: 'names', kinds: ['callmanager'], exclude: [] });
  });

  it('offers units after a number in a duration property, nothing after other numbers', () => {
    expect(siteAt('settings { keepalive 30<|> }')).toEqual({ kind: 'unit', number: '30' });
    expect(siteAt('pool P { connection-monitor 1m30<|> }')).toEqual({ kind: 'unit', number: '1m30' });
    expect(siteAt('pool P { phones 12<|> }')).toEqual({ kind: 'nothing' });
    expect(siteAt('callmanager CM1 { capacity <|> }')).toEqual({ kind: 'nothing' });
  });
});

describe('completion context: scenarios', () => {
  const inScenario = (body: string) => siteAt(`${TOPOLOGY}scenario "s" {\n  ${body}\n}`);

  it('offers the step keywords at the start of a step', () => {
    expect(inScenario('<|>')).toEqual({ kind: 'scenario-step' });
    expect(inScenario('at 1m crash CM1\n  <|>')).toEqual({ kind: 'scenario-step' });
    expect(inScenario('settings { tcp-retry 20s }\n  <|>')).toEqual({ kind: 'scenario-step' });
  });

  it('offers events and `expect` after `at TIME`', () => {
    expect(inScenario('at 1m <|>')).toEqual({
      kind: 'keywords',
      words: ['crash', 'stop', 'hang', 'recover', 'isolate', 'reconnect', 'reset', 'calls', 'expect'],
    });
    expect(inScenario('at 1m cr<|>')).toMatchObject({ kind: 'keywords' });
  });

  it('offers targets after crash, stop, hang and recover; pools after isolate, reconnect, reset and calls', () => {
    for (const action of ['crash', 'stop', 'hang', 'recover'])
      expect(inScenario(`at 1m ${action} <|>`)).toEqual({ kind: 'names', kinds: ['callmanager', 'srst'], exclude: [] });
    for (const action of ['isolate', 'reconnect', 'reset', 'calls'])
      expect(inScenario(`at 1m ${action} <|>`)).toEqual({ kind: 'names', kinds: ['pool'], exclude: [] });
  });

  it('walks a `calls` step: count words, `lasting`, then units', () => {
    expect(inScenario('at 0s calls HQ <|>')).toEqual({ kind: 'keywords', words: ['all', 'none'] });
    expect(inScenario('at 0s calls HQ 30% <|>')).toEqual({ kind: 'keywords', words: ['lasting'] });
    expect(inScenario('at 0s calls HQ 30% lasting 10<|>')).toEqual({ kind: 'unit', number: '10' });
    expect(inScenario('at 0s calls HQ 3<|>')).toEqual({ kind: 'nothing' });
  });

  it('offers units after a bare number in `at`, `expect outage` and `settled by`', () => {
    expect(inScenario('at 5<|>')).toEqual({ kind: 'unit', number: '5' });
    expect(inScenario('expect outage HQ <= 2<|>')).toEqual({ kind: 'unit', number: '2' });
    expect(inScenario('expect settled by 45<|>')).toEqual({ kind: 'unit', number: '45' });
    expect(inScenario('at 5m<|>')).toEqual({ kind: 'nothing' });
  });

  it('walks the expectations', () => {
    expect(inScenario('expect <|>')).toEqual({ kind: 'keywords', words: ['outage', 'peak', 'settled'] });
    expect(inScenario('expect outage <|>')).toEqual({ kind: 'names', kinds: ['pool'], exclude: [] });
    expect(inScenario('expect peak <|>')).toEqual({ kind: 'names', kinds: ['callmanager', 'srst'], exclude: [] });
    expect(inScenario('expect settled <|>')).toEqual({ kind: 'keywords', words: ['by'] });
    expect(inScenario('at 5m expect <|>')).toEqual({ kind: 'names', kinds: ['pool'], exclude: [] });
    expect(inScenario('at 5m expect HQ <|>')).toEqual({ kind: 'keywords', words: ['on'] });
    expect(inScenario('at 5m expect HQ on <|>')).toEqual({ kind: 'expect-target', pool: 'HQ' });
    expect(inScenario('at 5m expect HQ on CM2 <|>')).toEqual({ kind: 'keywords', words: ['==', '>=', '<=', '!=', '>', '<'], orStep: true });
    expect(inScenario('at 5m expect HQ on CM2 >= <|>')).toEqual({ kind: 'keywords', words: ['all', 'none'] });
  });

  it('offers setting keys in a scenario settings block', () => {
    expect(inScenario('settings { tcp-retry 20s <|> }')).toEqual({ kind: 'properties', block: 'settings', given: ['tcp-retry'] });
  });
});

describe('completion context: robustness', () => {
  const fragments = [
    'callmanager',
    'srst',
    'group',
    'pool',
    'scenario',
    'settings',
    'import',
    'at',
    'expect',
    'on',
    'calls',
    'lasting',
    'crash',
    'outage',
    'peak',
    'settled',
    'by',
    'keepalive',
    'phones',
    'CM1',
    'HQ',
    '{',
    '}',
    ',',
    ' ',
    '\n',
    '"',
    '"t"',
    '# c',
    '5',
    '1m',
    '30%',
    '==',
    '>=',
    '@',
    '1__0',
    'all',
  ];

  it('never throws, whatever the text and the offset', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 40 }), fc.nat(), (parts, n) => {
        const text = parts.join('');
        const offset = text.length === 0 ? 0 : n % (text.length + 1);
        const context = completionContextAt(text, offset);
        expect(context.word.start).toBeLessThanOrEqual(offset);
        expect(context.word.end).toBeGreaterThanOrEqual(offset);
      }),
      { numRuns: 2000 },
    );
  });
});
