// The sweeps' results as the server's sweep scheduler keeps them, computed in-process for feature
// tests: every sweep of every file of the workspace, all its runs (or the first `limit`, as if the
// time budget had run out after them).
import { fileSweeps, runSweep } from '../../server/src/core/results/sweeps';
import type { SweepResult, SweepSnapshot } from '../../server/src/lsp/sweepScheduler';
import type { FeatureWorkspace } from './featureHarness';

export function sweepSnapshot(ws: FeatureWorkspace, names: readonly string[], { limit }: { limit?: number } = {}): SweepSnapshot {
  const results = new Map<string, Map<string, SweepResult>>();
  for (const name of names) {
    const key = ws.key(name);
    const byTitle = new Map<string, SweepResult>();
    for (const sweep of fileSweeps(ws.analysis, key)) {
      if (!sweep.spec) continue;
      const { runs } = runSweep(ws.analysis, key, sweep.spec);
      const kept = limit === undefined ? runs : runs.slice(0, limit);
      byTitle.set(sweep.title, { spec: sweep.spec, runs: kept, outOfTime: kept.length < sweep.spec.runs });
    }
    results.set(key, byTitle);
  }
  return { version: 0, results };
}
