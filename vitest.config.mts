import { configDefaults, defineConfig } from 'vitest/config';

// The language server's features tested in-process: pure calls into the core and lsp/features, no
// module keeping state between calls (a reused parser, caches keyed by their results), no mocks.
// They share one module graph instead of each paying the core's import. The protocol and server
// tests, which spawn the bundled server, stay isolated with everything else.
const IN_PROCESS_FEATURES = ['test/lsp/!(protocol|server).test.ts', 'test/support/featureHarness.test.ts'];

export default defineConfig({
  test: {
    // Generous bounds: the language servers' simulation workers run at low CPU priority, and on a
    // 2-core CI machine busy with the fuzzing suites they may wait a while for a core.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'threads',
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'tests',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...IN_PROCESS_FEATURES],
          // Builds dist/ for the suites that run the bundles (CLI, server, protocol).
          globalSetup: ['test/support/globalSetup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'lsp-features',
          include: IN_PROCESS_FEATURES,
          isolate: false,
        },
      },
    ],
  },
});
