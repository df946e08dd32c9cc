// The sweeps' background runs over stdio: they start once the scenarios' results are out, their
// lens comes with the figures of the in-process runner, an edit starts them again, and when the
// time budget runs out the sweep keeps the runs that finished and gets `simulation-limit`.
import { afterEach, describe, expect, it } from 'vitest';
import type { AdviseResult } from '../../server/src/lsp/protocol';
import { poll, TestClient, workspaceFolder } from '../support/lspClient';

// As in sweepLens.test.ts: outages 10s, 5s, 3.334s, 2.5s for CM2 registration-rate 1..4; the
// expectation `outage P <= 4s` holds from 3.
const WHATIF = `settings { keepalive 10s registration-rate 1 }
callmanager CM1
callmanager CM2
group G { CM1, CM2 }
pool P { group G phones 10 }
scenario "stop" {
  at 0s stop CM1
  at 20s expect P on CM2 == all
  expect outage P <= 4s
}
sweep "rate" {
  scenario "stop"
  vary CM2 registration-rate from 1 to 4
}
`;

/** The lens titles on the `sweep` line (line 11) once they no longer wait. */
async function sweepLens(client: TestClient, uri: string, line = 10): Promise<string[]> {
  return poll(async () => {
    const titles = ((await client.codeLenses(uri)) ?? []).filter((l) => l.range.start.line === line).map((l) => l.command?.title ?? '');
    return titles.length > 0 && !titles.some((t) => t.includes('⏳')) ? titles : undefined;
  }, 'the sweep lens');
}

describe('sweeps in the background', () => {
  let client: TestClient | undefined;
  afterEach(() => client?.stop());

  it('runs the sweeps after the scenarios and shows their lens; an edit runs them again', async () => {
    const folder = workspaceFolder({ 'whatif.failover': WHATIF });
    client = await TestClient.start(folder.root, { settings: { simulation: { timeBudgetMs: 60_000 } } });
    const uri = folder.uri('whatif.failover');
    await client.open(uri, WHATIF);
    expect(await sweepLens(client, uri)).toEqual(['4 runs · 2 pass · smallest passing CM2 registration-rate 3', 'Show sweep chart']);
    // The expectation relaxed to 6s: it now holds from r = 2 (5s).
    await client.change(uri, WHATIF.replace('<= 4s', '<= 6s'));
    expect(await sweepLens(client, uri)).toEqual(['4 runs · 3 pass · smallest passing CM2 registration-rate 2', 'Show sweep chart']);
  });

  it('keeps the finished runs and warns on the title when the time budget runs out', async () => {
    // 1,000 runs of 20,000 phones cannot finish within 100 ms.
    const big = WHATIF.replace('phones 10', 'phones 20000').replace('from 1 to 4', 'from 1 to 1000');
    const folder = workspaceFolder({ 'whatif.failover': big });
    client = await TestClient.start(folder.root, { settings: { simulation: { timeBudgetMs: 100 } } });
    const uri = folder.uri('whatif.failover');
    await client.open(uri, big);
    const [summary] = await sweepLens(client, uri);
    expect(summary).toMatch(/^⏱ \d+ runs? · \d+ pass · \d+ not run \(time budget\)$/);
    const warning = await poll(
      async () => (await client!.diagnostics(uri)).find((d) => d.code === 'simulation-limit' && d.range.start.line === 10),
      'the warning',
    );
    expect(warning.message).toMatch(/^Sweep "rate" did not finish within the editor's time budget: \d+ of 1000 runs are shown\./);
    expect(warning.range).toEqual({ start: { line: 10, character: 6 }, end: { line: 10, character: 12 } });
  });

  it('runs the advisor in its worker and answers with the edit that writes the value, or the sentence when none passes', async () => {
    const folder = workspaceFolder({ 'whatif.failover': WHATIF });
    client = await TestClient.start(folder.root, { settings: { simulation: { timeBudgetMs: 60_000 } } });
    const uri = folder.uri('whatif.failover');
    await client.open(uri, WHATIF);
    const knob = { kind: 'property', name: 'CM2', key: 'registration-rate' };
    // `outage P <= 4s` holds from r = 3 (see above): the smallest passing rate.
    const found = await client.request<AdviseResult>('failover/advise', { uri, scenario: 'stop', knob });
    expect(found).toMatchObject({
      applied: 'CM2 registration-rate 3',
      changes: { [uri]: [{ range: { start: { line: 2, character: 15 }, end: { line: 2, character: 15 } }, newText: ' { registration-rate 3 }' }] },
    });
    // An outage of 0 is out of reach: even at 1000/s the first phone waits 1 ms.
    await client.change(uri, WHATIF.replace('<= 4s', '<= 0s'));
    expect(await client.request<AdviseResult>('failover/advise', { uri, scenario: 'stop', knob })).toEqual({
      none: 'no value from 1 to 1000 meets the expectations',
    });
  });
});
