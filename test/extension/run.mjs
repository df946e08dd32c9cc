// Runs the extension-host tests (suite.e2e.ts) in a real VS Code: `npm run test:extension`.
// @vscode/test-electron downloads a VS Code build into .e2e-cache/ the first time (it needs the
// network to reach the VS Code update service); on Linux without a display, run it under Xvfb:
// `xvfb-run -a npm run test:extension`. VSCODE_TEST_VERSION picks the build (default: stable;
// `1.82.0` is the oldest that package.json's engines allows).
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const suite = path.join(root, 'out', 'extension-tests', 'suite.js');

await build({
  entryPoints: [path.join(root, 'test', 'extension', 'suite.e2e.ts')],
  outfile: suite,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'warning',
});

// A scratch copy of the samples, since the tests write a file into their workspace.
const scratch = mkdtempSync(path.join(tmpdir(), 'failover-e2e-'));
const workspace = path.join(scratch, 'workspace');
cpSync(path.join(root, 'samples', 'headquarters'), workspace, { recursive: true });

try {
  await runTests({
    version: process.env.VSCODE_TEST_VERSION || 'stable',
    cachePath: path.join(root, '.e2e-cache'),
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    launchArgs: [
      workspace,
      '--user-data-dir',
      path.join(scratch, 'user-data'),
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--disable-gpu',
    ],
  });
} catch (error) {
  console.error(`Extension tests failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
