// The language's vocabulary in one place: every property and setting keyword (where it may appear,
// its value kind, default, range and meaning) and the words of items and scenario steps with their
// texts. The parser, completion contexts, validation, settings resolution, hover, completion and
// the outline all read these tables: a new property is one entry in PROPERTIES (and its lexer token
// in tokens.ts). Plain data and pure functions, like the rest of core/syntax.
import { formatDuration } from '../durations';

/** The blocks of `key value` lines: `settings` (top level or in a scenario) and three definitions. */
export type PropertyBlock = 'settings' | 'callmanager' | 'srst' | 'pool';
export const PROPERTY_BLOCKS: readonly PropertyBlock[] = ['settings', 'callmanager', 'srst', 'pool'];

/** What a key says of one block it may appear in. */
interface PropertyPlace {
  /** Completion's one-line detail; `{default}` stands for the default as a hover shows it (`30s`, `100/s`). */
  readonly detail: string;
  /** Hover's text for the key in this block, where it differs from the entry's `hover`. */
  readonly hover?: string;
  /** Set when the block needs the key (`missing-property`): what the key gives, in a few words. */
  readonly required?: string;
}

export interface PropertyEntry {
  /** A duration (`30s`, or a bare `0`), a whole number, or the name of a definition of kind `names`. */
  readonly value: 'duration' | 'count' | 'name';
  readonly names?: 'group' | 'srst';
  /** Written after the figure where a hover shows it (`100/s`). */
  readonly unit?: string;
  /** The built-in value (SIMULATION.md; durations in ms). Every setting has one; Infinity is unlimited. */
  readonly default?: number;
  /**
   * LANGUAGE.md's `invalid-value` range, bounds included (durations in ms); `grouped` shows its
   * figures with thousands separators. See `outOfRange` for the messages.
   */
  readonly range?: { readonly min?: number; readonly max?: number; readonly grouped?: boolean };
  /** Hover: what the key means. */
  readonly hover: string;
  /** Hover, for a setting: where its default comes from (SIMULATION.md). */
  readonly origin?: string;
  /** The blocks the key may appear in. */
  readonly places: { readonly [B in PropertyBlock]?: PropertyPlace };
}

/**
 * Every `key value` keyword. The order of the entries is the order in which each block's keys are
 * offered by completion and listed by messages (`use capacity, registration-rate, …`).
 */
