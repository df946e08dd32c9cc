// The server's own requests and notifications, shared with the client (client/src imports this).

export interface TimelineParams {
  readonly uri: string;
  /** The scenario's title; the first scenario of the file when absent. */
  readonly scenario?: string;
}

export interface TimelineData {
  readonly uri: string;
  readonly scenario: string;
  readonly scenarios: readonly string[];
  readonly end: number;
  readonly settled: number;
  readonly targets: readonly { name: string; kind: 'callmanager' | 'srst'; capacity: number | null; peak: number; peakAt: number }[];
  readonly pools: readonly { name: string; phones: number; maxOutage: number; outagePhoneSeconds: number; affectedPhones: number; preservedCalls: number }[];
  /** Registered phones per target (all pools together) and out of service, at each change. */
  readonly series: readonly { t: number; counts: Readonly<Record<string, number>> }[];
  readonly events: readonly { t: number; label: string; line: number }[];
  readonly expectations: readonly { line: number; passed: boolean; message: string }[];
}

/** `failover/sweepChart`: the sweep titled `sweep` of a file, for the sweep chart. */
export interface SweepChartParams {
  readonly uri: string;
  readonly sweep: string;
}

/** One run of a sweep as the chart shows it (times in ms); a run its values make invalid has only `invalid`. */
export type SweepChartRun =
  | {
      readonly values: readonly number[];
      readonly passed: boolean;
      readonly expectations: { readonly passed: number; readonly total: number };
      readonly settled: number;
      readonly pools: Readonly<Record<string, { readonly maxOutage: number }>>;
      readonly targets: Readonly<Record<string, { readonly peak: number }>>;
    }
  | { readonly values: readonly number[]; readonly invalid: string };

export interface SweepChartData {
  readonly uri: string;
  readonly sweep: string;
  readonly scenario: string;
  /** One or two knobs, as the file writes them (`CM2 capacity`), the outer loop first. */
  readonly knobs: readonly { readonly label: string; readonly duration: boolean; readonly values: readonly number[] }[];
  /** The lens's words: `28 runs · 9 pass · smallest passing CM2 capacity 1500 at registration-rate 100`. */
  readonly summary: string;
  /** For one knob: where the expectations hold. */
  readonly boundary?: string;
  /** Every run the sweep has; `runs` holds fewer when the time budget ran out. */
  readonly total: number;
  readonly runs: readonly SweepChartRun[];
}

export type SweepChartResult = { readonly data: SweepChartData } | { readonly unavailable: string };

/** A knob the advisor tunes: a setting, or a property of a named definition. */
export type AdviceKnob = { readonly kind: 'setting'; readonly key: string } | { readonly kind: 'property'; readonly name: string; readonly key: string };

/** `failover/advise`: the advisor on one knob of one scenario; the answer is an edit for the client to apply. */
export interface AdviseParams {
  readonly uri: string;
  readonly scenario: string;
  readonly knob: AdviceKnob;
}

export interface AdviceTextEdit {
  readonly range: TextRange;
  readonly newText: string;
}

export type AdviseResult =
  | {
      /** Edits by document URI: the value written where it takes effect. */
      readonly changes: Readonly<Record<string, readonly AdviceTextEdit[]>>;
      /** `CM2 capacity 1240` */
      readonly applied: string;
      readonly runs: number;
      /** The advisor met evidence that the expectations are not monotone in the knob. */
      readonly warning?: string;
    }
  /** No value passes, or the scenario cannot be advised on: the advisor's sentence. */
  | { readonly none: string; readonly warning?: string }
  | { readonly cancelled: true };

export type TimelineResult = { readonly data: TimelineData } | { readonly unavailable: string };

export interface StatusEntry {
  readonly uri: string;
  readonly scenarios: number;
  readonly passed: number;
  readonly failed: number;
  readonly expectationsFailed: number;
  /** Set when errors outside the scenarios keep the whole file from being simulated. */
  readonly notSimulated?: string;
  /** Scenarios (counted in `scenarios`) that errors of their own keep from being simulated. */
  readonly stopped?: number;
}

// ── Scenarios as tests (VS Code's Testing view) ─────────────────────────────────────────────

/** An LSP range: zero-based lines, UTF-16 characters, end exclusive. */
export interface TextRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

interface ExpectationTestItem {
  /** The step as written, on one line: `at 5m expect HQ on CM2 >= 800`. */
  readonly label: string;
  readonly range: TextRange;
}

export interface ScenarioTestItem {
  /** The scenario's title ('' when the text lacks it). Unique in a file without errors. */
  readonly title: string;
  readonly range: TextRange;
  readonly expectations: readonly ExpectationTestItem[];
}

export interface FileTestItems {
  readonly uri: string;
  readonly scenarios: readonly ScenarioTestItem[];
}

