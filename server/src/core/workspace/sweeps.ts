// The checked meaning of a sweep (LANGUAGE.md, "Sweeps"): which scenario of its file it runs, which
// knobs it varies and over which values. One walk over a sweep's lines both reports its static
// problems (validate.ts calls it) and, when there are none, gives the `SweepSpec` that runners use,
// so what is checked and what runs can never disagree.
import { DIAGNOSTIC_CODES, type Diagnostic, type DiagnosticCode, type FixData, type RelatedLocation } from '../diagnostics';
import { formatDuration } from '../durations';
import type * as ast from '../syntax/ast';
import { stringLiteral } from '../syntax/tokens';
import { isDurationKey, isNameKey, KNOBS, type SettingKey } from '../syntax/vocabulary';
import { closest } from '../text/closest';
import type { Program, SourceUnit } from './program';
import { KIND_WORDS, type DefinitionKind, type SymbolIndex } from './symbols';
import { checkDurationLiteral, rangeProblem, type ValueReporter } from './values';

/** What a sweep varies, resolved: a setting, or a numeric property of a named definition. */
export type SweepKnob =
  { readonly kind: 'setting'; readonly key: SettingKey } | { readonly kind: 'property'; readonly name: string; readonly key: KnobProperty };

/** The properties a definition may vary (`capacity`, `registration-rate`, `fallback-queue-depth`, `phones`, `connection-monitor`). */
type KnobProperty = (typeof KNOBS)['callmanager' | 'srst' | 'pool'][number];

export interface SweepVary {
  readonly knob: SweepKnob;
  /** As the file writes it: `fallback-queue-depth`, `CM2 capacity` (name, one space, property). */
  readonly label: string;
  /** Whether the values are times (in ms) rather than counts. */
  readonly duration: boolean;
  /** `from`, `from + step`, … up to the last one ≤ `to`; ms for times. */
  readonly values: readonly number[];
}

export interface SweepSpec {
  /** The sweep's title. */
  readonly name: string;
  /** 1-based line of the `sweep` keyword. */
  readonly line: number;
  /** The title of the scenario it runs (a scenario of the same file). */
  readonly scenario: string;
  /** One or two knobs, the outer loop first; a knob varied twice is folded into its later line. */
  readonly vary: readonly SweepVary[];
  /** The number of runs: the product of the numbers of values. */
  readonly runs: number;
}

/** At most this many runs in one sweep (`invalid-value` on its title beyond). */
export const MAX_SWEEP_RUNS = 1_000;
/** At most this many knobs in one sweep. */
const MAX_KNOBS = 2;

/** The definition kinds that have each definition knob. */
function kindsWith(key: string): DefinitionKind[] {
  return (['callmanager', 'srst', 'pool'] as const).filter((kind) => (KNOBS[kind] as readonly string[]).includes(key));
}

/** The title of the scenario a sweep names: its last `scenario` line's (the later line wins). */
export function sweepScenarioLine(sweep: ast.SweepDecl): ast.SweepScenarioLine | undefined {
  let found: ast.SweepScenarioLine | undefined;
  for (const line of sweep.lines) if (line.kind === 'sweep-scenario') found = line;
  return found;
}

/** The scenario of `file` titled `title` (the first, when a duplicate title is already an error). */
export function scenarioTitled(file: ast.SourceFile, title: string): ast.ScenarioDecl | undefined {
  return file.items.find((item): item is ast.ScenarioDecl => item.kind === 'scenario' && item.title?.value === title);
}

/** Where a sweep's checks report; `failed` turns true with the first error. */
class SweepReporter implements ValueReporter {
  failed = false;
  constructor(
    private readonly file: string,
    private readonly sink: Diagnostic[] | undefined,
  ) {}

  add(code: DiagnosticCode, range: ast.Range, message: string, extra: { related?: RelatedLocation[]; fix?: FixData } = {}): void {
    const severity = DIAGNOSTIC_CODES[code].severity;
    if (severity === 'error') this.failed = true;
    this.sink?.push({ file: this.file, range, severity, code, message, ...extra });
  }
}

/** A `vary` line whose knob could be read, with its identity (the same knob, however it is spaced). */
interface KnobLine {
  readonly line: ast.VaryLine;
  /** Undefined when its name is unknown or lacks the property (reported). */
  readonly knob: SweepKnob | undefined;
  readonly identity: string;
  readonly label: string;
  readonly key: string;
}

