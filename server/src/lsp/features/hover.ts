// Hover: what a word means here. On a definition or a reference, the definition with its
// documentation comment and resolved values (a callmanager's effective figures and single-failure
// impact, a group's members with capacities, a pool's failover chain); on a setting key its meaning,
// default and where the default comes from; on an event keyword what the model does (when phones
// notice); on an `at` line the simulated state at that moment; on an expectation its result. The
// words' and keys' texts are the vocabulary's (core/syntax/vocabulary.ts).
import type { IToken } from 'chevrotain';
import * as lsp from 'vscode-languageserver';
import { formatDuration } from '../../core/durations';
import { describeImpact } from '../../core/results/resilience';
import type { ScenarioRun } from '../../core/results/runs';
import { eventEffect, expectationSummary, scenarioSummary } from '../../core/results/summary';
import { digestOf } from '../../core/results/runs';
import { isDefinition } from '../../core/syntax/ast';
import type * as ast from '../../core/syntax/ast';
import { failoverLexer, keywordOf, NumberWord, StringLiteral, Name as NameToken } from '../../core/syntax/tokens';
import {
  DEFAULT_SETTINGS,
  isDurationKey,
  isPropertyKey,
  isSettingKey,
  isStepWord,
  KNOBS,
  PROPERTIES,
  shownValue,
  wordHover,
  type PropertyBlock,
  type PropertyEntry,
} from '../../core/syntax/vocabulary';
import { basename } from '../../core/workspace/paths';
import { durationValue, effectiveSettings, preferenceList, resolveTarget, type EffectiveSettings, type SettingSource } from '../../core/workspace/settings';
import { scenarioTitled, sweepScenarioLine, type SweepVary } from '../../core/workspace/sweeps';
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

  if (item?.kind === 'sweep') {
    const line = item.lines.find((l) => l.range.start <= range.start && range.start < l.range.end);
    if (line?.kind === 'vary' && line.knob && line.knob.range.start <= range.start && range.start < line.knob.range.end) {
      return result(knobHover(file, item, line.knob));
    }
    if (item.keywordRange.start === range.start || item.title?.range.start === range.start) return result(sweepHover(file, item));
  }
  if (token.tokenType === NameToken) {
    const definition = definitionNamed(file, item, range) ?? referencedDefinition(file, range);
    return result(definition && definitionHover(file, definition, settingsView(), simulation));
  }
  // A definition's own keyword stands for the definition.
  if (item && (item.kind === 'scenario' || isDefinition(item)) && item.keywordRange.start === range.start) {
    if (item.kind === 'scenario') return result(scenarioHover(file, item, simulation));
    const definition = item.name && file.analysis.index.definitionsIn(file.key).find((d) => d.decl === item);
    if (definition) return result(definitionHover(file, definition, settingsView(), simulation));
  }
  if (scenario && token.tokenType === StringLiteral && scenario.title?.range.start === range.start) return result(scenarioHover(file, scenario, simulation));

  const block = propertyBlockAt(item, step, range);
  if (keyword && block) return result(propertyHover(keyword, block, settingsView()));
  if (scenario && step && step.kind !== 'settings') return result(stepHover({ file, scenario, step, token, keyword }, settingsView().values, simulation));
  if (keyword) return result(wordHover(keyword, { settings: settingsView().values }));
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
  if (!item || !isDefinition(item) || item.name?.range.start !== range.start) return undefined;
  return file.analysis.index.definitionsIn(file.key).find((d) => d.decl === item);
}

function referencedDefinition(file: FileView, range: ast.Range): DefinitionSymbol | undefined {
  const site = file.analysis.index.referencesIn(file.key).find((s) => s.range.start === range.start);
  if (!site) return undefined;
  // Prefer a candidate of the kind the place expects (a duplicate name may have several).
  return site.candidates.find((c) => EXPECTED_KINDS[site.role].includes(c.kind)) ?? site.candidates[0];
}

