import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { TestClient, workspaceFolder } from '../support/lspClient';

/** Applies LSP text edits to a text (edits do not overlap; applied from the last to the first). */
function applyTextEdits(text: string, edits: readonly lsp.TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offsetOf = (p: lsp.Position) => (p.line >= lineStarts.length ? text.length : Math.min(lineStarts[p.line]! + p.character, text.length));
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offsetOf(edit.range.start)) + edit.newText + result.slice(offsetOf(edit.range.end));
  return result;
}

const TOPOLOGY = `callmanager CM1 { capacity 2500 }
callmanager CM2
group HQ-GROUP { CM1, CM2 }
pool HQ { group HQ-GROUP phones 100 }
`;

describe('code actions', () => {
  let client: TestClient;
  const ws = workspaceFolder({ 'nested/failover.config.json': '{\n  // team rules\n  "rules": {\n    "no-redundancy": "warning"\n  }\n}\n' });
  const uri = ws.uri('main.failover');

  beforeAll(async () => {
    client = await TestClient.start(ws.root);
    // Answer as VS Code does, so the server can find the workspace folder of a file.
    client.connection.onRequest('workspace/workspaceFolders', () => [{ uri: URI.file(ws.root).toString(), name: 'test' }]);
  });
  afterAll(() => client.stop());

  /** Opens `text`, pulls its diagnostics and asks for the code actions of the one with `code`. */
  async function actionsFor(text: string, code: string, at = uri): Promise<{ actions: lsp.CodeAction[]; diagnostic: lsp.Diagnostic }> {
    await client.open(at, text);
    const diagnostics = await client.diagnostics(at);
    const diagnostic = diagnostics.find((d) => d.code === code);
    if (!diagnostic) throw new Error(`no ${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
    const actions = await client.request<lsp.CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: at },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: [lsp.CodeActionKind.QuickFix] },
    });
    await client.close(at);
    return { actions, diagnostic };
  }

  /** The text after applying the action titled `title` to the document. */
  async function fixed(text: string, code: string, title: string): Promise<string> {
    const { actions } = await actionsFor(text, code);
    const action = actions.find((a) => a.title === title);
    if (!action) throw new Error(`no action "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    expect(action.kind).toBe(lsp.CodeActionKind.QuickFix);
    return applyTextEdits(text, action.edit?.changes?.[uri] ?? []);
  }

  it('replaces an unknown name with the closest one', async () => {
    const text = `${TOPOLOGY}pool BRANCH { group HQ-GRUOP phones 10 }\n`;
    expect(await fixed(text, 'unknown-reference', 'Change to `HQ-GROUP`')).toBe(`${TOPOLOGY}pool BRANCH { group HQ-GROUP phones 10 }\n`);
  });

  it('creates a missing callmanager after the last callmanager of the file', async () => {
    const text = `${TOPOLOGY}\nscenario "s" {\n  at 1m crash CM9\n}\n`;
    expect(await fixed(text, 'unknown-reference', 'Create callmanager `CM9`')).toBe(
      `callmanager CM1 { capacity 2500 }\ncallmanager CM2\ncallmanager CM9\ngroup HQ-GROUP { CM1, CM2 }\npool HQ { group HQ-GROUP phones 100 }\n\nscenario "s" {\n  at 1m crash CM9\n}\n`,
    );
  });

  it('offers to create even when a close name exists, and creates a pool with a visible group', async () => {
    const text = `${TOPOLOGY}\nscenario "s" {\n  at 1m isolate HQ2\n}\n`;
    const { actions } = await actionsFor(text, 'unknown-reference');
    expect(actions.map((a) => a.title)).toEqual(['Change to `HQ`', 'Create pool `HQ2`', 'Turn off `unknown-reference` in failover.config.json']);
    expect(applyTextEdits(text, actions[1]!.edit!.changes![uri]!)).toBe(`${TOPOLOGY.replace('phones 100 }\n', 'phones 100 }\npool HQ2 { group HQ-GROUP phones 100 }\n')}\nscenario "s" {\n  at 1m isolate HQ2\n}\n`);
  });

  it('creates a definition of a kind the file has none of after its last definition', async () => {
    const text = `${TOPOLOGY}pool BRANCH { group HQ-GROUP srst BR1 phones 10 }\n\nscenario "s" {\n  at 1m crash CM1\n}\n`;
    expect(await fixed(text, 'unknown-reference', 'Create srst router `BR1`')).toBe(
      `${TOPOLOGY}pool BRANCH { group HQ-GROUP srst BR1 phones 10 }\n\nsrst BR1\n\nscenario "s" {\n  at 1m crash CM1\n}\n`,
    );
  });

  it('adds the unit `s` to a bare number', async () => {
    const text = `${TOPOLOGY}scenario "s" {\n  at 90 crash CM1\n}\n`;
    expect(await fixed(text, 'missing-unit', 'Add unit `s`')).toBe(`${TOPOLOGY}scenario "s" {\n  at 90s crash CM1\n}\n`);
  });

  it('removes an unused definition with its documentation comment and one blank line after it', async () => {
    const text = `callmanager CM1
callmanager CM2

# A spare server,
# never wired in.
callmanager SPARE { capacity 10 }   # spare

group G { CM1, CM2 }
pool HQ { group G phones 10 }
`;
    expect(await fixed(text, 'unused-definition', 'Remove unused callmanager `SPARE`')).toBe(`callmanager CM1
callmanager CM2

group G { CM1, CM2 }
pool HQ { group G phones 10 }
`);
  });

  it('removes only the definition when it shares its line with another one', async () => {
    const text = `callmanager CM1 callmanager SPARE\ngroup G { CM1 }\nsrst R\npool HQ { group G srst R phones 10 }\n`;
    expect(await fixed(text, 'unused-definition', 'Remove unused callmanager `SPARE`')).toBe(`callmanager CM1\ngroup G { CM1 }\nsrst R\npool HQ { group G srst R phones 10 }\n`);
  });

  it('turns a code off by creating failover.config.json at the workspace root when none applies', async () => {
    const nestedUri = ws.uri('sub/main.failover');
    const text = `callmanager CM1\ncallmanager SPARE\ngroup G { CM1 }\nsrst R\npool HQ { group G srst R phones 10 }\n`;
    const { actions } = await actionsFor(text, 'unused-definition', nestedUri);
    const action = actions.find((a) => a.title === 'Turn off `unused-definition` in failover.config.json')!;
    const configUri = URI.file(path.join(ws.root, 'failover.config.json')).toString();
    const [create, insert] = action.edit!.documentChanges!;
    expect(create).toEqual({ kind: 'create', uri: configUri, options: { ignoreIfExists: true } });
    const textEdit = insert as lsp.TextDocumentEdit;
    expect(textEdit.textDocument.uri).toBe(configUri);
    expect(applyTextEdits('', textEdit.edits as lsp.TextEdit[])).toBe('{\n  "rules": {\n    "unused-definition": "off"\n  }\n}\n');
  });

  it('turns a code off in the nearest existing failover.config.json, keeping its comments and rules', async () => {
    const nestedUri = ws.uri('nested/deeper/main.failover');
    const text = `callmanager CM1\ncallmanager SPARE\ngroup G { CM1 }\nsrst R\npool HQ { group G srst R phones 10 }\n`;
    const { actions } = await actionsFor(text, 'unused-definition', nestedUri);
    const action = actions.find((a) => a.title === 'Turn off `unused-definition` in failover.config.json')!;
    const configPath = path.join(ws.root, 'nested/failover.config.json');
    const [change] = action.edit!.documentChanges! as lsp.TextDocumentEdit[];
    expect(change!.textDocument.uri).toBe(URI.file(configPath).toString());
    expect(applyTextEdits(readFileSync(configPath, 'utf8'), change!.edits as lsp.TextEdit[])).toBe(
      '{\n  // team rules\n  "rules": {\n    "no-redundancy": "warning",\n    "unused-definition": "off"\n  }\n}\n',
    );
  });

  it('offers no config change for a syntax error', async () => {
    const { actions } = await actionsFor('callmanager CM1 { capacity }\n', 'syntax-error');
    expect(actions).toEqual([]);
  });
});
