// A property of LANGUAGE.md's "Sweeps": each run equals `simulate` of the file with its values
// written into the text (a setting appended last to the scenario's settings block, a property
// written on its definition), on random small topologies, knobs and values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runFigures } from '../../server/src/core/results/export';
import { runScenarios } from '../../server/src/core/results/runs';
import { fileSweeps, runSweep, type SweepRunResult } from '../../server/src/core/results/sweeps';
import type { SweepKnob, SweepVary } from '../../server/src/core/workspace/sweeps';
import { formatDuration } from '../../server/src/core/durations';
import { isDurationKey } from '../../server/src/core/syntax/vocabulary';
import { analyze } from '../support/fixtures';

const FILE = '/w/s.failover';

type Props = Record<string, number>;
interface Model {
  topSettings: Props;
  cm1: Props;
  cm2: Props;
  br: Props;
  p: Props;
  q: Props;
  /** The scenario's settings block, if it has one (a list: a key may repeat, the last wins). */
  scenarioSettings: [string, number][] | undefined;
  steps: string[];
}

const show = (key: string, value: number) => (isDurationKey(key) ? (value === 0 ? '0s' : formatDuration(value)) : String(value));
const props = (p: Props) =>
  Object.entries(p)
    .map(([k, v]) => `${k} ${show(k, v)}`)
    .join(' ');

function render(m: Model): string {
  const settings = m.scenarioSettings ? [`  settings { ${m.scenarioSettings.map(([k, v]) => `${k} ${show(k, v)}`).join(' ')} }`] : [];
  return [
    Object.keys(m.topSettings).length > 0 ? `settings { ${props(m.topSettings)} }` : '',
    `callmanager CM1 { ${props(m.cm1)} }`,
    `callmanager CM2 { ${props(m.cm2)} }`,
    `srst BR { ${props(m.br)} }`,
    'group G { CM1, CM2 }',
    `pool P { group G srst BR ${props(m.p)} }`,
    `pool Q { group G ${props(m.q)} }`,
    'scenario "s" {',
    ...settings,
    ...m.steps.map((s) => `  ${s}`),
    '}',
  ].join('\n');
}

/** The model with the knobs' values written into it. */
function written(m: Model, knobs: readonly SweepKnob[], values: readonly number[]): Model {
  const copy: Model = structuredClone(m);
  knobs.forEach((knob, i) => {
    const value = values[i]!;
    if (knob.kind === 'setting') copy.scenarioSettings = [...(copy.scenarioSettings ?? []), [knob.key, value]];
    else {
      const definition = { CM1: copy.cm1, CM2: copy.cm2, BR: copy.br, P: copy.p, Q: copy.q }[knob.name]!;
      definition[knob.key] = value;
    }
  });
  return copy;
}

const SECOND = 1000;
const KNOB_VALUES: [SweepKnob, fc.Arbitrary<number>][] = [
  [{ kind: 'setting', key: 'keepalive' }, fc.integer({ min: 1, max: 40 }).map((s) => s * SECOND)],
  [{ kind: 'setting', key: 'missed-keepalives' }, fc.integer({ min: 1, max: 5 })],
  [{ kind: 'setting', key: 'tcp-retry' }, fc.integer({ min: 0, max: 40 }).map((s) => s * SECOND)],
  [{ kind: 'setting', key: 'registration-rate' }, fc.integer({ min: 1, max: 20 })],
  [{ kind: 'setting', key: 'fallback-queue-depth' }, fc.integer({ min: 1, max: 5 })],
  [{ kind: 'setting', key: 'connection-monitor' }, fc.integer({ min: 0, max: 120 }).map((s) => s * SECOND)],
  [{ kind: 'setting', key: 'reset-time' }, fc.integer({ min: 0, max: 60 }).map((s) => s * SECOND)],
  [{ kind: 'property', name: 'CM1', key: 'capacity' }, fc.integer({ min: 1, max: 40 })],
  [{ kind: 'property', name: 'CM2', key: 'capacity' }, fc.integer({ min: 1, max: 40 })],
  [{ kind: 'property', name: 'CM2', key: 'registration-rate' }, fc.integer({ min: 1, max: 20 })],
  [{ kind: 'property', name: 'CM1', key: 'fallback-queue-depth' }, fc.integer({ min: 1, max: 5 })],
  [{ kind: 'property', name: 'BR', key: 'capacity' }, fc.integer({ min: 1, max: 40 })],
  [{ kind: 'property', name: 'BR', key: 'registration-rate' }, fc.integer({ min: 1, max: 20 })],
  [{ kind: 'property', name: 'P', key: 'phones' }, fc.integer({ min: 1, max: 30 })],
  [{ kind: 'property', name: 'Q', key: 'phones' }, fc.integer({ min: 1, max: 30 })],
  [{ kind: 'property', name: 'P', key: 'connection-monitor' }, fc.integer({ min: 0, max: 120 }).map((s) => s * SECOND)],
];

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const props$ = (entries: Record<string, fc.Arbitrary<number>>) =>
  fc.record(Object.fromEntries(Object.entries(entries).map(([k, a]) => [k, maybe(a)]))).map((r) => {
    const out: Props = {};
    for (const [k, v] of Object.entries(r)) if (v !== undefined) out[k] = v as number;
    return out;
  });

