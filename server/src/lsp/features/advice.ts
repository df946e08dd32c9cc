// The advisor's quick fixes on a failed expectation: "Find the smallest capacity of CM2 that meets
// this scenario" and the other knobs that can plausibly fix it (the capacity and registration rate
// of every target the scenario's pools use, and fallback-queue-depth). Choosing one runs the
// client's command, which asks `failover/advise`: the advisor runs in a worker (cancelled with the
// request) and its value comes back as an edit where it takes effect — a property on the
// definition (in whichever file defines it), or a setting in the scenario's own `settings` when no
// written property overrides it. The server writes nothing itself.
import type * as lsp from 'vscode-languageserver';
import type { Range, ScenarioDecl } from '../../core/syntax/ast';
import { isSettingKey } from '../../core/syntax/vocabulary';
import type { Analysis } from '../../core/workspace/analysis';
import { parseKnob } from '../../core/results/knobs';
import { runInput } from '../../core/results/sweeps';
import type { SweepKnob } from '../../core/workspace/sweeps';
import type { AdviseJob } from '../../node/simulationProtocol';
import { WorkerJobs } from '../../node/workerJobs';
import type { FileView, ServerContext } from '../context';
import { keyToUri, toLspRange, uriToKey } from '../convert';
import { Requests, type AdviceKnob, type AdviceTextEdit, type AdviseParams, type AdviseResult } from '../protocol';

export const ADVISE_FIX_COMMAND = 'failover.adviseFix';

export function registerAdvice(context: ServerContext): void {
  const jobs = new WorkerJobs('advisor', (message) => context.log(message));
  context.onDispose(() => jobs.dispose());
  context.connection.onRequest(
    Requests.advise,
    context.guard(Requests.advise, async (params: AdviseParams, token: lsp.CancellationToken): Promise<AdviseResult> => {
      const { state } = context;
      const analysis = await state.ready();
      const file = uriToKey(params.uri);
      const checked = checkedKnob(analysis, file, params.knob);
      if ('problem' in checked) return { none: checked.problem };
      const { knob } = checked;
      const cancelling = token.onCancellationRequested(() => jobs.cancel('the user cancelled it'));
      try {
        const outcome = await jobs.run<AdviseJob>({
          kind: 'advise',
          files: state.snapshotTexts(analysis),
          roots: state.roots(),
          file,
          scenario: params.scenario,
          knob,
        });
        if (!outcome || outcome.cancelled || token.isCancellationRequested) return { cancelled: true };
        if (!outcome.advice) return { none: `the advisor failed: ${outcome.error ?? 'no answer'}` };
        const { advice } = outcome;
        const warning = advice.warning ? { warning: advice.warning } : {};
        if (advice.value === null || advice.text === undefined) return { none: advice.none ?? 'no value meets the expectations', ...warning };
        // Written into the text as it is now: the user may have typed meanwhile.
        const now = await state.ready();
        const scenario = scenarioTitled(now, file, params.scenario);
        if (!scenario) return { none: `there is no scenario "${params.scenario}" any more` };
        const changes = adviceEdit(now, file, scenario, knob, advice.text);
        return { changes, applied: `${knobWords(knob)} ${advice.text}`, runs: advice.runs, ...warning };
      } finally {
        cancelling.dispose();
      }
    }),
  );
}

function checkedKnob(analysis: Analysis, file: string, knob: AdviceKnob): { knob: SweepKnob } | { problem: string } {
  if (knob.kind === 'setting') return isSettingKey(knob.key) ? { knob: { kind: 'setting', key: knob.key } } : { problem: `unknown setting ${knob.key}` };
  const parsed = parseKnob(`${knob.name} ${knob.key}`, analysis.index, file);
  return 'problem' in parsed ? parsed : { knob: parsed.knob };
}

/** `CM2 capacity`, `fallback-queue-depth`. */
function knobWords(knob: SweepKnob): string {
  return knob.kind === 'setting' ? knob.key : `${knob.name} ${knob.key}`;
}

function scenarioTitled(analysis: Analysis, file: string, title: string): ScenarioDecl | undefined {
  for (const item of analysis.program.unit(file)?.parsed.file.items ?? []) if (item.kind === 'scenario' && item.title?.value === title) return item;
  return undefined;
}

// ── the quick fixes ─────────────────────────────────────────────────────────────────────────────

/** The knobs that can plausibly fix a failed expectation of `scenario`, each with its fix's title. */
function adviceKnobs(analysis: Analysis, file: string, scenario: ScenarioDecl): { knob: AdviceKnob; title: string }[] {
  const input = runInput(analysis, file, scenario, [], []);
  const used: string[] = [];
  for (const pool of input.pools) for (const target of pool.preference) if (!used.includes(target)) used.push(target);
  const targets = used.flatMap((name) => input.targets.filter((t) => t.name === name));
  const knobs: { knob: AdviceKnob; title: string }[] = [];
  const property = (name: string, key: string) =>
    knobs.push({ knob: { kind: 'property', name, key }, title: `Find the smallest ${key} of ${name} that meets this scenario` });
  for (const target of targets) property(target.name, 'capacity');
  for (const target of targets) property(target.name, 'registration-rate');
  // The setting takes effect only where no callmanager of the scenario writes the property.
  const callmanagers = targets.filter((t) => t.kind === 'callmanager').map((t) => t.name);
  const writers = callmanagers.filter((name) => writtenProperty(analysis, file, name, 'fallback-queue-depth'));
  if (callmanagers.length === 0) return knobs;
  if (writers.length === 0)
    knobs.push({ knob: { kind: 'setting', key: 'fallback-queue-depth' }, title: 'Find the smallest fallback-queue-depth that meets this scenario' });
  else for (const name of callmanagers) property(name, 'fallback-queue-depth');
  return knobs;
}