/** `failover/testItems`: the scenarios of the given files, or of every file of the workspace. */
export interface TestItemsParams {
  /** Document URIs; absent for every `.failover` file the server sees. */
  readonly uris?: readonly string[];
}

export interface TestItemsResult {
  /** The files asked for that the server holds; a file left out no longer exists for it. */
  readonly files: readonly FileTestItems[];
}

/** `failover/testsChanged`: the server's view of these files changed (all files when `uris` is absent). */
export interface TestsChangedParams {
  readonly uris?: readonly string[];
}

/** `failover/runTests`: simulates scenarios of one file, on the server's current texts. */
export interface RunTestsParams {
  readonly uri: string;
  /** Titles of the scenarios to run; absent for all of the file's. */
  readonly scenarios?: readonly string[];
}

export interface ExpectationOutcome extends ExpectationTestItem {
  readonly passed: boolean;
  /** `>= 800`, `<= 1m`, `by 1h`. */
  readonly expected: string;
  /** `840`, `54s983ms`. */
  readonly actual: string;
  /** For an `==` expectation, the value `actual` should have been (`1800` for `== all` of 1800 phones). */
  readonly equalTo?: string;
  /** The result as the editor words it: `HQ on CM2 at 5m: 840 (>= 800)`. */
  readonly message: string;
}

export interface FindingOutcome {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly message: string;
  readonly range: TextRange;
}

export interface ProblemLocation {
  readonly uri: string;
  readonly range: TextRange;
}

export type ScenarioOutcome = ScenarioTestItem &
  (
    | {
        readonly simulated: true;
        /** Every expectation holds. */
        readonly passed: boolean;
        /** `✓ 4/4 expectations · max outage 55s · settled 21m30s`. */
        readonly summary: string;
        /** The results, one for each of `expectations`, in the same order. */
        readonly results: readonly ExpectationOutcome[];
        readonly findings: readonly FindingOutcome[];
      }
    | {
        readonly simulated: false;
        /** Why not: the first error of the file (or of a file it imports), or a limit. */
        readonly reason: string;
        readonly location?: ProblemLocation;
      }
  );

export type RunTestsResult =
  | {
      readonly uri: string;
      /** The scenarios run, in text order. */
      readonly scenarios: readonly ScenarioOutcome[];
      /** Titles asked for that the file no longer has. */
      readonly missing: readonly string[];
    }
  /** The file cannot be run: gone, unreadable, or outside the workspace. */
  | { readonly uri: string; readonly unavailable: string }
  /** The run was cancelled before it finished. */
  | { readonly uri: string; readonly cancelled: true };

// ── Import from CUCM ────────────────────────────────────────────────────────────────────────

/** `failover/importCucm`: CUCM export files, read by the client, turned into a topology. The server writes nothing. */
export interface ImportCucmParams {
  /** In the order the user picked them (for phone counts, a later file wins). */
  readonly files: readonly {
    /** As shown to the user: workspace-relative inside the workspace, else the base name. */
    readonly name: string;
    readonly text: string;
    /** The file is not UTF-8 text (`text` is then empty): the import refuses it, as `failover import` does. */
    readonly notUtf8?: boolean;
  }[];
}

export interface ImportProblemEntry {
  /** One of the names given in the params. */
  readonly file: string;
  /** 1-based line of that file. */
  readonly line: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** The problem as `failover import` prints it: `export.csv:12: warning: …`. */
  readonly display: string;
}

export interface ImportCucmResult {
  /** The topology as `failover import` writes it; absent when any problem is an error. */
  readonly text?: string;
  /** The pools defined in `text`. */
  readonly pools?: number;
  /** Every problem, in the order the import reports them. */
  readonly problems: readonly ImportProblemEntry[];
}

export const Requests = {
  timeline: 'failover/timeline',
  sweepChart: 'failover/sweepChart',
  advise: 'failover/advise',
  runScenario: 'failover/runScenario',
  exportResults: 'failover/exportResults',
  status: 'failover/status',
  testItems: 'failover/testItems',
  runTests: 'failover/runTests',
  importCucm: 'failover/importCucm',
} as const;

export const Notifications = {
  simulated: 'failover/simulated',
  testsChanged: 'failover/testsChanged',
  viewport: 'failover/viewport',
  /** The sweeps' results changed (the sweep chart asks again). */
  sweepsSimulated: 'failover/sweepsSimulated',
} as const;

/**
 * Client → server (`failover/viewport`): what the active `.failover` editor shows (no `uri` when
 * none is active). The server simulates the scenarios in view first; results do not depend on it.
 */
export interface ViewportParams {
  readonly uri?: string;
  readonly ranges?: readonly TextRange[];
}
