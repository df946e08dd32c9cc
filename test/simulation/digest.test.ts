import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactRun, digestOf, runScenarios } from '../../server/src/core/results/runs';
import { timelineStatesAt, timelineTotals } from '../../server/src/core/simulation/timeline';
import { Analysis } from '../../server/src/core/workspace/analysis';
import { memoryHost } from '../support/fixtures';

const EXAMPLE = path.resolve(__dirname, '../fixtures/spec-example');
const files = {
  '/w/topology.failover': readFileSync(path.join(EXAMPLE, 'topology.failover'), 'utf8'),
  '/w/outages.failover': readFileSync(path.join(EXAMPLE, 'outages.failover'), 'utf8'),
};

describe('the compact timeline (digest) the editor receives', () => {
  const analysis = Analysis.load(['/w/outages.failover'], memoryHost(files));
  const runs = runScenarios(analysis, '/w/outages.failover');

  it('gives the same totals and states as the full timeline', () => {
    for (const run of runs) {
      // Recompute from a plain copy of the result: no recorder, so the slow path reads the timeline.
      const plain = JSON.parse(JSON.stringify(run.result));
      expect(timelineTotals(run.result)).toEqual(timelineTotals(plain));
      const times = [0, 59_999, 60_000, 300_000, 1_200_000, 2_400_000];
      expect(timelineStatesAt(run.result, times)).toEqual(timelineStatesAt(plain, times));
    }
  });

  it('states at 5m the 840 phones of HQ on CM2 that the expectation counts', () => {
    const crash = digestOf(runs[0]!);
    expect(crash.statesAt.get(300_000)?.pools['HQ']).toEqual({ CM2: 840, unregistered: 360 });
    // Totals over all pools: BRANCH1's 40 phones are on CM2 as well.
    expect(crash.totals[0]).toEqual({ t: 0, counts: { CM1: 1200, CM2: 40 } });
  });

  it('drops the full timeline but keeps every figure when compacted', () => {
    const compact = compactRun(runs[0]!);
    expect(compact.result.timeline).toEqual([]);
    expect(compact.result.pools).toEqual(runs[0]!.result.pools);
    expect(structuredClone(compact).digest!.totals.length).toBe(digestOf(runs[0]!).totals.length);
  });
});
