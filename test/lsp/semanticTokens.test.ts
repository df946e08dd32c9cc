import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
// The legend main.ts announces in its capabilities.
import { SEMANTIC_TOKEN_LEGEND, semanticTokens } from '../../server/src/lsp/features/semanticTokens';
import { featureWorkspace } from '../support/featureHarness';

const EXAMPLE = path.resolve(__dirname, '../fixtures/spec-example');
const topology = readFileSync(path.join(EXAMPLE, 'topology.failover'), 'utf8');
const outages = readFileSync(path.join(EXAMPLE, 'outages.failover'), 'utf8');

interface Decoded {
  readonly line: number;
  readonly character: number;
  readonly length: number;
  readonly type: string;
  readonly modifiers: string[];
}

/** Undoes LSP's relative encoding: five integers per token, positions relative to the previous token. */
function decode(data: readonly number[]): Decoded[] {
  const tokens: Decoded[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, bits] = data.slice(i, i + 5) as [number, number, number, number, number];
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const modifiers = SEMANTIC_TOKEN_LEGEND.tokenModifiers.filter((_, bit) => bits & (1 << bit));
    tokens.push({ line, character, length, type: SEMANTIC_TOKEN_LEGEND.tokenTypes[type]!, modifiers });
  }
  return tokens;
}

/** A token as `line:column text type.modifier…` (1-based), with the text it covers. */
function show(text: string, token: Decoded): string {
  const covered = text.split('\n')[token.line]!.slice(token.character, token.character + token.length);
  return `${token.line + 1}:${token.character + 1} ${covered} ${[token.type, ...token.modifiers].join('.')}`;
}

/** The decoded tokens of one file of a workspace. */
function tokensOf(files: Record<string, string>, name: string): Decoded[] {
  return decode(semanticTokens(featureWorkspace(files).file(name)).data);
}

describe('semantic tokens', () => {
  const example = { 'topology.failover': topology, 'outages.failover': outages };

  it('colours every definition kind apart, marks declarations and doc comments, and classes the rest', () => {
    const text = [
      '## The primary',
      'callmanager CM1 { capacity 2500 }',
      'srst R1',
      'group G { CM1 }   # one member',
      'pool P { group G srst R1 phones 10 }',
      'scenario "s" {',
      '  at 1m crash CM1',
      '  at 2m expect P on R1 >= 50%',
      '  expect peak CMX <= 5',
      '}',
    ].join('\n');
    expect(tokensOf({ ...example, 'small.failover': text }, 'small.failover').map((t) => show(text, t))).toEqual([
      '1:1 ## The primary comment.documentation',
      '2:1 callmanager keyword',
      '2:13 CM1 class.declaration',
      '2:19 capacity property',
      '2:28 2500 number',
      '3:1 srst keyword',
      '3:6 R1 type.declaration',
      '4:1 group keyword',
      '4:7 G enum.declaration',
      '4:11 CM1 class',
      '4:19 # one member comment',
      '5:1 pool keyword',
      '5:6 P struct.declaration',
      '5:10 group property',
      '5:16 G enum',
      '5:18 srst property',
      '5:23 R1 type',
      '5:26 phones property',
      '5:33 10 number',
      '6:1 scenario keyword',
      '6:10 "s" string',
      '7:3 at keyword',
      '7:6 1m number',
      '7:9 crash keyword',
      '7:15 CM1 class',
      '8:3 at keyword',
      '8:6 2m number',
      '8:9 expect keyword',
      '8:16 P struct',
      '8:18 on keyword',
      '8:21 R1 type',
      '8:24 >= operator',
      '8:27 50% number',
      // CMX is defined nowhere: no semantic token, the grammar's colour stays.
      '9:3 expect keyword',
      '9:10 peak keyword',
      '9:19 <= operator',
      '9:22 5 number',
    ]);
  });

  it('colours names by what they resolve to in imported files, even where the kind is wrong', () => {
    const text = 'import "topology.failover"\npool P2 { group CM1 phones 1 }\nscenario "x" { at 1m isolate HQ at 2m expect BRANCH1 on BR1-RTR }\n';
    const tokens = tokensOf({ ...example, 'wrong.failover': text }, 'wrong.failover');
    const names = tokens.filter((t) => ['class', 'type', 'enum', 'struct'].includes(t.type)).map((t) => show(text, t));
    expect(names).toEqual(['2:6 P2 struct.declaration', '2:17 CM1 class', '3:30 HQ struct', '3:46 BRANCH1 struct', '3:57 BR1-RTR type']);
    expect(show(text, tokens[1]!)).toBe('1:8 "topology.failover" string');
  });

  it('encodes the example files as sorted, non-overlapping tokens that stay on their lines', () => {
    for (const [name, text] of [
      ['topology.failover', topology],
      ['outages.failover', outages],
    ] as const) {
      const tokens = tokensOf(example, name);
      expect(tokens.length).toBeGreaterThan(20);
      expectWellFormed(text, tokens);
      // The scenario file's first comment stands above an import, not a definition: a plain comment.
      if (name === 'outages.failover') expect(show(text, tokens[0]!)).toBe('1:1 # outages.failover comment');
    }
  });

  it('stays well formed on broken, unfinished and CRLF text', () => {
    const grammarTests = path.resolve(__dirname, '../grammar');
    const texts = readdirSync(grammarTests)
      .filter((f) => f.endsWith('.failover'))
      .map((f) => readFileSync(path.join(grammarTests, f), 'utf8'));
    texts.push(topology.replace(/\n/g, '\r\n'), 'pool { group', 'scenario "open\ncallmanager CM1 #', '"""');
    for (const text of texts) {
      const ws = featureWorkspace({ ...example, 'scratch.failover': text });
      expectWellFormed(ws.text('scratch.failover'), decode(semanticTokens(ws.file('scratch.failover')).data));
    }
  });
});

/** Sorted, non-overlapping, non-empty tokens, each within its line. */
function expectWellFormed(text: string, tokens: readonly Decoded[]): void {
  const lines = text.split(/\r?\n|\r/);
  tokens.forEach((token, i) => {
    expect(token.length).toBeGreaterThan(0);
    expect(token.character + token.length).toBeLessThanOrEqual(lines[token.line]!.length);
    const previous = tokens[i - 1];
    if (previous) expect(token.line).toBeGreaterThanOrEqual(previous.line);
    if (previous && previous.line === token.line) expect(token.character).toBeGreaterThanOrEqual(previous.character + previous.length);
  });
}
