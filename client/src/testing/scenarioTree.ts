// The Testing view's tree, folder → file → scenario → expectation, kept as the language server
// describes the files (`failover/testItems`). Plain logic over the few parts of VS Code's API it
// needs, passed in (`TreeApi`), so that it runs under test without VS Code: the layout is a pure
// function, and `ScenarioTree` turns it into TestItems, reusing each item by id so that results
// and expanded folders survive an update.
import type { Range, TestItem, TestItemCollection, Uri } from 'vscode';
import type { FileTestItems, ScenarioTestItem, TextRange } from '../../../server/src/lsp/protocol';

/** What the tree uses of the `vscode` module: the real one in the extension, a fake in tests. */
export interface TreeApi {
  readonly Uri: { parse(value: string): Uri };
  readonly Range: new (startLine: number, startCharacter: number, endLine: number, endCharacter: number) => Range;
}

/** What the tree uses of a TestController. */
export interface TestItemHost {
  readonly items: TestItemCollection;
  createTestItem(id: string, label: string, uri?: Uri): TestItem;
}

export interface WorkspaceFolderRef {
  /** The folder's URI string. */
  readonly uri: string;
  readonly name: string;
}

export type NodeInfo =
  | { readonly kind: 'folder'; readonly uri: string }
  | { readonly kind: 'file'; readonly uri: string }
  | { readonly kind: 'scenario'; readonly uri: string; readonly title: string }
  | { readonly kind: 'expectation'; readonly uri: string; readonly title: string; readonly index: number };

export interface TreeNode {
  readonly id: string;
  readonly label: string;
  readonly info: NodeInfo;
  readonly range?: TextRange;
  /** Folders before files, by name; scenarios and expectations in text order. */
  readonly sortText: string;
  readonly children: readonly TreeNode[];
}

/** A scenario's id: its file and title; the second scenario of one title (an error) gets `#2`, and so on. */
export function scenarioId(uri: string, title: string, occurrence = 1): string {
  return `${uri}#${encodeURIComponent(title)}${occurrence > 1 ? `#${occurrence}` : ''}`;
}

const byLine = (range: TextRange) => String(range.start.line).padStart(7, '0');

function scenarioNodes(uri: string, scenarios: readonly ScenarioTestItem[]): TreeNode[] {
  const seen = new Map<string, number>();
  return scenarios.map((scenario) => {
    const occurrence = (seen.get(scenario.title) ?? 0) + 1;
    seen.set(scenario.title, occurrence);
    const id = scenarioId(uri, scenario.title, occurrence);
    return {
      id,
      label: scenario.title || '(scenario without a title)',
      info: { kind: 'scenario', uri, title: scenario.title },
      range: scenario.range,
      sortText: byLine(scenario.range),
      children: scenario.expectations.map((expectation, index) => ({
        id: `${id}/${index}`,
        label: expectation.label,
        info: { kind: 'expectation', uri, title: scenario.title, index },
        range: expectation.range,
        sortText: byLine(expectation.range),
        children: [],
      })),
    };
  });
}

/** A node while the layout builds it: folders gain children as their files come. */
type MutableNode = Omit<TreeNode, 'children'> & { children: TreeNode[] };

/**
 * The tree of the files that have scenarios, under the workspace folders: in a workspace of one
 * folder its subfolders and files are at the top; with several, each workspace folder is a node.
 * Files outside every workspace folder, and files without scenarios, are left out.
 */
export function layoutTree(files: Iterable<FileTestItems>, folders: readonly WorkspaceFolderRef[]): TreeNode[] {
  const top: TreeNode[] = [];
  const byId = new Map<string, MutableNode>();
  const child = (siblings: TreeNode[], node: MutableNode): MutableNode => {
    const existing = byId.get(node.id);
    if (existing) return existing;
    byId.set(node.id, node);
    siblings.push(node);
    return node;
  };
  for (const file of files) {
    if (file.scenarios.length === 0) continue;
    const folder = folderOf(file.uri, folders);
    if (!folder) continue;
    let siblings: TreeNode[] = top;
    if (folders.length > 1) {
      siblings = child(top, {
        id: folder.uri,
        label: folder.name,
        info: { kind: 'folder', uri: folder.uri },
        sortText: `0${folder.name}`,
        children: [],
      }).children;
    }
    const base = folder.uri.replace(/\/$/, '');
    const segments = file.uri.slice(base.length + 1).split('/');
    let path = base;
    for (const segment of segments.slice(0, -1)) {
      path = `${path}/${segment}`;
      const name = decodeSegment(segment);
      siblings = child(siblings, { id: path, label: name, info: { kind: 'folder', uri: path }, sortText: `0${name}`, children: [] }).children;
    }
    const name = decodeSegment(segments[segments.length - 1] ?? file.uri);
    siblings.push({
      id: file.uri,
      label: name,
      info: { kind: 'file', uri: file.uri },
      sortText: `1${name}`,
      children: scenarioNodes(file.uri, file.scenarios),
    });
  }
  return top;
}

