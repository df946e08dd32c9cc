// Completion: what fits where the cursor is (core/workspace/context-at.ts reads the unfinished
// text), filled in with the workspace's names of the right kind: only CallManagers inside a group,
// only pools after `isolate`, a pool's own targets first after `on`, units after a bare number,
// snippets for new blocks.
import * as lsp from 'vscode-languageserver';
import {
  DEFAULT_SETTINGS,
  DURATION_UNITS,
  ITEM_WORDS,
  KNOBS,
  PROPERTY_KEYS,
  propertyDetail,
  SETTING_KEYS,
  wordDetail,
  writtenValue,
} from '../../core/syntax/vocabulary';
import { stringLiteral } from '../../core/syntax/tokens';
import { completionContextAt, type CompletionContext } from '../../core/workspace/context-at';
import { preferenceList } from '../../core/workspace/settings';
import type { DefinitionKind, DefinitionSymbol } from '../../core/workspace/symbols';
import type { Analysis } from '../../core/workspace/analysis';
import type { Definition, NumberLiteral } from '../../core/syntax/ast';
import type { FileView, ServerContext } from '../context';

export function registerCompletion(context: ServerContext): void {
  context.connection.onCompletion(
    context.guard('textDocument/completion', async (params: lsp.CompletionParams): Promise<lsp.CompletionItem[]> => {
      const file = await context.file(params.textDocument.uri);
      if (!file) return [];
      const offset = file.offsetAt(params.position);
      const items = completionItems(file, completionContextAt(file.unit.text, offset));
      // Clients that cannot expand snippets get the plain keywords only.
      return context.support.snippets ? items : items.filter((item) => item.insertTextFormat !== lsp.InsertTextFormat.Snippet);
    }),
  );
}

const NAME_KIND: Record<DefinitionKind, lsp.CompletionItemKind> = {
  callmanager: lsp.CompletionItemKind.Class,
  srst: lsp.CompletionItemKind.Interface,
  group: lsp.CompletionItemKind.Enum,
  pool: lsp.CompletionItemKind.Struct,
};

