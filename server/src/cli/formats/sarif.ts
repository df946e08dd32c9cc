// `--format sarif`: SARIF 2.1.0 with rule metadata, as GitHub code scanning accepts it.
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIAGNOSTIC_CODES, type Severity } from '../../core/diagnostics';
import type { LintReport } from './report';
import { RULES_PAGE } from './ruleDocs';

/**
 * Where a file is, as SARIF wants it: a relative path as a URI reference against the source root
 * (each segment percent-encoded, so `#`, `?`, `%` and spaces stay part of the name), an absolute
 * one as a `file:` URI.
 */
function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  if (nodePath.isAbsolute(path)) return { uri: pathToFileURL(path).href };
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * Where a rule is explained: with the page's absolute address (from package.json), a `helpUri` to
 * its section and a link in `help`; without one (SARIF's `helpUri` must be absolute), `help` names
 * the page and section in the repository.
 */
function ruleHelp(code: string, description: string, rulesPageUrl: string | undefined) {
  const what = 'What triggers it, an example, the fix and how to turn it off';
  if (rulesPageUrl) {
    const helpUri = `${rulesPageUrl}#${code}`;
    return { helpUri, help: { text: `${description} ${what}: ${helpUri}`, markdown: `${description}\n\n${what}: [${code}](${helpUri}).` } };
  }
  return {
    help: {
      text: `${description} ${what}: ${RULES_PAGE}#${code} in the failover repository.`,
      markdown: `${description}\n\n${what}: section \`${code}\` of \`${RULES_PAGE}\` in the failover repository.`,
    },
  };
}

/** The report as a SARIF 2.1.0 log; `rulesPageUrl`, the absolute address of docs/rules.md when known. */
export function formatSarif(report: LintReport, toolVersion: string, rulesPageUrl?: string): string {
  const ruleIds = Object.keys(DIAGNOSTIC_CODES);
  const rules = ruleIds.map((id) => {
    const rule = DIAGNOSTIC_CODES[id as keyof typeof DIAGNOSTIC_CODES];
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: rule.description },
      fullDescription: { text: rule.description },
      ...ruleHelp(id, rule.description, rulesPageUrl),
      defaultConfiguration: { level: LEVEL[rule.severity] },
      properties: { tags: ['failover'] },
    };
  });
  const results = report.files.flatMap((file) =>
    file.diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: ruleIds.indexOf(d.code),
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(file.file),
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        },
      ],
      ...(d.related.length > 0
        ? {
            relatedLocations: d.related.map((r, id) => ({
              id,
              message: { text: r.message },
              physicalLocation: { artifactLocation: artifactLocation(r.file), region: { startLine: r.line, startColumn: r.column } },
            })),
          }
        : {}),
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'failover', semanticVersion: toolVersion, version: toolVersion, rules } },
        artifacts: report.files.map((f) => ({ location: artifactLocation(f.file) })),
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
