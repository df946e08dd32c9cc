// The Testing view's logic without VS Code (a fake `vscode`, test/client/fakeVscode.ts): the tree
// folder → file → scenario → expectation from the server's items, what a run request covers, and
// how the server's answer becomes passed, failed and errored tests, messages and output.
import { describe, expect, it } from 'vitest';
import type { TestItem } from 'vscode';
import { layoutTree, ScenarioTree, scenarioId, type TreeNode } from '../../client/src/testing/scenarioTree';
import { planRun, reportResult, RunScope } from '../../client/src/testing/testRun';
import type { FileTestItems, RunTestsResult, ScenarioOutcome, TextRange } from '../../server/src/lsp/protocol';
import { DEFAULT_EDITOR_CONFIGURATION } from '../../server/src/lsp/editorConfiguration';
import { fileTestItems, selectCases, testOutcome } from '../../server/src/lsp/features/tests';
import { featureWorkspace } from '../support/featureHarness';
import { fakeApi, fakeController, FakeRun, type FakeCollection, type FakeTestItem } from './fakeVscode';

const ROOT = 'file:///ws';
const FOLDER = { uri: ROOT, name: 'ws' };

/** A range on one line (0-based). */
const on = (line: number, length = 10): TextRange => ({ start: { line, character: 2 }, end: { line, character: 2 + length } });

function file(name: string, scenarios: Record<string, string[]>): FileTestItems {
  let line = 0;
  return {
    uri: `${ROOT}/${name}`,
    scenarios: Object.entries(scenarios).map(([title, expectations]) => {
      const start = line;
      const items = expectations.map((label) => ({ label, range: on(++line) }));
      line += 2;
      return { title, range: { start: { line: start, character: 0 }, end: { line: line - 1, character: 1 } }, expectations: items };
    }),
  };
}

