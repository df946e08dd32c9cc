// The static checks of sweeps (LANGUAGE.md, "Sweeps", every rule of its "Precisely" list) and
// their checked meaning (`resolveSweep`, `Analysis.sweep`), with isolation: an error inside a
// sweep stops only that sweep, and a sweep whose scenario is stopped is stopped too.
import { describe, expect, it } from 'vitest';
import type { SweepDecl } from '../../server/src/core/syntax/ast';
import { MAX_SWEEP_RUNS, resolveSweep, type SweepKnob } from '../../server/src/core/workspace/sweeps';
import { analyze, checkDiagnostics } from '../support/fixtures';

const TOPOLOGY = `settings { fallback-queue-depth 10 }
callmanager CM1
callmanager CM2 { capacity 2500 }
srst R1 { capacity 48 }
group G { CM1, CM2 }
pool HQ { group G phones 1200 }
pool BR { group G srst R1 phones 40 }
`;
const SCENARIO = `scenario "CM1 crash" {
  at 1m crash CM1
  expect settled by 45m
}
`;
const FILE = '/w/main.failover';

/** A file with the topology, the scenario and `sweeps` after them (⟦…⟧ marks may be inside). */
const file = (sweeps: string) => `${TOPOLOGY}${SCENARIO}${sweeps}`;
/** A sweep of the scenario with `lines` after its scenario line. */
const sweep = (lines: string, title = 'S') => `sweep "${title}" {\n  scenario "CM1 crash"\n${lines}\n}\n`;

function resolved(text: string, index = 0) {
  const { analysis } = analyze({ [FILE]: text });
  const decl = analysis.program.unit(FILE)!.parsed.file.items.filter((i): i is SweepDecl => i.kind === 'sweep')[index]!;
  return { analysis, decl, spec: resolveSweep(analysis.program, analysis.index, FILE, decl) };
}

describe('a clean sweep', () => {
  it('has no diagnostics and resolves to its scenario, knobs and values', () => {
    const text = file(sweep('  vary fallback-queue-depth from 5 to 50 step 5\n  vary CM2 capacity from 1000 to 2500 step 250', 'How much'));
    checkDiagnostics(text, []);
    const { spec } = resolved(text);
    expect(spec).toEqual({
      name: 'How much',
      line: 12, // 7 lines of topology, 4 of scenario, then the sweep
      scenario: 'CM1 crash',
      vary: [
        {
          knob: { kind: 'setting', key: 'fallback-queue-depth' },
          label: 'fallback-queue-depth',
          duration: false,
          values: [5, 10, 15, 20, 25, 30, 35, 40, 45, 50],
        },
        {
          knob: { kind: 'property', name: 'CM2', key: 'capacity' },
          label: 'CM2 capacity',
          duration: false,
          values: [1000, 1250, 1500, 1750, 2000, 2250, 2500],
        },
      ],
      runs: 70,
    });
  });

  it('takes the values up to the last one at or below `to`, a step of 1 for counts, times in ms and a bare 0 as a time', () => {
    expect(resolved(file(sweep('  vary HQ phones from 100 to 130 step 7'))).spec?.vary[0]?.values).toEqual([100, 107, 114, 121, 128]);
    expect(resolved(file(sweep('  vary missed-keepalives from 2 to 5'))).spec?.vary[0]?.values).toEqual([2, 3, 4, 5]);
    const knob: SweepKnob = { kind: 'property', name: 'BR', key: 'connection-monitor' };
    expect(resolved(file(sweep('  vary BR connection-monitor from 0 to 1m step 20s'))).spec?.vary[0]).toEqual({
      knob,
      label: 'BR connection-monitor',
      duration: true,
      values: [0, 20_000, 40_000, 60_000],
    });
    expect(resolved(file(sweep('  vary keepalive from 10s to 10s step 1s'))).spec?.vary[0]?.values).toEqual([10_000]);
  });

  it('may share its title with a scenario, and knobs may name definitions of imported files', () => {
    const text = `import "topology.failover"\n${SCENARIO}sweep "CM1 crash" {\n  scenario "CM1 crash"\n  vary R1 registration-rate from 10 to 20 step 5\n}\n`;
    const { analysis } = analyze({ [FILE]: text, '/w/topology.failover': TOPOLOGY }, [FILE]);
    expect(analysis.diagnostics(FILE)).toEqual([]);
    const decl = analysis.program.unit(FILE)!.parsed.file.items.find((i): i is SweepDecl => i.kind === 'sweep')!;
    expect(analysis.sweep(FILE, decl)?.vary[0]?.values).toEqual([10, 15, 20]);
  });
});

