// A copy of the repository in a scratch folder (sources only, node_modules linked), for the tests
// that package it: packaging rebuilds dist/, which must never rewrite the bundles that other
// tests are running.
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
const LEFT_OUT = new Set(['node_modules', '.git', 'dist', 'out', 'coverage', 'test-output', '.e2e-cache']);

/** Copies the repository into a fresh folder named `failover-<purpose>-…` and returns its path. */
export function stageRepository(purpose: string): string {
  const stage = mkdtempSync(path.join(tmpdir(), `failover-${purpose}-`));
  cpSync(ROOT, stage, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(ROOT, source);
      const top = relative.split(path.sep)[0]!;
      return !LEFT_OUT.has(top) && !relative.endsWith('.vsix') && !relative.endsWith('.tgz');
    },
  });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
  return stage;
}