/** The tree as indented lines: `label [kind]`. */
function outline(nodes: readonly TreeNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.label} [${n.info.kind}]`, ...outline(n.children, depth + 1)]);
}

/** The items under a collection as indented labels. */
function itemOutline(collection: { forEach(cb: (item: FakeTestItem) => unknown): void }, depth = 0): string[] {
  const lines: string[] = [];
  collection.forEach((item) => {
    lines.push(`${'  '.repeat(depth)}${item.label}${item.range ? ` @${item.range.start.line + 1}` : ''}`);
    lines.push(...itemOutline(item.children, depth + 1));
  });
  return lines;
}

const OUTAGES = file('outages.failover', { 'CM1 crash': ['at 5m expect HQ on CM2 >= 800', 'expect outage HQ <= 5m'], 'WAN cut': ['expect settled by 45m'] });
const LAB = file('lab/spare.failover', { spare: [] });
const TOPOLOGY = file('topology.failover', {});

describe('the tree: folder → file → scenario → expectation', () => {
  it('puts the files of a one-folder workspace at the top, subfolders as nodes, and leaves out files without scenarios', () => {
    expect(outline(layoutTree([OUTAGES, LAB, TOPOLOGY], [FOLDER]))).toEqual([
      'outages.failover [file]',
      '  CM1 crash [scenario]',
      '    at 5m expect HQ on CM2 >= 800 [expectation]',
      '    expect outage HQ <= 5m [expectation]',
      '  WAN cut [scenario]',
      '    expect settled by 45m [expectation]',
      'lab [folder]',
      '  spare.failover [file]',
      '    spare [scenario]',
    ]);
  });

  it('sorts folders before files by name, and scenarios and expectations in text order', () => {
    const [outages, lab] = layoutTree([OUTAGES, LAB], [FOLDER]);
    expect([lab?.sortText, outages?.sortText]).toEqual(['0lab', '1outages.failover']);
    expect(outages?.children.map((s) => s.sortText)).toEqual(['0000000', '0000004']);
  });

  it('shows each workspace folder of a multi-root workspace as a node, and leaves out files outside them', () => {
    const other = { uri: 'file:///other', name: 'other' };
    const elsewhere = { ...OUTAGES, uri: 'file:///tmp/loose.failover' };
    const inOther = { ...LAB, uri: 'file:///other/deep/x%20y.failover' };
    expect(outline(layoutTree([OUTAGES, elsewhere, inOther], [FOLDER, other])).filter((l) => /\[(folder|file)\]$/.test(l))).toEqual([
      'ws [folder]',
      '  outages.failover [file]',
      'other [folder]',
      '  deep [folder]',
      '    x y.failover [file]',
    ]);
  });

  it('gives scenarios ids from their file and title, and a second scenario of one title an id of its own', () => {
    const twice = { uri: `${ROOT}/dup.failover`, scenarios: [OUTAGES.scenarios[0]!, OUTAGES.scenarios[0]!] };
    const [node] = layoutTree([twice], [FOLDER]);
    expect(node?.children.map((s) => s.id)).toEqual([scenarioId(twice.uri, 'CM1 crash'), `${scenarioId(twice.uri, 'CM1 crash')}#2`]);
    expect(node?.children[0]?.children.map((e) => e.id)).toEqual([`${ROOT}/dup.failover#CM1%20crash/0`, `${ROOT}/dup.failover#CM1%20crash/1`]);
  });

  it('updates the items in place: the same items (and so their results) stay, only what changed is set, and what went is removed', () => {
    const controller = fakeController();
    const tree = new ScenarioTree(controller, fakeApi, () => [FOLDER]);
    tree.setFiles([OUTAGES, LAB]);
    const scenario = controller.items.get(OUTAGES.uri)!.children.get(scenarioId(OUTAGES.uri, 'CM1 crash')) as unknown as FakeTestItem;
    expect(scenario.parent?.id).toBe(OUTAGES.uri);
    expect(scenario.uri?.toString()).toBe(OUTAGES.uri);
    expect(scenario.assignments).toEqual(['sortText', 'range']); // set once, after creation

    // An edit moves "WAN cut" down a line and renames its expectation; the lab file is deleted.
    const edited: FileTestItems = {
      uri: OUTAGES.uri,
      scenarios: [OUTAGES.scenarios[0]!, { ...OUTAGES.scenarios[1]!, range: on(9), expectations: [{ label: 'expect settled by 1h', range: on(10) }] }],
    };
    tree.updateFiles([OUTAGES.uri, LAB.uri], [edited]);
    expect(itemOutline(controller.items)).toEqual([
      'outages.failover',
      '  CM1 crash @1',
      '    at 5m expect HQ on CM2 >= 800 @2',
      '    expect outage HQ <= 5m @3',
      '  WAN cut @10',
      '    expect settled by 1h @11',
    ]);
    expect(controller.items.get(OUTAGES.uri)!.children.get(scenarioId(OUTAGES.uri, 'CM1 crash'))).toBe(scenario);
    expect(scenario.assignments).toEqual(['sortText', 'range']); // unchanged: nothing set again
    expect(controller.items.get(`${ROOT}/lab`)).toBeUndefined(); // the folder went with its only file
  });

  it('forgets every file the server no longer lists after a full listing', () => {
    const controller = fakeController();
    const tree = new ScenarioTree(controller, fakeApi, () => [FOLDER]);
    tree.setFiles([OUTAGES, LAB]);
    tree.setFiles([LAB]);
    expect(itemOutline(controller.items)).toEqual(['lab', '  spare.failover', '    spare @1']);
    expect(tree.knownFiles()).toEqual([LAB.uri]);
  });
});

/** A tree of OUTAGES and LAB, and a way to find an item by its path of labels. */
function setUp() {
  const controller = fakeController();
  const tree = new ScenarioTree(controller, fakeApi, () => [FOLDER]);
  tree.setFiles([OUTAGES, LAB]);
  const find = (...labels: string[]): TestItem => {
    let collection: FakeCollection = controller.items;
    let found: FakeTestItem | undefined;
    for (const label of labels) {
      found = [...collection].map(([, item]) => item).find((item) => item.label === label);
      if (!found) throw new Error(`no item ${labels.join(' › ')}`);
      collection = found.children;
    }
    return found as unknown as TestItem;
  };
  return { controller, tree, find };
}

