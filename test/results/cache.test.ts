// The editor's cache and streaming are invisible: after any sequence of edits, the results computed
// with the cache kept across the edits and with the work in any order (the focus) equal a fresh
// analysis and simulation of the final texts, and what streamed equals what the run ends with.
// The invalidation rules are stated by counting the runs an edit makes the cache simulate.
// Seeded: a failure prints its seed and path, and `fc.assert(..., { seed, path })` replays it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../server/src/core/diagnostics';
import { ResultCache } from '../../server/src/core/results/cache';
import { simulateCompactChecks, type Focus } from '../../server/src/core/results/check';
import type { ScenarioRun } from '../../server/src/core/results/runs';
import { Analysis } from '../../server/src/core/workspace/analysis';
import { memoryHost } from '../support/fixtures';

const TOPOLOGY = '/w/topology.failover';
const SCENARIOS = '/w/outages.failover';
const FILES = [SCENARIOS, TOPOLOGY];

/** What the edits change: the texts are written from it. Small figures, so that each run is quick. */
interface Workspace {
  readonly hqPhones: number;
  readonly cm2Capacity: number;
  readonly keepalive: number;
  /** Per scenario: comment lines above it (moving it without changing it), its crash time, its expected count, its title. */
  readonly scenarios: readonly { readonly comments: number; readonly crashAt: number; readonly expected: number; readonly title: string }[];
  /** A stray edit that may break the text (then nothing or less is simulated). */
  readonly splice?: { readonly file: 0 | 1; readonly at: number; readonly length: number; readonly insert: string };
}

const INITIAL: Workspace = {
  hqPhones: 60,
  cm2Capacity: 100,
  keepalive: 30,
  scenarios: [
    { comments: 0, crashAt: 1, expected: 40, title: 'CM1 crash' },
    { comments: 1, crashAt: 2, expected: 60, title: 'CM1 crash later' },
    { comments: 0, crashAt: 3, expected: 10, title: 'a third' },
  ],
};

function texts(ws: Workspace): Record<string, string> {
  const topology = [
    `settings { keepalive ${ws.keepalive}s }`,
    'callmanager CM1 { capacity 100 }',
    `callmanager CM2 { capacity ${ws.cm2Capacity} }`,
    'srst BR-RTR { capacity 8 }',
    'group HQ-GROUP { CM1, CM2 }',
    'group BR-GROUP { CM2, CM1 }',
    `pool HQ { group HQ-GROUP phones ${ws.hqPhones} }`,
    'pool BR { group BR-GROUP srst BR-RTR phones 6 }',
    '',
  ].join('\n');
  const scenarios = [
    'import "topology.failover"',
    '',
    ...ws.scenarios.flatMap((s, i) => [
      ...Array.from({ length: s.comments }, (_, c) => `# note ${c}`),
      `scenario "${s.title}" {`,
      `  at 0s calls HQ 20% lasting 2m`,
      `  at ${s.crashAt}m crash CM1`,
      `  at ${s.crashAt + 10}m recover CM1`,
      `  at ${s.crashAt + 4}m expect HQ on CM2 >= ${s.expected}`,
      i === 1 ? '  at 1m isolate BR' : '  expect settled by 1h',
      '}',
      '',
    ]),
  ].join('\n');
  const result: Record<string, string> = { [TOPOLOGY]: topology, [SCENARIOS]: scenarios };
  if (ws.splice) {
    const key = FILES[ws.splice.file]!;
    const text = result[key]!;
    const at = ws.splice.at % (text.length + 1);
    result[key] = text.slice(0, at) + ws.splice.insert + text.slice(at + ws.splice.length);
  }
  return result;
}

type Edit = (ws: Workspace) => Workspace;
const scenarioEdit =
  (index: number, change: (s: Workspace['scenarios'][number]) => Workspace['scenarios'][number]): Edit =>
  (ws) => ({
    ...ws,
    scenarios: ws.scenarios.map((s, i) => (i === index % Math.max(1, ws.scenarios.length) ? change(s) : s)),
  });

const anEdit: fc.Arbitrary<Edit> = fc.oneof(
  fc.integer({ min: 0, max: 120 }).map((n): Edit => (ws) => ({ ...ws, hqPhones: n })),
  fc.integer({ min: 10, max: 200 }).map((n): Edit => (ws) => ({ ...ws, cm2Capacity: n })),
  fc.constantFrom(10, 30, 45).map((n): Edit => (ws) => ({ ...ws, keepalive: n })),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3 })).map(([i, n]) => scenarioEdit(i, (s) => ({ ...s, comments: n }))),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 5 })).map(([i, n]) => scenarioEdit(i, (s) => ({ ...s, crashAt: n }))),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 70 })).map(([i, n]) => scenarioEdit(i, (s) => ({ ...s, expected: n }))),
  // Titles may collide: a duplicate title is an error that stops the scenario.
  fc.tuple(fc.nat(), fc.constantFrom('CM1 crash', 'renamed', 'a third')).map(([i, t]) => scenarioEdit(i, (s) => ({ ...s, title: t }))),
  fc.constant<Edit>((ws) => ({ ...ws, scenarios: [...ws.scenarios, { comments: 0, crashAt: 2, expected: 5, title: `added ${ws.scenarios.length}` }] })),
  fc.constant<Edit>((ws) => ({ ...ws, scenarios: ws.scenarios.slice(0, -1) })),
  fc
    .record({ file: fc.constantFrom<0 | 1>(0, 1), at: fc.nat(), length: fc.nat({ max: 6 }), insert: fc.constantFrom('', 'x', '}', ' 5', '\n', 'crash CM9') })
    .map((splice): Edit => (ws) => ({ ...ws, splice })),
  fc.constant<Edit>(({ splice: _, ...ws }) => ws),
);

