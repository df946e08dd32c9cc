// The simulator's input and output: plain data, resolved from the syntax tree by the workspace
// (names already checked, settings already merged), so the engine knows nothing of text or files.
// Times are integer milliseconds from the scenario's start; see SIMULATION.md.

type TargetKind = 'callmanager' | 'srst';

export interface SimTarget {
  readonly name: string;
  readonly kind: TargetKind;
  /** Registered + waiting phones allowed; `Infinity` when unlimited. */
  readonly capacity: number;
  /** Registrations per second (≥ 1). */
  readonly registrationRate: number;
  /** MaxPhonesFallBackQueueDepth for a callmanager; unused for an srst router. */
  readonly fallbackQueueDepth: number;
}

export interface SimPool {
  readonly name: string;
  readonly phones: number;
  /** Target names in preference order: the group's members, then the pool's srst router if any. */
  readonly preference: readonly string[];
  readonly connectionMonitorMs: number;
}

export interface SimSettings {
  readonly keepaliveMs: number;
  readonly missedKeepalives: number;
  readonly tcpRetryMs: number;
  readonly resetTimeMs: number;
}

export type SimCount =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'percent'; readonly value: number };

/** `ref` is opaque to the engine: the caller's handle to locate findings (e.g. the step's index). */
export type SimEvent =
  | { readonly ref: number; readonly at: number; readonly kind: 'stop' | 'crash' | 'hang' | 'recover'; readonly target: string }
  | { readonly ref: number; readonly at: number; readonly kind: 'isolate' | 'reconnect' | 'reset'; readonly pool: string }
  | {
      readonly ref: number;
      readonly at: number;
      readonly kind: 'calls';
      readonly pool: string;
      readonly count: SimCount;
      readonly durationMs: number;
    };

export type Comparison = '==' | '!=' | '<=' | '>=' | '<' | '>';

export type SimExpectation =
  | {
      readonly ref: number;
      readonly kind: 'on';
      readonly at: number;
      readonly pool: string;
      /** A target name or `unregistered`. */
      readonly target: string;
      readonly comparison: Comparison;
      readonly count: SimCount;
    }
  | { readonly ref: number; readonly kind: 'outage'; readonly pool: string; readonly comparison: Comparison; readonly ms: number }
  | { readonly ref: number; readonly kind: 'peak'; readonly target: string; readonly comparison: Comparison; readonly value: number }
  | { readonly ref: number; readonly kind: 'settled'; readonly by: number };

export interface SimScenario {
  readonly name: string;
  /** Every visible callmanager and srst router, in definition order. */
  readonly targets: readonly SimTarget[];
  /** Every visible pool, in definition order (imported files first, depth first, in import order). */
  readonly pools: readonly SimPool[];
  readonly settings: SimSettings;
  /** In file order; the engine orders them by time, then by this order. */
  readonly events: readonly SimEvent[];
  readonly expectations: readonly SimExpectation[];
}

export interface SimLimits {
  /** Total phones over all pools beyond which the run is refused with `simulation-limit`. */
  readonly maxPhones: number;
  /** Simulated time after the last event before the run stops with `simulation-limit` (24 h). */
  readonly maxTailMs: number;
}

export const DEFAULT_LIMITS: SimLimits = { maxPhones: 20_000_000, maxTailMs: 24 * 3600 * 1000 };

export interface SimOptions {
  readonly limits?: Partial<SimLimits>;
  /** Polled every few thousand steps; returning true abandons the run (the result is `cancelled`). */
  readonly isCancelled?: () => boolean;
}

/** Phones per target name, plus `unregistered`; zero counts are left out. */
export type Counts = Readonly<Record<string, number>>;

export interface TimelineEntry {
  readonly t: number;
  readonly pools: Readonly<Record<string, Counts>>;
}

export interface PoolResult {
  readonly phones: number;
  readonly maxOutage: number;
  /** Rounded to 3 decimals. */
  readonly outagePhoneSeconds: number;
  readonly affectedPhones: number;
  readonly preservedCalls: number;
  readonly final: Counts;
}

export interface TargetResult {
  readonly peak: number;
  readonly peakAt: number;
}

export interface ExpectationResult {
  readonly ref: number;
  readonly passed: boolean;
  /** States the actual value, e.g. `HQ on CM2 at 5m: 840 (>= 800)`. */
  readonly message: string;
}

export type FindingCode = 'capacity-exceeded' | 'no-service' | 'calls-not-placed' | 'event-no-effect' | 'simulation-limit';

export interface Finding {
  readonly code: FindingCode;
  readonly message: string;
  /** The `ref` of the event that caused it; absent when it belongs to the scenario as a whole. */
  readonly ref?: number;
}

export interface ScenarioResult {
  readonly name: string;
  readonly end: number;
  readonly settled: number;
  readonly pools: Readonly<Record<string, PoolResult>>;
  readonly targets: Readonly<Record<string, TargetResult>>;
  readonly timeline: readonly TimelineEntry[];
  readonly expectations: readonly ExpectationResult[];
  readonly findings: readonly Finding[];
  /** True when `isCancelled` stopped the run; the figures are then incomplete. */
  readonly cancelled: boolean;
}