export const PROPERTIES = {
  keepalive: {
    value: 'duration',
    default: 30_000,
    range: { min: 1_000 },
    hover:
      "StationKeepAliveInterval (K): the period of each phone's keepalive ticks, when it notices failures, a better server to fall back to, or a chance to register after a refusal.",
    origin: 'StationKeepAliveInterval default (Cisco SRST admin guide)',
    places: { settings: { detail: 'StationKeepAliveInterval · default {default}' } },
  },
  'missed-keepalives': {
    value: 'count',
    default: 3,
    range: { min: 1, max: 10 },
    hover: 'Keepalives a phone misses before it gives up on a hung server: a `hang` is noticed (missed-keepalives − 1) × K after the first tick.',
    origin: '"typically three times the keepalive period" to notice a failure (Cisco SRST admin guide)',
    places: { settings: { detail: 'keepalives missed before a hang is noticed · default {default}' } },
  },
  'tcp-retry': {
    value: 'duration',
    default: 25_000,
    range: { max: 300_000 },
    hover: 'How long a phone retries TCP after its first unanswered keepalive: a `crash` (or an `isolate`) is noticed tcp-retry after the first tick.',
    origin: 'phones retry TCP for 20–25 s after the first unanswered keepalive (Cisco Press, *Voice Gateways and Gatekeepers*)',
    places: { settings: { detail: 'TCP retry after a crash · default {default}' } },
  },
  capacity: {
    value: 'count',
    default: Infinity,
    range: { min: 1 },
    hover: 'Registered plus waiting phones this server takes; when it is full, phones pass it over like a down server. Default: unlimited.',
    places: {
      callmanager: { detail: 'registered phones it takes · default {default}' },
      srst: {
        detail: 'registered phones it takes · default {default}',
        hover: 'Registered plus waiting phones this router takes; when it is full, phones pass it over like a down server. Default: unlimited.',
      },
    },
  },
  'registration-rate': {
    value: 'count',
    unit: '/s',
    default: 100,
    range: { min: 1 },
    hover:
      'Registrations per second a server handles, one at a time (each takes 1000 / rate ms). In a settings block it is the default of callmanagers and srst routers alike.',
    origin: 'about 100 registrations per second per server (CallManager 3.x design guide)',
    places: {
      settings: { detail: 'default rate of callmanagers and srst routers · {default}' },
      callmanager: { detail: 'registrations per second for this server (overrides settings)' },
      srst: { detail: 'registrations per second for this server (overrides settings)' },
    },
  },
  'fallback-queue-depth': {
    value: 'count',
    default: 10,
    range: { min: 1 },
    hover:
      'MaxPhonesFallBackQueueDepth (Q): how many phones may fall back to a callmanager at once; the others try again at their next tick. Concerns callmanagers only.',
    origin: "the model's default for MaxPhonesFallBackQueueDepth; set your cluster's value",
    places: {
      settings: { detail: 'MaxPhonesFallBackQueueDepth · default {default}' },
      callmanager: { detail: 'MaxPhonesFallBackQueueDepth for this server (overrides settings)' },
    },
  },
  group: {
    value: 'name',
    names: 'group',
    hover: "The pool's CallManager group (required): its members, in order, are the phones' preference list.",
    places: { pool: { detail: 'the CallManager group (required)', required: 'the CallManager group its phones register with' } },
  },
  srst: {
    value: 'name',
    names: 'srst',
    hover: "The pool's SRST router: the last entry of its preference list, taking the phones when no CallManager of the group is available or has room.",
    places: { pool: { detail: 'the SRST router, last in the preference list' } },
  },
  phones: {
    value: 'count',
    range: { min: 1, max: 10_000_000, grouped: true },
    hover: 'How many identical phones the pool has (required, 1 to 10,000,000).',
    places: { pool: { detail: 'how many phones (required)', required: 'how many phones it has (e.g. phones 1200)' } },
  },
  'connection-monitor': {
    value: 'duration',
    default: 120_000,
    hover: 'Connection Monitor Duration: how long a CallManager must have been available without a break before phones leave an SRST router for it.',
    origin: 'Connection Monitor Duration: wait before leaving SRST (Cisco Press)',
    places: {
      settings: { detail: 'wait before leaving SRST · default {default}' },
      pool: { detail: 'wait before leaving SRST, for this pool (overrides settings)' },
    },
  },
  'reset-time': {
    value: 'duration',
    default: 60_000,
    hover: 'Boot time of a reset phone before it registers again.',
    origin: 'model assumption: boot time of a reset phone before it registers',
    places: { settings: { detail: 'boot time of a reset phone · default {default}' } },
  },
} as const satisfies Record<string, PropertyEntry>;

export type PropertyKey = keyof typeof PROPERTIES;

/** The keys that may appear in block `B`. */
export type PropertyKeyIn<B extends PropertyBlock> = {
  [K in PropertyKey]: B extends keyof (typeof PROPERTIES)[K]['places'] ? K : never;
}[PropertyKey];

export type SettingKey = PropertyKeyIn<'settings'>;

/** A value for every setting (effective settings, defaults); durations in ms. */
export type SettingValues = { readonly [K in SettingKey]: number };

const entries = Object.entries(PROPERTIES) as [PropertyKey, PropertyEntry][];
const keysWhere = (test: (entry: PropertyEntry) => boolean): PropertyKey[] => entries.filter(([, entry]) => test(entry)).map(([key]) => key);

/** Each block's keys, in the table's order. */
export const PROPERTY_KEYS = Object.fromEntries(
  PROPERTY_BLOCKS.map((block) => [block, keysWhere((entry) => entry.places[block] !== undefined)]),
) as unknown as {
  readonly [B in PropertyBlock]: readonly PropertyKeyIn<B>[];
};

export const SETTING_KEYS: readonly SettingKey[] = PROPERTY_KEYS.settings;

/** The settings' built-in values, in the table's order. */
export const DEFAULT_SETTINGS = Object.fromEntries(SETTING_KEYS.map((key) => [key, PROPERTIES[key].default])) as SettingValues;

/**
 * What a sweep may vary (LANGUAGE.md, "Sweeps"): in `settings` every setting, in a definition
 * every property whose value is a number (a count or a duration), never a name.
 */
