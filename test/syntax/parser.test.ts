import { describe, expect, it } from 'vitest';
import type * as ast from '../../server/src/core/syntax/ast';
import { classifyNumber } from '../../server/src/core/syntax/numbers';
import { parse } from '../../server/src/core/syntax/parser';
import { failoverLexer } from '../../server/src/core/syntax/tokens';

const R = { start: 0, end: 0 };
const items = (text: string) => {
  const result = parse(text);
  expect(result.errors).toEqual([]);
  return result.file.items;
};
const errorsOf = (text: string) => parse(text).errors.map((e) => `${e.message} @ ${text.slice(e.range.start, e.range.end)}`);
const slice = (text: string, range: ast.Range | undefined) => (range ? text.slice(range.start, range.end) : undefined);

describe('lexical rules', () => {
  it('reads integers with single underscores between digits and leading zeros', () => {
    expect(classifyNumber('1_200', R)).toMatchObject({ kind: 'int', value: 1200 });
    expect(classifyNumber('007', R)).toMatchObject({ kind: 'int', value: 7 });
    expect(classifyNumber('1__0', R).kind).toBe('malformed');
    expect(classifyNumber('10_', R).kind).toBe('malformed');
  });

  it('reads durations whose parts add up in any order', () => {
    expect(classifyNumber('250ms', R)).toMatchObject({ kind: 'duration', ms: 250 });
    expect(classifyNumber('1m30s', R)).toMatchObject({ kind: 'duration', ms: 90_000 });
    expect(classifyNumber('30s1m', R)).toMatchObject({ kind: 'duration', ms: 90_000 });
    expect(classifyNumber('2h', R)).toMatchObject({ kind: 'duration', ms: 7_200_000 });
    expect(classifyNumber('1_000ms', R)).toMatchObject({ kind: 'duration', ms: 1000 });
  });

  it('rejects a part without a unit, a unit running into letters, and decimals', () => {
    expect(classifyNumber('1m30', R)).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('no unit') });
    expect(classifyNumber('5mins', R)).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('units are ms, s, m and h') });
    expect(classifyNumber('1.5s', R)).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('decimal') });
  });

  it('reads percents', () => {
    expect(classifyNumber('30%', R)).toMatchObject({ kind: 'percent', value: 30 });
    expect(classifyNumber('3s%', R).kind).toBe('malformed');
  });

  it('does not let keywords split longer names', () => {
    const { tokens } = failoverLexer.tokenize('group-a groups reset-time reset-timer calls callmanager Crash at1');
    expect(tokens.map((t) => `${t.tokenType.name}:${t.image}`)).toEqual([
      'Name:group-a',
      'Name:groups',
      'kw:reset-time:reset-time',
      'Name:reset-timer',
      'kw:calls:calls',
      'kw:callmanager:callmanager',
      'Name:Crash',
      'Name:at1',
    ]);
  });

  it('keeps comments and reads escaped strings', () => {
    const text = 'scenario "a \\"quoted\\" \\\\ title" { at 0s stop X } # trailing';
    const result = parse(text);
    expect(result.errors).toEqual([]);
    expect((result.file.items[0] as ast.ScenarioDecl).title?.value).toBe('a "quoted" \\ title');
    expect(result.file.comments.map((c) => c.text)).toEqual(['# trailing']);
  });
});

