// The imported topology as `.failover` text, already in `failover fmt`'s canonical layout (see the
// rules at the top of syntax/format.ts: compact blocks of at most two properties within 80 columns,
// one member per line for a group too wide), so the output needs no formatting and is stable.
import type { ImportedTopology, WrittenDefinition, WrittenPool, WrittenSettings } from './mapping';

const MAX_WIDTH = 80;
const MAX_COMPACT_PROPERTIES = 2;

/** A comment's text on one line, whatever CUCM or a file name held. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').trimEnd();
}

/** `head { a b }` on one line when it qualifies as compact, else one property per line. */
function block(head: string, properties: readonly string[]): string[] {
  if (properties.length === 0) return [`${head} {}`];
  const compact = `${head} { ${properties.join(' ')} }`;
  if (properties.length <= MAX_COMPACT_PROPERTIES && compact.length <= MAX_WIDTH) return [compact];
  return [`${head} {`, ...properties.map((p) => `  ${p}`), '}'];
}

function group(name: string, members: readonly string[]): string[] {
  const compact = `group ${name} { ${members.join(', ')} }`;
  if (compact.length <= MAX_WIDTH) return [compact];
  return [`group ${name} {`, ...members.map((m, i) => `  ${m}${i < members.length - 1 ? ',' : ''}`), '}'];
}

function cucmName(definition: WrittenDefinition): string[] {
  return definition.cucmName === undefined ? [] : [`# CUCM name: ${oneLine(definition.cucmName)}`];
}

function settingsLines(settings: WrittenSettings): string[] {
  const properties: string[] = [];
  if (settings.keepalive !== undefined) properties.push(`keepalive ${settings.keepalive}s`);
  if (settings['fallback-queue-depth'] !== undefined) properties.push(`fallback-queue-depth ${settings['fallback-queue-depth']}`);
  if (settings['connection-monitor'] !== undefined) properties.push(`connection-monitor ${settings['connection-monitor']}s`);
  return properties.length === 0 ? [] : block('settings', properties);
}

function poolLines(pool: WrittenPool): string[] {
  const properties = [`group ${pool.group}`];
  if (pool.srst !== undefined) properties.push(`srst ${pool.srst}`);
  properties.push(`phones ${pool.phones}`);
  if (pool.connectionMonitor !== undefined) properties.push(`connection-monitor ${pool.connectionMonitor}s`);
  return [...cucmName(pool), ...(pool.deviceTypes === undefined ? [] : [`# ${oneLine(pool.deviceTypes)}`]), ...block(`pool ${pool.name}`, properties)];
}

/** The whole file; `inputs` as given on the command line. */
export function writeTopology(topology: ImportedTopology, inputs: readonly string[]): string {
  const sections: string[][] = [[`# Imported from CUCM by failover import: ${oneLine(inputs.join(', '))}`]];
  const settings = settingsLines(topology.settings);
  if (settings.length > 0) sections.push(settings);
  // Separate from the first callmanager, so that it does not become that server's documentation.
  sections.push([
    "# CUCM knows no capacity or registration rate: add each server's figures from its hardware,",
    '# e.g. callmanager CM1 { capacity 7500 registration-rate 125 }',
  ]);
  sections.push(topology.callManagers.flatMap((cm) => [...cucmName(cm), `callmanager ${cm.name}`]));
  if (topology.srsts.length > 0) sections.push(topology.srsts.flatMap((srst) => [...cucmName(srst), `srst ${srst.name}`]));
  sections.push(topology.groups.flatMap((g) => [...cucmName(g), ...group(g.name, g.members)]));
  if (topology.poolsWithoutPhones.length > 0) sections.push([`# Device pools without phones, left out: ${oneLine(topology.poolsWithoutPhones.join(', '))}`]);
  // Plain one-line pools stand together; a pool with comments or over several lines stands apart.
  let pools: string[] = [];
  for (const pool of topology.pools) {
    const lines = poolLines(pool);
    if (lines.length > 1 && pools.length > 0) {
      sections.push(pools);
      pools = [];
    }
    pools.push(...lines);
    if (lines.length > 1) {
      sections.push(pools);
      pools = [];
    }
  }
  if (pools.length > 0) sections.push(pools);
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
