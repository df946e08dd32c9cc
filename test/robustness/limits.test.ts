// Limits with clear messages: numbers, counts and durations beyond their ranges give `invalid-value`
// (or `simulation-limit`) instead of a hang or running out of memory, in the core, the CLI and the
// editor. Times and durations are at most 30 days (720h): beyond 2^53 ms the simulator's integer
// milliseconds are no longer exact and a run never ended; whole numbers must be exactly representable.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../server/src/core/workspace/analysis';
import { Program } from '../../server/src/core/workspace/program';
import { validateImportCycles } from '../../server/src/core/workspace/validate';
import { MAX_TIME_MS } from '../../server/src/core/workspace/values';
import { runCli, scratch } from '../support/cli';
import { checkDiagnostics, memoryHost } from '../support/fixtures';
import { poll, TestClient, workspaceFolder } from '../support/lspClient';

const TOPOLOGY = 'callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones 100 }\n';
const NINES = '9'.repeat(400); // a number beyond any double: it reads as Infinity

describe('invalid-value at the limits', () => {
  it('refuses phones beyond 10,000,000, however large', () => {
    const [d] = checkDiagnostics(`callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones ⟦1000000000000⟧ }`, ['invalid-value']);
    expect(d!.message).toBe('Invalid value: phones must be from 1 to 10,000,000 (it is 1,000,000,000,000).');
    checkDiagnostics(`callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones ⟦${NINES}⟧ }`, ['invalid-value']);
  });

  it('refuses a time after `at` beyond 30 days, and accepts 720h exactly', () => {
    const [d] = checkDiagnostics(`${TOPOLOGY}scenario "s" {\n  at ⟦99999h⟧ crash CM1\n}`, ['invalid-value']);
    expect(d!.message).toBe('Invalid value: the time after `at` must be at most 30 days, 720h (it is 99999h).');
    checkDiagnostics(`${TOPOLOGY}scenario "s" {\n  at 720h crash CM1\n  at 719h59m59s999ms recover CM1\n}`, []);
    expect(MAX_TIME_MS).toBe(720 * 3_600_000);
  });

  it('refuses every other time and duration beyond 30 days, including ones beyond any clock', () => {
    const diagnostics = checkDiagnostics(
      `settings { keepalive ⟦721h⟧ connection-monitor ⟦800h⟧ reset-time ⟦${NINES}ms⟧ }\n${TOPOLOGY}pool P { group G phones 1 connection-monitor ⟦1000h⟧ }\n` +
        `scenario "s" {\n  at 0s calls HQ 1 lasting ⟦720h1ms⟧\n  at ⟦9007199254740993ms⟧ recover CM1\n  at ⟦721h⟧ expect HQ on CM1\n  expect outage HQ <= ⟦1000h⟧\n  expect settled by ⟦${NINES}h⟧\n}`,
      ['invalid-value', 'invalid-value', 'invalid-value', 'invalid-value', 'invalid-value', 'invalid-value', 'invalid-value', 'invalid-value', 'invalid-value'],
    );
    expect(diagnostics.map((d) => d.message)).toContain('Invalid value: the time after `at` must be at most 30 days, 720h (it is far longer).');
    expect(diagnostics.map((d) => d.message)).toContain('Invalid value: keepalive must be at most 30 days, 720h (it is 721h).');
  });

  it("keeps the language's own, tighter ranges first (tcp-retry at most 5m)", () => {
    const [d] = checkDiagnostics(`settings { tcp-retry ⟦1000h⟧ }`, ['invalid-value']);
    expect(d!.message).toBe('Invalid value: tcp-retry must be at most 5m (it is 1000h).');
  });

  it('refuses whole numbers too large to be exact (a registration-rate of 10^400 hung the simulator)', () => {
    const diagnostics = checkDiagnostics(
      `settings { registration-rate ⟦${NINES}⟧ fallback-queue-depth ⟦9007199254740992⟧ }\ncallmanager CM1 { capacity ⟦9007199254740992⟧ }\ncallmanager CM2 { capacity 9007199254740991 }\ngroup G { CM1, CM2 }\npool HQ { group G phones 100 }\n`,
      ['invalid-value', 'invalid-value', 'invalid-value'],
    );
    expect(diagnostics[2]!.message).toBe('Invalid value: capacity is too large (at most 9,007,199,254,740,991).');
  });

  it('a scenario that could not end is never simulated: the file has errors', () => {
    const files = {
      '/w/main.failover': `settings { registration-rate ${NINES} }\n${TOPOLOGY}scenario "s" {\n  at 1m crash CM1\n  at 9007199254740993ms recover CM1\n}\n`,
    };
    const analysis = Analysis.load(['/w/main.failover'], memoryHost(files));
    expect(analysis.isSimulable('/w/main.failover')).toBe(false);
  });
});

