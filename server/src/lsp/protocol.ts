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

export const Requests = {
  timeline: 'failover/timeline',
  runScenario: 'failover/runScenario',
  exportResults: 'failover/exportResults',
  status: 'failover/status',
} as const;

export const Notifications = {
  simulated: 'failover/simulated',
} as const;
