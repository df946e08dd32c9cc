// Hover: what a word means here. On a definition or a reference, the definition with its
// documentation comment and resolved values (a callmanager's effective figures and single-failure
// impact, a group's members with capacities, a pool's failover chain); on a setting key its meaning,
// default and where the default comes from; on an event keyword what the model does (when phones
// notice); on an `at` line the simulated state at that moment; on an expectation its result.
import type { IToken } from 'chevrotain';
import * as lsp from 'vscode-languageserver';
import { formatDuration } from '../../core/durations';
import { describeImpact } from '../../core/results/resilience';
import type { ScenarioRun } from '../../core/results/runs';
import { eventEffect, expectationSummary, scenarioSummary } from '../../core/results/summary';
import { digestOf } from '../../core/results/runs';
import type * as ast from '../../core/syntax/ast';
import { failoverLexer, keywordOf, NumberWord, StringLiteral, Name as NameToken } from '../../core/syntax/tokens';
import { basename } from '../../core/workspace/paths';
import { DEFAULT_SETTINGS, durationValue, effectiveSettings, preferenceList, resolveTarget, type EffectiveSettings, type SettingSource } from '../../core/workspace/settings';
import { EXPECTED_KINDS, KIND_WORDS, type DefinitionSymbol } from '../../core/workspace/symbols';
import type { FileView, ServerContext } from '../context';
import type { SimulationSnapshot } from '../workspaceState';

export function registerHover(context: ServerContext): void {
  context.connection.onHover(
    context.guard('textDocument/hover', async (params: lsp.HoverParams): Promise<lsp.Hover | null> => {
      const file = await context.file(params.textDocument.uri);
      if (!file) return null;
      const found = hoverAt(file, file.offsetAt(params.position), context.state.simulation);
      return found ? { contents: { kind: lsp.MarkupKind.Markdown, value: found.markdown }, range: file.toRange(found.range) } : null;
    }),
  );
}

export interface HoverResult {
  readonly markdown: string;
  readonly range: ast.Range;
}

/** What the hover shows at `offset`: the word there, read in the context of its item and step. */
export function hoverAt(file: FileView, offset: number, simulation: SimulationSnapshot | undefined): HoverResult | undefined {
  const token = tokenAt(file.unit.text, offset);
  if (!token) return undefined;
  const range = { start: token.startOffset, end: token.startOffset + token.image.length };
  const item = file.unit.parsed.file.items.find((i) => i.range.start <= range.start && range.start < i.range.end);
  const scenario = item?.kind === 'scenario' ? item : undefined;
  const step = scenario?.steps.find((s) => s.range.start <= range.start && range.start < s.range.end);
  const settingsView = () => effectiveSettings(file.analysis.program, file.key, scenario);
  const result = (markdown: string | undefined) => (markdown ? { markdown, range } : undefined);
  const keyword = keywordOf(token.tokenType);

  if (token.tokenType === NameToken) {
    const definition = definitionNamed(file, item, range) ?? referencedDefinition(file, range);
    return result(definition && definitionHover(file, definition, settingsView(), simulation));
  }
  // A definition's own keyword stands for the definition.
  if (item && item.kind !== 'settings' && item.keywordRange.start === range.start) {
    if (item.kind === 'scenario') return result(scenarioHover(file, item, simulation));
    const definition = item.name && file.analysis.index.definitionsIn(file.key).find((d) => d.decl === item);
    if (definition) return result(definitionHover(file, definition, settingsView(), simulation));
  }
  if (scenario && token.tokenType === StringLiteral && scenario.title?.range.start === range.start) return result(scenarioHover(file, scenario, simulation));

  const block = propertyBlockAt(item, step, range);
  if (keyword && block) return result(propertyHover(keyword, block, settingsView()));
  if (scenario && step && step.kind !== 'settings') {
    const index = scenario.steps.indexOf(step);
    const run = simulation?.runs.get(file.key)?.find((r) => r.scenario.range.start === scenario.range.start && r.scenario.title?.value === scenario.title?.value);
    return result(stepHover(file, scenario, step, index, run, keyword, token, settingsView().values, simulation !== undefined));
  }
  if (keyword) return result(keywordHover(keyword, settingsView().values));
  return undefined;
}

