// A stand-in for the parts of the `vscode` module the Testing view's logic uses (client/src/testing):
// URIs, ranges, locations, test messages, test items in collections with parent links, and a test
// run that records what it was told. Enough to test the tree and the result mapping without VS Code.
import type { RunApi, RunReport } from '../../client/src/testing/testRun';
import type { TestItemHost } from '../../client/src/testing/scenarioTree';

class FakeUri {
  constructor(private readonly value: string) {}
  static parse(value: string): FakeUri {
    return new FakeUri(value);
  }
  toString(): string {
    return this.value;
  }
}

class FakeRange {
  readonly start: { line: number; character: number };
  readonly end: { line: number; character: number };
  constructor(startLine: number, startCharacter: number, endLine: number, endCharacter: number) {
    this.start = { line: startLine, character: startCharacter };
    this.end = { line: endLine, character: endCharacter };
  }
}

class FakeLocation {
  constructor(
    readonly uri: FakeUri,
    readonly range: FakeRange,
  ) {}
}

class FakeTestMessage {
  expectedOutput?: string;
  actualOutput?: string;
  location?: FakeLocation;
  constructor(readonly message: string) {}
  static diff(message: string, expected: string, actual: string): FakeTestMessage {
    const result = new FakeTestMessage(message);
    result.expectedOutput = expected;
    result.actualOutput = actual;
    return result;
  }
}

export class FakeTestItem {
  readonly children: FakeCollection = new FakeCollection(this);
  parent: FakeTestItem | undefined;
  /** Each property assigned after creation, in order: an update sets only what changed. */
  readonly assignments: string[] = [];
  private values: { label: string; range?: FakeRange; sortText?: string };

  constructor(
    readonly id: string,
    label: string,
    readonly uri: FakeUri | undefined,
  ) {
    this.values = { label };
  }

  get label(): string {
    return this.values.label;
  }
  set label(value: string) {
    this.assignments.push('label');
    this.values.label = value;
  }
  get range(): FakeRange | undefined {
    return this.values.range;
  }
  set range(value: FakeRange | undefined) {
    this.assignments.push('range');
    this.values.range = value;
  }
  get sortText(): string | undefined {
    return this.values.sortText;
  }
  set sortText(value: string | undefined) {
    this.assignments.push('sortText');
    this.values.sortText = value;
  }
}

export class FakeCollection {
  private readonly items = new Map<string, FakeTestItem>();
  constructor(private readonly owner: FakeTestItem | undefined) {}
  get size(): number {
    return this.items.size;
  }
  add(item: FakeTestItem): void {
    item.parent = this.owner;
    this.items.set(item.id, item);
  }
  delete(id: string): void {
    const item = this.items.get(id);
    if (item) item.parent = undefined;
    this.items.delete(id);
  }
  get(id: string): FakeTestItem | undefined {
    return this.items.get(id);
  }
  replace(items: readonly FakeTestItem[]): void {
    this.items.clear();
    for (const item of items) this.add(item);
  }
  forEach(callback: (item: FakeTestItem) => unknown): void {
    for (const item of [...this.items.values()]) callback(item);
  }
  [Symbol.iterator](): Iterator<[string, FakeTestItem]> {
    return this.items[Symbol.iterator]();
  }
}

export class FakeController {
  readonly items = new FakeCollection(undefined);
  createTestItem(id: string, label: string, uri?: FakeUri): FakeTestItem {
    return new FakeTestItem(id, label, uri);
  }
}

/** The `vscode` classes, as the Testing view's logic takes them. */
export const fakeApi = { Uri: FakeUri, Range: FakeRange, Location: FakeLocation, TestMessage: FakeTestMessage } as unknown as RunApi;

export function fakeController(): FakeController & TestItemHost {
  return new FakeController() as unknown as FakeController & TestItemHost;
}

export interface RecordedMessage {
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string;
  /** `uri:line` (1-based) */
  readonly at?: string;
}

/** A TestRun that records each state as `state id` and each output line with where it points. */
export class FakeRun {
  readonly states: string[] = [];
  readonly messages = new Map<string, RecordedMessage[]>();
  readonly output: { text: string; at?: string; test?: string }[] = [];

  private record(state: string, item: { id: string }, message?: FakeTestMessage | readonly FakeTestMessage[]): void {
    this.states.push(`${state} ${item.id}`);
    if (message) {
      this.messages.set(
        item.id,
        [message].flat().map((m) => ({
          message: m.message,
          ...(m.expectedOutput !== undefined ? { expected: m.expectedOutput, actual: m.actualOutput } : {}),
          ...(m.location ? { at: `${m.location.uri.toString()}:${m.location.range.start.line + 1}` } : {}),
        })),
      );
    }
  }

