// `failover sweep`'s three forms (PRODUCT.md, "failover sweep"): a table per sweep for people, a
// row per run for spreadsheets, and the machine form, all from the same runs.
import { formatDuration } from '../../core/durations';
import { knobValueText } from '../../core/results/knobs';
import { isInvalidRun, runPassed, sweepBoundary, sweepSummary, type SweepFigures, type SweepRunResult } from '../../core/results/sweeps';
import type { SweepSpec } from '../../core/workspace/sweeps';
import { quote } from './simulationCsv';
import { table } from './simulationText';
import type { Colors } from './stylish';

/** A sweep that ran, with its runs in order. */
interface SweptSweep {
  readonly spec: SweepSpec;
  readonly runs: readonly SweepRunResult[];
}

export interface SweptFile {
  /** The path as shown to the user. */
  readonly file: string;
  readonly sweeps: readonly SweptSweep[];
}

/** PRODUCT.md's object for one file: each run has exactly `values`, `expectations`, `end`, `settled`, `pools`, `targets` (or `values`, `invalid`). */
export function sweepJsonObject(file: SweptFile): object {
  return {
    file: file.file,
    sweeps: file.sweeps.map(({ spec, runs }) => ({
      name: spec.name,
      line: spec.line,
      scenario: spec.scenario,
      vary: spec.vary.map((v) => ({ knob: v.label, values: v.values })),
      runs: runs.map((run) =>
        isInvalidRun(run)
          ? { values: run.values, invalid: run.invalid }
          : { values: run.values, expectations: run.expectations, end: run.end, settled: run.settled, pools: run.pools, targets: run.targets },
      ),
    })),
  };
}

/** The pool with the longest outage (the first on a tie), and that outage. */
function worstPool(run: SweepFigures): [string, number] | undefined {
  let worst: [string, number] | undefined;
  for (const [name, pool] of Object.entries(run.pools)) if (!worst || pool.maxOutage > worst[1]) worst = [name, pool.maxOutage];
  return worst;
}

/** The target with the highest peak (the first on a tie), and that peak. */
function busiestTarget(run: SweepFigures): [string, number] | undefined {
  let busiest: [string, number] | undefined;
  for (const [name, target] of Object.entries(run.targets)) if (!busiest || target.peak > busiest[1]) busiest = [name, target.peak];
  return busiest;
}

const number = (n: number) => n.toLocaleString('en-US');

/** A table per sweep: a row per run, passing runs marked ✓, then the boundary of a one-knob sweep. */
export function formatSweepText(files: readonly SweptFile[], colors: Colors): string {
  return files
    .map((file) => {
      const header = `${colors.underline(file.file)}\n\n`;
      if (file.sweeps.length === 0) return header + '  (no sweeps)\n';
      return header + file.sweeps.map((sweep) => sweepTable(sweep, colors)).join('\n');
    })
    .join('\n');
}

function sweepTable({ spec, runs }: SweptSweep, colors: Colors): string {
  const headers = ['', ...spec.vary.map((v) => v.label), 'passed', 'settled', 'worst max outage', 'busiest peak'];
  const rows = runs.map((run) => {
    const values = spec.vary.map((v, i) => knobValueText(v.knob, run.values[i]!));
    if (isInvalidRun(run)) return ['', ...values, '', '', '', ''];
    const worst = worstPool(run);
    const busiest = busiestTarget(run);
    return [
      runPassed(run) ? colors.green('✓') : '',
      ...values,
      `${run.expectations.passed}/${run.expectations.total}`,
      formatDuration(run.settled),
      worst ? `${worst[0]} ${formatDuration(worst[1])}` : '—',
      busiest ? `${busiest[0]} ${number(busiest[1])}` : '—',
    ];
  });
  const lines = table(headers, rows, new Set(spec.vary.map((_, i) => i + 1)));
  // An invalid run's sentence runs across the figure columns rather than widening one of them.
  runs.forEach((run, i) => {
    if (isInvalidRun(run)) lines[i + 1] = `${lines[i + 1]!.trimEnd()}  invalid: ${run.invalid}`;
  });
  const title = `Sweep ${JSON.stringify(spec.name)} (line ${spec.line}) · scenario ${JSON.stringify(spec.scenario)} · ${sweepSummary(spec, runs)}`;
  const boundary = sweepBoundary(spec, runs);
  return [colors.bold(title), ...lines, ...(boundary ? [`  ${boundary}`] : [])].join('\n') + '\n';
}

/** The CSV header (docs/sweeps.md lists its columns). */
const SWEEP_CSV_HEADER = [
  'file',
  'sweep',
  'scenario',
  'knob1',
  'value1',
  'knob2',
  'value2',
  'passed',
  'total',
  'end_ms',
  'settled_ms',
  'worst_pool',
  'max_outage_ms',
  'busiest_target',
  'peak',
  'invalid',
];

/** One row per run of every sweep; times (and time knobs' values) in ms. */
export function formatSweepCsv(files: readonly SweptFile[]): string {
  const rows = [SWEEP_CSV_HEADER.join(',')];
  for (const file of files) {
    for (const { spec, runs } of file.sweeps) {
      for (const run of runs) {
        const knobs = [0, 1].flatMap((i) => [spec.vary[i]?.label ?? '', run.values[i] === undefined ? '' : String(run.values[i])]);
        const figures = isInvalidRun(run)
          ? ['', '', '', '', '', '', '', '', run.invalid]
          : (() => {
              const worst = worstPool(run);
              const busiest = busiestTarget(run);
              return [
                String(run.expectations.passed),
                String(run.expectations.total),
                String(run.end),
                String(run.settled),
                worst?.[0] ?? '',
                worst ? String(worst[1]) : '',
                busiest?.[0] ?? '',
                busiest ? String(busiest[1]) : '',
                '',
              ];
            })();
        rows.push([file.file, spec.name, spec.scenario, ...knobs, ...figures].map(quote).join(','));
      }
    }
  }
  return rows.join('\n') + '\n';
}
