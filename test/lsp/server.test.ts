import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver-protocol';
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

  it('gives a scenario without steps its figures too, not an endless "simulating"', async () => {
    const uri = ws.uri('outages.failover');
    await client.change(uri, `${outages}\nscenario "quiet day" {\n}\n`);
    const lenses = await client.simulated(uri);
    const line = outages.split('\n').length + 1; // the new scenario's keyword, 1-based
    expect(lenses.map((l) => `${l.range.start.line + 1}: ${l.command?.title}`)).toContain(`${line}: max outage 0s · settled 0s`);
    await client.change(uri, outages);
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

const ws = workspaceFolder({ 'topology.failover': topology, 'outages.failover': outages });

describe('language server: cancellation and failures', () => {
  // 400,000 phones crashing and falling back: long enough to still be running when the next edit lands.
  const heavy = (phones: number) =>
    `callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones ${phones} }\nscenario "storm" {\n  at 1m crash CM1\n  at 20m recover CM1\n  expect outage HQ <= 1h\n}\n`;

  it("cancels a running simulation when the text changes, and shows the new text's figures", async () => {
    const ws = workspaceFolder({ 'storm.failover': heavy(400_000) });
    const client = await TestClient.start(ws.root);
    try {
      const uri = ws.uri('storm.failover');
      await client.open(uri, heavy(400_000));
      await poll(() => (client.logs.some((l) => /simulation \d+ started/.test(l)) ? true : undefined), 'the heavy simulation to start');
      await client.change(uri, heavy(10));
      await poll(
        () => (client.logs.some((l) => /simulation \d+ cancelled: the text changed/.test(l)) ? true : undefined),
        'the heavy simulation to be cancelled',
      );
      const lenses = await client.simulated(uri);
      // 10 phones, defaults: the slowest detection is phone 9 at 60 000 + 27 000 + 25 000 = 112 000,
      // registered 10 ms later on CM2; its outage is 112 010 − 60 000 = 52 010 ms.
      expect(lenses.map((l) => l.command?.title)).toContain('✓ outage HQ: 52s10ms (<= 1h)');
    } finally {
      await client.stop();
    }
  });

  it('stops a running simulation and its worker at shutdown, and exits with 0 after exit', async () => {
    const ws = workspaceFolder({ 'storm.failover': heavy(400_000) });
    const client = await TestClient.start(ws.root);
    try {
      await client.open(ws.uri('storm.failover'), heavy(400_000));
      await poll(() => (client.logs.some((l) => /simulation \d+ started/.test(l)) ? true : undefined), 'the heavy simulation to start');
      await client.request('shutdown', undefined);
      await poll(
        () => (client.logs.some((l) => /simulation \d+ cancelled: the service stopped/.test(l)) ? true : undefined),
        'the simulation to be stopped at shutdown',
      );
      const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
      await client.connection.sendNotification('exit');
      expect(await exited).toBe(0);
    } finally {
      if (client.process.exitCode === null) await client.stop();
      else client.connection.dispose();
    }
  });

  it('answers a request that throws with an error and keeps serving', async () => {
    const client = await TestClient.start(ws.root);
    try {
      const uri = ws.uri('outages.failover');
      await client.open(uri, outages);
      // A hover without a position makes its handler throw.
      await expect(client.request('textDocument/hover', { textDocument: { uri } })).rejects.toThrow(/textDocument\/hover failed/);
      expect(await client.diagnostics(uri)).toEqual([]);
      expect(client.process.exitCode).toBeNull();
    } finally {
      await client.stop();
    }
  });
});

describe('language server: the file a mistyped import meant', () => {
  it('suggests a file created after the import was written, once the watcher reports it', async () => {
    const folder = workspaceFolder({ 'outages.failover': 'import "toplogy.failover"\n' });
    const client = await TestClient.start(folder.root);
    try {
      const uri = folder.uri('outages.failover');
      await client.open(uri, 'import "toplogy.failover"\n');
      const messages = async () => (await client.diagnostics(uri)).map((d) => d.message);
      expect(await messages()).toEqual(['Cannot import `toplogy.failover`: file not found.']);
      writeFileSync(path.join(folder.root, 'topology.failover'), topology);
      await client.connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: folder.uri('topology.failover'), type: lsp.FileChangeType.Created }],
      });
      expect(await messages()).toEqual(['Cannot import `toplogy.failover`: file not found. Did you mean `topology.failover`?']);
    } finally {
      await client.stop();
    }
  });
});

describe('language server: push diagnostics for clients that cannot pull', () => {
  it('publishes static and simulated problems, and clears them when fixed', async () => {
    const client = await TestClient.start(ws.root, { pullDiagnostics: false });
    try {
      const uri = ws.uri('outages.failover');
      await client.open(uri, outages.replace('expect peak CM2 <= 2500', 'expect peak CM2 <= 1000'));
      const pushed = await poll(() => client.pushed.get(uri)?.find((d) => d.code === 'expectation-failed'), 'a pushed expectation-failed');
      expect(pushed.message).toContain('peak CM2: 1240 (<= 1000)');
      await client.change(uri, outages);
      await poll(() => (client.pushed.get(uri)?.length === 0 ? true : undefined), 'the pushed problems to clear');
    } finally {
      await client.stop();
    }
  });
});

describe('language server: settings', () => {
  it('applies failover.rules from the client settings, per resource', async () => {
    const solo = 'callmanager CM1\ngroup SOLO { CM1 }\npool P { group SOLO phones 10 }\n';
    const folder = workspaceFolder({ 'solo.failover': solo });
    const quiet = await TestClient.start(folder.root, { settings: { rules: { 'no-redundancy': 'off' }, simulation: { mode: 'off' } } });
    const strict = await TestClient.start(folder.root, { settings: { rules: { 'no-redundancy': 'error' }, simulation: { mode: 'off' } } });
    try {
      const uri = folder.uri('solo.failover');
      await quiet.open(uri, solo);
      await strict.open(uri, solo);
      expect((await quiet.diagnostics(uri)).map((d) => d.code)).toEqual([]);
      expect((await strict.diagnostics(uri)).map((d) => [d.code, d.severity])).toEqual([['no-redundancy', 1]]);
    } finally {
      await quiet.stop();
      await strict.stop();
    }
  });
});
