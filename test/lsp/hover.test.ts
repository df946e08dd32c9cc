import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hoverAt } from '../../server/src/lsp/features/hover';
import { featureWorkspace } from '../support/featureHarness';

// The tiny case of SIMULATION.md's worked example, with 10 phones and the defaults: `at 1m stop CM1`
// is noticed at once, so all 10 phones ask CM2 at 60 000 ms; one registration takes 1000/100 = 10 ms,
// so phone i is registered at 60 000 + 10·(i+1) ms (60 010 … 60 100). At 1m (the state after
// everything at 60 000) all 10 are unregistered; at 1m1s all 10 are on CM2. The 5 phones of BRANCH,
// defined after HQ, queue behind them: registered at 60 110 … 60 150, the last change.
const TOPOLOGY = `settings { registration-rate 125 }

## Primary for headquarters.
callmanager CM1 { capacity 2500 registration-rate 100 }
callmanager CM2 { registration-rate 100 }
srst BR1-RTR { capacity 48 }
group G { CM1, CM2 }
pool HQ { group G phones 10 }
pool BRANCH { group G srst BR1-RTR phones 5 connection-monitor 90s }
`;

const SCENARIOS = `import "topology.failover"

scenario "stop" {
  at 1m stop CM1
  at 1m expect HQ on unregistered
  at 1m1s expect HQ on CM2
}

scenario "crash" {
  settings { tcp-retry 20s }
  at 1m crash CM1
}
`;

describe('hover', () => {
  const ws = featureWorkspace({ 'topology.failover': TOPOLOGY, 'scenarios.failover': SCENARIOS });

  /** The hover's markdown at the `<|>` of `excerpt` in the file, once the worker has simulated the workspace. */
  const hover = (name: string, excerpt: string): string | undefined => {
    const { file, offset } = ws.at(name, excerpt);
    return hoverAt(file, offset, ws.simulation())?.markdown;
  };

  it('shows a callmanager with its documentation and effective values, saying which come from settings', () => {
    expect(hover('topology.failover', '<|>CM1 {')).toContain(
      [
        '```failover\ncallmanager CM1\n```',
        'Primary for headquarters.',
        '- capacity **2500**\n- registration-rate **100/s**\n- fallback-queue-depth **10** (default)',
      ].join('\n\n'),
    );
  });

  it('shows an srst router with its capacity and inherited rate', () => {
    expect(hover('topology.failover', '<|>BR1-RTR {')).toContain('- capacity **48**\n- registration-rate **125/s** (from settings in this file)');
  });

  it('shows a group with its members in order, each with its capacity', () => {
    const markdown = hover('topology.failover', '<|>G {');
    expect(markdown).toContain('```failover\ngroup G\n```\n\n1. CM1 — capacity 2500\n2. CM2 — capacity unlimited');
    expect(markdown).toContain('Used by pool HQ, pool BRANCH.');
  });

  it("shows a pool's failover chain and its effective connection monitor", () => {
    expect(hover('topology.failover', '<|>BRANCH')).toContain('- phones **5**\n- failover chain: CM1 → CM2 → BR1-RTR (srst)\n- connection-monitor **1m30s**');
    expect(hover('topology.failover', '<|>HQ {')).toContain('- connection-monitor **2m** (default)');
  });

  it('shows the definition behind a reference in another file', () => {
    const markdown = hover('scenarios.failover', '<|>HQ on');
    expect(markdown).toContain('```failover\npool HQ\n```');
    expect(markdown).toContain('- failover chain: CM1 → CM2');
    expect(markdown).toContain('*Defined in topology.failover.*');
  });

  it('shows the single-failure impact of a callmanager once the simulation is done', () => {
    // CM1 carries the 15 phones of HQ and BRANCH; its crash moves them all to CM2.
    expect(hover('topology.failover', '<|>CM1 {')).toMatch(/Single failure: steady 15\/2500 phones · if it fails: 15 → CM2/);
  });

  it('shows the state at that moment on an `at` line: all unregistered at 1m, all on CM2 at 1m1s', () => {
    const atStop = hover('scenarios.failover', '<|>at 1m stop');
    expect(atStop).toContain('**State at 1m**\n\n| pool | unregistered |\n|:--|--:|\n| HQ | 10 |\n| BRANCH | 5 |\n| *total* | 15 |');
    const atLater = hover('scenarios.failover', '<|>1m1s');
    expect(atLater).toContain('✓ HQ on CM2 at 1m1s: 10 (== all)');
    expect(atLater).toContain('**State at 1m1s** (unchanged since 1m150ms)\n\n| pool | CM2 |\n|:--|--:|\n| HQ | 10 |\n| BRANCH | 5 |');
  });

  it("explains a crash with its detection window under the scenario's settings", () => {
    // tcp-retry is 20s in this scenario, keepalive 30s: noticed between 1m + 20s and 1m + 30s + 20s.
    expect(hover('scenarios.failover', '<|>crash CM1')).toContain('Here: between 1m20s and 1m50s (each phone at its first tick from 1m, plus 20s).');
  });

  it('explains a setting key with its default, the source of the default and the value in effect', () => {
    const markdown = hover('scenarios.failover', '<|>tcp-retry');
    expect(markdown).toContain('**tcp-retry** · setting');
    expect(markdown).toContain('Default **25s**: phones retry TCP for 20–25 s after the first unanswered keepalive');
    expect(markdown).toContain('In effect here: **20s**.');
  });

  it('answers at every offset of unfinished text, never with an error, simulated or not', () => {
    const unfinished = readFileSync(path.resolve(__dirname, '../grammar/unfinished.failover'), 'utf8');
    const withUnfinished = featureWorkspace({ 'topology.failover': TOPOLOGY, 'scenarios.failover': SCENARIOS, 'unfinished.failover': unfinished });
    const file = withUnfinished.file('unfinished.failover');
    for (let offset = 0; offset <= unfinished.length; offset++) {
      expect(() => hoverAt(file, offset, undefined), `at offset ${offset}`).not.toThrow();
      expect(() => hoverAt(file, offset, withUnfinished.simulation()), `at offset ${offset}, simulated`).not.toThrow();
    }
  });
});