function folderOf(uri: string, folders: readonly WorkspaceFolderRef[]): WorkspaceFolderRef | undefined {
  // The innermost folder, should one workspace folder hold another.
  let found: WorkspaceFolderRef | undefined;
  for (const folder of folders) {
    const base = folder.uri.replace(/\/$/, '');
    if (uri.startsWith(`${base}/`) && (!found || base.length > found.uri.replace(/\/$/, '').length)) found = folder;
  }
  return found;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The TestItems of the tree, one per node. `setFile` and `setFiles` record what the server said
 * of files; each update lays the tree out again and reconciles the items with it (adding,
 * updating and removing only what differs).
 */
export class ScenarioTree {
  private readonly files = new Map<string, FileTestItems>();
  private readonly infos = new WeakMap<TestItem, NodeInfo>();

  constructor(
    private readonly host: TestItemHost,
    private readonly api: TreeApi,
    private readonly folders: () => readonly WorkspaceFolderRef[],
  ) {}

  /** Everything the server listed: files not in `files` are gone. */
  setFiles(files: readonly FileTestItems[]): void {
    this.files.clear();
    for (const file of files) this.files.set(file.uri, file);
    this.render();
  }

  /** What the server said of some files: those of `uris` that `files` leaves out are gone. */
  updateFiles(uris: readonly string[], files: readonly FileTestItems[]): void {
    for (const uri of uris) this.files.delete(uri);
    for (const file of files) this.files.set(file.uri, file);
    this.render();
  }

  /** Some scenarios of a file as a run found them: they replace those of the same title. */
  setScenarios(uri: string, scenarios: readonly ScenarioTestItem[], wholeFile: boolean): void {
    const known = this.files.get(uri)?.scenarios ?? [];
    const titles = new Set(scenarios.map((s) => s.title));
    const merged = wholeFile ? scenarios : [...known.filter((s) => !titles.has(s.title)), ...scenarios].sort((a, b) => a.range.start.line - b.range.start.line);
    this.files.set(uri, { uri, scenarios: merged });
    this.render();
  }

  /** Takes scenarios that a file no longer has out of the tree. */
  removeScenarios(uri: string, titles: readonly string[]): void {
    const known = this.files.get(uri);
    if (!known || titles.length === 0) return;
    this.files.set(uri, { uri, scenarios: known.scenarios.filter((s) => !titles.includes(s.title)) });
    this.render();
  }

  /** The URIs of the files the tree holds. */
  knownFiles(): string[] {
    return [...this.files.keys()];
  }

  info(item: TestItem): NodeInfo | undefined {
    return this.infos.get(item);
  }

  /** The item of a file, scenario or expectation, if the tree has it. */
  item(uri: string, title?: string, occurrence = 1, expectation?: number): TestItem | undefined {
    const file = this.findFile(uri);
    if (!file || title === undefined) return file;
    const scenario = file.children.get(scenarioId(uri, title, occurrence));
    return expectation === undefined ? scenario : scenario?.children.get(`${scenario.id}/${expectation}`);
  }

  /** Lays the tree out from what is known and brings the items in line with it. */
  render(): void {
    const folders = this.folders();
    this.reconcile(this.host.items, layoutTree(this.files.values(), folders));
  }

  private findFile(uri: string): TestItem | undefined {
    const visit = (collection: TestItemCollection): TestItem | undefined => {
      const direct = collection.get(uri);
      if (direct) return direct;
      let found: TestItem | undefined;
      collection.forEach((item) => {
        if (!found && this.infos.get(item)?.kind === 'folder' && uri.startsWith(`${item.id.replace(/\/$/, '')}/`)) found = visit(item.children);
      });
      return found;
    };
    return visit(this.host.items);
  }

  private reconcile(collection: TestItemCollection, nodes: readonly TreeNode[]): void {
    const wanted = new Set(nodes.map((n) => n.id));
    const stale: string[] = [];
    collection.forEach((item) => {
      if (!wanted.has(item.id)) stale.push(item.id);
    });
    for (const id of stale) collection.delete(id);
    for (const node of nodes) {
      let item = collection.get(node.id);
      if (!item || this.infos.get(item)?.kind !== node.info.kind) {
        item = this.host.createTestItem(node.id, node.label, this.api.Uri.parse(node.info.uri));
        collection.add(item);
      }
      this.infos.set(item, node.info);
      // Only what changed is set: each assignment is a message to the editor.
      if (item.label !== node.label) item.label = node.label;
      if (item.sortText !== node.sortText) item.sortText = node.sortText;
      if (!sameRange(item.range, node.range)) {
        const r = node.range;
        item.range = r ? new this.api.Range(r.start.line, r.start.character, r.end.line, r.end.character) : undefined;
      }
      this.reconcile(item.children, node.children);
    }
  }
}

function sameRange(a: Range | undefined, b: TextRange | undefined): boolean {
  if (!a || !b) return a === undefined && b === undefined;
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