describe('hostile sizes in the workspace', () => {
  it('follows an import chain 20,000 files deep without overflowing the stack', () => {
    // The recursive walks of visibleFiles and importCycles threw "Maximum call stack size exceeded" here.
    const files: Record<string, string> = {};
    for (let i = 0; i < 20_000; i++) files[`/w/f${i}.failover`] = i < 19_999 ? `import "f${i + 1}.failover"\n` : 'callmanager LAST\n';
    const program = Program.load(['/w/f0.failover'], memoryHost(files));
    const visible = program.visibleFiles('/w/f0.failover');
    expect(visible).toHaveLength(20_000);
    expect(visible[0]).toBe('/w/f19999.failover');
    expect(visible[19_999]).toBe('/w/f0.failover');
    expect(program.importCycles()).toEqual([]);
  });

  it('reports an import cycle of 20,000 files with one short message per edge', () => {
    // The cycle was copied for each of its edges: quadratic in its length, and the messages listed every file.
    const files: Record<string, string> = {};
    for (let i = 0; i < 20_000; i++) files[`/w/f${i}.failover`] = `import "f${(i + 1) % 20_000}.failover"\n`;
    const program = Program.load(['/w/f0.failover'], memoryHost(files));
    const cycles = validateImportCycles(program);
    expect(cycles).toHaveLength(20_000);
    expect(cycles.find((d) => d.file === '/w/f5.failover')!.message).toBe(
      'Import cycle: f5.failover → f6.failover → f7.failover → f8.failover → f9.failover → f10.failover → f11.failover → f12.failover → f13.failover → f14.failover → … (20,000 files in all) → f5.failover. Move the shared definitions into a file that both import.',
    );
  });

  it('reports a name defined 30,000 times with bounded messages and related locations', () => {
    // Each duplicate listed every other one: 30,000² related locations on one 1 MB line never finished.
    const text = `${'callmanager CM1 '.repeat(30_000)}\ncallmanager CM2\ngroup G { CM1, CM2 }\npool P { group G phones 1 }\n`;
    const analysis = Analysis.load(['/w/main.failover'], memoryHost({ '/w/main.failover': text }));
    const duplicates = analysis.diagnostics('/w/main.failover').filter((d) => d.code === 'duplicate-definition');
    expect(duplicates).toHaveLength(30_000);
    expect(duplicates[0]!.message).toBe(
      '`CM1` is defined more than once (also 29,999 times in this file); names of callmanagers, srst routers, groups and pools must be unique. Rename one of them.',
    );
    expect(Math.max(...duplicates.map((d) => d.related!.length))).toBe(5);
  });

  it('reports 20,000 scenarios with one title with bounded related locations', () => {
    // Each listed every other one: 20,000² related locations ran out of memory after a minute.
    const text = `callmanager CM1\n${'scenario "x" { } '.repeat(20_000)}\n`;
    const analysis = Analysis.load(['/w/main.failover'], memoryHost({ '/w/main.failover': text }));
    const duplicates = analysis.diagnostics('/w/main.failover').filter((d) => d.code === 'duplicate-definition');
    expect(duplicates).toHaveLength(20_000);
    expect(duplicates[0]!.message).toBe('20,000 scenarios in this file are titled "x"; give each a title of its own.');
    expect(Math.max(...duplicates.map((d) => d.related!.length))).toBe(5);
  });

  it('words two scenarios with one title as before', () => {
    const analysis = Analysis.load(['/w/main.failover'], memoryHost({ '/w/main.failover': 'callmanager CM1\nscenario "x" { }\nscenario "x" { }\n' }));
    const [first] = analysis.diagnostics('/w/main.failover').filter((d) => d.code === 'duplicate-definition');
    expect(first!.message).toBe('Two scenarios in this file are titled "x"; give each a title of its own.');
    expect(first!.related).toHaveLength(1);
  });

  it('words a duplicate across files as before', () => {
    const { analysis } = {
      analysis: Analysis.load(
        ['/w/main.failover'],
        memoryHost({ '/w/main.failover': 'import "b.failover"\ncallmanager CM1\n', '/w/b.failover': 'callmanager CM1\n' }),
      ),
    };
    expect(analysis.diagnostics('/w/main.failover').find((d) => d.code === 'duplicate-definition')!.message).toBe(
      '`CM1` is defined more than once (also in b.failover); names of callmanagers, srst routers, groups and pools must be unique. Rename one of them.',
    );
  });
});

