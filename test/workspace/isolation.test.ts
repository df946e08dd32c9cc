// Per-scenario isolation (PRODUCT.md, "One broken scenario does not stop the others"), rule by
// rule: what an error stops depends on where it is. Each case lists every scenario of the file
// with `runs`, or the code and line of the error that stops it.
import { describe, expect, it } from 'vitest';
import { analyzeResilience } from '../../server/src/core/results/resilience';
import { runScenarios, stoppedScenarios } from '../../server/src/core/results/runs';
import { stopSummary } from '../../server/src/core/results/summary';
import { Analysis } from '../../server/src/core/workspace/analysis';
import { isolatedBlockAt } from '../../server/src/core/workspace/isolation';
import { memoryHost } from '../support/fixtures';

const TOPOLOGY = `callmanager CM1
callmanager CM2
group G { CM1, CM2 }
pool HQ { group G phones 10 }
`;

/** `good` crashes CM1; its 10 phones go to CM2 (nothing in it can stop it). */
const GOOD = `scenario "good" {
  at 1m crash CM1
  at 2m expect HQ on CM2
}
`;

/** Analyses `files` (keys under /w) with `main.failover` as the root. */
function load(files: Record<string, string>): Analysis {
  const texts = Object.fromEntries(Object.entries(files).map(([name, text]) => [`/w/${name}`, text]));
  return Analysis.load(Object.keys(texts), memoryHost(texts));
}

/** Every scenario of a file: `title: runs`, or `title: stopped by CODE at FILE:LINE`. */
function outcomes(analysis: Analysis, name = 'main.failover'): string[] {
  const file = `/w/${name}`;
  const ran = new Set(runScenarios(analysis, file).map((r) => r.scenario));
  const stopped = new Map(stoppedScenarios(analysis, file).map((s) => [s.scenario, s.error]));
  return analysis.program
    .unit(file)!
    .parsed.file.items.flatMap((item) => (item.kind === 'scenario' ? [item] : []))
    .map((scenario) => {
      const title = scenario.title?.value ?? '(untitled)';
      const error = stopped.get(scenario);
      if (ran.has(scenario) && !error) return `${title}: runs`;
      if (!error || ran.has(scenario)) return `${title}: neither ran nor was stopped`;
      const line = analysis.program.unit(error.file)!.lines.positionAt(error.range.start).line + 1;
      return `${title}: stopped by ${error.code} at ${error.file.slice('/w/'.length)}:${line}`;
    });
}

describe('an error inside a scenario stops only that scenario', () => {
  it('an unknown name in a step', () => {
    const analysis = load({ 'main.failover': `${TOPOLOGY}${GOOD}scenario "typo" {\n  at 1m crash CM9\n}\n` });
    expect(outcomes(analysis)).toEqual(['good: runs', 'typo: stopped by unknown-reference at main.failover:10']);
    expect(analysis.isSimulable('/w/main.failover')).toBe(true);
  });

  it('a bad value in its settings block', () => {
    const analysis = load({ 'main.failover': `${TOPOLOGY}scenario "slow" {\n  settings { keepalive 0s }\n  at 1m crash CM1\n}\n${GOOD}` });
    expect(outcomes(analysis)).toEqual(['slow: stopped by invalid-value at main.failover:6', 'good: runs']);
  });

  it('a wrong kind, a missing unit, a count above the pool and a time beyond 30 days', () => {
    const analysis = load({
      'main.failover': `${TOPOLOGY}${GOOD}scenario "kind" { at 1m crash HQ }
scenario "unit" { at 60 crash CM1 }
scenario "calls" { at 1m calls HQ 11 lasting 1m }
scenario "long" { at 9000h crash CM1 }
`,
    });
    expect(outcomes(analysis)).toEqual([
      'good: runs',
      'kind: stopped by wrong-kind at main.failover:9',
      'unit: stopped by missing-unit at main.failover:10',
      'calls: stopped by invalid-value at main.failover:11',
      'long: stopped by invalid-value at main.failover:12',
    ]);
  });

  it('a syntax error inside its braces, even a missing closing brace (the parser ends the block at the next construct)', () => {
    const analysis = load({ 'main.failover': `${TOPOLOGY}scenario "verb" {\n  at 1m explode CM1\n}\nscenario "open" {\n  at 1m crash CM1\n${GOOD}` });
    expect(outcomes(analysis)).toEqual(['verb: stopped by syntax-error at main.failover:6', 'open: stopped by syntax-error at main.failover:8', 'good: runs']);
  });

  it('its first error is the one named, not a later one', () => {
    const analysis = load({ 'main.failover': `${TOPOLOGY}scenario "two" {\n  at 1m crash CM8\n  at 2m crash CM9\n}\n` });
    expect(stoppedScenarios(analysis, '/w/main.failover').map((s) => s.error.message)).toEqual([expect.stringContaining('`CM8`')]);
  });

  it('warnings inside a scenario stop nothing', () => {
    const analysis = load({ 'main.failover': `${TOPOLOGY}scenario "empty" {\n  expect settled by 1m\n}\n` });
    expect(outcomes(analysis)).toEqual(['empty: runs']);
  });
});

describe('two scenarios sharing a title stop only those two', () => {
  it('the third one runs', () => {
    const analysis = load({ 'main.failover': `${TOPOLOGY}${GOOD}scenario "twin" { at 1m crash CM1 }\nscenario "twin" { at 1m crash CM2 }\n` });
    expect(outcomes(analysis)).toEqual([
      'good: runs',
      'twin: stopped by duplicate-definition at main.failover:9',
      'twin: stopped by duplicate-definition at main.failover:10',
    ]);
  });
});

