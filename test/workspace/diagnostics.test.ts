import { describe, expect, it } from 'vitest';
import { analyze, checkDiagnostics } from '../support/fixtures';

// A clean two-server topology most cases build on.
const TOPOLOGY = `callmanager CM1
callmanager CM2
group G { CM1, CM2 }
pool HQ { group G phones 100 }
`;

describe('syntax-error', () => {
  it('fires with the parser message and its range', () => {
    checkDiagnostics(`${TOPOLOGY}callmanager CM3 { ⟦capcity⟧ 10 }\ngroup G2 { CM3 }\npool P2 { group G2 phones 1 srst S }\nsrst S`, ['syntax-error']);
  });

  it('fires once on a number with thousands separators, saying what to write', () => {
    const [d] = checkDiagnostics(`${TOPOLOGY}pool P { group G phones ⟦1,500⟧ }`, ['syntax-error']);
    expect(d!.message).toBe('`1,500`: numbers have no thousands separators: write `1500` or `1_500`');
  });

  it('fires once on a rate with a unit, saying that rates are per second and written bare', () => {
    const [d] = checkDiagnostics(`settings { registration-rate ⟦40/s⟧ }\n${TOPOLOGY}`, ['syntax-error']);
    expect(d!.message).toBe('`40/s`: `registration-rate` is per second and written bare: write `registration-rate 40`');
  });
});

describe('unknown-reference', () => {
  it('fires on an unknown group with the closest name suggested', () => {
    const [d] = checkDiagnostics(`${TOPOLOGY}pool P { group ⟦GG⟧ phones 1 }`, ['unknown-reference']);
    expect(d!.message).toBe('Unknown group `GG`: it is defined nowhere visible from this file. Did you mean `G`?');
    expect(d!.fix).toEqual({ kind: 'replace-name', replacement: 'G' });
  });

  it('suggests no name that shares nothing with the unknown one (`P` is no typo of `R`), but a short `P` may be `P1`', () => {
    const base = 'callmanager CM1\nsrst R { capacity 5 }\ngroup G { CM1 }\npool P1 { group G srst R phones 1 }\n';
    const [noGuess] = checkDiagnostics(`${base}scenario "s" {\n  at 1m crash ⟦Q⟧\n}`, ['unknown-reference']);
    expect(noGuess!.message).not.toContain('Did you mean');
    const [guess] = checkDiagnostics(`${base}scenario "s" {\n  at 1m isolate ⟦P⟧\n}`, ['unknown-reference']);
    expect(guess!.message).toContain('Did you mean `P1`?');
  });

  it('fires on unknown group members, srst routers, event subjects and expectation names', () => {
    checkDiagnostics(
      `${TOPOLOGY}group G2 { CM1, ⟦CMX⟧ }\npool P { group G2 srst ⟦NOPE⟧ phones 1 }\nscenario "s" {\n  at 1m crash ⟦CM9⟧\n  at 2m isolate ⟦HQQ⟧\n  at 3m expect ⟦XX⟧ on ⟦CM7⟧\n  expect outage ⟦H⟧ <= 1m\n  expect peak ⟦Z⟧ <= 1\n}`,
      [
        'unknown-reference',
        'unknown-reference',
        'unknown-reference',
        'unknown-reference',
        'unknown-reference',
        'unknown-reference',
        'unknown-reference',
        'unknown-reference',
      ],
    );
  });

  it('says which file defines a name this file does not import, with a fix that imports it', () => {
    const { analysis, texts } = analyze({
      '/w/scenarios/outages.failover': 'scenario "s" {\n  at 1m crash CM1\n  at 2m isolate HQ\n}',
      '/w/topology.failover': TOPOLOGY,
    });
    const diagnostics = analysis.diagnostics('/w/scenarios/outages.failover');
    expect(diagnostics.map((d) => `${d.code}: ${texts['/w/scenarios/outages.failover']!.slice(d.range.start, d.range.end)}`)).toEqual([
      'unknown-reference: CM1',
      'unknown-reference: HQ',
    ]);
    expect(diagnostics[1]!.message).toBe(
      'Unknown pool `HQ`: it is defined in `../topology.failover`, which this file does not import. Add `import "../topology.failover"`.',
    );
    expect(diagnostics.map((d) => d.fix)).toEqual([
      { kind: 'add-import', path: '../topology.failover' },
      { kind: 'add-import', path: '../topology.failover' },
    ]);
  });

  it('names every file that defines it, nearest first, and only definitions of the kind the place needs', () => {
    const { analysis } = analyze({
      '/w/main.failover': 'pool P { group G phones 1 }',
      '/w/z.failover': 'callmanager CM1\ngroup G { CM1 }',
      '/w/a/b/deep.failover': 'callmanager CM1\ngroup G { CM1 }',
      '/w/a.failover': 'callmanager CM1\ngroup G { CM1 }',
      '/w/other.failover': 'callmanager P\npool G { group X phones 1 }',
    });
    const [d] = analysis.diagnostics('/w/main.failover').filter((x) => x.code === 'unknown-reference');
    expect(d!.message).toBe(
      'Unknown group `G`: it is defined in `a.failover`, `z.failover` and `a/b/deep.failover`, which this file does not import. Add `import "a.failover"`.',
    );
  });

  it('leaves out files that import this one (importing them back would be a cycle)', () => {
    const { analysis } = analyze({
      '/w/a.failover': 'import "b.failover"\ncallmanager CM1\ncallmanager CM2',
      '/w/b.failover': 'group G { CM1, CM2 }\npool P { group G phones 1 }',
    });
    expect(analysis.diagnostics('/w/b.failover').map((d) => d.message)).toEqual([
      'Unknown callmanager `CM1`: it is defined nowhere visible from this file. Define it, or import the file that does.',
      'Unknown callmanager `CM2`: it is defined nowhere visible from this file. Define it, or import the file that does.',
    ]);
  });

  it('offers to create the definition when nothing is close', () => {
    const [d] = checkDiagnostics(`${TOPOLOGY}pool P { group ⟦Headquarters⟧ phones 1 }`, ['unknown-reference']);
    expect(d!.fix).toEqual({ kind: 'create-definition', definitionKind: 'group', name: 'Headquarters' });
  });

  it('does not fire for names defined later in the file or in an imported file', () => {
    checkDiagnostics(`import "topology.failover"\npool P { group LATER phones 1 }\ngroup LATER { CM1, CM2 }`, [], { '/w/topology.failover': TOPOLOGY });
  });
});