/** The kind of `key value` block the range lies in, if any. */
function propertyBlockAt(item: ast.Item | undefined, step: ast.Step | undefined, range: ast.Range): PropertyBlock | undefined {
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
      lines.push(`- capacity **${shownValue('capacity', target.capacity)}**${explicitProperty(decl, 'capacity') ? '' : ' (default)'}`);
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
        const figure =
          target?.kind === 'callmanager'
            ? `capacity ${shownValue('capacity', resolveTarget(target, view.values).capacity)}`
            : target
              ? `a ${KIND_WORDS[target.kind]}, not a callmanager`
              : 'not defined';
        lines.push(`${i + 1}. ${member.text} — ${figure}`);
      });
      parts.push(lines.length > 0 ? lines.join('\n') : 'No members.');
      const pools = [...index.allDefinitions()].filter(
        (d) =>
          d.decl.kind === 'pool' &&
          d.decl.properties.some((p) => p.key === 'group' && p.value?.text === definition.name) &&
          index.resolve(d.file, definition.name) === definition,
      );
      if (pools.length > 0) parts.push(`Used by ${pools.map((p) => `pool ${p.name}`).join(', ')}.`);
      break;
    }
    case 'pool': {
      const phones = lastValue(decl, 'phones');
      const chain = preferenceList(file.analysis.index, definition.file, decl).map((name) =>
        file.analysis.index.resolve(definition.file, name)?.kind === 'srst' ? `${name} (srst)` : name,
      );
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
  for (const property of pool.properties) if (property.key === key && property.value) value = property.value;
  return value;
}

function scenarioHover(file: FileView, scenario: ast.ScenarioDecl, simulation: SimulationSnapshot | undefined): string {
  const parts = [signature(`scenario ${JSON.stringify(scenario.title?.value ?? '')}`)];
  withDoc(parts, scenario.doc);
  const run = simulation?.runs.get(file.key)?.find((r) => r.scenario.range.start === scenario.range.start);
  if (run) parts.push(scenarioSummary(run));
  return parts.join('\n\n');
}

// ── sweeps ─────────────────────────────────────────────────────────────────────────────────────

/** A sweep: the scenario it runs and its runs, knob by knob; or what stops it. */
function sweepHover(file: FileView, sweep: ast.SweepDecl): string {
  const parts = [signature(`sweep ${JSON.stringify(sweep.title?.value ?? '')}`)];
  withDoc(parts, sweep.doc);
  const stop = file.analysis.stopOf(file.key, sweep);
  const spec = stop ? undefined : file.analysis.sweep(file.key, sweep);
  if (!spec) {
    parts.push(stop ? `Not run: ${stop.message}` : 'Not run: it has errors.');
    return parts.join('\n\n');
  }
  const show = (vary: SweepVary, value: number) => (vary.duration ? formatDuration(value) : String(value));
  const lines = spec.vary.map((vary) => {
    const { values } = vary;
    const listed =
      values.length <= 6
        ? values.map((v) => show(vary, v)).join(', ')
        : `${show(vary, values[0]!)}, ${show(vary, values[1]!)}, … ${show(vary, values[values.length - 1]!)}`;
    return `- ${vary.label}: ${listed} (${values.length} value${values.length === 1 ? '' : 's'})`;
  });
  const grid = spec.vary.length > 1 ? ` (${spec.vary.map((v) => v.values.length).join(' × ')}, the first knob outermost)` : '';
  parts.push(`Runs scenario ${JSON.stringify(spec.scenario)} **${spec.runs}** time${spec.runs === 1 ? '' : 's'}${grid}:\n${lines.join('\n')}`);
  return parts.join('\n\n');
}

/**
 * A knob: the value it starts from for the sweep's scenario (the one the scenario runs with) and
 * where that comes from: the default, a settings block, or a property written on the definition.
 */
