// The server's view of the workspace, by version: open documents (first) and the `.failover`
// files of the workspace folders, read from disk and kept fresh by file-watcher events. Each edit
// bumps the version; the analysis (parsed → indexed → linked → validated) is rebuilt with
// cooperative yielding and abandoned when a newer edit arrives; simulations run in a worker and
// their results are kept with the version they belong to.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../core/diagnostics';
import type { FailureImpact } from '../core/results/resilience';
import type { ScenarioRun } from '../core/results/runs';
import { LineIndex } from '../core/syntax/lineIndex';
import { Analysis } from '../core/workspace/analysis';
import { isConfigFile } from '../core/workspace/config';
import { FAILOVER_EXTENSION } from '../core/workspace/paths';
import { ParseCache, type FolderEntry, type ReadResult, type SourceHost } from '../core/workspace/program';
import { fromKey, listFolder, readSource } from '../node/fileHost';
import { keyToUri, uriToKey } from './convert';

export interface SimulationSnapshot {
  readonly version: number;
  /**
   * False while the scenarios stream in: `runs` and `diagnostics` then hold the scenarios done so
   * far and `impacts` is empty (the single-failure check comes last, with the complete snapshot).
   */
  readonly complete: boolean;
  readonly diagnostics: ReadonlyMap<string, Diagnostic[]>;
  readonly runs: ReadonlyMap<string, ScenarioRun[]>;
  readonly impacts: readonly FailureImpact[];
  readonly elapsedMs: number;
}

