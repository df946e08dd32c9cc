// What ships: the .vsix (built by `npm run package`, if it has been run).
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { printTable } from './report';

export function runPackageBenchmarks(): void {
  const root = path.resolve(__dirname, '..');
  const kib = (file: string) => (existsSync(file) ? `${(statSync(file).size / 1024).toFixed(0)} KiB` : 'not built');
  const vsix = path.join(root, 'failover.vsix');
  printTable('Package', [['failover.vsix', `${kib(vsix)}  (target < 1 MB${existsSync(vsix) ? '' : '; run `npm run package` first'})`]]);
}