/** The advisor's quick fixes for the `expectation-failed` diagnostics among `diagnostics`. */
export function adviceFixes(file: FileView, diagnostics: readonly lsp.Diagnostic[]): lsp.CodeAction[] {
  const actions: lsp.CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.code !== 'expectation-failed') continue;
    const offset = file.offsetAt(diagnostic.range.start);
    const scenario = file.unit.parsed.file.items.find(
      (item): item is ScenarioDecl => item.kind === 'scenario' && item.range.start <= offset && offset < item.range.end,
    );
    if (!scenario?.title || file.analysis.stopOf(file.key, scenario)) continue;
    for (const { knob, title } of adviceKnobs(file.analysis, file.key, scenario)) {
      const params: AdviseParams = { uri: file.uri, scenario: scenario.title.value, knob };
      actions.push({ title, kind: 'quickfix', diagnostics: [diagnostic], command: { title, command: ADVISE_FIX_COMMAND, arguments: [params, title] } });
    }
  }
  return actions;
}

// ── the edit ────────────────────────────────────────────────────────────────────────────────────

function writtenProperty(analysis: Analysis, file: string, name: string, key: string): boolean {
  const definition = analysis.index.resolve(file, name);
  return Boolean(definition && 'properties' in definition.decl && definition.decl.properties.some((p) => p.key === key));
}

/**
 * The edit that writes `value` for `knob` where it takes effect: a property on its definition
 * (replaced when written, else inserted, in the file that defines it), or a setting in the
 * scenario's own `settings` (replaced, added to the block, or a new block as its first step).
 */
export function adviceEdit(analysis: Analysis, file: string, scenario: ScenarioDecl, knob: SweepKnob, value: string): Record<string, AdviceTextEdit[]> {
  if (knob.kind === 'property') {
    const definition = analysis.index.resolve(file, knob.name);
    const unit = definition && analysis.program.unit(definition.file);
    if (!definition || !unit || !('properties' in definition.decl)) return {};
    const { decl } = definition;
    const written = [...decl.properties].reverse().find((p) => p.key === knob.key);
    const edit = written ? replaceValue(written, knob.key, value) : insertEntry(unit.text, decl.range, definition.nameRange.end, `${knob.key} ${value}`);
    return { [keyToUri(definition.file)]: [toEdit(unit.lines, edit)] };
  }
  const unit = analysis.program.unit(file);
  if (!unit) return {};
  const blocks = scenario.steps.filter((s) => s.kind === 'settings');
  const block = blocks[blocks.length - 1];
  let edit: OffsetEdit;
  if (block) {
    const written = [...block.entries].reverse().find((e) => e.key === knob.key);
    edit = written ? replaceValue(written, knob.key, value) : insertEntry(unit.text, block.range, block.keywordRange.end, `${knob.key} ${value}`);
  } else {
    // A new block as the scenario's first step, indented like it.
    const first = scenario.steps[0];
    const open = unit.text.indexOf('{', scenario.title?.range.end ?? scenario.keywordRange.end);
    const lineStart = first ? unit.text.lastIndexOf('\n', first.range.start - 1) + 1 : -1;
    if (first && lineStart > open) {
      const indent = unit.text.slice(lineStart, first.range.start);
      edit = { start: lineStart, end: lineStart, text: `${indent}settings { ${knob.key} ${value} }\n` };
    } else {
      edit = insertEntry(unit.text, scenario.range, open, `settings { ${knob.key} ${value} }`);
    }
  }
  return { [keyToUri(file)]: [toEdit(unit.lines, edit)] };
}

interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function replaceValue(written: { readonly value?: { readonly range: Range }; readonly range: Range }, key: string, value: string): OffsetEdit {
  return written.value
    ? { start: written.value.range.start, end: written.value.range.end, text: value }
    : { start: written.range.start, end: written.range.end, text: `${key} ${value}` };
}

/**
 * Adds `entry` to the braced block spanning `range` (a definition or a settings block): on a line
 * of its own before the closing brace when that brace starts its line, else before the brace on
 * the same line; a block without braces (`callmanager CM2`) gets ` { entry }` after `after`.
 */
function insertEntry(text: string, range: Range, after: number, entry: string): OffsetEdit {
  const open = text.indexOf('{', after);
  const close = text.lastIndexOf('}', range.end - 1);
  if (open < 0 || open >= range.end || close < open) return { start: after, end: after, text: ` { ${entry} }` };
  const lineStart = text.lastIndexOf('\n', close - 1) + 1;
  const before = text.slice(lineStart, close);
  if (lineStart > open && before.trim() === '') {
    // Indented like the block's other lines, else two spaces more than the brace.
    const previousLine = text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1);
    const inner = lineStart - 1 > open && previousLine.trim() !== '' && !previousLine.trimEnd().endsWith('{') ? /^\s*/.exec(previousLine)![0] : `${before}  `;
    return { start: lineStart, end: lineStart, text: `${inner}${entry}\n` };
  }
  const spaced = /\s$/.test(text.slice(0, close)) ? '' : ' ';
  return { start: close, end: close, text: `${spaced}${entry} ` };
}

function toEdit(lines: Parameters<typeof toLspRange>[0], edit: OffsetEdit): AdviceTextEdit {
  return { range: toLspRange(lines, { start: edit.start, end: edit.end }), newText: edit.text };
}