describe('what a run covers', () => {
  it('Run All: every file with scenarios, each whole (new scenarios included)', () => {
    const { controller, tree } = setUp();
    const plan = planRun(tree, controller.items, new RunScope());
    expect(plan.map((p) => [p.uri, p.titles, p.scenarios.length])).toEqual([
      [OUTAGES.uri, undefined, 2],
      [LAB.uri, undefined, 1],
    ]);
  });

  it('a folder runs its files; a scenario, or one of its expectations, runs that scenario alone', () => {
    const { controller, tree, find } = setUp();
    const run = (...include: TestItem[]) => planRun(tree, controller.items, new RunScope(include), include).map((p) => [p.uri, p.titles]);
    expect(run(find('lab'))).toEqual([[LAB.uri, undefined]]);
    expect(run(find('outages.failover', 'WAN cut'))).toEqual([[OUTAGES.uri, ['WAN cut']]]);
    expect(run(find('outages.failover', 'CM1 crash', 'expect outage HQ <= 5m'))).toEqual([[OUTAGES.uri, ['CM1 crash']]]);
  });

  it('leaves out what is excluded: a file with an excluded scenario runs the others by title', () => {
    const { controller, tree, find } = setUp();
    const scope = new RunScope(undefined, [find('outages.failover', 'CM1 crash')]);
    expect(planRun(tree, controller.items, scope).map((p) => [p.uri, p.titles])).toEqual([
      [OUTAGES.uri, ['WAN cut']],
      [LAB.uri, undefined],
    ]);
  });
});

const simulated = (
  title: string,
  range: TextRange,
  results: { label: string; passed: boolean; expected: string; actual: string }[],
): Extract<ScenarioOutcome, { simulated: true }> => ({
  title,
  range,
  expectations: results.map((r, i) => ({ label: r.label, range: on(range.start.line + 1 + i) })),
  simulated: true,
  passed: results.every((r) => r.passed),
  summary: `${results.every((r) => r.passed) ? '✓' : '✗'} ${results.filter((r) => r.passed).length}/${results.length} expectations · max outage 55s · settled 21m`,
  results: results.map((r, i) => ({ ...r, range: on(range.start.line + 1 + i), message: `${r.label}: ${r.actual} (${r.expected})` })),
  findings: [],
});

