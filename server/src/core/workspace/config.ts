// `failover.config.json`: per-code severities, e.g. { "rules": { "no-redundancy": "off" } }.
// The nearest one above a file applies to it. Mistakes in it are diagnostics on the config file
// itself (code `invalid-config`), never silently ignored.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Diagnostic, DiagnosticCode } from '../diagnostics';
import { isDiagnosticCode } from '../diagnostics';
import { closest } from '../text/closest';
import { CONFIG_FILE_NAME, FIXED_CODES, RULE_SETTINGS, ruleConfigSchema, schemaViolations, type RuleSetting, type SchemaViolation } from './configSchema';
import { basename, dirname, joinPath } from './paths';
import type { SourceHost } from './program';

export { CONFIG_FILE_NAME } from './configSchema';

export interface RuleConfig {
  /** The config file's key, absent for the built-in defaults. */
  readonly path?: string;
  readonly rules: ReadonlyMap<DiagnosticCode, RuleSetting>;
  /** Problems found in the config file itself. */
  readonly problems: readonly ConfigProblem[];
}

interface ConfigProblem {
  readonly file: string;
  readonly range: { start: number; end: number };
  readonly message: string;
}

/** jsonc-parser's error names, in words. */
const JSON_ERRORS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected `:`',
  CommaExpected: 'expected `,`',
  CloseBraceExpected: 'expected `}`',
  CloseBracketExpected: 'expected `]`',
  EndOfFileExpected: 'expected the end of the file',
  InvalidCommentToken: 'malformed comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape',
  InvalidCharacter: 'invalid character in a string',
};

/** The one schema, for the CLI and the server alike (the build writes the same object for VS Code). */
const SCHEMA = ruleConfigSchema();

const NO_CONFIG: RuleConfig = { rules: new Map(), problems: [] };

/** Whether a workspace key names a config file (the server keeps those apart from `.failover` files). */
export function isConfigFile(key: string): boolean {
  return basename(key) === CONFIG_FILE_NAME;
}

/**
 * Reads a config: what the schema rejects is a problem, worded for the place it is in; every rule
 * the schema accepts applies.
 */
export function parseRuleConfig(path: string, text: string): RuleConfig {
  const problems: ConfigProblem[] = [];
  const rules = new Map<DiagnosticCode, RuleSetting>();
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  // The first JSON error only: the ones after it are almost always its echoes.
  const error = errors[0];
  if (error) {
    const code = printParseErrorCode(error.error);
    problems.push({
      file: path,
      range: { start: error.offset, end: error.offset + Math.max(1, error.length) },
      message: `Invalid JSON in ${CONFIG_FILE_NAME}: ${JSON_ERRORS[code] ?? code}.`,
    });
  }
  if (!root) return { path, rules, problems };
  const rejected = new Set<Node>();
  for (const violation of schemaViolations(root, SCHEMA)) {
    const problem = describeViolation(violation, text);
    problems.push({ file: path, range: span(problem.at), message: problem.message });
    if (violation.kind === 'enum' && violation.key) rejected.add(violation.key);
  }
  const rulesNode = findNodeAtLocation(root, ['rules']);
  if (rulesNode?.type !== 'object') return { path, rules, problems };
  for (const entry of rulesNode.children ?? []) {
    const [keyNode, valueNode] = entry.children ?? [];
    if (!keyNode || !valueNode || rejected.has(keyNode)) continue;
    const code = String(keyNode.value);
    if (isDiagnosticCode(code) && !FIXED_CODES.has(code)) rules.set(code, valueNode.value as RuleSetting);
  }
  return { path, rules, problems };
}

const quotedList = (words: readonly string[]) =>
  words
    .map((w) => `"${w}"`)
    .join(', ')
    .replace(/, ([^,]*)$/, ' or $1');

/** A schema violation in the words of a config file's author, at the text it is about. */
function describeViolation(violation: SchemaViolation, text: string): { at: Node; message: string } {
  const where = violation.path.join('.');
  switch (violation.kind) {
    case 'type':
      return {
        at: violation.node,
        message:
          where === ''
            ? `${CONFIG_FILE_NAME} must hold an object such as { "rules": { "no-redundancy": "off" } }.`
            : `"${where}" must be an object mapping diagnostic codes to ${quotedList(RULE_SETTINGS)}.`,
      };
    case 'unknown-property': {
      const name = String(violation.key.value);
      const known = Object.keys(violation.schema.properties ?? {});
      if (where === 'rules') {
        if (isDiagnosticCode(name) && FIXED_CODES.has(name))
          return { at: violation.key, message: `"${name}" cannot be configured: a file that does not parse cannot be checked.` };
        const guess = closest(name, known);
        return { at: violation.key, message: `Unknown diagnostic code "${name}".${guess ? ` Did you mean "${guess}"?` : ''}` };
      }
      const only = known.length === 1 ? `the only key is "${known[0]}"` : `the keys are ${quotedList(known)}`;
      return { at: violation.key, message: `Unknown key "${name}" in ${where === '' ? CONFIG_FILE_NAME : `"${where}"`}: ${only}.` };
    }
    case 'enum': {
      const { node } = violation;
      const shown =
        node === undefined
          ? 'null'
          : node.type === 'object' || node.type === 'array'
            ? excerpt(text.slice(node.offset, node.offset + node.length))
            : JSON.stringify(node.value);
      return {
        at: node ?? violation.key!,
        message: `Invalid severity ${shown} for "${violation.path[violation.path.length - 1]}": use ${quotedList(violation.schema.enum ?? [])}.`,
      };
    }
  }
}

function excerpt(source: string): string {
  const line = source.replace(/\s+/g, ' ');
  return line.length > 30 ? `${line.slice(0, 29)}…` : line;
}

function span(node: Node): { start: number; end: number } {
  return { start: node.offset, end: node.offset + node.length };
}

/** Finds and caches the nearest config above each file. */
export class RuleConfigResolver {
  private readonly byFolder = new Map<string, RuleConfig>();

  constructor(private readonly host: SourceHost) {}

  forFile(file: string): RuleConfig {
    return this.forFolder(dirname(file));
  }

  private forFolder(folder: string): RuleConfig {
    const known = this.byFolder.get(folder);
    if (known) return known;
    const candidate = joinPath(folder, CONFIG_FILE_NAME);
    const read = this.host.readFile(candidate);
    let config: RuleConfig;
    if ('text' in read) config = parseRuleConfig(candidate, read.text);
    else {
      const parent = dirname(folder);
      config = parent === folder || folder === '.' || folder === '' ? NO_CONFIG : this.forFolder(parent);
    }
    this.byFolder.set(folder, config);
    return config;
  }

  /** Every config file met so far, for reporting their problems once. */
  configs(): RuleConfig[] {
    return [...new Set(this.byFolder.values())].filter((c) => c.path !== undefined);
  }
}

/** Applies a config to diagnostics: drops the ones turned off, changes severities. */
export function applyRuleConfig(diagnostics: readonly Diagnostic[], config: RuleConfig): Diagnostic[] {
  if (config.rules.size === 0) return diagnostics as Diagnostic[];
  const result: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const setting = config.rules.get(diagnostic.code);
    if (setting === 'off') continue;
    result.push(setting && setting !== diagnostic.severity ? { ...diagnostic, severity: setting } : diagnostic);
  }
  return result;
}

export function configProblemDiagnostics(config: RuleConfig): Diagnostic[] {
  return config.problems.map((p) => ({
    file: p.file,
    range: p.range,
    severity: 'error' as const,
    code: 'invalid-config' as const,
    message: p.message,
  }));
}
