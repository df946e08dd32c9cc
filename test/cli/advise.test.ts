// `failover advise` through the built CLI: PRODUCT.md's JSON, the text form, exit codes and every
// bad input of issue 14 as one line.
import { describe, expect, it } from 'vitest';
import { runCli, scratch } from '../support/cli';

/** 10 phones leave CM1 at 0 for CM2 (one registration a second); BR takes 4 of those CM2 has no room for. */
const TOPOLOGY = `
settings { keepalive 10s registration-rate 1 }
callmanager CM1
callmanager cm.east
srst BR { capacity 4 }
group G { CM1, cm.east }
pool P { group G srst BR phones 10 }
`;
const TEXT = `${TOPOLOGY}
scenario "rate" {
  at 0s stop CM1
  expect outage P <= 4s
}
scenario "timer" {
  at 0s crash CM1
  expect outage P <= 40s
}
scenario "small peak" {
  at 0s stop CM1
  expect peak cm.east <= 5
}
scenario "growth" {
  at 0s calls P 3 lasting 1m
  at 0s stop CM1
  expect outage P <= 5s
}
scenario "broken" {
  at 0s stop CM9
}
`;

const folder = scratch({ 'a.failover': TEXT });
const advise = (...args: string[]) => runCli(['advise', 'a.failover', ...args], folder);