/** The token under the offset, or the one that ends there (a cursor right after a word). */
function tokenAt(text: string, offset: number): IToken | undefined {
  const tokens = failoverLexer.tokenize(text).tokens;
  let before: IToken | undefined;
  for (const token of tokens) {
    const end = token.startOffset + token.image.length;
    if (token.startOffset <= offset && offset < end) return token;
    if (end === offset) before = token;
    if (token.startOffset > offset) break;
  }
  return before;
}

function definitionNamed(file: FileView, item: ast.Item | undefined, range: ast.Range): DefinitionSymbol | undefined {
  if (!item || item.kind === 'settings' || item.kind === 'scenario' || item.name?.range.start !== range.start) return undefined;
  return file.analysis.index.definitionsIn(file.key).find((d) => d.decl === item);
}

function referencedDefinition(file: FileView, range: ast.Range): DefinitionSymbol | undefined {
  const site = file.analysis.index.referencesIn(file.key).find((s) => s.range.start === range.start);
  if (!site) return undefined;
  // Prefer a candidate of the kind the place expects (a duplicate name may have several).
  return site.candidates.find((c) => EXPECTED_KINDS[site.role].includes(c.kind)) ?? site.candidates[0];
}

type Block = 'settings' | 'callmanager' | 'srst' | 'pool';

/** The kind of `key value` block the range lies in, if any. */
function propertyBlockAt(item: ast.Item | undefined, step: ast.Step | undefined, range: ast.Range): Block | undefined {
  if (step?.kind === 'settings') return step.entries.some((e) => e.keyRange.start === range.start) ? 'settings' : undefined;
  if (!item) return undefined;
  if (item.kind === 'settings') return item.entries.some((e) => e.keyRange.start === range.start) ? 'settings' : undefined;
  if (item.kind === 'callmanager' || item.kind === 'srst' || item.kind === 'pool') {
    return (item.properties as readonly ast.Property<string, unknown>[]).some((p) => p.keyRange.start === range.start) ? item.kind : undefined;
  }
  return undefined;
}

// ── definitions ────────────────────────────────────────────────────────────────────────────────

type View = ReturnType<typeof effectiveSettings>;

function signature(text: string): string {
  return '```failover\n' + text + '\n```';
}

function withDoc(parts: string[], doc: string | undefined): void {
  if (doc) parts.push(doc);
}

function explicitProperty(decl: ast.Definition, key: string): boolean {
  if (decl.kind === 'group') return false;
  return (decl.properties as readonly ast.Property<string, unknown>[]).some((p) => p.key === key && p.value !== undefined);
}

function sourceWords(source: SettingSource, file: FileView): string {
  if (source.kind === 'default') return 'default';
  const inScenario = file.unit.parsed.file.items.some((i) => i.kind === 'scenario' && i.steps.includes(source.block));
  if (inScenario) return "from this scenario's settings";
  return source.file === file.key ? 'from settings in this file' : `from settings in ${basename(source.file)}`;
}

const capacityText = (n: number) => (Number.isFinite(n) ? String(n) : 'unlimited');

