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
