// A test run of the Testing view as plain logic: which scenarios of which files a request covers
// (`planRun`), and how the language server's answer for one file becomes test states, messages
// at the lines they concern and output (`reportResult`). The `vscode` classes it needs are passed
// in (`RunApi`), so that it runs under test without VS Code.
import type { Location, MarkdownString, Range, TestItem, TestItemCollection, TestMessage, TestRun, Uri } from 'vscode';
import type { ProblemLocation, RunTestsResult, ScenarioOutcome, TextRange } from '../../../server/src/lsp/protocol';
import type { ScenarioTree, TreeApi } from './scenarioTree';

/** What a run uses of the `vscode` module. */
export interface RunApi extends TreeApi {
  readonly Location: new (uri: Uri, range: Range) => Location;
  readonly TestMessage: { new (message: string | MarkdownString): TestMessage; diff(message: string, expected: string, actual: string): TestMessage };
}

/** What a run reports to: a TestRun. */
export type RunReport = Pick<TestRun, 'enqueued' | 'started' | 'passed' | 'failed' | 'errored' | 'skipped' | 'appendOutput'>;

export interface PlannedFile {
  readonly uri: string;
  /** The scenarios to run by title; undefined for all the file has (including any new since the tree was drawn). */
  readonly titles: readonly string[] | undefined;
  /** The scenario items the run covers, in tree order. */
  readonly scenarios: readonly TestItem[];
}

/** Which items a request covers: the ones included (all, without `include`) and their children, less the excluded ones. */
export class RunScope {
  private readonly include: ReadonlySet<TestItem> | undefined;
  private readonly exclude: ReadonlySet<TestItem>;

  constructor(include?: readonly TestItem[], exclude?: readonly TestItem[]) {
    this.include = include ? new Set(include) : undefined;
    this.exclude = new Set(exclude ?? []);
  }

  covers(item: TestItem): boolean {
    let included = this.include === undefined;
    for (let at: TestItem | undefined = item; at; at = at.parent) {
      if (this.exclude.has(at)) return false;
      if (this.include?.has(at)) included = true;
    }
    return included;
  }
}

/** The files and scenarios a request runs, file by file in tree order. */
export function planRun(tree: ScenarioTree, roots: TestItemCollection, scope: RunScope, include?: readonly TestItem[]): PlannedFile[] {
  const files = new Map<string, { whole: boolean; titles: Set<string>; scenarios: Set<TestItem> }>();
  const fileEntry = (uri: string) => {
    let entry = files.get(uri);
    if (!entry) files.set(uri, (entry = { whole: false, titles: new Set(), scenarios: new Set() }));
    return entry;
  };
  const addScenario = (scenario: TestItem) => {
    const info = tree.info(scenario);
    if (info?.kind !== 'scenario') return;
    const entry = fileEntry(info.uri);
    entry.titles.add(info.title);
    entry.scenarios.add(scenario);
  };
  const visit = (item: TestItem): void => {
    if (!scope.covers(item)) return;
    const info = tree.info(item);
    switch (info?.kind) {
      case 'folder':
        item.children.forEach(visit);
        return;
      case 'file': {
        const scenarios: TestItem[] = [];
        item.children.forEach((scenario) => scenarios.push(scenario));
        const covered = scenarios.filter((s) => scope.covers(s));
        // The whole file unless something in it is excluded: then only what is left, by title.
        const partial = covered.length < scenarios.length || covered.some((s) => hasExcluded(s, scope));
        const entry = fileEntry(info.uri);
        entry.whole ||= !partial;
        covered.forEach(addScenario);
        return;
      }
      case 'scenario':
        addScenario(item);
        return;
      case 'expectation':
        if (item.parent) addScenario(item.parent);
        return;
      default:
        return;
    }
  };
  if (include) include.forEach(visit);
  else roots.forEach(visit);
  return [...files].map(([uri, entry]) => ({ uri, titles: entry.whole ? undefined : [...entry.titles], scenarios: [...entry.scenarios] }));
}

function hasExcluded(item: TestItem, scope: RunScope): boolean {
  let found = false;
  item.children.forEach((child) => {
    found ||= !scope.covers(child);
  });
  return found;
}

const GREEN = '\x1b[32m';
const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/**
 * Reports the server's answer for one planned file: each scenario passed, failed (each failed
 * expectation a message at its line, with the expected and the actual value) or errored (not
 * simulated, with the reason at the line it concerns); findings and a line per scenario go to the
 * run's output. Items outside the request's scope are left alone.
 */
