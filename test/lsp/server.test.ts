import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll, TestClient, workspaceFolder } from '../support/lspClient';

const EXAMPLE = path.resolve(__dirname, '../fixtures/spec-example');
const topology = readFileSync(path.join(EXAMPLE, 'topology.failover'), 'utf8');
const outages = readFileSync(path.join(EXAMPLE, 'outages.failover'), 'utf8');

describe('language server: diagnostics and code lenses over stdio', () => {
  let client: TestClient;
  const ws = workspaceFolder({ 'topology.failover': topology, 'outages.failover': outages });

  beforeAll(async () => {
    client = await TestClient.start(ws.root);
    await client.open(ws.uri('outages.failover'), outages);
  });
  afterAll(() => client.stop());

  it('pulls no diagnostics for the clean example, reading the import from disk', async () => {
    expect(await client.diagnostics(ws.uri('outages.failover'))).toEqual([]);
  });

  it('shows the scenario verdicts, event effects and expectation results as code lenses', async () => {
    const lenses = await client.simulated(ws.uri('outages.failover'));
    const titles = lenses.map((l) => `${l.range.start.line + 1}: ${l.command?.title}`);
    expect(titles).toContain('4: ✓ 5/5 expectations · max outage 54s983ms · settled 20m29s985ms');
    expect(titles).toContain('4: Show timeline');
    expect(titles).toContain('8: ✓ HQ on CM2 at 5m: 840 (>= 800)');
    expect(titles).toContain('10: ✓ outage HQ: 54s983ms (<= 5m)');
    const timeline = lenses.find((l) => l.command?.title === 'Show timeline');
    expect(timeline?.command).toMatchObject({ command: 'failover.showTimeline', arguments: [ws.uri('outages.failover'), 'CM1 crash at peak'] });
  });

  it('reports a failed expectation after an edit, with its code, and clears it after undo', async () => {
    const uri = ws.uri('outages.failover');
    await client.change(uri, outages.replace('expect outage HQ <= 5m', 'expect outage HQ <= 5s'));
    const failed = await poll(async () => {
      const items = await client.diagnostics(uri);
      return items.find((d) => d.code === 'expectation-failed');
    }, 'expectation-failed');
    expect(failed.message).toBe('Expectation not met in "CM1 crash at peak": outage HQ: 54s983ms (<= 5s).');
    expect(failed.range.start.line).toBe(9);
    await client.change(uri, outages);
    await poll(async () => ((await client.diagnostics(uri)).length === 0 ? true : undefined), 'the problem to go away');
  });

  it('answers a syntax error at once, without waiting for any simulation', async () => {
    const uri = ws.uri('outages.failover');
    await client.change(uri, outages.replace('crash CM1', 'crsh CM1'));
    const items = await client.diagnostics(uri);
    expect(items.map((d) => d.code)).toEqual(['syntax-error']);
    await client.change(uri, outages);
  });
});
