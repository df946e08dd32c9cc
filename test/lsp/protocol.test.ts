// The wiring of the features tested in-process: one request each to the bundled server over stdio,
// proving that it answers, from the files on disk and the open documents, exactly what the feature
// function answers for the same texts. What only the wiring does (the open document's unsaved text,
// the client's workspace folders, a refusal sent as an error) is checked here too.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { completionContextAt } from '../../server/src/core/workspace/context-at';
import { codeLenses } from '../../server/src/lsp/features/codeLens';
import { completionItems } from '../../server/src/lsp/features/completion';
import { documentLinks } from '../../server/src/lsp/features/documentLinks';
import { foldingRanges } from '../../server/src/lsp/features/folding';
import { formattingEdits, rangeFormattingEdits } from '../../server/src/lsp/features/formatting';
import { hoverAt } from '../../server/src/lsp/features/hover';
import { importedTopology } from '../../server/src/lsp/features/importCucm';
import { inlayHintsIn } from '../../server/src/lsp/features/inlayHints';
import { definitionAt, referencesAt } from '../../server/src/lsp/features/navigation';
import { semanticTokens } from '../../server/src/lsp/features/semanticTokens';
import { outline, registerSymbols } from '../../server/src/lsp/features/symbols';
import { Requests, type ImportCucmResult } from '../../server/src/lsp/protocol';
import { applyTextEdits, featureWorkspace, WORKSPACE_ROOT } from '../support/featureHarness';
import { positionAt, TestClient, workspaceFolder } from '../support/lspClient';

const EXAMPLE = path.resolve(__dirname, '../fixtures/spec-example');

// The chain of imports of navigation.test.ts, the spec's example in a folder of its own, a file to
// format, and a nested config with a comment.
const FILES: Record<string, string> = {
  'example/outages.failover': readFileSync(path.join(EXAMPLE, 'outages.failover'), 'utf8'),
  'example/topology.failover': readFileSync(path.join(EXAMPLE, 'topology.failover'), 'utf8'),
  'messy.failover': '# spare servers\n# for the lab\ncallmanager   LAB1 {capacity 10}\ncallmanager\tLAB2\n',
  'nested/failover.config.json': '{\n  // team rules\n  "rules": {\n    "no-redundancy": "warning"\n  }\n}\n',
  'pools.failover': 'import "topology.failover"\npool HQ { group HQ-GROUP phones 1200 }\npool BRANCH1 { group BR-GROUP srst BR1-RTR phones 40 }\n',
  'scenarios/outages.failover':
    'import "../pools.failover"\nscenario "CM1 crash" {\n  at 1m crash CM1\n  at 5m expect HQ on CM2 >= 800\n  at 6m expect BRANCH1 on BR1-RTR == all\n  expect peak CM1 <= 2500\n}\n',
  'topology.failover':
    'callmanager CM1 { capacity 2500 }\ncallmanager CM2\nsrst BR1-RTR { capacity 48 }\ngroup HQ-GROUP { CM1, CM2 }\ngroup BR-GROUP { CM2, CM1 }\n',
};

