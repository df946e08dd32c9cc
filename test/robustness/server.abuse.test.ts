// The language server under abuse, over stdio with the real protocol: thousands of rapid edits
// with requests interleaved, huge documents, binary content, odd encodings and line breaks, deep
// and cyclic imports, files vanishing under an open import. Every request gets an answer or a
// proper cancellation, the final diagnostics match the final text, the server never exits on its
// own, and its memory stays bounded (peak resident set read from /proc, logged, loosely asserted).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { LineIndex } from '../../server/src/core/syntax/lineIndex';
import { Analysis } from '../../server/src/core/workspace/analysis';
import { poll, TestClient, workspaceFolder } from '../support/lspClient';
import { mapHost } from './support';

const EXAMPLE = path.resolve(__dirname, '../fixtures/spec-example');
const topology = readFileSync(path.join(EXAMPLE, 'topology.failover'), 'utf8');
const outages = readFileSync(path.join(EXAMPLE, 'outages.failover'), 'utf8');

/** Diagnostics that come from the simulation (they arrive later, in the background). */
const SIMULATED_CODES = new Set([
  'expectation-failed',
  'capacity-exceeded',
  'no-service',
  'calls-not-placed',
  'event-no-effect',
  'single-failure-risk',
  'simulation-limit',
]);

/** The error codes a request may legitimately end with when it is cancelled or overtaken. */
const CANCELLATION_CODES = new Set<number>([lsp.LSPErrorCodes.RequestCancelled, lsp.LSPErrorCodes.ContentModified, lsp.LSPErrorCodes.ServerCancelled]);

/** Generous bound on the server's resident memory; the observed peak is logged for the report. */
const MAX_RSS_BYTES = 1.5 * 1024 ** 3;

const peaks: { test: string; peakKb: number }[] = [];

/** The child's peak resident set (VmHWM, kB) from /proc; also checks that it is still alive. */
function memoryOf(client: TestClient, test: string): number {
  expect(client.process.exitCode, 'the server exited on its own').toBeNull();
  expect(client.process.signalCode).toBeNull();
  const statusFile = `/proc/${client.process.pid}/status`;
  if (!existsSync(statusFile)) return 0; // not Linux: only liveness is checked
  const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(statusFile, 'utf8'))?.[1]);
  peaks.push({ test, peakKb });
  expect(peakKb * 1024).toBeLessThan(MAX_RSS_BYTES);
  return peakKb;
}

afterAll(() => {
  const worst = peaks.reduce((a, b) => (b.peakKb > a.peakKb ? b : a), { test: 'none', peakKb: 0 });
  console.log(
    `server memory: peak VmHWM per test (MB): ${peaks.map((p) => `${p.test} ${Math.round(p.peakKb / 1024)}`).join(', ')}; worst ${Math.round(worst.peakKb / 1024)} MB (${worst.test})`,
  );
});

/** Static diagnostics of `text` as a fresh analysis sees it, in LSP form, for comparison with the server's. */
function expectedDiagnostics(files: ReadonlyMap<string, string>, key: string): string[] {
  const analysis = Analysis.load([key], mapHost(files));
  const lines = new LineIndex(files.get(key)!);
  return analysis.diagnostics(key).map((d) => {
    const start = lines.positionAt(d.range.start);
    const end = lines.positionAt(d.range.end);
    return `${start.line}:${start.character}-${end.line}:${end.character} ${d.code} ${d.message}`;
  });
}