export function reportResult(run: RunReport, api: RunApi, tree: ScenarioTree, scope: RunScope, planned: PlannedFile, result: RunTestsResult): void {
  const fileName = planned.uri.slice(planned.uri.lastIndexOf('/') + 1);
  const location = (where: ProblemLocation) => new api.Location(api.Uri.parse(where.uri), toRange(api, where.range));
  const line = (text: string, where?: ProblemLocation, test?: TestItem) => run.appendOutput(`${text}\r\n`, where && location(where), test);
  const covered = (item: TestItem | undefined): item is TestItem => item !== undefined && scope.covers(item);

  if ('cancelled' in result) {
    for (const scenario of planned.scenarios) forCovered(scenario, scope, (item) => run.skipped(item));
    line(`${DIM}${fileName}: cancelled${RESET}`);
    return;
  }
  if ('unavailable' in result) {
    for (const scenario of planned.scenarios) {
      if (covered(scenario)) run.errored(scenario, new api.TestMessage(result.unavailable));
      scenario.children.forEach((expectation) => covered(expectation) && run.skipped(expectation));
    }
    line(`${YELLOW}⚠ ${result.unavailable}${RESET}`);
    return;
  }

  // The answer describes the scenarios as they are now: the tree follows before results land on it.
  tree.setScenarios(result.uri, result.scenarios, planned.titles === undefined);
  if (result.missing.length > 0) {
    tree.removeScenarios(result.uri, result.missing);
    line(`${YELLOW}⚠ ${fileName} no longer has ${result.missing.map((t) => `"${t}"`).join(', ')} (renamed or removed)${RESET}`);
  }
  line(`${fileName}`);
  const occurrences = new Map<string, number>();
  for (const outcome of result.scenarios) {
    const occurrence = (occurrences.get(outcome.title) ?? 0) + 1;
    occurrences.set(outcome.title, occurrence);
    const scenario = tree.item(result.uri, outcome.title, occurrence);
    reportScenario(outcome, scenario, (index) => tree.item(result.uri, outcome.title, occurrence, index));
  }

  function reportScenario(outcome: ScenarioOutcome, scenario: TestItem | undefined, expectationItem: (index: number) => TestItem | undefined): void {
    const at = { uri: result.uri, range: outcome.range };
    const title = outcome.title || '(scenario without a title)';
    if (!outcome.simulated) {
      const message = new api.TestMessage(outcome.reason);
      message.location = location(outcome.location ?? at);
      if (covered(scenario)) run.errored(scenario, message);
      outcome.expectations.forEach((_, index) => {
        const item = expectationItem(index);
        if (covered(item)) run.skipped(item);
      });
      line(`  ${YELLOW}⚠ ${title}${RESET}: ${outcome.reason}`, outcome.location ?? at, scenario);
      return;
    }
    outcome.results.forEach((expectation, index) => {
      const item = expectationItem(index);
      if (!covered(item)) return;
      if (expectation.passed) run.passed(item);
      else {
        // An `==` expectation compares as a difference (expected against actual value); for the
        // others (`<= 1m`) a difference would read as if the actual should equal `<= 1m`.
        const text = `Expectation not met: ${expectation.message}`;
        const message = expectation.equalTo === undefined ? new api.TestMessage(text) : api.TestMessage.diff(text, expectation.equalTo, expectation.actual);
        message.location = location({ uri: result.uri, range: expectation.range });
        run.failed(item, message);
      }
    });
    const failed = outcome.results.filter((r) => !r.passed);
    if (covered(scenario)) {
      if (outcome.passed) run.passed(scenario);
      else {
        const message = new api.TestMessage(`${failed.length} of ${outcome.results.length} expectations not met: ${outcome.summary}`);
        message.location = location(at);
        run.failed(scenario, message);
      }
    }
    line(`  ${outcome.passed ? `${GREEN}✓` : `${RED}✗`} ${title}${RESET}  ${DIM}${outcome.summary}${RESET}`, at, scenario);
    failed.forEach((expectation) => {
      line(
        `      ${RED}✗${RESET} line ${expectation.range.start.line + 1}: ${expectation.message} (expected ${expectation.expected}, actual ${expectation.actual})`,
        { uri: result.uri, range: expectation.range },
        scenario,
      );
    });
    for (const finding of outcome.findings) {
      const mark = finding.severity === 'error' ? `${RED}✗` : finding.severity === 'warning' ? `${YELLOW}⚠` : `${DIM}ℹ`;
      line(
        `      ${mark} ${finding.code}${RESET} line ${finding.range.start.line + 1}: ${finding.message}`,
        { uri: result.uri, range: finding.range },
        scenario,
      );
    }
  }
}

/** Marks every item of a scenario the scope covers (the scenario and its expectations). */
export function forCovered(scenario: TestItem, scope: RunScope, mark: (item: TestItem) => void): void {
  if (scope.covers(scenario)) mark(scenario);
  scenario.children.forEach((expectation) => {
    if (scope.covers(expectation)) mark(expectation);
  });
}

function toRange(api: TreeApi, range: TextRange): Range {
  return new api.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}