describe('grammar', () => {
  it('parses imports before items', () => {
    const text = 'import "topology.failover"\nimport "../site/x.failover"\ncallmanager CM1';
    const file = parse(text).file;
    expect(file.imports.map((i) => i.path?.value)).toEqual(['topology.failover', '../site/x.failover']);
    expect(slice(text, file.imports[0]!.range)).toBe('import "topology.failover"');
  });

  it('parses every setting of a settings block', () => {
    const text =
      'settings { keepalive 30s missed-keepalives 3 tcp-retry 25s registration-rate 100 fallback-queue-depth 10 connection-monitor 2m reset-time 1m }';
    const [block] = items(text) as [ast.SettingsBlock];
    expect(block.entries.map((e) => [e.key, e.value?.text])).toEqual([
      ['keepalive', '30s'],
      ['missed-keepalives', '3'],
      ['tcp-retry', '25s'],
      ['registration-rate', '100'],
      ['fallback-queue-depth', '10'],
      ['connection-monitor', '2m'],
      ['reset-time', '1m'],
    ]);
    expect(slice(text, block.range)).toBe(text);
  });

  it('parses callmanagers and srst routers with and without a block', () => {
    const text =
      'callmanager CM1 { capacity 2500 registration-rate 125 fallback-queue-depth 5 }\ncallmanager CM3\nsrst BR1-RTR { capacity 48 registration-rate 20 }\nsrst BR2';
    const [cm1, cm3, br1, br2] = items(text) as [ast.CallManagerDecl, ast.CallManagerDecl, ast.SrstDecl, ast.SrstDecl];
    expect(cm1.name?.text).toBe('CM1');
    expect(cm1.properties.map((p) => [p.key, p.value?.text])).toEqual([
      ['capacity', '2500'],
      ['registration-rate', '125'],
      ['fallback-queue-depth', '5'],
    ]);
    expect(cm3).toMatchObject({ kind: 'callmanager', name: { text: 'CM3' }, properties: [] });
    expect(slice(text, cm3.range)).toBe('callmanager CM3');
    expect(br1.properties.map((p) => p.key)).toEqual(['capacity', 'registration-rate']);
    expect(br2).toMatchObject({ kind: 'srst', name: { text: 'BR2' } });
  });

  it('parses groups with a trailing comma', () => {
    const [group] = items('group HQ-GROUP { CM1, CM2, CM3, }') as [ast.GroupDecl];
    expect(group.members.map((m) => m.text)).toEqual(['CM1', 'CM2', 'CM3']);
  });

  it('parses pools', () => {
    const [pool] = items('pool BRANCH1 {\n  group BR-GROUP\n  srst BR1-RTR\n  phones 40\n  connection-monitor 60s\n}') as [ast.PoolDecl];
    expect(pool.properties.map((p) => [p.key, p.value && ('text' in p.value ? p.value.text : '')])).toEqual([
      ['group', 'BR-GROUP'],
      ['srst', 'BR1-RTR'],
      ['phones', '40'],
      ['connection-monitor', '60s'],
    ]);
  });

  it('parses every event form', () => {
    const text = `scenario "all events" {
  at 0s calls HQ 30% lasting 10m
  at 1s calls HQ 12 lasting 1m30s
  at 2s calls HQ all lasting 0
  at 3s calls HQ none lasting 5m
  at 1m stop CM1
  at 1m crash CM1
  at 1m hang CM1
  at 2m recover CM1
  at 3m isolate HQ
  at 4m reconnect HQ
  at 5m reset HQ
}`;
    const [scenario] = items(text) as [ast.ScenarioDecl];
    expect(scenario.title?.value).toBe('all events');
    const events = scenario.steps as ast.EventStep[];
    expect(events.map((e) => [e.action, e.subject?.text, e.at?.text])).toEqual([
      ['calls', 'HQ', '0s'],
      ['calls', 'HQ', '1s'],
      ['calls', 'HQ', '2s'],
      ['calls', 'HQ', '3s'],
      ['stop', 'CM1', '1m'],
      ['crash', 'CM1', '1m'],
      ['hang', 'CM1', '1m'],
      ['recover', 'CM1', '2m'],
      ['isolate', 'HQ', '3m'],
      ['reconnect', 'HQ', '4m'],
      ['reset', 'HQ', '5m'],
    ]);
    expect(events.slice(0, 4).map((e) => e.count?.kind)).toEqual(['percent', 'int', 'all', 'none']);
    expect(events[1]!.lasting).toMatchObject({ kind: 'duration', ms: 90_000 });
    expect(events[2]!.lasting).toMatchObject({ kind: 'int', value: 0 });
    expect(slice(text, events[0]!.range)).toBe('at 0s calls HQ 30% lasting 10m');
  });

  it('parses every expectation form', () => {
    const text = `scenario "expectations" {
  at 5m expect HQ on CM2 >= 800
  at 40m expect HQ on CM1
  at 1m expect HQ on unregistered == none
  at 2m expect HQ on CM1 != 30%
  at 2m expect HQ on CM1 < 5
  at 2m expect HQ on CM1 > 5
  at 2m expect HQ on CM1 <= all
  expect outage HQ <= 5m
  expect peak CM2 <= 2500
  expect settled by 45m
}`;
    const [scenario] = items(text) as [ast.ScenarioDecl];
    const steps = scenario.steps;
    expect(steps.map((s) => s.kind)).toEqual([
      'expect-on',
      'expect-on',
      'expect-on',
      'expect-on',
      'expect-on',
      'expect-on',
      'expect-on',
      'expect-outage',
      'expect-peak',
      'expect-settled',
    ]);
    const on = steps.slice(0, 7) as ast.ExpectOnStep[];
    expect(on.map((s) => [s.pool?.text, s.target && ('text' in s.target ? s.target.text : s.target.kind), s.comparison?.op, s.count?.kind])).toEqual([
      ['HQ', 'CM2', '>=', 'int'],
      ['HQ', 'CM1', undefined, undefined],
      ['HQ', 'unregistered', '==', 'none'],
      ['HQ', 'CM1', '!=', 'percent'],
      ['HQ', 'CM1', '<', 'int'],
      ['HQ', 'CM1', '>', 'int'],
      ['HQ', 'CM1', '<=', 'all'],
    ]);
    expect(steps[7]).toMatchObject({ kind: 'expect-outage', pool: { text: 'HQ' }, comparison: { op: '<=' }, value: { kind: 'duration', ms: 300_000 } });
    expect(steps[8]).toMatchObject({ kind: 'expect-peak', target: { text: 'CM2' }, comparison: { op: '<=' }, value: { kind: 'int', value: 2500 } });
    expect(steps[9]).toMatchObject({ kind: 'expect-settled', by: { kind: 'duration', ms: 2_700_000 } });
  });

  it('parses a scenario settings block anywhere in the scenario', () => {
    const [scenario] = items('scenario "s" { at 1m crash CM1 settings { tcp-retry 20s } }') as [ast.ScenarioDecl];
    expect(scenario.steps.map((s) => s.kind)).toEqual(['event', 'settings']);
  });

  it('attaches comment lines directly above a definition as its documentation', () => {
    const text = '# not documentation: a blank line follows\n\n## The primary\n# at HQ\ncallmanager CM1 # trailing\ncallmanager CM2';
    const [cm1, cm2] = items(text) as [ast.CallManagerDecl, ast.CallManagerDecl];
    expect(cm1.doc).toBe('The primary\nat HQ');
    expect(cm2.doc).toBeUndefined();
  });

  it('gives exact ranges', () => {
    const text = 'pool HQ { group G phones 1_200 }';
    const [pool] = items(text) as [ast.PoolDecl];
    expect(slice(text, pool.name!.range)).toBe('HQ');
    expect(slice(text, pool.keywordRange)).toBe('pool');
    expect(slice(text, pool.properties[1]!.range)).toBe('phones 1_200');
    expect(slice(text, pool.properties[1]!.keyRange)).toBe('phones');
    expect(slice(text, pool.range)).toBe(text);
  });
});