describe('the scenario line', () => {
  it('unknown-reference when no scenario of the file has the title, with the closest one', () => {
    const [d] = checkDiagnostics(file('sweep "S" {\n  scenario ⟦"CM1 crsh"⟧\n  vary keepalive from 10s to 20s step 10s\n}'), ['unknown-reference']);
    expect(d!.message).toBe('Unknown scenario "CM1 crsh": no scenario of this file has that title. Did you mean "CM1 crash"?');
    expect(d!.fix).toEqual({ kind: 'replace-text', replacement: '"CM1 crash"' });
  });

  it('unknown-reference for a scenario of an imported file: a sweep runs one of its own file', () => {
    const [d] = checkDiagnostics(
      'import "other.failover"\nsweep "S" {\n  scenario ⟦"CM1 crash"⟧\n  vary keepalive from 10s to 20s step 10s\n}',
      ['unknown-reference'],
      {
        '/w/other.failover': `${TOPOLOGY}${SCENARIO}`,
      },
    );
    expect(d!.message).toBe(
      'Unknown scenario "CM1 crash": that is a scenario of an imported file, and a sweep runs a scenario of its own file. Write the scenario in this file.',
    );
  });

  it('missing-property without a scenario line, or without a vary line', () => {
    const [noScenario] = checkDiagnostics(file('sweep ⟦"S"⟧ {\n  vary keepalive from 10s to 20s step 10s\n}'), ['missing-property']);
    expect(noScenario!.message).toBe('Sweep "S" needs a `scenario` line naming the scenario of this file it runs (scenario "TITLE").');
    const [noVary] = checkDiagnostics(file('sweep ⟦"S"⟧ {\n  scenario "CM1 crash"\n}'), ['missing-property']);
    expect(noVary!.message).toBe('Sweep "S" needs a `vary` line for each of its one or two knobs (e.g. vary fallback-queue-depth from 5 to 50 step 5).');
  });

  it('duplicate-property (a warning) on a second scenario line: the later one wins', () => {
    const text = file('sweep "S" {\n  ⟦scenario⟧ "nope"\n  scenario "CM1 crash"\n  vary keepalive from 10s to 20s step 10s\n}');
    // The overridden line still names an unknown scenario: that is an error of its own.
    const { analysis, marks } = analyze({ [FILE]: text });
    const codes = analysis.diagnostics(FILE).map((d) => d.code);
    expect(codes).toEqual(['duplicate-property', 'unknown-reference']);
    expect(analysis.diagnostics(FILE)[0]!.range).toEqual(marks[FILE]![0]);
    const ok = file(
      'sweep "S" {\n  scenario "CM1 crash"\n  scenario "other"\n  vary keepalive from 10s to 20s step 10s\n}\nscenario "other" {\n  at 1m crash CM2\n}',
    );
    expect(resolved(ok).spec?.scenario).toBe('other');
    expect(
      analyze({ [FILE]: ok })
        .analysis.diagnostics(FILE)
        .map((d) => `${d.code} ${d.severity}`),
    ).toEqual(['duplicate-property warning']);
  });
});

