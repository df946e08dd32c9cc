// `npm run bench`: the figures behind PRODUCT.md's quality bars, printed (never asserted).
import { runLanguageBenchmarks } from './language';
import { runOneSize, runSimulationBenchmarks } from './simulation';

function main(): void {
  const only = process.argv[2];
  if (only === 'simulation-one') return runOneSize(Number(process.argv[3]));
  if (!only || only === 'language') runLanguageBenchmarks();
  if (!only || only === 'simulation') runSimulationBenchmarks();
}

main();