describe('the CLI at the limits', () => {
  it('lints a scenario at 9007199254740993ms and a rate of 10^400 at once, with invalid-value (they used to hang)', () => {
    const root = scratch({
      'far.failover': `settings { registration-rate ${NINES} }\n${TOPOLOGY}scenario "s" {\n  at 1m crash CM1\n  at 9007199254740993ms recover CM1\n}\n`,
    });
    const result = runCli(['lint', '--format', 'json', 'far.failover'], root);
    expect(result.code).toBe(1);
    const codes = (JSON.parse(result.stdout) as { diagnostics: { code: string }[] }[])[0]!.diagnostics.map((d) => d.code);
    expect(codes).toEqual(['invalid-value', 'invalid-value']);
    const simulated = runCli(['simulate', 'far.failover'], root);
    expect(simulated.code).toBe(1);
    expect(simulated.stderr).toMatch(/^failover: far\.failover has errors and was not simulated; .*registration-rate is too large/);
  });

  it('refuses 30,000,000 phones with simulation-limit instead of running out of memory', () => {
    const pools = [1, 2, 3].map((i) => `pool P${i} { group G phones 10_000_000 }`).join('\n');
    const root = scratch({ 'huge.failover': `callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\n${pools}\nscenario "s" {\n  at 1m crash CM1\n}\n` });
    const result = runCli(['lint', '--format', 'json', 'huge.failover'], root);
    expect(result.code).toBe(0);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { code: string; message: string }[] }[])[0]!.diagnostics;
    expect(diagnostics.find((d) => d.code === 'simulation-limit')?.message).toBe(
      '30000000 phones exceed the simulation limit of 20000000: the scenario was not simulated (scenario "s")',
    );
  });
});

describe('the editor at the limits', () => {
  const heavy = `callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones 2_000_000 }\nscenario "storm" {\n  at 1m crash CM1\n  at 20m recover CM1\n}\n`;

  it('stops a simulation at its time budget and says so; refuses more phones than maxPhones', async () => {
    const ws = workspaceFolder({ 'storm.failover': heavy });
    const client = await TestClient.start(ws.root, { settings: { simulation: { timeBudgetMs: 100, maxPhones: 20_000_000 } } });
    const small = await TestClient.start(ws.root, { settings: { simulation: { maxPhones: 1_000 } } });
    try {
      const uri = ws.uri('storm.failover');
      await client.open(uri, heavy);
      await small.open(uri, heavy);
      const stopped = await poll(
        async () => (await client.diagnostics(uri)).find((d) => d.code === 'simulation-limit'),
        'the time budget to stop the simulation',
        80_000,
      );
      expect(stopped.message).toMatch(/^Scenario "storm" was stopped before its end: it did not finish within the editor's time budget/);
      const refused = await poll(async () => (await small.diagnostics(uri)).find((d) => d.code === 'simulation-limit'), 'the phone limit', 80_000);
      expect(refused.message).toBe('2000000 phones exceed the simulation limit of 1000: the scenario was not simulated (scenario "storm")');
      expect(client.process.exitCode).toBeNull();
      expect(small.process.exitCode).toBeNull();
    } finally {
      await client.stop();
      await small.stop();
    }
  }, 180_000);
});