describe('reporting the answer for a file', () => {
  const crash = OUTAGES.scenarios[0]!;
  const wan = OUTAGES.scenarios[1]!;

  it('passes a scenario whose expectations hold, and each expectation, with a line of output per scenario', () => {
    const { controller, tree } = setUp();
    const run = new FakeRun();
    const scope = new RunScope();
    const [planned] = planRun(tree, controller.items, scope);
    const result: RunTestsResult = {
      uri: OUTAGES.uri,
      missing: [],
      scenarios: [
        simulated('CM1 crash', crash.range, [
          { label: 'at 5m expect HQ on CM2 >= 800', passed: true, expected: '>= 800', actual: '840' },
          { label: 'expect outage HQ <= 5m', passed: true, expected: '<= 5m', actual: '55s' },
        ]),
        simulated('WAN cut', wan.range, [{ label: 'expect settled by 45m', passed: true, expected: 'by 45m', actual: '21m' }]),
      ],
    };
    reportResult(run.report, fakeApi, tree, scope, planned!, result);
    const crashId = scenarioId(OUTAGES.uri, 'CM1 crash');
    const wanId = scenarioId(OUTAGES.uri, 'WAN cut');
    expect(run.states).toEqual([`passed ${crashId}/0`, `passed ${crashId}/1`, `passed ${crashId}`, `passed ${wanId}/0`, `passed ${wanId}`]);
    expect(run.output).toEqual([
      { text: 'outages.failover\r\n' },
      { text: '  ✓ CM1 crash  ✓ 2/2 expectations · max outage 55s · settled 21m\r\n', at: `${OUTAGES.uri}:1`, test: crashId },
      { text: '  ✓ WAN cut  ✓ 1/1 expectations · max outage 55s · settled 21m\r\n', at: `${OUTAGES.uri}:5`, test: wanId },
    ]);
  });

  it('fails the expectation that does not hold with its expected and actual value at its line, and the scenario with a count at its own', () => {
    const { controller, tree, find } = setUp();
    const run = new FakeRun();
    const include = [find('outages.failover', 'CM1 crash')];
    const scope = new RunScope(include);
    const [planned] = planRun(tree, controller.items, scope, include);
    reportResult(run.report, fakeApi, tree, scope, planned!, {
      uri: OUTAGES.uri,
      missing: [],
      scenarios: [
        simulated('CM1 crash', crash.range, [
          { label: 'at 5m expect HQ on CM2 >= 800', passed: true, expected: '>= 800', actual: '840' },
          { label: 'expect outage HQ <= 5m', passed: false, expected: '<= 5m', actual: '6m30s' },
        ]),
      ],
    });
    const crashId = scenarioId(OUTAGES.uri, 'CM1 crash');
    expect(run.states).toEqual([`passed ${crashId}/0`, `failed ${crashId}/1`, `failed ${crashId}`]);
    // `<= 5m` is no value to compare 6m30s with: the message says both.
    expect(run.messages.get(`${crashId}/1`)).toEqual([{ message: 'Expectation not met: expect outage HQ <= 5m: 6m30s (<= 5m)', at: `${OUTAGES.uri}:3` }]);
    expect(run.messages.get(crashId)).toEqual([
      { message: '1 of 2 expectations not met: ✗ 1/2 expectations · max outage 55s · settled 21m', at: `${OUTAGES.uri}:1` },
    ]);
    expect(run.output.map((o) => o.text)).toContain('      ✗ line 3: expect outage HQ <= 5m: 6m30s (<= 5m) (expected <= 5m, actual 6m30s)\r\n');
    // WAN cut was not asked for: it is left alone.
    expect(run.states.some((s) => s.includes('WAN'))).toBe(false);
  });

  it('shows a failed `==` expectation as a difference between the value expected and the actual one', () => {
    const { controller, tree } = setUp();
    const run = new FakeRun();
    const scope = new RunScope();
    const [planned] = planRun(tree, controller.items, scope);
    const outcome = simulated('WAN cut', wan.range, [{ label: 'expect settled by 45m', passed: true, expected: 'by 45m', actual: '21m' }]);
    const equality = {
      ...outcome.results[0]!,
      label: 'at 20m expect BRANCH1 on CM2 == all',
      passed: false,
      expected: '== all = 40',
      actual: '32',
      equalTo: '40',
    };
    reportResult(run.report, fakeApi, tree, scope, planned!, {
      uri: OUTAGES.uri,
      missing: [],
      scenarios: [{ ...outcome, passed: false, results: [{ ...equality, message: 'BRANCH1 on CM2 at 20m: 32 (== all)' }] }],
    });
    expect(run.messages.get(`${scenarioId(OUTAGES.uri, 'WAN cut')}/0`)).toEqual([
      { message: 'Expectation not met: BRANCH1 on CM2 at 20m: 32 (== all)', expected: '40', actual: '32', at: `${OUTAGES.uri}:6` },
    ]);
  });

  it('writes findings to the output at their lines, with their severity and code', () => {
    const { controller, tree } = setUp();
    const run = new FakeRun();
    const scope = new RunScope();
    const [planned] = planRun(tree, controller.items, scope);
    const outcome = simulated('WAN cut', wan.range, [{ label: 'expect settled by 45m', passed: true, expected: 'by 45m', actual: '21m' }]);
    reportResult(run.report, fakeApi, tree, scope, planned!, {
      uri: OUTAGES.uri,
      missing: [],
      scenarios: [{ ...outcome, findings: [{ code: 'capacity-exceeded', severity: 'warning', message: '40 phones turned away by BR1-RTR', range: on(5) }] }],
    });
    expect(run.output.at(-1)).toEqual({
      text: '      ⚠ capacity-exceeded line 6: 40 phones turned away by BR1-RTR\r\n',
      at: `${OUTAGES.uri}:6`,
      test: scenarioId(OUTAGES.uri, 'WAN cut'),
    });
  });

  it('errors a scenario that was not simulated with the reason at the line of the error, and skips its expectations', () => {
    const { controller, tree } = setUp();
    const run = new FakeRun();
    const scope = new RunScope();
    const [planned] = planRun(tree, controller.items, scope);
    const reason = 'Not simulated: topology.failover, which this file imports, has errors. The first, at line 4: Unknown callmanager `CM9`.';
    reportResult(run.report, fakeApi, tree, scope, planned!, {
      uri: OUTAGES.uri,
      missing: [],
      scenarios: [
        { ...crash, simulated: false, reason, location: { uri: `${ROOT}/topology.failover`, range: on(3) } },
        { ...wan, simulated: false, reason, location: { uri: `${ROOT}/topology.failover`, range: on(3) } },
      ],
    });
    const crashId = scenarioId(OUTAGES.uri, 'CM1 crash');
    expect(run.states.slice(0, 3)).toEqual([`errored ${crashId}`, `skipped ${crashId}/0`, `skipped ${crashId}/1`]);
    expect(run.messages.get(crashId)).toEqual([{ message: reason, at: `${ROOT}/topology.failover:4` }]);
    expect(run.output[1]).toEqual({ text: `  ⚠ CM1 crash: ${reason}\r\n`, at: `${ROOT}/topology.failover:4`, test: crashId });
  });

  it('errors every scenario of a file that cannot be run (deleted meanwhile), with the reason', () => {
    const { controller, tree } = setUp();
    const run = new FakeRun();
    const scope = new RunScope();
    const [planned] = planRun(tree, controller.items, scope);
    const unavailable = 'Cannot run the scenarios of outages.failover: file not found.';
    reportResult(run.report, fakeApi, tree, scope, planned!, { uri: OUTAGES.uri, unavailable });
    const crashId = scenarioId(OUTAGES.uri, 'CM1 crash');
    expect(run.states.filter((s) => s.startsWith('errored'))).toEqual([`errored ${crashId}`, `errored ${scenarioId(OUTAGES.uri, 'WAN cut')}`]);
    expect(run.messages.get(crashId)).toEqual([{ message: unavailable }]);
    expect(run.output).toEqual([{ text: `⚠ ${unavailable}\r\n` }]);
  });

  it('skips the scenarios of a cancelled run', () => {
    const { controller, tree } = setUp();
    const run = new FakeRun();
    const scope = new RunScope();
    const [, planned] = planRun(tree, controller.items, scope);
    reportResult(run.report, fakeApi, tree, scope, planned!, { uri: LAB.uri, cancelled: true });
    expect(run.states).toEqual([`skipped ${scenarioId(LAB.uri, 'spare')}`]);
    expect(run.output).toEqual([{ text: 'spare.failover: cancelled\r\n' }]);
  });

  it('follows the file as the server ran it: a scenario added meanwhile appears with its result, one gone is removed (and its file with it)', () => {
    const { controller, tree, find } = setUp();
    const run = new FakeRun();
    const scope = new RunScope();
    const [planned] = planRun(tree, controller.items, scope);
    const added = simulated('Added meanwhile', on(20), [{ label: 'expect settled by 1h', passed: true, expected: 'by 1h', actual: '2m' }]);
    reportResult(run.report, fakeApi, tree, scope, planned!, { uri: OUTAGES.uri, missing: [], scenarios: [added] });
    expect(run.states).toEqual([`passed ${scenarioId(OUTAGES.uri, 'Added meanwhile')}/0`, `passed ${scenarioId(OUTAGES.uri, 'Added meanwhile')}`]);
    expect(itemOutline(find('outages.failover').children as never)).toEqual(['Added meanwhile @21', '  expect settled by 1h @22']);

    const renamed = new FakeRun();
    const include = [find('outages.failover', 'Added meanwhile')];
    const partial = new RunScope(include);
    const [only] = planRun(tree, controller.items, partial, include);
    reportResult(renamed.report, fakeApi, tree, partial, only!, { uri: OUTAGES.uri, missing: ['Added meanwhile'], scenarios: [] });
    expect(controller.items.get(OUTAGES.uri)).toBeUndefined(); // a file without scenarios is not in the tree
    expect(renamed.output[0]?.text).toBe('⚠ outages.failover no longer has "Added meanwhile" (renamed or removed)\r\n');
  });

  it("reports only the expectation asked for when one expectation is run (the others aren't part of the request)", () => {
    const { controller, tree, find } = setUp();
    const run = new FakeRun();
    const include = [find('outages.failover', 'CM1 crash', 'expect outage HQ <= 5m')];
    const scope = new RunScope(include);
    const [planned] = planRun(tree, controller.items, scope, include);
    reportResult(run.report, fakeApi, tree, scope, planned!, {
      uri: OUTAGES.uri,
      missing: [],
      scenarios: [
        simulated('CM1 crash', crash.range, [
          { label: 'at 5m expect HQ on CM2 >= 800', passed: false, expected: '>= 800', actual: '700' },
          { label: 'expect outage HQ <= 5m', passed: true, expected: '<= 5m', actual: '55s' },
        ]),
      ],
    });
    expect(run.states).toEqual([`passed ${scenarioId(OUTAGES.uri, 'CM1 crash')}/1`]);
  });
});