describe('wrong-kind', () => {
  it('fires when a pool names a callmanager as its group', () => {
    const [d] = checkDiagnostics(`${TOPOLOGY}pool P { group ⟦CM1⟧ phones 1 }`, ['wrong-kind']);
    expect(d!.message).toContain("`CM1` is a callmanager, but a pool's `group` must be a group");
    expect(d!.related?.[0]?.message).toBe('callmanager `CM1` is defined here');
  });

  it('fires for an srst in a group, a group as srst, a pool crashed and a callmanager isolated', () => {
    checkDiagnostics(
      `${TOPOLOGY}srst S\ngroup G2 { CM1, ⟦S⟧ }\npool P { group G2 srst ⟦G⟧ phones 1 }\npool Q { group G srst S phones 1 }\nscenario "s" {\n  at 1m crash ⟦HQ⟧\n  at 1m isolate ⟦CM1⟧\n  at 1m expect HQ on ⟦G⟧\n}`,
      ['wrong-kind', 'wrong-kind', 'wrong-kind', 'wrong-kind', 'wrong-kind'],
    );
  });

  it('accepts an srst router as the subject of crash and of expectations', () => {
    checkDiagnostics(
      `${TOPOLOGY}srst S\npool P { group G srst S phones 1 }\nscenario "s" {\n  at 1m crash S\n  at 2m expect P on S == none\n  expect peak S <= 1\n}`,
      [],
    );
  });
});

