// Effective settings (LANGUAGE.md, "settings"): built-in defaults ← top-level settings of imported
// files in import order ← the file's own ← the scenario's blocks; a property on a callmanager,
// srst router or pool beats them all. Also turns a scenario into the simulator's plain input.
import type { Count, NumberLiteral, PoolDecl, ScenarioDecl, SettingsBlock } from '../syntax/ast';
import { DEFAULT_SETTINGS, isDurationKey, PROPERTIES, type PropertyKey, type SettingValues } from '../syntax/vocabulary';
import type { SimCount, SimEvent, SimExpectation, SimPool, SimScenario, SimTarget } from '../simulation/model';
import type { Program } from './program';
import type { DefinitionSymbol, SymbolIndex } from './symbols';

/** The value of every setting for a file or a scenario (durations in ms); defaults are in vocabulary.ts. */
export type EffectiveSettings = SettingValues;

/** Where each effective value came from, for hovers and inlay hints. */
export type SettingSource = { readonly kind: 'default' } | { readonly kind: 'settings'; readonly file: string; readonly block: SettingsBlock };

/** The numeric value of a literal where a duration or an integer is expected (bare 0 is a duration). */
function numericValue(literal: NumberLiteral | undefined): number | undefined {
  if (!literal) return undefined;
  switch (literal.kind) {
    case 'int':
      return literal.value;
    case 'duration':
      return literal.ms;
    default:
      return undefined;
  }
}

export function durationValue(literal: NumberLiteral | undefined): number | undefined {
  if (!literal) return undefined;
  if (literal.kind === 'duration') return literal.ms;
  if (literal.kind === 'int' && literal.value === 0) return 0;
  return undefined;
}

function applyBlock(values: Record<string, number>, sources: Record<string, SettingSource>, file: string, block: SettingsBlock): void {
  for (const entry of block.entries) {
    const value = isDurationKey(entry.key) ? durationValue(entry.value) : entry.value?.kind === 'int' ? entry.value.value : undefined;
    if (value === undefined) continue;
    values[entry.key] = value;
    sources[entry.key] = { kind: 'settings', file, block };
  }
}

/** Settings of a file's top level, or of a scenario in it when `scenario` is given. */
export function effectiveSettings(
  program: Program,
  file: string,
  scenario?: ScenarioDecl,
): { values: EffectiveSettings; sources: Record<keyof EffectiveSettings, SettingSource> } {
  const values: Record<string, number> = { ...DEFAULT_SETTINGS };
  const sources: Record<string, SettingSource> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS)) sources[key] = { kind: 'default' };
  for (const visible of program.visibleFiles(file)) {
    const unit = program.unit(visible);
    for (const item of unit?.parsed.file.items ?? []) if (item.kind === 'settings') applyBlock(values, sources, visible, item);
  }
  for (const step of scenario?.steps ?? []) if (step.kind === 'settings') applyBlock(values, sources, file, step);
  return { values: values as unknown as EffectiveSettings, sources: sources };
}

function propertyNumber(decl: DefinitionSymbol['decl'], key: string): number | undefined {
  if (decl.kind === 'group') return undefined;
  let result: number | undefined;
  for (const property of decl.properties as readonly { key: string; value?: unknown }[]) {
    if (property.key !== key) continue;
    const literal = property.value as NumberLiteral | undefined;
    const value = isDurationKey(key) ? durationValue(literal) : literal?.kind === 'int' ? literal.value : undefined;
    if (value !== undefined) result = value; // the last one wins
  }
  return result;
}

/**
 * What a sweep's run (or the advisor's) changes in a scenario (LANGUAGE.md, "Sweeps"): settings act
 * as if written last in the scenario's own `settings`, so a property written on a definition still
 * beats them; `properties` (by definition name) set a property whether or not the text writes it.
 */
export interface SimOverrides {
  readonly settings?: Partial<SettingValues>;
  readonly properties?: ReadonlyMap<string, Partial<Record<PropertyKey, number>>>;
}

/** A property's value for the run: the override, else the last one written on the definition. */
function definitionNumber(definition: DefinitionSymbol, key: PropertyKey, overrides: SimOverrides | undefined): number | undefined {
  return overrides?.properties?.get(definition.name)?.[key] ?? propertyNumber(definition.decl, key);
}

export function resolveTarget(definition: DefinitionSymbol, settings: EffectiveSettings, overrides?: SimOverrides): SimTarget {
  return {
    name: definition.name,
    kind: definition.kind === 'srst' ? 'srst' : 'callmanager',
    capacity: definitionNumber(definition, 'capacity', overrides) ?? PROPERTIES.capacity.default,
    registrationRate: definitionNumber(definition, 'registration-rate', overrides) ?? settings['registration-rate'],
    fallbackQueueDepth: definitionNumber(definition, 'fallback-queue-depth', overrides) ?? settings['fallback-queue-depth'],
  };
}

