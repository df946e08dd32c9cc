// The static checks of LANGUAGE.md's table: everything that needs no simulation. Each diagnostic
// says what is wrong and how to fix it, at the precise range, with both sides of a duplicate.
import type { Diagnostic, DiagnosticCode, FixData, RelatedLocation } from '../diagnostics';
import { DIAGNOSTIC_CODES } from '../diagnostics';
import type * as ast from '../syntax/ast';
import { stringLiteral } from '../syntax/tokens';
import { isDurationKey, REQUIRED_KEYS } from '../syntax/vocabulary';
import { closest } from '../text/closest';
import { basename, dirname, relativePath } from './paths';
import type { Program, SourceUnit } from './program';
import { durationValue } from './settings';
import { sweepDiagnostics } from './sweeps';
import { checkDurationLiteral, MAX_TIME_MS, rangeProblem, timeLimitProblem } from './values';
import { EXPECTED_KINDS, KIND_WORDS, type DefinitionKind, type DefinitionSymbol, type SymbolIndex } from './symbols';

class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly file: string) {}

  add(code: DiagnosticCode, range: ast.Range, message: string, extra: { related?: RelatedLocation[]; fix?: FixData } = {}): void {
    this.diagnostics.push({ file: this.file, range, severity: DIAGNOSTIC_CODES[code].severity, code, message, ...extra });
  }
}

/** Static diagnostics located in `file` (a file of the program). */
export function validateFile(program: Program, index: SymbolIndex, file: string): Diagnostic[] {
  const unit = program.unit(file);
  if (!unit) return [];
  const report = new Reporter(file);
  for (const error of unit.parsed.errors) report.add('syntax-error', error.range, error.message);
  checkImports(unit, report);
  checkDuplicateDefinitions(program, index, unit, report);
  checkReferences(program, index, unit, report);
  for (const item of unit.parsed.file.items) {
    switch (item.kind) {
      case 'settings':
        checkProperties(item.entries, 'setting', report);
        break;
      case 'callmanager':
      case 'srst':
        checkProperties(item.properties, item.kind, report);
        break;
      case 'group':
        checkGroup(item, report);
        break;
      case 'pool':
        checkProperties(item.properties, 'pool', report);
        checkPool(index, unit, item, report);
        break;
      case 'scenario':
        checkScenario(index, unit, item, report);
        break;
      case 'sweep':
        break; // sweeps.ts checks them all at once, after the scenarios' titles
    }
  }
  checkScenarioTitles(unit, report);
  report.diagnostics.push(...sweepDiagnostics(program, index, unit));
  checkUnused(index, file, report);
  return report.diagnostics;
}

/** `import-cycle` diagnostics for the whole program, by file. */
export function validateImportCycles(program: Program): Diagnostic[] {
  return program.importCycles().map(({ file, decl, cycle, at }) => ({
    file,
    range: decl.path?.range ?? decl.range,
    severity: DIAGNOSTIC_CODES['import-cycle'].severity,
    code: 'import-cycle' as const,
    message:
      cycle.length === 1
        ? `Import cycle: ${basename(file)} imports itself. Remove this import.`
        : `Import cycle: ${describeCycle(cycle, at)}. Move the shared definitions into a file that both import.`,
  }));
}

/** Files shown in an import cycle's message: a cycle of thousands of files is cut short. */
const MAX_CYCLE_FILES_SHOWN = 10;

/** `a → b → a`, starting at `cycle[at]`; a long cycle shows its first files and how many there are. */
function describeCycle(cycle: readonly string[], at: number): string {
  const shown: string[] = [];
  for (let i = 0; i < Math.min(cycle.length, MAX_CYCLE_FILES_SHOWN); i++) shown.push(basename(cycle[(at + i) % cycle.length]!));
  if (cycle.length > MAX_CYCLE_FILES_SHOWN) shown.push(`… (${cycle.length.toLocaleString('en-US')} files in all)`);
  shown.push(basename(cycle[at]!));
  return shown.join(' → ');
}

