// Robustness of the simulator through the workspace (`runScenarios`): error-free mutations of the
// samples and random scenarios over random topologies must simulate without throwing, and at every
// timeline entry each pool's counts (targets and `unregistered`) must add up to its phones.
// Work is bounded deterministically: the cancellation callback gives up after a fixed number of
// polls (the engine polls every few thousand steps), never after a wall-clock time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenarios, type ScenarioRun } from '../../server/src/core/results/runs';
import { Analysis } from '../../server/src/core/workspace/analysis';
import { corpus, mapHost, mutate, mutation } from './support';

/** At most this many cancellation polls per `runScenarios` call (the engine polls every 4,096 steps). */
const MAX_POLLS = 150;

function simulateBounded(analysis: Analysis, file: string): ScenarioRun[] {
  let polls = 0;
  return runScenarios(analysis, file, { limits: { maxPhones: 50_000 }, isCancelled: () => ++polls > MAX_POLLS });
}

/** The simulator's conservation law: every phone is somewhere (a target or `unregistered`) at every moment. */
function assertCountsAddUp(runs: readonly ScenarioRun[]): number {
  let entries = 0;
  for (const run of runs) {
    let previous = -Infinity;
    for (const entry of run.result.timeline) {
      entries++;
      if (!Number.isInteger(entry.t) || entry.t < previous) throw new Error(`"${run.result.name}": timeline time ${entry.t} after ${previous}`);
      previous = entry.t;
      for (const pool of run.input.pools) {
        const counts = entry.pools[pool.name] ?? {};
        const values = Object.values(counts);
        const sum = values.reduce((a, b) => a + b, 0);
        if (sum !== pool.phones || values.some((n) => !Number.isInteger(n) || n < 0)) {
          throw new Error(`"${run.result.name}" at ${entry.t} ms: pool ${pool.name} has ${pool.phones} phones but counts ${JSON.stringify(counts)}`);
        }
      }
    }
    if (run.result.cancelled) continue;
    for (const [name, pool] of Object.entries(run.result.pools)) {
      const sum = Object.values(pool.final).reduce((a, b) => a + b, 0);
      if (sum !== pool.phones) throw new Error(`"${run.result.name}": final counts of ${name} ${JSON.stringify(pool.final)} do not add up to ${pool.phones}`);
    }
  }
  return entries;
}

// Random topologies (always valid) and random scenarios over them.
const int = (min: number, max: number) => fc.integer({ min, max }).map(String);
const duration = fc.oneof(
  fc.constantFrom('0', '0s', '1s', '30s', '1m', '1m30s', '2h', '250ms', '10m', '25h', '720h'),
  fc.integer({ min: 0, max: 3_600_000 }).map((ms) => `${ms}ms`),
);
const settingsBlock = fc
  .array(
    fc.oneof(
      int(1, 120).map((s) => `keepalive ${s}s`),
      int(1, 10).map((n) => `missed-keepalives ${n}`),
      int(0, 300).map((s) => `tcp-retry ${s}s`),
      int(1, 200).map((n) => `registration-rate ${n}`),
      int(1, 300).map((n) => `fallback-queue-depth ${n}`),
      int(0, 600).map((s) => `connection-monitor ${s}s`),
      int(0, 300).map((s) => `reset-time ${s}s`),
    ),
    { maxLength: 4 },
  )
  .map((entries) => `settings { ${entries.join(' ')} }`);