/** The pool's preference list: its group's members in order, then its srst router. */
export function preferenceList(index: SymbolIndex, file: string, pool: PoolDecl): string[] {
  const list: string[] = [];
  let groupName: string | undefined;
  let srstName: string | undefined;
  for (const property of pool.properties) {
    if (property.key === 'group' && property.value) groupName = property.value.text;
    if (property.key === 'srst' && property.value) srstName = property.value.text;
  }
  const group = groupName ? index.resolve(file, groupName) : undefined;
  if (group?.decl.kind === 'group') {
    const groupFile = group.file;
    for (const member of group.decl.members) {
      const target = index.resolve(groupFile, member.text);
      if (target?.kind === 'callmanager' && !list.includes(member.text)) list.push(member.text);
    }
  }
  if (srstName && index.resolve(file, srstName)?.kind === 'srst') list.push(srstName);
  return list;
}

export function resolvePool(index: SymbolIndex, definition: DefinitionSymbol, settings: EffectiveSettings, overrides?: SimOverrides): SimPool {
  const decl = definition.decl as PoolDecl;
  return {
    name: definition.name,
    // The run's phones: `all`, `none` and percents (in calls and expectations) are taken of this
    // figure by the engine (simulation/expectations.ts `resolveCount`), so a `phones` knob reaches them.
    phones: definitionNumber(definition, 'phones', overrides) ?? 0,
    preference: preferenceList(index, definition.file, decl),
    connectionMonitorMs: definitionNumber(definition, 'connection-monitor', overrides) ?? settings['connection-monitor'],
  };
}

function simCount(count: Count | undefined): SimCount {
  if (!count || count.kind === 'all') return { kind: 'all' };
  if (count.kind === 'none') return { kind: 'none' };
  if (count.kind === 'percent') return { kind: 'percent', value: count.value };
  // `0` counts as `none` does, and is shown as written.
  if (count.kind === 'int') return { kind: 'number', value: count.value };
  return { kind: 'none' };
}

/**
 * The simulator's input for one scenario of `file`, with a sweep run's knobs when `overrides` are
 * given. Call only for files without errors: names are assumed resolved and values valid. Event
 * and expectation `ref`s are indexes into `scenario.steps`.
 */
export function buildSimScenario(program: Program, index: SymbolIndex, file: string, scenario: ScenarioDecl, overrides?: SimOverrides): SimScenario {
  const written = effectiveSettings(program, file, scenario).values;
  const values: EffectiveSettings = overrides?.settings ? { ...written, ...overrides.settings } : written;
  const definitions = index.visibleDefinitions(file);
  const targets = definitions.filter((d) => d.kind === 'callmanager' || d.kind === 'srst').map((d) => resolveTarget(d, values, overrides));
  const pools = definitions.filter((d) => d.kind === 'pool').map((d) => resolvePool(index, d, values, overrides));
  const events: SimEvent[] = [];
  const expectations: SimExpectation[] = [];
  scenario.steps.forEach((step, ref) => {
    switch (step.kind) {
      case 'event': {
        const at = durationValue(step.at) ?? 0;
        const subject = step.subject?.text ?? '';
        if (step.action === 'calls') {
          events.push({ ref, at, kind: 'calls', pool: subject, count: simCount(step.count), durationMs: durationValue(step.lasting) ?? 0 });
        } else if (step.action === 'isolate' || step.action === 'reconnect' || step.action === 'reset') {
          events.push({ ref, at, kind: step.action, pool: subject });
        } else {
          events.push({ ref, at, kind: step.action, target: subject });
        }
        break;
      }
      case 'expect-on':
        expectations.push({
          ref,
          kind: 'on',
          at: durationValue(step.at) ?? 0,
          pool: step.pool?.text ?? '',
          target: step.target && 'text' in step.target ? step.target.text : 'unregistered',
          comparison: step.comparison?.op ?? '==',
          count: step.comparison ? simCount(step.count) : { kind: 'all' },
        });
        break;
      case 'expect-outage':
        expectations.push({ ref, kind: 'outage', pool: step.pool?.text ?? '', comparison: step.comparison?.op ?? '<=', ms: durationValue(step.value) ?? 0 });
        break;
      case 'expect-peak':
        expectations.push({
          ref,
          kind: 'peak',
          target: step.target?.text ?? '',
          comparison: step.comparison?.op ?? '<=',
          value: numericValue(step.value) ?? 0,
        });
        break;
      case 'expect-settled':
        expectations.push({ ref, kind: 'settled', by: durationValue(step.by) ?? 0 });
        break;
      case 'settings':
        break;
    }
  });
  return {
    name: scenario.title?.value ?? '',
    targets,
    pools,
    settings: {
      keepaliveMs: values.keepalive,
      missedKeepalives: values['missed-keepalives'],
      tcpRetryMs: values['tcp-retry'],
      resetTimeMs: values['reset-time'],
    },
    events,
    expectations,
  };
}