describe('duplicate-definition', () => {
  it('fires on both definitions of a name, with the other as related location', () => {
    const diagnostics = checkDiagnostics(`callmanager ⟦CM1⟧\ngroup ⟦CM1⟧ { CM1 }`, ['duplicate-definition', 'duplicate-definition']);
    expect(diagnostics[0]!.related).toHaveLength(1);
    expect(diagnostics[0]!.related![0]!.range).toEqual(diagnostics[1]!.range);
  });

  it('fires on two scenarios with one title in a file', () => {
    checkDiagnostics(`${TOPOLOGY}scenario ⟦"x"⟧ { at 1m crash CM1 }\nscenario ⟦"x"⟧ { at 1m stop CM1 }`, ['duplicate-definition', 'duplicate-definition']);
  });

  it('fires on a local definition that clashes with an imported one', () => {
    checkDiagnostics(`import "topology.failover"\ncallmanager ⟦CM1⟧`, ['duplicate-definition'], { '/w/topology.failover': TOPOLOGY });
  });

  it('fires on the import that joins two files defining the same name', () => {
    checkDiagnostics(`import "a.failover"\nimport ⟦"b.failover"⟧\n`, ['duplicate-definition'], {
      '/w/a.failover': 'callmanager X\ngroup GA { X }\npool PA { group GA phones 1 srst S }\nsrst S',
      '/w/b.failover': 'callmanager X\ngroup GB { X }\npool PB { group GB phones 1 srst T }\nsrst T',
    });
  });
});

describe('duplicate-property', () => {
  it('fires on the overridden property, not on the one that wins', () => {
    const [d] = checkDiagnostics(`${TOPOLOGY}callmanager CM3 { ⟦capacity⟧ 10 capacity 20 }\ngroup G3 { CM3, CM1 }\npool P3 { group G3 phones 1 }`, [
      'duplicate-property',
    ]);
    expect(d!.severity).toBe('warning');
  });

  it('fires in settings blocks, pools and scenario settings', () => {
    checkDiagnostics(
      `settings { ⟦keepalive⟧ 30s keepalive 20s }\n${TOPOLOGY}pool P { group G ⟦phones⟧ 1 phones 2 }\nscenario "s" { settings { ⟦tcp-retry⟧ 1s tcp-retry 2s } at 1m crash CM1 }`,
      ['duplicate-property', 'duplicate-property', 'duplicate-property'],
    );
  });

  it('does not fire for the same key in two separate settings blocks', () => {
    checkDiagnostics(`settings { keepalive 30s }\nsettings { keepalive 20s }\n${TOPOLOGY}`, []);
  });
});

describe('missing-property', () => {
  it('fires on a pool without phones or without group', () => {
    const diagnostics = checkDiagnostics(`${TOPOLOGY}pool ⟦P1⟧ { group G }\npool ⟦P2⟧ { phones 3 }\npool ⟦P3⟧ { }`, [
      'missing-property',
      'missing-property',
      'missing-property',
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Pool `P1` needs `phones`: how many phones it has (e.g. phones 1200).',
      'Pool `P2` needs `group`: the CallManager group its phones register with.',
      'Pool `P3` needs `group` and `phones`: the CallManager group its phones register with, and how many phones it has (e.g. phones 1200).',
    ]);
  });
});

describe('group-too-large and group-duplicate-member', () => {
  it('fires on the members beyond the third', () => {
    checkDiagnostics(`callmanager A\ncallmanager B\ncallmanager C\ncallmanager D\ncallmanager E\ngroup G { A, B, C, ⟦D, E⟧ }\npool P { group G phones 1 }`, [
      'group-too-large',
    ]);
  });

  it('does not fire for three', () => {
    checkDiagnostics(`callmanager A\ncallmanager B\ncallmanager C\ngroup G { A, B, C }\npool P { group G phones 1 }`, []);
  });

  it('fires on the repeated member', () => {
    const [d] = checkDiagnostics(`${TOPOLOGY}group G2 { CM1, CM2, ⟦CM1⟧ }\npool P { group G2 phones 1 }`, ['group-duplicate-member']);
    expect(d!.related?.[0]?.message).toBe('first listed here');
  });
});