export const KNOBS = Object.fromEntries(
  PROPERTY_BLOCKS.map((block) => [block, PROPERTY_KEYS[block].filter((key) => PROPERTIES[key].value !== 'name')]),
) as unknown as {
  readonly [B in PropertyBlock]: readonly PropertyKeyIn<B>[];
};

/** The keys each block needs (`missing-property`), with what each gives. */
export const REQUIRED_KEYS = Object.fromEntries(
  PROPERTY_BLOCKS.map((block) => [
    block,
    entries.flatMap(([key, entry]) => (entry.places[block]?.required ? [{ key, gives: entry.places[block].required }] : [])),
  ]),
) as unknown as { readonly [B in PropertyBlock]: readonly { readonly key: PropertyKeyIn<B>; readonly gives: string }[] };

export function isPropertyKey(word: string): word is PropertyKey {
  return Object.prototype.hasOwnProperty.call(PROPERTIES, word);
}

export function isSettingKey(key: string): key is SettingKey {
  return isPropertyKey(key) && (PROPERTIES[key] as PropertyEntry).places.settings !== undefined;
}

/** Whether `key`'s value is a duration (whatever the block, even one the key does not belong to). */
export function isDurationKey(key: string): boolean {
  return isPropertyKey(key) && PROPERTIES[key].value === 'duration';
}

/** Whether `key`'s value is a name. */
export function isNameKey(key: string): boolean {
  return isPropertyKey(key) && PROPERTIES[key].value === 'name';
}

/** The kind of definition `key` names in `block`, if it names one there (`group` and `srst` in a pool). */
export function namedKind(block: PropertyBlock, key: string): 'group' | 'srst' | undefined {
  if (!isPropertyKey(key)) return undefined;
  const entry: PropertyEntry = PROPERTIES[key];
  return entry.places[block] ? entry.names : undefined;
}

/** A value of `key` as it is written in the language: `30s`, `3`. */
export function writtenValue(key: PropertyKey, value: number): string {
  return PROPERTIES[key].value === 'duration' ? formatDuration(value) : String(value);
}

/** A value of `key` as hovers and completion show it: `30s`, `100/s`, `unlimited` (where that is the default). */
export function shownValue(key: PropertyKey, value: number): string {
  const entry: PropertyEntry = PROPERTIES[key];
  if (value === Infinity && entry.default === Infinity) return 'unlimited';
  return entry.value === 'duration' ? formatDuration(value) : `${value}${entry.unit ?? ''}`;
}

/** Completion's detail of `key` in `block`, if the key belongs there. */
export function propertyDetail(block: PropertyBlock, key: PropertyKey): string | undefined {
  const entry: PropertyEntry = PROPERTIES[key];
  const detail = entry.places[block]?.detail;
  return detail && entry.default !== undefined ? detail.replace('{default}', shownValue(key, entry.default)) : detail;
}

/**
 * Why `value` is outside `key`'s range (LANGUAGE.md's `invalid-value` row, durations in ms), as
 * `keepalive must be at least 1s (it is 500ms)`; undefined when it is in range or has none.
 */
export function outOfRange(key: string, value: number): string | undefined {
  if (!isPropertyKey(key)) return undefined;
  const entry: PropertyEntry = PROPERTIES[key];
  const range = entry.range;
  if (!range) return undefined;
  const show = (n: number) => (entry.value === 'duration' ? formatDuration(n) : range.grouped ? n.toLocaleString('en-US') : String(n));
  const { min, max } = range;
  if (min !== undefined && max !== undefined)
    return value < min || value > max ? `${key} must be from ${show(min)} to ${show(max)} (it is ${show(value)})` : undefined;
  if (min !== undefined) return value < min ? `${key} must be at least ${show(min)} (it is ${show(value)})` : undefined;
  if (max !== undefined) return value > max ? `${key} must be at most ${show(max)} (it is ${show(value)})` : undefined;
  return undefined;
}

// ── the other words ─────────────────────────────────────────────────────────────────────────────

/** What a word's hover may mention: the settings in effect and, on an event, its time. */
export interface WordFigures {
  readonly settings: SettingValues;
  readonly at?: number;
}

interface WordEntry {
  /**
   * `item` starts a top-level item; `event` follows `at TIME`; `step` is any other word of a scenario
   * step; `sweep` a word of a sweep's lines (`vary`, `from`, `to`, `step`).
   */
  readonly role: 'item' | 'event' | 'step' | 'sweep';
  /** Completion's one-line detail. */
  readonly detail: string;
  /** Hover's markdown (SIMULATION.md, "Events", for the events' detection windows). */
  readonly hover: string | ((figures: WordFigures) => string);
}