describe('sweep titles', () => {
  it('duplicate-definition on two sweeps of one title in a file', () => {
    const [d] = checkDiagnostics(
      file(
        'sweep ⟦"S"⟧ {\n  scenario "CM1 crash"\n  vary keepalive from 10s to 20s step 10s\n}\nsweep ⟦"S"⟧ {\n  scenario "CM1 crash"\n  vary tcp-retry from 10s to 20s step 10s\n}',
      ),
      ['duplicate-definition', 'duplicate-definition'],
    );
    expect(d!.message).toBe('Two sweeps in this file are titled "S"; give each a title of its own.');
  });
});

describe('vary lines', () => {
  it('invalid-value on the third knob and later; a knob varied twice counts once and warns (the later line wins)', () => {
    checkDiagnostics(
      file(
        sweep(
          '  vary keepalive from 10s to 20s step 10s\n  vary tcp-retry from 10s to 20s step 10s\n  ⟦vary⟧ reset-time from 10s to 20s step 10s\n  ⟦vary⟧ CM1 capacity from 1 to 2',
        ),
      ),
      ['invalid-value', 'invalid-value'],
    );
    const text = file(sweep('  ⟦vary⟧ keepalive from 10s to 20s step 10s\n  vary tcp-retry from 10s to 20s step 10s\n  vary keepalive from 1s to 3s step 1s'));
    const [d] = checkDiagnostics(text, ['duplicate-property']);
    expect(d!.message).toBe('`keepalive` is varied more than once in this sweep; only its last `vary` line counts. Remove this one.');
    // The meaning is that of the text without the overridden line: tcp-retry outermost.
    expect(resolved(text).spec?.vary.map((v) => [v.label, v.values])).toEqual([
      ['tcp-retry', [10_000, 20_000]],
      ['keepalive', [1_000, 2_000, 3_000]],
    ]);
  });

  it('unknown-reference on a knob name, with the closest name that has the property', () => {
    const [d] = checkDiagnostics(file(sweep('  vary ⟦CM3⟧ capacity from 1 to 2')), ['unknown-reference']);
    expect(d!.message).toBe('Unknown callmanager or srst router `CM3`: it is defined nowhere visible from this file. Did you mean `CM1`?');
    const [pool] = checkDiagnostics(file(sweep('  vary ⟦HQQ⟧ phones from 1 to 2')), ['unknown-reference']);
    expect(pool!.message).toContain('Unknown pool `HQQ`');
  });

  it('wrong-kind for a property the definition lacks: HQ capacity on a pool, a group, a setting on a definition', () => {
    const [pool] = checkDiagnostics(file(sweep('  vary HQ ⟦capacity⟧ from 1 to 2')), ['wrong-kind']);
    expect(pool!.message).toBe(
      'The pool `HQ` has no `capacity` to vary. Vary one of its own: phones, connection-monitor; `capacity` belongs to a callmanager or srst router.',
    );
    expect(pool!.related?.[0]?.message).toBe('pool `HQ` is defined here');
    const [srst] = checkDiagnostics(file(sweep('  vary R1 ⟦fallback-queue-depth⟧ from 1 to 2')), ['wrong-kind']);
    expect(srst!.message).toContain('The srst router `R1` has no `fallback-queue-depth` to vary.');
    const [group] = checkDiagnostics(file(sweep('  vary G ⟦phones⟧ from 1 to 2')), ['wrong-kind']);
    expect(group!.message).toBe('The group `G` has no `phones` to vary. A group has nothing to vary: vary a callmanager, srst router or pool, or a setting.');
    const [setting] = checkDiagnostics(file(sweep('  vary CM1 ⟦keepalive⟧ from 1s to 2s step 1s')), ['wrong-kind']);
    expect(setting!.message).toBe('The callmanager `CM1` has no `keepalive` to vary. `keepalive` is a setting: write `vary keepalive from …`.');
    const [name] = checkDiagnostics(file(sweep('  vary HQ ⟦group⟧ from 1 to 2')), ['wrong-kind']);
    expect(name!.message).toBe('The pool `HQ` has no `group` to vary. A sweep varies numbers; vary one of its own: phones, connection-monitor.');
  });
});

