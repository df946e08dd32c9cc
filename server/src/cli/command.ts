// What each command (lint.ts, simulate.ts, fmt.ts) gets and gives back: where to write, and a
// verdict that main.ts alone turns into the exit code.
import type { Colors } from './formats/stylish';

export interface Output {
  readonly write: (text: string) => void;
  readonly writeError: (text: string) => void;
  /** ANSI colours on a terminal, none otherwise (main.ts decides). */
  readonly colors: Colors;
}

/**
 * `clean`: nothing to report; `problems`: errors, failed expectations, too many warnings or files
 * not formatted; `usage`: bad usage or an input that could not be read.
 */
export type Verdict = 'clean' | 'problems' | 'usage';

/** Bad usage noticed after the arguments were parsed: one line on stderr (by main.ts), `usage`. */
export class UsageError extends Error {}

/** The one-line form of every problem on stderr. */
export function reportProblems(out: Output, problems: readonly string[]): void {
  for (const problem of problems) out.writeError(`failover: ${problem}\n`);
}
