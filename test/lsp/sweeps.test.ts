// Sweeps in the editor's structural features: semantic tokens, folding and the outline.
import { describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver-protocol';
import { foldingRanges } from '../../server/src/lsp/features/folding';
import { SEMANTIC_TOKEN_LEGEND, semanticTokens } from '../../server/src/lsp/features/semanticTokens';
import { outline } from '../../server/src/lsp/features/symbols';
import { featureWorkspace } from '../support/featureHarness';

const TOPOLOGY = 'callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones 100 }\n';
const WHATIF = `import "topology.failover"
scenario "crash" {
  at 1m crash CM1
}
sweep "grid" {
  scenario "crash"
  vary fallback-queue-depth from 5 to 50 step 5
  vary CM2 capacity from 50 to 100 step 25
}
sweep "broken" {
  scenario "crash"
  vary HQ capacity from 1 to 5
}
`;
const ws = featureWorkspace({ 'topology.failover': TOPOLOGY, 'whatif.failover': WHATIF });
const file = ws.file('whatif.failover');

describe('semantic tokens in a sweep', () => {
  it('colours the knob names by their kind, knob properties and settings as properties, the words as keywords', () => {
    const data = semanticTokens(file).data;
    const lines = WHATIF.split('\n');
    const shown: string[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < data.length; i += 5) {
      const [deltaLine, deltaStart, length, type] = data.slice(i, i + 4) as [number, number, number, number];
      line += deltaLine;
      character = deltaLine === 0 ? character + deltaStart : deltaStart;
      if (line >= 5 && line <= 7) shown.push(`${lines[line]!.slice(character, character + length)} ${SEMANTIC_TOKEN_LEGEND.tokenTypes[type]}`);
    }
    expect(shown).toEqual([
      'scenario keyword',
      '"crash" string',
      'vary keyword',
      'fallback-queue-depth property',
      'from keyword',
      '5 number',
      'to keyword',
      '50 number',
      'step keyword',
      '5 number',
      'vary keyword',
      'CM2 class',
      'capacity property',
      'from keyword',
      '50 number',
      'to keyword',
      '100 number',
      'step keyword',
      '25 number',
    ]);
  });
});

describe('folding and outline of sweeps', () => {
  it('folds a sweep over several lines', () => {
    expect(foldingRanges(file).map((r) => `${r.startLine + 1}-${r.endLine + 1}`)).toEqual(['2-4', '5-9', '10-13']);
  });

  it('outlines each sweep with its scenario and runs, and its lines as children', () => {
    const kinds = new Map<number, string>(Object.entries(lsp.SymbolKind).map(([name, value]) => [value as number, name]));
    const render = (symbols: readonly lsp.DocumentSymbol[], indent = ''): string[] =>
      symbols.flatMap((s) => [`${indent}${kinds.get(s.kind)} ${s.name}${s.detail ? ` — ${s.detail}` : ''}`, ...render(s.children ?? [], `${indent}  `)]);
    expect(render(outline(file)).slice(2)).toEqual([
      'Operator grid — scenario "crash" · 30 runs',
      '  Field scenario "crash"',
      '  Variable vary fallback-queue-depth from 5 to 50 step 5',
      '  Variable vary CM2 capacity from 50 to 100 step 25',
      'Operator broken — scenario "crash"',
      '  Field scenario "crash"',
      '  Variable vary HQ capacity from 1 to 5',
    ]);
  });
});