describe('failover advise --format json', () => {
  it("gives PRODUCT.md's fields: the smallest registration rate at which the outage stays within 4 s", () => {
    // The tenth phone registers at 10000/r ms: 3334 ms at r = 3, 5000 at r = 2.
    const result = advise('--scenario', 'rate', '--tune', 'cm.east.registration-rate', '--format', 'json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['file', 'scenario', 'knob', 'direction', 'from', 'to', 'value', 'runs', 'checked']);
    expect(json).toMatchObject({ file: 'a.failover', scenario: 'rate', knob: 'cm.east registration-rate', direction: 'smallest', from: 1, to: 1000, value: 3 });
    expect(json.runs).toBe(json.checked.length);
    expect(json.checked.slice(0, 2)).toEqual([
      { value: 1000, passed: true },
      { value: 1, passed: false },
    ]);
    expect(json.checked).toContainEqual({ value: 2, passed: false });
    expect(json.checked).toContainEqual({ value: 3, passed: true });
  });

  it("takes the file's own form in quotes, and bounds written like the file's values", () => {
    const result = advise('-s', 'rate', '-t', 'cm.east registration-rate', '--from', '2', '--to', '8', '-f', 'json');
    expect(JSON.parse(result.stdout)).toMatchObject({ from: 2, to: 8, value: 3 });
  });

  it('gives times in milliseconds: the largest keepalive that keeps a crash under 40 s', () => {
    // Phone 9 of 10 detects at floor(9K/10) + 25 s and registers 1 s later: K = 15s gives 39.5 s, 16s 40.4 s.
    const result = advise('-s', 'timer', '-t', 'keepalive', '--from', '1s', '--to', '1m', '-f', 'json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ knob: 'keepalive', direction: 'largest', from: 1_000, to: 60_000, value: 15_000 });
    expect(json.checked[0]).toEqual({ value: 1_000, passed: true });
    expect(json.checked.every((c: { value: number }) => c.value % 1000 === 0)).toBe(true);
  });

  it('leaves values that make a run invalid outside the range: phones below a calls count', () => {
    // calls P 3: the search starts at 3 phones. N − 3 idle phones queue one a second: up to N = 8 the outage is ≤ 5 s.
    const json = JSON.parse(advise('-s', 'growth', '-t', 'P.phones', '--to', '40', '-f', 'json').stdout);
    expect(json).toMatchObject({ direction: 'largest', from: 1, to: 40, value: 8 });
    expect(json.checked[0]).toEqual({ value: 3, passed: true });
    expect(json.checked.map((c: { value: number }) => c.value)).not.toContain(1);
  });

  it('no value in the range: value null, the sentence on stderr, exit 1', () => {
    const result = advise('-s', 'rate', '-t', 'cm.east.registration-rate', '--to', '2', '-f', 'json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ value: null, runs: 2 });
    expect(result.stderr).toBe('failover: no value from 1 to 2 meets the expectations\n');
  });

  it('warns when the economical end passes and the generous end fails, naming the values', () => {
    const result = advise('-s', 'small peak', '-t', 'cm.east.capacity', '--to', '10', '-f', 'json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).value).toBe(1);
    expect(result.stderr).toBe(
      'failover: warning: the expectations hold at cm.east capacity 1 but not at 10: they are not monotone in cm.east capacity, so other values may pass too\n',
    );
  });
});

describe('failover advise: text', () => {
  it('states the value, its verification and the simulations run', () => {
    const result = advise('-s', 'rate', '-t', 'cm.east.registration-rate', '--to', '8');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'a.failover: scenario "rate"',
        '  smallest cm.east registration-rate at which every expectation holds: 3',
        '  verified: 3 passes; 2 fails',
        '  5 simulations over cm.east registration-rate 1 to 8: 8 ✓, 1 ✗, 5 ✓, 3 ✓, 2 ✗',
        '',
      ].join('\n'),
    );
  });

  it('says so when nothing passes', () => {
    const result = advise('-s', 'rate', '-t', 'cm.east.registration-rate', '--to', '2');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  no value from 1 to 2 meets the expectations\n');
  });
});

describe('failover advise: bad input is one line and the right exit code', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'a misspelled setting',
      ['-s', 'rate', '-t', 'fallback-queue-dept'],
      /^failover: --tune: unknown knob `fallback-queue-dept`: did you mean `fallback-queue-depth`\?/,
    ],
    [
      'a misspelled property',
      ['-s', 'rate', '-t', 'cm.east.capacty'],
      /^failover: --tune: callmanager `cm.east` has no knob `capacty`: did you mean `cm.east.capacity`\?/,
    ],
    [
      'an unknown definition',
      ['-s', 'rate', '-t', 'cm.eats.capacity'],
      /^failover: --tune: no callmanager, srst router or pool named `cm.eats`: did you mean `cm.east.capacity`\?/,
    ],
    [
      'a property the definition lacks',
      ['-s', 'rate', '-t', 'P capacity'],
      /^failover: --tune: pool `P` has no knob `capacity` \(it has phones, connection-monitor\)/,
    ],
    ['an unknown scenario', ['-s', 'rats', '-t', 'keepalive'], /^failover: no scenario named "rats" in a.failover: did you mean "rate"\?/],
    ['--from above --to', ['-s', 'rate', '-t', 'keepalive', '--from', '2m', '--to', '1m'], /^failover: --from 2m is above --to 1m/],
    ['a duration for a count', ['-s', 'rate', '-t', 'BR.capacity', '--from', '45s'], /^failover: --from `45s`: BR capacity is a count/],
    ['a bare number for a time', ['-s', 'rate', '-t', 'keepalive', '--to', '45'], /^failover: --to `45` has no unit/],
    [
      'a time that is not whole seconds',
      ['-s', 'rate', '-t', 'keepalive', '--to', '1500ms'],
      /^failover: --to `1500ms`: the advisor steps times in whole seconds/,
    ],
    ["a value out of the knob's range", ['-s', 'rate', '-t', 'BR.capacity', '--from', '0'], /^failover: --from: capacity must be at least 1 \(it is 0\)/],
    ['no --tune', ['-s', 'rate'], /^failover: required option '-t, --tune <knob>' not specified/],
  ];
  it.each(cases)('%s: exit 2', (_, args, message) => {
    const result = advise(...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a scenario stopped by errors: exit 1, its errors printed as lint prints them', () => {
    const result = advise('-s', 'broken', '-t', 'keepalive');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/a\.failover\n\s+\d+:14\s+error\s+.*CM9.*unknown-reference/);
    expect(result.stderr).toContain('failover: scenario "broken" has errors');
  });

  it('a missing file: exit 2', () => {
    const result = runCli(['advise', 'nowhere.failover', '-s', 'x', '-t', 'keepalive'], folder);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