describe('the server answers each feature over stdio as the feature function does', () => {
  const folder = workspaceFolder(FILES);
  // The same texts in process. Only example/outages.failover is opened: it comes first among the
  // server's roots, then the folder's files in sorted order, as here.
  const ws = featureWorkspace({ 'example/outages.failover': FILES['example/outages.failover']!, ...FILES });
  const textDocument = (name: string) => ({ uri: folder.uri(name) });
  /** The server's answer with its URIs rewritten into the in-process workspace's. */
  const inProcess = <T>(answer: T): T =>
    JSON.parse(JSON.stringify(answer).replaceAll(URI.file(folder.root).toString(), URI.file(WORKSPACE_ROOT).toString())) as T;
  let client: TestClient;

  beforeAll(async () => {
    // A generous time budget: on a busy machine the low-priority worker must not stop short of the figures compared.
    client = await TestClient.start(folder.root, { settings: { simulation: { timeBudgetMs: 60_000 } } });
    // Answer as VS Code does, so the server can find the workspace folder of a file.
    client.connection.onRequest('workspace/workspaceFolders', () => [{ uri: URI.file(folder.root).toString(), name: 'test' }]);
    await client.open(folder.uri('example/outages.failover'), FILES['example/outages.failover']!);
  });
  afterAll(() => client.stop());

  it('code lenses, once the worker has simulated: the same as from the harness snapshot', async () => {
    const lenses = await client.simulated(folder.uri('example/outages.failover'));
    expect(lenses.map((l) => l.command?.title)).toContain('✓ 5/5 expectations · max outage 54s983ms · settled 20m29s985ms');
    expect(inProcess(lenses)).toEqual(codeLenses(ws.file('example/outages.failover'), ws.simulation(), 'onType'));
    const topology = await client.codeLenses(folder.uri('example/topology.failover'));
    expect(topology?.map((l) => l.range.start.line + 1)).toEqual([7, 8, 9]); // each callmanager's failure impact
    expect(inProcess(topology)).toEqual(codeLenses(ws.file('example/topology.failover'), ws.simulation(), 'onType'));
  });

  it('hover, once the worker has simulated: the state and the expectation at an `at` line, as from the harness snapshot', async () => {
    await client.simulated(folder.uri('example/outages.failover'));
    const text = FILES['example/outages.failover']!;
    const offset = text.indexOf('at 5m');
    const hover = await client.request<lsp.Hover>('textDocument/hover', {
      textDocument: textDocument('example/outages.failover'),
      position: positionAt(text, offset),
    });
    expect((hover.contents as lsp.MarkupContent).value).toContain('**State at 5m**');
    const found = hoverAt(ws.file('example/outages.failover'), offset, ws.simulation())!;
    expect(hover).toEqual({
      contents: { kind: lsp.MarkupKind.Markdown, value: found.markdown },
      range: ws.file('example/outages.failover').toRange(found.range),
    });
  });

  it('completion, snippets included for a client that expands them', async () => {
    const text = FILES['scenarios/outages.failover']!;
    const offset = text.indexOf('scenario');
    const items = await client.request<lsp.CompletionItem[]>('textDocument/completion', {
      textDocument: textDocument('scenarios/outages.failover'),
      position: positionAt(text, offset),
    });
    expect(items.find((i) => i.label === 'scenario {…}')?.insertTextFormat).toBe(lsp.InsertTextFormat.Snippet);
    expect(items).toEqual(completionItems(ws.file('scenarios/outages.failover'), completionContextAt(text, offset)));
  });

  it('document symbols and workspace symbols', async () => {
    const symbols = await client.request<lsp.DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: textDocument('example/topology.failover') });
    expect(symbols.map((s) => s.name)).toEqual(['settings', 'CM1', 'CM2', 'CM3', 'BR1-RTR', 'HQ-GROUP', 'BR-GROUP', 'HQ', 'BRANCH1']);
    expect(symbols).toEqual(outline(ws.file('example/topology.failover')));
    const found = await client.request<lsp.SymbolInformation[]>('workspace/symbol', { query: 'hq' });
    expect(found.map((s) => `${s.name} (${path.relative(folder.root, URI.parse(s.location.uri).fsPath)})`)).toEqual([
      'HQ-GROUP (example/topology.failover)',
      'HQ (example/topology.failover)',
      'HQ (pools.failover)',
      'HQ-GROUP (topology.failover)',
    ]);
    expect(inProcess(found)).toEqual(
      await ws.handler<lsp.WorkspaceSymbolParams, lsp.SymbolInformation[]>(registerSymbols, 'onWorkspaceSymbol')({ query: 'hq' }),
    );
  });

  it('semantic tokens', async () => {
    const tokens = await client.request<lsp.SemanticTokens>('textDocument/semanticTokens/full', { textDocument: textDocument('pools.failover') });
    expect(tokens).toEqual(semanticTokens(ws.file('pools.failover')));
  });

  it('inlay hints', async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
    const hints = await client.request<lsp.InlayHint[]>('textDocument/inlayHint', { textDocument: textDocument('pools.failover'), range });
    expect(hints.map((h) => h.label)).toEqual(['connection-monitor 2m (default)', 'connection-monitor 2m (default)']);
    expect(hints).toEqual(inlayHintsIn(ws.file('pools.failover'), { start: 0, end: ws.text('pools.failover').length }));
  });

  it('go to definition and find references', async () => {
    const text = FILES['scenarios/outages.failover']!;
    const offset = text.indexOf('crash CM1') + 'crash C'.length;
    const position = positionAt(text, offset);
    const definition = await client.request<lsp.Location[]>('textDocument/definition', { textDocument: textDocument('scenarios/outages.failover'), position });
    expect(inProcess(definition)).toEqual(definitionAt(ws.file('scenarios/outages.failover'), offset));
    const references = await client.request<lsp.Location[]>('textDocument/references', {
      textDocument: textDocument('scenarios/outages.failover'),
      position,
      context: { includeDeclaration: true },
    });
    expect(references).toHaveLength(5);
    expect(inProcess(references)).toEqual(referencesAt(ws.file('scenarios/outages.failover'), offset, true));
  });

  it('rename and prepare rename, a refusal sent as an error', async () => {
    const position = { line: 2, character: 15 }; // crash C|M1
    await expect(client.request('textDocument/prepareRename', { textDocument: textDocument('scenarios/outages.failover'), position })).resolves.toEqual({
      range: { start: { line: 2, character: 14 }, end: { line: 2, character: 17 } },
      placeholder: 'CM1',
    });
    await expect(
      client.request('textDocument/rename', { textDocument: textDocument('scenarios/outages.failover'), position, newName: 'pool' }),
    ).rejects.toMatchObject({
      code: -32803,
      message: '`pool` is a keyword and cannot be a name.',
    });
  });

  it('rename uses the unsaved text of an open document', async () => {
    const uri = folder.uri('scenarios/outages.failover');
    const edited = FILES['scenarios/outages.failover']!.replace('  expect peak', '  at 9m recover CM1\n  expect peak');
    await client.open(uri, edited);
    try {
      const edit = await client.request<lsp.WorkspaceEdit>('textDocument/rename', {
        textDocument: textDocument('topology.failover'),
        position: { line: 0, character: 12 },
        newName: 'CM-EAST',
      });
      expect(edit.changes?.[uri]?.map((e) => e.range.start.line + 1)).toEqual([3, 6, 7]);
    } finally {
      await client.close(uri);
    }
  });

  it('document links', async () => {
    const links = await client.request<lsp.DocumentLink[]>('textDocument/documentLink', { textDocument: textDocument('scenarios/outages.failover') });
    expect(links.map((l) => URI.parse(l.target!).fsPath)).toEqual([path.join(folder.root, 'pools.failover')]);
    expect(inProcess(links)).toEqual(documentLinks(ws.file('scenarios/outages.failover')));
  });

  it('folding ranges', async () => {
    const ranges = await client.request<lsp.FoldingRange[]>('textDocument/foldingRange', { textDocument: textDocument('example/topology.failover') });
    expect(ranges.map((r) => `${r.startLine + 1}-${r.endLine + 1} ${r.kind}`)).toEqual(['2-5 region', '16-21 region']); // settings, pool BRANCH1
    expect(ranges).toEqual(foldingRanges(ws.file('example/topology.failover')));
  });

  it('failover/importCucm: the topology of the texts sent, as the import function gives it; malformed params refused', async () => {
    const exports = path.resolve(__dirname, '../../samples/cucm-export');
    const params = {
      files: ['phones-all-details.csv', 'cucm-cli-session.log', 'axl-phone-counts.xml'].map((name) => ({
        name,
        text: readFileSync(path.join(exports, name), 'utf8'),
      })),
    };
    const answer = await client.request<ImportCucmResult>(Requests.importCucm, params);
    expect(answer.pools).toBe(4);
    expect(answer).toEqual(importedTopology(params));
    await expect(client.request(Requests.importCucm, { files: [] })).rejects.toMatchObject({ code: lsp.ErrorCodes.InvalidParams });
  });

  it('formatting and range formatting of an open document, never of a file the client has not opened', async () => {
    const uri = folder.uri('messy.failover');
    const text = FILES['messy.failover']!;
    const options = { tabSize: 2, insertSpaces: true };
    expect(await client.request('textDocument/formatting', { textDocument: { uri }, options })).toEqual([]);
    await client.open(uri, text);
    try {
      const document = TextDocument.create(uri, 'failover', 1, text);
      const whole = await client.request<lsp.TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options });
      expect(applyTextEdits(text, whole)).toBe('# spare servers\n# for the lab\ncallmanager LAB1 { capacity 10 }\ncallmanager LAB2\n');
      expect(whole).toEqual(formattingEdits(document));
      const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } };
      const part = await client.request<lsp.TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri }, range, options });
      expect(applyTextEdits(text, part)).toBe('# spare servers\n# for the lab\ncallmanager   LAB1 {capacity 10}\ncallmanager LAB2\n');
      expect(part).toEqual(rangeFormattingEdits(document, range));
    } finally {
      await client.close(uri);
    }
  });

  describe('code actions: turning a code off in failover.config.json, which only the wiring can find', () => {
    /** Opens `text` as the file `name`, pulls its diagnostics and asks for the quick fixes of the one with `code`. */
    async function actionsFor(name: string, text: string, code: string): Promise<lsp.CodeAction[]> {
      const uri = folder.uri(name);
      await client.open(uri, text);
      try {
        const diagnostic = (await client.diagnostics(uri)).find((d) => d.code === code)!;
        return await client.request<lsp.CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri },
          range: diagnostic.range,
          context: { diagnostics: [diagnostic], only: [lsp.CodeActionKind.QuickFix] },
        });
      } finally {
        await client.close(uri);
      }
    }
    const unused = `callmanager CM1\ncallmanager SPARE\ngroup G { CM1 }\nsrst R\npool HQ { group G srst R phones 10 }\n`;
    const turnOff = (actions: lsp.CodeAction[]) => actions.find((a) => a.title === 'Turn off `unused-definition` in failover.config.json')!;

    it('creates failover.config.json at the workspace root the client reports when none applies', async () => {
      const configUri = URI.file(path.join(folder.root, 'failover.config.json')).toString();
      const [create, insert] = turnOff(await actionsFor('sub/main.failover', unused, 'unused-definition')).edit!.documentChanges!;
      expect(create).toEqual({ kind: 'create', uri: configUri, options: { ignoreIfExists: true } });
      const textEdit = insert as lsp.TextDocumentEdit;
      expect(textEdit.textDocument.uri).toBe(configUri);
      expect(applyTextEdits('', textEdit.edits as lsp.TextEdit[])).toBe('{\n  "rules": {\n    "unused-definition": "off"\n  }\n}\n');
    });

    it('edits the nearest existing config as read from disk', async () => {
      const configPath = path.join(folder.root, 'nested/failover.config.json');
      const [change] = turnOff(await actionsFor('nested/deeper/main.failover', unused, 'unused-definition')).edit!.documentChanges! as lsp.TextDocumentEdit[];
      expect(change!.textDocument).toEqual({ uri: URI.file(configPath).toString(), version: null });
      expect(applyTextEdits(readFileSync(configPath, 'utf8'), change!.edits as lsp.TextEdit[])).toBe(
        '{\n  // team rules\n  "rules": {\n    "no-redundancy": "warning",\n    "unused-definition": "off"\n  }\n}\n',
      );
    });

    it("names the workspace's files that define an unknown name and the file a mistyped import meant, as found on disk", async () => {
      const uri = folder.uri('scenarios/draft.failover');
      const text = 'import "../toplogy.failover"\nscenario "s" {\n  at 1m isolate BRANCH1\n}\n';
      await client.open(uri, text);
      try {
        const diagnostics = await client.diagnostics(uri);
        expect(diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([
          'import-not-found: Cannot import `../toplogy.failover`: file not found. Did you mean `../topology.failover`?',
          'unknown-reference: Unknown pool `BRANCH1`: it is defined in `../pools.failover` and `../example/topology.failover`, which this file does not import. Add `import "../pools.failover"`.',
        ]);
        const titles = async (diagnostic: lsp.Diagnostic) =>
          (
            await client.request<lsp.CodeAction[]>('textDocument/codeAction', {
              textDocument: { uri },
              range: diagnostic.range,
              context: { diagnostics: [diagnostic], only: [lsp.CodeActionKind.QuickFix] },
            })
          ).map((a) => a.title);
        expect(await titles(diagnostics[0]!)).toEqual(['Change to `"../topology.failover"`', 'Turn off `import-not-found` in failover.config.json']);
        expect((await titles(diagnostics[1]!))[0]).toBe('Add `import "../pools.failover"`');
      } finally {
        await client.close(uri);
      }
    });

    it('offers nothing when the client asks for other kinds of action', async () => {
      const uri = folder.uri('topology.failover');
      const actions = await client.request<lsp.CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        context: {
          diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', code: 'unused-definition' }],
          only: [lsp.CodeActionKind.Refactor],
        },
      });
      expect(actions).toEqual([]);
    });
  });
});