/** When phones notice, given a time: `Here: between … and …` after their first tick plus `delay`. */
function noticeWindow(figures: WordFigures, delay: number): string {
  const { at } = figures;
  const K = figures.settings.keepalive;
  return at === undefined
    ? ''
    : ` Here: between ${formatDuration(at + delay)} and ${formatDuration(at + delay + K)} (each phone at its first tick from ${formatDuration(at)}, plus ${formatDuration(delay)}).`;
}

/** Every keyword that is not a property key, in the order completion offers each role's words. */
export const WORDS = {
  import: {
    role: 'item',
    detail: 'make another file’s definitions visible',
    hover: '**import** "FILE" — makes the definitions of another file (and of what it imports) visible. Its scenarios are not run by the importer.',
  },
  settings: {
    role: 'item',
    detail: 'service parameters',
    hover:
      "**settings** — service parameters. Built-in defaults ← imported files' settings ← this file's ← the scenario's; a property on a callmanager, srst router or pool beats them all.",
  },
  callmanager: { role: 'item', detail: 'a server that registers phones', hover: '**callmanager** — a server that registers phones.' },
  srst: {
    role: 'item',
    detail: 'an SRST router: a pool’s last resort',
    hover: "**srst** — a Survivable Remote Site Telephony router: the last entry of a pool's preference list.",
  },
  group: {
    role: 'item',
    detail: 'a CallManager group: one to three CallManagers in order',
    hover: '**group** — a CallManager group: one to three CallManagers in priority order.',
  },
  pool: {
    role: 'item',
    detail: 'a device pool: phones, a group, an optional srst router',
    hover: '**pool** — a device pool: phones, a CallManager group and an optional srst router.',
  },
  scenario: {
    role: 'item',
    detail: 'a timeline of events and expectations',
    hover: '**scenario** — a timeline of events and expectations that the simulator checks.',
  },
  sweep: {
    role: 'item',
    detail: 'run one scenario over a range of values of one or two knobs',
    hover:
      '**sweep** — runs one scenario of this file once for every value (or pair of values) of one or two knobs: `scenario "TITLE"`, then `vary KNOB from A to B step S` (at most two, at most 1,000 runs).',
  },
  stop: {
    role: 'event',
    detail: 'the server shuts down: phones notice at once',
    hover: ({ at }) =>
      `**stop** — a clean shutdown. The target is down from this time; its phones lose their registration and notice at once (the TCP connection is closed), so each asks for its next target in the same millisecond.${at === undefined ? '' : ` Here: at ${formatDuration(at)}.`}`,
  },
  crash: {
    role: 'event',
    detail: 'the server dies silently: phones notice after their keepalive and the TCP retry',
    hover: (figures) => {
      const { keepalive, 'tcp-retry': tcp } = figures.settings;
      return `**crash** — the target dies silently. Its phones are out of service from this time but notice only at their first keepalive tick at or after it plus tcp-retry (${formatDuration(tcp)}, keepalive ${formatDuration(keepalive)}).${noticeWindow(figures, tcp)} A phone in a call acts when the call ends.`;
    },
  },
  hang: {
    role: 'event',
    detail: 'the server stops answering: phones notice after missed keepalives',
    hover: (figures) => {
      const { keepalive, 'missed-keepalives': missed } = figures.settings;
      const wait = (missed - 1) * keepalive;
      return `**hang** — the target stops answering. Its phones are out of service from this time but notice only (missed-keepalives − 1) × keepalive after their first tick at or after it (${missed - 1} × ${formatDuration(keepalive)} = ${formatDuration(wait)}).${noticeWindow(figures, wait)} A phone in a call acts when the call ends.`;
    },
  },
  recover: {
    role: 'event',
    detail: 'the server is up again: phones fall back at their ticks',
    hover:
      '**recover** — the target is up again, its registration queue empty. Nothing moves at once: each phone falls back at its next keepalive tick when the target comes first in its preference list (from an srst router only after connection-monitor without a break), at most fallback-queue-depth phones at a time.',
  },
  isolate: {
    role: 'event',
    detail: 'cut the pool off from every CallManager (WAN down)',
    hover: (figures) => {
      const tcp = figures.settings['tcp-retry'];
      return `**isolate** — the pool's WAN link is cut: no CallManager is available to its phones; srst routers still are. Phones registered with a CallManager lose it at once and notice as for a crash (first tick + tcp-retry ${formatDuration(tcp)}).${noticeWindow(figures, tcp)}`;
    },
  },
  reconnect: {
    role: 'event',
    detail: 'end a pool’s isolation',
    hover: ({ settings }) =>
      `**reconnect** — ends the pool's isolation. Phones out of service ask at their next tick; phones on an srst router go back once the CallManager has been available for the pool's connection-monitor (${formatDuration(settings['connection-monitor'])} by the settings).`,
  },
  reset: {
    role: 'event',
    detail: 'reset every phone of the pool',
    hover: ({ settings }) =>
      `**reset** — each idle phone of the pool unregisters at once and asks for its best target after reset-time (${formatDuration(settings['reset-time'])}); a phone in a call resets when its call ends.`,
  },
  calls: {
    role: 'event',
    detail: 'place calls: calls POOL COUNT lasting DURATION',
    hover:
      "**calls** POOL COUNT lasting DURATION — the first COUNT phones of the pool that are in service and idle start a call. A phone in a call does not fail over or fall back: it acts when the call ends (a preserved call). A percent is of the pool's size, rounded down.",
  },
  at: {
    role: 'step',
    detail: 'an event or a count expectation at a time',
    hover: "**at** TIME — the time since the scenario's start of an event, or of a count expectation (checked after everything at that time).",
  },
  expect: {
    role: 'step',
    detail: 'an outage, peak or settled expectation',
    hover:
      '**expect** — an expectation the simulation checks: `at T expect POOL on TARGET [CMP COUNT]` (no comparison means == all), `expect outage POOL CMP DURATION`, `expect peak TARGET CMP N`, `expect settled by T`.',
  },
  lasting: { role: 'step', detail: 'how long the calls last', hover: '**lasting** — how long the calls last.' },
  outage: {
    role: 'step',
    detail: 'the longest out-of-service stretch of a pool’s phones',
    hover: '**outage** — the longest single out-of-service stretch of any phone of the pool, not counting time in a preserved call.',
  },
  peak: {
    role: 'step',
    detail: 'the most phones registered with a target',
    hover: '**peak** — the most phones registered with the target at the end of any millisecond.',
  },
  settled: { role: 'step', detail: 'the last time any count changed', hover: '**settled** — the last time any count changed.' },
  by: { role: 'step', detail: 'expect settled by TIME', hover: '**by** — `expect settled by T` holds when the last change is at or before T.' },
  on: {
    role: 'step',
    detail: 'the target to count: a callmanager, srst router or unregistered',
    hover: '**on** — the target whose phones are counted: a callmanager, an srst router or `unregistered`.',
  },
  unregistered: {
    role: 'step',
    detail: 'phones out of service',
    hover: '**unregistered** — phones out of service: not registered with a target available to them, including phones in a preserved call.',
  },
  vary: {
    role: 'sweep',
    detail: 'a knob and its values: vary KNOB from A to B step S',
    hover:
      '**vary** KNOB from A to B (step S) — the values of a knob: a setting (`fallback-queue-depth`) or a property of a definition (`CM2 capacity`), from A up to B in steps of S (1 for counts; required for times).',
  },
  from: { role: 'sweep', detail: 'the first value', hover: "**from** — the knob's first value." },
  to: {
    role: 'sweep',
    detail: 'the last value (included when a step lands on it)',
    hover: "**to** — the knob's last value: values go up to and including the last one ≤ it.",
  },
  step: {
    role: 'sweep',
    detail: 'the step between values (1 by default for counts)',
    hover: '**step** — the step between values, above 0: 1 by default for counts, required for times.',
  },
  all: { role: 'step', detail: 'every phone of the pool', hover: '**all** — every phone of the pool.' },
  none: { role: 'step', detail: 'no phone', hover: '**none** — no phone.' },
} as const satisfies Record<string, WordEntry>;