function checkImports(unit: SourceUnit, report: Reporter): void {
  for (const imported of unit.imports) {
    if (imported.problem && imported.decl.path) {
      const suggestion = imported.suggestion;
      report.add(
        'import-not-found',
        imported.decl.path.range,
        `Cannot import \`${imported.decl.path.value}\`: ${imported.problem}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
        suggestion ? { fix: { kind: 'replace-text', replacement: stringLiteral(suggestion) } } : {},
      );
    }
  }
}

function describe(definition: DefinitionSymbol): string {
  return `${KIND_WORDS[definition.kind]} \`${definition.name}\``;
}

/** Related locations listed on one duplicate-definition diagnostic. */
const MAX_RELATED_DUPLICATES = 5;

/**
 * The related locations of one of several duplicates: the others, at most MAX_RELATED_DUPLICATES,
 * so thousands of duplicates cost thousands, not thousands squared.
 */
function othersOf<T>(all: readonly T[], except: T, locate: (other: T) => RelatedLocation): RelatedLocation[] {
  const list: RelatedLocation[] = [];
  for (const other of all) {
    if (list.length === MAX_RELATED_DUPLICATES) break;
    if (other !== except) list.push(locate(other));
  }
  return list;
}
/** Files named in one duplicate-definition message. */
const MAX_DUPLICATE_PLACES = 3;

/** Where the other definitions of a name are: `in this file and in b.failover`, `3 times in this file`. */
function placesOfOthers(perFile: ReadonlyMap<string, number>, ownFile: string, viewFile: string): string {
  const places: string[] = [];
  let files = 0;
  for (const [file, count] of perFile) {
    const others = file === ownFile ? count - 1 : count;
    if (others === 0) continue;
    if (++files > MAX_DUPLICATE_PLACES) continue;
    const place = file === viewFile ? 'in this file' : `in ${basename(file)}`;
    places.push(others === 1 ? place : `${others.toLocaleString('en-US')} times ${place}`);
  }
  if (files > MAX_DUPLICATE_PLACES) places.push(`in ${(files - MAX_DUPLICATE_PLACES).toLocaleString('en-US')} more files`);
  return places.join(' and ');
}

function checkDuplicateDefinitions(program: Program, index: SymbolIndex, unit: SourceUnit, report: Reporter): void {
  for (const [name, definitions] of index.scope(unit.path)) {
    if (definitions.length < 2) continue;
    const here = definitions.filter((d) => d.file === unit.path);
    // Each duplicate's message and related locations are bounded (32,000 duplicates on one 1 MB
    // line never finished when each listed all the others).
    const related = (except: DefinitionSymbol): RelatedLocation[] =>
      othersOf(definitions, except, (d) => ({ file: d.file, range: d.nameRange, message: `${describe(d)} is also defined here` }));
    const perFile = new Map<string, number>();
    for (const d of definitions) perFile.set(d.file, (perFile.get(d.file) ?? 0) + 1);
    if (here.length > 0) {
      for (const definition of here) {
        const where = placesOfOthers(perFile, definition.file, unit.path);
        report.add(
          'duplicate-definition',
          definition.nameRange,
          `\`${name}\` is defined more than once (also ${where}); names of callmanagers, srst routers, groups and pools must be unique. Rename one of them.`,
          { related: related(definition) },
        );
      }
    } else {
      // Both definitions live in imported files that do not see each other: blame the import that joins them.
      const second = definitions[1]!;
      const culprit = unit.imports.find((i) => i.target && program.visibleFiles(i.target).includes(second.file));
      if (culprit) {
        report.add(
          'duplicate-definition',
          culprit.decl.path?.range ?? culprit.decl.range,
          `This import makes \`${name}\` defined twice (in ${definitions.map((d) => basename(d.file)).join(' and ')}); rename one of them.`,
          {
            related: related(definitions[0]!).concat([
              { file: definitions[0]!.file, range: definitions[0]!.nameRange, message: `${describe(definitions[0]!)} is defined here` },
            ]),
          },
        );
      }
    }
  }
}

function checkReferences(program: Program, index: SymbolIndex, unit: SourceUnit, report: Reporter): void {
  for (const site of index.referencesIn(unit.path)) {
    if (site.role === 'sweep-knob') continue; // sweeps.ts: the kinds that fit depend on the property
    const expected = EXPECTED_KINDS[site.role];
    const found = site.candidates[0];
    // The usual case, a reference to a definition of a kind it may name, costs no message.
    if (found && expected.includes(found.kind)) continue;
    const expectedWords = expected.map((k) => KIND_WORDS[k]).join(' or ');
    const elsewhere = found ? [] : importableDefinitions(program, index, unit.path, site.name, expected);
    if (elsewhere.length > 0) {
      const [nearest] = elsewhere as [string, ...string[]];
      const shown = elsewhere.slice(0, MAX_DEFINING_FILES_SHOWN).map((path) => `\`${path}\``);
      if (elsewhere.length > MAX_DEFINING_FILES_SHOWN) shown.push(`${(elsewhere.length - MAX_DEFINING_FILES_SHOWN).toLocaleString('en-US')} more files`);
      const files = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
      report.add(
        'unknown-reference',
        site.range,
        `Unknown ${expectedWords} \`${site.name}\`: it is defined in ${files}, which this file does not import. Add \`import ${stringLiteral(nearest)}\`.`,
        { fix: { kind: 'add-import', path: nearest } },
      );
    } else if (!found) {
      const names = index.visibleDefinitions(unit.path, expected).map((d) => d.name);
      const suggestion = closest(site.name, names);
      const createKind: DefinitionKind = expected[0]!;
      report.add(
        'unknown-reference',
        site.range,
        `Unknown ${expectedWords} \`${site.name}\`: it is defined nowhere visible from this file.${suggestion ? ` Did you mean \`${suggestion}\`?` : ` Define it, or import the file that does.`}`,
        { fix: suggestion ? { kind: 'replace-name', replacement: suggestion } : { kind: 'create-definition', definitionKind: createKind, name: site.name } },
      );
    } else if (!expected.includes(found.kind)) {
      const suggestion = closest(
        site.name,
        index.visibleDefinitions(unit.path, expected).map((d) => d.name),
      );
      report.add(
        'wrong-kind',
        site.range,
        `\`${site.name}\` is a ${KIND_WORDS[found.kind]}, but ${roleWords(site.role)} must be a ${expectedWords}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
        {
          related: [{ file: found.file, range: found.nameRange, message: `${describe(found)} is defined here` }],
          ...(suggestion ? { fix: { kind: 'replace-name' as const, replacement: suggestion } } : {}),
        },
      );
    }
  }
}

/** Files named in one "defined in … which this file does not import" message. */
const MAX_DEFINING_FILES_SHOWN = 3;

/**
 * The files of the program that define `name` as one of `kinds` and that `file` does not see, as
 * its imports would write them, nearest first: the files it could import to resolve the name. A
 * file that sees `file` is left out (importing it would be a cycle).
 */
function importableDefinitions(program: Program, index: SymbolIndex, file: string, name: string, kinds: readonly DefinitionKind[]): string[] {
  const files = new Set<string>();
  for (const definition of index.definitionsNamed(name)) {
    if (kinds.includes(definition.kind) && !program.visibleFiles(definition.file).includes(file)) files.add(definition.file);
  }
  const paths = [...files].map((path) => relativePath(dirname(file), path));
  const depth = (path: string) => path.split('/').length;
  return paths.sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function roleWords(role: keyof typeof EXPECTED_KINDS): string {
  switch (role) {
    case 'group-member':
      return 'a group member';
    case 'pool-group':
      return "a pool's `group`";
    case 'pool-srst':
      return "a pool's `srst`";
    case 'event-target':
      return 'what this event stops, crashes, hangs or recovers';
    case 'event-pool':
      return 'what this event acts on';
    case 'expect-pool':
      return 'what this expectation counts';
    case 'expect-target':
      return 'the target after `on`';
    case 'peak-target':
      return 'what `expect peak` measures';
    case 'sweep-knob':
      return 'what a sweep varies';
  }
}

type AnyProperty = ast.Property<string, ast.NumberLiteral | ast.Name>;

/** A time or duration of a scenario step beyond MAX_TIME_MS (settings go through rangeProblem). */
function checkTimeLimit(literal: ast.NumberLiteral | undefined, what: string, report: Reporter): void {
  if (literal?.kind === 'duration' && literal.ms > MAX_TIME_MS) {
    report.add('invalid-value', literal.range, `Invalid value: ${timeLimitProblem(what, literal.ms)}.`);
  }
}

function checkProperties(properties: readonly AnyProperty[], where: string, report: Reporter): void {
  const last = new Map<string, AnyProperty>();
  for (const property of properties) {
    const value = property.value;
    if (value && 'kind' in value) {
      if (isDurationKey(property.key)) {
        checkDurationLiteral(value, `\`${property.key}\``, report);
        const ms = durationValue(value);
        const problem = ms === undefined ? undefined : rangeProblem(property.key, ms);
        if (problem) report.add('invalid-value', value.range, `Invalid value: ${problem}.`);
      } else if (value.kind === 'int') {
        const problem = rangeProblem(property.key, value.value);
        if (problem) report.add('invalid-value', value.range, `Invalid value: ${problem}.`);
      }
    }
    last.set(property.key, property);
  }
  // The last occurrence wins: warn on each one that is overridden.
  for (const property of properties) {
    const winner = last.get(property.key)!;
    if (winner !== property) {
      report.add(
        'duplicate-property',
        property.keyRange,
        `\`${property.key}\` is given more than once in this ${where === 'setting' ? 'settings block' : `${where} block`}; only the last one counts. Remove this one.`,
        { related: [{ file: report.file, range: winner.range, message: 'this one wins' }] },
      );
    }
  }
}

function checkGroup(group: ast.GroupDecl, report: Reporter): void {
  const seen = new Map<string, ast.Name>();
  for (const member of group.members) {
    const first = seen.get(member.text);
    if (first) {
      report.add(
        'group-duplicate-member',
        member.range,
        `\`${member.text}\` is listed twice in group \`${group.name?.text ?? ''}\`; a CallManager appears once in a group. Remove this one.`,
        {
          related: [{ file: report.file, range: first.range, message: 'first listed here' }],
        },
      );
    } else seen.set(member.text, member);
  }
  if (group.members.length > 3) {
    const extra = group.members.slice(3);
    report.add(
      'group-too-large',
      { start: extra[0]!.range.start, end: extra[extra.length - 1]!.range.end },
      `Group \`${group.name?.text ?? ''}\` lists ${group.members.length} CallManagers; a CallManager group holds at most three (primary, secondary, tertiary). Remove ${extra.length === 1 ? 'this one' : 'these'} or split the group.`,
    );
  }
}

function poolProperty<K extends ast.PoolProperty['key']>(pool: ast.PoolDecl, key: K): Extract<ast.PoolProperty, { key: K }> | undefined {
  let found: Extract<ast.PoolProperty, { key: K }> | undefined;
  for (const property of pool.properties) if (property.key === key) found = property as Extract<ast.PoolProperty, { key: K }>;
  return found;
}

function hasSyntaxErrorWithin(unit: SourceUnit, range: ast.Range): boolean {
  return unit.parsed.errors.some((e) => e.range.start >= range.start && e.range.start < range.end);
}

function checkPool(index: SymbolIndex, unit: SourceUnit, pool: ast.PoolDecl, report: Reporter): void {
  const anchor = pool.name?.range ?? pool.keywordRange;
  const group = poolProperty(pool, 'group');
  // A pool whose block did not parse is already reported; a missing property there would be an echo.
  if (!hasSyntaxErrorWithin(unit, pool.range)) {
    const missing = REQUIRED_KEYS.pool.filter(({ key }) => !poolProperty(pool, key));
    if (missing.length > 0) {
      report.add(
        'missing-property',
        anchor,
        `Pool \`${pool.name?.text ?? ''}\` needs ${missing.map(({ key }) => `\`${key}\``).join(' and ')}: ${missing.map(({ gives }) => gives).join(', and ')}.`,
      );
    }
  }
  if (group?.value && !poolProperty(pool, 'srst')) {
    const definition = index.resolve(unit.path, group.value.text);
    if (definition?.decl.kind === 'group' && definition.decl.members.length === 1) {
      report.add(
        'no-redundancy',
        group.value.range,
        `Pool \`${pool.name?.text ?? ''}\` has no backup: group \`${definition.name}\` has a single CallManager and the pool has no srst router. Add a secondary CallManager to the group or an \`srst\` reference.`,
        { related: [{ file: definition.file, range: definition.nameRange, message: `group \`${definition.name}\` is defined here` }] },
      );
    }
  }
}

