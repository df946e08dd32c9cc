// Scenarios in VS Code's Testing view: a test controller whose tree (folder → file → scenario →
// expectation) mirrors what the language server sees of every `.failover` file of the workspace,
// and whose runs the server simulates. Nothing happens during activation beyond creating the
// controller: the first listing is asked for once the server runs, after `activate()` returned.
// The server says which files changed (`failover/testsChanged`, fed by the language client's file
// watcher and by edits); their items are asked for again after a pause in the changes.
import * as vscode from 'vscode';
import { TestRunProfileKind, tests, workspace, type CancellationToken, type Disposable, type TestController, type TestRunRequest } from 'vscode';
import { Requests, type RunTestsResult, type TestItemsResult } from '../../../server/src/lsp/protocol';
import type { FailoverLanguageClient } from '../languageClient';
import { ScenarioTree, type WorkspaceFolderRef } from './scenarioTree';
import { forCovered, planRun, reportResult, RunScope, type PlannedFile } from './testRun';

/** How long the changes must pause before their items are asked for (typing changes a file at every key). */
const CHANGE_PAUSE_MS = 250;

export class ScenarioTests implements Disposable {
  private readonly controller: TestController;
  private readonly tree: ScenarioTree;
  private readonly subscriptions: Disposable[];
  /** Item requests one after the other, so that an older answer never lands after a newer one. */
  private queue: Promise<void> = Promise.resolve();
  private discovered: Promise<void> | undefined;
  private pending: Set<string> | 'all' | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: FailoverLanguageClient,
    private readonly log: (message: string) => void,
  ) {
    this.controller = tests.createTestController('failover', 'Failover Scenarios');
    this.tree = new ScenarioTree(this.controller, vscode, workspaceFolders);
    // The view may ask for the top items before the server runs: it then waits for the first listing.
    this.controller.resolveHandler = (item) => (item ? undefined : (this.discovered ??= this.refresh(undefined)));
    this.controller.refreshHandler = () => this.refresh(undefined);
    this.controller.createRunProfile('Run', TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
    this.subscriptions = [
      // The first start and every restart: whatever the server held before may have changed.
      client.onDidRun(() => void (this.discovered = this.refresh(undefined))),
      client.onTestsChanged(({ uris }) => this.changed(uris)),
      workspace.onDidChangeWorkspaceFolders(() => this.tree.render()),
    ];
  }

  /** Notes files whose items are stale; they are asked for once the changes pause. */
  private changed(uris: readonly string[] | undefined): void {
    if (!uris) this.pending = 'all';
    else if (this.pending !== 'all') {
      this.pending ??= new Set();
      for (const uri of uris) this.pending.add(uri);
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const pending = this.pending;
      this.pending = undefined;
      void this.refresh(pending === 'all' || pending === undefined ? undefined : [...pending]);
    }, CHANGE_PAUSE_MS);
  }

  /** Asks the server for the items of some files (every file without `uris`) and updates the tree. */
  private refresh(uris: readonly string[] | undefined): Promise<void> {
    const turn = this.queue.then(async () => {
      try {
        const result = await this.client.request<TestItemsResult>(Requests.testItems, uris ? { uris } : {});
        if (uris) this.tree.updateFiles(uris, result.files);
        else this.tree.setFiles(result.files);
      } catch (error) {
        // The server is not running (it stopped, or is restarting): the tree stays as it was, and
        // the next start lists everything again.
        this.log(`Testing view: the scenarios could not be listed: ${describe(error)}`);
      }
    });
    this.queue = turn;
    return turn;
  }

  private async run(request: TestRunRequest, token: CancellationToken): Promise<void> {
    // Run All straight after opening the workspace: the tree must be there to know what to run.
    await (this.discovered ??= this.refresh(undefined));
    const run = this.controller.createTestRun(request);
    const scope = new RunScope(request.include, request.exclude);
    try {
      const plan = planRun(this.tree, this.controller.items, scope, request.include);
      for (const file of plan) for (const scenario of file.scenarios) forCovered(scenario, scope, (item) => run.enqueued(item));
      if (plan.length === 0) run.appendOutput('No scenario to run: no .failover file of the workspace has a scenario.\r\n');
      for (const file of plan) {
        if (!token.isCancellationRequested) for (const scenario of file.scenarios) forCovered(scenario, scope, (item) => run.started(item));
        const result: RunTestsResult = token.isCancellationRequested ? { uri: file.uri, cancelled: true } : await this.runFile(file, token);
        reportResult(run, vscode, this.tree, scope, file, result);
        // A file gone or changed meanwhile: its items are asked for again.
        if ('unavailable' in result || ('missing' in result && result.missing.length > 0)) this.changed([file.uri]);
      }
    } finally {
      run.end();
    }
  }

  /** The server's answer for one file; a cancellation ends the wait at once, whatever the server does. */
  private async runFile(file: PlannedFile, token: CancellationToken): Promise<RunTestsResult> {
    let stopWaiting: Disposable | undefined;
    const cancelled = new Promise<RunTestsResult>((resolve) => {
      stopWaiting = token.onCancellationRequested(() => resolve({ uri: file.uri, cancelled: true }));
    });
    try {
      const params = file.titles ? { uri: file.uri, scenarios: file.titles } : { uri: file.uri };
      return await Promise.race([this.client.request<RunTestsResult>(Requests.runTests, params, token), cancelled]);
    } catch (error) {
      if (token.isCancellationRequested) return { uri: file.uri, cancelled: true };
      const name = file.uri.slice(file.uri.lastIndexOf('/') + 1);
      return {
        uri: file.uri,
        unavailable: `The Failover language server could not run the scenarios of ${decodeURIComponent(name)}: ${describe(error)}. If it has stopped, run "Failover: Restart Language Server".`,
      };
    } finally {
      stopWaiting?.dispose();
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.controller.dispose();
  }
}

function workspaceFolders(): WorkspaceFolderRef[] {
  return (workspace.workspaceFolders ?? []).map((folder) => ({ uri: folder.uri.toString(), name: folder.name }));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
