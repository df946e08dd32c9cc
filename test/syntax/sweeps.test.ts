// The `sweep` construct in the parser (LANGUAGE.md, "Sweeps"): its tree, and one clear error per
// problem with every later construct kept (recovery).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as ast from '../../server/src/core/syntax/ast';
import { parse } from '../../server/src/core/syntax/parser';
import { formatText } from '../../server/src/core/syntax/format';
import { KEYWORDS } from '../../server/src/core/syntax/tokens';
import { Analysis } from '../../server/src/core/workspace/analysis';
import { memoryHost } from '../support/fixtures';
import { sweepText } from '../robustness/support';

const errorsOf = (text: string) => parse(text).errors.map((e) => `${e.message} @ ${text.slice(e.range.start, e.range.end)}`);
const slice = (text: string, range: ast.Range | undefined) => (range ? text.slice(range.start, range.end) : undefined);
const sweepOf = (text: string, index = 0): ast.SweepDecl => {
  const sweep = parse(text).file.items.filter((i) => i.kind === 'sweep')[index];
  if (!sweep || sweep.kind !== 'sweep') throw new Error('no sweep');
  return sweep;
};

const EXAMPLE = `sweep "How much CM2 do we need" {
  scenario "CM1 crash at peak"
  vary CM2 capacity from 1000 to 2500 step 250
  vary keepalive from 10s to 1m step 10s   # a grid
}
`;

describe('the sweep construct', () => {
  it('reads the title, the scenario line and the vary lines in text order, with their ranges', () => {
    expect(parse(EXAMPLE).errors).toEqual([]);
    const sweep = sweepOf(EXAMPLE);
    expect(sweep.title?.value).toBe('How much CM2 do we need');
    expect(slice(EXAMPLE, sweep.keywordRange)).toBe('sweep');
    expect(slice(EXAMPLE, sweep.range)).toBe(EXAMPLE.trimEnd());
    const [scenario, capacity, keepalive] = sweep.lines;
    expect(scenario).toMatchObject({ kind: 'sweep-scenario', title: { value: 'CM1 crash at peak' } });
    expect(slice(EXAMPLE, scenario!.range)).toBe('scenario "CM1 crash at peak"');
    expect(capacity).toMatchObject({
      kind: 'vary',
      knob: { kind: 'property', name: { text: 'CM2' }, key: 'capacity' },
      from: { kind: 'int', value: 1000 },
      to: { kind: 'int', value: 2500 },
      step: { kind: 'int', value: 250 },
    });
    expect(slice(EXAMPLE, capacity!.range)).toBe('vary CM2 capacity from 1000 to 2500 step 250');
    expect(capacity!.kind === 'vary' && slice(EXAMPLE, capacity!.knob?.range)).toBe('CM2 capacity');
    expect(keepalive).toMatchObject({
      kind: 'vary',
      knob: { kind: 'setting', key: 'keepalive' },
      from: { ms: 10_000 },
      to: { ms: 60_000 },
      step: { ms: 10_000 },
    });
  });

  it('takes `step` as optional, and keeps a unit written apart for validation to report', () => {
    const text = 'sweep "s" {\n  scenario "x"\n  vary fallback-queue-depth from 5 to 50\n  vary reset-time from 30 s to 1m step 10s\n}';
    expect(parse(text).errors).toEqual([]);
    const [, depth, reset] = sweepOf(text).lines;
    expect(depth).toMatchObject({ from: { value: 5 }, to: { value: 50 } });
    expect(depth!.kind === 'vary' && depth!.step).toBeUndefined();
    expect(reset).toMatchObject({ from: { kind: 'int', value: 30, unitApart: { unit: 's' } } });
  });

  it('makes sweep, vary, from, to and step reserved keywords that do not split longer names', () => {
    for (const word of ['sweep', 'vary', 'from', 'to', 'step']) expect(KEYWORDS).toContain(word);
    expect(errorsOf('callmanager to')).toEqual(['Expected the callmanager name after `callmanager` (`to` is a keyword and cannot be a name). @ callmanager']);
    expect(errorsOf('callmanager to-1\ncallmanager steps\ncallmanager fromage')).toEqual([]);
  });

  it('keeps the documentation comment above a sweep', () => {
    expect(sweepOf(`# what if CM2 were smaller\n${EXAMPLE}`).doc).toBe('what if CM2 were smaller');
  });
});