export type Word = keyof typeof WORDS;

const words = Object.entries(WORDS) as [Word, WordEntry][];
const wordsWhere = (role: WordEntry['role']): Word[] => words.filter(([, entry]) => entry.role === role).map(([word]) => word);

/** The words that start a top-level item. */
export const ITEM_WORDS: readonly Word[] = wordsWhere('item');
/** The words of a `vary` line after its knob, in order. */
export const VARY_WORDS = ['from', 'to', 'step'] as const satisfies readonly Word[];
/** The events, in the grammar's order. */
export const EVENT_WORDS: readonly Word[] = wordsWhere('event');
/** What may follow `expect` at the start of a step. */
export const EXPECT_KINDS = ['outage', 'peak', 'settled'] as const satisfies readonly Word[];
export const COMPARISONS = ['==', '>=', '<=', '!=', '>', '<'] as const;
export const COUNT_WORDS = ['all', 'none'] as const satisfies readonly Word[];

function isWord(word: string): word is Word {
  return Object.prototype.hasOwnProperty.call(WORDS, word);
}

/** Completion's detail of a keyword, if it is one of WORDS. */
export function wordDetail(word: string): string | undefined {
  return isWord(word) ? WORDS[word].detail : undefined;
}

/** Hover's markdown for a keyword of WORDS, with these figures. */
export function wordHover(word: string, figures: WordFigures): string | undefined {
  if (!isWord(word)) return undefined;
  const hover: WordEntry['hover'] = WORDS[word].hover;
  return typeof hover === 'string' ? hover : hover(figures);
}

