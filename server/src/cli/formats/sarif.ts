// `--format sarif`: SARIF 2.1.0 with rule metadata, as GitHub code scanning accepts it.
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIAGNOSTIC_CODES, type Severity } from '../../core/diagnostics';
import type { LintReport } from './report';

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

export function formatSarif(report: LintReport, toolVersion: string): string {
  const ruleIds = Object.keys(DIAGNOSTIC_CODES);
  const rules = ruleIds.map((id) => {
    const rule = DIAGNOSTIC_CODES[id as keyof typeof DIAGNOSTIC_CODES];
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: rule.description },
      fullDescription: { text: rule.description },
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