export function completionItems(file: FileView, where: CompletionContext): lsp.CompletionItem[] {
  const replace = file.toRange(where.word);
  const item: ItemMaker = (label, kind, extra = {}) => {
    const { newText, ...rest } = extra;
    return { label, kind, textEdit: { range: replace, newText: newText ?? label }, ...rest };
  };
  const keyword = (word: string, sortText?: string) =>
    item(word, /^[a-z]/.test(word) ? lsp.CompletionItemKind.Keyword : lsp.CompletionItemKind.Operator, {
      ...(wordDetail(word) ? { detail: wordDetail(word) } : {}),
      ...(sortText ? { sortText } : {}),
    });
  const snippet = (label: string, filterText: string, body: string, detail: string) =>
    item(label, lsp.CompletionItemKind.Snippet, {
      newText: body,
      insertTextFormat: lsp.InsertTextFormat.Snippet,
      filterText,
      detail,
      sortText: `~${filterText}`,
    });
  const { analysis, key } = file;
  const site = where.site;

  switch (site.kind) {
    case 'nothing':
      return [];
    case 'top-level': {
      const words = ITEM_WORDS.filter((w) => w !== 'import' || site.importAllowed);
      return [...words.map((w) => keyword(w)), ...blockSnippets(analysis, key).map((s) => snippet(s.label, s.filterText, s.body, s.detail))];
    }
    case 'properties': {
      const keys = PROPERTY_KEYS[site.block].filter((k) => !site.given.includes(k));
      return keys.map((k, i) => item(k, lsp.CompletionItemKind.Property, { detail: propertyDetail(site.block, k), sortText: String(i) }));
    }
    case 'names': {
      const seen = new Set(site.exclude);
      const items: lsp.CompletionItem[] = [];
      for (const definition of analysis.index.visibleDefinitions(key, site.kinds)) {
        if (seen.has(definition.name)) continue;
        seen.add(definition.name);
        items.push(nameItem(item, definition, String(items.length).padStart(4, '0')));
      }
      return items;
    }
    case 'expect-target': {
      const pool = analysis.index.resolve(key, site.pool);
      const preference = pool?.decl.kind === 'pool' ? preferenceList(analysis.index, pool.file, pool.decl) : [];
      const targets = analysis.index.visibleDefinitions(key, ['callmanager', 'srst']);
      const items: lsp.CompletionItem[] = [];
      preference.forEach((name, i) => {
        const definition = targets.find((d) => d.name === name);
        if (definition) items.push(nameItem(item, definition, `0-${i}`, i === 0 ? `1st choice of ${site.pool}` : `choice ${i + 1} of ${site.pool}`));
      });
      items.push(keyword('unregistered', '1'));
      const seen = new Set(preference);
      targets.forEach((definition, i) => {
        if (seen.has(definition.name)) return;
        seen.add(definition.name);
        items.push(nameItem(item, definition, `2-${String(i).padStart(4, '0')}`, `not used by ${site.pool}`));
      });
      return items;
    }
    case 'scenario-step':
      return [
        keyword('at'),
        keyword('expect'),
        keyword('settings'),
        snippet('settings {…}', 'settings', `settings {\n  \${1|${SETTING_KEYS.join(',')}|} $2\n}$0`, 'what-if settings for this scenario'),
      ];
    case 'keywords': {
      const items = site.words.map((w, i) => keyword(w, `0-${i}`));
      if (site.orStep) items.push(keyword('at', '1-0'), keyword('expect', '1-1'));
      if (site.orSweepLine) items.push(keyword('vary', '1-0'), keyword('scenario', '1-1'));
      return items;
    }
    case 'sweep-line':
      return [keyword('scenario', '0'), keyword('vary', '1')];
    case 'scenario-titles':
      return analysis.program
        .unit(key)!
        .parsed.file.items.flatMap((i) => (i.kind === 'scenario' && i.title ? [i.title.value] : []))
        .map((title, i) =>
          item(stringLiteral(title), lsp.CompletionItemKind.Reference, { detail: 'a scenario of this file', sortText: String(i).padStart(4, '0') }),
        );
    case 'knobs': {
      const settings = KNOBS.settings.map((k, i) => item(k, lsp.CompletionItemKind.Property, { detail: propertyDetail('settings', k), sortText: `0-${i}` }));
      const definitions = analysis.index
        .visibleDefinitions(key, ['callmanager', 'srst', 'pool'])
        .filter((d, i, all) => all.findIndex((other) => other.name === d.name) === i)
        .map((d, i) => nameItem(item, d, `1-${String(i).padStart(4, '0')}`));
      return [...settings, ...definitions];
    }
    case 'knob-properties': {
      const definition = analysis.index.resolve(key, site.name);
      if (!definition || definition.kind === 'group') return [];
      const block = definition.kind;
      return KNOBS[block].map((k, i) => item(k, lsp.CompletionItemKind.Property, { detail: propertyDetail(block, k), sortText: String(i) }));
    }
    case 'unit':
      return Object.entries(DURATION_UNITS).map(([unit, { word }], i) =>
        item(`${site.number}${unit}`, lsp.CompletionItemKind.Unit, { detail: word, sortText: String(i), filterText: `${site.number}${unit}` }),
      );
  }
}

/** Every item replaces the word under the cursor; `newText` is what replaces it (default: the label). */
type ItemMaker = (label: string, kind: lsp.CompletionItemKind, extra?: Partial<lsp.CompletionItem> & { newText?: string }) => lsp.CompletionItem;

function nameItem(item: ItemMaker, definition: DefinitionSymbol, sortText: string, note?: string): lsp.CompletionItem {
  const summary = definitionSummary(definition.decl);
  return item(definition.name, NAME_KIND[definition.kind], {
    detail: [definition.kind, summary, note].filter(Boolean).join(' · '),
    ...(definition.decl.doc ? { documentation: { kind: lsp.MarkupKind.Markdown, value: definition.decl.doc } } : {}),
    sortText,
  });
}