function poolPhones(index: SymbolIndex, file: string, name: string | undefined): number | undefined {
  if (!name) return undefined;
  const definition = index.resolve(file, name);
  if (definition?.decl.kind !== 'pool') return undefined;
  const phones = poolProperty(definition.decl, 'phones')?.value;
  return phones?.kind === 'int' ? phones.value : undefined;
}

function checkScenario(index: SymbolIndex, unit: SourceUnit, scenario: ast.ScenarioDecl, report: Reporter): void {
  let events = 0;
  for (const step of scenario.steps) {
    switch (step.kind) {
      case 'settings':
        checkProperties(step.entries, 'setting', report);
        break;
      case 'event':
        events++;
        checkDurationLiteral(step.at, 'The time after `at`', report);
        checkTimeLimit(step.at, 'The time after `at`', report);
        if (step.action === 'calls') {
          checkDurationLiteral(step.lasting, 'The duration after `lasting`', report);
          checkTimeLimit(step.lasting, 'The duration after `lasting`', report);
          const size = poolPhones(index, unit.path, step.subject?.text);
          const count = step.count;
          checkPercent(count, report);
          if (count?.kind === 'int' && size !== undefined && count.value > size) {
            report.add(
              'invalid-value',
              count.range,
              `Invalid value: pool \`${step.subject?.text}\` has ${size} phones, so it cannot place ${count.value} calls. Use a count up to ${size}, a percent, or all.`,
            );
          }
        }
        break;
      case 'expect-on':
        checkDurationLiteral(step.at, 'The time after `at`', report);
        checkTimeLimit(step.at, 'The time after `at`', report);
        // A count above the pool's phones may be meant (it simply fails or holds), but no pool has
        // more than all of its phones: `>= 120%` can never hold, `<= 120%` always does.
        checkPercent(step.count, report);
        break;
      case 'expect-outage':
        checkDurationLiteral(step.value, 'The outage', report);
        checkTimeLimit(step.value, 'The outage', report);
        break;
      case 'expect-settled':
        checkDurationLiteral(step.by, 'The time after `by`', report);
        checkTimeLimit(step.by, 'The time after `by`', report);
        break;
      case 'expect-peak':
        break;
    }
  }
  if (events === 0 && !hasSyntaxErrorWithin(unit, scenario.range)) {
    report.add(
      'empty-scenario',
      scenario.title?.range ?? scenario.keywordRange,
      `Scenario ${scenario.title ? `"${scenario.title.value}"` : ''} has no events, so nothing happens in it (it shows only where the phones register at the start): add one, e.g. \`at 1m crash CM1\`.`,
    );
  }
}

