// The sweep chart panel: one webview beside the editor showing one sweep of one file. It asks the
// server for `failover/sweepChart` and asks again after each `failover/sweepsSimulated`, so it
// follows the text; the page is the timeline's (same CSP, nonce and theme-bound style).
import { randomBytes } from 'node:crypto';
import { Uri, ViewColumn, window, type Disposable, type WebviewPanel } from 'vscode';
import { Requests, type SweepChartData, type SweepChartResult } from '../../../server/src/lsp/protocol';
import type { FailoverLanguageClient } from '../languageClient';
import { renderTimelineHtml } from '../timeline/html';
import type { WebviewMessage } from '../timeline/webviewScript';
import { buildSweepView } from './sweepView';

const SWEEP_VIEW_TYPE = 'failover.sweepChart';

export class SweepPanel implements Disposable {
  private panel: WebviewPanel | undefined;
  private uri = '';
  private sweep = '';
  private data: SweepChartData | undefined;
  private notice: string | undefined;
  private width = 0;
  private requests = 0;

  constructor(
    private readonly extensionUri: Uri,
    private readonly client: FailoverLanguageClient,
  ) {}

  show(uri: string, sweep: string): void {
    const panel = this.panel ?? this.createPanel();
    if (uri !== this.uri || sweep !== this.sweep) this.data = undefined;
    this.uri = uri;
    this.sweep = sweep;
    panel.reveal(undefined, true);
    void this.refresh();
  }

  /** The sweeps' results changed. */
  sweepsSimulated(): void {
    if (this.panel) void this.refresh();
  }

  private createPanel(): WebviewPanel {
    const panel = window.createWebviewPanel(
      SWEEP_VIEW_TYPE,
      'Sweep',
      { viewColumn: ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableFindWidget: true, localResourceRoots: [Uri.joinPath(this.extensionUri, 'media')] },
    );
    panel.iconPath = Uri.joinPath(this.extensionUri, 'images', 'icon.png');
    panel.webview.html = renderTimelineHtml(randomBytes(18).toString('base64'), panel.webview.cspSource, 'Failover sweep');
    panel.webview.onDidReceiveMessage((message: WebviewMessage) => {
      if (message.type === 'ready' || message.type === 'resize') {
        this.width = message.width;
        this.post();
      }
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.data = undefined;
      this.width = 0;
    });
    this.panel = panel;
    return panel;
  }

  private async refresh(): Promise<void> {
    const request = ++this.requests;
    let result: SweepChartResult;
    try {
      result = await this.client.request<SweepChartResult>(Requests.sweepChart, { uri: this.uri, sweep: this.sweep });
    } catch (error) {
      result = { unavailable: `The language server did not answer (${error instanceof Error ? error.message : String(error)}).` };
    }
    if (request !== this.requests || !this.panel) return;
    if ('data' in result) {
      this.data = result.data;
      this.notice = undefined;
    } else this.notice = this.data ? `${result.unavailable} The figures below are from the last run.` : result.unavailable;
    this.post();
  }

  private post(): void {
    const panel = this.panel;
    if (!panel) return;
    panel.title = `Sweep: ${this.sweep}`;
    if (this.width === 0) return;
    void panel.webview.postMessage({ type: 'view', view: buildSweepView({ data: this.data, notice: this.notice }, this.width) });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
