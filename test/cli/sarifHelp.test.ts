// SARIF rules say where each code is explained: `fullDescription` from the code table, `help`
// naming the section of docs/rules.md, and an absolute `helpUri` only when package.json gives the
// repository's address to build it from.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../server/src/core/diagnostics';
import { rulesPageUrl } from '../../server/src/cli/formats/ruleDocs';
import { formatSarif } from '../../server/src/cli/formats/sarif';
import { runCli, scratch } from '../support/cli';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The properties SARIF 2.1.0 allows on a reportingDescriptor (a rule), and on a multiformatMessageString. */
const RULE_PROPERTIES = new Set([
  'id',
  'deprecatedIds',
  'guid',
  'deprecatedGuids',
  'name',
  'deprecatedNames',
  'shortDescription',
  'fullDescription',
  'messageStrings',
  'defaultConfiguration',
  'helpUri',
  'help',
  'relationships',
  'properties',
]);
const MESSAGE_PROPERTIES = new Set(['text', 'markdown', 'properties']);

interface Rule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help?: { text: string; markdown?: string };
  helpUri?: string;
  [key: string]: unknown;
}

const rulesOf = (sarif: string): Rule[] => JSON.parse(sarif).runs[0].tool.driver.rules;

function expectValidRule(rule: Rule): void {
  for (const key of Object.keys(rule)) expect(RULE_PROPERTIES.has(key), `${rule.id}.${key}`).toBe(true);
  for (const message of [rule.shortDescription, rule.fullDescription, rule.help]) {
    expect(typeof message?.text, rule.id).toBe('string');
    for (const key of Object.keys(message!)) expect(MESSAGE_PROPERTIES.has(key), `${rule.id}: ${key}`).toBe(true);
  }
  // SARIF §3.49.12: helpUri is an absolute URI.
  if (rule.helpUri !== undefined) expect(new URL(rule.helpUri).protocol).toBe('https:');
}

describe('rulesPageUrl', () => {
  it.each([
    [{}, undefined],
    [{ repository: 'https://github.com/acme/failover' }, 'https://github.com/acme/failover/blob/HEAD/docs/rules.md'],
    [{ repository: { type: 'git', url: 'git+https://github.com/acme/failover.git' } }, 'https://github.com/acme/failover/blob/HEAD/docs/rules.md'],
    [{ repository: 'git@github.com:acme/failover.git' }, 'https://github.com/acme/failover/blob/HEAD/docs/rules.md'],
    [{ repository: 'git+ssh://git@github.com/acme/failover.git' }, 'https://github.com/acme/failover/blob/HEAD/docs/rules.md'],
    [{ repository: 'acme/failover' }, 'https://github.com/acme/failover/blob/HEAD/docs/rules.md'],
    [{ repository: 'gitlab:acme/failover' }, 'https://gitlab.com/acme/failover/-/blob/HEAD/docs/rules.md'],
    [{ repository: 'https://bitbucket.org/acme/failover' }, 'https://bitbucket.org/acme/failover/src/HEAD/docs/rules.md'],
    [
      { repository: { url: 'https://github.com/acme/tools', directory: 'packages/failover/' } },
      'https://github.com/acme/tools/blob/HEAD/packages/failover/docs/rules.md',
    ],
    [{ homepage: 'https://github.com/acme/failover#readme' }, 'https://github.com/acme/failover/blob/HEAD/docs/rules.md'],
    // Where the page lives on an unknown host or a product site cannot be guessed.
    [{ homepage: 'https://failover.example.com/' }, undefined],
    [{ repository: 'https://git.example.com/acme/failover' }, undefined],
    [{ repository: 'not a url' }, undefined],
  ] as [object, string | undefined][])('%j → %s', (links, expected) => {
    expect(rulesPageUrl(links)).toBe(expected);
  });
});

describe('SARIF rule help', () => {
  const report = { files: [] };

  it('with the page’s address: an absolute helpUri to each code’s section, and a link in help', () => {
    const rules = rulesOf(formatSarif(report, '1.0.0', 'https://github.com/acme/failover/blob/HEAD/docs/rules.md'));
    expect(rules.map((r) => r.id)).toEqual(Object.keys(DIAGNOSTIC_CODES));
    for (const rule of rules) {
      expectValidRule(rule);
      expect(rule.helpUri).toBe(`https://github.com/acme/failover/blob/HEAD/docs/rules.md#${rule.id}`);
      expect(rule.help!.markdown).toContain(`[${rule.id}](${rule.helpUri})`);
    }
  });

  it('without it: no helpUri, and help names the section of docs/rules.md', () => {
    for (const rule of rulesOf(formatSarif(report, '1.0.0'))) {
      expectValidRule(rule);
      expect(rule.helpUri).toBeUndefined();
      expect(rule.help!.text).toContain(`docs/rules.md#${rule.id}`);
      expect(rule.help!.markdown).toContain(`section \`${rule.id}\` of \`docs/rules.md\``);
    }
  });

  it('fullDescription and help start with the code table’s description', () => {
    for (const rule of rulesOf(formatSarif(report, '1.0.0'))) {
      const { description } = DIAGNOSTIC_CODES[rule.id as keyof typeof DIAGNOSTIC_CODES];
      expect(rule.fullDescription.text).toBe(description);
      expect(rule.help!.text.startsWith(description)).toBe(true);
    }
  });

  it('points at sections that exist: docs/rules.md has a `## <code>` heading for every rule', () => {
    const headings = new Set([...readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8').matchAll(/^## (\S+)$/gm)].map((m) => m[1]));
    for (const code of Object.keys(DIAGNOSTIC_CODES)) expect(headings.has(code), code).toBe(true);
  });

  it('from the CLI: a helpUri exactly when package.json names the repository', () => {
    const root = scratch({ 'bad.failover': 'pool P { group NOPE phones 1 }\n' });
    const result = runCli(['lint', '--no-simulate', '--format', 'sarif', 'bad.failover'], root);
    expect(result.code).toBe(1);
    const page = rulesPageUrl(manifest);
    for (const rule of rulesOf(result.stdout)) {
      expectValidRule(rule);
      expect(rule.helpUri).toBe(page === undefined ? undefined : `${page}#${rule.id}`);
      expect(rule.help!.text).toContain(page === undefined ? `docs/rules.md#${rule.id}` : `${page}#${rule.id}`);
    }
  });
});
