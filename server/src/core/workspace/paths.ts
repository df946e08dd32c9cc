// Path arithmetic on workspace keys: absolute, `/`-separated paths (the edges convert OS paths and
// URIs to this form). Pure string work, so the core never touches the file system.

function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const drive = /^[A-Za-z]:\//.exec(path)?.[0] ?? '';
  const parts: string[] = [];
  for (const part of path.slice(drive.length).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute && !drive) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  return drive + (absolute && !drive ? '/' : '') + parts.join('/');
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  if (slash < 0) return '.';
  if (slash === 0) return '/';
  return path.slice(0, slash);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(base: string, relative: string): string {
  if (relative.startsWith('/') || /^[A-Za-z]:\//.test(relative)) return normalizePath(relative);
  return normalizePath(`${base}/${relative}`);
}

/**
 * `to` relative to the folder `from` (`../shared/topology.failover`), as an import writes it; `to`
 * itself when the two share no root (two Windows drives).
 */
export function relativePath(from: string, to: string): string {
  const fromParts = normalizePath(from).split('/').filter(Boolean);
  const toParts = normalizePath(to).split('/').filter(Boolean);
  if (fromParts[0] !== toParts[0] && (/^[A-Za-z]:$/.test(fromParts[0] ?? '') || /^[A-Za-z]:$/.test(toParts[0] ?? ''))) return to;
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common++;
  return [...fromParts.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}

export const FAILOVER_EXTENSION = '.failover';
