// Whether the CLI colours what it prints, by the conventions terminal tools share: NO_COLOR (any
// non-empty value) turns colour off; FORCE_COLOR turns it on even when the output is not a
// terminal (a CI log that renders ANSI), except FORCE_COLOR=0 or false, which turn it off.

/**
 * Colour on stdout. NO_COLOR wins over FORCE_COLOR: it is a standing preference (often an
 * accessibility one) set once for every tool, while FORCE_COLOR is usually set for a whole CI job.
 * Empty values count as unset, as both conventions say.
 */
export function wantsColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force) return force !== '0' && force.toLowerCase() !== 'false';
  return isTTY && env.TERM !== 'dumb';
}
