// Problems for the whole workspace, over stdio: `workspace/diagnostic` reports every `.failover` file
// of the folder, open or not, with its simulation's findings, and the config files that apply to
// them, so that VS Code's Problems panel lists them without opening a file. vscode-languageclient
// asks again as soon as it has an answer, handing back the result ids it holds: the server holds
// that request until something changed, then answers with only the files whose diagnostics changed.
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver-protocol';
import { positionAt, TestClient, workspaceFolder } from '../support/lspClient';

const FILES: Record<string, string> = {
  'topology.failover': 'callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool P { group G phones 100 }\n',
  'broken.failover': 'pool Q { group NOWHERE phones 10 }\n',
  // After CM1's crash at 1m the 100 phones of P are on CM2 at 2m, not 0: a failed expectation.
  'scenarios.failover': 'import "topology.failover"\nscenario "CM1 crash" {\n  at 1m crash CM1\n  at 2m expect P on CM2 == 0\n}\n',
  'sub/spare.failover': 'callmanager SPARE\n',
  'sub/failover.config.json': '{\n  // for the lab\n  "rules": { "nope": "off" }\n}\n',
};

/** What VS Code's client keeps: the result id of each file it was told about. */
type Held = Map<string, string>;

describe('workspace diagnostics', () => {
  const folder = workspaceFolder(FILES);
  const held: Held = new Map();
  let client: TestClient;
  /** Relative name → its URI, and back. */
  const name = (uri: string) => path.relative(folder.root, new URL(uri).pathname);

  /** One `workspace/diagnostic` request with the ids held, as vscode-languageclient sends it; the answer's ids are kept. */
  async function pull(token?: lsp.CancellationToken): Promise<Map<string, lsp.WorkspaceFullDocumentDiagnosticReport>> {
    const previousResultIds = [...held].map(([uri, value]) => ({ uri, value }));
    const answer = await client.connection.sendRequest(lsp.WorkspaceDiagnosticRequest.type, { previousResultIds }, token);
    const byName = new Map<string, lsp.WorkspaceFullDocumentDiagnosticReport>();
    for (const item of answer.items) {
      expect(item.kind).toBe('full');
      const report = item as lsp.WorkspaceFullDocumentDiagnosticReport;
      held.set(report.uri, report.resultId!);
      byName.set(name(report.uri), report);
    }
    return byName;
  }
  const codes = (reports: Map<string, lsp.WorkspaceFullDocumentDiagnosticReport>) =>
    Object.fromEntries([...reports].map(([file, report]) => [file, report.items.map((d) => d.code)]));

  beforeAll(async () => {
    client = await TestClient.start(folder.root, { settings: { simulation: { timeBudgetMs: 60_000 } } });
  });
  afterAll(() => client.stop());

  it('lists the problems of every file, none of them open: static, simulated, and the config’s', async () => {
    const reports = await pull();
    expect(codes(reports)).toEqual({
      'broken.failover': ['unknown-reference'],
      // The simulation had finished: the answer waits for it rather than coming twice.
      'scenarios.failover': ['expectation-failed'],
      'topology.failover': [],
      'sub/spare.failover': ['unused-definition'],
      'sub/failover.config.json': ['invalid-config'],
    });
    const config = FILES['sub/failover.config.json']!;
    expect(reports.get('sub/failover.config.json')!.items[0]).toMatchObject({
      range: { start: positionAt(config, config.indexOf('"nope"')), end: positionAt(config, config.indexOf('"nope"') + 6) },
      message: 'Unknown diagnostic code "nope".',
      source: 'failover',
    });
    const broken = FILES['broken.failover']!;
    expect(reports.get('broken.failover')!.items[0]!.range.start).toEqual(positionAt(broken, broken.indexOf('NOWHERE')));
    for (const report of reports.values()) expect(report.version).toBeNull();
  });

  it('holds the next request until something changes, then answers with only the files that changed', async () => {
    const next = pull();
    writeFileSync(path.join(folder.root, 'broken.failover'), 'import "topology.failover"\npool Q { group G phones 10 }\n');
    await client.connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: folder.uri('broken.failover'), type: lsp.FileChangeType.Changed }],
    });
    expect(codes(await next)).toEqual({ 'broken.failover': [] });
  });

  it('clears the problems of a file deleted from the disk', async () => {
    const next = pull();
    rmSync(path.join(folder.root, 'scenarios.failover'));
    await client.connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: folder.uri('scenarios.failover'), type: lsp.FileChangeType.Deleted }],
    });
    expect(codes(await next)).toEqual({ 'scenarios.failover': [] });
  });

  it('reports an open file as its pull does, with the same result id, so that the two never disagree', async () => {
    const spare = folder.uri('sub/spare.failover');
    const next = pull();
    await client.open(spare, 'callmanager SPARE\ncallmanager SPARE2\n');
    const answer = await next;
    expect(codes(answer)).toEqual({ 'sub/spare.failover': ['unused-definition', 'unused-definition'] });
    const pulled = (await client.connection.sendRequest(lsp.DocumentDiagnosticRequest.type, {
      textDocument: { uri: spare },
    })) as lsp.FullDocumentDiagnosticReport;
    expect(pulled.items).toEqual(answer.get('sub/spare.failover')!.items);
    expect(pulled.resultId).toBe(answer.get('sub/spare.failover')!.resultId);
    // The ids held still match: a change elsewhere brings that file alone.
    const after = pull();
    writeFileSync(path.join(folder.root, 'topology.failover'), `${FILES['topology.failover']}callmanager CM3\n`);
    await client.connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: folder.uri('topology.failover'), type: lsp.FileChangeType.Changed }],
    });
    expect(codes(await after)).toEqual({ 'topology.failover': ['unused-definition'] });
  });

  it('answers a request that the client cancels, at once and with nothing', async () => {
    const source = new lsp.CancellationTokenSource();
    const next = pull(source.token);
    source.cancel();
    expect(codes(await next)).toEqual({});
  });
});

describe('workspace diagnostics with the editor’s rules', () => {
  it('applies failover.rules to the files that are not open, as to the open ones', async () => {
    const folder = workspaceFolder({ 'spare.failover': 'callmanager SPARE\n' });
    const client = await TestClient.start(folder.root, { settings: { rules: { 'unused-definition': 'warning' } } });
    try {
      const answer = await client.connection.sendRequest(lsp.WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
      const [report] = answer.items as lsp.WorkspaceFullDocumentDiagnosticReport[];
      expect(report!.items.map((d) => [d.code, d.severity])).toEqual([['unused-definition', lsp.DiagnosticSeverity.Warning]]);
    } finally {
      await client.stop();
    }
  });
});
