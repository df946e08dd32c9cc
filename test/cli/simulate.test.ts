import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch } from '../support/cli';

const EXAMPLE = path.resolve(__dirname, '../fixtures/spec-example');

describe("failover simulate --format json on LANGUAGE.md's example", () => {
  const result = runCli(['simulate', '--format', 'json', 'outages.failover'], EXAMPLE);
  const json = JSON.parse(result.stdout);
  const [crash, wan] = json.scenarios;

  it('exits 0 with every expectation met', () => {
    expect(result.code).toBe(0);
    expect(json.file).toBe('outages.failover');
  });

  it('reproduces PRODUCT.md\'s figures for "CM1 crash at peak"', () => {
    expect(crash).toMatchObject({ name: 'CM1 crash at peak', line: 4, end: 2_400_000, settled: 1_229_985 });
    expect(crash.pools).toEqual({
      HQ: { phones: 1200, maxOutage: 54_983, outagePhoneSeconds: 37_896.06, affectedPhones: 1200, preservedCalls: 360, final: { CM1: 1200 } },
      BRANCH1: { phones: 40, maxOutage: 0, outagePhoneSeconds: 0, affectedPhones: 0, preservedCalls: 0, final: { CM2: 40 } },
    });
    expect(crash.targets).toEqual({
      CM1: { peak: 1200, peakAt: 0 },
      CM2: { peak: 1240, peakAt: 602_880 },
      CM3: { peak: 0, peakAt: 0 },
      'BR1-RTR': { peak: 0, peakAt: 0 },
    });
    expect(crash.timeline[0]).toEqual({ t: 0, pools: { HQ: { CM1: 1200 }, BRANCH1: { CM2: 40 } } });
    expect(crash.expectations[0]).toEqual({ line: 8, passed: true, message: 'HQ on CM2 at 5m: 840 (>= 800)' });
    expect(crash.expectations[2]).toEqual({ line: 10, passed: true, message: 'outage HQ: 54s983ms (<= 5m)' });
    expect(crash.expectations.map((e: { line: number }) => e.line)).toEqual([8, 9, 10, 11, 12]);
    expect(crash.findings).toEqual([]);
  });

  it('reproduces PRODUCT.md\'s figures for "Branch WAN cut"', () => {
    expect(wan).toMatchObject({ name: 'Branch WAN cut', line: 15, end: 1_200_000, settled: 989_258 });
    expect(wan.pools.BRANCH1).toMatchObject({ maxOutage: 49_760, outagePhoneSeconds: 1405.4 });
    expect(wan.targets['BR1-RTR']).toEqual({ peak: 40, peakAt: 59_760 });
  });

  it("every timeline entry adds up to each pool's phones", () => {
    for (const scenario of json.scenarios) {
      for (const entry of scenario.timeline) {
        for (const [pool, counts] of Object.entries(entry.pools as Record<string, Record<string, number>>)) {
          expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(scenario.pools[pool].phones);
        }
      }
    }
  });
});

