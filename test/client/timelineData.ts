// A tiny scenario worked out by hand, for the timeline view's tests.
import type { TimelineData } from '../../server/src/lsp/protocol';

/**
 * Ten phones on A. A crashes at 20s: all ten out of service; six register with B at 50s, the
 * other four at 60s; the scenario ends at 100s.
 */
export function tinyTimeline(overrides: Partial<TimelineData> = {}): TimelineData {
  return {
    uri: 'file:///work/tiny.failover',
    scenario: 'A crashes',
    scenarios: ['A crashes'],
    end: 100_000,
    settled: 60_000,
    targets: [
      { name: 'A', kind: 'callmanager', capacity: 100, peak: 10, peakAt: 0 },
      { name: 'B', kind: 'callmanager', capacity: 8, peak: 10, peakAt: 60_000 },
      { name: 'R', kind: 'srst', capacity: null, peak: 0, peakAt: 0 },
    ],
    pools: [{ name: 'P', phones: 10, maxOutage: 40_000, outagePhoneSeconds: 340.5, affectedPhones: 10, preservedCalls: 3 }],
    series: [
      { t: 0, counts: { A: 10 } },
      { t: 20_000, counts: { unregistered: 10 } },
      { t: 50_000, counts: { B: 6, unregistered: 4 } },
      { t: 60_000, counts: { B: 10 } },
    ],
    events: [{ t: 20_000, label: 'crash A', line: 5 }],
    expectations: [
      { line: 6, passed: true, message: 'P on B at 90s: 10 (== all)' },
      { line: 7, passed: false, message: 'outage P: 40s (<= 30s)' },
    ],
    ...overrides,
  };
}
