import { describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver-protocol';
import { quickFixesFor } from '../../server/src/lsp/features/codeActions';
import { applyTextEdits, featureWorkspace, WORKSPACE_ROOT, type FeatureWorkspace } from '../support/featureHarness';

const TOPOLOGY = `callmanager CM1 { capacity 2500 }
callmanager CM2
group HQ-GROUP { CM1, CM2 }
pool HQ { group HQ-GROUP phones 100 }
`;

/** A config with a comment in a nested folder: it applies to the files below `nested/` only. */
const NESTED_CONFIG = '{\n  // team rules\n  "rules": {\n    "no-redundancy": "warning"\n  }\n}\n';

describe('code actions', () => {
  /**
   * The quick fixes for the diagnostic with `code` of the file `name` holding `text` (the workspace
   * folder holds the nested config too); `folders` are the client's workspace folders.
   */
  function actionsFor(
    text: string,
    code: string,
    name = 'main.failover',
    folders: readonly string[] = [WORKSPACE_ROOT],
  ): { actions: lsp.CodeAction[]; diagnostic: lsp.Diagnostic; ws: FeatureWorkspace } {
    const ws = featureWorkspace({ 'nested/failover.config.json': NESTED_CONFIG, [name]: text });
    const diagnostics = ws.diagnostics(name);
    const diagnostic = diagnostics.find((d) => d.code === code);
    if (!diagnostic) throw new Error(`no ${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
    const actions = quickFixesFor(ws.file(name), [diagnostic], { readText: ws.readText, versionOf: () => null, folders });
    return { actions, diagnostic, ws };
  }

  /** The text after applying the action titled `title` to the document. */
  function fixed(text: string, code: string, title: string): string {
    const { actions, ws } = actionsFor(text, code);
    const action = actions.find((a) => a.title === title);
    if (!action) throw new Error(`no action "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    expect(action.kind).toBe(lsp.CodeActionKind.QuickFix);
    return applyTextEdits(text, action.edit?.changes?.[ws.uri('main.failover')] ?? []);
  }

  /** The action that turns `code` off in failover.config.json. */
  const turnOff = (actions: lsp.CodeAction[], code: string) => actions.find((a) => a.title === `Turn off \`${code}\` in failover.config.json`)!;

  it('replaces an unknown name with the closest one', () => {
    const text = `${TOPOLOGY}pool BRANCH { group HQ-GRUOP phones 10 }\n`;
    expect(fixed(text, 'unknown-reference', 'Change to `HQ-GROUP`')).toBe(`${TOPOLOGY}pool BRANCH { group HQ-GROUP phones 10 }\n`);
  });

  it('creates a missing callmanager after the last callmanager of the file', () => {
    const text = `${TOPOLOGY}\nscenario "s" {\n  at 1m crash CM9\n}\n`;
    expect(fixed(text, 'unknown-reference', 'Create callmanager `CM9`')).toBe(
      `callmanager CM1 { capacity 2500 }\ncallmanager CM2\ncallmanager CM9\ngroup HQ-GROUP { CM1, CM2 }\npool HQ { group HQ-GROUP phones 100 }\n\nscenario "s" {\n  at 1m crash CM9\n}\n`,
    );
  });

  it('offers to create even when a close name exists, and creates a pool with a visible group', () => {
    const text = `${TOPOLOGY}\nscenario "s" {\n  at 1m isolate HQ2\n}\n`;
    const { actions, ws } = actionsFor(text, 'unknown-reference');
    expect(actions.map((a) => a.title)).toEqual(['Change to `HQ`', 'Create pool `HQ2`', 'Turn off `unknown-reference` in failover.config.json']);
    expect(applyTextEdits(text, actions[1]!.edit!.changes![ws.uri('main.failover')]!)).toBe(
      `${TOPOLOGY.replace('phones 100 }\n', 'phones 100 }\npool HQ2 { group HQ-GROUP phones 100 }\n')}\nscenario "s" {\n  at 1m isolate HQ2\n}\n`,
    );
  });

  it('creates a definition of a kind the file has none of after its last definition', () => {
    const text = `${TOPOLOGY}pool BRANCH { group HQ-GROUP srst BR1 phones 10 }\n\nscenario "s" {\n  at 1m crash CM1\n}\n`;
    expect(fixed(text, 'unknown-reference', 'Create srst router `BR1`')).toBe(
      `${TOPOLOGY}pool BRANCH { group HQ-GROUP srst BR1 phones 10 }\n\nsrst BR1\n\nscenario "s" {\n  at 1m crash CM1\n}\n`,
    );
  });

  it('adds the unit `s` to a bare number', () => {
    const text = `${TOPOLOGY}scenario "s" {\n  at 90 crash CM1\n}\n`;
    expect(fixed(text, 'missing-unit', 'Add unit `s`')).toBe(`${TOPOLOGY}scenario "s" {\n  at 90s crash CM1\n}\n`);
  });

  it('joins a unit written apart to its number', () => {
    const text = `settings { keepalive 30 s }\n${TOPOLOGY}`;
    expect(fixed(text, 'missing-unit', 'Change to `30s`')).toBe(`settings { keepalive 30s }\n${TOPOLOGY}`);
  });

  it('adds the unit a unitless last part most likely has, and none where it is unclear', () => {
    const text = `${TOPOLOGY}scenario "s" {\n  at 1m30 crash CM1\n}\n`;
    expect(fixed(text, 'missing-unit', 'Add unit `s`')).toBe(`${TOPOLOGY}scenario "s" {\n  at 1m30s crash CM1\n}\n`);
    const unclear = actionsFor(`${TOPOLOGY}scenario "s" {\n  at 500ms30 crash CM1\n}\n`, 'missing-unit');
    expect(unclear.actions.map((a) => a.title)).toEqual(['Turn off `missing-unit` in failover.config.json']);
  });

  it('imports the file that defines an unknown name: after the last import, or above the first item and its documentation', () => {
    const apply = (files: Record<string, string>, name: string): { titles: string[]; text: string } => {
      const ws = featureWorkspace(files);
      const diagnostic = ws.diagnostics(name).find((d) => d.code === 'unknown-reference')!;
      const actions = quickFixesFor(ws.file(name), [diagnostic], { readText: ws.readText, versionOf: () => null, folders: [WORKSPACE_ROOT] });
      const edits = actions[0]!.edit!.changes![ws.uri(name)]!;
      return { titles: actions.map((a) => a.title), text: applyTextEdits(ws.text(name), edits) };
    };
    const scenario = 'scenario "s" {\n  at 1m crash CM1\n}\n';
    const after = apply(
      { 'shared/topology.failover': TOPOLOGY, 'sites.failover': 'srst BR1\n', 'main.failover': `import "sites.failover" # routers\n\n${scenario}` },
      'main.failover',
    );
    expect(after.titles).toEqual([
      'Add `import "shared/topology.failover"`',
      'Create callmanager `CM1`',
      'Turn off `unknown-reference` in failover.config.json',
    ]);
    expect(after.text).toBe(`import "sites.failover" # routers\nimport "shared/topology.failover"\n\n${scenario}`);
    const documented = apply(
      { 'topology.failover': TOPOLOGY, 'scenarios/main.failover': `# Outages of the HQ cluster\n\n## The worst case\n${scenario}` },
      'scenarios/main.failover',
    );
    expect(documented.text).toBe(`# Outages of the HQ cluster\n\nimport "../topology.failover"\n\n## The worst case\n${scenario}`);
  });

  it('replaces a mistyped import path with the file it meant', () => {
    const ws = featureWorkspace({ 'topology.failover': TOPOLOGY, 'main.failover': 'import "toplogy.failover"\n' });
    const diagnostic = ws.diagnostics('main.failover').find((d) => d.code === 'import-not-found')!;
    const [action] = quickFixesFor(ws.file('main.failover'), [diagnostic], { readText: ws.readText, versionOf: () => null, folders: [WORKSPACE_ROOT] });
    expect(action!.title).toBe('Change to `"topology.failover"`');
    expect(applyTextEdits(ws.text('main.failover'), action!.edit!.changes![ws.uri('main.failover')]!)).toBe('import "topology.failover"\n');
  });

  it('removes an unused definition with its documentation comment and one blank line after it', () => {
    const text = `callmanager CM1
callmanager CM2

# A spare server,
# never wired in.
callmanager SPARE { capacity 10 }   # spare

group G { CM1, CM2 }
pool HQ { group G phones 10 }
`;
    expect(fixed(text, 'unused-definition', 'Remove unused callmanager `SPARE`')).toBe(`callmanager CM1
callmanager CM2

group G { CM1, CM2 }
pool HQ { group G phones 10 }
`);
  });

  it('removes only the definition when it shares its line with another one', () => {
    const text = `callmanager CM1 callmanager SPARE\ngroup G { CM1 }\nsrst R\npool HQ { group G srst R phones 10 }\n`;
    expect(fixed(text, 'unused-definition', 'Remove unused callmanager `SPARE`')).toBe(
      `callmanager CM1\ngroup G { CM1 }\nsrst R\npool HQ { group G srst R phones 10 }\n`,
    );
  });

  it('turns a code off by creating failover.config.json at the workspace root when none applies', () => {
    const text = `callmanager CM1\ncallmanager SPARE\ngroup G { CM1 }\nsrst R\npool HQ { group G srst R phones 10 }\n`;
    const { actions, ws } = actionsFor(text, 'unused-definition', 'sub/main.failover');
    const configUri = ws.uri('failover.config.json');
    const [create, insert] = turnOff(actions, 'unused-definition').edit!.documentChanges!;
    expect(create).toEqual({ kind: 'create', uri: configUri, options: { ignoreIfExists: true } });
    const textEdit = insert as lsp.TextDocumentEdit;
    expect(textEdit.textDocument.uri).toBe(configUri);
    expect(applyTextEdits('', textEdit.edits as lsp.TextEdit[])).toBe('{\n  "rules": {\n    "unused-definition": "off"\n  }\n}\n');
  });

  it('creates the config beside the file when the file is in no workspace folder', () => {
    const text = `callmanager CM1\ncallmanager SPARE\ngroup G { CM1 }\nsrst R\npool HQ { group G srst R phones 10 }\n`;
    const { actions, ws } = actionsFor(text, 'unused-definition', 'sub/main.failover', []);
    const [create] = turnOff(actions, 'unused-definition').edit!.documentChanges!;
    expect(create).toEqual({ kind: 'create', uri: ws.uri('sub/failover.config.json'), options: { ignoreIfExists: true } });
  });

  it('turns a code off in the nearest existing failover.config.json, keeping its comments and rules', () => {
    const text = `callmanager CM1\ncallmanager SPARE\ngroup G { CM1 }\nsrst R\npool HQ { group G srst R phones 10 }\n`;
    const { actions, ws } = actionsFor(text, 'unused-definition', 'nested/deeper/main.failover');
    const [change] = turnOff(actions, 'unused-definition').edit!.documentChanges! as lsp.TextDocumentEdit[];
    expect(change!.textDocument.uri).toBe(ws.uri('nested/failover.config.json'));
    expect(applyTextEdits(NESTED_CONFIG, change!.edits as lsp.TextEdit[])).toBe(
      '{\n  // team rules\n  "rules": {\n    "no-redundancy": "warning",\n    "unused-definition": "off"\n  }\n}\n',
    );
  });

  it('offers no config change for a syntax error', () => {
    const { actions } = actionsFor('callmanager CM1 { capacity }\n', 'syntax-error');
    expect(actions).toEqual([]);
  });
});
