// Extension-host tests: they run inside a real VS Code, started by test/extension/run.mjs
// (`npm run test:extension`), with samples/headquarters as the workspace. Not part of `npm test`
// (vitest looks for *.test.ts only): they need a VS Code build that @vscode/test-electron downloads.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'failover-tools.failover';
const SCENARIO = 'HQ-SUB1 crash at peak';

interface Case {
  readonly name: string;
  readonly run: () => Promise<void>;
}

const cases: Case[] = [];
function test(name: string, run: () => Promise<void>): void {
  cases.push({ name, run });
}

/** Polls `probe` until it returns something other than undefined; fails after `timeoutMs`. */
async function poll<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with samples/headquarters open as the workspace');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document);
  return document;
}

test('opening a .failover file gives it the language and activates the extension', async () => {
  const document = await open('outages.failover');
  assert.equal(document.languageId, 'failover');
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  await poll(() => extension.isActive || undefined, 'activation');
});

test('the five commands are registered', async () => {
  const all = new Set(await vscode.commands.getCommands(true));
  for (const command of ['failover.showTimeline', 'failover.runScenario', 'failover.exportResults', 'failover.restartServer', 'failover.importCucm']) {
    assert.ok(all.has(command), `${command} is registered`);
  }
});

test('a reference to nothing is a diagnostic with its code', async () => {
  const uri = workspaceFile('broken.failover');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('import "topology.failover"\npool LOBBY { group NO-SUCH-GROUP phones 10 }\n'));
  await open('broken.failover');
  const diagnostic = await poll(
    () => vscode.languages.getDiagnostics(uri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'unknown-reference'),
    'an unknown-reference diagnostic',
  );
  assert.equal(diagnostic.range.start.line, 1);
  assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
});

test('each simulated scenario has code lenses, one of them Show timeline', async () => {
  const document = await open('outages.failover');
  const lens = await poll(async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    return lenses.find((l) => l.command?.command === 'failover.showTimeline');
  }, 'a Show timeline lens');
  assert.deepEqual(lens.command?.arguments, [document.uri.toString(), SCENARIO]);
});

test('Show Timeline opens the timeline panel', async () => {
  const document = await open('outages.failover');
  await vscode.commands.executeCommand('failover.showTimeline', document.uri.toString(), SCENARIO);
  await poll(
    () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('failover.timeline') && t.label === `Timeline: ${SCENARIO}`),
    'the timeline tab, titled with the scenario',
  );
});

test('Restart Language Server brings the server back', async () => {
  await vscode.commands.executeCommand('failover.restartServer');
  const document = await open('outages.failover');
  await poll(async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    return lenses.some((l) => l.command?.command === 'failover.showTimeline') || undefined;
  }, 'code lenses after the restart');
});

/** The entry point @vscode/test-electron calls inside the extension host. */
export async function run(): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const { name, run: body } of cases) {
    try {
      await body();
      passed++;
      console.log(`  ✓ ${name}`);
    } catch (error) {
      failed++;
      console.log(`  ✗ ${name}\n    ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} extension test(s) failed`);
}