describe('values', () => {
  it('invalid-value on a duration for a count', () => {
    const [d] = checkDiagnostics(file(sweep('  vary fallback-queue-depth from ⟦5s⟧ to 50')), ['invalid-value']);
    expect(d!.message).toBe('Invalid value: `fallback-queue-depth` is a count, not a time: write a whole number, not `5s`.');
  });

  it('missing-unit on a bare non-zero number for a time (and a unit written apart)', () => {
    const [d] = checkDiagnostics(file(sweep('  vary keepalive from ⟦10⟧ to 20s step ⟦5 s⟧')), ['missing-unit', 'missing-unit']);
    expect(d!.message).toBe('The value after `from` needs a unit: write `10s` (or ms, m, h).');
    expect(d!.fix).toEqual({ kind: 'add-unit', unit: 's' });
  });

  it('missing-property on a time knob without a step; counts default to 1', () => {
    const [d] = checkDiagnostics(file(sweep('  ⟦vary⟧ keepalive from 10s to 20s')), ['missing-property']);
    expect(d!.message).toBe('`keepalive` is a time, so its values need a step: add one, e.g. `step 5s`.');
  });

  it('invalid-value on from above to, and on a step of 0', () => {
    const [above] = checkDiagnostics(file(sweep('  vary fallback-queue-depth from ⟦50⟧ to 5')), ['invalid-value']);
    expect(above!.message).toBe('Invalid value: `from` 50 is above `to` 5; the values go up from `from` to `to`.');
    const [zero] = checkDiagnostics(file(sweep('  vary fallback-queue-depth from 5 to 50 step ⟦0⟧')), ['invalid-value']);
    expect(zero!.message).toBe('Invalid value: the step must be above 0, or the values would never move from `from`.');
    checkDiagnostics(file(sweep('  vary keepalive from 5s to 50s step ⟦0⟧')), ['invalid-value']);
  });

  it("invalid-value on a value outside the knob's range, with the vocabulary's message", () => {
    const [low] = checkDiagnostics(file(sweep('  vary fallback-queue-depth from ⟦0⟧ to 5')), ['invalid-value']);
    expect(low!.message).toBe('Invalid value: fallback-queue-depth must be at least 1 (it is 0).');
    const [high] = checkDiagnostics(file(sweep('  vary missed-keepalives from 5 to ⟦12⟧ step 3')), ['invalid-value']);
    expect(high!.message).toBe('Invalid value: missed-keepalives must be from 1 to 10 (it is 11).');
    // The last value, not `to`, must be in range: 5 and 8 here.
    checkDiagnostics(file(sweep('  vary missed-keepalives from 5 to 10 step 3')), []);
    checkDiagnostics(file(sweep('  vary tcp-retry from 1m to ⟦10m⟧ step 1m')), ['invalid-value']);
    checkDiagnostics(file(sweep('  vary HQ phones from 1 to ⟦10_000_001⟧ step 10_000_000')), ['invalid-value']);
  });

  it('invalid-value on the title beyond 1,000 runs; 1,000 is fine', () => {
    expect(MAX_SWEEP_RUNS).toBe(1_000);
    checkDiagnostics(file(sweep('  vary fallback-queue-depth from 1 to 1000')), []);
    const [one] = checkDiagnostics(file('sweep ⟦"S"⟧ {\n  scenario "CM1 crash"\n  vary fallback-queue-depth from 1 to 1001\n}'), ['invalid-value']);
    expect(one!.message).toBe('Invalid value: Sweep "S" makes 1,001 runs; a sweep makes at most 1,000: take a larger step or a narrower range.');
    const [grid] = checkDiagnostics(
      file('sweep ⟦"S"⟧ {\n  scenario "CM1 crash"\n  vary fallback-queue-depth from 1 to 100\n  vary CM2 capacity from 1 to 11\n}'),
      ['invalid-value'],
    );
    expect(grid!.message).toContain('makes 1,100 runs (100 × 11)');
    // A huge range is counted, never listed.
    checkDiagnostics(file('sweep ⟦"S"⟧ {\n  scenario "CM1 crash"\n  vary HQ phones from 1 to 10_000_000\n}'), ['invalid-value']);
  });
});

