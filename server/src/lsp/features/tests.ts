// Scenarios as tests, for VS Code's Testing view. `failover/testItems` lists files' scenarios and
// expectations (the syntax tree alone: a file with errors still lists what it has);
// `failover/runTests` simulates scenarios of one file on the current texts, in a worker of its
// own so that the background simulations and typing go on, and answers per scenario: each
// expectation's expected and actual value, the findings, or why the scenario was not simulated;
// `failover/testsChanged` tells a client that asked for items which files to ask about again.
import type * as lsp from 'vscode-languageserver';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../../core/diagnostics';
import { stepRange, type ScenarioRun } from '../../core/results/runs';
import { scenarioSummary } from '../../core/results/summary';
import type { SourceFile } from '../../core/syntax/ast';
import type { LineIndex } from '../../core/syntax/lineIndex';
import { expectationValues, scenarioCases, type ScenarioCase } from '../../core/results/testCases';
import { FAILOVER_EXTENSION } from '../../core/workspace/paths';
import { applyRuleConfig } from '../../core/workspace/config';
import { readSource } from '../../node/fileHost';
import { SimulationService } from '../../node/simulationService';
import type { SimulationOutcome } from '../../node/simulationProtocol';
import type { FileView, ServerContext } from '../context';
import { keyToUri, toLspRange, uriToKey } from '../convert';
import type { EditorConfiguration } from '../editorConfiguration';
import {
  Notifications,
  Requests,
  type ExpectationOutcome,
  type FileTestItems,
  type FindingOutcome,
  type ProblemLocation,
  type RunTestsParams,
  type RunTestsResult,
  type ScenarioOutcome,
  type ScenarioTestItem,
  type TestItemsParams,
  type TestItemsResult,
} from '../protocol';

export function registerTests(context: ServerContext): void {
  const { connection, state } = context;
  const runner = new TestRunner((message) => context.log(message));
  context.onDispose(() => runner.dispose());
  const changes = new ChangeNotifier((uris) => void connection.sendNotification(Notifications.testsChanged, uris ? { uris } : {}));

  connection.onRequest(
    Requests.testItems,
    context.guard(Requests.testItems, async (params: TestItemsParams): Promise<TestItemsResult> => {
      changes.listening = true;
      const analysis = await state.ready();
      const uris = params.uris ?? state.roots().map(keyToUri);
      const files: FileTestItems[] = [];
      for (const uri of uris) {
        const unit = analysis.program.unit(uriToKey(uri));
        if (unit) files.push({ uri, scenarios: scenarioItems(unit.parsed.file, unit.text, unit.lines) });
      }
      return { files };
    }),
  );

  connection.onRequest(
    Requests.runTests,
    context.guard(Requests.runTests, async (params: RunTestsParams, token: lsp.CancellationToken): Promise<RunTestsResult> => {
      const file = await currentFile(context, params.uri);
      if ('unavailable' in file) return { uri: params.uri, unavailable: file.unavailable };
      const cases = selectCases(file, params.scenarios);
      if (!file.analysis.isSimulable(file.key) || cases.selected.length === 0) return testOutcome(file, cases, [], await context.configuration.get(params.uri));
      const configuration = await context.configuration.get(params.uri);
      const outcome = await runner.run(jobFor(context, file, cases.selected, configuration.simulation.maxPhones), token);
      if (!outcome) return { uri: params.uri, cancelled: true };
      if (outcome.error) throw new Error(outcome.error.split('\n')[0]);
      return testOutcome(file, cases, outcome.runs.find(([key]) => key === file.key)?.[1] ?? [], configuration);
    }),
  );

  // Edits and closes change what the server sees of a file; the watcher's events and a new scan
  // of the folders come through the workspace state.
  state.documents.onDidChangeContent((event) => changes.add([event.document.uri]));
  state.documents.onDidClose((event) => changes.add([event.document.uri]));
  state.onDidChangeFiles((keys) => changes.add(keys?.map(keyToUri)));
}

/** The scenarios of a parsed file as test items, with LSP ranges. */
function scenarioItems(file: SourceFile, text: string, lines: LineIndex): ScenarioTestItem[] {
  return scenarioCases(file, text).map((scenario) => ({
    title: scenario.title,
    range: toLspRange(lines, scenario.range),
    expectations: scenario.expectations.map((e) => ({ label: e.label, range: toLspRange(lines, e.range) })),
  }));
}