/** The focus as the editor may give it: a part of the scenarios file, or none. */
const aFocus: fc.Arbitrary<Focus | undefined> = fc.option(
  fc.array(fc.tuple(fc.nat({ max: 600 }), fc.nat({ max: 200 })), { maxLength: 2 }).map((spans) => ({
    file: SCENARIOS,
    ranges: spans.map(([start, length]) => ({ start, end: start + length })),
  })),
  { nil: undefined },
);

function analyse(ws: Workspace): Analysis {
  return Analysis.load(FILES, memoryHost(texts(ws)));
}

const byPlace = (a: Diagnostic, b: Diagnostic) => a.range.start - b.range.start || a.range.end - b.range.end || a.message.localeCompare(b.message);

describe('cached, reordered and streamed simulation results equal a fresh simulation', () => {
  it('after every edit of random edit sequences', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anEdit, aFocus), { minLength: 1, maxLength: 6 }), fc.constantFrom(2, 2000), (edits, capacity) => {
        const cache = new ResultCache(capacity);
        let ws = INITIAL;
        for (const [edit, focus] of edits) {
          ws = edit(ws);
          const analysis = analyse(ws);
          const streamed: { run: ScenarioRun; diagnostics: Diagnostic[] }[] = [];
          const options = { cache, ...(focus ? { focus } : {}), onRun: (run: ScenarioRun, diagnostics: Diagnostic[]) => streamed.push({ run, diagnostics }) };
          const got = simulateCompactChecks(analysis, FILES, options);
          const fresh = simulateCompactChecks(Analysis.load(FILES, memoryHost(texts(ws))), FILES);
          // A fresh analysis has its own trees: compared as plain data, ranges and all.
          expect(structuredClone(got)).toEqual(structuredClone(fresh));
          // What streamed is what the run ends with: every run once, and its diagnostics.
          const finalRuns = [...got.runs.values()].flat();
          expect(streamed.map((s) => s.run).sort((a, b) => a.scenario.range.start - b.scenario.range.start)).toEqual(finalRuns);
          for (const file of FILES) {
            const final = (got.diagnostics.get(file) ?? []).filter((d) => d.code !== 'single-failure-risk');
            const fromStream = streamed.flatMap((s) => s.diagnostics).filter((d) => d.file === file);
            expect([...fromStream].sort(byPlace)).toEqual([...final].sort(byPlace));
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('the cache simulates again exactly what an edit changed', () => {
  function misses(before: Workspace, after: Workspace): { scenario: number; steady: number } {
    const cache = new ResultCache();
    simulateCompactChecks(analyse(before), FILES, { cache });
    const start = { ...cache.misses };
    simulateCompactChecks(analyse(after), FILES, { cache });
    return { scenario: cache.misses.scenario - start.scenario, steady: cache.misses.steady - start.steady };
  }

  it('nothing when only comments move the scenarios', () => {
    expect(misses(INITIAL, scenarioEdit(0, (s) => ({ ...s, comments: 3 }))(INITIAL))).toEqual({ scenario: 0, steady: 0 });
  });

  it('the edited scenario only, and no single-failure run, when one scenario changes', () => {
    expect(misses(INITIAL, scenarioEdit(1, (s) => ({ ...s, crashAt: 4 }))(INITIAL))).toEqual({ scenario: 1, steady: 0 });
    expect(misses(INITIAL, scenarioEdit(2, (s) => ({ ...s, title: 'renamed' }))(INITIAL))).toEqual({ scenario: 1, steady: 0 });
  });

  it('every scenario and the single-failure check when the topology changes', () => {
    // The check: the steady state of the one view, then each of the two callmanagers' crash.
    expect(misses(INITIAL, { ...INITIAL, hqPhones: 61 })).toEqual({ scenario: 3, steady: 3 });
    expect(misses(INITIAL, { ...INITIAL, keepalive: 45 })).toEqual({ scenario: 3, steady: 3 });
  });

  it('nothing for a run stopped before its end: a cancelled result is never kept', () => {
    const cache = new ResultCache();
    let polls = 0;
    const stopped = simulateCompactChecks(analyse(INITIAL), FILES, { cache, isCancelled: () => ++polls > 1 });
    expect([...stopped.runs.values()].flat().length).toBeLessThan(3);
    const start = { ...cache.misses };
    const full = simulateCompactChecks(analyse(INITIAL), FILES, { cache });
    expect(structuredClone(full)).toEqual(structuredClone(simulateCompactChecks(analyse(INITIAL), FILES)));
    expect(cache.misses.scenario - start.scenario).toBe(3 - [...stopped.runs.values()].flat().filter((r) => !r.result.cancelled).length);
  });
});