/** Longest stretch of parsing before yielding to the event loop, in ms. */
const SLICE_MS = 4;
/** Most files taken from one workspace folder scan. */
const MAX_WORKSPACE_FILES = 20_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class WorkspaceState {
  readonly documents = new TextDocuments(TextDocument);
  private folders: string[] = [];
  private readonly diskFiles = new Set<string>();
  private readonly diskTexts = new Map<string, ReadResult>();
  private readonly diskListings = new Map<string, readonly FolderEntry[] | undefined>();
  private readonly cache = new ParseCache();
  private versionCounter = 0;
  private built: { version: number; analysis: Analysis } | undefined;
  private building: { version: number; promise: Promise<Analysis> } | undefined;
  private latestSimulation: SimulationSnapshot | undefined;
  private readonly fileListeners = new Set<(keys: readonly string[] | undefined) => void>();

  readonly host: SourceHost = {
    readFile: (key: string): ReadResult => {
      const open = this.documents.get(keyToUri(key));
      if (open) return { text: open.getText() };
      let read = this.diskTexts.get(key);
      if (!read) this.diskTexts.set(key, (read = readSource(key)));
      return read;
    },
    // Asked only when an import fails (for the file it meant), but then at every rebuild: kept
    // until the next change on disk, like the texts.
    listFolder: (key: string) => {
      if (!this.diskListings.has(key)) this.diskListings.set(key, listFolder(key));
      return this.diskListings.get(key);
    },
  };

  get version(): number {
    return this.versionCounter;
  }

  /**
   * Listens for the files on disk changing: the keys of the files a watcher event was about, or
   * undefined when the folders were scanned again (any file may have come or gone). Returns the
   * way to stop listening.
   */
  onDidChangeFiles(listener: (keys: readonly string[] | undefined) => void): () => void {
    this.fileListeners.add(listener);
    return () => this.fileListeners.delete(listener);
  }

  /** Something changed (an edit, a file on disk, the folders): everything derived is stale. */
  invalidate(): void {
    this.versionCounter++;
  }

  setFolders(uris: readonly string[]): void {
    this.folders = uris.map(uriToKey);
    this.rescan();
  }

  /** Finds the workspace folders' `.failover` files again (skipping node_modules and hidden folders). */
  rescan(): void {
    this.diskFiles.clear();
    this.diskListings.clear();
    const seen = new Set<string>();
    const walk = (folder: string) => {
      if (this.diskFiles.size >= MAX_WORKSPACE_FILES) return;
      let real: string;
      let entries: string[];
      try {
        real = realpathSync(folder);
        if (seen.has(real)) return;
        seen.add(real);
        entries = readdirSync(folder);
      } catch {
        return;
      }
      for (const entry of entries) {
        if (entry.startsWith('.') || entry === 'node_modules') continue;
        const full = nodePath.join(folder, entry);
        try {
          const stat = statSync(full);
          if (stat.isDirectory()) walk(full);
          else if (entry.endsWith(FAILOVER_EXTENSION)) this.diskFiles.add(uriToKey(keyToUri(full.replace(/\\/g, '/'))));
        } catch {
          // unreadable entries are simply not part of the workspace
        }
      }
    };
    for (const folder of this.folders) walk(fromKey(folder));
    this.invalidate();
    for (const listener of [...this.fileListeners]) listener(undefined);
  }

  /** A watched file changed on disk: forget what was read of it. */
  fileChangedOnDisk(uri: string, deleted: boolean): void {
    const key = uriToKey(uri);
    this.diskTexts.delete(key);
    this.diskListings.clear(); // a file came or went: any folder's listing may have changed
    if (deleted) {
      this.diskFiles.delete(key);
      this.cache.delete(key);
    } else if (key.endsWith(FAILOVER_EXTENSION) && this.folders.some((f) => key.startsWith(f.endsWith('/') ? f : `${f}/`))) {
      this.diskFiles.add(key);
    }
    this.invalidate();
    for (const listener of [...this.fileListeners]) listener([key]);
  }

  /** Analysis roots: the open documents first (config files aside), then the workspace's files. */
  roots(): string[] {
    const ordered = [...new Set(this.documents.all().map((d) => uriToKey(d.uri)))].filter((key) => !isConfigFile(key));
    for (const key of [...this.diskFiles].sort()) if (!ordered.includes(key)) ordered.push(key);
    return ordered;
  }

  /** The analysis of the current version, built (or being built) with cooperative yielding. */
  async ready(): Promise<Analysis> {
    for (;;) {
      const version = this.versionCounter;
      if (this.built?.version === version) return this.built.analysis;
      if (this.building?.version !== version) this.building = { version, promise: this.build(version) };
      const analysis = await this.building.promise;
      if (this.versionCounter === version) {
        this.built = { version, analysis };
        return analysis;
      }
    }
  }

  /** The last complete analysis, whatever its version (for requests that must not wait). */
  get lastAnalysis(): Analysis | undefined {
    return this.built?.analysis;
  }

  private async build(version: number): Promise<Analysis> {
    const roots = this.roots();
    let sliceStart = Date.now();
    for (const key of roots) {
      const read = this.host.readFile(key);
      if ('text' in read) this.cache.get(key, read.text);
      if (Date.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        if (this.versionCounter !== version) return this.built?.analysis ?? Analysis.load([], this.host, this.cache);
        sliceStart = Date.now();
      }
    }
    return Analysis.load(roots, this.host, this.cache);
  }

  /** Every text the analysis may read, for a simulation snapshot. */
  snapshotTexts(analysis: Analysis): [string, string][] {
    const texts: [string, string][] = [];
    for (const unit of analysis.program.files) texts.push([unit.path, unit.text]);
    for (const config of analysis.configFiles()) {
      const read = this.host.readFile(config);
      if ('text' in read) texts.push([config, read.text]);
    }
    return texts;
  }

  setSimulation(snapshot: SimulationSnapshot): void {
    this.latestSimulation = snapshot;
  }

  /** The simulation of the current version, if it has finished. */
  get simulation(): SimulationSnapshot | undefined {
    const latest = this.results;
    return latest?.complete ? latest : undefined;
  }

  /** What is known of the current version's simulation: the finished one, or the scenarios done so far. */
  get results(): SimulationSnapshot | undefined {
    return this.latestSimulation?.version === this.versionCounter ? this.latestSimulation : undefined;
  }

  clearSimulation(): void {
    this.latestSimulation = undefined;
  }

  linesOf(key: string): LineIndex | undefined {
    const analysis = this.built?.analysis;
    const unit = analysis?.program.unit(key);
    if (unit) return unit.lines;
    const read = this.host.readFile(key);
    return 'text' in read ? new LineIndex(read.text) : undefined;
  }
}