/** `invalid-value` for a percent of a pool above 100, in `calls` and in expectations alike. */
function checkPercent(count: ast.Count | undefined, report: Reporter): void {
  if (count?.kind === 'percent' && count.value > 100) {
    report.add('invalid-value', count.range, `Invalid value: a percent of the pool is at most 100% (it is ${count.text}).`);
  }
}

function checkScenarioTitles(unit: SourceUnit, report: Reporter): void {
  const byTitle = new Map<string, ast.ScenarioDecl[]>();
  for (const item of unit.parsed.file.items) {
    if (item.kind !== 'scenario' || !item.title) continue;
    const list = byTitle.get(item.title.value) ?? [];
    list.push(item);
    byTitle.set(item.title.value, list);
  }
  for (const [title, scenarios] of byTitle) {
    if (scenarios.length < 2) continue;
    const count = scenarios.length === 2 ? 'Two' : scenarios.length.toLocaleString('en-US');
    for (const scenario of scenarios) {
      const related = othersOf(scenarios, scenario, (other) => ({ file: unit.path, range: other.title!.range, message: 'another scenario with this title' }));
      report.add('duplicate-definition', scenario.title!.range, `${count} scenarios in this file are titled "${title}"; give each a title of its own.`, {
        related,
      });
    }
  }
}

const USAGE_ROLE: Partial<Record<DefinitionKind, { role: string; words: string }>> = {
  callmanager: { role: 'group-member', words: 'is in no group, so no phone can register with it' },
  group: { role: 'pool-group', words: 'is used by no pool' },
  srst: { role: 'pool-srst', words: 'is the srst router of no pool' },
};

function checkUnused(index: SymbolIndex, file: string, report: Reporter): void {
  for (const definition of index.definitionsIn(file)) {
    const usage = USAGE_ROLE[definition.kind];
    if (!usage) continue;
    if ((index.scope(file).get(definition.name)?.length ?? 0) > 1) continue; // already a duplicate-definition
    if (index.referencesTo(definition).some((site) => site.role === usage.role)) continue;
    report.add(
      'unused-definition',
      definition.nameRange,
      `${KIND_WORDS[definition.kind][0]!.toUpperCase()}${KIND_WORDS[definition.kind].slice(1)} \`${definition.name}\` ${usage.words}.`,
      {
        fix: { kind: 'remove-definition' },
      },
    );
  }
}