describe('an error outside the scenarios stops every scenario of the file', () => {
  it('in a definition', () => {
    const analysis = load({ 'main.failover': `${TOPOLOGY}pool BR { group NOPE phones 5 }\n${GOOD}scenario "other" { at 1m crash CM2 }\n` });
    expect(outcomes(analysis)).toEqual(['good: stopped by unknown-reference at main.failover:5', 'other: stopped by unknown-reference at main.failover:5']);
    expect(analysis.isSimulable('/w/main.failover')).toBe(false);
  });

  it('in the top-level settings', () => {
    const analysis = load({ 'main.failover': `settings { missed-keepalives 99 }\n${TOPOLOGY}${GOOD}` });
    expect(outcomes(analysis)).toEqual(['good: stopped by invalid-value at main.failover:1']);
  });

  it('in an import, or stray text between constructs', () => {
    expect(outcomes(load({ 'main.failover': `import "gone.failover"\n${TOPOLOGY}${GOOD}` }))).toEqual(['good: stopped by import-not-found at main.failover:1']);
    expect(outcomes(load({ 'main.failover': `${TOPOLOGY}${GOOD}at 1m crash CM1\n` }))).toEqual(['good: stopped by syntax-error at main.failover:9']);
  });

  it('in the top level of an imported file, named before the importer’s own errors (a root cause is usually there)', () => {
    const analysis = load({
      'main.failover': `import "topology.failover"\npool BR { group G phones 0 }\n${GOOD}`,
      'topology.failover': `${TOPOLOGY}group BAD { CM1, CM1 }\n`,
    });
    expect(outcomes(analysis)).toEqual(['good: stopped by group-duplicate-member at topology.failover:5']);
  });

  it('even when a rule configuration turns that error off: hidden is not fixed', () => {
    const analysis = load({
      'main.failover': `${TOPOLOGY}pool BR { group NOPE phones 5 }\n${GOOD}`,
      'failover.config.json': '{ "rules": { "unknown-reference": "off" } }',
    });
    expect(analysis.diagnostics('/w/main.failover').map((d) => d.code)).not.toContain('unknown-reference');
    expect(outcomes(analysis)).toEqual(['good: stopped by unknown-reference at main.failover:5']);
  });
});

describe("errors inside an imported file's scenarios do not stop the importer", () => {
  const analysis = load({
    'main.failover': `import "lib.failover"\n${GOOD}`,
    'lib.failover': `${TOPOLOGY}scenario "lib" { at 1m crash CMX }\n`,
  });

  it('the importer runs its own scenarios; the imported file stops its broken one', () => {
    expect(outcomes(analysis)).toEqual(['good: runs']);
    expect(outcomes(analysis, 'lib.failover')).toEqual(['lib: stopped by unknown-reference at lib.failover:5']);
  });
});

describe('the single-failure check depends only on the topology', () => {
  it('still runs when scenarios have errors', () => {
    const analysis = load({ 'main.failover': `${TOPOLOGY}scenario "typo" { at 1m crash CM9 }\n` });
    expect(analyzeResilience(analysis).map((impact) => impact.definition.name)).toEqual(['CM1', 'CM2']);
  });

  it('does not run from a file whose definitions have errors', () => {
    const analysis = load({ 'main.failover': `${TOPOLOGY}pool BR { group NOPE phones 5 }\n` });
    expect(analyzeResilience(analysis)).toEqual([]);
  });
});

describe('where an error belongs', () => {
  const text = `${TOPOLOGY}scenario "s" { at 1m crash CM1 }\n`;
  const analysis = load({ 'main.failover': text });
  const source = analysis.program.unit('/w/main.failover')!.parsed.file;
  const start = text.indexOf('scenario');
  const end = text.indexOf('}\n', start) + 1;

  it('inside the block from its keyword up to and including its closing brace, at the file level outside', () => {
    expect(isolatedBlockAt(source, start - 1)).toBeUndefined();
    expect(isolatedBlockAt(source, start)?.title?.value).toBe('s');
    expect(isolatedBlockAt(source, end - 1)?.title?.value).toBe('s');
    expect(isolatedBlockAt(source, end)).toBeUndefined();
    expect(isolatedBlockAt(source, 0)).toBeUndefined();
  });
});

describe('why a scenario is not simulated, in words', () => {
  it('names the error and its line, and the file when it is another one', () => {
    const own = load({ 'main.failover': `${TOPOLOGY}scenario "typo" {\n  at 1m crash CM9\n}\n` });
    const [stop] = stoppedScenarios(own, '/w/main.failover');
    expect(stopSummary(own, '/w/main.failover', stop!.error)).toBe(`not simulated: error at line 6: ${stop!.error.message}`);
    expect(stop!.error.message).toMatch(/^Unknown callmanager or srst router `CM9`/);
    const imported = load({ 'main.failover': `import "topology.failover"\n${GOOD}`, 'topology.failover': `${TOPOLOGY}pool BR { group G }\n` });
    const [fromImport] = stoppedScenarios(imported, '/w/main.failover');
    expect(stopSummary(imported, '/w/main.failover', fromImport!.error)).toBe(
      `not simulated: error in topology.failover at line 5: ${fromImport!.error.message}`,
    );
    expect(fromImport!.error.message).toMatch(/^Pool `BR` needs `phones`/);
  });
});