describe('syntax errors', () => {
  it('reports a keyword used as a name', () => {
    expect(errorsOf('callmanager phones')).toEqual([
      'Expected the callmanager name after `callmanager` (`phones` is a keyword and cannot be a name). @ callmanager',
    ]);
  });

  it('reports an import after an item', () => {
    expect(errorsOf('callmanager X\nimport "a.failover"')).toEqual([
      'An `import` must come before every definition, settings block and scenario: move it to the top of the file. @ import "a.failover"',
    ]);
  });

  it('reports a malformed number once', () => {
    expect(errorsOf('pool P { group G phones 1m30 }')).toEqual(['`1m30`: the part `30` has no unit; add ms, s, m or h @ 1m30']);
    expect(errorsOf('scenario "s" { at 5mins crash X }')).toHaveLength(1);
  });

  it('says to write a number without thousands separators, keeping the rest of the file', () => {
    expect(errorsOf('pool P { group G phones 1,500 }')).toEqual(['`1,500`: numbers have no thousands separators: write `1500` or `1_500` @ 1,500']);
    expect(errorsOf('scenario "s" {\n  at 0s calls P 10,000,000 lasting 1m\n}')).toEqual([
      '`10,000,000`: numbers have no thousands separators: write `10000000` or `10_000_000` @ 10,000,000',
    ]);
    expect(errorsOf('scenario "s" {\n  at 1,5s crash X\n}')).toEqual([
      '`1,5s` is not a number: `,` only separates group members, and numbers are whole (write 1500ms, not 1,5s) @ 1,5s',
    ]);
    // The `500` is not left over as a stray word: the pool and what follows it parse.
    const result = parse('pool P { group G phones 1,500 }\ncallmanager C');
    expect(result.file.items.map((i) => i.kind)).toEqual(['pool', 'callmanager']);
    expect((result.file.items[0] as ast.PoolDecl).properties.map((p) => p.key)).toEqual(['group', 'phones']);
  });

  it('says that rates are per second and written bare', () => {
    expect(errorsOf('settings { registration-rate 40/s }')).toEqual([
      '`40/s`: `registration-rate` is per second and written bare: write `registration-rate 40` @ 40/s',
    ]);
    expect(errorsOf('callmanager C { registration-rate 2400/min capacity 10 }')).toEqual([
      '`2400/min`: `registration-rate` is per second and written bare: write `registration-rate 40` @ 2400/min',
    ]);
    expect(errorsOf('srst S { registration-rate 10/h }')).toEqual([
      '`10/h`: `registration-rate` is per second and written bare: write a whole number per second, e.g. `registration-rate 100` @ 10/h',
    ]);
    expect(errorsOf('pool P { group G phones 10/s }')).toEqual(['`10/s` is not a number: write it bare (`10`); rates are per second @ 10/s']);
  });

  it('leaves a time whose last part has no unit, or whose unit stands apart, to missing-unit, and reads the unit with the number', () => {
    const text = 'settings { keepalive 30 s }\nscenario "s" {\n  at 1m30 crash X\n  at 2 minutes calls P 1 lasting 5 m\n}';
    const result = parse(text);
    expect(result.errors).toEqual([]);
    const [settings, scenario] = result.file.items as [ast.SettingsBlock, ast.ScenarioDecl];
    expect(settings.entries[0]!.value).toMatchObject({ kind: 'int', value: 30, text: '30', unitApart: { unit: 's', text: 's' } });
    expect(slice(text, settings.entries[0]!.range)).toBe('keepalive 30 s');
    const [crash, calls] = scenario.steps as [ast.EventStep, ast.EventStep];
    expect(crash.at).toMatchObject({ kind: 'malformed', text: '1m30', unitless: { part: '30', unit: 's' } });
    expect(calls.at).toMatchObject({ kind: 'int', value: 2, unitApart: { unit: 'm', text: 'minutes' } });
    expect(calls.lasting).toMatchObject({ kind: 'int', value: 5, unitApart: { unit: 'm' } });
    // Where a count is expected a unitless part stays a syntax error, and a unit word is not taken.
    expect(errorsOf('pool P { group G phones 1m30 }')).toHaveLength(1);
    expect(errorsOf('callmanager C { capacity 30 s }')).toHaveLength(1);
    // A unit on the next line is not the number's.
    expect(errorsOf('scenario "s" {\n  at 1m calls P 1 lasting 3\n  s\n}')).toEqual(['Unexpected `s`: expected `at`, `expect`, `settings` or `}`. @ s']);
  });

  it('reports a property that does not belong to the block', () => {
    expect(errorsOf('pool P { capacity 10 group G phones 1 }')).toEqual([
      '`capacity` is not a property of a pool; use group, srst, phones, connection-monitor. @ capacity',
    ]);
    expect(errorsOf('srst S { fallback-queue-depth 3 }')).toHaveLength(1);
  });

  it('reports a value of the wrong shape', () => {
    expect(errorsOf('callmanager C { capacity 10s }')).toEqual(['`capacity` needs a whole number, not `10s`. @ 10s']);
    expect(errorsOf('pool P { group 12 phones 1 }')).toEqual(['`group` needs a name, not the number `12`. @ 12']);
    expect(errorsOf('callmanager C { capacity }')).toEqual(['`capacity` needs a whole number. @ capacity']);
  });

  it('reports an unterminated string', () => {
    expect(errorsOf('scenario "open { at 1m crash X }')).toEqual([
      'Unterminated string: close the scenario title with `"` on the same line. @ "open { at 1m crash X }',
    ]);
  });

  it('reports unexpected characters', () => {
    expect(errorsOf('callmanager X @ callmanager Y')).toEqual(['Unexpected character `@`. @ @']);
  });

  it('reports incomplete steps with what is missing', () => {
    expect(errorsOf('scenario "s" {\n at crash X\n}')).toEqual(['Expected a time after `at`, e.g. at 1m30s. @ at']);
    expect(errorsOf('scenario "s" {\n at 1m calls HQ lasting 1m\n}')).toEqual([
      'Expected how many calls after the pool: a number, a percent, all or none. @ HQ',
    ]);
    expect(errorsOf('scenario "s" {\n at 1m expect HQ CM1\n}')).toHaveLength(1);
    expect(errorsOf('scenario "s" {\n expect HQ on CM1\n}')).toEqual(['A count expectation needs a time: write `at TIME expect HQ on …`. @ expect HQ']);
    expect(errorsOf('scenario "s" {\n expect settled 45m\n}')).toEqual(['Expected `by` and a time, e.g. expect settled by 45m. @ settled']);
  });

  it('never throws, whatever the input', () => {
    for (const text of ['', '{', '}', '"', '#', 'scenario', 'at 1m', 'group G {', 'pool P {', '\u0000\u0001', 'import', ',,,', '=== != <<>>']) {
      expect(() => parse(text)).not.toThrow();
    }
  });
});