describe('no-redundancy', () => {
  it('fires on a pool whose group has one CallManager and which has no srst', () => {
    checkDiagnostics(`callmanager CM1\ngroup SOLO { CM1 }\npool P { group ⟦SOLO⟧ phones 10 }`, ['no-redundancy']);
  });

  it('does not fire when the pool has an srst router', () => {
    checkDiagnostics(`callmanager CM1\nsrst S\ngroup SOLO { CM1 }\npool P { group SOLO srst S phones 10 }`, []);
  });
});

describe('invalid-value', () => {
  it('fires for every range of LANGUAGE.md', () => {
    checkDiagnostics(
      `settings { keepalive ⟦500ms⟧ missed-keepalives ⟦11⟧ tcp-retry ⟦6m⟧ registration-rate ⟦0⟧ fallback-queue-depth ⟦0⟧ }\n` +
        `callmanager CM1 { capacity ⟦0⟧ }\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones ⟦0⟧ }\npool BIG { group G phones ⟦10_000_001⟧ }\n` +
        `pool P { group G phones 10 }\nscenario "s" {\n  at 0s calls P ⟦11⟧ lasting 1m\n  at 0s calls P ⟦101%⟧ lasting 1m\n}`,
      [
        'invalid-value',
        'invalid-value',
        'invalid-value',
        'invalid-value',
        'invalid-value',
        'invalid-value',
        'invalid-value',
        'invalid-value',
        'invalid-value',
        'invalid-value',
      ],
    );
  });

  it('fires on a percent above 100 in a count expectation, as in calls, but not on a count above the pool', () => {
    const [d] = checkDiagnostics(
      `${TOPOLOGY}scenario "s" {\n  at 1m crash CM1\n  at 2m expect HQ on CM2 >= ⟦120%⟧\n  at 2m expect HQ on CM2 <= 100%\n  at 2m expect HQ on CM2 < 150\n}`,
      ['invalid-value'],
    );
    expect(d!.message).toBe('Invalid value: a percent of the pool is at most 100% (it is 120%).');
  });

  it('does not fire at the edges of the ranges', () => {
    checkDiagnostics(
      `settings { keepalive 1s missed-keepalives 10 tcp-retry 5m registration-rate 1 fallback-queue-depth 1 }\n` +
        `callmanager CM1 { capacity 1 }\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones 10_000_000 }\npool P { group G phones 10 }\n` +
        `scenario "s" {\n  at 0s calls P 10 lasting 1m\n  at 0s calls P 100% lasting 1m\n  at 0s calls P all lasting 0\n}`,
      [],
    );
  });
});

