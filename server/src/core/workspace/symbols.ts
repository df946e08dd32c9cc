// The index of definitions and references (the "linked" phase). Each file sees its own definitions
// and those of everything it imports, transitively: one namespace for callmanagers, srst routers,
// groups and pools. Every name used anywhere is a `ReferenceSite`, resolved in its own file's scope,
// so find-references and rename work across files.
import { isDefinition, type Definition, type Name, type Range, type Step } from '../syntax/ast';
import type { Program } from './program';

export type DefinitionKind = Definition['kind'];

export interface DefinitionSymbol {
  readonly name: string;
  readonly kind: DefinitionKind;
  readonly file: string;
  readonly decl: Definition;
  readonly nameRange: Range;
}

export type ReferenceRole =
  | 'group-member'
  | 'pool-group'
  | 'pool-srst'
  | 'event-target'
  | 'event-pool'
  | 'expect-pool'
  | 'expect-target'
  | 'peak-target'
  /** A sweep's `NAME PROPERTY` knob; checked by sweeps.ts, which knows which kinds have the property. */
  | 'sweep-knob';

export const EXPECTED_KINDS: Record<ReferenceRole, readonly DefinitionKind[]> = {
  'group-member': ['callmanager'],
  'pool-group': ['group'],
  'pool-srst': ['srst'],
  'event-target': ['callmanager', 'srst'],
  'event-pool': ['pool'],
  'expect-pool': ['pool'],
  'expect-target': ['callmanager', 'srst'],
  'peak-target': ['callmanager', 'srst'],
  'sweep-knob': ['callmanager', 'srst', 'pool'],
};

export interface ReferenceSite {
  readonly file: string;
  readonly name: string;
  readonly range: Range;
  readonly role: ReferenceRole;
  /** The definitions of that name visible from `file` (more than one is a duplicate). */
  readonly candidates: readonly DefinitionSymbol[];
}

export const KIND_WORDS: Record<DefinitionKind, string> = {
  callmanager: 'callmanager',
  srst: 'srst router',
  group: 'group',
  pool: 'pool',
};

export class SymbolIndex {
  private readonly definitionsByFile = new Map<string, DefinitionSymbol[]>();
  private readonly scopes = new Map<string, Map<string, DefinitionSymbol[]>>();
  private readonly referencesByFile = new Map<string, ReferenceSite[]>();
  private readonly referencesByDefinition = new Map<DefinitionSymbol, ReferenceSite[]>();
  /** Built on first use: only unknown names need it. */
  private byName: Map<string, DefinitionSymbol[]> | undefined;

  constructor(private readonly program: Program) {
    for (const unit of program.files) {
      const definitions: DefinitionSymbol[] = [];
      for (const item of unit.parsed.file.items) {
        if (!isDefinition(item) || !item.name) continue;
        definitions.push({ name: item.name.text, kind: item.kind, file: unit.path, decl: item, nameRange: item.name.range });
      }
      this.definitionsByFile.set(unit.path, definitions);
    }
    for (const unit of program.files) {
      const sites: ReferenceSite[] = [];
      const scope = this.scope(unit.path);
      const add = (name: Name | undefined, role: ReferenceRole): void => {
        if (!name) return;
        const site: ReferenceSite = { file: unit.path, name: name.text, range: name.range, role, candidates: scope.get(name.text) ?? [] };
        sites.push(site);
        for (const definition of site.candidates) {
          let list = this.referencesByDefinition.get(definition);
          if (!list) this.referencesByDefinition.set(definition, (list = []));
          list.push(site);
        }
      };
      for (const item of unit.parsed.file.items) {
        if (item.kind === 'group') for (const member of item.members) add(member, 'group-member');
        else if (item.kind === 'pool') {
          for (const property of item.properties) {
            if (property.key === 'group') add(property.value, 'pool-group');
            else if (property.key === 'srst') add(property.value, 'pool-srst');
          }
        } else if (item.kind === 'scenario') {
          for (const step of item.steps) collectStepReferences(step, add);
        } else if (item.kind === 'sweep') {
          for (const line of item.lines) if (line.kind === 'vary' && line.knob?.kind === 'property') add(line.knob.name, 'sweep-knob');
        }
      }
      this.referencesByFile.set(unit.path, sites);
    }
  }

  /** Name → definitions visible from `file`, in definition order. */
  scope(file: string): ReadonlyMap<string, readonly DefinitionSymbol[]> {
    return this.mutableScope(file);
  }

  private mutableScope(file: string): Map<string, DefinitionSymbol[]> {
    let scope = this.scopes.get(file);
    if (scope) return scope;
    scope = new Map();
    for (const visible of this.program.visibleFiles(file)) {
      for (const definition of this.definitionsByFile.get(visible) ?? []) {
        const list = scope.get(definition.name);
        if (list) list.push(definition);
        else scope.set(definition.name, [definition]);
      }
    }
    this.scopes.set(file, scope);
    return scope;
  }

  /** Visible definitions of the given kinds, in definition order (imported files first). */
  visibleDefinitions(file: string, kinds?: readonly DefinitionKind[]): DefinitionSymbol[] {
    const result: DefinitionSymbol[] = [];
    for (const visible of this.program.visibleFiles(file)) {
      for (const definition of this.definitionsByFile.get(visible) ?? []) {
        if (!kinds || kinds.includes(definition.kind)) result.push(definition);
      }
    }
    return result;
  }

  /** The first visible definition of `name` from `file`, if any. */
  resolve(file: string, name: string): DefinitionSymbol | undefined {
    return this.mutableScope(file).get(name)?.[0];
  }

  definitionsIn(file: string): readonly DefinitionSymbol[] {
    return this.definitionsByFile.get(file) ?? [];
  }

  referencesIn(file: string): readonly ReferenceSite[] {
    return this.referencesByFile.get(file) ?? [];
  }

  referencesTo(definition: DefinitionSymbol): readonly ReferenceSite[] {
    return this.referencesByDefinition.get(definition) ?? [];
  }

  /** Every definition of `name` in the program, whichever file sees it (for "defined in a file you do not import"). */
  definitionsNamed(name: string): readonly DefinitionSymbol[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const definition of this.allDefinitions()) {
        const list = this.byName.get(definition.name);
        if (list) list.push(definition);
        else this.byName.set(definition.name, [definition]);
      }
    }
    return this.byName.get(name) ?? [];
  }

  /** Every definition in the program, whichever file sees it. */
  *allDefinitions(): IterableIterator<DefinitionSymbol> {
    for (const list of this.definitionsByFile.values()) yield* list;
  }
}

function collectStepReferences(step: Step, add: (name: Name | undefined, role: ReferenceRole) => void): void {
  switch (step.kind) {
    case 'event':
      add(
        step.subject,
        step.action === 'stop' || step.action === 'crash' || step.action === 'hang' || step.action === 'recover' ? 'event-target' : 'event-pool',
      );
      break;
    case 'expect-on':
      add(step.pool, 'expect-pool');
      if (step.target && 'text' in step.target) add(step.target, 'expect-target');
      break;
    case 'expect-outage':
      add(step.pool, 'expect-pool');
      break;
    case 'expect-peak':
      add(step.target, 'peak-target');
      break;
    case 'settings':
    case 'expect-settled':
      break;
  }
}