/** A knob's values before they are listed: `count` values from `from`, `step` apart. */
interface ValueRange {
  readonly from: number;
  readonly step: number;
  readonly count: number;
}

/**
 * Checks `sweep` of `unit` and, when it has no error, resolves it. Diagnostics go to `report`; the
 * result is undefined as soon as one of them, or a syntax error inside the sweep, is an error.
 */
function checkSweep(program: Program, index: SymbolIndex, unit: SourceUnit, sweep: ast.SweepDecl, report: SweepReporter): SweepSpec | undefined {
  const syntaxBroken = unit.parsed.errors.some((e) => e.range.start >= sweep.range.start && e.range.start < sweep.range.end);
  const anchor = sweep.title?.range ?? sweep.keywordRange;
  const named = sweep.title ? `Sweep "${sweep.title.value}"` : 'This sweep';
  checkTitle(unit, sweep, report);
  const scenarioLine = checkScenarioLines(program, unit, sweep, named, report);

  const varyLines = sweep.lines.filter((line): line is ast.VaryLine => line.kind === 'vary');
  const missing: string[] = [];
  if (!scenarioLine) missing.push('a `scenario` line naming the scenario of this file it runs (scenario "TITLE")');
  if (varyLines.length === 0) missing.push('a `vary` line for each of its one or two knobs (e.g. vary fallback-queue-depth from 5 to 50 step 5)');
  // A sweep whose block did not parse is already reported; a missing line there would be an echo.
  if (missing.length > 0 && !syntaxBroken) report.add('missing-property', anchor, `${named} needs ${missing.join(', and ')}.`);

  const knobLines: KnobLine[] = [];
  for (const line of varyLines) {
    const knob = line.knob;
    if (knob?.kind === 'setting') knobLines.push({ line, knob: { kind: 'setting', key: knob.key }, identity: knob.key, label: knob.key, key: knob.key });
    else if (knob?.key) {
      const resolved = resolveKnob(index, unit, knob.name, knob.key, knob.keyRange ?? knob.range, report);
      knobLines.push({ line, knob: resolved, identity: `${knob.name.text} ${knob.key}`, label: `${knob.name.text} ${knob.key}`, key: knob.key });
    }
  }

  // A knob varied twice folds into its later line; a knob beyond the second is one too many.
  const winners = new Map<string, KnobLine>();
  for (const knobLine of knobLines) winners.set(knobLine.identity, knobLine);
  const seen: string[] = [];
  for (const knobLine of knobLines) {
    const winner = winners.get(knobLine.identity)!;
    if (winner !== knobLine) {
      report.add(
        'duplicate-property',
        knobLine.line.keywordRange,
        `\`${knobLine.label}\` is varied more than once in this sweep; only its last \`vary\` line counts. Remove this one.`,
        { related: [{ file: unit.path, range: winner.line.range, message: 'this one wins' }] },
      );
    }
    if (!seen.includes(knobLine.identity)) seen.push(knobLine.identity);
    if (seen.indexOf(knobLine.identity) >= MAX_KNOBS) {
      const kept = seen.slice(0, MAX_KNOBS).map((identity) => `\`${winners.get(identity)!.label}\``);
      report.add(
        'invalid-value',
        knobLine.line.keywordRange,
        `Invalid value: a sweep varies at most two knobs (here ${kept.join(' and ')}); vary \`${knobLine.label}\` in a sweep of its own.`,
      );
    }
  }

  // The winning lines in text order are the loops, the first outermost.
  const loops: { readonly knobLine: KnobLine; readonly range: ValueRange }[] = [];
  for (const knobLine of knobLines) {
    if (winners.get(knobLine.identity) !== knobLine) continue;
    const range = checkValues(knobLine, report);
    if (range) loops.push({ knobLine, range });
  }
  const runs = loops.reduce((product, loop) => product * loop.range.count, 1);
  if (loops.length === winners.size && runs > MAX_SWEEP_RUNS) {
    const factors = loops.map((loop) => loop.range.count.toLocaleString('en-US')).join(' × ');
    report.add(
      'invalid-value',
      anchor,
      `Invalid value: ${named} makes ${runs.toLocaleString('en-US')} runs${loops.length > 1 ? ` (${factors})` : ''}; a sweep makes at most ${MAX_SWEEP_RUNS.toLocaleString('en-US')}: take a larger step or a narrower range.`,
    );
  }
  if (report.failed || syntaxBroken || !scenarioLine?.title || loops.length === 0) return undefined;
  const vary: SweepVary[] = [];
  for (const { knobLine, range } of loops) {
    if (!knobLine.knob) return undefined;
    vary.push({ knob: knobLine.knob, label: knobLine.label, duration: isDurationKey(knobLine.key), values: listValues(range) });
  }
  return {
    name: sweep.title?.value ?? '',
    line: unit.lines.positionAt(sweep.keywordRange.start).line + 1,
    scenario: scenarioLine.title.value,
    vary,
    runs,
  };
}