describe('missing-unit', () => {
  it('fires on a bare number where a duration is needed, with a fix that adds s', () => {
    const diagnostics = checkDiagnostics(
      `settings { keepalive ⟦30⟧ }\n${TOPOLOGY}pool P { group G phones 1 connection-monitor ⟦60⟧ }\nscenario "s" {\n  at ⟦5⟧ calls HQ 1 lasting ⟦10⟧\n  at ⟦7⟧ expect HQ on CM1\n  expect outage HQ <= ⟦3⟧\n  expect settled by ⟦9⟧\n}`,
      ['missing-unit', 'missing-unit', 'missing-unit', 'missing-unit', 'missing-unit', 'missing-unit', 'missing-unit'],
    );
    expect(diagnostics[0]!.message).toBe('`keepalive` needs a unit: write `30s` (or ms, m, h).');
    expect(diagnostics[0]!.fix).toEqual({ kind: 'add-unit', unit: 's' });
  });

  it('fires once on a unit written apart from its number, with a fix that joins them', () => {
    const diagnostics = checkDiagnostics(
      `settings { keepalive ⟦30 s⟧ tcp-retry ⟦20 seconds⟧ }\n${TOPOLOGY}scenario "s" {\n  at ⟦1 m⟧ calls HQ 1 lasting ⟦3 min⟧\n  at ⟦0 s⟧ expect HQ on CM1\n  expect outage HQ <= ⟦2 m⟧\n  expect settled by ⟦45 m⟧\n}`,
      ['missing-unit', 'missing-unit', 'missing-unit', 'missing-unit', 'missing-unit', 'missing-unit', 'missing-unit'],
    );
    expect(diagnostics[0]!.message).toBe('`keepalive` needs its unit against the number, with no space: write `30s`.');
    expect(diagnostics[0]!.fix).toEqual({ kind: 'replace-text', replacement: '30s' });
    expect(diagnostics.map((d) => (d.fix?.kind === 'replace-text' ? d.fix.replacement : undefined))).toEqual(['30s', '20s', '1m', '3m', '0s', '2m', '45m']);
    expect(diagnostics[2]!.message).toBe('The time after `at` needs its unit against the number, with no space: write `1m`.');
  });

  it('fires (not syntax-error) on a time whose last part has no unit, adding the unit that follows the previous one', () => {
    const diagnostics = checkDiagnostics(
      `settings { connection-monitor ⟦2m30⟧ }\n${TOPOLOGY}scenario "s" {\n  at ⟦1m30⟧ crash CM1\n  at ⟦1h30⟧ recover CM1\n  at ⟦1s500⟧ crash CM2\n  at ⟦500ms30⟧ recover CM2\n}`,
      ['missing-unit', 'missing-unit', 'missing-unit', 'missing-unit', 'missing-unit'],
    );
    expect(diagnostics[1]!.message).toBe('The time after `at` needs a unit on every part: `30` has none; write `1m30s`.');
    expect(diagnostics.map((d) => d.fix)).toEqual([
      { kind: 'add-unit', unit: 's' },
      { kind: 'add-unit', unit: 's' },
      { kind: 'add-unit', unit: 'm' },
      { kind: 'add-unit', unit: 'ms' },
      undefined,
    ]);
    expect(diagnostics[4]!.message).toBe('The time after `at` needs a unit on every part: `30` has none; add ms, s, m or h after it.');
  });

  it('accepts a bare 0 wherever a time or duration is', () => {
    checkDiagnostics(`${TOPOLOGY}scenario "s" {\n  at 0 calls HQ 1 lasting 00\n  at 0 expect HQ on CM1 == 100\n}`, []);
  });
});

describe('unused-definition', () => {
  it('fires on a callmanager in no group, a group in no pool and an srst in no pool', () => {
    const diagnostics = checkDiagnostics(`${TOPOLOGY}callmanager ⟦SPARE⟧\ngroup ⟦IDLE⟧ { CM1 }\nsrst ⟦BR⟧`, [
      'unused-definition',
      'unused-definition',
      'unused-definition',
    ]);
    expect(diagnostics.every((d) => d.severity === 'hint')).toBe(true);
  });

  it('counts uses from files that import the definition', () => {
    const { analysis } = analyze({
      '/w/topology.failover': 'callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\nsrst S',
      '/w/pools.failover': 'import "topology.failover"\npool P { group G srst S phones 1 }',
    });
    expect(analysis.diagnostics('/w/topology.failover')).toEqual([]);
    expect(analysis.diagnostics('/w/pools.failover')).toEqual([]);
  });
});

describe('import-not-found', () => {
  it('fires for a missing file and for a file that is not a .failover file', () => {
    const diagnostics = checkDiagnostics(`import ⟦"nope.failover"⟧\nimport ⟦"notes.txt"⟧\n${TOPOLOGY}`, ['import-not-found', 'import-not-found'], {
      '/w/notes.txt': 'x',
    });
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Cannot import `nope.failover`: file not found.',
      'Cannot import `notes.txt`: only .failover files can be imported, and `notes.txt` is not one.',
    ]);
  });
});

