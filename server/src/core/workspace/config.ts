// `failover.config.json`: per-code severities, e.g. { "rules": { "no-redundancy": "off" } }.
// The nearest one above a file applies to it. Mistakes in it are diagnostics on the config file
// itself (code `invalid-config`), never silently ignored.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { DIAGNOSTIC_CODES, isDiagnosticCode, type Diagnostic, type DiagnosticCode, type Severity } from '../diagnostics';
import { closest } from '../text/closest';
import { dirname, joinPath } from './paths';
import type { SourceHost } from './program';

export const CONFIG_FILE_NAME = 'failover.config.json';

type RuleSetting = Severity | 'off';

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

const SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info', 'hint'];
/** Syntax errors cannot be silenced: a file that does not parse has no meaning to check. */
const FIXED_CODES = new Set<DiagnosticCode>(['syntax-error']);

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

const NO_CONFIG: RuleConfig = { rules: new Map(), problems: [] };

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
  if (root.type !== 'object') {
    problems.push({ file: path, range: span(root), message: `${CONFIG_FILE_NAME} must hold an object such as { "rules": { "no-redundancy": "off" } }.` });
    return { path, rules, problems };
  }
  for (const property of root.children ?? []) {
    const key = property.children?.[0];
    if (key && key.value !== 'rules') {
      problems.push({ file: path, range: span(key), message: `Unknown key "${String(key.value)}" in ${CONFIG_FILE_NAME}: the only key is "rules".` });
    }
  }
  const rulesNode = findNodeAtLocation(root, ['rules']);
  if (!rulesNode) return { path, rules, problems };
  if (rulesNode.type !== 'object') {
    problems.push({
      file: path,
      range: span(rulesNode),
      message: '"rules" must be an object mapping diagnostic codes to "off", "error", "warning", "info" or "hint".',
    });
    return { path, rules, problems };
  }
  for (const entry of rulesNode.children ?? []) {
    const [keyNode, valueNode] = entry.children ?? [];
    if (!keyNode) continue;
    const code = String(keyNode.value);
    if (!isDiagnosticCode(code)) {
      const guess = closest(code, Object.keys(DIAGNOSTIC_CODES));
      problems.push({ file: path, range: span(keyNode), message: `Unknown diagnostic code "${code}".${guess ? ` Did you mean "${guess}"?` : ''}` });
      continue;
    }
    if (FIXED_CODES.has(code)) {
      problems.push({ file: path, range: span(keyNode), message: `"${code}" cannot be configured: a file that does not parse cannot be checked.` });
      continue;
    }
    const value = valueNode?.value;
    if (typeof value !== 'string' || !SETTINGS.includes(value as RuleSetting)) {
      problems.push({
        file: path,
        range: valueNode ? span(valueNode) : span(keyNode),
        message: `Invalid severity ${JSON.stringify(value ?? null)} for "${code}": use "off", "error", "warning", "info" or "hint".`,
      });
      continue;
    }
    rules.set(code, value as RuleSetting);
  }
  return { path, rules, problems };
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
    code: 'invalid-config',
    message: p.message,
  }));
}