describe('sweep recovery: one clear error, and what follows survives', () => {
  it('an unterminated sweep ends at the next construct', () => {
    const text = 'sweep "s" {\n  scenario "x"\n  vary fallback-queue-depth from 5 to 50\nscenario "x" {\n  at 1m crash CM1\n}\ncallmanager CM1';
    expect(errorsOf(text)).toEqual(['Missing `}` to close sweep "s". @ {']);
    expect(parse(text).file.items.map((i) => i.kind)).toEqual(['sweep', 'scenario', 'callmanager']);
    expect(sweepOf(text).lines.map((l) => l.kind)).toEqual(['sweep-scenario', 'vary']);
  });

  it('a missing title, brace or scenario title', () => {
    expect(errorsOf('sweep {\n  scenario "x"\n}')).toEqual([
      'Expected the sweep title as a quoted string, e.g. sweep "Queue depth against settle time". @ sweep',
    ]);
    expect(errorsOf('sweep "s"\ncallmanager CM1')).toEqual([
      'Expected `{` and the sweep\'s lines after its title: its `scenario` and one or two `vary` lines. @ "s"',
    ]);
    expect(errorsOf('sweep "s" {\n  scenario\n  vary keepalive from 1s to 2s step 1s\n}')).toEqual([
      'Expected the title of a scenario of this file after `scenario`, e.g. scenario "CM1 crash at peak". @ scenario',
    ]);
    expect(errorsOf('sweep "s" {\n  scenario "x\n}')).toEqual(['Unterminated string: close the scenario title with `"` on the same line. @ "x']);
  });

  it('missing values', () => {
    const cases: [string, string][] = [
      ['vary', 'Expected what to vary after `vary`: a setting (`fallback-queue-depth`) or a name and a property (`CM2 capacity`). @ vary'],
      ['vary keepalive', 'Expected `from`, the first value and `to`, the last, e.g. from 5 to 50 step 5. @ keepalive'],
      ['vary keepalive from', 'Expected a value after `from`: a whole number, or a duration such as 30s. @ from'],
      ['vary keepalive from 1s', 'Expected `to` and the last value, e.g. to 50. @ 1s'],
      ['vary keepalive from 1s to', 'Expected a value after `to`: a whole number, or a duration such as 30s. @ to'],
      ['vary keepalive from 1s to 5s step', 'Expected a value after `step`: a whole number, or a duration such as 30s. @ step'],
      [
        'vary phones from 1 to 5',
        '`phones` is not a setting: name the definition whose phones varies, e.g. `vary HQ phones from …`, or vary a setting (keepalive, missed-keepalives, tcp-retry, registration-rate, fallback-queue-depth, connection-monitor, reset-time). @ phones',
      ],
      [
        'vary group from 1 to 5',
        '`group` cannot be varied: a sweep varies a setting or a number of a definition (capacity, registration-rate, fallback-queue-depth, phones, connection-monitor). @ group',
      ],
      ['vary fallback-queue-depth from 5% to 50', '`from` needs a whole number or a duration, not `5%`. @ 5%'],
      ['vary fallback-queue-depth from 1,000 to 2000', '`1,000`: numbers have no thousands separators: write `1000` or `1_000` @ 1,000'],
    ];
    for (const [line, error] of cases) {
      const text = `sweep "s" {\n  scenario "x"\n  ${line}\n}\ncallmanager CM1`;
      expect(errorsOf(text), line).toEqual([error]);
      expect(
        parse(text).file.items.map((i) => i.kind),
        line,
      ).toEqual(['sweep', 'callmanager']);
    }
  });

  it('a typo in a knob, with the closest word suggested', () => {
    expect(errorsOf('sweep "s" {\n  vary fallback-queue-dept from 5 to 50\n}')).toEqual([
      'Unknown setting `fallback-queue-dept` to vary. Did you mean `fallback-queue-depth`? @ fallback-queue-dept',
    ]);
    expect(errorsOf('sweep "s" {\n  vary CM2 capacty from 5 to 50\n}')).toEqual([
      'Unknown property `capacty` to vary: expected capacity, registration-rate, fallback-queue-depth, phones, connection-monitor. Did you mean `capacity`? @ capacty',
    ]);
    expect(errorsOf('sweep "s" {\n  vary CM2 from 5 to 50\n}')).toEqual([
      "Expected a setting, or a definition's name and the property to vary after `vary`, e.g. `vary CM2 capacity` (capacity, registration-rate, fallback-queue-depth, phones, connection-monitor). @ CM2",
    ]);
    // The name is kept, so go to definition and rename still find it.
    expect(sweepOf('sweep "s" {\n  vary CM2 capacty from 5 to 50\n}').lines[0]).toMatchObject({ knob: { kind: 'property', name: { text: 'CM2' } } });
  });

  it('garbage between lines is one error, and the next line is read', () => {
    const text = 'sweep "s" {\n  scenario "x"\n  at 1m crash CM1\n  vary keepalive from 1s to 5s step 1s\n}';
    expect(errorsOf(text)).toEqual(['Unexpected `at`: expected `scenario`, `vary` or `}`. @ at']);
    expect(sweepOf(text).lines.map((l) => l.kind)).toEqual(['sweep-scenario', 'vary']);
  });

  it('a sweep ends a scenario whose brace is missing', () => {
    const text = 'scenario "x" {\n  at 1m crash CM1\nsweep "s" {\n  scenario "x"\n  vary keepalive from 1s to 5s step 1s\n}';
    expect(errorsOf(text)).toEqual(['Missing `}` to close scenario "x". @ {']);
    expect(parse(text).file.items.map((i) => i.kind)).toEqual(['scenario', 'sweep']);
  });
});

