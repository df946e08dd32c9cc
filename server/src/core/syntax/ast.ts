// The typed syntax tree of one `.failover` file: exact source ranges, no semantic information.
// Names are plain text here; what they refer to is the workspace's business (see ../workspace).
// A node that the parser had to recover may lack parts: every child that can be missing is optional.
import type { DurationUnit, PROPERTIES, PropertyKey, PropertyKeyIn, SettingKey } from './vocabulary';

/** Half-open range of UTF-16 offsets into the file's text. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface Name {
  readonly text: string;
  readonly range: Range;
}

export interface StringLiteral {
  /** The unescaped value. */
  readonly value: string;
  readonly range: Range;
}

/**
 * A number as written: the lexer takes every digit-led word whole, and the parser classifies it,
 * so `1m30`, `5mins`, `1__0`, `1,500` and `40/s` arrive here as `malformed` with the reason.
 */
export type NumberLiteral =
  | {
      readonly kind: 'int';
      readonly value: number;
      readonly text: string;
      readonly range: Range;
      /**
       * A unit written apart from the number where a duration is expected (`keepalive 30 s`): read
       * with it so that it is one problem (`missing-unit`), not two. `range` stays the number's.
       */
      readonly unitApart?: { readonly unit: DurationUnit; readonly text: string; readonly range: Range };
    }
  | { readonly kind: 'duration'; readonly ms: number; readonly text: string; readonly range: Range }
  | { readonly kind: 'percent'; readonly value: number; readonly text: string; readonly range: Range }
  | {
      readonly kind: 'malformed';
      readonly reason: string;
      readonly text: string;
      readonly range: Range;
      /**
       * Set when only the last part lacks a unit (`1m30`): where a duration is expected that is
       * `missing-unit`, not a syntax error; `unit` is the one the part most likely has (`s` here).
       */
      readonly unitless?: { readonly part: string; readonly unit?: DurationUnit };
    };

/** `key value` inside a settings block or a definition's braces. */
export interface Property<K extends string = string, V = NumberLiteral> {
  readonly key: K;
  readonly keyRange: Range;
  readonly value?: V;
  readonly range: Range;
}

export type Setting = Property<SettingKey>;

export interface SettingsBlock {
  readonly kind: 'settings';
  readonly entries: readonly Setting[];
  readonly range: Range;
  readonly keywordRange: Range;
}

interface Documented {
  /** Text of the comment lines directly above the definition, `#` markers stripped. */
  readonly doc?: string;
}

type CallManagerPropertyKey = PropertyKeyIn<'callmanager'>;
export interface CallManagerDecl extends Documented {
  readonly kind: 'callmanager';
  readonly name?: Name;
  readonly properties: readonly Property<CallManagerPropertyKey>[];
  readonly range: Range;
  readonly keywordRange: Range;
}

type SrstPropertyKey = PropertyKeyIn<'srst'>;
export interface SrstDecl extends Documented {
  readonly kind: 'srst';
  readonly name?: Name;
  readonly properties: readonly Property<SrstPropertyKey>[];
  readonly range: Range;
  readonly keywordRange: Range;
}

export interface GroupDecl extends Documented {
  readonly kind: 'group';
  readonly name?: Name;
  readonly members: readonly Name[];
  readonly range: Range;
  readonly keywordRange: Range;
}

/** A property's value node: a name for the keys that name a definition, otherwise a number. */
type PropertyValue<K extends keyof typeof PROPERTIES> = (typeof PROPERTIES)[K]['value'] extends 'name' ? Name : NumberLiteral;

export type PoolProperty = { [K in PropertyKeyIn<'pool'>]: Property<K, PropertyValue<K>> }[PropertyKeyIn<'pool'>];

export interface PoolDecl extends Documented {
  readonly kind: 'pool';
  readonly name?: Name;
  readonly properties: readonly PoolProperty[];
  readonly range: Range;
  readonly keywordRange: Range;
}

export type TargetAction = 'stop' | 'crash' | 'hang' | 'recover';
export type PoolAction = 'isolate' | 'reconnect' | 'reset';
export type Comparison = '==' | '!=' | '<=' | '>=' | '<' | '>';

/** COUNT := INT | PERCENT | 'all' | 'none' */
export type Count = NumberLiteral | { readonly kind: 'all'; readonly range: Range } | { readonly kind: 'none'; readonly range: Range };

