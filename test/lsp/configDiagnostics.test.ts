// failover.config.json in the editor, over stdio: its mistakes (`invalid-config`) are diagnostics on
// the config file itself, at the text of each mistake, from the editor's unsaved text when it is open
// and from the disk when it is not; its comments are fine. The server asks the client for the config
// files' text and pulls their diagnostics through a document selector of its own, so that no other
// feature claims the file that VS Code's JSON support serves.
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver-protocol';
import { poll, positionAt, TestClient, workspaceFolder } from '../support/lspClient';

/** One group of one CallManager, used by a pool without SRST: a `no-redundancy` warning. */
const SOLO = 'callmanager CM1\ngroup SOLO { CM1 }\npool P { group SOLO phones 10 }\n';
const CONFIG = '{\n  // Our rules: comments are allowed.\n  "rules": {\n    "no-redundancy": "warning",\n  },\n}\n';

/** The range of the first `needle` in `text`, as LSP positions. */
function rangeOf(text: string, needle: string): lsp.Range {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`"${needle}" is not in the text`);
  return { start: positionAt(text, start), end: positionAt(text, start + needle.length) };
}

const summary = (diagnostics: lsp.Diagnostic[]) => diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: d.range, message: d.message }));

describe('failover.config.json in the editor', () => {
  const folder = workspaceFolder({ 'solo.failover': SOLO, 'failover.config.json': CONFIG });
  const config = folder.uri('failover.config.json');
  const solo = folder.uri('solo.failover');
  let client: TestClient;

  beforeAll(async () => {
    client = await TestClient.start(folder.root, { dynamicTextSync: true });
  });
  afterAll(() => client.stop());

  it('pulls diagnostics for config files through its own selector, and asks for their text', async () => {
    // Registered once the client has said `initialized`.
    await poll(() => (client.registrations.some((r) => r.method === 'textDocument/didClose') ? true : undefined), 'the registrations');
    const provider = client.initializeResult!.capabilities.diagnosticProvider as lsp.DiagnosticRegistrationOptions;
    expect(provider.documentSelector).toEqual([{ language: 'failover' }, { scheme: 'file', pattern: '**/failover.config.json' }]);
    expect(provider.workspaceDiagnostics).toBe(true);
    const synchronized = client.registrations.filter((r) => r.method.startsWith('textDocument/did'));
    expect(synchronized.map((r) => r.method).sort()).toEqual(['textDocument/didChange', 'textDocument/didClose', 'textDocument/didOpen']);
    for (const registration of synchronized) {
      expect(registration.registerOptions).toMatchObject({ documentSelector: [{ scheme: 'file', pattern: '**/failover.config.json' }] });
    }
  });

  it('finds nothing wrong with a valid config, its comments and trailing commas', async () => {
    expect(await client.diagnostics(config)).toEqual([]);
  });

  it('underlines a wrong severity typed in the editor, before it is saved, at the value', async () => {
    const text = CONFIG.replace('"warning"', '"loud"');
    await client.open(config, CONFIG, 'jsonc');
    await client.change(config, text);
    expect(summary(await client.diagnostics(config))).toEqual([
      {
        code: 'invalid-config',
        severity: lsp.DiagnosticSeverity.Error,
        range: rangeOf(text, '"loud"'),
        message: 'Invalid severity "loud" for "no-redundancy": use "off", "error", "warning", "info" or "hint".',
      },
    ]);
  });

  it('follows each edit: an unknown code with its suggestion, then invalid JSON, then nothing once fixed', async () => {
    const unknown = CONFIG.replace('"no-redundancy"', '"no-redundancey"');
    await client.change(config, unknown);
    expect(summary(await client.diagnostics(config))).toEqual([
      {
        code: 'invalid-config',
        severity: lsp.DiagnosticSeverity.Error,
        range: rangeOf(unknown, '"no-redundancey"'),
        message: 'Unknown diagnostic code "no-redundancey". Did you mean "no-redundancy"?',
      },
    ]);
    const broken = CONFIG.replace('"warning",', '"warning";');
    await client.change(config, broken);
    expect(summary(await client.diagnostics(config))).toEqual([
      {
        code: 'invalid-config',
        severity: lsp.DiagnosticSeverity.Error,
        range: rangeOf(broken, ';'),
        message: 'Invalid JSON in failover.config.json: unexpected character.',
      },
    ]);
    await client.change(config, CONFIG);
    expect(await client.diagnostics(config)).toEqual([]);
  });

  it('applies the rules of the open config to the .failover files at once, unsaved', async () => {
    expect((await client.diagnostics(solo)).map((d) => `${d.code}:${d.severity}`)).toEqual([`no-redundancy:${lsp.DiagnosticSeverity.Warning}`]);
    await client.change(config, CONFIG.replace('"warning"', '"off"'));
    expect(await client.diagnostics(solo)).toEqual([]);
    await client.change(config, CONFIG);
  });

  it('reads a closed config from the disk, again when it changes there', async () => {
    await client.close(config);
    const onDisk = '{ "rules": { "no-redundancy": "warn" } }';
    writeFileSync(path.join(folder.root, 'failover.config.json'), onDisk);
    await client.connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, { changes: [{ uri: config, type: lsp.FileChangeType.Changed }] });
    expect(summary(await client.diagnostics(config))).toEqual([
      {
        code: 'invalid-config',
        severity: lsp.DiagnosticSeverity.Error,
        range: rangeOf(onDisk, '"warn"'),
        message: 'Invalid severity "warn" for "no-redundancy": use "off", "error", "warning", "info" or "hint".',
      },
    ]);
    writeFileSync(path.join(folder.root, 'failover.config.json'), CONFIG);
    await client.connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, { changes: [{ uri: config, type: lsp.FileChangeType.Changed }] });
    expect(await client.diagnostics(config)).toEqual([]);
  });

  it('does not read the config as a .failover file: no syntax errors, no symbols', async () => {
    await client.open(config, '{ "rules": {} }', 'jsonc');
    expect(await client.diagnostics(config)).toEqual([]);
    const symbols = await client.request<lsp.SymbolInformation[]>('workspace/symbol', { query: '' });
    expect(symbols.map((s) => s.location.uri)).not.toContain(config);
    await client.close(config);
  });

  it('reports a config file that is not there as nothing, and one that goes away as nothing', async () => {
    expect(await client.diagnostics(folder.uri('elsewhere/failover.config.json'))).toEqual([]);
    rmSync(path.join(folder.root, 'failover.config.json'));
    await client.connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, { changes: [{ uri: config, type: lsp.FileChangeType.Deleted }] });
    expect(await client.diagnostics(config)).toEqual([]);
  });
});

describe('failover.config.json for a client that cannot pull diagnostics', () => {
  it('publishes the open config’s mistakes, and clears them when fixed', async () => {
    const folder = workspaceFolder({ 'solo.failover': SOLO });
    const client = await TestClient.start(folder.root, { pullDiagnostics: false });
    try {
      const config = folder.uri('failover.config.json');
      const text = '{ "rules": { "no-redundancy": 3 } }';
      await client.open(config, text, 'jsonc');
      const pushed = await poll(() => (client.pushed.get(config)?.length ? client.pushed.get(config) : undefined), 'the config’s diagnostics');
      expect(summary(pushed)).toEqual([
        {
          code: 'invalid-config',
          severity: lsp.DiagnosticSeverity.Error,
          range: rangeOf(text, '3'),
          message: 'Invalid severity 3 for "no-redundancy": use "off", "error", "warning", "info" or "hint".',
        },
      ]);
      await client.change(config, '{ "rules": { "no-redundancy": "off" } }');
      await poll(() => (client.pushed.get(config)?.length === 0 ? true : undefined), 'the config’s diagnostics to clear');
    } finally {
      await client.stop();
    }
  });
});