describe('random sweeps', () => {
  const TOPOLOGY =
    'callmanager CM1\ncallmanager CM2\nsrst R1\ngroup G1 { CM1, CM2 }\npool HQ { group G1 srst R1 phones 10 }\nscenario "s1" {\n  at 1m crash CM1\n}\n';
  const layouts = fc.constantFrom(' ', '\n', '\n  ', ' # c\n');

  it('never throw in the parser, the checks or the resolver, and format idempotently (seeded, 1,000 cases)', () => {
    let clean = 0;
    fc.assert(
      fc.property(fc.array(sweepText, { minLength: 1, maxLength: 3 }), layouts, (sweeps, gap) => {
        const text = TOPOLOGY + sweeps.map((sweep) => sweep.replaceAll(' ', gap)).join('\n');
        const parsed = parse(text);
        const analysis = Analysis.load(['/w/a.failover'], memoryHost({ '/w/a.failover': text }));
        for (const d of analysis.diagnostics('/w/a.failover')) expect(d.range.end).toBeLessThanOrEqual(text.length);
        for (const item of analysis.program.unit('/w/a.failover')!.parsed.file.items) {
          if (item.kind !== 'sweep') continue;
          const spec = analysis.sweep('/w/a.failover', item);
          if (spec) expect(spec.runs).toBe(spec.vary.reduce((n, v) => n * v.values.length, 1));
        }
        const once = formatText(text);
        if (parsed.errors.length > 0) return;
        clean++;
        if ('error' in once) throw new Error(once.error);
        expect(formatText(once.text)).toEqual(once);
        expect(parse(once.text).file.items.map((i) => i.kind)).toEqual(parsed.file.items.map((i) => i.kind));
      }),
      { seed: 14_014, numRuns: 1_000 },
    );
    expect(clean).toBeGreaterThan(300);
  });
});

describe('formatting sweeps', () => {
  const format = (text: string) => {
    const result = formatText(text);
    if ('error' in result) throw new Error(result.error);
    return result.text;
  };

  it('puts each line of a sweep on its own line, indented, one space between words, comments kept and aligned', () => {
    const text = '# what if\nsweep   "grid" { scenario "s"   vary CM2 capacity  from 1000 to 2500 step 250 # a\nvary fallback-queue-depth from 5\tto 50 # b\n}';
    const expected = [
      '# what if',
      'sweep "grid" {',
      '  scenario "s"',
      '  vary CM2 capacity from 1000 to 2500 step 250  # a',
      '  vary fallback-queue-depth from 5 to 50        # b',
      '}',
      '',
    ].join('\n');
    expect(format(text)).toBe(expected);
    expect(format(expected)).toBe(expected);
  });

  it('writes an empty sweep as `sweep "T" {}`, and keeps a unit written apart as written', () => {
    expect(format('sweep "t" {\n\n}')).toBe('sweep "t" {}\n');
    expect(format('sweep "t" {\n  vary keepalive from 30   s to 1m step 10s\n}')).toBe('sweep "t" {\n  vary keepalive from 30 s to 1m step 10s\n}\n');
  });
});