/** The test items of one file as the server holds it. */
export function fileTestItems(file: FileView): FileTestItems {
  return { uri: file.uri, scenarios: scenarioItems(file.unit.parsed.file, file.unit.text, file.lines) };
}

export interface SelectedCases {
  readonly selected: readonly ScenarioCase[];
  /** Titles asked for that the file does not have. */
  readonly missing: readonly string[];
}

/** The scenarios a run asked for (all of the file's when `titles` is absent), in text order. */
export function selectCases(file: FileView, titles: readonly string[] | undefined): SelectedCases {
  const cases = scenarioCases(file.unit.parsed.file, file.unit.text);
  if (!titles) return { selected: cases, missing: [] };
  const wanted = new Set(titles);
  return { selected: cases.filter((c) => wanted.has(c.title)), missing: [...wanted].filter((t) => !cases.some((c) => c.title === t)) };
}

/**
 * The answer to `failover/runTests` for the selected scenarios of a file, from the runs the worker
 * made of them (none when the file is not simulable). A scenario passes when every expectation
 * holds; findings are reported, with the severities the rule configuration gives them, but do not
 * fail it.
 */
export function testOutcome(
  file: FileView,
  cases: SelectedCases,
  runs: readonly ScenarioRun[],
  configuration: Pick<EditorConfiguration, 'rules'>,
): RunTestsResult {
  const simulable = file.analysis.isSimulable(file.key);
  const fileProblem = simulable ? undefined : firstError(file);
  const scenarios = cases.selected.map((scenario): ScenarioOutcome => {
    const item = {
      title: scenario.title,
      range: file.toRange(scenario.range),
      expectations: scenario.expectations.map((e) => ({ label: e.label, range: file.toRange(e.range) })),
    };
    if (fileProblem) return { ...item, simulated: false, ...fileProblem };
    const run = runs.find((r) => r.scenario.range.start === scenario.range.start && (r.scenario.title?.value ?? '') === scenario.title);
    // Not run although the file is simulable: a problem of this scenario's own, where there is one.
    if (!run) return { ...item, simulated: false, ...(firstError(file, scenario.range) ?? { reason: 'Not simulated.' }) };
    const limit = run.result.findings.find((f) => f.code === 'simulation-limit');
    if (limit) {
      return { ...item, simulated: false, reason: limit.message, location: { uri: file.uri, range: file.toRange(stepRange(run.scenario, limit.ref)) } };
    }
    const results = scenario.expectations.map((expectation): ExpectationOutcome => {
      const result = run.result.expectations.find((r) => r.ref === expectation.step);
      const values = expectationValues(run, expectation.step) ?? { expected: '', actual: '' };
      return {
        label: expectation.label,
        range: file.toRange(expectation.range),
        passed: result?.passed ?? false,
        message: result?.message ?? 'not checked',
        ...values,
      };
    });
    return {
      ...item,
      simulated: true,
      passed: results.every((r) => r.passed),
      summary: scenarioSummary(run),
      results,
      findings: findingsOf(file, run, configuration),
    };
  });
  return { uri: file.uri, scenarios, missing: cases.missing };
}

function findingsOf(file: FileView, run: ScenarioRun, configuration: Pick<EditorConfiguration, 'rules'>): FindingOutcome[] {
  const raw: Diagnostic[] = run.result.findings.map((f) => ({
    file: file.key,
    range: stepRange(run.scenario, f.ref),
    severity: DIAGNOSTIC_CODES[f.code].severity,
    code: f.code,
    message: f.message,
  }));
  // As the Problems panel shows them: failover.config.json first, then the editor's `failover.rules`.
  const configured = applyRuleConfig(applyRuleConfig(raw, file.analysis.ruleConfig(file.key)), { rules: configuration.rules, problems: [] });
  return configured.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: file.toRange(d.range) }));
}

/**
 * Why a file's scenarios (or, with `within`, one scenario) cannot be simulated: its first error by
 * the built-in severities (those decide what is simulated, whatever the rule configuration shows),
 * in the file itself first, then in the files it imports.
 */
function firstError(file: FileView, within?: { start: number; end: number }): { reason: string; location?: ProblemLocation } | undefined {
  const { analysis } = file;
  const keys = within ? [file.key] : [file.key, ...analysis.program.visibleFiles(file.key).filter((k) => k !== file.key)];
  for (const key of keys) {
    const error = analysis
      .diagnostics(key)
      .find((d) => DIAGNOSTIC_CODES[d.code].severity === 'error' && (!within || (d.range.start >= within.start && d.range.start < within.end)));
    const lines = analysis.program.unit(key)?.lines;
    if (!error || !lines) continue;
    const range = toLspRange(lines, error.range);
    const where = key === file.key ? 'this file has errors' : `${key.split('/').pop()}, which this file imports, has errors`;
    return {
      reason: `Not simulated: ${within ? 'this scenario has an error' : where}. The first, at line ${range.start.line + 1}: ${error.message}`,
      location: { uri: keyToUri(key), range },
    };
  }
  if (within) return undefined;
  return { reason: 'Not simulated: this file or a file it imports has errors (turned off in failover.config.json or failover.rules).' };
}

