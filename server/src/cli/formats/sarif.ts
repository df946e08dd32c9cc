// `--format sarif`: SARIF 2.1.0 with rule metadata, as GitHub code scanning accepts it.
import { DIAGNOSTIC_CODES, type Severity } from '../../core/diagnostics';
import type { LintReport } from './report';

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
            artifactLocation: { uri: encodeURI(file.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        },
      ],
      ...(d.related.length > 0
        ? {
            relatedLocations: d.related.map((r, id) => ({
              id,
              message: { text: r.message },
              physicalLocation: { artifactLocation: { uri: encodeURI(r.file), uriBaseId: '%SRCROOT%' }, region: { startLine: r.line, startColumn: r.column } },
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
        artifacts: report.files.map((f) => ({ location: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' } })),
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
