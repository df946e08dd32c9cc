// `npm run bench`: the figures behind PRODUCT.md's quality bars, printed (never asserted).
import { runLanguageBenchmarks } from './language';

function main(): void {
  const only = process.argv[2];
  if (!only || only === 'language') runLanguageBenchmarks();
}

main();
