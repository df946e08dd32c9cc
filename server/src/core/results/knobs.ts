// What sweeps and the advisor vary (PRODUCT.md, "Answers, not only figures"): a knob's words, the
// overrides a run applies for it, which way is "economical", and the advisor's default range.
import { formatDuration } from '../durations';
import { isDurationKey, isSettingKey, KNOBS, outOfRange, PROPERTIES, type PropertyKey } from '../syntax/vocabulary';
import type { SymbolIndex } from '../workspace/symbols';
import type { SimOverrides } from '../workspace/settings';
import type { SweepKnob } from '../workspace/sweeps';
import { closest } from '../text/closest';

/** `smallest`: the least hardware or queue that passes; `largest`: the most headroom, the laxest timer. */
export type Direction = 'smallest' | 'largest';

/** The words a knob is written with in a sweep: `fallback-queue-depth`, `CM2 capacity`. */
export function knobLabel(knob: SweepKnob): string {
  return knob.kind === 'setting' ? knob.key : `${knob.name} ${knob.key}`;
}

export function knobIsDuration(knob: SweepKnob): boolean {
  return isDurationKey(knob.key);
}

/** A knob's value as the file writes it: `45s`, `1500`. */
export function knobValueText(knob: SweepKnob, value: number): string {
  return knobIsDuration(knob) ? formatDuration(value) : String(value);
}

/** capacity, registration-rate, fallback-queue-depth: the smallest; phones and the timers: the largest. */
export function knobDirection(knob: SweepKnob): Direction {
  return knob.key === 'capacity' || knob.key === 'registration-rate' || knob.key === 'fallback-queue-depth' ? 'smallest' : 'largest';
}

/** The overrides of one run: each knob set to its value (settings as if written last in the scenario's own `settings`). */
export function knobOverrides(knobs: readonly SweepKnob[], values: readonly number[]): SimOverrides {
  const settings: Record<string, number> = {};
  const properties = new Map<string, Partial<Record<PropertyKey, number>>>();
  knobs.forEach((knob, i) => {
    const value = values[i];
    if (value === undefined) return;
    if (knob.kind === 'setting') settings[knob.key] = value;
    else properties.set(knob.name, { ...properties.get(knob.name), [knob.key]: value });
  });
  return { settings, properties };
}

/** What an advisor's range needs to know of the workspace: the current effective value and the phones in all. */
export interface KnobContext {
  readonly current: number;
  readonly totalPhones: number;
}

/** The step of the advisor's search: 1 for counts, one second for times. */
export function knobUnit(knob: SweepKnob): number {
  return knobIsDuration(knob) ? 1000 : 1;
}

/**
 * The advisor's range when `--from`/`--to` are not given (documented in docs/advise.md). Counts
 * start at 1. Capacity and the queue depth need never exceed every phone of the cluster; a rate,
 * 1000/s; phones may grow to four times the pool. Timers span what a cluster would plausibly set.
 */
export function defaultAdviceRange(knob: SweepKnob, context: KnobContext): { from: number; to: number } {
  const current = Number.isFinite(context.current) ? context.current : 0;
  switch (knob.key) {
    case 'capacity':
    case 'fallback-queue-depth':
      return { from: 1, to: Math.max(1, context.totalPhones, current) };
    case 'registration-rate':
      return { from: 1, to: Math.max(1000, current) };
    case 'phones':
      return { from: 1, to: Math.min(PROPERTIES.phones.range.max, Math.max(1, current * 4)) };
    case 'missed-keepalives':
      return { from: PROPERTIES['missed-keepalives'].range.min, to: PROPERTIES['missed-keepalives'].range.max };
    case 'keepalive':
      return { from: 1_000, to: 600_000 };
    case 'tcp-retry':
      return { from: 0, to: PROPERTIES['tcp-retry'].range.max };
    case 'connection-monitor':
      return { from: 0, to: 1_800_000 };
    case 'reset-time':
      return { from: 0, to: 600_000 };
    default:
      return { from: 1, to: Math.max(1, current) };
  }
}

/** Why a value cannot be given to the knob (its `invalid-value` range), if it cannot. */
export function knobValueProblem(knob: SweepKnob, value: number): string | undefined {
  return outOfRange(knob.key, value);
}

/** A knob as the advisor's `--tune` writes it, resolved against the definitions visible from `file`. */
export type ParsedKnob = { readonly knob: SweepKnob } | { readonly problem: string };

const SETTING_KNOBS: readonly string[] = KNOBS.settings;

/**
 * `fallback-queue-depth` (a setting), `CM2.capacity` (split at the last dot: names may contain
 * dots) or `CM2 capacity` (the file's own form). A problem is one sentence, with the closest
 * candidate when there is one.
 */
export function parseKnob(text: string, index: SymbolIndex, file: string): ParsedKnob {
  const written = text.trim();
  if (isSettingKey(written)) return { knob: { kind: 'setting', key: written } };
  const space = /\s+/.exec(written);
  const dot = written.lastIndexOf('.');
  const [name, key] =
    space && space.index > 0
      ? [written.slice(0, space.index), written.slice(space.index + space[0].length)]
      : dot > 0
        ? [written.slice(0, dot), written.slice(dot + 1)]
        : [undefined, written];
  const definitions = index.visibleDefinitions(file).filter((d) => d.kind !== 'group');
  if (name === undefined) {
    const propertyForms = definitions.flatMap((d) => (KNOBS[d.kind as 'callmanager' | 'srst' | 'pool'] as readonly string[]).map((k) => `${d.name}.${k}`));
    const suggestion = closest(written, [...SETTING_KNOBS, ...propertyForms]);
    return {
      problem: `unknown knob \`${written}\`${suggestion ? `: did you mean \`${suggestion}\`?` : ''} (a setting such as fallback-queue-depth, or NAME.PROPERTY such as CM2.capacity)`,
    };
  }
  const definition = index.resolve(file, name);
  if (!definition || definition.kind === 'group') {
    const suggestion = closest(
      name,
      definitions.map((d) => d.name),
    );
    const what = definition ? `\`${name}\` is a group, which has no knob` : `no callmanager, srst router or pool named \`${name}\``;
    return { problem: `${what}${suggestion ? `: did you mean \`${suggestion}.${key}\`?` : ''}` };
  }
  const kind = definition.kind;
  const keys: readonly string[] = KNOBS[kind];
  if (!keys.includes(key)) {
    const suggestion = closest(key, keys);
    const kindWords = kind === 'srst' ? 'srst router' : kind;
    return {
      problem: `${kindWords} \`${name}\` has no knob \`${key}\`${suggestion ? `: did you mean \`${name}.${suggestion}\`?` : ''} (it has ${keys.join(', ')})`,
    };
  }
  return { knob: { kind: 'property', name: definition.name, key: key as Extract<SweepKnob, { kind: 'property' }>['key'] } };
}
