// The schema of failover.config.json: built from the code table, and the one the CLI and the
// server check configs with. An independent JSON Schema validator (ajv, as VS Code's JSON language
// service would) must reject exactly what parseRuleConfig reports, at the same places.
import Ajv from 'ajv';
import fc from 'fast-check';
import { findNodeAtOffset, getNodePath, parseTree } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../../server/src/core/diagnostics';
import { parseRuleConfig } from '../../server/src/core/workspace/config';
import { configurableCodes, ruleConfigSchema, type JsonSchema } from '../../server/src/core/workspace/configSchema';

const schema = ruleConfigSchema();
const rules = schema.properties!['rules']!;

describe('the schema of failover.config.json', () => {
  it('is a draft-07 schema of an object with "rules" and nothing else', () => {
    expect(schema).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'failover.config.json',
      type: 'object',
      additionalProperties: false,
    });
    expect(schema.description).toContain('severity of each diagnostic code');
    expect(Object.keys(schema.properties!)).toEqual(['rules']);
    expect(rules).toMatchObject({ type: 'object', additionalProperties: false });
  });

  it('lets the editor accept comments and trailing commas, as the CLI does', () => {
    expect(schema).toMatchObject({ allowComments: true, allowTrailingCommas: true });
    const text = '{\n  // the team’s rules\n  "rules": {\n    /* not for now */\n    "no-redundancy": "off",\n  },\n}\n';
    const config = parseRuleConfig('/c.json', text);
    expect(config.problems).toEqual([]);
    expect([...config.rules]).toEqual([['no-redundancy', 'off']]);
  });

  it('lists every code of the table but syntax-error, in its order, with the five settings, the built-in severity and the description', () => {
    const codes = Object.keys(DIAGNOSTIC_CODES).filter((c) => c !== 'syntax-error');
    expect(Object.keys(rules.properties!)).toEqual(codes);
    expect(configurableCodes()).toEqual(codes);
    expect(rules.properties!['no-redundancy']).toEqual({
      enum: ['off', 'error', 'warning', 'info', 'hint'],
      default: 'warning',
      description: 'A group with a single CallManager used by a pool without SRST. Built-in severity: warning.',
      markdownDescription: 'A group with a single CallManager used by a pool without SRST. Built-in severity: `warning`.',
    });
    for (const code of codes as DiagnosticCode[]) {
      const rule = rules.properties![code]!;
      expect(rule.default, code).toBe(DIAGNOSTIC_CODES[code].severity);
      expect(rule.markdownDescription, code).toBe(`${DIAGNOSTIC_CODES[code].description} Built-in severity: \`${DIAGNOSTIC_CODES[code].severity}\`.`);
      expect(rule.description, code).not.toContain('`');
    }
  });

  it('is valid JSON Schema (draft-07) for a standard validator', () => {
    expect(() => validator().compile(schema)).not.toThrow();
  });
});

describe('parseRuleConfig checks with the schema', () => {
  it('words each kind of mistake the schema finds, at its text', () => {
    const text = '{ "rules": { "no-redundancy": { "level": 1 }, "unused-definiton": "off", "syntax-eror": "off" } }';
    const problems = parseRuleConfig('/c.json', text).problems;
    expect(problems.map((p) => [text.slice(p.range.start, p.range.end), p.message])).toEqual([
      // Suggestions come from the codes a config may set: syntax-error is not one of them.
      ['"unused-definiton"', 'Unknown diagnostic code "unused-definiton". Did you mean "unused-definition"?'],
      ['"syntax-eror"', 'Unknown diagnostic code "syntax-eror".'],
      ['{ "level": 1 }', 'Invalid severity { "level": 1 } for "no-redundancy": use "off", "error", "warning", "info" or "hint".'],
    ]);
    const notAnObject = '{ "rules": ["no-redundancy"] }';
    expect(parseRuleConfig('/c.json', notAnObject).problems.map((p) => [notAnObject.slice(p.range.start, p.range.end), p.message])).toEqual([
      ['["no-redundancy"]', '"rules" must be an object mapping diagnostic codes to "off", "error", "warning", "info" or "hint".'],
    ]);
    expect(parseRuleConfig('/c.json', '"rules"').problems.map((p) => p.message)).toEqual([
      'failover.config.json must hold an object such as { "rules": { "no-redundancy": "off" } }.',
    ]);
  });

  it('applies the rules the schema accepts and only those', () => {
    const config = parseRuleConfig('/c.json', '{ "rules": { "no-redundancy": "off", "empty-scenario": "loud", "nope": "off", "unused-definition": "error" } }');
    expect([...config.rules]).toEqual([
      ['no-redundancy', 'off'],
      ['unused-definition', 'error'],
    ]);
  });

  it('reports exactly what a standard JSON Schema validator rejects, at the same places (generated configs)', () => {
    const validate = validator().compile(schema);
    const settings = ['off', 'error', 'warning', 'info', 'hint'];
    const code = fc.oneof(fc.constantFrom(...Object.keys(DIAGNOSTIC_CODES)), fc.constantFrom('no-redundancey', 'Unused-Definition', '', 'rules'), fc.string());
    const severity = fc.oneof(
      fc.constantFrom(...settings),
      fc.constantFrom('loud', 'Warning', 'warn', ''),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.constantFrom(...settings)),
      fc.dictionary(fc.string(), fc.string()),
    );
    const rulesValue = fc.oneof({ weight: 6, arbitrary: fc.dictionary(code, severity, { maxKeys: 6 }) }, { weight: 1, arbitrary: severity });
    const config = fc.oneof(
      { weight: 8, arbitrary: fc.record({ rules: rulesValue, extends: fc.string(), $schema: fc.string() }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string())) },
    );
    fc.assert(
      fc.property(config, fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const ours = parseRuleConfig('/c.json', text)
          .problems.map((p) => placeOf(text, p.range.start))
          .sort();
        validate(value);
        const theirs = (validate.errors ?? [])
          .map((e) =>
            e.keyword === 'additionalProperties'
              ? `${e.instancePath}${pointer([(e.params as { additionalProperty: string }).additionalProperty])}`
              : e.instancePath,
          )
          .sort();
        expect(ours, text).toEqual(theirs);
      }),
      { numRuns: 400, seed: 12 },
    );
  });
});

/** ajv, told that VS Code's own keywords are annotations. */
function validator(): Ajv {
  const ajv = new Ajv({ allErrors: true });
  ajv.addVocabulary(['allowComments', 'allowTrailingCommas', 'markdownDescription'] satisfies (keyof JsonSchema)[]);
  return ajv;
}

/** The JSON pointer of the value (or key) at an offset, as ajv writes `instancePath`. */
function placeOf(text: string, offset: number): string {
  const root = parseTree(text)!;
  const node = findNodeAtOffset(root, offset, true)!;
  // A key names its property: `/rules/nope` for the key "nope" as for its value.
  return pointer(getNodePath(node));
}

const pointer = (path: readonly (string | number)[]) => path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