function knobHover(file: FileView, sweep: ast.SweepDecl, knob: ast.Knob): string | undefined {
  const title = sweepScenarioLine(sweep)?.title?.value;
  const scenario = title === undefined ? undefined : scenarioTitled(file.unit.parsed.file, title);
  const view = effectiveSettings(file.analysis.program, file.key, scenario);
  const here = scenario ? `for scenario ${JSON.stringify(title)}` : 'here';
  if (knob.kind === 'setting') {
    const key = knob.key;
    const parts = [`**${key}** · setting knob`, PROPERTIES[key].hover];
    parts.push(`Now **${shownValue(key, view.values[key])}** ${here} (${sourceWords(view.sources[key], file)}).`);
    // A property written on a definition beats every settings block, the knob's values included.
    const overriding = file.analysis.index
      .visibleDefinitions(file.key, ['callmanager', 'srst', 'pool'])
      .filter((d) => (KNOBS[d.kind as 'callmanager' | 'srst' | 'pool'] as readonly string[]).includes(key) && explicitProperty(d.decl, key));
    if (overriding.length > 0)
      parts.push(
        `Not for ${overriding.map((d) => `${KIND_WORDS[d.kind]} ${d.name}`).join(', ')}: ${overriding.length === 1 ? 'it sets' : 'they set'} their own ${key}.`,
      );
    return parts.join('\n\n');
  }
  const key = knob.key;
  const definition = file.analysis.index.resolve(file.key, knob.name.text);
  if (!key || !definition || definition.kind === 'group') return undefined;
  if (!(KNOBS[definition.kind] as readonly string[]).includes(key)) return undefined;
  const entry: PropertyEntry = PROPERTIES[key];
  const parts = [`**${knob.name.text} ${key}** · ${KIND_WORDS[definition.kind]} property knob`, entry.places[definition.kind]?.hover ?? entry.hover];
  const written = writtenNumber(definition.decl, key);
  const where = definition.file === file.key ? 'in this file' : `in ${basename(definition.file)}`;
  if (written !== undefined) parts.push(`Now **${shownValue(key, written)}** (written on ${KIND_WORDS[definition.kind]} ${definition.name} ${where}).`);
  else if (isSettingKey(key)) parts.push(`Now **${shownValue(key, view.values[key])}** ${here} (${sourceWords(view.sources[key], file)}).`);
  else if (entry.default !== undefined) parts.push(`Now **${shownValue(key, entry.default)}** (default).`);
  return parts.join('\n\n');
}

/** The number a definition writes for `key` (the last one wins), in ms for times. */
function writtenNumber(decl: ast.Definition, key: string): number | undefined {
  if (decl.kind === 'group') return undefined;
  let value: number | undefined;
  for (const property of decl.properties as readonly ast.Property<string, unknown>[]) {
    if (property.key !== key) continue;
    const literal = property.value as ast.NumberLiteral | undefined;
    const number = literal?.kind === 'int' && !isDurationKey(key) ? literal.value : durationValue(literal);
    if (number !== undefined) value = number;
  }
  return value;
}

// ── settings and properties ────────────────────────────────────────────────────────────────────

/** A key in a `key value` block: its meaning, and for a setting its default and the value in effect. */
function propertyHover(key: string, block: PropertyBlock, view: View): string | undefined {
  if (!isPropertyKey(key)) return undefined;
  const entry: PropertyEntry = PROPERTIES[key];
  const header = `**${key}** · ${block === 'settings' ? 'setting' : `${block === 'srst' ? 'srst router' : block} property`}`;
  if (!isSettingKey(key)) return `${header}\n\n${entry.places[block]?.hover ?? entry.hover}`;
  const parts = [header, entry.hover, `Default **${shownValue(key, DEFAULT_SETTINGS[key])}**: ${entry.origin}.`];
  if (block === 'settings') parts.push(`In effect here: **${shownValue(key, view.values[key])}**.`);
  else
    parts.push(
      `Overrides every settings block for this ${block === 'pool' ? 'pool' : 'server'} (settings give **${shownValue(key, view.values[key])}** here).`,
    );
  return parts.join('\n\n');
}

// ── scenario steps ─────────────────────────────────────────────────────────────────────────────

/** The word under the cursor in a scenario step. */
interface StepPlace {
  readonly file: FileView;
  readonly scenario: ast.ScenarioDecl;
  readonly step: Exclude<ast.Step, ast.SettingsBlock>;
  readonly token: IToken;
  readonly keyword: string | undefined;
}

/** The word's meaning (an event's with when phones notice), then the step's simulated effect or result and the state at its time. */
function stepHover(place: StepPlace, settings: EffectiveSettings, simulation: SimulationSnapshot | undefined): string | undefined {
  const { file, scenario, step, token, keyword } = place;
  const index = scenario.steps.indexOf(step);
  const run = simulation?.runs.get(file.key)?.find((r) => r.scenario.range.start === scenario.range.start && r.scenario.title?.value === scenario.title?.value);
  const parts: string[] = [];
  const at = 'at' in step ? durationValue(step.at) : undefined;
  // On `at` of a simulated step the state says more than the word's definition.
  if (keyword && isStepWord(keyword) && !(keyword === 'at' && run)) {
    const doc = wordHover(keyword, { settings, at: step.kind === 'event' && step.actionRange.start === token.startOffset ? at : undefined });
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
    else if (!simulation && !file.analysis.stopOf(file.key, scenario))
      parts.push(`*The state at ${formatDuration(at)} shows once the scenario "${scenario.title?.value ?? ''}" is simulated.*`);
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
