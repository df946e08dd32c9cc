// `failover simulate` as a newcomer meets it: `--step` says what is wrong with a duration and
// applies to the text output, the chart shows the phones out of service, and `--help` gives the
// units of the JSON and CSV figures.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch } from '../support/cli';

const EXAMPLE = path.resolve(__dirname, '../fixtures/spec-example');

/** One CallManager, no SRST: its 10 phones are out of service from its stop at 1m until after its recovery at 31m. */
const LONG_OUTAGE = 'callmanager CM1\ngroup G { CM1 }\npool HQ { group G phones 10 }\nscenario "long outage" {\n  at 1m stop CM1\n  at 31m recover CM1\n}\n';

describe('simulate --step', () => {
  it('names the missing unit of `1m30` instead of asking for a duration above zero', () => {
    expect(runCli(['simulate', '--step', '1m30', 'outages.failover'], EXAMPLE)).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'failover: --step `1m30`: the part `30` has no unit; add ms, s, m or h\n',
    });
  });

  it('names the missing unit of a bare number, and a decimal point as the file would', () => {
    expect(runCli(['simulate', '--step', '30', 'outages.failover'], EXAMPLE)).toMatchObject({
      code: 2,
      stderr: 'failover: --step `30` has no unit: write 30s (or 30ms, 30m)\n',
    });
    expect(runCli(['simulate', '--step', '1.5s', 'outages.failover'], EXAMPLE)).toMatchObject({
      code: 2,
      stderr: 'failover: --step `1.5s` has a decimal point: numbers are whole; write 1500ms instead of 1.5s\n',
    });
  });

  it('text: adds the placement of every pool at every step, from 0 to the first step at or after the end', () => {
    const result = runCli(['simulate', '--step', '5m', '-s', 'CM1 crash at peak', 'outages.failover'], EXAMPLE);
    expect(result.code).toBe(0);
    const table = result.stdout.slice(result.stdout.indexOf('  placement every 5m\n')).trimEnd().split('\n');
    // PRODUCT.md's figures: HQ on CM2 at 5m is 840, the other 360 of its 1,200 phones are in
    // preserved calls (counted as unregistered); the run ends at 40m, so 40m is the last row.
    expect(table).toEqual([
      '  placement every 5m',
      '    time  HQ                         BRANCH1',
      '      0s  CM1 1,200                  CM2 40',
      '      5m  CM2 840, unregistered 360  CM2 40',
      '     10m  CM2 840, unregistered 360  CM2 40',
      '     15m  CM2 1,200                  CM2 40',
      '     20m  CM2 1,200                  CM2 40',
      '     25m  CM1 1,200                  CM2 40',
      '     30m  CM1 1,200                  CM2 40',
      '     35m  CM1 1,200                  CM2 40',
      '     40m  CM1 1,200                  CM2 40',
    ]);
  });

  it('text: no placement table without --step', () => {
    expect(runCli(['simulate', 'outages.failover'], EXAMPLE).stdout).not.toContain('placement every');
  });

  it('json: refused with one line, since the JSON timeline is the exact record of every change', () => {
    expect(runCli(['simulate', '--format', 'json', '--step', '5m', 'outages.failover'], EXAMPLE)).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'failover: --step applies to --format text and csv; the JSON timeline has an entry at every change\n',
    });
  });
});

describe('simulate --format text: the chart', () => {
  it('has a row for the phones out of service, so a long outage shows as a long run of blocks', () => {
    const root = scratch({ 'x.failover': LONG_OUTAGE });
    const result = runCli(['simulate', 'x.failover'], root);
    expect(result.code).toBe(0);
    const chart = result.stdout.split('\n').filter((line) => line.includes('│'));
    // The run ends at 31m27s10ms (1 887 010 ms): each of the 60 columns covers about 31.5 s. The
    // phones are out from 1m (column 1) until they register again at the very end (column 59).
    expect(chart).toEqual([`    CM1          │██${' '.repeat(57)}█│`, `    unregistered │ ${'█'.repeat(59)}│`]);
    expect(result.stdout).toContain('phones over time, per target and unregistered (full block = 10)');
  });

  it('keeps the row, empty, when no phone is ever out of service', () => {
    const root = scratch({ 'x.failover': 'callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones 10 }\nscenario "calm" {\n}\n' });
    const chart = runCli(['simulate', 'x.failover'], root)
      .stdout.split('\n')
      .filter((line) => line.includes('│'));
    expect(chart).toEqual([`    CM1          │${'█'.repeat(60)}│`, `    unregistered │${' '.repeat(60)}│`]);
  });
});

describe('simulate --help', () => {
  it('says that JSON and CSV times are integer milliseconds, and outagePhoneSeconds phone-seconds', () => {
    const help = runCli(['simulate', '--help'], EXAMPLE);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Units:');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('json and csv give every time as an integer number of milliseconds');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('outagePhoneSeconds is in phone-seconds');
    expect(help.stdout).toMatch(/--step <duration>\s+text and csv/);
  });
});
