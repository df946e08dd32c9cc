import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver-protocol';
import { TestClient, workspaceFolder } from '../support/lspClient';

describe('inlay hints', () => {
  let client: TestClient;
  const ws = workspaceFolder({});
  const uri = ws.uri('main.failover');

  beforeAll(async () => {
    client = await TestClient.start(ws.root);
  });
  afterAll(() => client.stop());

  /**
   * The text with each hint written in at its place as `⟨label⟩`: easy to read when a test fails.
   * `range` limits the request to some lines (all by default).
   */
  async function hinted(text: string, range?: { startLine: number; endLine: number }): Promise<string> {
    await client.open(uri, text);
    const lines = text.split('\n');
    const requested = range ?? { startLine: 0, endLine: lines.length - 1 };
    const hints = (await client.request<lsp.InlayHint[] | null>('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: requested.startLine, character: 0 }, end: { line: requested.endLine, character: lines[requested.endLine]!.length } },
    })) ?? [];
    await client.close(uri);
    const sorted = [...hints].sort((a, b) => b.position.line - a.position.line || b.position.character - a.position.character);
    for (const hint of sorted) {
      const line = lines[hint.position.line]!;
      lines[hint.position.line] = `${line.slice(0, hint.position.character)}⟨${hint.label as string}⟩${line.slice(hint.position.character)}`;
    }
    return lines.join('\n');
  }

  it("shows a pool's effective connection monitor where it has none of its own: the default, or the inherited value", async () => {
    const text = `callmanager CM1
callmanager CM2
group G { CM1, CM2 }
pool HQ { group G phones 1200 }
pool EMPTY {}
pool BRANCH { group G phones 40 connection-monitor 60s }
`;
    expect(await hinted(text)).toBe(`callmanager CM1
callmanager CM2
group G { CM1, CM2 }
pool HQ { group G phones 1200⟨connection-monitor 2m (default)⟩ }
pool EMPTY⟨connection-monitor 2m (default)⟩ {}
pool BRANCH { group G phones 40 connection-monitor 60s }
`);
    const inherited = `settings { connection-monitor 90s registration-rate 125 }
callmanager CM1 { registration-rate 100 }
callmanager CM2
group G { CM1, CM2 }
pool HQ { group G phones 1200 }
`;
    expect(await hinted(inherited)).toBe(`settings { connection-monitor 90s registration-rate 125 }
callmanager CM1 { registration-rate 100 }
callmanager CM2⟨registration-rate 125/s⟩
group G { CM1, CM2 }
pool HQ { group G phones 1200⟨connection-monitor 1m30s⟩ }
`);
  });

  it('shows a percent as the phone count it stands for, and the implicit `== all`', async () => {
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
    expect(await hinted(text)).toBe(`callmanager CM1
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

  it('honours the requested range', async () => {
    const text = `callmanager CM1
group G { CM1 }
pool A { group G phones 10 }
pool B { group G phones 10 }
pool C { group G phones 10 }
`;
    expect(await hinted(text, { startLine: 3, endLine: 3 })).toBe(`callmanager CM1
group G { CM1 }
pool A { group G phones 10 }
pool B { group G phones 10⟨connection-monitor 2m (default)⟩ }
pool C { group G phones 10 }
`);
  });
});