describe('from the server to the Testing view, in process', () => {
  // The server's own answers for a small workspace (its items and a run), mapped by the client's logic.
  const ws = featureWorkspace({
    'topology.failover':
      'callmanager CM1 { registration-rate 100 }\ncallmanager CM2 { registration-rate 100 }\ngroup G { CM1, CM2 }\npool HQ { group G phones 10 }\n',
    'scenarios.failover':
      'import "topology.failover"\n\nscenario "stop" {\n  at 1m stop CM1\n  at 1m1s expect HQ on CM2\n  expect outage HQ <= 50ms\n  expect peak CM2 == 9\n}\n',
  });

  it('lists the scenario under its file and fails the expectations the simulation does not meet: 100ms against <= 50ms, 10 against == 9', () => {
    const controller = fakeController();
    const tree = new ScenarioTree(controller, fakeApi, () => [{ uri: 'file:///w', name: 'w' }]);
    tree.setFiles([fileTestItems(ws.file('topology.failover')), fileTestItems(ws.file('scenarios.failover'))]);
    expect(itemOutline(controller.items)).toEqual([
      'scenarios.failover',
      '  stop @3',
      '    at 1m1s expect HQ on CM2 @5',
      '    expect outage HQ <= 50ms @6',
      '    expect peak CM2 == 9 @7',
    ]);

    const run = new FakeRun();
    const scope = new RunScope();
    const [planned] = planRun(tree, controller.items, scope);
    const file = ws.file('scenarios.failover');
    // 10 phones at 10 ms each after the stop at 60 000 ms: the last registers at 60 100 ms, 100 ms out.
    const result = testOutcome(file, selectCases(file, planned!.titles), ws.simulation().runs.get(file.key) ?? [], DEFAULT_EDITOR_CONFIGURATION);
    reportResult(run.report, fakeApi, tree, scope, planned!, result);
    const stop = scenarioId(ws.uri('scenarios.failover'), 'stop');
    expect(run.states).toEqual([`passed ${stop}/0`, `failed ${stop}/1`, `failed ${stop}/2`, `failed ${stop}`]);
    expect(run.messages.get(`${stop}/1`)).toEqual([{ message: 'Expectation not met: outage HQ: 100ms (<= 50ms)', at: `${ws.uri('scenarios.failover')}:6` }]);
    // All 10 phones end on CM2: its peak is 10, not 9.
    expect(run.messages.get(`${stop}/2`)).toEqual([
      { message: 'Expectation not met: peak CM2: 10 (== 9)', expected: '9', actual: '10', at: `${ws.uri('scenarios.failover')}:7` },
    ]);
  });
});
