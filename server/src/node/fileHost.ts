// The file system as a `SourceHost`: what the CLI reads, and what the server reads for files that
// are not open in the editor. Converts OS paths to the core's `/`-separated keys and back.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { FolderEntry, ReadResult, SourceHost } from '../core/workspace/program';

/** Largest file read (bytes): bigger inputs are refused with a reason instead of exhausting memory. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function toKey(osPath: string): string {
  const absolute = nodePath.resolve(osPath);
  return nodePath.sep === '\\' ? absolute.replace(/\\/g, '/') : absolute;
}

export function fromKey(key: string): string {
  return nodePath.sep === '\\' ? key.replace(/\//g, '\\') : key;
}

export function readSource(key: string): ReadResult {
  const osPath = fromKey(key);
  try {
    const stat = statSync(osPath);
    if (stat.isDirectory()) return { error: 'it is a folder, not a file' };
    // A FIFO, socket or device (or a symlink to one, such as /dev/zero) has no size to check and may
    // never end: reading it hung `failover lint .` on a FIFO named x.failover and would read /dev/zero for ever.
    if (!stat.isFile()) return { error: 'it is not a regular file' };
    if (stat.size > MAX_FILE_BYTES) return { error: `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
    const text = readFileSync(osPath, 'utf8');
    // Editors hide a byte-order mark and count columns after it: so does everything here.
    return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), bom: true } : { text };
  } catch (error) {
    return { error: describeFsError(error) };
  }
}

/** A folder's entries (a symbolic link counts as what it points to); undefined when it cannot be listed. */
export function listFolder(key: string): FolderEntry[] | undefined {
  const osPath = fromKey(key);
  try {
    return readdirSync(osPath, { withFileTypes: true }).map((entry) => ({
      name: entry.name,
      kind: entry.isSymbolicLink() ? linkKind(nodePath.join(osPath, entry.name)) : entry.isFile() ? 'file' : entry.isDirectory() ? 'folder' : 'other',
    }));
  } catch {
    return undefined;
  }
}

function linkKind(osPath: string): FolderEntry['kind'] {
  try {
    const stat = statSync(osPath);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'other'; // a broken link
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Reads from disk, with an optional overlay of in-memory texts (the editor's open documents). */
export class NodeFileHost implements SourceHost {
  constructor(private readonly overlay?: ReadonlyMap<string, string>) {}

  readFile(key: string): ReadResult {
    const open = this.overlay?.get(key);
    return open !== undefined ? { text: open } : readSource(key);
  }

  listFolder(key: string): FolderEntry[] | undefined {
    return listFolder(key);
  }
}