function listValues({ from, step, count }: ValueRange): number[] {
  return Array.from({ length: count }, (_, i) => from + i * step);
}

/** Sweep titles are unique per file (a sweep may share its title with a scenario). */
function checkTitle(unit: SourceUnit, sweep: ast.SweepDecl, report: SweepReporter): void {
  const title = sweep.title;
  if (!title) return;
  const others = unit.parsed.file.items.filter((item): item is ast.SweepDecl => item.kind === 'sweep' && item !== sweep && item.title?.value === title.value);
  if (others.length === 0) return;
  const count = others.length === 1 ? 'Two' : (others.length + 1).toLocaleString('en-US');
  report.add('duplicate-definition', title.range, `${count} sweeps in this file are titled "${title.value}"; give each a title of its own.`, {
    related: others.slice(0, 5).map((other) => ({ file: unit.path, range: other.title!.range, message: 'another sweep with this title' })),
  });
}

/** `scenario "TITLE"` lines: the last one counts, and each must name a scenario of this file. */
function checkScenarioLines(program: Program, unit: SourceUnit, sweep: ast.SweepDecl, named: string, report: SweepReporter): ast.SweepScenarioLine | undefined {
  const lines = sweep.lines.filter((line): line is ast.SweepScenarioLine => line.kind === 'sweep-scenario');
  const winner = lines[lines.length - 1];
  for (const line of lines.slice(0, -1)) {
    report.add(
      'duplicate-property',
      line.keywordRange,
      `${named} names its scenario more than once; only the last \`scenario\` line counts. Remove this one.`,
      {
        related: [{ file: unit.path, range: winner!.range, message: 'this one wins' }],
      },
    );
  }
  const titles = unit.parsed.file.items.flatMap((item) => (item.kind === 'scenario' && item.title ? [item.title.value] : []));
  for (const line of lines) {
    const title = line.title;
    if (!title || titles.includes(title.value)) continue;
    const imported = program
      .visibleFiles(unit.path)
      .some((path) => path !== unit.path && program.unit(path)?.parsed.file.items.some((i) => i.kind === 'scenario' && i.title?.value === title.value));
    const why = imported ? 'that is a scenario of an imported file, and a sweep runs a scenario of its own file' : 'no scenario of this file has that title';
    const suggestion = closest(title.value, titles);
    const advice = suggestion ? ` Did you mean ${stringLiteral(suggestion)}?` : titles.length === 0 ? ' Write the scenario in this file.' : '';
    report.add('unknown-reference', title.range, `Unknown scenario "${title.value}": ${why}.${advice}`, {
      ...(suggestion ? { fix: { kind: 'replace-text' as const, replacement: stringLiteral(suggestion) } } : {}),
    });
  }
  return winner;
}

