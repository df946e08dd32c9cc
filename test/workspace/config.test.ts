import { describe, expect, it } from 'vitest';
import { Analysis } from '../../server/src/core/workspace/analysis';
import { parseRuleConfig } from '../../server/src/core/workspace/config';
import { memoryHost } from '../support/fixtures';

const FILE = 'callmanager CM1\ngroup SOLO { CM1 }\npool P { group SOLO phones 10 }\ncallmanager SPARE\n';

function codesWith(config: string | undefined, where = '/w/failover.config.json') {
  const files: Record<string, string> = { '/w/sub/a.failover': FILE };
  if (config !== undefined) files[where] = config;
  const analysis = Analysis.load(['/w/sub/a.failover'], memoryHost(files));
  return {
    diagnostics: analysis.diagnostics('/w/sub/a.failover').map((d) => `${d.code}:${d.severity}`),
    configProblems: [...analysis.configDiagnostics(['/w/sub/a.failover']).values()].flat().map((d) => d.message),
  };
}

describe('failover.config.json', () => {
  it('applies the built-in severities without a config', () => {
    expect(codesWith(undefined).diagnostics).toEqual(['no-redundancy:warning', 'unused-definition:hint']);
  });

  it('turns codes off and changes severities, found by walking up from the file', () => {
    const result = codesWith('{ "rules": { "no-redundancy": "off", "unused-definition": "warning" } }');
    expect(result.diagnostics).toEqual(['unused-definition:warning']);
    expect(result.configProblems).toEqual([]);
  });

  it('uses the nearest config only', () => {
    const files = {
      '/w/sub/a.failover': FILE,
      '/w/failover.config.json': '{ "rules": { "no-redundancy": "off" } }',
      '/w/sub/failover.config.json': '{ "rules": { "unused-definition": "off" } }',
    };
    const analysis = Analysis.load(['/w/sub/a.failover'], memoryHost(files));
    expect(analysis.diagnostics('/w/sub/a.failover').map((d) => d.code)).toEqual(['no-redundancy']);
  });

  it('reports unknown codes (with a suggestion), unknown severities, unknown keys and bad JSON', () => {
    expect(
      parseRuleConfig('/c.json', '{ "rules": { "no-redundancey": "off", "empty-scenario": "loud" }, "extends": "x" }').problems.map((p) => p.message),
    ).toEqual([
      'Unknown key "extends" in failover.config.json: the only key is "rules".',
      'Unknown diagnostic code "no-redundancey". Did you mean "no-redundancy"?',
      'Invalid severity "loud" for "empty-scenario": use "off", "error", "warning", "info" or "hint".',
    ]);
    expect(parseRuleConfig('/c.json', '{ "rules": ').problems[0]!.message).toMatch(/^Invalid JSON in failover.config.json/);
    // One problem per broken file, in words rather than the JSON parser's names.
    expect(parseRuleConfig('/c.json', '{ "rules": { ').problems.map((p) => p.message)).toEqual(['Invalid JSON in failover.config.json: expected `}`.']);
    expect(parseRuleConfig('/c.json', 'not json').problems.map((p) => p.message)).toEqual(['Invalid JSON in failover.config.json: unexpected character.']);
    expect(parseRuleConfig('/c.json', '[]').problems).toHaveLength(1);
    expect(parseRuleConfig('/c.json', '{ "rules": { "syntax-error": "off" } }').problems[0]!.message).toContain('cannot be configured');
  });

  it('gives each problem the range of the offending text', () => {
    const text = '{ "rules": { "nope": "off" } }';
    const [problem] = parseRuleConfig('/c.json', text).problems;
    expect(text.slice(problem!.range.start, problem!.range.end)).toBe('"nope"');
  });

  it('reports config problems as invalid-config diagnostics on the config file', () => {
    expect(codesWith('{ "rules": { "nope": "off" } }').configProblems).toEqual(['Unknown diagnostic code "nope".']);
  });
});
