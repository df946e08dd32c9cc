// What every reader and the mapping report: a problem at a line of one input, as the CLI prints it.

export interface ImportProblem {
  readonly file: string;
  readonly line: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** Where a reader reports: the input is implied, the line is the input's (1-based). */
export interface ProblemSink {
  error(line: number, message: string): void;
  warning(line: number, message: string): void;
}

/** `file:line: error: …`, exactly as `failover import` prints it on standard error. */
export function formatImportProblem(p: ImportProblem): string {
  return `${p.file}:${p.line}: ${p.severity}: ${p.message}`;
}

/** A CUCM name as messages quote it. */
export function quoted(name: string): string {
  return `"${name}"`;
}