function definitionHover(file: FileView, definition: DefinitionSymbol, view: View, simulation: SimulationSnapshot | undefined): string {
  const { decl } = definition;
  const parts = [signature(`${decl.kind} ${definition.name}`)];
  withDoc(parts, decl.doc);
  const lines: string[] = [];
  const where = definition.file === file.key ? '' : `*Defined in ${basename(definition.file)}.*`;
  switch (decl.kind) {
    case 'callmanager':
    case 'srst': {
      const target = resolveTarget(definition, view.values);
      const setting = (key: 'registration-rate' | 'fallback-queue-depth') => (explicitProperty(decl, key) ? '' : ` (${sourceWords(view.sources[key], file)})`);
      lines.push(`- capacity **${capacityText(target.capacity)}**${explicitProperty(decl, 'capacity') ? '' : ' (default)'}`);
      lines.push(`- registration-rate **${target.registrationRate}/s**${setting('registration-rate')}`);
      if (decl.kind === 'callmanager') lines.push(`- fallback-queue-depth **${target.fallbackQueueDepth}**${setting('fallback-queue-depth')}`);
      parts.push(lines.join('\n'));
      if (decl.kind === 'callmanager') {
        const impact = simulation?.impacts.find((i) => i.definition.file === definition.file && i.definition.name === definition.name);
        if (impact) parts.push(`Single failure: ${impact.atRisk ? '⚠ ' : ''}${describeImpact(impact)}`);
      }
      break;
    }
    case 'group': {
      const index = file.analysis.index;
      decl.members.forEach((member, i) => {
        const target = index.resolve(definition.file, member.text);
        const figure = target?.kind === 'callmanager' ? `capacity ${capacityText(resolveTarget(target, view.values).capacity)}` : target ? `a ${KIND_WORDS[target.kind]}, not a callmanager` : 'not defined';
        lines.push(`${i + 1}. ${member.text} — ${figure}`);
      });
      parts.push(lines.length > 0 ? lines.join('\n') : 'No members.');
      const pools = [...index.allDefinitions()].filter(
        (d) => d.decl.kind === 'pool' && d.decl.properties.some((p) => p.key === 'group' && p.value?.text === definition.name) && index.resolve(d.file, definition.name) === definition,
      );
      if (pools.length > 0) parts.push(`Used by ${pools.map((p) => `pool ${p.name}`).join(', ')}.`);
      break;
    }
    case 'pool': {
      const phones = lastValue(decl, 'phones');
      const chain = preferenceList(file.analysis.index, definition.file, decl).map((name) => (file.analysis.index.resolve(definition.file, name)?.kind === 'srst' ? `${name} (srst)` : name));
      const monitor = lastValue(decl, 'connection-monitor');
      const monitorMs = durationValue(monitor?.kind === 'int' || monitor?.kind === 'duration' ? monitor : undefined);
      lines.push(`- phones **${phones?.kind === 'int' ? phones.value : '?'}**`);
      lines.push(`- failover chain: ${chain.length > 0 ? chain.join(' → ') : '*none resolved*'}`);
      lines.push(
        monitorMs !== undefined
          ? `- connection-monitor **${formatDuration(monitorMs)}**`
          : `- connection-monitor **${formatDuration(view.values['connection-monitor'])}** (${sourceWords(view.sources['connection-monitor'], file)})`,
      );
      parts.push(lines.join('\n'));
      break;
    }
  }
  if (where) parts.push(where);
  return parts.join('\n\n');
}

function lastValue(pool: ast.PoolDecl, key: 'phones' | 'connection-monitor'): ast.NumberLiteral | undefined {
  let value: ast.NumberLiteral | undefined;
  for (const property of pool.properties) if (property.key === key && property.value) value = property.value as ast.NumberLiteral;
  return value;
}

function scenarioHover(file: FileView, scenario: ast.ScenarioDecl, simulation: SimulationSnapshot | undefined): string {
  const parts = [signature(`scenario ${JSON.stringify(scenario.title?.value ?? '')}`)];
  withDoc(parts, scenario.doc);
  const run = simulation?.runs.get(file.key)?.find((r) => r.scenario.range.start === scenario.range.start);
  if (run) parts.push(scenarioSummary(run));
  return parts.join('\n\n');
}

// ── settings and properties ────────────────────────────────────────────────────────────────────

interface SettingDoc {
  readonly meaning: string;
  /** SIMULATION.md's "where the figure comes from". */
  readonly origin: string;
}

