import { describe, expect, it } from 'vitest';
import type { ScenarioDecl } from '../../server/src/core/syntax/ast';
import { buildSimScenario, effectiveSettings } from '../../server/src/core/workspace/settings';
import { analyze } from '../support/fixtures';

describe('imports', () => {
  it('resolves relative paths, transitively, and shares one namespace', () => {
    const { analysis } = analyze(
      {
        '/w/scenarios/outage.failover': 'import "../site/pools.failover"\nscenario "s" { at 1m crash CM1 }',
        '/w/site/pools.failover': 'import "topology/servers.failover"\npool HQ { group G phones 10 }',
        '/w/site/topology/servers.failover': 'callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }',
      },
      ['/w/scenarios/outage.failover'],
    );
    expect([...analysis.program.files].map((u) => u.path).sort()).toEqual([
      '/w/scenarios/outage.failover',
      '/w/site/pools.failover',
      '/w/site/topology/servers.failover',
    ]);
    expect(analysis.diagnostics('/w/scenarios/outage.failover')).toEqual([]);
    expect(analysis.program.visibleFiles('/w/scenarios/outage.failover')).toEqual([
      '/w/site/topology/servers.failover',
      '/w/site/pools.failover',
      '/w/scenarios/outage.failover',
    ]);
  });

  it('does not let a file see the files that import it', () => {
    const { analysis } = analyze({
      '/w/a.failover': 'import "b.failover"\ncallmanager CM1\ncallmanager CM2',
      '/w/b.failover': 'group G { CM1, CM2 }\npool P { group G phones 1 }',
    });
    expect(analysis.diagnostics('/w/b.failover').map((d) => d.code)).toEqual(['unknown-reference', 'unknown-reference']);
  });

  it('orders files depth first, each after its imports, once, at its first place', () => {
    const { analysis } = analyze(
      {
        '/w/main.failover': 'import "a.failover"\nimport "b.failover"\n',
        '/w/a.failover': 'import "c.failover"\n',
        '/w/b.failover': 'import "c.failover"\nimport "d.failover"\n',
        '/w/c.failover': '',
        '/w/d.failover': '',
      },
      ['/w/main.failover'],
    );
    expect(analysis.program.visibleFiles('/w/main.failover')).toEqual(['/w/c.failover', '/w/a.failover', '/w/d.failover', '/w/b.failover', '/w/main.failover']);
  });

  it('reports a cycle of three files on each of its imports, and still resolves names across it', () => {
    const { analysis } = analyze({
      '/w/a.failover': 'import "b.failover"\ncallmanager CM1',
      '/w/b.failover': 'import "c.failover"\ncallmanager CM2',
      '/w/c.failover': 'import "a.failover"\ngroup G { CM1, CM2 }\npool P { group G phones 1 }',
    });
    for (const file of ['/w/a.failover', '/w/b.failover', '/w/c.failover']) {
      expect(analysis.diagnostics(file).map((d) => d.code)).toEqual(['import-cycle']);
    }
  });

  it('reports a missing import and keeps checking the rest of the file', () => {
    const { analysis } = analyze({ '/w/a.failover': 'import "gone.failover"\ncallmanager CM1\ngroup G { CM1, CMX }\npool P { group G phones 1 }' });
    expect(analysis.diagnostics('/w/a.failover').map((d) => d.code)).toEqual(['import-not-found', 'unknown-reference']);
  });

  it('does not run the scenarios of imported files, but they are still checked there', () => {
    const { analysis } = analyze(
      {
        '/w/main.failover': 'import "lib.failover"\n',
        '/w/lib.failover': 'callmanager CM1\nscenario "lib" { at 1m crash CMX }',
      },
      ['/w/main.failover'],
    );
    expect(analysis.diagnostics('/w/lib.failover').map((d) => d.code)).toEqual(['unused-definition', 'unknown-reference']);
    // An error inside an imported file's scenario does not stop the importer, which never runs it
    // (PRODUCT.md, "One broken scenario does not stop the others").
    expect(analysis.isSimulable('/w/main.failover')).toBe(true);
  });
});

describe('settings precedence', () => {
  const files = {
    '/w/base.failover':
      'settings { keepalive 10s tcp-retry 5s reset-time 7s }\ncallmanager CM1 { registration-rate 50 }\ncallmanager CM2\ngroup G { CM1, CM2 }',
    '/w/mid.failover':
      'import "base.failover"\nsettings { keepalive 20s registration-rate 80 }\npool HQ { group G phones 10 connection-monitor 1m }\npool BR { group G phones 1 }',
    '/w/main.failover':
      'import "mid.failover"\nsettings { tcp-retry 15s }\nsettings { tcp-retry 16s connection-monitor 90s }\nscenario "s" {\n  at 1m crash CM1\n  settings { missed-keepalives 5 }\n}\nscenario "t" { at 1m crash CM1 }',
  };

  it('applies defaults ← imported files in order ← own settings ← scenario settings; properties win', () => {
    const { analysis } = analyze(files, ['/w/main.failover']);
    const unit = analysis.program.unit('/w/main.failover')!;
    const [s, t] = unit.parsed.file.items.filter((i): i is ScenarioDecl => i.kind === 'scenario');
    const { values } = effectiveSettings(analysis.program, '/w/main.failover', s);
    expect(values).toEqual({
      keepalive: 20_000, // mid beats base
      'missed-keepalives': 5, // the scenario's own block
      'tcp-retry': 16_000, // the later of the file's own blocks
      'registration-rate': 80, // from mid
      'fallback-queue-depth': 10, // default
      'connection-monitor': 90_000, // the file's own
      'reset-time': 7_000, // from base
    });
    expect(effectiveSettings(analysis.program, '/w/main.failover', t).values['missed-keepalives']).toBe(3);

    const sim = buildSimScenario(analysis.program, analysis.index, '/w/main.failover', s!);
    expect(sim.targets).toEqual([
      { name: 'CM1', kind: 'callmanager', capacity: Infinity, registrationRate: 50, fallbackQueueDepth: 10 }, // its own rate wins
      { name: 'CM2', kind: 'callmanager', capacity: Infinity, registrationRate: 80, fallbackQueueDepth: 10 },
    ]);
    expect(sim.pools).toEqual([
      { name: 'HQ', phones: 10, preference: ['CM1', 'CM2'], connectionMonitorMs: 60_000 }, // the pool's own monitor wins
      { name: 'BR', phones: 1, preference: ['CM1', 'CM2'], connectionMonitorMs: 90_000 },
    ]);
    expect(sim.settings).toEqual({ keepaliveMs: 20_000, missedKeepalives: 5, tcpRetryMs: 16_000, resetTimeMs: 7_000 });
  });

  it('lets an importer beat what it imports, whatever the import order of shared files', () => {
    const { analysis } = analyze(
      {
        '/w/main.failover': 'import "a.failover"\nimport "b.failover"\n',
        '/w/a.failover': 'import "b.failover"\nsettings { keepalive 5s }',
        '/w/b.failover': 'settings { keepalive 9s }',
      },
      ['/w/main.failover'],
    );
    // b is taken at its first place (inside a), so a comes after it and wins.
    expect(effectiveSettings(analysis.program, '/w/main.failover').values.keepalive).toBe(5_000);
  });
});
