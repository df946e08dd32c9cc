// `npm run bench`: the figures behind PRODUCT.md's quality bars, printed (never asserted).
import { runActivationBenchmarks } from './activation';
import { runImportBenchmarks, runImportOne } from './import';
import { runLanguageBenchmarks } from './language';
import { runLintBenchmarks } from './lint';
import { runLspBenchmarks } from './lsp';
import { runPackageBenchmarks } from './package';
import { runOneSize, runSimulationBenchmarks } from './simulation';
import { runSweepBenchmarks } from './sweeps';

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only === 'simulation-one') return runOneSize(Number(process.argv[3]));
  if (only === 'import-one') return runImportOne(process.argv.slice(3));
  if (!only || only === 'language') runLanguageBenchmarks();
  if (!only || only === 'simulation') runSimulationBenchmarks();
  if (!only || only === 'lint') runLintBenchmarks();
  if (!only || only === 'import') await runImportBenchmarks();
  if (!only || only === 'sweeps') runSweepBenchmarks();
  if (!only || only === 'lsp') await runLspBenchmarks();
  if (!only || only === 'activation') runActivationBenchmarks();
  if (!only || only === 'package') runPackageBenchmarks();
}

main().catch((error: unknown) => {
  console.error(`benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