const SETTING_DOCS: Record<keyof EffectiveSettings, SettingDoc> = {
  keepalive: {
    meaning: "StationKeepAliveInterval (K): the period of each phone's keepalive ticks, when it notices failures, a better server to fall back to, or a chance to register after a refusal.",
    origin: 'StationKeepAliveInterval default (Cisco SRST admin guide)',
  },
  'missed-keepalives': {
    meaning: 'Keepalives a phone misses before it gives up on a hung server: a `hang` is noticed (missed-keepalives − 1) × K after the first tick.',
    origin: '"typically three times the keepalive period" to notice a failure (Cisco SRST admin guide)',
  },
  'tcp-retry': {
    meaning: 'How long a phone retries TCP after its first unanswered keepalive: a `crash` (or an `isolate`) is noticed tcp-retry after the first tick.',
    origin: 'phones retry TCP for 20–25 s after the first unanswered keepalive (Cisco Press, *Voice Gateways and Gatekeepers*)',
  },
  'registration-rate': {
    meaning: 'Registrations per second a server handles, one at a time (each takes 1000 / rate ms). In a settings block it is the default of callmanagers and srst routers alike.',
    origin: 'about 100 registrations per second per server (CallManager 3.x design guide)',
  },
  'fallback-queue-depth': {
    meaning: 'MaxPhonesFallBackQueueDepth (Q): how many phones may fall back to a callmanager at once; the others try again at their next tick. Concerns callmanagers only.',
    origin: "the model's default for MaxPhonesFallBackQueueDepth; set your cluster's value",
  },
  'connection-monitor': {
    meaning: 'Connection Monitor Duration: how long a CallManager must have been available without a break before phones leave an SRST router for it.',
    origin: 'Connection Monitor Duration: wait before leaving SRST (Cisco Press)',
  },
  'reset-time': {
    meaning: 'Boot time of a reset phone before it registers again.',
    origin: 'model assumption: boot time of a reset phone before it registers',
  },
};

const DURATION_SETTINGS = new Set<string>(['keepalive', 'tcp-retry', 'connection-monitor', 'reset-time']);
const settingText = (key: string, value: number) => (DURATION_SETTINGS.has(key) ? formatDuration(value) : key === 'registration-rate' ? `${value}/s` : String(value));

function propertyHover(key: string, block: Block, view: View): string | undefined {
  const header = `**${key}** · ${block === 'settings' ? 'setting' : `${block === 'srst' ? 'srst router' : block} property`}`;
  if (key in SETTING_DOCS) {
    const settingKey = key as keyof EffectiveSettings;
    const doc = SETTING_DOCS[settingKey];
    const parts = [header, doc.meaning, `Default **${settingText(key, DEFAULT_SETTINGS[settingKey])}**: ${doc.origin}.`];
    if (block === 'settings') parts.push(`In effect here: **${settingText(key, view.values[settingKey])}**.`);
    else parts.push(`Overrides every settings block for this ${block === 'pool' ? 'pool' : 'server'} (settings give **${settingText(key, view.values[settingKey])}** here).`);
    return parts.join('\n\n');
  }
  switch (key) {
    case 'capacity':
      return `${header}\n\nRegistered plus waiting phones this ${block === 'srst' ? 'router' : 'server'} takes; when it is full, phones pass it over like a down server. Default: unlimited.`;
    case 'phones':
      return `${header}\n\nHow many identical phones the pool has (required, 1 to 10,000,000).`;
    case 'group':
      return `${header}\n\nThe pool's CallManager group (required): its members, in order, are the phones' preference list.`;
    case 'srst':
      return `${header}\n\nThe pool's SRST router: the last entry of its preference list, taking the phones when no CallManager of the group is available or has room.`;
    default:
      return undefined;
  }
}

// ── keywords and scenario steps ────────────────────────────────────────────────────────────────

