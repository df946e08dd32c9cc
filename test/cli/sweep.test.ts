// `failover sweep` through the built CLI: PRODUCT.md's JSON run by run (figures worked out by hand
// in test/sweeps/runner.test.ts's words), the text and CSV forms, the split over workers never
// showing, exit codes and the bad inputs of issue 14.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch } from '../support/cli';

const TEXT = `settings { keepalive 10s registration-rate 1 }
callmanager CM1
callmanager CM2
group G { CM1, CM2 }
pool P { group G phones 10 }

scenario "stop" {
  at 0s stop CM1
  at 20s expect P on CM2 == all
  expect outage P <= 4s
}

scenario "calls" {
  at 0s calls P 3 lasting 30s
  at 0s stop CM1
  at 1m expect P on CM2 == all
}

sweep "rate" {
  scenario "stop"
  vary CM2 registration-rate from 1 to 4
}

sweep "grid" {
  scenario "stop"
  vary CM2 registration-rate from 1 to 3
  vary keepalive from 10s to 20s step 10s
}

sweep "phones" {
  scenario "calls"
  vary P phones from 2 to 4
}
`;

const folder = scratch({ 'a.failover': TEXT, 'b.failover': TEXT.replace(/sweep "grid"[^}]*\}\n\nsweep "phones"[^}]*\}\n/, '') });
const sweep = (...args: string[]) => runCli(['sweep', ...args], folder);

describe('failover sweep --format json', () => {
  const result = sweep('a.failover', '--format', 'json');
  const json = JSON.parse(result.stdout);
  const [rate, grid, phones] = json.sweeps;

  it("exits 0 when every sweep ran, whatever its runs' verdicts", () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(Object.keys(json)).toEqual(['file', 'sweeps']);
    expect(json.file).toBe('a.failover');
    expect(Object.keys(rate)).toEqual(['name', 'line', 'scenario', 'vary', 'runs']);
    expect(rate).toMatchObject({ name: 'rate', line: 19, scenario: 'stop', vary: [{ knob: 'CM2 registration-rate', values: [1, 2, 3, 4] }] });
  });

  it('gives each run exactly its values, expectations, end, settled, pools and targets', () => {
    // Ten phones queue at CM2 at 0, one every 1000/r ms: the last at 10000, 5000, 3334 (ceil of
    // 10000/3), 2500. The outage expectation (≤ 4 s) holds from r = 3; the `at 20s` one always.
    expect(rate.runs[2]).toEqual({
      values: [3],
      expectations: { passed: 2, total: 2 },
      end: 20_000,
      settled: 3_334,
      pools: { P: { phones: 10, maxOutage: 3_334, outagePhoneSeconds: 18.337, affectedPhones: 10, preservedCalls: 0, final: { CM2: 10 } } },
      targets: { CM1: { peak: 0, peakAt: 0 }, CM2: { peak: 10, peakAt: 3_334 } },
    });
    expect(rate.runs.map((r: { settled: number }) => r.settled)).toEqual([10_000, 5_000, 3_334, 2_500]);
    expect(rate.runs.map((r: { expectations: { passed: number } }) => r.expectations.passed)).toEqual([1, 1, 2, 2]);
  });

  it('orders the runs with the first vary outermost, and gives time values in ms', () => {
    expect(grid.vary).toEqual([
      { knob: 'CM2 registration-rate', values: [1, 2, 3] },
      { knob: 'keepalive', values: [10_000, 20_000] },
    ]);
    expect(grid.runs.map((r: { values: number[] }) => r.values)).toEqual([
      [1, 10_000],
      [1, 20_000],
      [2, 10_000],
      [2, 20_000],
      [3, 10_000],
      [3, 20_000],
    ]);
  });

  it("a calls count above the run's phones makes that run invalid: only values and the sentence", () => {
    expect(phones.runs[0]).toEqual({ values: [2], invalid: "calls P 3: more than the pool's 2 phones" });
    expect(phones.runs[1]).toMatchObject({ values: [3], expectations: { passed: 1, total: 1 } });
  });

  it('several files: an array, one object per file', () => {
    const both = JSON.parse(sweep('a.failover', 'b.failover', '-f', 'json').stdout);
    expect(both.map((f: { file: string; sweeps: { name: string }[] }) => [f.file, f.sweeps.map((s) => s.name)])).toEqual([
      ['a.failover', ['rate', 'grid', 'phones']],
      ['b.failover', ['rate']],
    ]);
  });

  it('--sweep runs only the sweep named', () => {
    const only = JSON.parse(sweep('a.failover', '--sweep', 'grid', '-f', 'json').stdout);
    expect(only.sweeps.map((s: { name: string }) => s.name)).toEqual(['grid']);
  });
});

describe('failover sweep: the split over workers never shows', () => {
  it.each(['json', 'text', 'csv'])('--format %s: --jobs 1 and --jobs 3 print the same', (format) => {
    const one = sweep('a.failover', 'b.failover', '-f', format, '--jobs', '1');
    const three = sweep('a.failover', 'b.failover', '-f', format, '--jobs', '3');
    expect(one.code).toBe(0);
    expect(three.stdout).toBe(one.stdout);
  });
});

