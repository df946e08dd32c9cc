// Bundles the CLI, the language server and its simulation worker, the extension and the benchmarks
// with esbuild, and writes the JSON schema of failover.config.json that the extension contributes.
// A missing entry point fails the build: a bundle never goes missing silently.
import { build } from 'esbuild';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const entries = [
  { in: 'server/src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'server/src/lsp/main.ts', out: 'server' },
  { in: 'server/src/node/simulationWorker.ts', out: 'simulationWorker' },
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode'] },
  // vscode-languageclient, loaded by the extension right after activation (client/src/languageClient.ts).
  { in: 'client/src/serverConnection.ts', out: 'serverConnection', external: ['vscode'] },
  { in: 'bench/main.ts', out: 'bench' },
];

const missing = entries.filter((e) => !existsSync(e.in));
if (missing.length > 0) {
  for (const e of missing) console.error(`build: entry point ${e.in} (for dist/${e.out}.js) does not exist`);
  process.exit(1);
}

await Promise.all(
  entries.map((e) =>
    build({
      entryPoints: [e.in],
      outfile: `dist/${e.out}.js`,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      mainFields: ['module', 'main'],
      sourcemap: !production,
      minify: production,
      external: e.external ?? [],
      banner: e.banner ? { js: e.banner } : undefined,
      define: { 'process.env.FAILOVER_DEV': production ? '"0"' : '"1"' },
      logLevel: 'warning',
    }),
  ),
);

// The schema comes from the code (core/workspace/configSchema.ts, built from the table of
// diagnostic codes), so it is generated here rather than kept as a second copy in the repository.
const schemaModule = await build({
  entryPoints: ['server/src/core/workspace/configSchema.ts'],
  bundle: true,
  write: false,
  platform: 'neutral',
  format: 'esm',
  logLevel: 'warning',
});
const { ruleConfigSchema } = await import(`data:text/javascript;base64,${Buffer.from(schemaModule.outputFiles[0].text).toString('base64')}`);
mkdirSync('dist', { recursive: true });
writeFileSync('dist/failover.config.schema.json', `${JSON.stringify(ruleConfigSchema(), null, 2)}\n`);