const CALLMANAGERS = ['CM1', 'CM2', 'CM3', 'CM4'];
const topology = fc
  .record({
    settings: settingsBlock,
    capacities: fc.array(fc.option(int(1, 3_000)), { minLength: 4, maxLength: 4 }),
    rates: fc.array(fc.option(int(1, 300)), { minLength: 4, maxLength: 4 }),
    srstCapacities: fc.array(fc.option(int(1, 200)), { minLength: 2, maxLength: 2 }),
    group1: fc.shuffledSubarray(CALLMANAGERS, { minLength: 1, maxLength: 3 }),
    group2: fc.shuffledSubarray(CALLMANAGERS, { minLength: 1, maxLength: 3 }),
    phones: fc.array(int(1, 1_500), { minLength: 3, maxLength: 3 }),
    srsts: fc.array(fc.option(fc.constantFrom('R1', 'R2')), { minLength: 3, maxLength: 3 }),
    groups: fc.array(fc.constantFrom('G1', 'G2'), { minLength: 3, maxLength: 3 }),
    monitors: fc.array(fc.option(duration), { minLength: 3, maxLength: 3 }),
  })
  .map((t) =>
    [
      t.settings,
      ...CALLMANAGERS.map(
        (name, i) => `callmanager ${name} { ${t.capacities[i] ? `capacity ${t.capacities[i]}` : ''} ${t.rates[i] ? `registration-rate ${t.rates[i]}` : ''} }`,
      ),
      ...['R1', 'R2'].map((name, i) => `srst ${name} { ${t.srstCapacities[i] ? `capacity ${t.srstCapacities[i]}` : ''} }`),
      `group G1 { ${t.group1.join(', ')} }`,
      `group G2 { ${t.group2.join(', ')} }`,
      ...['P1', 'P2', 'P3'].map(
        (name, i) =>
          `pool ${name} { group ${t.groups[i]} phones ${t.phones[i]} ${t.srsts[i] ? `srst ${t.srsts[i]}` : ''} ${t.monitors[i] ? `connection-monitor ${t.monitors[i]}` : ''} }`,
      ),
    ].join('\n'),
  );
const target = fc.constantFrom('CM1', 'CM2', 'CM3', 'CM4', 'R1', 'R2');
const pool = fc.constantFrom('P1', 'P2', 'P3');
const step = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(duration, fc.constantFrom('stop', 'crash', 'hang', 'recover'), target).map(([t, a, x]) => `at ${t} ${a} ${x}`) },
  { weight: 2, arbitrary: fc.tuple(duration, fc.constantFrom('isolate', 'reconnect', 'reset'), pool).map(([t, a, p]) => `at ${t} ${a} ${p}`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        duration,
        pool,
        fc.oneof(
          int(0, 100).map((n) => `${n}%`),
          fc.constantFrom('all', 'none', '1', '0'),
        ),
        duration,
      )
      .map(([t, p, c, d]) => `at ${t} calls ${p} ${c} lasting ${d}`),
  },
  { weight: 1, arbitrary: fc.tuple(duration, pool, fc.oneof(target, fc.constant('unregistered'))).map(([t, p, x]) => `at ${t} expect ${p} on ${x} >= 0`) },
  { weight: 1, arbitrary: pool.map((p) => `expect outage ${p} <= 1h`) },
  { weight: 1, arbitrary: settingsBlock },
);
const scenarioFile = fc
  .tuple(topology, fc.array(fc.array(step, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 2 }))
  .map(([top, scenarios]) => `${top}\n${scenarios.map((steps, i) => `scenario "s${i}" {\n${steps.join('\n')}\n}`).join('\n')}\n`);

describe('the simulator through runScenarios never throws and conserves phones', () => {
  it('error-free mutations of the samples and fixtures (400 cases)', () => {
    const files = corpus();
    const paths = [...files.keys()];
    let simulated = 0;
    let entries = 0;
    const simulatedFiles = new Set<string>();
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.array(mutation, { minLength: 1, maxLength: 2 }), (path, mutations) => {
        const workspace = new Map(files);
        workspace.set(path, mutations.reduce(mutate, files.get(path)!));
        const analysis = Analysis.load([path], mapHost(workspace));
        if (!analysis.isSimulable(path)) return;
        simulated++;
        simulatedFiles.add(path);
        entries += assertCountsAddUp(simulateBounded(analysis, path));
      }),
      { seed: 99, numRuns: 400 },
    );
    expect(simulated).toBeGreaterThan(50);
    // Every file with scenarios had error-free mutants simulated (the two topologies have none of their own).
    expect(simulatedFiles.size).toBeGreaterThanOrEqual(5);
    expect(entries).toBeGreaterThan(10_000);
  });

  it('random scenarios over random valid topologies (250 cases)', () => {
    let entries = 0;
    fc.assert(
      fc.property(scenarioFile, (text) => {
        const analysis = Analysis.load(['/w/main.failover'], mapHost(new Map([['/w/main.failover', text]])));
        const errors = analysis.diagnostics('/w/main.failover').filter((d) => d.severity === 'error');
        expect(errors.map((d) => d.message)).toEqual([]);
        entries += assertCountsAddUp(simulateBounded(analysis, '/w/main.failover'));
      }),
      { seed: 1_234, numRuns: 250 },
    );
    expect(entries).toBeGreaterThan(30_000);
  });
});