/** A few words on a definition, for the completion list: `capacity 2500`, `CM1, CM2`, `1200 phones`. */
function definitionSummary(decl: Definition): string {
  if (decl.kind === 'group') return decl.members.map((m) => m.text).join(', ');
  const values = new Map<string, string>();
  for (const property of decl.properties as readonly { key: string; value?: NumberLiteral | { text: string } }[]) {
    if (property.value) values.set(property.key, property.value.text);
  }
  if (decl.kind === 'pool')
    return [values.get('phones') ? `${values.get('phones')} phones` : '', values.get('group') ? `group ${values.get('group')}` : ''].filter(Boolean).join(', ');
  return values.has('capacity') ? `capacity ${values.get('capacity')}` : 'capacity unlimited';
}

interface BlockSnippet {
  readonly label: string;
  readonly filterText: string;
  readonly body: string;
  readonly detail: string;
}

/** Snippets for new top-level blocks, with the workspace's own names as choices where it has some. */
function blockSnippets(analysis: Analysis, file: string): BlockSnippet[] {
  const choice = (index: number, names: readonly string[], fallback: string) =>
    names.length > 1 ? `\${${index}|${names.map(escapeChoice).join(',')}|}` : `\${${index}:${escapePlaceholder(names[0] ?? fallback)}}`;
  const callManagers = analysis.index.visibleDefinitions(file, ['callmanager']).map((d) => d.name);
  const groups = analysis.index.visibleDefinitions(file, ['group']).map((d) => d.name);
  const titles = (analysis.program.unit(file)?.parsed.file.items ?? []).flatMap((i) =>
    i.kind === 'scenario' && i.title ? [stringLiteral(i.title.value)] : [],
  );
  const settingsChoices = SETTING_KEYS.map((k) => `${k} ${writtenValue(k, DEFAULT_SETTINGS[k])}`);
  return [
    { label: 'callmanager {…}', filterText: 'callmanager', body: 'callmanager ${1:CM1} { capacity ${2:2500} }$0', detail: 'a CallManager with its capacity' },
    { label: 'srst {…}', filterText: 'srst', body: 'srst ${1:BR1-RTR} { capacity ${2:48} }$0', detail: 'an SRST router with its capacity' },
    {
      label: 'group {…}',
      filterText: 'group',
      body: `group \${1:HQ-GROUP} { ${choice(2, callManagers, 'CM1')} }$0`,
      detail: 'a CallManager group (primary, secondary, tertiary)',
    },
    {
      label: 'pool {…}',
      filterText: 'pool',
      body: `pool \${1:HQ} {\n  group ${choice(2, groups, 'HQ-GROUP')}\n  phones \${3:100}\n}$0`,
      detail: 'a device pool: its group and phones',
    },
    {
      label: 'settings {…}',
      filterText: 'settings',
      body: `settings {\n  \${1|${settingsChoices.join(',')}|}\n}$0`,
      detail: 'service parameters (each choice with its default)',
    },
    {
      label: 'sweep {…}',
      filterText: 'sweep',
      body: `sweep "\${1:title}" {\n  scenario ${choice(2, titles, '"title"')}\n  vary \${3:fallback-queue-depth} from \${4:5} to \${5:50} step \${6:5}\n}$0`,
      detail: 'a scenario of this file over the values of one knob',
    },
    {
      label: 'sweep-grid {…}',
      filterText: 'sweep-grid',
      body: `sweep "\${1:title}" {\n  scenario ${choice(2, titles, '"title"')}\n  vary ${choice(3, callManagers, 'CM2')} capacity from \${4:1000} to \${5:2500} step \${6:250}\n  vary $3 registration-rate from \${7:50} to \${8:200} step \${9:50}\n}$0`,
      detail: 'a scenario of this file over a grid of two knobs',
    },
    {
      label: 'scenario {…}',
      filterText: 'scenario',
      body: `scenario "\${1:title}" {\n  at \${2:1m} \${3|crash,stop,hang,recover|} ${choice(4, callManagers, 'CM1')}\n  $0\n}`,
      detail: 'a timeline of events and expectations',
    },
  ];
}

const escapeChoice = (text: string) => text.replace(/[\\$}|,]/g, '\\$&');
const escapePlaceholder = (text: string) => text.replace(/[\\$}]/g, '\\$&');
