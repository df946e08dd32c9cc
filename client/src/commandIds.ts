// The extension's command ids, as contributed in package.json (test/package/manifest.test.ts
// checks the two agree, and that the server's `Show timeline` lens names the same command).
export const Commands = {
  showTimeline: 'failover.showTimeline',
  runScenario: 'failover.runScenario',
  exportResults: 'failover.exportResults',
  restartServer: 'failover.restartServer',
  importCucm: 'failover.importCucm',
  showSweepChart: 'failover.showSweepChart',
  adviseFix: 'failover.adviseFix',
} as const;
