// Driving the VS Code 1.139 workbench in a Playwright page the way a user does: the keyboard, the
// command palette, quick open, the mouse for hovers. Every wait is a bounded poll that, when it
// runs out, says what it waited for and what it saw instead.
import { setTimeout as sleep } from 'node:timers/promises';
import { excerpt } from './codeServer.mjs';

class WaitError extends Error {}

/**
 * Polls `probe` until it reports `ok`. `probe` returns `{ ok, seen, value }`: `seen` is what the
 * page showed, quoted in the error when time runs out.
 */
export async function waitFor(what, probe, { timeoutMs = 30_000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
    } catch (error) {
      last = { ok: false, seen: `(probe failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
    }
    if (last.ok) return last.value;
    if (Date.now() >= deadline) throw new WaitError(`${what}: not seen within ${timeoutMs / 1000}s; saw: ${excerpt(last.seen, 500)}`);
    await sleep(intervalMs);
  }
}

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
  }

  /** The visible text of the first element matching `selector` (the editor's no-break spaces as spaces). */
  async text(selector = 'body') {
    const text = await this.page.evaluate((s) => document.querySelector(s)?.innerText ?? `(no ${s})`, selector);
    return text.replace(/\u00a0/g, ' ');
  }

  async load(url, folderName) {
    await this.page.goto(url, { timeout: 60_000 });
    await waitFor(
      'the workbench (.monaco-workbench)',
      async () => {
        const ok = await this.page.evaluate(() => !!document.querySelector('.monaco-workbench'));
        return { ok, seen: await this.text() };
      },
      { timeoutMs: 90_000 },
    );
    // The explorer lists the workspace: the remote file system answers.
    await waitFor(
      `the explorer listing the ${folderName} workspace`,
      async () => {
        const seen = await this.text('.explorer-folders-view');
        return { ok: seen.includes('outages.failover'), seen: seen };
      },
      { timeoutMs: 60_000 },
    );
  }

  async quickInputRows() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')].map((row) => ({
        label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
        text: (row.getAttribute('aria-label') ?? row.textContent ?? '').trim(),
      })),
    );
  }

  async quickInputOpen() {
    return this.page.evaluate(() => {
      const widget = document.querySelector('.quick-input-widget');
      return !!widget && getComputedStyle(widget).display !== 'none' && document.activeElement?.closest('.quick-input-widget') !== null;
    });
  }

  /** Opens the quick input with `keys` and waits for its focused input box. */
  async openQuickInput(keys, what) {
    await this.page.keyboard.press(keys);
    await waitFor(`the ${what} (after ${keys})`, async () => ({ ok: await this.quickInputOpen(), seen: await this.text() }), { timeoutMs: 10_000 });
  }

  /** Picks the row labelled exactly `label` from the open quick input, once it is listed. */
  async pickRow(label, what) {
    await waitFor(
      `"${label}" in the ${what}`,
      async () => {
        const rows = await this.quickInputRows();
        return {
          ok: rows.some((r) => r.label === label),
          seen: rows.length > 0 ? `rows ${rows.map((r) => JSON.stringify(r.label || r.text)).join(', ')}` : 'no rows',
        };
      },
      { timeoutMs: 15_000 },
    );
    // By its label, not its index: the list may still be re-sorted as more results arrive.
    const exactly = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    await this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly }) })
      .first()
      .click({ timeout: 10_000 });
    // Picked: the list closes, or shows something else (a command may open a quick pick of its own).
    await waitFor(
      `the ${what} to take "${label}"`,
      async () => {
        const open = await this.quickInputOpen();
        const rows = open ? await this.quickInputRows() : [];
        return { ok: !open || !rows.some((r) => r.label === label), seen: `rows ${rows.map((r) => JSON.stringify(r.label || r.text)).join(', ')}` };
      },
      { timeoutMs: 10_000 },
    );
  }

  /** The text in the quick input's box ('' when it is closed). */
  async quickInputValue() {
    return this.page.evaluate(() => {
      const input = document.querySelector('.quick-input-widget .quick-input-box input');
      return input instanceof HTMLInputElement && input.offsetParent !== null ? input.value : '';
    });
  }

  /**
   * Picks a file in VS Code's own file dialog (code-server's: a quick input holding a path, one
   * file at a time): types its absolute path over what the box holds (character by character: a
   * path set at once is overwritten by the dialog's own refresh, which may still be settling on
   * the folder it opens in), waits for the dialog to list it, and accepts it. `timeoutMs` bounds
   * the wait for the dialog to open.
   */
  async chooseInFileDialog(file, { timeoutMs = 15_000 } = {}) {
    const name = file.split('/').pop();
    await waitFor(
      'the file dialog (a path in the quick input)',
      async () => {
        const value = (await this.quickInputOpen()) ? await this.quickInputValue() : '';
        return { ok: value.startsWith('/'), seen: value ? `quick input ${JSON.stringify(value)}` : 'no quick input with a path' };
      },
      { timeoutMs },
    );
    // The dialog may still be settling on its folder and overwrite what was typed: typed again then.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+A');
      await this.page.keyboard.type(file);
      try {
        await waitFor(
          `${name} listed in the file dialog`,
          async () => {
            const value = await this.quickInputValue();
            const rows = await this.quickInputRows();
            return {
              ok: value === file && rows.some((r) => r.label === name),
              seen: `box ${JSON.stringify(value)}, rows ${rows.map((r) => r.label).join(', ')}`,
            };
          },
          { timeoutMs: 10_000 },
        );
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await this.page.keyboard.press('Enter');
    await waitFor(
      `the file dialog to take ${name}`,
      async () => {
        const value = await this.quickInputValue();
        return { ok: value !== file, seen: `box ${JSON.stringify(value)}` };
      },
      { timeoutMs: 15_000 },
    );
  }

  /** Runs a command from the command palette (F1) by its exact title. */
  async runCommand(title) {
    await this.openQuickInput('F1', 'command palette');
    await this.page.keyboard.type(title);
    await this.pickRow(title, 'command palette');
  }

  /** Quick open (Ctrl+P): opens a workspace file by name and waits for it to be the active tab. */
  async openFile(name) {
    await this.openQuickInput('Control+P', 'quick open');
    await this.page.keyboard.type(name);
    await this.pickRow(name, 'quick open list');
    await waitFor(
      `${name} as the active editor tab`,
      async () => {
        const tab = await this.activeTab();
        return { ok: tab.name === name, seen: `active tab ${JSON.stringify(tab.name)}` };
      },
      { timeoutMs: 15_000 },
    );
    await this.page.waitForSelector('.editor-group-container.active .monaco-editor .view-lines', { timeout: 15_000 });
  }

  async activeTab() {
    return this.page.evaluate(() => {
      const tab = document.querySelector('.editor-group-container.active .tab.active');
      return { name: tab?.getAttribute('data-resource-name') ?? '', dirty: !!tab?.classList.contains('dirty') };
    });
  }

  /** Gives the keyboard back to the active editor (after a panel took it). */
  async focusEditor() {
    await this.runCommand('View: Focus Active Editor Group');
    await waitFor(
      'the keyboard focus in the editor',
      async () => {
        const ok = await this.page.evaluate(() => !!document.activeElement?.closest('.editor-group-container.active .monaco-editor'));
        return { ok, seen: await this.page.evaluate(() => `focus on ${document.activeElement?.className || document.activeElement?.tagName}`) };
      },
      { timeoutMs: 10_000 },
    );
  }

  /** The cursor position the status bar shows: `Ln 9, Col 3`. */
  async cursor() {
    return this.page.evaluate(
      () => [...document.querySelectorAll('.statusbar-item')].map((e) => e.textContent?.trim() ?? '').find((t) => /^Ln \d+, Col \d+/.test(t)) ?? '',
    );
  }

  /** Go to Line/Column (Ctrl+G) in the active editor; waits until the status bar agrees. */
  async goTo(line, column = 1) {
    await this.openQuickInput('Control+G', 'go-to-line box');
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await waitFor(
      `the cursor at Ln ${line}, Col ${column}`,
      async () => {
        const at = await this.cursor();
        return { ok: at.startsWith(`Ln ${line}, Col ${column}`), seen: `status bar ${JSON.stringify(at)}` };
      },
      { timeoutMs: 10_000 },
    );
  }

  /** The texts of the code lenses in the active editor. */
  async codeLenses() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('.editor-group-container.active .monaco-editor .codelens-decoration')].map((e) => e.textContent?.trim() ?? ''),
    );
  }

  /** The Problems panel's text, or '' when it is not shown. */
  async problems() {
    return this.page.evaluate(() => {
      const panel = document.querySelector('.markers-panel');
      return panel && panel.getBoundingClientRect().height > 0 ? panel.innerText : '';
    });
  }

  /** The text of the visible hover widget, or ''. */
  async hoverText() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('.monaco-hover')]
        .filter((e) => !e.classList.contains('hidden') && e.getBoundingClientRect().height > 0)
        .map((e) => e.innerText)
        .join('\n'),
    );
  }

  /** Where `word` is drawn in the active editor's visible lines (the first occurrence), or null. */
  async wordBox(word) {
    return this.page.evaluate((w) => {
      const lines = document.querySelector('.editor-group-container.active .monaco-editor .view-lines');
      if (!lines) return null;
      const walker = document.createTreeWalker(lines, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(w) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + w.length);
        const box = range.getBoundingClientRect();
        if (box.width > 0) return { x: box.x, y: box.y, width: box.width, height: box.height };
      }
      return null;
    }, word);
  }

  /** The labels in the visible suggest widget, or null when it is not shown. */
  async suggestions() {
    return this.page.evaluate(() => {
      const widget = document.querySelector('.editor-widget.suggest-widget.visible');
      if (!widget) return null;
      return [...widget.querySelectorAll('.monaco-list-row')].map((row) => ({
        label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
        kind: [...(row.querySelector('.suggest-icon')?.classList ?? [])].find((c) => c.startsWith('codicon-symbol-'))?.replace('codicon-symbol-', '') ?? '',
        total: Number(row.getAttribute('aria-setsize') ?? 0), // the whole list, not only the rows drawn
      }));
    });
  }

  /**
   * Closes a suggestion list that typing opened. The list comes when the language server answers,
   * maybe after the key that should close it: so it is waited for a moment, and closed when it shows.
   */
  async dismissSuggestions() {
    let quiet = 0;
    for (let i = 0; i < 12 && quiet < 3; i++) {
      if (await this.suggestions()) {
        quiet = 0;
        await this.page.keyboard.press('Escape');
      } else quiet++;
      await sleep(250);
    }
  }

  /** The frame whose document passes `test` (webviews are nested iframes), or undefined. */
  async frameWhere(test) {
    for (const frame of this.page.frames()) {
      try {
        if (await frame.evaluate(test)) return frame;
      } catch {
        // a frame that is navigating or gone
      }
    }
    return undefined;
  }
}
