// The Testing view's requests over stdio, against the bundled server: the items of every file of
// the folder (open or not), a run answered as the feature function answers it in process, the
// unsaved text of an open document, `failover/testsChanged` after an edit and a watcher event,
// a file deleted meanwhile, and a run cancelled by the client.
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { DEFAULT_EDITOR_CONFIGURATION } from '../../server/src/lsp/editorConfiguration';
import { fileTestItems, selectCases, testOutcome } from '../../server/src/lsp/features/tests';
import { Notifications, Requests, type RunTestsResult, type TestItemsResult, type TestsChangedParams } from '../../server/src/lsp/protocol';
import { featureWorkspace, WORKSPACE_ROOT } from '../support/featureHarness';
import { poll, TestClient, workspaceFolder } from '../support/lspClient';

// The tiny case of codeLens.test.ts: after `at 1m stop CM1` HQ's 10 phones register on CM2 at
// 60 010 … 60 100 ms, so HQ is out for 100 ms at most and all 10 are on CM2 by 1m1s.
const FILES: Record<string, string> = {
  'topology.failover':
    'callmanager CM1 { registration-rate 100 }\ncallmanager CM2 { registration-rate 100 }\ngroup G { CM1, CM2 }\npool HQ { group G phones 10 }\n',
  'scenarios/stop.failover':
    'import "../topology.failover"\n\nscenario "stop" {\n  at 1m stop CM1\n  at 1m1s expect HQ on CM2\n  expect outage HQ <= 1s\n}\n\nscenario "twice" {\n  at 1m stop CM1\n  at 2m stop CM1\n}\n',
  'broken.failover': 'import "topology.failover"\n\nscenario "ghost" {\n  at 1m crash CM9\n}\n',
  // 2 000 000 phones: seconds of simulation, long enough for a cancellation to land during it.
  'big.failover':
    'callmanager A { registration-rate 100 }\ncallmanager B { registration-rate 100 }\ngroup G { A, B }\npool P { group G phones 2000000 }\n\nscenario "long" {\n  at 1m crash A\n}\n',
};

