// Completion: what fits where the cursor is (core/workspace/context-at.ts reads the unfinished
// text), filled in with the workspace's names of the right kind: only CallManagers inside a group,
// only pools after `isolate`, a pool's own targets first after `on`, units after a bare number,
// snippets for new blocks.
import * as lsp from 'vscode-languageserver';
import { formatDuration } from '../../core/durations';
import { BLOCK_PROPERTIES, completionContextAt, TOP_LEVEL_KEYWORDS, type CompletionContext, type PropertyBlock } from '../../core/workspace/context-at';
import { DEFAULT_SETTINGS, preferenceList, type EffectiveSettings } from '../../core/workspace/settings';
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

const KEYWORD_DETAIL: Record<string, string> = {
  import: 'make another file’s definitions visible',
  settings: 'service parameters',
  callmanager: 'a server that registers phones',
  srst: 'an SRST router: a pool’s last resort',
  group: 'a CallManager group: one to three CallManagers in order',
  pool: 'a device pool: phones, a group, an optional srst router',
  scenario: 'a timeline of events and expectations',
  at: 'an event or a count expectation at a time',
  expect: 'an outage, peak or settled expectation',
  crash: 'the server dies silently: phones notice after their keepalive and the TCP retry',
  stop: 'the server shuts down: phones notice at once',
  hang: 'the server stops answering: phones notice after missed keepalives',
  recover: 'the server is up again: phones fall back at their ticks',
  isolate: 'cut the pool off from every CallManager (WAN down)',
  reconnect: 'end a pool’s isolation',
  reset: 'reset every phone of the pool',
  calls: 'place calls: calls POOL COUNT lasting DURATION',
  outage: 'the longest out-of-service stretch of a pool’s phones',
  peak: 'the most phones registered with a target',
  settled: 'the last time any count changed',
  by: 'expect settled by TIME',
  on: 'the target to count: a callmanager, srst router or unregistered',
  lasting: 'how long the calls last',
  all: 'every phone of the pool',
  none: 'no phone',
  unregistered: 'phones out of service',
};

const PROPERTY_DETAIL: Record<string, string> = {
  keepalive: `StationKeepAliveInterval · default ${formatDuration(DEFAULT_SETTINGS.keepalive)}`,
  'missed-keepalives': `keepalives missed before a hang is noticed · default ${DEFAULT_SETTINGS['missed-keepalives']}`,
  'tcp-retry': `TCP retry after a crash · default ${formatDuration(DEFAULT_SETTINGS['tcp-retry'])}`,
  'registration-rate': `registrations per second · default ${DEFAULT_SETTINGS['registration-rate']}`,
  'fallback-queue-depth': `MaxPhonesFallBackQueueDepth · default ${DEFAULT_SETTINGS['fallback-queue-depth']}`,
  'connection-monitor': `wait before leaving SRST · default ${formatDuration(DEFAULT_SETTINGS['connection-monitor'])}`,
  'reset-time': `boot time of a reset phone · default ${formatDuration(DEFAULT_SETTINGS['reset-time'])}`,
  capacity: 'registered phones it takes · default unlimited',
  group: 'the CallManager group (required)',
  srst: 'the SRST router, last in the preference list',
  phones: 'how many phones (required)',
};

const UNIT_WORDS: Record<string, string> = { ms: 'milliseconds', s: 'seconds', m: 'minutes', h: 'hours' };

export function completionItems(file: FileView, where: CompletionContext): lsp.CompletionItem[] {
  const replace = file.toRange(where.word);
  const item: ItemMaker = (label, kind, extra = {}) => {
    const { newText, ...rest } = extra;
    return { label, kind, textEdit: { range: replace, newText: newText ?? label }, ...rest };
  };
  const keyword = (word: string, sortText?: string) =>
    item(word, /^[a-z]/.test(word) ? lsp.CompletionItemKind.Keyword : lsp.CompletionItemKind.Operator, {
      ...(KEYWORD_DETAIL[word] ? { detail: KEYWORD_DETAIL[word] } : {}),
      ...(sortText ? { sortText } : {}),
    });
  const snippet = (label: string, filterText: string, body: string, detail: string) =>
    item(label, lsp.CompletionItemKind.Snippet, { newText: body, insertTextFormat: lsp.InsertTextFormat.Snippet, filterText, detail, sortText: `~${filterText}` });
  const { analysis, key } = file;
  const site = where.site;

  switch (site.kind) {
    case 'nothing':
      return [];
    case 'top-level': {
      const words = TOP_LEVEL_KEYWORDS.filter((w) => w !== 'import' || site.importAllowed);
      return [...words.map((w) => keyword(w)), ...blockSnippets(analysis, key).map((s) => snippet(s.label, s.filterText, s.body, s.detail))];
    }
    case 'properties': {
      const keys = (BLOCK_PROPERTIES[site.block] as readonly string[]).filter((k) => !site.given.includes(k));
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
        snippet('settings {…}', 'settings', 'settings {\n  ${1|keepalive,missed-keepalives,tcp-retry,registration-rate,fallback-queue-depth,connection-monitor,reset-time|} $2\n}$0', 'what-if settings for this scenario'),
      ];
    case 'keywords': {
      const items = site.words.map((w, i) => keyword(w, `0-${i}`));
      if (site.orStep) items.push(keyword('at', '1-0'), keyword('expect', '1-1'));
      return items;
    }
    case 'unit':
      return ['ms', 's', 'm', 'h'].map((unit, i) =>
        item(`${site.number}${unit}`, lsp.CompletionItemKind.Unit, { detail: UNIT_WORDS[unit], sortText: String(i), filterText: `${site.number}${unit}` }),
      );
  }
}

function propertyDetail(block: PropertyBlock, key: string): string | undefined {
  if (block === 'settings' && key === 'registration-rate') return `default rate of callmanagers and srst routers · ${DEFAULT_SETTINGS['registration-rate']}/s`;
  if (block !== 'settings' && key === 'registration-rate') return 'registrations per second for this server (overrides settings)';
  if (block !== 'settings' && key === 'fallback-queue-depth') return 'MaxPhonesFallBackQueueDepth for this server (overrides settings)';
  if (block === 'pool' && key === 'connection-monitor') return 'wait before leaving SRST, for this pool (overrides settings)';
  return PROPERTY_DETAIL[key];
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
  if (decl.kind === 'pool') return [values.get('phones') ? `${values.get('phones')} phones` : '', values.get('group') ? `group ${values.get('group')}` : ''].filter(Boolean).join(', ');
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
  const settingsChoices = (Object.keys(DEFAULT_SETTINGS) as (keyof EffectiveSettings)[]).map((k) => `${k} ${formatSetting(k, DEFAULT_SETTINGS[k])}`);
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
    { label: 'settings {…}', filterText: 'settings', body: `settings {\n  \${1|${settingsChoices.join(',')}|}\n}$0`, detail: 'service parameters (each choice with its default)' },
    {
      label: 'scenario {…}',
      filterText: 'scenario',
      body: `scenario "\${1:title}" {\n  at \${2:1m} \${3|crash,stop,hang,recover|} ${choice(4, callManagers, 'CM1')}\n  $0\n}`,
      detail: 'a timeline of events and expectations',
    },
  ];
}

function formatSetting(key: keyof EffectiveSettings, value: number): string {
  return key === 'keepalive' || key === 'tcp-retry' || key === 'connection-monitor' || key === 'reset-time' ? formatDuration(value) : String(value);
}

const escapeChoice = (text: string) => text.replace(/[\\$}|,]/g, '\\$&');
const escapePlaceholder = (text: string) => text.replace(/[\\$}]/g, '\\$&');