/** Detection windows of the model (SIMULATION.md, "Events"), with this scenario's figures and, given a time, when. */
function keywordHover(word: string, settings: EffectiveSettings, at?: number): string | undefined {
  const K = settings.keepalive;
  const tcp = settings['tcp-retry'];
  const hangWait = (settings['missed-keepalives'] - 1) * K;
  const window = (delay: number) =>
    at === undefined
      ? ''
      : ` Here: between ${formatDuration(at + delay)} and ${formatDuration(at + delay + K)} (each phone at its first tick from ${formatDuration(at)}, plus ${formatDuration(delay)}).`;
  const docs: Record<string, string> = {
    stop: `**stop** — a clean shutdown. The target is down from this time; its phones lose their registration and notice at once (the TCP connection is closed), so each asks for its next target in the same millisecond.${at === undefined ? '' : ` Here: at ${formatDuration(at)}.`}`,
    crash: `**crash** — the target dies silently. Its phones are out of service from this time but notice only at their first keepalive tick at or after it plus tcp-retry (${formatDuration(tcp)}, keepalive ${formatDuration(K)}).${window(tcp)} A phone in a call acts when the call ends.`,
    hang: `**hang** — the target stops answering. Its phones are out of service from this time but notice only (missed-keepalives − 1) × keepalive after their first tick at or after it (${settings['missed-keepalives'] - 1} × ${formatDuration(K)} = ${formatDuration(hangWait)}).${window(hangWait)} A phone in a call acts when the call ends.`,
    recover: `**recover** — the target is up again, its registration queue empty. Nothing moves at once: each phone falls back at its next keepalive tick when the target comes first in its preference list (from an srst router only after connection-monitor without a break), at most fallback-queue-depth phones at a time.`,
    isolate: `**isolate** — the pool's WAN link is cut: no CallManager is available to its phones; srst routers still are. Phones registered with a CallManager lose it at once and notice as for a crash (first tick + tcp-retry ${formatDuration(tcp)}).${window(tcp)}`,
    reconnect: `**reconnect** — ends the pool's isolation. Phones out of service ask at their next tick; phones on an srst router go back once the CallManager has been available for the pool's connection-monitor (${formatDuration(settings['connection-monitor'])} by the settings).`,
    reset: `**reset** — each idle phone of the pool unregisters at once and asks for its best target after reset-time (${formatDuration(settings['reset-time'])}); a phone in a call resets when its call ends.`,
    calls: '**calls** POOL COUNT lasting DURATION — the first COUNT phones of the pool that are in service and idle start a call. A phone in a call does not fail over or fall back: it acts when the call ends (a preserved call). A percent is of the pool\'s size, rounded down.',
    lasting: '**lasting** — how long the calls last.',
    at: '**at** TIME — the time since the scenario\'s start of an event, or of a count expectation (checked after everything at that time).',
    expect: '**expect** — an expectation the simulation checks: `at T expect POOL on TARGET [CMP COUNT]` (no comparison means == all), `expect outage POOL CMP DURATION`, `expect peak TARGET CMP N`, `expect settled by T`.',
    outage: '**outage** — the longest single out-of-service stretch of any phone of the pool, not counting time in a preserved call.',
    peak: '**peak** — the most phones registered with the target at the end of any millisecond.',
    settled: '**settled** — the last time any count changed.',
    by: '**by** — `expect settled by T` holds when the last change is at or before T.',
    on: '**on** — the target whose phones are counted: a callmanager, an srst router or `unregistered`.',
    unregistered: '**unregistered** — phones out of service: not registered with a target available to them, including phones in a preserved call.',
    all: '**all** — every phone of the pool.',
    none: '**none** — no phone.',
    import: '**import** "FILE" — makes the definitions of another file (and of what it imports) visible. Its scenarios are not run by the importer.',
    settings: '**settings** — service parameters. Built-in defaults ← imported files\' settings ← this file\'s ← the scenario\'s; a property on a callmanager, srst router or pool beats them all.',
    scenario: '**scenario** — a timeline of events and expectations that the simulator checks.',
    callmanager: '**callmanager** — a server that registers phones.',
    srst: '**srst** — a Survivable Remote Site Telephony router: the last entry of a pool\'s preference list.',
    group: '**group** — a CallManager group: one to three CallManagers in priority order.',
    pool: '**pool** — a device pool: phones, a CallManager group and an optional srst router.',
  };
  return docs[word];
}