/**
 * The file as the server holds it, made current first: a file that is not open is compared with
 * the disk, since the watcher's event for a change just made may not have arrived yet.
 */
async function currentFile(context: ServerContext, uri: string): Promise<FileView | { unavailable: string }> {
  const { state } = context;
  const key = uriToKey(uri);
  const name = key.split('/').pop() ?? key;
  const open = state.documents.get(uri) !== undefined;
  if (!open) {
    const read = readSource(key);
    if ('error' in read) {
      if (state.roots().includes(key)) state.fileChangedOnDisk(uri, read.error === 'file not found');
      return { unavailable: `Cannot run the scenarios of ${name}: ${read.error}.` };
    }
    const held = (await state.ready()).program.unit(key);
    if (held?.text !== read.text && key.endsWith(FAILOVER_EXTENSION)) state.fileChangedOnDisk(uri, false);
  }
  const file = await context.file(uri);
  return file ?? { unavailable: `${name} is not part of the workspace the language server sees (open it, or add its folder to the workspace).` };
}

/** The worker's job: the file, what it imports and the config files that apply, by snapshot. */
function jobFor(context: ServerContext, file: FileView, cases: readonly ScenarioCase[], maxPhones: number) {
  const { analysis } = file;
  const visible = [file.key, ...analysis.program.visibleFiles(file.key).filter((k) => k !== file.key)];
  const files: [string, string][] = visible.flatMap((key) => {
    const unit = analysis.program.unit(key);
    return unit ? [[key, unit.text] as [string, string]] : [];
  });
  for (const config of new Set(visible.map((key) => analysis.ruleConfig(key).path))) {
    const read = config === undefined ? undefined : context.state.host.readFile(config);
    if (config !== undefined && read && 'text' in read) files.push([config, read.text]);
  }
  return {
    files,
    targets: [file.key],
    roots: [file.key],
    // A test run is asked for: it runs to its end (or until cancelled), whatever the editor's time budget.
    budgetMs: Number.MAX_SAFE_INTEGER,
    maxPhones,
    resilience: false,
    scenarios: [[file.key, cases.map((c) => c.title)]] as [string, string[]][],
  };
}

/**
 * Test runs, one at a time in a worker of their own (a second one waits for the first, rather than
 * cancelling it as the background simulations do); each can be cancelled by its request's token.
 */
class TestRunner {
  private readonly service: SimulationService;
  private tail: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(log: (message: string) => void) {
    this.service = new SimulationService(undefined, (message) => log(`test run: ${message}`));
  }

  run(job: Parameters<SimulationService['run']>[0], token: lsp.CancellationToken): Promise<SimulationOutcome | undefined> {
    const turn = this.tail.then(async () => {
      if (this.disposed || token.isCancellationRequested) return undefined;
      const cancellation = token.onCancellationRequested(() => this.service.cancel('the test run was cancelled'));
      try {
        return await this.service.run(job);
      } finally {
        cancellation.dispose();
      }
    });
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  dispose(): void {
    this.disposed = true;
    this.service.dispose();
  }
}

/**
 * Coalesces the files that changed into one `failover/testsChanged` per turn of the event loop,
 * and stays quiet until the client has asked for test items (a client without a Testing view is
 * never told; nor is one during `initialize`, when the folders are first scanned).
 */
class ChangeNotifier {
  listening = false;
  private pending: Set<string> | 'all' | undefined;

  constructor(private readonly send: (uris: string[] | undefined) => void) {}

  add(uris: readonly string[] | undefined): void {
    if (!this.listening) return;
    const first = this.pending === undefined;
    if (!uris) this.pending = 'all';
    else if (this.pending !== 'all') {
      this.pending ??= new Set();
      for (const uri of uris) this.pending.add(uri);
    }
    if (!first) return;
    setImmediate(() => {
      const pending = this.pending;
      this.pending = undefined;
      this.send(pending === 'all' || pending === undefined ? undefined : [...pending]);
    });
  }
}