/** The words of scenario steps (events included), whose hover a step's hover starts with. */
export function isStepWord(word: string): boolean {
  return isWord(word) && WORDS[word].role !== 'item';
}

/**
 * Duration units, shortest first: their size in ms, their name, and the ways people spell them out
 * (`30 sec`, `5 minutes`), recognised only to say how to write them.
 */
export const DURATION_UNITS = {
  ms: { ms: 1, word: 'milliseconds', spelled: ['ms', 'msec', 'msecs', 'millisecond', 'milliseconds'] },
  s: { ms: 1_000, word: 'seconds', spelled: ['s', 'sec', 'secs', 'second', 'seconds'] },
  m: { ms: 60_000, word: 'minutes', spelled: ['m', 'min', 'mins', 'minute', 'minutes'] },
  h: { ms: 3_600_000, word: 'hours', spelled: ['h', 'hr', 'hrs', 'hour', 'hours'] },
} as const;

export type DurationUnit = keyof typeof DURATION_UNITS;
const UNITS_SHORTEST_FIRST = Object.keys(DURATION_UNITS) as DurationUnit[];

/** The unit a word spells (`sec`, `Minutes`), if it spells one: for `30 s` written apart from its number. */
export function unitSpelledBy(word: string): DurationUnit | undefined {
  const lower = word.toLowerCase();
  return UNITS_SHORTEST_FIRST.find((unit) => (DURATION_UNITS[unit].spelled as readonly string[]).includes(lower));
}

/**
 * The unit a unitless last part most likely has, after a part in `previous`: the next smaller one
 * (`1m30` is 1m30s, `1h30` is 1h30m); none after milliseconds.
 */
export function unitAfter(previous: DurationUnit): DurationUnit | undefined {
  return UNITS_SHORTEST_FIRST[UNITS_SHORTEST_FIRST.indexOf(previous) - 1];
}

/**
 * What to write instead of a rate with a unit (`40/s`, `2400/min`) for `key`, whose value is per
 * second (PROPERTIES' `unit: '/s'`): the figure per second when it is a whole number.
 */
export function perSecondAdvice(key: PropertyKey, text: string): string | undefined {
  const entry: PropertyEntry = PROPERTIES[key];
  const match = /^([0-9]+(?:_[0-9]+)*)\/([A-Za-z]*)$/.exec(text);
  if (entry.unit !== '/s' || !match) return undefined;
  const [, digits = '', unit = ''] = match;
  const per = unit === '' ? 's' : unitSpelledBy(unit);
  const count = Number(digits.replace(/_/g, ''));
  const perSecond = per === undefined ? undefined : (count * 1_000) / DURATION_UNITS[per].ms;
  const written = perSecond !== undefined && Number.isInteger(perSecond) && perSecond >= 1 ? String(perSecond) : undefined;
  const example = written ? `\`${key} ${written}\`` : `a whole number per second, e.g. \`${key} ${entry.default ?? 100}\``;
  return `\`${text}\`: \`${key}\` is per second and written bare: write ${example}`;
}
