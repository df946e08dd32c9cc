// Safety: imports resolve only to `.failover` files (anything else is `import-not-found` with the
// reason), and the language server never writes to disk, whatever it is asked (formatting, quick
// fixes, rename, exports): the workspace folder is byte-for-byte and mtime-for-mtime unchanged.
import { lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver-protocol';
import { checkDiagnostics } from '../support/fixtures';
import { TestClient, workspaceFolder } from '../support/lspClient';

const TOPOLOGY = 'callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones 100 }\n';

describe('imports resolve only to .failover files', () => {
  it('refuses /etc/passwd and a JSON file, with the reason, even when they exist', () => {
    const diagnostics = checkDiagnostics(
      `import ⟦"/etc/passwd"⟧\nimport ⟦"x.json"⟧\nimport ⟦"../../etc/shadow"⟧\n${TOPOLOGY}`,
      ['import-not-found', 'import-not-found', 'import-not-found'],
      {
        '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
        '/w/x.json': '{ "callmanager": "CM1" }',
      },
    );
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Cannot import `/etc/passwd`: only .failover files can be imported, and `/etc/passwd` is not one.',
      'Cannot import `x.json`: only .failover files can be imported, and `x.json` is not one.',
      'Cannot import `../../etc/shadow`: only .failover files can be imported, and `../../etc/shadow` is not one.',
    ]);
  });

  it('says why an import of a missing .failover file, an empty path or a folder does not resolve', () => {
    const diagnostics = checkDiagnostics(`import ⟦"gone.failover"⟧\nimport ⟦""⟧\nimport ⟦".failover/.."⟧\n${TOPOLOGY}`, [
      'import-not-found',
      'import-not-found',
      'import-not-found',
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Cannot import `gone.failover`: file not found.',
      'Cannot import ``: the import path is empty.',
      'Cannot import `.failover/..`: only .failover files can be imported, and `.failover/..` is not one.',
    ]);
  });
});

/** Every entry under `root` with its kind, size, mtime and (for files) content. */
function snapshot(root: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const full = path.join(folder, name);
      const stat = lstatSync(full);
      const content = stat.isFile() ? readFileSync(full, 'base64') : '';
      entries.set(path.relative(root, full), `${stat.mode} ${stat.size} ${stat.mtimeMs} ${content}`);
      if (stat.isDirectory()) walk(full);
    }
  };
  walk(root);
  return entries;
}

describe('the language server never writes to disk', () => {
  it('leaves the workspace folder untouched through formatting, quick fixes, rename, saves and exports', async () => {
    const messy =
      'import   "topology.failover"\nscenario "s" {\nat 1m crash CM1\n  at 2m   expect HQ on CM9\n  at 3m isolate HQQ\n expect outage HQ <= 30\n}\n';
    const ws = workspaceFolder({
      'topology.failover': `${TOPOLOGY}callmanager SPARE\n`,
      'messy.failover': messy,
      'nested/other.failover': 'import "../topology.failover"\npool P2 { group G phones 5 }\n',
      'failover.config.json': '{ "rules": { "no-redundancy": "warning" } }',
    });
    writeFileSync(path.join(ws.root, 'notes.txt'), 'not a failover file');
    const before = snapshot(ws.root);
    const client = await TestClient.start(ws.root);
    try {
      const uri = ws.uri('messy.failover');
      await client.open(uri, messy);
      const textDocument = { uri };
      const diagnostics = await client.diagnostics(uri);
      expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['unknown-reference', 'missing-unit']));
      const formatting = await client.connection.sendRequest(lsp.DocumentFormattingRequest.type, { textDocument, options: { tabSize: 2, insertSpaces: true } });
      expect(formatting).toHaveLength(1); // an edit returned to the client, not a write
      await client.connection.sendRequest(lsp.DocumentRangeFormattingRequest.type, {
        textDocument,
        range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
        options: { tabSize: 2, insertSpaces: true },
      });
      const actions = (await client.connection.sendRequest(lsp.CodeActionRequest.type, {
        textDocument,
        range: { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } },
        context: { diagnostics },
      })) as lsp.CodeAction[];
      expect(actions.length).toBeGreaterThan(0);
      const topologyUri = ws.uri('topology.failover');
      await client.open(topologyUri, `${TOPOLOGY}callmanager SPARE\n`);
      const topologyActions = (await client.connection.sendRequest(lsp.CodeActionRequest.type, {
        textDocument: { uri: topologyUri },
        range: { start: { line: 4, character: 0 }, end: { line: 4, character: 17 } },
        context: { diagnostics: await client.diagnostics(topologyUri) },
      })) as lsp.CodeAction[];
      expect(topologyActions.length).toBeGreaterThan(0);
      const rename = await client.connection.sendRequest(lsp.RenameRequest.type, {
        textDocument: { uri: topologyUri },
        position: { line: 0, character: 13 },
        newName: 'CM-ONE',
      });
      expect(rename).not.toBeNull();
      await client.connection.sendNotification(lsp.DidSaveTextDocumentNotification.type, { textDocument });
      await client.connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: ws.uri('nested/other.failover'), type: lsp.FileChangeType.Changed }],
      });
      await client.simulated(topologyUri);
      for (const method of ['failover/exportResults', 'failover/runScenario', 'failover/timeline', 'failover/status']) {
        await client.request(method, { uri: topologyUri });
      }
      await client.connection.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'failover.showTimeline', arguments: [uri] }).catch(() => undefined);
      await client.diagnostics(uri);
    } finally {
      await client.stop();
    }
    expect(snapshot(ws.root)).toEqual(before);
  }, 60_000);
});
