// Generates a realistic multi-file workspace of a given size, for the benchmarks.

/** `files` maps keys to texts; the first file is the shared topology, every other file imports it. */
export function generateWorkspace(targetLines: number, fileCount = 20): { files: Map<string, string>; lines: number } {
  const files = new Map<string, string>();
  const servers = 8;
  const topology: string[] = ['# generated topology', 'settings {', '  keepalive 30s', '  fallback-queue-depth 10', '}', ''];
  for (let s = 1; s <= servers; s++) topology.push(`## Subscriber ${s}`, `callmanager SUB${s} { capacity 2500 registration-rate 125 }`);
  topology.push('');
  for (let g = 1; g <= servers; g++) topology.push(`group G${g} { SUB${g}, SUB${(g % servers) + 1}, SUB${((g + 1) % servers) + 1} }`);
  files.set('/bench/topology.failover', topology.join('\n') + '\n');
  let lines = topology.length;
  const perFile = Math.ceil((targetLines - lines) / (fileCount - 1));
  for (let f = 1; f < fileCount; f++) {
    const out: string[] = ['import "topology.failover"', ''];
    let pool = 0;
    while (out.length < perFile) {
      pool++;
      const name = `F${f}-P${pool}`;
      out.push(
        `srst ${name}-RTR { capacity 100 }`,
        `# branch ${pool} of file ${f}`,
        `pool ${name} {`,
        `  group G${(pool % servers) + 1}`,
        `  srst ${name}-RTR`,
        `  phones ${40 + (pool % 60)}`,
        `  connection-monitor 90s`,
        '}',
        '',
      );
      out.push(
        `scenario "WAN cut at ${name}" {`,
        `  at 0s calls ${name} 30% lasting 5m`,
        `  at 10s isolate ${name}`,
        `  at 15m reconnect ${name}`,
        `  at 2m expect ${name} on ${name}-RTR >= 10`,
        `  expect outage ${name} <= 5m`,
        `  expect settled by 1h`,
        '}',
        '',
      );
    }
    files.set(`/bench/site${f}.failover`, out.join('\n') + '\n');
    lines += out.length;
  }
  return { files, lines };
}