describe('hover in a sweep', () => {
  const WHATIF = `import "topology.failover"

scenario "crash" {
  settings { tcp-retry 20s }
  at 1m crash CM1
}

## How small may the queue be?
sweep "grid" {
  scenario "crash"
  vary fallback-queue-depth from 5 to 50 step 5
  vary BRANCH connection-monitor from 0 to 2m step 30s
}

sweep "knobs" {
  scenario "crash"
  vary tcp-retry from 10s to 20s step 10s
  vary registration-rate from 50 to 60 step 10
}

sweep "values" {
  scenario "crash"
  vary CM1 capacity from 100 to 200 step 100
  vary CM2 capacity from 100 to 200 step 100
}

sweep "more" {
  scenario "crash"
  vary HQ phones from 1 to 5
  vary CM2 registration-rate from 1 to 5
}

sweep "broken" {
  scenario "crash"
  vary HQ capacity from 1 to 5
}
`;
  const ws = featureWorkspace({ 'topology.failover': TOPOLOGY, 'whatif.failover': WHATIF });
  const hover = (excerpt: string): string | undefined => {
    const { file, offset } = ws.at('whatif.failover', excerpt);
    return hoverAt(file, offset, undefined)?.markdown;
  };

  it('shows on the keyword and the title what the sweep runs, and how many runs', () => {
    const expected = [
      '```failover\nsweep "grid"\n```',
      'How small may the queue be?',
      'Runs scenario "crash" **50** times (10 × 5, the first knob outermost):\n- fallback-queue-depth: 5, 10, … 50 (10 values)\n- BRANCH connection-monitor: 0s, 30s, 1m, 1m30s, 2m (5 values)',
    ].join('\n\n');
    expect(hover('<|>sweep "grid"')).toBe(expected);
    expect(hover('sweep "gr<|>id"')).toBe(expected);
  });

  it('says why a sweep does not run', () => {
    expect(hover('sweep "bro<|>ken"')).toContain('Not run: The pool `HQ` has no `capacity` to vary.');
  });

  it('shows on a setting knob its value for the scenario and where it comes from, and the definitions it does not reach', () => {
    expect(hover('vary fallback-<|>queue-depth')).toContain('Now **10** for scenario "crash" (default).');
    expect(hover('vary tcp-<|>retry')).toContain(`Now **20s** for scenario "crash" (from this scenario's settings).`);
    const rate = hover('vary registration-<|>rate from 50');
    expect(rate).toContain('Now **125/s** for scenario "crash" (from settings in topology.failover).');
    expect(rate).toContain('Not for callmanager CM1, callmanager CM2: they set their own registration-rate.');
  });

  it("shows on a property knob the definition's value and where it comes from", () => {
    expect(hover('vary CM1 capa<|>city')).toContain('Now **2500** (written on callmanager CM1 in topology.failover).');
    expect(hover('vary C<|>M2 capacity')).toContain('Now **unlimited** (default).');
    expect(hover('vary BRANCH connection-<|>monitor')).toContain('Now **1m30s** (written on pool BRANCH in topology.failover).');
    expect(hover('vary HQ pho<|>nes')).toContain('Now **10** (written on pool HQ in topology.failover).');
    expect(hover('vary CM2 registration-<|>rate from 1')).toContain('Now **100/s** (written on callmanager CM2 in topology.failover).');
  });

  it("shows the sweep words' texts", () => {
    expect(hover('<|>vary HQ phones')).toContain('**vary** KNOB from A to B');
    expect(hover('vary HQ phones <|>from 1')).toContain('**from**');
  });
});
