import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    // Generous bounds: the language servers' simulation workers run at low CPU priority, and on a
    // 2-core CI machine busy with the fuzzing suites they may wait a while for a core.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'threads',
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
});
