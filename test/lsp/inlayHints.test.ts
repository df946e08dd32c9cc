import { describe, expect, it } from 'vitest';
import { inlayHintsIn } from '../../server/src/lsp/features/inlayHints';
import { featureWorkspace } from '../support/featureHarness';

describe('inlay hints', () => {
  /**
   * The text with each hint written in at its place as `⟨label⟩`: easy to read when a test fails.
   * A range marked ⟦…⟧ in the text limits the request to it (the whole text by default).
   */
  function hinted(marked: string): string {
    const ws = featureWorkspace({ 'main.failover': marked });
    const text = ws.text('main.failover');
    const range = ws.ranges('main.failover')[0] ?? { start: 0, end: text.length };
    const hints = inlayHintsIn(ws.file('main.failover'), range);
    const lines = text.split('\n');
    const sorted = [...hints].sort((a, b) => b.position.line - a.position.line || b.position.character - a.position.character);
    for (const hint of sorted) {
      const line = lines[hint.position.line]!;
      lines[hint.position.line] = `${line.slice(0, hint.position.character)}⟨${hint.label as string}⟩${line.slice(hint.position.character)}`;
    }
    return lines.join('\n');
  }

  it("shows a pool's effective connection monitor where it has none of its own: the default", () => {
    const text = `callmanager CM1
callmanager CM2
group G { CM1, CM2 }
pool HQ { group G phones 1200 }
pool EMPTY {}
pool BRANCH { group G phones 40 connection-monitor 60s }
`;
    expect(hinted(text)).toBe(`callmanager CM1
callmanager CM2
group G { CM1, CM2 }
pool HQ { group G phones 1200⟨connection-monitor 2m (default)⟩ }
pool EMPTY⟨connection-monitor 2m (default)⟩ {}
pool BRANCH { group G phones 40 connection-monitor 60s }
`);
  });

  it("shows the connection monitor and a server's registration rate a settings block gives, not the default", () => {
    const inherited = `settings { connection-monitor 90s registration-rate 125 }
callmanager CM1 { registration-rate 100 }
callmanager CM2
group G { CM1, CM2 }
pool HQ { group G phones 1200 }
`;
    expect(hinted(inherited)).toBe(`settings { connection-monitor 90s registration-rate 125 }
callmanager CM1 { registration-rate 100 }
callmanager CM2⟨registration-rate 125/s⟩
group G { CM1, CM2 }
pool HQ { group G phones 1200⟨connection-monitor 1m30s⟩ }
`);
  });

  it('shows a percent as the phone count it stands for, and the implicit `== all`', () => {
    // 30% of 1200 = 360; 33% of 40 = 13.2, rounded down to 13.
    const text = `callmanager CM1
callmanager CM2
group G { CM1, CM2 }
pool HQ { group G phones 1200 connection-monitor 2m }
pool BRANCH { group G phones 40 connection-monitor 2m }
scenario "s" {
  at 0s calls HQ 30% lasting 10m
  at 0s calls BRANCH 33% lasting 0
  at 1m crash CM1
  at 5m expect HQ on CM2 >= 70%
  at 6m expect BRANCH on CM2
}
`;
    expect(hinted(text)).toBe(`callmanager CM1
callmanager CM2
group G { CM1, CM2 }
pool HQ { group G phones 1200 connection-monitor 2m }
pool BRANCH { group G phones 40 connection-monitor 2m }
scenario "s" {
  at 0s calls HQ 30%⟨= 360 phones⟩ lasting 10m
  at 0s calls BRANCH 33%⟨= 13 phones⟩ lasting 0
  at 1m crash CM1
  at 5m expect HQ on CM2 >= 70%⟨= 840 phones⟩
  at 6m expect BRANCH on CM2⟨== all⟩
}
`);
  });

  it('honours the requested range', () => {
    const text = `callmanager CM1
group G { CM1 }
pool A { group G phones 10 }
⟦pool B { group G phones 10 }⟧
pool C { group G phones 10 }
`;
    expect(hinted(text)).toBe(`callmanager CM1
group G { CM1 }
pool A { group G phones 10 }
pool B { group G phones 10⟨connection-monitor 2m (default)⟩ }
pool C { group G phones 10 }
`);
  });
});
