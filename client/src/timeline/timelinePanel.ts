// The timeline panel: one webview beside the editor showing one scenario of one file. It asks the
// server for `failover/timeline`, follows the document (a new request after each
// `failover/simulated` for it) and builds the view for the width the webview reports. The page
// itself is fixed; every view is a message, so a panel that was hidden and shown again simply asks
// for the latest one.
import { randomBytes } from 'node:crypto';
import { Position, Range, Uri, ViewColumn, window, workspace, type Disposable, type WebviewPanel } from 'vscode';
import { Requests, type StatusEntry, type TimelineData, type TimelineResult } from '../../../server/src/lsp/protocol';
import type { FailoverLanguageClient } from '../languageClient';
import { renderTimelineHtml } from './html';
import { buildTimelineView } from './view';
import type { WebviewMessage } from './webviewScript';

const TIMELINE_VIEW_TYPE = 'failover.timeline';

export class TimelinePanel implements Disposable {
  private panel: WebviewPanel | undefined;
  private uri = '';
  private scenario: string | undefined;
  private data: TimelineData | undefined;
  private notice: string | undefined;
  /** The webview's width in pixels; 0 until its script has reported it. */
  private width = 0;
  /** Answers to older requests are dropped: only the latest one is shown. */
  private requests = 0;

  constructor(
    private readonly extensionUri: Uri,
    private readonly client: FailoverLanguageClient,
  ) {}

  /** Shows `scenario` of `uri` (or the file's first), reusing the panel when there is one. */
  show(uri: string, scenario: string | undefined, prefetched?: TimelineData): void {
    const panel = this.panel ?? this.createPanel();
    if (uri !== this.uri) this.data = undefined;
    this.uri = uri;
    this.scenario = scenario;
    this.notice = undefined;
    panel.reveal(undefined, true);
    if (prefetched && prefetched.uri === uri && prefetched.scenario === scenario) this.accept(prefetched);
    else void this.refresh();
  }

  /** After each simulation: the shown file's figures may have changed. */
  simulated(entry: StatusEntry): void {
    if (this.panel && entry.uri === this.uri) void this.refresh();
  }

  private createPanel(): WebviewPanel {
    const panel = window.createWebviewPanel(
      TIMELINE_VIEW_TYPE,
      'Timeline',
      { viewColumn: ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        enableFindWidget: true,
        // Nothing is loaded from disk today (the style and script are inline, under the page's
        // nonce); should an asset appear, it can come from the media folder and nowhere else.
        localResourceRoots: [Uri.joinPath(this.extensionUri, 'media')],
      },
    );
    panel.iconPath = Uri.joinPath(this.extensionUri, 'images', 'icon.png');
    panel.webview.html = renderTimelineHtml(randomBytes(18).toString('base64'), panel.webview.cspSource);
    panel.webview.onDidReceiveMessage((message: WebviewMessage) => this.receive(message));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.data = undefined;
      this.width = 0;
    });
    this.panel = panel;
    return panel;
  }

  private receive(message: WebviewMessage): void {
    switch (message.type) {
      case 'ready':
      case 'resize':
        this.width = message.width;
        this.post();
        break;
      case 'pick':
        this.scenario = message.scenario;
        void this.refresh();
        break;
      case 'reveal':
        void this.reveal(message.line);
        break;
    }
  }

  private async refresh(): Promise<void> {
    const request = ++this.requests;
    const params = { uri: this.uri, ...(this.scenario !== undefined ? { scenario: this.scenario } : {}) };
    let result: TimelineResult;
    try {
      result = await this.client.request<TimelineResult>(Requests.timeline, params);
    } catch (error) {
      result = { unavailable: `The language server did not answer (${error instanceof Error ? error.message : String(error)}).` };
    }
    if (request !== this.requests || !this.panel) return;
    if ('data' in result) this.accept(result.data);
    else {
      this.notice = this.data ? `${result.unavailable} The figures below are from the last simulation.` : result.unavailable;
      this.post();
    }
  }

  private accept(data: TimelineData): void {
    this.data = data;
    this.scenario = data.scenario;
    this.notice = undefined;
    this.post();
  }

  private post(): void {
    const panel = this.panel;
    if (!panel) return;
    panel.title = this.data ? `Timeline: ${this.data.scenario}` : 'Timeline';
    if (this.width === 0) return; // the webview asks once it is ready
    const { view, hover } = buildTimelineView({ data: this.data, notice: this.notice }, this.width);
    void panel.webview.postMessage({ type: 'view', view, hover });
  }

  /** Opens the file at a line of the scenario (an event or an expectation clicked in the view). */
  private async reveal(line: number): Promise<void> {
    const uri = Uri.parse(this.uri);
    const document = await workspace.openTextDocument(uri);
    const shown = window.visibleTextEditors.find((editor) => editor.document.uri.toString() === this.uri);
    const text = document.lineAt(Math.min(Math.max(0, line - 1), document.lineCount - 1));
    const start = new Position(text.lineNumber, text.firstNonWhitespaceCharacterIndex);
    await window.showTextDocument(document, { viewColumn: shown?.viewColumn ?? ViewColumn.One, selection: new Range(start, start) });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