  readonly report = {
    enqueued: (item: { id: string }) => this.record('enqueued', item),
    started: (item: { id: string }) => this.record('started', item),
    passed: (item: { id: string }) => this.record('passed', item),
    skipped: (item: { id: string }) => this.record('skipped', item),
    failed: (item: { id: string }, message: FakeTestMessage | readonly FakeTestMessage[]) => this.record('failed', item, message),
    errored: (item: { id: string }, message: FakeTestMessage | readonly FakeTestMessage[]) => this.record('errored', item, message),
    appendOutput: (text: string, location?: FakeLocation, test?: { id: string }) =>
      // Colours stripped: the lines as read.
      this.output.push({
        // eslint-disable-next-line no-control-regex
        text: text.replace(/\x1b\[\d+m/g, ''),
        ...(location ? { at: `${location.uri.toString()}:${location.range.start.line + 1}` } : {}),
        ...(test ? { test: test.id } : {}),
      }),
  } as unknown as RunReport;
}

// ── Import from CUCM (client/src/importCucm.ts) ─────────────────────────────────────────────

/** A file URI with what the import uses: scheme, path, fsPath, `with` and its string form. */
export class FakeFileUri {
  readonly scheme = 'file';
  constructor(readonly path: string) {}
  get fsPath(): string {
    return this.path;
  }
  with(change: { path?: string }): FakeFileUri {
    return new FakeFileUri(change.path ?? this.path);
  }
  toString(): string {
    return `file://${this.path}`;
  }
}

/**
 * A scripted `window` and `workspace` for the import: each open dialog takes the next paths of
 * `dialogs` (undefined: cancelled), each quick pick the next label of `picks`, each notification
 * the next entry of `answers`; every call is recorded in `calls` as one readable line.
 */
export class FakeImportUi {
  readonly calls: string[] = [];
  readonly logged: string[] = [];
  readonly opened: { language: string; content: string }[] = [];
  dialogs: (readonly string[] | undefined)[] = [];
  picks: (string | undefined)[] = [];
  answers: (string | undefined)[] = [];

  /** The one workspace folder. */
  private readonly workspaceRoot = '/ws';

  constructor(private readonly files: Readonly<Record<string, string | Uint8Array>>) {}

  readonly log = {
    appendLine: (line: string) => this.logged.push(line),
    show: (preserveFocus?: boolean) => this.calls.push(`output shown${preserveFocus ? ' (focus kept)' : ''}`),
  };

  readonly api = {
    ProgressLocation: { Notification: 15, Window: 10, SourceControl: 1 },
    window: {
      showOpenDialog: async (options: { title?: string; defaultUri?: FakeFileUri; filters?: Record<string, string[]>; canSelectMany?: boolean }) => {
        this.calls.push(`dialog "${options.title}" in ${options.defaultUri?.path ?? '(default)'}`);
        const paths = this.dialogs.shift();
        return paths?.map((p) => new FakeFileUri(p));
      },
      showQuickPick: async (items: readonly { label: string; description?: string }[], options: { title?: string }) => {
        this.calls.push(`pick "${options.title}": ${items.map((i) => `${i.label}${i.description ? ` [${i.description}]` : ''}`).join(' | ')}`);
        const label = this.picks.shift();
        return items.find((i) => i.label === label);
      },
      showErrorMessage: async (message: string, ...actions: string[]) => {
        this.calls.push(`error: ${message}${actions.length ? ` {${actions.join(', ')}}` : ''}`);
        return this.answers.shift();
      },
      showWarningMessage: async (message: string, ...actions: string[]) => {
        this.calls.push(`warning: ${message}${actions.length ? ` {${actions.join(', ')}}` : ''}`);
        return this.answers.shift();
      },
      showTextDocument: async (document: { language: string }) => {
        this.calls.push(`editor shown (${document.language})`);
        return {};
      },
      withProgress: async <R>(options: { title?: string }, task: () => Promise<R>) => {
        this.calls.push(`progress "${options.title}"`);
        return task();
      },
    },
    workspace: {
      workspaceFolders: [{ uri: new FakeFileUri(this.workspaceRoot), name: 'ws', index: 0 }],
      getWorkspaceFolder: (uri: FakeFileUri) => (uri.path.startsWith(`${this.workspaceRoot}/`) ? this.api.workspace.workspaceFolders[0] : undefined),
      asRelativePath: (uri: FakeFileUri) => (uri.path.startsWith(`${this.workspaceRoot}/`) ? uri.path.slice(this.workspaceRoot.length + 1) : uri.path),
      openTextDocument: async (options: { language: string; content: string }) => {
        this.opened.push(options);
        this.calls.push(`untitled document opened (${options.language})`);
        return { language: options.language };
      },
      fs: {
        readFile: async (uri: FakeFileUri) => {
          const content = this.files[uri.path];
          if (content === undefined) throw new Error(`EntryNotFound (FileSystemError): ${uri.path}`);
          return typeof content === 'string' ? new TextEncoder().encode(content) : content;
        },
      },
    },
  };
}
