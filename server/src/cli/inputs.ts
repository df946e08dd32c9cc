// Turns the paths given on the command line into the `.failover` files to work on: folders are
// searched recursively (skipping node_modules and hidden folders, surviving symlink loops). Every
// path must hold a `.failover` file: one that holds none is a problem, as a missing one is.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { FAILOVER_EXTENSION } from '../core/workspace/paths';
import { describeFsError, toKey } from '../node/fileHost';

export interface CollectedInputs {
  /** Workspace keys of the files found, sorted, without duplicates. */
  readonly files: string[];
  /** One line per input that could not be used. */
  readonly problems: string[];
}

const SKIPPED_FOLDERS = new Set(['node_modules']);

/** Each collected file as the user gave it (or as its folder was given, joined with its path inside). */
const asGiven = new Map<string, string>();

const slashes = (path: string) => path.split(nodePath.sep).join('/');

export function collectInputs(paths: readonly string[]): CollectedInputs {
  asGiven.clear();
  const files = new Set<string>();
  const problems: string[] = [];
  /** Folders walked for the current path (a symlink loop, or a folder reached twice, is walked once). */
  let visitedFolders = new Set<string>();
  /** `.failover` files found under the current path, already collected or not. */
  let found = 0;

  const remember = (key: string, shown: string) => {
    if (!asGiven.has(key)) asGiven.set(key, shown);
  };

  const walk = (folder: string, shownFolder: string): void => {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch (error) {
      problems.push(`cannot read folder ${folder}: ${describeFsError(error)}`);
      return;
    }
    if (visitedFolders.has(real)) return; // a symlink loop, or a folder reached twice
    visitedFolders.add(real);
    let entries: string[];
    try {
      entries = readdirSync(folder).sort();
    } catch (error) {
      problems.push(`cannot read folder ${folder}: ${describeFsError(error)}`);
      return;
    }
    for (const entry of entries) {
      const full = nodePath.join(folder, entry);
      const shown = nodePath.join(shownFolder, entry);
      let stat;
      try {
        stat = statSync(full);
      } catch (error) {
        if (entry.endsWith(FAILOVER_EXTENSION)) problems.push(`cannot read ${full}: ${describeFsError(error)}`);
        continue;
      }
      if (stat.isDirectory()) {
        if (!entry.startsWith('.') && !SKIPPED_FOLDERS.has(entry)) walk(full, shown);
      } else if (entry.endsWith(FAILOVER_EXTENSION)) {
        found++;
        files.add(toKey(full));
        remember(toKey(full), slashes(shown));
      }
    }
  };

  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      problems.push(`cannot read ${path}: ${describeFsError(error)}`);
      continue;
    }
    if (stat.isDirectory()) {
      // A folder with nothing to check is bad usage, so that a mistyped path in a pipeline never
      // passes green (PRODUCT.md): checked per path, as a missing path is.
      visitedFolders = new Set();
      found = 0;
      const problemsBefore = problems.length;
      walk(path, path);
      if (found === 0 && problems.length === problemsBefore) problems.push(`no .failover files found in ${path}`);
    } else if (!path.endsWith(FAILOVER_EXTENSION)) problems.push(`${path} is not a ${FAILOVER_EXTENSION} file`);
    else {
      files.add(toKey(path));
      remember(toKey(path), slashes(path));
    }
  }
  return { files: [...files].sort(), problems };
}

/**
 * How a file is shown to the user: as it was given on the command line (a file found in a given
 * folder: that folder as given, joined with its path inside); any other file (an imported one)
 * relative to the working folder when inside it, otherwise absolute.
 */
export function displayPath(key: string, cwd = process.cwd()): string {
  const given = asGiven.get(key);
  if (given !== undefined) return given;
  const relative = nodePath.relative(cwd, key);
  return relative && !relative.startsWith('..') && !nodePath.isAbsolute(relative) ? relative.split(nodePath.sep).join('/') : key;
}
