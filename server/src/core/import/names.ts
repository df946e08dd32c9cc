// CUCM names → the language's names (CUCM-IMPORT.md, "Names"): characters outside the NAME
// alphabet become `_`, a leading `_` where the first character is not a letter, a trailing `_` on a
// keyword, and `-2`, `-3`, … where a changed name would take a written one. The namespace is shared
// by every kind, as in the language.
import { KEYWORDS } from '../syntax/tokens';

// The sweep words are reserved by LANGUAGE.md whether or not this lexer knows them yet.
const RESERVED = new Set([...KEYWORDS, 'sweep', 'vary', 'from', 'to', 'step']);

export type DefinitionKind = 'callmanager' | 'srst' | 'group' | 'pool';
/** The order definitions are written in, which also decides who keeps a name two CUCM kinds share. */
const KIND_ORDER: readonly DefinitionKind[] = ['callmanager', 'srst', 'group', 'pool'];

/** A CUCM name made valid (not yet made unique). */
function validName(cucmName: string): string {
  let name = cucmName.replace(/[^A-Za-z0-9_.-]/gu, '_');
  if (!/^[A-Za-z_]/.test(name)) name = `_${name}`;
  if (RESERVED.has(name)) name = `${name}_`;
  return name;
}

export interface NamedDefinition {
  readonly kind: DefinitionKind;
  readonly cucmName: string;
}

function compareCodePoints(a: string, b: string): number {
  // Code-point order, not UTF-16 order: they differ only for characters beyond U+FFFF.
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/**
 * The written name of every definition, keyed by kind and CUCM name. A name that needed no change
 * keeps it (when two kinds share one, the kind written first keeps it); the changed ones take the
 * first free suffix in the code-point order of their CUCM names.
 */
export function assignNames(definitions: readonly NamedDefinition[]): Map<DefinitionKind, Map<string, string>> {
  const result = new Map<DefinitionKind, Map<string, string>>(KIND_ORDER.map((kind) => [kind, new Map()]));
  const taken = new Set<string>();
  const changed: NamedDefinition[] = [];
  const byKind = [...definitions].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  for (const definition of byKind) {
    if (validName(definition.cucmName) === definition.cucmName && !taken.has(definition.cucmName)) {
      taken.add(definition.cucmName);
      result.get(definition.kind)!.set(definition.cucmName, definition.cucmName);
    } else changed.push(definition);
  }
  changed.sort((a, b) => compareCodePoints(a.cucmName, b.cucmName) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  for (const definition of changed) {
    const name = freeName(validName(definition.cucmName), taken);
    taken.add(name);
    result.get(definition.kind)!.set(definition.cucmName, name);
  }
  return result;
}

/** A name not yet taken: `name` itself, or with the first free suffix. */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  let free = name;
  for (let suffix = 2; taken.has(free); suffix++) free = `${name}-${suffix}`;
  return free;
}
