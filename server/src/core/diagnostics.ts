// Problems as values: every check in the core reports `Diagnostic`s, never throws.
// Codes are part of the CLI's and the editor's interface (LANGUAGE.md, "Diagnostics").
import type { Range } from './syntax/ast';
import type { DurationUnit } from './syntax/vocabulary';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const DIAGNOSTIC_CODES = {
  'syntax-error': { severity: 'error', description: 'The text does not match the grammar.' },
  'unknown-reference': { severity: 'error', description: 'A name that is defined nowhere visible.' },
  'wrong-kind': { severity: 'error', description: 'A name of the wrong kind for its place.' },
  'duplicate-definition': {
    severity: 'error',
    description: 'A name defined twice in the visible files, or two scenarios (or two sweeps) with one title in a file.',
  },
  'duplicate-property': { severity: 'warning', description: 'A property or setting given twice in one block (the last wins).' },
  'missing-property': {
    severity: 'error',
    description: 'A pool without `group` or `phones`; a sweep without `scenario` or `vary`, or a time knob without `step`.',
  },
  'group-too-large': { severity: 'error', description: 'A group with more than three CallManagers.' },
  'group-duplicate-member': { severity: 'error', description: 'A CallManager listed twice in one group.' },
  'no-redundancy': { severity: 'warning', description: 'A group with a single CallManager used by a pool without SRST.' },
  'invalid-value': { severity: 'error', description: 'A value out of its range.' },
  'missing-unit': { severity: 'error', description: 'A bare number where a duration is needed.' },
  'unused-definition': { severity: 'hint', description: 'A callmanager in no group, a group in no pool, an srst router in no pool.' },
  'import-not-found': { severity: 'error', description: 'An import whose file does not exist.' },
  'import-cycle': { severity: 'error', description: 'Files that import each other in a cycle.' },
  'empty-scenario': { severity: 'warning', description: 'A scenario with no events.' },
  'expectation-failed': { severity: 'error', description: 'An expectation that the simulation does not meet.' },
  'capacity-exceeded': { severity: 'warning', description: 'Phones turned away because a target was full.' },
  'no-service': { severity: 'warning', description: 'Phones out of service at the end of a scenario.' },
  'calls-not-placed': { severity: 'warning', description: 'A `calls` event that found fewer idle, registered phones than it asked for.' },
  'event-no-effect': { severity: 'warning', description: 'An event that changes nothing.' },
  'single-failure-risk': {
    severity: 'warning',
    description: 'The failure of this one CallManager would leave phones out of service or overload another server.',
  },
  'simulation-limit': { severity: 'warning', description: 'A scenario stopped at the simulation limits (time or size).' },
  'invalid-config': { severity: 'error', description: 'A mistake in failover.config.json: invalid JSON, an unknown code or an unknown severity.' },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, code);
}

export interface RelatedLocation {
  /** The file's key in the workspace (an absolute path or URI string). */
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

/** Machine-readable hints for quick fixes; the editor and CLI may ignore them. */
export type FixData =
  | { readonly kind: 'replace-name'; readonly replacement: string }
  | { readonly kind: 'create-definition'; readonly definitionKind: 'callmanager' | 'srst' | 'group' | 'pool'; readonly name: string }
  | { readonly kind: 'add-unit'; readonly unit: DurationUnit }
  /** Replace the diagnostic's range with `replacement` (`30 s` → `30s`, a mistyped import path). */
  | { readonly kind: 'replace-text'; readonly replacement: string }
  /** Add `import "path"` (relative to the file) after the file's imports. */
  | { readonly kind: 'add-import'; readonly path: string }
  | { readonly kind: 'remove-definition' };

export interface Diagnostic {
  readonly file: string;
  readonly range: Range;
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly related?: readonly RelatedLocation[];
  readonly fix?: FixData;
}