/** `NAME PROPERTY`: the name must be a visible definition whose kind has the property. */
function resolveKnob(index: SymbolIndex, unit: SourceUnit, name: ast.Name, key: string, keyRange: ast.Range, report: SweepReporter): SweepKnob | undefined {
  const kinds = kindsWith(key);
  const definition = index.resolve(unit.path, name.text);
  if (!definition) {
    const candidates = index.visibleDefinitions(unit.path, kinds.length > 0 ? kinds : ['callmanager', 'srst', 'pool']).map((d) => d.name);
    const suggestion = closest(name.text, candidates);
    const what = kinds.length > 0 ? kinds.map((kind) => KIND_WORDS[kind]).join(' or ') : 'callmanager, srst router or pool';
    report.add(
      'unknown-reference',
      name.range,
      `Unknown ${what} \`${name.text}\`: it is defined nowhere visible from this file.${suggestion ? ` Did you mean \`${suggestion}\`?` : ' Define it, or import the file that does.'}`,
      suggestion ? { fix: { kind: 'replace-name', replacement: suggestion } } : {},
    );
    return undefined;
  }
  if ((kinds as readonly string[]).includes(definition.kind)) return { kind: 'property', name: definition.name, key: key as KnobProperty };
  const what = `${KIND_WORDS[definition.kind]} \`${definition.name}\``;
  const own = definition.kind === 'group' ? [] : KNOBS[definition.kind];
  const instead =
    own.length === 0
      ? ' A group has nothing to vary: vary a callmanager, srst router or pool, or a setting.'
      : isNameKey(key)
        ? ` A sweep varies numbers; vary one of its own: ${own.join(', ')}.`
        : kinds.length === 0
          ? ` \`${key}\` is a setting: write \`vary ${key} from …\`.`
          : ` Vary one of its own: ${own.join(', ')}; \`${key}\` belongs to a ${kinds.map((kind) => KIND_WORDS[kind]).join(' or ')}.`;
  report.add('wrong-kind', keyRange, `The ${what} has no \`${key}\` to vary.${instead}`, {
    related: [{ file: definition.file, range: definition.nameRange, message: `${what} is defined here` }],
  });
  return undefined;
}

/** The values of a winning `vary` line, or undefined when they cannot be read or are invalid (reported). */
function checkValues({ line, key }: KnobLine, report: SweepReporter): ValueRange | undefined {
  const duration = isDurationKey(key);
  let readable = true;
  const valueOf = (literal: ast.NumberLiteral | undefined, word: string): number | undefined => {
    if (!literal) return undefined;
    if (literal.kind === 'malformed' && !literal.unitless)
      readable = false; // a syntax error already
    else if (duration) {
      if (literal.kind === 'duration') return literal.ms;
      if (literal.kind === 'int' && literal.value === 0 && !literal.unitApart) return 0;
      checkDurationLiteral(literal, `The value after \`${word}\``, report);
      readable = false;
    } else if (literal.kind === 'int') return literal.value;
    else if (literal.kind === 'duration' || literal.kind === 'malformed') {
      report.add('invalid-value', literal.range, `Invalid value: \`${key}\` is a count, not a time: write a whole number, not \`${literal.text}\`.`);
      readable = false;
    } else readable = false;
    return undefined;
  };
  const from = valueOf(line.from, 'from');
  const to = valueOf(line.to, 'to');
  const written = valueOf(line.step, 'step');
  if (!readable || from === undefined || to === undefined || !line.from || !line.to) return undefined;
  if (duration && !line.step) {
    report.add('missing-property', line.keywordRange, `\`${key}\` is a time, so its values need a step: add one, e.g. \`step 5s\`.`);
    return undefined;
  }
  const show = (n: number) => (duration ? formatDuration(n) : n.toLocaleString('en-US'));
  if (from > to) {
    report.add(
      'invalid-value',
      line.from.range,
      `Invalid value: \`from\` ${show(from)} is above \`to\` ${show(to)}; the values go up from \`from\` to \`to\`.`,
    );
    return undefined;
  }
  const step = written ?? 1;
  if (line.step && step <= 0) {
    report.add(
      'invalid-value',
      line.step.range,
      `Invalid value: the step must be above ${duration ? '0s' : '0'}, or the values would never move from \`from\`.`,
    );
    return undefined;
  }
  const count = Math.floor((to - from) / step) + 1;
  const low = rangeProblem(key, from);
  if (low) {
    report.add('invalid-value', line.from.range, `Invalid value: ${low}.`);
    return undefined;
  }
  const high = rangeProblem(key, from + (count - 1) * step);
  if (high) {
    report.add('invalid-value', line.to.range, `Invalid value: ${high}.`);
    return undefined;
  }
  return { from, step, count };
}

/** Static diagnostics of every sweep of `unit`. */
export function sweepDiagnostics(program: Program, index: SymbolIndex, unit: SourceUnit): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const item of unit.parsed.file.items) if (item.kind === 'sweep') checkSweep(program, index, unit, item, new SweepReporter(unit.path, diagnostics));
  return diagnostics;
}

/**
 * The checked meaning of `sweep` (a sweep of `file`), or undefined when the sweep has an error of
 * its own (a syntax error inside it or any error of its checks, whatever the rule configuration
 * says). Whether its scenario or its file is stopped is `Analysis.stopOf`'s business.
 */
export function resolveSweep(program: Program, index: SymbolIndex, file: string, sweep: ast.SweepDecl): SweepSpec | undefined {
  const unit = program.unit(file);
  if (!unit) return undefined;
  return checkSweep(program, index, unit, sweep, new SweepReporter(file, undefined));
}
