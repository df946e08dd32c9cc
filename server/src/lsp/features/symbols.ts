// Document and workspace symbols. The outline shows each block with what matters about it at a
// glance (`1200 phones · group HQ-GROUP`, `CM1, CM2, CM3`), properties and scenario steps as
// children; the workspace symbol search finds every definition and scenario by a fuzzy query.
import * as lsp from 'vscode-languageserver';
import { isDefinition, type PoolDecl, type Property, type Range, type SettingsBlock, type SourceFile, type Step } from '../../core/syntax/ast';
import { PROPERTY_KEYS } from '../../core/syntax/vocabulary';
import { basename } from '../../core/workspace/paths';
import { sweepScenarioLine } from '../../core/workspace/sweeps';
import type { DefinitionKind } from '../../core/workspace/symbols';
import { keyToUri, toLspRange } from '../convert';
import type { FileView, ServerContext } from '../context';

/** Symbol kinds by what the definition is: a server, a router, an ordered list, a record. */
const DEFINITION_KINDS: Record<DefinitionKind, lsp.SymbolKind> = {
  callmanager: lsp.SymbolKind.Class,
  srst: lsp.SymbolKind.Object,
  group: lsp.SymbolKind.Array,
  pool: lsp.SymbolKind.Struct,
};
const SCENARIO_KIND = lsp.SymbolKind.Function;
const SWEEP_KIND = lsp.SymbolKind.Operator;
const SETTINGS_KIND = lsp.SymbolKind.Namespace;

export function registerSymbols(context: ServerContext): void {
  const { connection } = context;

  connection.onDocumentSymbol(
    context.guard('textDocument/documentSymbol', async (params: lsp.DocumentSymbolParams): Promise<lsp.DocumentSymbol[]> => {
      const file = await context.file(params.textDocument.uri);
      if (!file) return [];
      return outline(file);
    }),
  );

  connection.onWorkspaceSymbol(
    context.guard('workspace/symbol', async (params: lsp.WorkspaceSymbolParams): Promise<lsp.SymbolInformation[]> => {
      const analysis = await context.state.ready();
      const query = params.query.toLowerCase();
      const result: { file: string; start: number; symbol: lsp.SymbolInformation }[] = [];
      for (const unit of analysis.program.files) {
        const add = (name: string, kind: lsp.SymbolKind, range: Range) => {
          if (!isSubsequence(query, name.toLowerCase())) return;
          result.push({
            file: unit.path,
            start: range.start,
            symbol: { name, kind, location: { uri: keyToUri(unit.path), range: toLspRange(unit.lines, range) }, containerName: basename(unit.path) },
          });
        };
        for (const item of unit.parsed.file.items) {
          if (item.kind === 'scenario' || item.kind === 'sweep') {
            if (item.title) add(item.title.value, item.kind === 'scenario' ? SCENARIO_KIND : SWEEP_KIND, item.title.range);
          } else if (isDefinition(item) && item.name) {
            add(item.name.text, DEFINITION_KINDS[item.kind], item.name.range);
          }
        }
      }
      result.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
      return result.map((r) => r.symbol);
    }),
  );
}

/** Whether the characters of `query` occur in `text` in order (the usual fuzzy symbol match). */
function isSubsequence(query: string, text: string): boolean {
  let i = 0;
  for (let j = 0; i < query.length && j < text.length; j++) if (query[i] === text[j]) i++;
  return i === query.length;
}

