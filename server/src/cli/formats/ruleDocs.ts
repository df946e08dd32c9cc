// Where each diagnostic code is documented: its `## <code>` section of docs/rules.md. SARIF wants
// an absolute `helpUri`, which only the repository's address can give; package.json's
// `repository` (or a `homepage` on the repository's host) provides it, when it is there.

/** The page, from the repository's root; each code is the anchor of its section. */
export const RULES_PAGE = 'docs/rules.md';

/** The fields of package.json that say where the project lives (npm's forms). */
export interface PackageLinks {
  readonly repository?: string | { readonly url?: string; readonly directory?: string };
  readonly homepage?: string;
}

/** Hosts whose web view of a file at the default branch is known: the path between the repository and the file. */
const FILE_VIEW: Record<string, string> = {
  'github.com': 'blob/HEAD',
  'gitlab.com': '-/blob/HEAD',
  'bitbucket.org': 'src/HEAD',
};

const SHORTHAND_HOSTS: Record<string, string> = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' };

/** `https://host/owner/repo` from npm's repository forms, or undefined when it is no repository on a known host. */
function repositoryWebUrl(spec: string): string | undefined {
  let text = spec.trim();
  // `owner/repo` and `github:owner/repo`, as npm accepts them.
  const shorthand = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(text);
  if (shorthand) text = `https://${SHORTHAND_HOSTS[shorthand[1] ?? 'github']}/${shorthand[2]}`;
  // `git@github.com:owner/repo.git`
  const scp = /^[\w.-]+@([\w.-]+):(.+)$/.exec(text);
  if (scp) text = `https://${scp[1]}/${scp[2]}`;
  let url: URL;
  try {
    url = new URL(text.replace(/^git\+/, ''));
  } catch {
    return undefined;
  }
  if (!['https:', 'http:', 'git:', 'ssh:'].includes(url.protocol)) return undefined;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  if (!(host in FILE_VIEW)) return undefined;
  const [owner, repository] = url.pathname
    .replace(/\.git$/, '')
    .split('/')
    .filter(Boolean);
  if (!owner || !repository) return undefined;
  return `https://${host}/${owner}/${repository.replace(/\.git$/, '')}`;
}

/** The absolute address of docs/rules.md in the project's repository, or undefined when package.json does not say. */
export function rulesPageUrl(links: PackageLinks): string | undefined {
  const repository = typeof links.repository === 'string' ? { url: links.repository } : links.repository;
  const base = (repository?.url && repositoryWebUrl(repository.url)) || (links.homepage && repositoryWebUrl(links.homepage));
  if (!base) return undefined;
  const host = new URL(base).hostname;
  const directory = (repository?.directory ?? '').replace(/^\/+|\/+$/g, '');
  const path = [FILE_VIEW[host], directory, RULES_PAGE].filter(Boolean).join('/');
  return `${base}/${path.split('/').map(encodeURIComponent).join('/')}`;
}
