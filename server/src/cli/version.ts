// The tool's version, and where its rules are documented, from package.json at build time.
import manifest from '../../../package.json';
import { rulesPageUrl, type PackageLinks } from './formats/ruleDocs';

export const VERSION: string = manifest.version;

/** docs/rules.md in the project's repository, when package.json names the repository (SARIF's `helpUri`). */
export const RULES_PAGE_URL: string | undefined = rulesPageUrl(manifest as PackageLinks);