describe('the Testing view over stdio', () => {
  const folder = workspaceFolder(FILES);
  // In process, all but the big file (seconds to simulate, and only the cancellation needs it).
  const ws = featureWorkspace(Object.fromEntries(Object.entries(FILES).filter(([name]) => name !== 'big.failover')));
  /** The server's answer with its URIs rewritten into the in-process workspace's. */
  const inProcess = <T>(answer: T): T =>
    JSON.parse(JSON.stringify(answer).replaceAll(URI.file(folder.root).toString(), URI.file(WORKSPACE_ROOT).toString())) as T;
  let client: TestClient;

  beforeAll(async () => {
    client = await TestClient.start(folder.root);
  });
  afterAll(() => client.stop());

  const changedFor = (uri: string) =>
    client.notifications.some((n) => n.method === Notifications.testsChanged && ((n.params as TestsChangedParams).uris ?? [uri]).includes(uri));

  it('lists the scenarios of every file of the folder, none of them open, as the feature function does', async () => {
    const { files } = await client.request<TestItemsResult>(Requests.testItems, {});
    const names = files.map((f) => path.relative(folder.root, URI.parse(f.uri).fsPath).split(path.sep).join('/'));
    expect(names.sort()).toEqual(['big.failover', 'broken.failover', 'scenarios/stop.failover', 'topology.failover']);
    const stop = files.find((f) => f.uri === folder.uri('scenarios/stop.failover'))!;
    expect(stop.scenarios.map((s) => [s.title, s.expectations.map((e) => e.label)])).toEqual([
      ['stop', ['at 1m1s expect HQ on CM2', 'expect outage HQ <= 1s']],
      ['twice', []],
    ]);
    expect(inProcess(stop)).toEqual(fileTestItems(ws.file('scenarios/stop.failover')));
  });

  it('lists only the files asked for, and leaves out one it does not hold', async () => {
    const { files } = await client.request<TestItemsResult>(Requests.testItems, { uris: [folder.uri('broken.failover'), folder.uri('nowhere.failover')] });
    expect(files.map((f) => f.uri)).toEqual([folder.uri('broken.failover')]);
  });

  it('runs the scenarios of a file that is not open, answering as the feature function does', async () => {
    const result = await client.request<RunTestsResult>(Requests.runTests, { uri: folder.uri('scenarios/stop.failover') });
    const file = ws.file('scenarios/stop.failover');
    const runs = ws.simulation().runs.get(file.key) ?? [];
    expect(inProcess(result)).toEqual(testOutcome(file, selectCases(file, undefined), runs, DEFAULT_EDITOR_CONFIGURATION));
    expect(result).toMatchObject({
      scenarios: [
        { title: 'stop', simulated: true, passed: true },
        { title: 'twice', simulated: true, passed: true },
      ],
    });
  });

  it('runs only the scenarios asked for, and says which the file does not have', async () => {
    const result = await client.request<RunTestsResult>(Requests.runTests, { uri: folder.uri('scenarios/stop.failover'), scenarios: ['twice', 'gone'] });
    expect(result).toMatchObject({ scenarios: [{ title: 'twice' }], missing: ['gone'] });
  });

  it('errors the scenarios of a file with errors, with the first error', async () => {
    const result = await client.request<RunTestsResult>(Requests.runTests, { uri: folder.uri('broken.failover') });
    expect(result).toMatchObject({ scenarios: [{ title: 'ghost', simulated: false, location: { uri: folder.uri('broken.failover') } }] });
  });

  it("runs an open document's unsaved text, and tells the client the file changed", async () => {
    const uri = folder.uri('scenarios/stop.failover');
    const text = FILES['scenarios/stop.failover']!;
    await client.open(uri, text.replace('<= 1s', '<= 50ms'));
    try {
      const result = await client.request<RunTestsResult>(Requests.runTests, { uri, scenarios: ['stop'] });
      expect(result).toMatchObject({
        scenarios: [{ title: 'stop', simulated: true, passed: false, results: [{ passed: true }, { passed: false, expected: '<= 50ms', actual: '100ms' }] }],
      });
      await poll(() => (changedFor(uri) ? true : undefined), 'failover/testsChanged for the opened document');
    } finally {
      await client.close(uri);
    }
  });

  it('tells the client when a watched file changes on disk', async () => {
    const uri = folder.uri('topology.failover');
    client.notifications.length = 0;
    await client.connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: lsp.FileChangeType.Changed }] });
    await poll(() => (changedFor(uri) ? true : undefined), 'failover/testsChanged for the watched file');
  });

  it('says a file deleted meanwhile cannot be run, before any watcher event, and keeps answering', async () => {
    const extra = path.join(folder.root, 'extra.failover');
    writeFileSync(extra, 'callmanager X\ngroup G2 { X }\npool Q { group G2 phones 1 }\nscenario "s" {\n  at 1m crash X\n}\n');
    const uri = URI.file(extra).toString();
    // Written after the server scanned the folder, and no watcher event: the run finds it on disk.
    expect(await client.request<RunTestsResult>(Requests.runTests, { uri })).toMatchObject({ scenarios: [{ title: 's', simulated: true }] });
    rmSync(extra);
    expect(await client.request<RunTestsResult>(Requests.runTests, { uri })).toEqual({
      uri,
      unavailable: 'Cannot run the scenarios of extra.failover: file not found.',
    });
    const { files } = await client.request<TestItemsResult>(Requests.testItems, {});
    expect(files.map((f) => f.uri)).not.toContain(uri);
  });

  it('stops a run the client cancels, and answers that it was cancelled', async () => {
    const source = new lsp.CancellationTokenSource();
    client.logs.length = 0; // the earlier runs' lines
    const answer = client.connection.sendRequest<RunTestsResult>(Requests.runTests, { uri: folder.uri('big.failover') }, source.token);
    // Cancelled once the server has logged the start of the run, so that the worker is stopped mid-way.
    await poll(() => (client.logs.some((l) => l.includes('test run: simulation') && l.includes('started')) ? true : undefined), 'the test run to start');
    source.cancel();
    expect(await answer).toEqual({ uri: folder.uri('big.failover'), cancelled: true });
    expect(client.logs.some((l) => l.includes('cancelled: the test run was cancelled'))).toBe(true);
    // The server goes on answering.
    const result = await client.request<RunTestsResult>(Requests.runTests, { uri: folder.uri('scenarios/stop.failover'), scenarios: ['twice'] });
    expect(result).toMatchObject({ scenarios: [{ title: 'twice', simulated: true }] });
  });
});