const STEP_KEYWORDS = new Set(['stop', 'crash', 'hang', 'recover', 'isolate', 'reconnect', 'reset', 'calls', 'lasting', 'at', 'expect', 'outage', 'peak', 'settled', 'by', 'on', 'unregistered', 'all', 'none']);

function stepHover(
  file: FileView,
  scenario: ast.ScenarioDecl,
  step: Exclude<ast.Step, ast.SettingsBlock>,
  index: number,
  run: ScenarioRun | undefined,
  keyword: string | undefined,
  token: IToken,
  settings: EffectiveSettings,
  simulationReady: boolean,
): string | undefined {
  const parts: string[] = [];
  const at = 'at' in step ? durationValue(step.at) : undefined;
  // On `at` of a simulated step the state says more than the word's definition.
  if (keyword && STEP_KEYWORDS.has(keyword) && !(keyword === 'at' && run)) {
    const doc = keywordHover(keyword, settings, step.kind === 'event' && step.actionRange.start === token.startOffset ? at : undefined);
    if (doc) parts.push(doc);
  }
  if (token.tokenType === NumberWord) {
    const count = percentCount(file, step, token);
    if (count) parts.push(count);
  }
  if (run && step.kind === 'event') {
    const effect = eventEffect(run, index);
    if (effect) parts.push(`Effect: ${effect}`);
  }
  if (run && step.kind !== 'event') {
    const summary = expectationSummary(run, index);
    if (summary) parts.push(summary);
  }
  if (at !== undefined && (step.kind === 'event' || step.kind === 'expect-on')) {
    if (run) parts.push(stateTable(run, at));
    else if (!simulationReady && file.analysis.isSimulable(file.key)) parts.push(`*The state at ${formatDuration(at)} shows once the scenario "${scenario.title?.value ?? ''}" is simulated.*`);
  }
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/** `30% of HQ (1200 phones) = 360 phones` for a percent count. */
function percentCount(file: FileView, step: ast.Step, token: IToken): string | undefined {
  const count = step.kind === 'event' || step.kind === 'expect-on' ? step.count : undefined;
  const poolName = step.kind === 'event' ? step.subject?.text : step.kind === 'expect-on' ? step.pool?.text : undefined;
  if (count?.kind !== 'percent' || count.range.start !== token.startOffset || !poolName) return undefined;
  const pool = file.analysis.index.resolve(file.key, poolName);
  if (pool?.decl.kind !== 'pool') return undefined;
  const phones = lastValue(pool.decl, 'phones');
  if (phones?.kind !== 'int') return undefined;
  return `${count.text} of ${poolName} (${phones.value} phones) = **${Math.floor((count.value * phones.value) / 100)} phones**`;
}

/** Per pool, per target counts after everything at `t` (SIMULATION.md, "What a run reports"). */
function stateTable(run: ScenarioRun, t: number): string {
  const state = digestOf(run).statesAt.get(t);
  const title = `**State at ${formatDuration(t)}**`;
  if (!state) return `${title}: not simulated that far.`;
  const entry = { t: state.since, pools: state.pools };
  const pools = run.input.pools.map((p) => p.name).filter((name) => entry.pools[name]);
  const columns = [...run.input.targets.map((x) => x.name), 'unregistered'].filter((target) => pools.some((p) => (entry.pools[p]?.[target] ?? 0) > 0));
  if (pools.length === 0) return `${title}: no pools.`;
  const rows = [`| pool | ${columns.join(' | ')} |`, `|:--|${columns.map(() => '--:').join('|')}|`];
  for (const pool of pools) rows.push(`| ${pool} | ${columns.map((c) => entry.pools[pool]?.[c] ?? 0).join(' | ')} |`);
  if (pools.length > 1) rows.push(`| *total* | ${columns.map((c) => pools.reduce((n, p) => n + (entry.pools[p]?.[c] ?? 0), 0)).join(' | ')} |`);
  return `${title}${entry.t < t ? ` (unchanged since ${formatDuration(entry.t)})` : ''}\n\n${rows.join('\n')}`;
}