describe('isolation', () => {
  const GOOD = 'sweep "good" {\n  scenario "CM1 crash"\n  vary keepalive from 10s to 20s step 10s\n}\n';

  it('an error inside a sweep stops only that sweep: its scenario and the other sweeps run', () => {
    const text = file(`${GOOD}sweep "bad" {\n  scenario "CM1 crash"\n  vary HQ capacity from 1 to 2\n}\n`);
    const { analysis } = analyze({ [FILE]: text });
    const items = analysis.program.unit(FILE)!.parsed.file.items;
    const [good, bad] = items.filter((i): i is SweepDecl => i.kind === 'sweep');
    const scenario = items.find((i) => i.kind === 'scenario')!;
    expect(analysis.stopOf(FILE, scenario as never)).toBeUndefined();
    expect(analysis.stopOf(FILE, good!)).toBeUndefined();
    expect(analysis.sweep(FILE, good!)?.runs).toBe(2);
    expect(analysis.stopOf(FILE, bad!)?.code).toBe('wrong-kind');
    expect(analysis.sweep(FILE, bad!)).toBeUndefined();
  });

  it('a sweep whose scenario is stopped by an error is stopped too, by that error', () => {
    const text = `${TOPOLOGY}scenario "CM1 crash" {\n  at 1m crash CM9\n}\n${GOOD}`;
    const { analysis } = analyze({ [FILE]: text });
    const sweepDecl = analysis.program.unit(FILE)!.parsed.file.items.find((i): i is SweepDecl => i.kind === 'sweep')!;
    const stop = analysis.stopOf(FILE, sweepDecl);
    expect(stop?.code).toBe('unknown-reference');
    expect(text.slice(stop!.range.start, stop!.range.end)).toBe('CM9');
    expect(analysis.sweep(FILE, sweepDecl)).toBeUndefined();
    // resolveSweep alone says only whether the sweep itself is sound.
    expect(resolveSweep(analysis.program, analysis.index, FILE, sweepDecl)?.runs).toBe(2);
  });

  it('an error outside the blocks stops every sweep; warnings stop nothing', () => {
    const { analysis } = analyze({ [FILE]: `${TOPOLOGY}pool X { group NOPE phones 1 }\n${SCENARIO}${GOOD}` });
    const sweepDecl = analysis.program.unit(FILE)!.parsed.file.items.find((i): i is SweepDecl => i.kind === 'sweep')!;
    expect(analysis.stopOf(FILE, sweepDecl)?.code).toBe('unknown-reference');
    const warned = resolved(file(sweep('  vary keepalive from 1s to 2s step 1s\n  vary keepalive from 10s to 20s step 10s')));
    expect(warned.analysis.stopOf(FILE, warned.decl)).toBeUndefined();
    expect(warned.spec?.vary[0]?.values).toEqual([10_000, 20_000]);
  });

  it('a syntax error inside a sweep stops it (and only it)', () => {
    const text = file(`sweep "bad" {\n  scenario "CM1 crash"\n  vary keepalive from 1s to\n}\n${GOOD}`);
    const { analysis } = analyze({ [FILE]: text });
    const [bad, good] = analysis.program.unit(FILE)!.parsed.file.items.filter((i): i is SweepDecl => i.kind === 'sweep');
    expect(analysis.stopOf(FILE, bad!)?.code).toBe('syntax-error');
    expect(analysis.sweep(FILE, good!)?.runs).toBe(2);
  });
});