describe('failover sweep: text and csv', () => {
  it('text: a table per sweep, passing runs marked, the boundary of a one-knob sweep', () => {
    const result = sweep('a.failover', '--sweep', 'rate');
    expect(result.stdout).toContain('Sweep "rate" (line 19) · scenario "stop" · 4 runs · 2 pass · smallest passing CM2 registration-rate 3');
    const rows = result.stdout.split('\n').filter((l) => /^\s+(✓\s+)?\d/.test(l));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^\s+1\s+1\/2\s+10s\s+P 10s\s+CM2 10$/);
    expect(rows[2]).toMatch(/^\s+✓\s+3\s+2\/2\s+3s334ms\s+P 3s334ms\s+CM2 10$/);
    expect(result.stdout).toContain('  expectations hold from CM2 registration-rate 3\n');
  });

  it('text: an invalid run says why', () => {
    const result = sweep('a.failover', '--sweep', 'phones');
    expect(result.stdout).toMatch(/\n\s+2\s+invalid: calls P 3: more than the pool's 2 phones\n/);
  });

  it('csv: one row per run under the documented header', () => {
    const rows = sweep('a.failover', '-f', 'csv').stdout.trim().split('\n');
    expect(rows[0]).toBe('file,sweep,scenario,knob1,value1,knob2,value2,passed,total,end_ms,settled_ms,worst_pool,max_outage_ms,busiest_target,peak,invalid');
    expect(rows).toHaveLength(1 + 4 + 6 + 3);
    expect(rows[3]).toBe('a.failover,rate,stop,CM2 registration-rate,3,,,2,2,20000,3334,P,3334,CM2,10,');
    expect(rows[6]).toBe('a.failover,grid,stop,CM2 registration-rate,1,keepalive,20000,1,2,20000,10000,P,10000,CM2,10,');
    expect(rows[11]).toBe("a.failover,phones,calls,P phones,2,,,,,,,,,,,calls P 3: more than the pool's 2 phones");
  });
});

describe('failover sweep: errors and bad input', () => {
  const broken = scratch({
    'c.failover': `${TEXT}
sweep "unknown name" {
  scenario "stop"
  vary CM9 capacity from 1 to 2
}

sweep "too many" {
  scenario "stop"
  vary CM2 capacity from 1 to 1001
}

sweep "backwards" {
  scenario "stop"
  vary CM2 capacity from 20 to 10
}

sweep "step 0" {
  scenario "stop"
  vary CM2 capacity from 1 to 10 step 0
}

sweep "duration for a count" {
  scenario "stop"
  vary CM2 capacity from 1s to 10s step 1s
}
`,
  });
  const result = runCli(['sweep', 'c.failover', '-f', 'json'], broken);

  it('exit 1 when a file has errors; the sweeps errors do not stop still run and are printed', () => {
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).sweeps.map((s: { name: string }) => s.name)).toEqual(['rate', 'grid', 'phones']);
  });

  it('each stopped sweep is one line on stderr, after the errors printed as lint prints them', () => {
    const stopped = result.stderr.split('\n').filter((l) => l.startsWith('failover: '));
    expect(stopped.map((l) => /sweep "([^"]+)" has errors and was not run/.exec(l)?.[1])).toEqual([
      'unknown name',
      'too many',
      'backwards',
      'step 0',
      'duration for a count',
    ]);
    expect(result.stderr).toMatch(/^c\.failover\n/);
    expect(result.stderr).toMatch(/\s+\d+:\d+\s+error\s+.*CM9.*unknown-reference/);
  });

  it('a sweep whose scenario has errors is stopped too', () => {
    const folder2 = scratch({ 'd.failover': TEXT.replace('at 0s stop CM1\n  at 20s', 'at 0s stop CM9\n  at 20s') });
    const r = runCli(['sweep', 'd.failover', '-f', 'json'], folder2);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).sweeps.map((s: { name: string }) => s.name)).toEqual(['phones']);
    expect(r.stderr).toContain('sweep "rate" has errors and was not run');
  });

  it('--sweep naming none: exit 2 with the closest title', () => {
    const r = sweep('a.failover', '--sweep', 'rates');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('failover: no sweep named "rates" in a.failover: did you mean "rate"?\n');
  });

  it('a missing path: exit 2, one line', () => {
    const r = sweep('nowhere.failover');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--jobs 0: exit 2, one line', () => {
    const r = sweep('a.failover', '--jobs', '0');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('the pages show real output', () => {
  const example = path.resolve(__dirname, '../fixtures/spec-example');
  /** Each ```text block of a page that starts with `$ failover …`: the command and what it printed. */
  const shown = (page: string) =>
    [...readFileSync(path.resolve(__dirname, '../../docs', page), 'utf8').matchAll(/```text\n\$ failover (.*)\n([\s\S]*?)```/g)].map((m) => ({
      args: [...m[1]!.matchAll(/"([^"]*)"|(\S+)/g)].map((a) => a[1] ?? a[2]!),
      output: m[2]!,
    }));

  it.each(['sweeps.md', 'advise.md'])('%s: every `$ failover …` block is what the command prints for the sample', (page) => {
    const blocks = shown(page);
    expect(blocks.length).toBeGreaterThan(0);
    for (const { args, output } of blocks) {
      const printed = runCli(args, example).stdout;
      // A block may show the first rows and `…` for the rest.
      if (output.includes('…\n')) for (const line of output.split('\n').filter((l) => l && l !== '…')) expect(printed).toContain(line);
      else expect(printed).toBe(output);
    }
  });

  it("sweeps.md's example is the sample file", () => {
    const page = readFileSync(path.resolve(__dirname, '../../docs/sweeps.md'), 'utf8');
    expect(page).toContain('```failover\n' + readFileSync(path.join(example, 'whatif.failover'), 'utf8') + '```');
  });
});