describe('error recovery: one problem, one diagnostic, the rest still parsed', () => {
  it('recovers from a missing closing brace', () => {
    const result = parse('callmanager CM1 { capacity 10\ncallmanager CM2\ngroup G { CM1, CM2 }\npool P { group G phones 5 }');
    expect(result.errors.map((e) => e.message)).toEqual(['Missing `}` to close the callmanager block.']);
    expect(result.file.items.map((i) => `${i.kind}:${'name' in i ? i.name?.text : ''}`)).toEqual(['callmanager:CM1', 'callmanager:CM2', 'group:G', 'pool:P']);
  });

  it('recovers from a misspelled keyword at the top level', () => {
    const result = parse('calmanager CM1 { capacity 10 }\ncallmanager CM2\ngroup G { CM2 }');
    expect(result.errors.map((e) => e.message)).toEqual([
      'Unexpected `calmanager`: expected import, settings, callmanager, srst, group, pool, scenario or sweep. Did you mean `callmanager`?',
    ]);
    expect(result.file.items.map((i) => i.kind)).toEqual(['callmanager', 'group']);
  });

  it('recovers from a misspelled property', () => {
    const result = parse('callmanager CM1 { capcity 2500 }\ncallmanager CM2');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toContain('Did you mean `capacity`?');
    expect(result.file.items).toHaveLength(2);
  });

  it('recovers from a misspelled event', () => {
    const result = parse('scenario "s" {\n  at 5m crsh CM1\n  at 6m crash CM1\n}\ncallmanager CM1');
    expect(result.errors.map((e) => e.message)).toEqual([
      'Unknown event `crsh`: expected stop, crash, hang, recover, isolate, reconnect, reset, calls or expect. Did you mean `crash`?',
    ]);
    const scenario = result.file.items[0] as ast.ScenarioDecl;
    expect((scenario.steps[1] as ast.EventStep).action).toBe('crash');
    expect(result.file.items[1]!.kind).toBe('callmanager');
  });

  it('recovers from stray tokens', () => {
    const result = parse('} callmanager CM1\ngroup G { CM1 CM1 }\n42 pool P { group G phones 1 }');
    expect(result.errors.map((e) => e.message)).toEqual([
      'Unexpected `}`: expected import, settings, callmanager, srst, group, pool, scenario or sweep.',
      'Expected `,` between group members, before `CM1`.',
      'Unexpected `42`: expected import, settings, callmanager, srst, group, pool, scenario or sweep.',
    ]);
    expect(result.file.items.map((i) => i.kind)).toEqual(['callmanager', 'group', 'pool']);
  });

  it('ends the silence after an error with every complete construct, an import as much as a definition', () => {
    // A stray word on the line after a broken construct is a problem of its own.
    expect(errorsOf('import "abc\nbogus\ncallmanager A')).toEqual([
      'Unterminated string: close it with `"` on the same line. @ "abc',
      'Unexpected `bogus`: expected import, settings, callmanager, srst, group, pool, scenario or sweep. @ bogus',
    ]);
    expect(errorsOf('callmanager A { capacity }\nbogus')).toEqual([
      '`capacity` needs a whole number. @ capacity',
      'Unexpected `bogus`: expected import, settings, callmanager, srst, group, pool, scenario or sweep. @ bogus',
    ]);
  });

  it('names an invisible or control character by its code point', () => {
    expect(errorsOf('callmanager A\u0000')).toEqual(['Unexpected character U+0000. @ \u0000']);
    expect(errorsOf('callmanager A @')).toEqual(['Unexpected character `@`. @ @']);
  });

  it('recovers from a block left open at the end of the file', () => {
    const result = parse('callmanager CM1\nscenario "s" {\n  at 1m crash CM1\n');
    expect(result.errors.map((e) => e.message)).toEqual(['Missing `}` to close scenario "s".']);
    expect((result.file.items[1] as ast.ScenarioDecl).steps).toHaveLength(1);
  });
});

describe('string escapes', () => {
  it('accepts only \\" and \\\\', () => {
    expect(errorsOf('scenario "a \\n b" { at 1m crash X }')).toEqual(['Unknown escape `\\n` in a string: only \\" and \\\\ are escapes. @ \\n']);
    expect(errorsOf('import "a\\\\b.failover"')).toEqual([]);
  });
});