describe('import-not-found: the file the import meant', () => {
  const messageOf = (files: Record<string, string>, root: string) => {
    const { analysis } = analyze(files, [root]);
    return analysis.diagnostics(root).map((d) => ({ code: d.code, message: d.message, fix: d.fix }));
  };

  it('names the closest .failover file of the folder the import names, with a fix that writes its path', () => {
    const [d] = checkDiagnostics(`import ⟦"toplogy.failover"⟧\n`, ['import-not-found'], {
      '/w/topology.failover': TOPOLOGY,
      '/w/notes.failover.txt': '',
      '/w/shared/pools.failover': '',
    });
    expect(d!.message).toBe('Cannot import `toplogy.failover`: file not found. Did you mean `topology.failover`?');
    expect(d!.fix).toEqual({ kind: 'replace-text', replacement: '"topology.failover"' });
    expect(messageOf({ '/w/main.failover': 'import "shared/pols.failover"\n', '/w/shared/pools.failover': '' }, '/w/main.failover')).toEqual([
      {
        code: 'import-not-found',
        message: 'Cannot import `shared/pols.failover`: file not found. Did you mean `shared/pools.failover`?',
        fix: { kind: 'replace-text', replacement: '"shared/pools.failover"' },
      },
    ]);
  });

  it('finds the same name in a subfolder or the parent folder of the importer (a folder forgotten or misspelt)', () => {
    const sub = messageOf({ '/w/main.failover': 'import "shraed/topology.failover"\n', '/w/shared/topology.failover': TOPOLOGY }, '/w/main.failover');
    expect(sub.map((d) => d.message)).toEqual(['Cannot import `shraed/topology.failover`: file not found. Did you mean `shared/topology.failover`?']);
    const parent = messageOf({ '/w/scenarios/main.failover': 'import "topology.failover"\n', '/w/topology.failover': TOPOLOGY }, '/w/scenarios/main.failover');
    expect(parent.map((d) => d.fix)).toEqual([{ kind: 'replace-text', replacement: '"../topology.failover"' }]);
  });

  it('suggests nothing far off, never the importer itself, nothing for a path that is not a .failover file, nor when the path names something that is there', () => {
    expect(
      messageOf(
        {
          '/w/main.failover': 'import "main2.failover"\nimport "outages.txt"\nimport "zzz.failover"\nimport "sub.failover"\n',
          '/w/outages.failover': '',
          '/w/sub.failover/x.failover': '',
          '/w/sub2.failover': '',
        },
        '/w/main.failover',
      ),
    ).toEqual([
      { code: 'import-not-found', message: 'Cannot import `main2.failover`: file not found.', fix: undefined },
      { code: 'import-not-found', message: 'Cannot import `outages.txt`: only .failover files can be imported, and `outages.txt` is not one.', fix: undefined },
      { code: 'import-not-found', message: 'Cannot import `zzz.failover`: file not found.', fix: undefined },
      // A folder named sub.failover (the in-memory host reads it as missing): the path is right, sub2 is not meant.
      { code: 'import-not-found', message: 'Cannot import `sub.failover`: file not found.', fix: undefined },
    ]);
  });
});

describe('import-cycle', () => {
  it('fires on each import of the cycle', () => {
    const diagnostics = checkDiagnostics(`import ⟦"b.failover"⟧\n${TOPOLOGY}`, ['import-cycle'], { '/w/b.failover': 'import "main.failover"\n' });
    expect(diagnostics[0]!.message).toBe('Import cycle: main.failover → b.failover → main.failover. Move the shared definitions into a file that both import.');
  });

  it('says so plainly when a file imports itself', () => {
    const [d] = checkDiagnostics(`import ⟦"main.failover"⟧\n${TOPOLOGY}`, ['import-cycle']);
    expect(d!.message).toBe('Import cycle: main.failover imports itself. Remove this import.');
  });
});

describe('empty-scenario', () => {
  it('fires on a scenario with no events, even with expectations', () => {
    checkDiagnostics(`${TOPOLOGY}scenario ⟦"nothing"⟧ {\n  expect settled by 1m\n}`, ['empty-scenario']);
  });

  it('does not fire when there is an event', () => {
    checkDiagnostics(`${TOPOLOGY}scenario "one" { at 1m crash CM1 }`, []);
  });
});