export function outline(file: FileView): lsp.DocumentSymbol[] {
  const source: SourceFile = file.unit.parsed.file;
  const text = file.unit.text;
  const symbol = (name: string, kind: lsp.SymbolKind, range: Range, selection: Range, detail?: string, children?: lsp.DocumentSymbol[]): lsp.DocumentSymbol => {
    // The protocol requires the selection inside the range; a recovered node may not promise that.
    const inside = selection.start >= range.start && selection.end <= range.end ? selection : { start: range.start, end: range.start };
    return {
      name,
      kind,
      range: file.toRange(range),
      selectionRange: file.toRange(inside),
      ...(detail ? { detail } : {}),
      ...(children && children.length > 0 ? { children } : {}),
    };
  };
  const properties = (list: readonly Property<string, unknown>[]) =>
    list.map((p) => symbol(p.key, lsp.SymbolKind.Property, p.range, p.keyRange, valueText(p.value)));
  const settings = (block: SettingsBlock) =>
    symbol('settings', SETTINGS_KIND, block.range, block.keywordRange, propertyList(block.entries), properties(block.entries));
  const stepSymbol = (step: Step): lsp.DocumentSymbol => {
    if (step.kind === 'settings') return settings(step);
    const words = text.slice(step.range.start, step.range.end).replace(/\s+/g, ' ').trim();
    return symbol(words || step.kind, step.kind === 'event' ? lsp.SymbolKind.Event : lsp.SymbolKind.Boolean, step.range, step.range);
  };

  const symbols: lsp.DocumentSymbol[] = [];
  for (const item of source.items) {
    switch (item.kind) {
      case 'settings':
        symbols.push(settings(item));
        break;
      case 'callmanager':
      case 'srst':
        if (item.name)
          symbols.push(
            symbol(item.name.text, DEFINITION_KINDS[item.kind], item.range, item.name.range, propertyList(item.properties), properties(item.properties)),
          );
        break;
      case 'group':
        if (item.name) symbols.push(symbol(item.name.text, DEFINITION_KINDS.group, item.range, item.name.range, item.members.map((m) => m.text).join(', ')));
        break;
      case 'pool':
        if (item.name) symbols.push(symbol(item.name.text, DEFINITION_KINDS.pool, item.range, item.name.range, poolDetail(item), properties(item.properties)));
        break;
      case 'scenario': {
        const events = item.steps.filter((s) => s.kind === 'event').length;
        const expectations = item.steps.filter((s) => s.kind !== 'event' && s.kind !== 'settings').length;
        const detail = `${plural(events, 'event')} · ${plural(expectations, 'expectation')}`;
        symbols.push(
          symbol(
            item.title?.value || '(untitled scenario)',
            SCENARIO_KIND,
            item.range,
            item.title?.range ?? item.keywordRange,
            detail,
            item.steps.map(stepSymbol),
          ),
        );
        break;
      }
      case 'sweep': {
        const spec = file.analysis.sweep(file.key, item);
        const scenario = sweepScenarioLine(item)?.title?.value;
        const detail = [scenario === undefined ? undefined : `scenario ${JSON.stringify(scenario)}`, spec ? plural(spec.runs, 'run') : undefined];
        const lines = item.lines.map((line) =>
          symbol(
            text.slice(line.range.start, line.range.end).replace(/\s+/g, ' ').trim(),
            line.kind === 'vary' ? lsp.SymbolKind.Variable : lsp.SymbolKind.Field,
            line.range,
            line.kind === 'vary' ? (line.knob?.range ?? line.keywordRange) : (line.title?.range ?? line.keywordRange),
          ),
        );
        symbols.push(
          symbol(
            item.title?.value || '(untitled sweep)',
            SWEEP_KIND,
            item.range,
            item.title?.range ?? item.keywordRange,
            detail.filter(Boolean).join(' · '),
            lines,
          ),
        );
        break;
      }
    }
  }
  return symbols;
}

function valueText(value: unknown): string | undefined {
  return value && typeof value === 'object' && 'text' in value ? String((value as { text: string }).text) : undefined;
}

/** `key value · key value`, the last of a repeated key winning as it does in the language. */
function propertyList(list: readonly Property<string, unknown>[]): string {
  const values = new Map<string, string>();
  for (const p of list) {
    values.delete(p.key);
    values.set(p.key, [p.key, valueText(p.value)].filter(Boolean).join(' '));
  }
  return [...values.values()].join(' · ');
}

/** `1200 phones · group HQ-GROUP · srst BR1-RTR · connection-monitor 60s`: the phones, then the pool's other keys in order. */
function poolDetail(pool: PoolDecl): string {
  const last = (key: string) => valueText([...pool.properties].reverse().find((p) => p.key === key)?.value);
  const parts: string[] = [];
  const phones = last('phones');
  if (phones) parts.push(`${phones} phones`);
  for (const key of PROPERTY_KEYS.pool.filter((k) => k !== 'phones')) {
    const value = last(key);
    if (value) parts.push(`${key} ${value}`);
  }
  return parts.join(' · ');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