export interface EventStep {
  readonly kind: 'event';
  readonly at?: NumberLiteral;
  readonly action: TargetAction | PoolAction | 'calls';
  readonly actionRange: Range;
  /** The callmanager or srst router for stop/crash/hang/recover, otherwise the pool. */
  readonly subject?: Name;
  /** Only for `calls`. */
  readonly count?: Count;
  /** Only for `calls`. */
  readonly lasting?: NumberLiteral;
  readonly range: Range;
}

export interface ExpectOnStep {
  readonly kind: 'expect-on';
  readonly at?: NumberLiteral;
  readonly pool?: Name;
  /** A target name, or the keyword `unregistered`. */
  readonly target?: Name | { readonly kind: 'unregistered'; readonly range: Range };
  /** Absent means `== all`. */
  readonly comparison?: { readonly op: Comparison; readonly range: Range };
  readonly count?: Count;
  readonly range: Range;
}

export interface ExpectOutageStep {
  readonly kind: 'expect-outage';
  readonly pool?: Name;
  readonly comparison?: { readonly op: Comparison; readonly range: Range };
  readonly value?: NumberLiteral;
  readonly range: Range;
}

export interface ExpectPeakStep {
  readonly kind: 'expect-peak';
  readonly target?: Name;
  readonly comparison?: { readonly op: Comparison; readonly range: Range };
  readonly value?: NumberLiteral;
  readonly range: Range;
}

export interface ExpectSettledStep {
  readonly kind: 'expect-settled';
  readonly by?: NumberLiteral;
  readonly range: Range;
}

export type Step = SettingsBlock | EventStep | ExpectOnStep | ExpectOutageStep | ExpectPeakStep | ExpectSettledStep;

export interface ScenarioDecl extends Documented {
  readonly kind: 'scenario';
  readonly title?: StringLiteral;
  readonly steps: readonly Step[];
  readonly range: Range;
  readonly keywordRange: Range;
}

/**
 * `sweep "TITLE" { scenario "…"  vary KNOB from A to B step S … }`: one scenario of the file run
 * over the values of one or two knobs (LANGUAGE.md, "Sweeps"). Its lines are kept in text order,
 * duplicates and all: which one wins is the workspace's business (see workspace/sweeps.ts).
 */
export interface SweepDecl extends Documented {
  readonly kind: 'sweep';
  readonly title?: StringLiteral;
  readonly lines: readonly SweepLine[];
  readonly range: Range;
  readonly keywordRange: Range;
}

export type SweepLine = SweepScenarioLine | VaryLine;

/** `scenario "TITLE"` inside a sweep: a reference to a scenario of the same file, by title. */
export interface SweepScenarioLine {
  readonly kind: 'sweep-scenario';
  readonly title?: StringLiteral;
  readonly keywordRange: Range;
  readonly range: Range;
}

/** `vary KNOB from A to B (step S)?`; every part after `vary` may be missing. */
export interface VaryLine {
  readonly kind: 'vary';
  readonly knob?: Knob;
  readonly from?: NumberLiteral;
  readonly to?: NumberLiteral;
  readonly step?: NumberLiteral;
  readonly keywordRange: Range;
  readonly range: Range;
}

/**
 * What a `vary` line varies: a setting (`fallback-queue-depth`), or a property of a definition
 * (`CM2 capacity`). The parser takes any property keyword after a name; whether the definition has
 * it is validation's `wrong-kind`. `key` is missing when the name is not followed by a property.
 */
export type Knob =
  | { readonly kind: 'setting'; readonly key: SettingKey; readonly range: Range }
  | { readonly kind: 'property'; readonly name: Name; readonly key?: PropertyKey; readonly keyRange?: Range; readonly range: Range };

export interface ImportDecl {
  readonly kind: 'import';
  readonly path?: StringLiteral;
  readonly range: Range;
}

export type Definition = CallManagerDecl | SrstDecl | GroupDecl | PoolDecl;
export type Item = SettingsBlock | Definition | ScenarioDecl | SweepDecl;

/** Whether an item is a named definition (a callmanager, srst router, group or pool). */
export function isDefinition(item: Item): item is Definition {
  return item.kind === 'callmanager' || item.kind === 'srst' || item.kind === 'group' || item.kind === 'pool';
}

export interface Comment {
  /** The full comment text including the leading `#`. */
  readonly text: string;
  readonly range: Range;
}

export interface SourceFile {
  readonly imports: readonly ImportDecl[];
  readonly items: readonly Item[];
  readonly comments: readonly Comment[];
  readonly range: Range;
}

export interface SyntaxError {
  readonly message: string;
  readonly range: Range;
}

export interface ParseResult {
  readonly file: SourceFile;
  readonly errors: readonly SyntaxError[];
}
