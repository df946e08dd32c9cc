// Colour follows NO_COLOR and FORCE_COLOR (server/src/cli/colorChoice.ts): the decision table, then
// the built CLI in a pipe (not a terminal), as in a CI log.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { wantsColor } from '../../server/src/cli/colorChoice';
import { CLI, scratch } from '../support/cli';

const ESC = '\u001b[';

describe('wantsColor', () => {
  it.each([
    // [environment, on a terminal, colour]
    [{}, true, true],
    [{}, false, false],
    [{ TERM: 'dumb' }, true, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: 'yes please' }, true, false],
    [{ NO_COLOR: '' }, true, true], // empty is unset
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '3' }, false, true],
    [{ FORCE_COLOR: 'true' }, false, true],
    [{ FORCE_COLOR: '1', TERM: 'dumb' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ FORCE_COLOR: '' }, false, false], // empty is unset
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, false], // NO_COLOR wins
  ] as [Record<string, string>, boolean, boolean][])('%j on a terminal: %s → colour %s', (env, isTTY, expected) => {
    expect(wantsColor(env, isTTY)).toBe(expected);
  });
});

describe('the CLI in a pipe', () => {
  const root = scratch({ 'bad.failover': 'pool P { group NOPE phones 1 }\n' });
  const lint = (env: Record<string, string>) => {
    const inherited = { ...process.env };
    delete inherited.NO_COLOR;
    delete inherited.FORCE_COLOR;
    const result = spawnSync(process.execPath, [CLI, 'lint', '--no-simulate', 'bad.failover'], { cwd: root, encoding: 'utf8', env: { ...inherited, ...env } });
    expect(result.status).toBe(1);
    return result.stdout;
  };

  it('prints no colour by default', () => {
    expect(lint({})).not.toContain(ESC);
  });

  it('colours the report with FORCE_COLOR, as a CI log that renders ANSI wants', () => {
    const coloured = lint({ FORCE_COLOR: '1' });
    expect(coloured).toContain(`${ESC}31merror${ESC}39m`);
    expect(coloured).toContain(`${ESC}4mbad.failover${ESC}24m`);
  });

  it('prints no colour with FORCE_COLOR=0, nor with NO_COLOR even when FORCE_COLOR is set', () => {
    expect(lint({ FORCE_COLOR: '0' })).not.toContain(ESC);
    expect(lint({ NO_COLOR: '1', FORCE_COLOR: '1' })).not.toContain(ESC);
  });

  it('colours the lines fmt --diff removes red and those it adds green, only when asked', () => {
    const dir = scratch({ 'a.failover': 'callmanager   CM1\n' });
    const diff = (env: Record<string, string>) => {
      const inherited = { ...process.env };
      delete inherited.NO_COLOR;
      delete inherited.FORCE_COLOR;
      return spawnSync(process.execPath, [CLI, 'fmt', '--check', '--diff', 'a.failover'], { cwd: dir, encoding: 'utf8', env: { ...inherited, ...env } }).stdout;
    };
    expect(diff({ FORCE_COLOR: '1' })).toContain(`${ESC}31m-callmanager   CM1${ESC}39m\n${ESC}32m+callmanager CM1${ESC}39m\n`);
    expect(diff({})).toContain('-callmanager   CM1\n+callmanager CM1\n');
  });

  it('colours simulate --format text with FORCE_COLOR too', () => {
    const dir = scratch({
      'x.failover': 'callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones 10 }\nscenario "s" {\n  at 1m stop CM1\n}\n',
    });
    const inherited = { ...process.env };
    delete inherited.NO_COLOR;
    const result = spawnSync(process.execPath, [CLI, 'simulate', 'x.failover'], { cwd: dir, encoding: 'utf8', env: { ...inherited, FORCE_COLOR: '1' } });
    expect(result.stdout).toContain(`${ESC}1mScenario "s"${ESC}22m`);
  });
});