describe('failover simulate: text and csv', () => {
  it('text: tables, ✓ marks with actual values, and a chart', () => {
    const result = runCli(['simulate', 'outages.failover'], EXAMPLE);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Scenario "CM1 crash at peak" (line 4) ✓ 5/5 expectations');
    expect(result.stdout).toContain('✓ line 8: HQ on CM2 at 5m: 840 (>= 800)');
    expect(result.stdout).toMatch(/HQ\s+1,200\s+54s983ms\s+37,896.06\s+1,200\s+360\s+CM1 1,200/);
    expect(result.stdout).toMatch(/CM2\s+│[ ▁▂▃▄▅▆▇█]{60}│/);
  });

  it('csv: one row per change with a column per pool and target', () => {
    const result = runCli(['simulate', '--format', 'csv', '--scenario', 'CM1 crash at peak', 'outages.failover'], EXAMPLE);
    const rows = result.stdout.trim().split('\n');
    expect(rows[0]).toBe('scenario,t_ms,HQ:CM1,HQ:CM2,HQ:CM3,HQ:unregistered,BRANCH1:CM2,BRANCH1:CM1,BRANCH1:BR1-RTR,BRANCH1:unregistered');
    expect(rows[1]).toBe('CM1 crash at peak,0,1200,0,0,0,40,0,0,0');
    // The crash at 1m: every HQ phone loses its registration at once (in calls or not).
    expect(rows[2]).toBe('CM1 crash at peak,60000,0,0,0,1200,40,0,0,0');
  });

  /** "Branch WAN cut" sampled every `step`: each row's time and BRANCH1's columns. */
  const branchRows = (step: string) =>
    runCli(['simulate', '-f', 'csv', '--step', step, '-s', 'Branch WAN cut', 'outages.failover'], EXAMPLE)
      .stdout.trim()
      .split('\n')
      .slice(1)
      .map((r) => r.split(',').slice(1, 2).concat(r.split(',').slice(6)).join(' '));

  it('csv --step samples the state at every step', () => {
    expect(branchRows('5m')).toEqual(['0 40 0 0 0', '300000 0 0 40 0', '600000 0 0 40 0', '900000 0 0 40 0', '1200000 40 0 0 0']);
  });

  it('csv --step ends with the first step at or after the end, so the last row is the final state', () => {
    // "Branch WAN cut" ends at 1 200 000 (20m); with 7m steps the grid is 0, 7m, 14m, 21m, and at 21m
    // BRANCH1's 40 phones are back on CM2 (they fell back by 989 258).
    expect(branchRows('7m')).toEqual(['0 40 0 0 0', '420000 0 0 40 0', '840000 0 0 40 0', '1260000 40 0 0 0']);
  });

  it('finds --scenario in whichever of the given files has it, and says where it looked when none has', () => {
    const both = runCli(['simulate', '-f', 'csv', '-s', 'Branch WAN cut', '.'], EXAMPLE);
    expect(both.code).toBe(0);
    expect(both.stdout.split('\n')[1]).toMatch(/^Branch WAN cut,0,/);
    const none = runCli(['simulate', '-s', 'nope', '.'], EXAMPLE);
    expect(none).toMatchObject({ code: 2 });
    expect(none.stderr).toMatch(/^failover: no scenario named "nope" in \d+ files \(they have "CM1 crash at peak", "Branch WAN cut"/);
  });

  it('prints the path as given, and one object for one file, an array for several', () => {
    const one = JSON.parse(runCli(['simulate', '-f', 'json', './outages.failover'], EXAMPLE).stdout);
    expect(one.file).toBe('./outages.failover');
    const several = JSON.parse(runCli(['simulate', '-f', 'json', '.'], EXAMPLE).stdout);
    expect(Array.isArray(several)).toBe(true);
    expect(several.map((f: { file: string }) => f.file)).toContain('outages.failover');
    const root = scratch({ 'bad.failover': 'pool P { group NOPE phones 1 }\n' });
    expect(runCli(['simulate', '-f', 'json', 'bad.failover'], root)).toMatchObject({ code: 1, stdout: '' });
  });

  it('exits 1 when an expectation fails, and marks it ✗', () => {
    const root = scratch({
      'x.failover':
        'callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones 10 }\nscenario "s" {\n  at 1m stop CM1\n  expect outage HQ <= 10ms\n}\n',
    });
    const result = runCli(['simulate', 'x.failover'], root);
    expect(result.code).toBe(1);
    // stop at 60 000: phone i registered with CM2 at 60 000 + 10·(i+1) → the last waits 100 ms.
    expect(result.stdout).toContain('✗ line 7: outage HQ: 100ms (<= 10ms)');
  });

  it('shows a count as written: `0` stays 0, `none` stays none', () => {
    const root = scratch({
      'x.failover':
        'callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones 10 }\nscenario "s" {\n  at 1m stop CM1\n  at 2m expect HQ on CM1 >= 0\n  at 2m expect HQ on CM1 == none\n}\n',
    });
    const result = runCli(['simulate', 'x.failover'], root);
    expect(result.stdout).toContain('✓ line 7: HQ on CM1 at 2m: 0 (>= 0)');
    expect(result.stdout).toContain('✓ line 8: HQ on CM1 at 2m: 0 (== none)');
  });

  it('simulates a scenario without steps: it ends at 0 with the phones where they registered', () => {
    const root = scratch({
      'x.failover': 'callmanager CM1 { capacity 6 }\nsrst BR\ngroup G { CM1 }\npool HQ { group G srst BR phones 10 }\nscenario "start" {\n}\n',
    });
    const json = JSON.parse(runCli(['simulate', '--format', 'json', 'x.failover'], root).stdout);
    // At 0, phones 0–5 fill CM1 (capacity 6) and 6–9 go to the srst router; nothing happens after.
    expect(json.scenarios).toHaveLength(1);
    expect(json.scenarios[0]).toMatchObject({ name: 'start', end: 0, settled: 0, pools: { HQ: { final: { CM1: 6, BR: 4 }, maxOutage: 0 } } });
    const text = runCli(['simulate', 'x.failover'], root).stdout;
    // The chart of a run that ends at 0 is the state at 0 across the whole width.
    expect(text).toMatch(/CM1 +│█{60}│/);
  });

  it('exits 2 on a bad --step, an unknown scenario or a missing file, and 1 on a file with errors', () => {
    const root = scratch({ 'bad.failover': 'pool P { group NOPE phones 1 }\nscenario "s" { at 1m reset P }\n' });
    expect(runCli(['simulate', '--step', '0', 'outages.failover'], EXAMPLE)).toMatchObject({
      code: 2,
      stderr: 'failover: --step needs a duration above zero, such as 1s or 500ms (got `0`)\n',
    });
    expect(runCli(['simulate', '-s', 'nope', 'outages.failover'], EXAMPLE)).toMatchObject({
      code: 2,
      stderr: 'failover: no scenario named "nope" in outages.failover (it has "CM1 crash at peak", "Branch WAN cut")\n',
    });
    expect(runCli(['simulate', 'gone.failover'], root)).toMatchObject({ code: 2, stderr: 'failover: cannot read gone.failover: file not found\n' });
    const errors = runCli(['simulate', 'bad.failover'], root);
    expect(errors.code).toBe(1);
    expect(errors.stderr).toMatch(
      /^failover: bad.failover has errors and was not simulated; run `failover lint` to see them \(first: bad.failover:1:16 Unknown group `NOPE`/,
    );
  });
});

describe('failover lint with the simulation', () => {
  it('reports expectation-failed as an error and findings as warnings, at their lines', () => {
    const root = scratch({
      'x.failover':
        'callmanager CM1\ncallmanager CM2 { capacity 5 }\ngroup G { CM1, CM2 }\npool HQ { group G phones 10 }\nscenario "s" {\n  at 1m stop CM1\n  at 2m recover CM2\n  expect peak CM2 <= 4\n}\n',
    });
    const result = runCli(['lint', '--format', 'json', 'x.failover'], root);
    expect(result.code).toBe(1);
    const diagnostics = JSON.parse(result.stdout)[0].diagnostics.map(
      (d: { line: number; code: string; severity: string }) => `${d.line} ${d.severity} ${d.code}`,
    );
    expect(diagnostics).toEqual([
      '1 warning single-failure-risk',
      '6 warning capacity-exceeded',
      '6 warning no-service',
      '7 warning event-no-effect',
      '8 error expectation-failed',
    ]);
    expect(runCli(['lint', '--no-simulate', '--format', 'json', 'x.failover'], root).code).toBe(0);
  });
});