function shown(diagnostics: readonly lsp.Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => !SIMULATED_CODES.has(String(d.code)))
    .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`);
}

/** A position in `text` (LF, CRLF or CR line breaks, UTF-16 characters), as LSP counts it. */
function positionIn(text: string, offset: number): lsp.Position {
  return new LineIndex(text).positionAt(offset);
}

/** Sends an incremental edit (replace `start..end` of the current text by `insert`); returns the new text. */
async function edit(client: TestClient, uri: string, version: number, text: string, start: number, end: number, insert: string): Promise<string> {
  const index = new LineIndex(text);
  await client.connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: index.positionAt(start), end: index.positionAt(end) }, text: insert }],
  });
  return text.slice(0, start) + insert + text.slice(end);
}

/** Settles every request: each must be answered or end in a proper cancellation error, nothing else. */
async function assertAnsweredOrCancelled(requests: readonly Promise<unknown>[]): Promise<{ answered: number; cancelled: number }> {
  const outcomes = await Promise.allSettled(requests);
  let answered = 0;
  let cancelled = 0;
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') answered++;
    else {
      const error = outcome.reason as { code?: number; message?: string };
      if (error.code === undefined || !CANCELLATION_CODES.has(error.code)) throw new Error(`a request failed: ${error.code} ${error.message}`);
      cancelled++;
    }
  }
  return { answered, cancelled };
}

describe('language server under abuse', () => {
  it("survives 2,000 rapid incremental edits with 2,000 requests interleaved, and ends with the final text's diagnostics", async () => {
    const ws = workspaceFolder({ 'topology.failover': topology, 'outages.failover': outages });
    const client = await TestClient.start(ws.root);
    try {
      const uri = ws.uri('outages.failover');
      await client.open(uri, outages);
      const pieces = ['a', ' ', '\n', '{', '}', '#', '"', '1', 'm', 'crash ', 'CM1', 'at ', 'é', '😀', '\r\n', ','];
      const plan = fc.sample(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...pieces), fc.nat(), fc.nat(9)), { seed: 31_337, numRuns: 2_000 });
      let text = outages;
      let version = 1;
      const requests: Promise<unknown>[] = [];
      for (const [where, deleted, inserted, requestAt, kind] of plan) {
        // LSP cannot address the point between the CR and the LF of a CRLF: edits start before it and end after it.
        const insideCrlf = (offset: number) => text[offset - 1] === '\r' && text[offset] === '\n';
        let start = where % (text.length + 1);
        if (insideCrlf(start)) start--;
        let end = Math.min(text.length, start + deleted);
        if (insideCrlf(end)) end++;
        text = await edit(client, uri, ++version, text, start, end, inserted);
        const position = positionIn(text, requestAt % (text.length + 1));
        const textDocument = { uri };
        const source = new lsp.CancellationTokenSource();
        switch (kind) {
          case 0:
          case 1:
            requests.push(client.connection.sendRequest(lsp.HoverRequest.type, { textDocument, position }, source.token));
            break;
          case 2:
          case 3:
            requests.push(client.connection.sendRequest(lsp.CompletionRequest.type, { textDocument, position }, source.token));
            break;
          case 4:
            requests.push(client.connection.sendRequest(lsp.CodeLensRequest.type, { textDocument }, source.token));
            break;
          case 5:
          case 6:
            requests.push(client.connection.sendRequest(lsp.DocumentDiagnosticRequest.type, { textDocument }, source.token));
            break;
          case 7:
            requests.push(client.connection.sendRequest(lsp.DocumentSymbolRequest.type, { textDocument }, source.token));
            break;
          case 8:
            requests.push(
              client.connection.sendRequest(
                lsp.InlayHintRequest.type,
                { textDocument, range: { start: { line: 0, character: 0 }, end: position } },
                source.token,
              ),
            );
            break;
          default:
            // A request the client gives up on at once: answered or cancelled, never lost.
            requests.push(client.connection.sendRequest(lsp.HoverRequest.type, { textDocument, position }, source.token));
            source.cancel();
        }
      }
      const { answered, cancelled } = await assertAnsweredOrCancelled(requests);
      expect(answered + cancelled).toBe(2_000);
      expect(answered).toBeGreaterThan(1_000);
      console.log(`rapid edits: ${answered} requests answered, ${cancelled} cancelled`);

      const files = new Map([
        [path.join(ws.root, 'topology.failover'), topology],
        [path.join(ws.root, 'outages.failover'), text],
      ]);
      const expected = expectedDiagnostics(files, path.join(ws.root, 'outages.failover'));
      expect(shown(await client.diagnostics(uri))).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0); // the fuzzed text is broken, so the comparison means something

      // And the server still follows: undo everything in one edit, and the example is clean again.
      await client.connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: ++version },
        contentChanges: [{ text: outages }],
      });
      expect(shown(await client.diagnostics(uri))).toEqual([]);
      memoryOf(client, 'rapid edits');
    } finally {
      await client.stop();
    }
  }, 60_000);

  it("pushes the final text's diagnostics after 500 rapid edits to a client that cannot pull", async () => {
    const ws = workspaceFolder({ 'topology.failover': topology, 'outages.failover': outages });
    const client = await TestClient.start(ws.root, { pullDiagnostics: false });
    try {
      const uri = ws.uri('outages.failover');
      await client.open(uri, outages);
      const plan = fc.sample(fc.tuple(fc.nat(), fc.nat(2), fc.constantFrom('x', ' ', '\n', '}', '"', '9', 'crash ')), { seed: 4_711, numRuns: 500 });
      let text = outages;
      let version = 1;
      for (const [where, deleted, inserted] of plan) {
        const start = where % (text.length + 1);
        text = await edit(client, uri, ++version, text, start, Math.min(text.length, start + deleted), inserted);
      }
      const files = new Map([
        [path.join(ws.root, 'topology.failover'), topology],
        [path.join(ws.root, 'outages.failover'), text],
      ]);
      const expected = expectedDiagnostics(files, path.join(ws.root, 'outages.failover'));
      expect(expected.length).toBeGreaterThan(0);
      await poll(
        () => (JSON.stringify(shown(client.pushed.get(uri) ?? [])) === JSON.stringify(expected) ? true : undefined),
        'the pushed diagnostics of the final text',
        20_000,
      );
      memoryOf(client, 'push after edits');
    } finally {
      await client.stop();
    }
  }, 60_000);

  it('answers on a document of 100,000 lines and on a single line of 1 MB', async () => {
    const ws = workspaceFolder({});
    // The smallest time budget: the simulations start (a snapshot of the huge texts goes to the worker) and stop soon.
    const client = await TestClient.start(ws.root, { settings: { simulation: { timeBudgetMs: 100 } } });
    try {
      // 100,000 lines: 10,000 ten-line blocks (comments, a documented callmanager, a group over three lines, a pool).
      const blocks: string[] = [];
      for (let i = 0; i < 10_000; i++) {
        blocks.push(
          `# block ${i}\n## Primary of block ${i}.\ncallmanager CM${i} { capacity 100 }\ngroup G${i} {\n  CM${i}\n}\npool P${i} { group G${i} phones 1 }\n\n# end of block ${i}\n\n`,
        );
      }
      const long = blocks.join('');
      expect(long.split('\n').length).toBe(100_001);
      const longUri = URI.file(path.join(ws.root, 'long.failover')).toString();
      await client.open(longUri, long);
      const diagnostics = await poll(() => client.diagnostics(longUri), 'diagnostics of the 100,000-line document', 60_000);
      // Each single-member group without srst: a no-redundancy warning per pool.
      expect(diagnostics.filter((d) => d.code === 'no-redundancy')).toHaveLength(10_000);
      expect(diagnostics.find((d) => d.message.includes('G9999'))?.range.start.line).toBe(99_996);
      const symbols = (await client.connection.sendRequest(lsp.DocumentSymbolRequest.type, { textDocument: { uri: longUri } })) as lsp.DocumentSymbol[];
      expect(symbols).toHaveLength(30_000);
      const hover = await client.connection.sendRequest(lsp.HoverRequest.type, { textDocument: { uri: longUri }, position: { line: 99_996, character: 20 } });
      expect(hover?.range).toEqual({ start: { line: 99_996, character: 19 }, end: { line: 99_996, character: 24 } });
      memoryOf(client, '100,000 lines');
      await client.close(longUri);

      // One line of 1 MB: a topology, then a scenario of 62,500 steps, the last naming a pool that does not exist.
      const head = 'callmanager CM1 callmanager CM2 group G { CM1, CM2 } pool HQ { group G phones 10 } scenario "long" { ';
      const step = 'at 1m crash CM1 ';
      const oneLine = `${head}${step.repeat(Math.ceil(1_000_000 / step.length))}at 2m isolate NOPE }`;
      expect(oneLine.length).toBeGreaterThan(1_000_000);
      const lineUri = URI.file(path.join(ws.root, 'line.failover')).toString();
      await client.open(lineUri, oneLine);
      const lineDiagnostics = await poll(() => client.diagnostics(lineUri), 'diagnostics of the 1 MB line', 60_000);
      const unknown = lineDiagnostics.find((d) => d.code === 'unknown-reference');
      expect(unknown?.range).toEqual({ start: { line: 0, character: oneLine.length - 6 }, end: { line: 0, character: oneLine.length - 2 } });
      const lineHover = await client.connection.sendRequest(lsp.HoverRequest.type, {
        textDocument: { uri: lineUri },
        position: { line: 0, character: oneLine.length - 20 },
      });
      expect(lineHover?.range?.start.character).toBe(oneLine.length - 20);
      const edits = await client.connection.sendRequest(lsp.DocumentFormattingRequest.type, {
        textDocument: { uri: lineUri },
        options: { tabSize: 2, insertSpaces: true },
      });
      expect(edits).toHaveLength(1);
      memoryOf(client, '1 MB line');
    } finally {
      await client.stop();
    }
  }, 90_000);

  it('takes binary content, CRLF, a BOM, lone CRs and non-ASCII names and comments', async () => {
    // Random bytes, written to disk (read by the server as UTF-8) and opened as documents decoded both ways.
    const bytes = Buffer.from(fc.sample(fc.integer({ min: 0, max: 255 }), { seed: 2_718, numRuns: 64 * 1024 }));
    const ws = workspaceFolder({ 'binary.failover': '' });
    writeFileSync(path.join(ws.root, 'binary.failover'), bytes);
    const client = await TestClient.start(ws.root);
    try {
      for (const [name, text] of [
        ['utf8.failover', bytes.toString('utf8')],
        ['latin1.failover', bytes.toString('latin1')],
      ] as const) {
        const uri = ws.uri(name);
        await client.open(uri, text);
        const diagnostics = await client.diagnostics(uri);
        expect(diagnostics.some((d) => d.code === 'syntax-error')).toBe(true);
        const lines = new LineIndex(text);
        for (const d of diagnostics) {
          expect(lines.offsetAt(d.range.start)).toBeLessThanOrEqual(lines.offsetAt(d.range.end));
          expect(d.range.end.line).toBeLessThan(lines.lineCount);
        }
        await client.connection.sendRequest(lsp.DocumentSymbolRequest.type, { textDocument: { uri } });
        await client.connection.sendRequest(lsp.SemanticTokensRequest.type, { textDocument: { uri } });
        await client.connection.sendRequest(lsp.FoldingRangeRequest.type, { textDocument: { uri } });
        await client.connection.sendRequest(lsp.CompletionRequest.type, { textDocument: { uri }, position: positionIn(text, text.length >> 1) });
        await client.close(uri);
      }
      // The binary file on disk is part of the workspace: workspace symbols still answer.
      await client.connection.sendRequest(lsp.WorkspaceSymbolRequest.type, { query: 'CM' });

      // CRLF, a BOM and non-ASCII: names are ASCII by the grammar, so `Zürich` is a syntax error at the `ü`,
      // counted in UTF-16 units after the BOM; a comment may hold anything.
      const crlf =
        '\uFEFF# Zentrale Zürich — 東京 😀\r\ncallmanager CM1\r\ncallmanager CM2\r\ngroup G { CM1, CM2 }\r\npool Zürich { group G phones 10 }\r\npool P { group GG phones 10 }\r\n';
      const crlfUri = ws.uri('crlf.failover');
      await client.open(crlfUri, crlf);
      const items = await client.diagnostics(crlfUri);
      const byCode = Object.fromEntries(items.map((d) => [d.code, d.range]));
      expect(byCode['syntax-error']).toEqual({ start: { line: 4, character: 6 }, end: { line: 4, character: 7 } });
      expect(byCode['unknown-reference']).toEqual({ start: { line: 5, character: 15 }, end: { line: 5, character: 17 } });
      const hover = await client.connection.sendRequest(lsp.HoverRequest.type, { textDocument: { uri: crlfUri }, position: { line: 3, character: 11 } });
      expect(hover?.range).toEqual({ start: { line: 3, character: 10 }, end: { line: 3, character: 13 } });

      // Lone CR line breaks count as line breaks in positions, as LSP says.
      const cr = 'callmanager CM1\rgroup G { CM1, CM9 }\r';
      const crUri = ws.uri('cr.failover');
      await client.open(crUri, cr);
      const crItems = await client.diagnostics(crUri);
      expect(crItems.find((d) => d.code === 'unknown-reference')?.range).toEqual({ start: { line: 1, character: 15 }, end: { line: 1, character: 18 } });
      memoryOf(client, 'binary and encodings');
    } finally {
      await client.stop();
    }
  }, 60_000);

  it('follows an import chain 200 files deep and reports an import cycle', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`chain/f${i}.failover`] = i < 199 ? `import "f${i + 1}.failover"\ncallmanager CM${i}\n` : 'callmanager LAST\n';
    files['chain/root.failover'] = 'import "f0.failover"\ngroup G { CM0, LAST }\npool P { group G phones 10 }\nscenario "deep" {\n  at 1m crash LAST\n}\n';
    files['cycle/a.failover'] = 'import "b.failover"\ncallmanager A\n';
    files['cycle/b.failover'] = 'import "c.failover"\ncallmanager B\n';
    files['cycle/c.failover'] = 'import "a.failover"\ncallmanager C\n';
    const ws = workspaceFolder(files);
    const client = await TestClient.start(ws.root);
    try {
      const root = ws.uri('chain/root.failover');
      await client.open(root, files['chain/root.failover']!);
      expect(shown(await client.diagnostics(root))).toEqual([]);
      const definition = (await client.connection.sendRequest(lsp.DefinitionRequest.type, {
        textDocument: { uri: root },
        position: { line: 1, character: 17 },
      })) as lsp.Location[] | lsp.Location;
      expect(JSON.stringify(definition)).toContain('f199.failover');
      // The scenario was simulated across the 200 files: its verdict and timeline lenses are there.
      const lenses = await client.simulated(root, 30_000);
      expect(lenses.map((l) => l.command?.title)).toContain('Show timeline');

      const a = ws.uri('cycle/a.failover');
      await client.open(a, files['cycle/a.failover']!);
      const cycle = (await client.diagnostics(a)).filter((d) => d.code === 'import-cycle');
      expect(cycle.map((d) => d.message)).toEqual([
        'Import cycle: a.failover → b.failover → c.failover → a.failover. Move the shared definitions into a file that both import.',
      ]);
      memoryOf(client, 'deep imports');
    } finally {
      await client.stop();
    }
  }, 60_000);

  it.skipIf(process.platform === 'win32')(
    'starts on a workspace holding a FIFO and a device named .failover, and reports an import of them',
    async () => {
      // The workspace scan reads every .failover file: a FIFO blocked the server for ever, /dev/zero never ends.
      const ws = workspaceFolder({ 'main.failover': 'import "pipe.failover"\nimport "zero.failover"\ncallmanager CM1\n' });
      execFileSync('mkfifo', [path.join(ws.root, 'pipe.failover')]);
      symlinkSync('/dev/zero', path.join(ws.root, 'zero.failover'));
      const client = await TestClient.start(ws.root);
      try {
        const uri = ws.uri('main.failover');
        await client.open(uri, 'import "pipe.failover"\nimport "zero.failover"\ncallmanager CM1\n');
        const missing = (await client.diagnostics(uri)).filter((d) => d.code === 'import-not-found').map((d) => d.message);
        expect(missing).toEqual(['Cannot import `pipe.failover`: it is not a regular file.', 'Cannot import `zero.failover`: it is not a regular file.']);
        memoryOf(client, 'FIFO and device');
      } finally {
        await client.stop();
      }
    },
    90_000,
  );

  it('answers protocol misuse with errors or nothing, and keeps serving', async () => {
    const ws = workspaceFolder({ 'topology.failover': topology });
    const client = await TestClient.start(ws.root);
    try {
      const uri = ws.uri('topology.failover');
      const unknown = ws.uri('never-opened.failover');
      const untitled = 'untitled:Untitled-1';
      // Changes and closes of documents never opened, a second open, an untitled document with odd imports.
      await client.connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
        textDocument: { uri: unknown, version: 5 },
        contentChanges: [{ text: 'x' }],
      });
      await client.connection.sendNotification(lsp.DidCloseTextDocumentNotification.type, { textDocument: { uri: unknown } });
      await client.open(uri, topology);
      await client.open(uri, topology);
      await client.open(untitled, 'import "../../../../etc/passwd.failover"\nimport "topology.failover"\ncallmanager CM1\n');
      const requests: Promise<unknown>[] = [];
      for (const target of [uri, unknown, untitled, 'file:///', 'not a uri at all']) {
        for (const position of [
          { line: -1, character: -1 },
          { line: 1e9, character: 1e9 },
          { line: 0, character: 3.5 },
          { line: 2, character: 0 },
        ]) {
          requests.push(client.connection.sendRequest(lsp.HoverRequest.type, { textDocument: { uri: target }, position }));
          requests.push(client.connection.sendRequest(lsp.CompletionRequest.type, { textDocument: { uri: target }, position }));
          requests.push(client.connection.sendRequest(lsp.DefinitionRequest.type, { textDocument: { uri: target }, position }));
          requests.push(client.connection.sendRequest(lsp.RenameRequest.type, { textDocument: { uri: target }, position, newName: 'callmanager' }));
        }
        requests.push(client.connection.sendRequest(lsp.DocumentDiagnosticRequest.type, { textDocument: { uri: target } }));
        requests.push(client.connection.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri: target } }));
        requests.push(client.request('failover/timeline', { uri: target, scenario: 'nope' }));
      }
      // Malformed parameters: answered with an error (the handler's own), never a crash.
      requests.push(client.request('textDocument/hover', {}));
      requests.push(client.request('textDocument/codeAction', { textDocument: { uri } }));
      requests.push(client.request('textDocument/formatting', null));
      requests.push(client.request('failover/no-such-request', { uri }));
      const outcomes = await Promise.allSettled(requests);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect((outcome.reason as { code?: number }).code).toEqual(expect.any(Number));
      }
      expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBeGreaterThan(50);
      expect(shown(await client.diagnostics(uri))).toEqual([]);
      memoryOf(client, 'protocol misuse');
    } finally {
      await client.stop();
    }
  }, 90_000);

  it('reports an open import whose file is deleted, and forgets it when the file comes back', async () => {
    const ws = workspaceFolder({ 'topology.failover': topology, 'outages.failover': outages });
    const client = await TestClient.start(ws.root);
    try {
      const uri = ws.uri('outages.failover');
      const topologyPath = path.join(ws.root, 'topology.failover');
      await client.open(uri, outages);
      expect(shown(await client.diagnostics(uri))).toEqual([]);
      for (let round = 0; round < 3; round++) {
        rmSync(topologyPath);
        await client.connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, {
          changes: [{ uri: ws.uri('topology.failover'), type: lsp.FileChangeType.Deleted }],
        });
        const missing = (await client.diagnostics(uri)).filter((d) => d.code === 'import-not-found');
        expect(missing.map((d) => d.message)).toEqual(['Cannot import `topology.failover`: file not found.']);
        writeFileSync(topologyPath, topology);
        await client.connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, {
          changes: [{ uri: ws.uri('topology.failover'), type: lsp.FileChangeType.Created }],
        });
        expect(shown(await client.diagnostics(uri))).toEqual([]);
      }
      // A folder where the import's file was: a reason, not a crash.
      rmSync(topologyPath);
      mkdirSync(topologyPath);
      await client.connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: ws.uri('topology.failover'), type: lsp.FileChangeType.Changed }],
      });
      expect((await client.diagnostics(uri)).filter((d) => d.code === 'import-not-found').map((d) => d.message)).toEqual([
        'Cannot import `topology.failover`: it is a folder, not a file.',
      ]);
      memoryOf(client, 'deleted import');
    } finally {
      await client.stop();
    }
  }, 60_000);
});
