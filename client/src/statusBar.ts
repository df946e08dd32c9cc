// The status bar item for the active `.failover` editor: its scenarios passing or failing, as the
// server last reported them. Clicking it shows a timeline.
import { StatusBarAlignment, ThemeColor, window, workspace, type Disposable, type StatusBarItem } from 'vscode';
import type { StatusEntry } from '../../server/src/lsp/protocol';
import { Commands } from './commandIds';
import { LANGUAGE_ID } from './languageClient';
import { describeStatus } from './status';

export class ScenarioStatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private readonly entries = new Map<string, StatusEntry>();
  private readonly subscriptions: Disposable[];

  /** `fetch` asks the server for a file's status when it has not told us yet. */
  constructor(private readonly fetch: (uri: string) => Promise<StatusEntry | undefined>) {
    this.item = window.createStatusBarItem('failover.scenarios', StatusBarAlignment.Left, 10);
    this.item.name = 'Failover Scenarios';
    this.item.command = Commands.showTimeline;
    this.subscriptions = [
      window.onDidChangeActiveTextEditor(() => this.render()),
      workspace.onDidCloseTextDocument((document) => this.entries.delete(document.uri.toString())),
    ];
    this.render();
  }

  update(entry: StatusEntry): void {
    this.entries.set(entry.uri, entry);
    if (entry.uri === this.activeUri()) this.render();
  }

  /** Forget everything (the server restarted). */
  clear(): void {
    this.entries.clear();
    this.render();
  }

  private activeUri(): string | undefined {
    const document = window.activeTextEditor?.document;
    return document?.languageId === LANGUAGE_ID ? document.uri.toString() : undefined;
  }

  private render(): void {
    const uri = this.activeUri();
    const entry = uri === undefined ? undefined : this.entries.get(uri);
    if (!entry) {
      this.item.hide();
      if (uri !== undefined) void this.fetchFor(uri);
      return;
    }
    const status = describeStatus(entry);
    this.item.text = status.text;
    this.item.tooltip = status.tooltip;
    this.item.backgroundColor = status.failing ? new ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  private async fetchFor(uri: string): Promise<void> {
    try {
      const entry = await this.fetch(uri);
      if (entry && !this.entries.has(uri)) this.update(entry);
    } catch {
      // The server is not up yet: its next `failover/simulated` notification brings the status.
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
