// Failover: Import from CUCM…: the user picks CUCM export files, the extension reads them, the
// language server's import (the one `failover import` runs) turns them into a topology, and the
// result opens in a new untitled editor: nothing is written until the user saves it. Problems go
// to a notification and, every line of them, to the Failover output channel.
// The parts of `vscode` it uses are passed in (`ImportApi`), so that it runs under test without VS Code.
import type * as vscode from 'vscode';
import type { ImportCucmParams, ImportCucmResult, ImportProblemEntry } from '../../server/src/lsp/protocol';
import { LANGUAGE_ID } from './languageId';

export interface ImportApi {
  readonly window: Pick<
    typeof vscode.window,
    'showOpenDialog' | 'showQuickPick' | 'showErrorMessage' | 'showWarningMessage' | 'showTextDocument' | 'withProgress'
  >;
  readonly workspace: Pick<typeof vscode.workspace, 'fs' | 'openTextDocument' | 'asRelativePath' | 'getWorkspaceFolder' | 'workspaceFolders'>;
  readonly ProgressLocation: typeof vscode.ProgressLocation;
}

/** Where the lines of every problem go: the Failover output channel. */
export interface ImportLog {
  appendLine(line: string): void;
  show(preserveFocus: boolean): void;
}

export type ImportRequest = (params: ImportCucmParams) => Promise<ImportCucmResult>;

/** The dialog's filters; the first is the one a native dialog starts with. */
const FILTERS = {
  'CUCM exports': ['csv', 'txt', 'log', 'xml'],
  CSV: ['csv'],
  Text: ['txt', 'log'],
  XML: ['xml'],
  'All files': ['*'],
};

export const ADD_MORE = 'Add another export file…';
export const SHOW_ALL = 'Show all';

export class CucmImport {
  /** The folder of the last file picked, where the next dialog opens (for the session). */
  private lastFolder: vscode.Uri | undefined;

  constructor(
    private readonly api: ImportApi,
    private readonly request: ImportRequest,
    private readonly log: ImportLog,
  ) {}

  async run(): Promise<void> {
    const { window } = this.api;
    const uris = await this.pickExports();
    if (!uris) return;
    const names = displayNames(this.api, uris);
    const files: ImportCucmParams['files'][number][] = [];
    for (const [i, uri] of uris.entries()) {
      const name = names[i]!;
      let bytes: Uint8Array;
      try {
        bytes = await this.api.workspace.fs.readFile(uri);
      } catch (error) {
        void window.showErrorMessage(`Import from CUCM: could not read ${name}: ${messageOf(error)}`);
        return;
      }
      try {
        // As `failover import` reads a file: a byte-order mark dropped, anything but UTF-8 refused (by the import, in its words).
        files.push({ name, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) });
      } catch {
        files.push({ name, text: '', notUtf8: true });
      }
    }
    let result: ImportCucmResult;
    try {
      result = await window.withProgress({ location: this.api.ProgressLocation.Notification, title: 'Importing from CUCM…' }, () => this.request({ files }));
    } catch (error) {
      void window.showErrorMessage(`Import from CUCM failed: ${messageOf(error)}`);
      return;
    }
    if (result.problems.length > 0) {
      this.log.appendLine(`Import from CUCM of ${names.join(', ')}:`);
      for (const problem of result.problems) this.log.appendLine(problem.display);
    }
    if (result.text === undefined) {
      await this.offerAll(window.showErrorMessage(errorSummary(result.problems), SHOW_ALL));
      return;
    }
    const document = await this.api.workspace.openTextDocument({ language: LANGUAGE_ID, content: result.text });
    await window.showTextDocument(document);
    const warnings = result.problems.filter((p) => p.severity === 'warning').length;
    if (warnings > 0)
      await this.offerAll(window.showWarningMessage(`Imported ${count(result.pools ?? 0, 'pool')} with ${count(warnings, 'warning')}`, SHOW_ALL));
  }

  private async offerAll(answer: Thenable<string | undefined>): Promise<void> {
    if ((await answer) === SHOW_ALL) this.log.show(true);
  }

  /**
   * The files to import, in the order picked. Several picked at once are imported at once; after a
   * single one the user is asked whether to add more, as VS Code's own file dialog (in the browser,
   * or for a remote machine) picks one file at a time.
   */
  private async pickExports(): Promise<vscode.Uri[] | undefined> {
    const { window, workspace } = this.api;
    const chosen: vscode.Uri[] = [];
    for (;;) {
      const first = chosen.length === 0;
      const defaultUri = this.lastFolder ?? workspace.workspaceFolders?.[0]?.uri;
      const picked = await window.showOpenDialog({
        title: first ? 'Import from CUCM: the export files' : 'Import from CUCM: another export file',
        openLabel: first ? 'Import' : 'Add',
        canSelectFiles: true,
        canSelectFolders: false,
        canSelectMany: true,
        filters: FILTERS,
        ...(defaultUri ? { defaultUri } : {}),
      });
      if (picked && picked.length > 0) {
        const last = picked[picked.length - 1]!;
        this.lastFolder = last.with({ path: last.path.replace(/\/[^/]*$/, '') || '/' });
        for (const uri of picked) if (!chosen.some((c) => c.toString() === uri.toString())) chosen.push(uri);
        if (first && picked.length > 1) return chosen;
      }
      // Cancelled: the first dialog ends the command, a later one goes back to the files chosen so far.
      if (chosen.length === 0) return undefined;
      const names = displayNames(this.api, chosen);
      const importItem = { label: `Import ${count(chosen.length, 'file')}`, description: names.join(', ') };
      const answer = await window.showQuickPick([importItem, { label: ADD_MORE }], {
        title: 'Import from CUCM',
        placeHolder: 'Import these exports, or add another (a BAT phone export, a run sql log, an AXL response)',
        ignoreFocusOut: true,
      });
      if (!answer) return undefined;
      if (answer === importItem) return chosen;
    }
  }
}

/**
 * Each file's name as the user knows it, for the problems and the topology's first comment:
 * relative to its workspace folder when inside one, else its base name; a base name that two files
 * share would be ambiguous, so those two are given whole.
 */
function displayNames(api: Pick<ImportApi, 'workspace'>, uris: readonly vscode.Uri[]): string[] {
  const short = uris.map((uri) => (api.workspace.getWorkspaceFolder(uri) ? api.workspace.asRelativePath(uri) : (uri.path.split('/').pop() ?? uri.path)));
  return short.map((name, i) => {
    if (short.indexOf(name) === short.lastIndexOf(name)) return name;
    const uri = uris[i]!;
    return uri.scheme === 'file' ? uri.fsPath : uri.toString();
  });
}

/** The first error as the CLI prints it, and how many more problems "Show all" lists. */
function errorSummary(problems: readonly ImportProblemEntry[]): string {
  const first = problems.find((p) => p.severity === 'error') ?? problems[0];
  if (!first) return 'Import from CUCM failed: no topology was produced.';
  const more = problems.length - 1;
  return `Import from CUCM failed: ${first.display}${more > 0 ? ` (and ${count(more, 'more problem')})` : ''}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
