// The JSON schema of `failover.config.json`, built from the code table (DIAGNOSTIC_CODES) so that
// the codes, their built-in severities and descriptions are written once. The build writes it to
// dist/failover.config.schema.json for VS Code (`jsonValidation`); config.ts checks a config file
// with the same object, through `schemaViolations`, a small interpreter of the keywords used here.
import type { Node } from 'jsonc-parser';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from '../diagnostics';

export const CONFIG_FILE_NAME = 'failover.config.json';

export type RuleSetting = Severity | 'off';

/** What a rule may be set to, in the order the editor offers them. */
export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info', 'hint'];

/** Syntax errors cannot be silenced: a file that does not parse has no meaning to check. */
export const FIXED_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['syntax-error']);

/**
 * The part of JSON Schema (draft-07) that the config's schema uses, which is all that
 * `schemaViolations` interprets; `allowComments` and `allowTrailingCommas` are VS Code's own
 * keywords (the CLI reads the file with comments and trailing commas, so the editor must not flag them).
 */
export interface JsonSchema {
  readonly $schema?: string;
  readonly title?: string;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly type?: 'object';
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: false;
  readonly enum?: readonly string[];
  readonly default?: string;
  readonly allowComments?: boolean;
  readonly allowTrailingCommas?: boolean;
}

/** The codes a config may set, in the table's order. */
export function configurableCodes(): DiagnosticCode[] {
  return (Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[]).filter((code) => !FIXED_CODES.has(code));
}

export function ruleConfigSchema(): JsonSchema {
  const rules: Record<string, JsonSchema> = {};
  for (const code of configurableCodes()) {
    const { severity, description } = DIAGNOSTIC_CODES[code];
    rules[code] = {
      enum: RULE_SETTINGS,
      // The built-in severity is what an absent rule means: offered first when the code is completed.
      default: severity,
      description: `${description.replaceAll('`', '')} Built-in severity: ${severity}.`,
      markdownDescription: `${description} Built-in severity: \`${severity}\`.`,
    };
  }
  const settings = RULE_SETTINGS.map((s) => `\`${s}\``).join(', ');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: CONFIG_FILE_NAME,
    description:
      'Rules for the failover CLI and the VS Code extension: the severity of each diagnostic code in the .failover files of this folder and the folders below it (the nearest failover.config.json applies).',
    type: 'object',
    allowComments: true,
    allowTrailingCommas: true,
    additionalProperties: false,
    properties: {
      rules: {
        description: 'Severity per diagnostic code: off, error, warning, info or hint. A code that is not listed keeps its built-in severity.',
        markdownDescription: `Severity per diagnostic code: ${settings}. A code that is not listed keeps its built-in severity. Example: \`{ "no-redundancy": "off" }\`.`,
        type: 'object',
        additionalProperties: false,
        properties: rules,
      },
    },
  };
}

/** A place where a config breaks its schema; config.ts words it. */
export type SchemaViolation =
  /** `node` is not of the schema's `type`. */
  | { readonly kind: 'type'; readonly path: readonly string[]; readonly node: Node; readonly schema: JsonSchema }
  /** A key that the object's schema does not list (with `additionalProperties: false`). */
  | { readonly kind: 'unknown-property'; readonly path: readonly string[]; readonly key: Node; readonly schema: JsonSchema }
  /** A value that is not one of the schema's `enum`, or a key without a value (`node` undefined). */
  | { readonly kind: 'enum'; readonly path: readonly string[]; readonly key: Node | undefined; readonly node: Node | undefined; readonly schema: JsonSchema };

/**
 * Checks a parsed JSON tree (jsonc-parser's) against a schema, one violation per value at most (a
 * value of the wrong type is not looked into): an object's unknown keys first, then what its known
 * keys hold, each in text order.
 */
export function schemaViolations(node: Node, schema: JsonSchema, path: readonly string[] = []): SchemaViolation[] {
  if (schema.type === 'object' && node.type !== 'object') return [{ kind: 'type', path, node, schema }];
  if (schema.enum && !(node.type === 'string' && schema.enum.includes(node.value as string))) {
    return [{ kind: 'enum', path, key: node.parent?.type === 'property' ? node.parent.children?.[0] : undefined, node, schema }];
  }
  if (node.type !== 'object') return [];
  const unknown: SchemaViolation[] = [];
  const inside: SchemaViolation[] = [];
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key) continue;
    const name = String(key.value);
    const propertySchema = schema.properties && Object.prototype.hasOwnProperty.call(schema.properties, name) ? schema.properties[name] : undefined;
    if (!propertySchema) {
      if (schema.additionalProperties === false) unknown.push({ kind: 'unknown-property', path, key, schema });
      continue;
    }
    if (value) inside.push(...schemaViolations(value, propertySchema, [...path, name]));
    // A key without its value is a JSON error, reported as such; for a value from a list it is
    // also a missing choice.
    else if (propertySchema.enum) inside.push({ kind: 'enum', path: [...path, name], key, node: undefined, schema: propertySchema });
  }
  return [...unknown, ...inside];
}