const count$ = fc.oneof(
  fc.constant('all'),
  fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`),
  fc.integer({ min: 1, max: 12 }).map(String),
);
const time$ = fc.integer({ min: 0, max: 180 }).map((s) => `${s}s`);
const step$ = fc.oneof(
  fc.tuple(time$, fc.constantFrom('crash', 'stop', 'hang', 'recover'), fc.constantFrom('CM1', 'CM2', 'BR')).map(([t, e, x]) => `at ${t} ${e} ${x}`),
  fc.tuple(time$, fc.constantFrom('isolate', 'reconnect', 'reset'), fc.constantFrom('P', 'Q')).map(([t, e, x]) => `at ${t} ${e} ${x}`),
  fc.tuple(time$, fc.constantFrom('P', 'Q'), count$, fc.integer({ min: 0, max: 90 })).map(([t, p, c, d]) => `at ${t} calls ${p} ${c} lasting ${d}s`),
  fc
    .tuple(time$, fc.constantFrom('P', 'Q'), fc.constantFrom('CM1', 'CM2', 'unregistered'), fc.constantFrom('>=', '<=', '=='), count$)
    .map(([t, p, x, c, n]) => `at ${t} expect ${p} on ${x} ${c} ${n}`),
  fc.tuple(fc.constantFrom('P', 'Q'), fc.integer({ min: 0, max: 120 })).map(([p, s]) => `expect outage ${p} <= ${s}s`),
);

const model$: fc.Arbitrary<Model> = fc.record({
  topSettings: props$({ keepalive: fc.integer({ min: 5, max: 30 }).map((s) => s * SECOND), 'registration-rate': fc.integer({ min: 1, max: 10 }) }),
  cm1: props$({ capacity: fc.integer({ min: 5, max: 40 }), 'fallback-queue-depth': fc.integer({ min: 1, max: 4 }) }),
  cm2: props$({ capacity: fc.integer({ min: 5, max: 40 }), 'registration-rate': fc.integer({ min: 1, max: 10 }) }),
  br: props$({ capacity: fc.integer({ min: 1, max: 20 }) }),
  p: fc
    .record({ phones: fc.integer({ min: 12, max: 25 }) })
    .chain((p) => props$({ 'connection-monitor': fc.integer({ min: 0, max: 90 }).map((s) => s * SECOND) }).map((c) => ({ ...p, ...c }))),
  q: fc.record({ phones: fc.integer({ min: 12, max: 20 }) }),
  scenarioSettings: maybe(
    fc.array(
      fc.oneof(
        fc.tuple(
          fc.constant('tcp-retry'),
          fc.integer({ min: 0, max: 30 }).map((s) => s * SECOND),
        ),
        fc.tuple(fc.constant('fallback-queue-depth'), fc.integer({ min: 1, max: 4 })),
        fc.tuple(fc.constant('registration-rate'), fc.integer({ min: 1, max: 10 })),
      ),
      { minLength: 1, maxLength: 2 },
    ),
  ),
  steps: fc.array(step$, { minLength: 1, maxLength: 6 }),
});

const knobs$ = fc.uniqueArray(fc.integer({ min: 0, max: KNOB_VALUES.length - 1 }), { minLength: 1, maxLength: 2 }).chain((picked) =>
  fc.tuple(
    ...picked.map((i) =>
      fc.uniqueArray(KNOB_VALUES[i]![1], { minLength: 1, maxLength: 3 }).map((values): SweepVary => {
        const knob = KNOB_VALUES[i]![0];
        return { knob, label: knob.kind === 'setting' ? knob.key : `${knob.name} ${knob.key}`, duration: isDurationKey(knob.key), values };
      }),
    ),
  ),
);

/** Each run against `simulate` of the model with the run's values written into its text. */
function expectRunsAsWritten(model: Model, vary: readonly SweepVary[], runs: readonly SweepRunResult[]): void {
  const knobs = vary.map((v) => v.knob);
  for (const run of runs) {
    const text = render(written(model, knobs, run.values));
    const rewritten = analyze({ [FILE]: text }).analysis;
    if ('invalid' in run) {
      // Written into the text, the same values are the static `invalid-value` of a calls count.
      const errors = rewritten.diagnostics(FILE).filter((d) => d.severity === 'error');
      expect(
        errors.some((d) => d.code === 'invalid-value' && d.message.includes('cannot place')),
        text,
      ).toBe(true);
      continue;
    }
    const [scenarioRun] = runScenarios(rewritten, FILE);
    expect(scenarioRun, text).toBeDefined();
    const result = scenarioRun!.result;
    const passed = result.expectations.filter((e) => e.passed).length;
    expect(run, text).toEqual({ values: run.values, expectations: { passed, total: result.expectations.length }, ...runFigures(result) });
  }
}

const runnable = (text: string) => {
  const { analysis } = analyze({ [FILE]: text });
  const scenario = analysis.program.unit(FILE)!.parsed.file.items.find((i) => i.kind === 'scenario')!;
  return analysis.stopOf(FILE, scenario) === undefined ? analysis : undefined;
};

describe('each sweep run equals `simulate` of the file with its values written in', () => {
  it('on random topologies, knobs and values', () => {
    fc.assert(
      fc.property(model$, knobs$, (model, vary) => {
        const analysis = runnable(render(model));
        // Only scenarios that run as written are swept.
        fc.pre(analysis !== undefined);
        const { runs } = runSweep(analysis!, FILE, { name: 'w', line: 1, scenario: 's', vary, runs: vary.reduce((n, v) => n * v.values.length, 1) });
        expectRunsAsWritten(model, vary, runs);
      }),
      { numRuns: 60 },
    );
  });

  it('with the sweep written in the file: `vary KNOB from A to B step S`', () => {
    const line$ = fc.tuple(fc.integer({ min: 0, max: KNOB_VALUES.length - 1 }), fc.integer({ min: 1, max: 3 })).chain(([i, count]) =>
      fc.tuple(KNOB_VALUES[i]![1], KNOB_VALUES[i]![1]).map(([a, b]) => {
        const knob = KNOB_VALUES[i]![0];
        const [from, to] = a <= b ? [a, b] : [b, a];
        const unit = isDurationKey(knob.key) ? SECOND : 1;
        const step = Math.max(unit, Math.floor((to - from) / count / unit) * unit);
        const label = knob.kind === 'setting' ? knob.key : `${knob.name} ${knob.key}`;
        return { knob, label, text: `  vary ${label} from ${show(knob.key, from)} to ${show(knob.key, to)} step ${show(knob.key, step)}` };
      }),
    );
    fc.assert(
      fc.property(model$, fc.uniqueArray(line$, { minLength: 1, maxLength: 2, selector: (l) => l.label }), (model, lines) => {
        const text = `${render(model)}\nsweep "w" {\n  scenario "s"\n${lines.map((l) => l.text).join('\n')}\n}\n`;
        const analysis = runnable(text);
        fc.pre(analysis !== undefined);
        const [sweep] = fileSweeps(analysis!, FILE);
        expect(sweep?.spec, text).toBeDefined();
        const spec = sweep!.spec!;
        expect(spec.vary.map((v) => v.label)).toEqual(lines.map((l) => l.label));
        expectRunsAsWritten(model, spec.vary, runSweep(analysis!, FILE, spec).runs);
      }),
      { numRuns: 40 },
    );
  });
});
