// Inlay hints: the resolved values the text leaves implicit, and only those, so they stay few. A
// pool's effective connection-monitor where it has none of its own; a percent as the phone count
// it stands for; the `== all` of an `at … expect P on X` without a comparison; and a server's
// registration rate when a settings block, not the default, gives it.
import type * as lsp from 'vscode-languageserver';
import { formatDuration } from '../../core/durations';
import type * as ast from '../../core/syntax/ast';
import { basename } from '../../core/workspace/paths';
import { effectiveSettings, type SettingSource } from '../../core/workspace/settings';
import type { FileView, ServerContext } from '../context';

export function registerInlayHints(context: ServerContext): void {
  context.connection.languages.inlayHint.on(
    context.guard('textDocument/inlayHint', async (params: lsp.InlayHintParams): Promise<lsp.InlayHint[]> => {
      const file = await context.file(params.textDocument.uri);
      return file ? inlayHintsIn(file, { start: file.offsetAt(params.range.start), end: file.offsetAt(params.range.end) }) : [];
    }),
  );
}

/** The hints for the part of the file between two offsets. */
export function inlayHintsIn(file: FileView, range: ast.Range): lsp.InlayHint[] {
  return inlayHints(file, range).map((hint) => ({
    position: file.lines.positionAt(hint.offset),
    label: hint.label,
    paddingLeft: true,
    ...(hint.tooltip ? { tooltip: hint.tooltip } : {}),
  }));
}

interface Hint {
  readonly offset: number;
  readonly label: string;
  readonly tooltip?: string;
}

function sourceTooltip(source: SettingSource, file: FileView): string {
  if (source.kind === 'default') return 'the built-in default (SIMULATION.md)';
  return source.file === file.key ? 'from the settings in this file' : `from the settings in ${basename(source.file)}`;
}

/** The hints of the items that overlap `range` (offsets). */
function inlayHints(file: FileView, range: ast.Range): Hint[] {
  const { program, index } = file.analysis;
  const view = effectiveSettings(program, file.key);
  const hints: Hint[] = [];
  const overlaps = (r: ast.Range) => r.start <= range.end && r.end >= range.start;
  const add = (hint: Hint) => {
    if (hint.offset >= range.start && hint.offset <= range.end) hints.push(hint);
  };
  const poolPhones = (name: string | undefined): number | undefined => {
    const pool = name === undefined ? undefined : index.resolve(file.key, name);
    if (pool?.decl.kind !== 'pool') return undefined;
    let phones: number | undefined;
    for (const p of pool.decl.properties) if (p.key === 'phones' && p.value && 'kind' in p.value && p.value.kind === 'int') phones = p.value.value;
    return phones;
  };
  const percentHint = (count: ast.Count | undefined, pool: string | undefined) => {
    if (count?.kind !== 'percent') return;
    const phones = poolPhones(pool);
    if (phones !== undefined)
      add({
        offset: count.range.end,
        label: `= ${Math.floor((count.value * phones) / 100)} phones`,
        tooltip: `${count.text} of ${phones} phones, rounded down`,
      });
  };

  for (const item of file.unit.parsed.file.items) {
    if (!overlaps(item.range)) continue;
    switch (item.kind) {
      case 'pool': {
        if (!item.name || item.properties.some((p) => p.key === 'connection-monitor')) break;
        const anchor = item.properties.length > 0 ? item.properties[item.properties.length - 1]!.range.end : item.name.range.end;
        const source = view.sources['connection-monitor'];
        add({
          offset: anchor,
          label: `connection-monitor ${formatDuration(view.values['connection-monitor'])}${source.kind === 'default' ? ' (default)' : ''}`,
          tooltip: `Effective connection monitor of pool ${item.name.text}: ${sourceTooltip(source, file)}.`,
        });
        break;
      }
      case 'callmanager':
      case 'srst': {
        const source = view.sources['registration-rate'];
        if (!item.name || source.kind === 'default' || item.properties.some((p) => p.key === 'registration-rate')) break;
        const anchor = item.properties.length > 0 ? item.properties[item.properties.length - 1]!.range.end : item.name.range.end;
        add({
          offset: anchor,
          label: `registration-rate ${view.values['registration-rate']}/s`,
          tooltip: `Effective registration rate: ${sourceTooltip(source, file)}.`,
        });
        break;
      }
      case 'scenario':
        for (const step of item.steps) {
          if (!overlaps(step.range)) continue;
          if (step.kind === 'event' && step.action === 'calls') percentHint(step.count, step.subject?.text);
          if (step.kind === 'expect-on') {
            percentHint(step.count, step.pool?.text);
            if (!step.comparison && !step.count && step.target)
              add({ offset: step.target.range.end, label: '== all', tooltip: 'Without a comparison, an expectation means == all.' });
          }
        }
        break;
      default:
        break;
    }
  }
  return hints;
}
