// Semantic tokens: what the TextMate grammar cannot know. Every name is coloured by the kind of
// definition it is or resolves to (callmanager, srst router, group, pool), definitions carry the
// `declaration` modifier and doc comments `documentation`; keywords, property keys, numbers,
// strings, comparisons and comments come along so the whole file reads consistently.
import { tokenMatcher } from 'chevrotain';
import type * as lsp from 'vscode-languageserver';
import { documentationComments } from '../../core/workspace/locate';
import type { DefinitionKind } from '../../core/workspace/symbols';
import { ComparisonOperator, failoverLexer, keywordOf, Name, NumberWord, StringLiteral, UnterminatedString } from '../../core/syntax/tokens';
import type { ServerContext, FileView } from '../context';

const TOKEN_TYPES = ['class', 'type', 'enum', 'struct', 'keyword', 'property', 'number', 'string', 'comment', 'operator'] as const;
const TOKEN_MODIFIERS = ['declaration', 'documentation'] as const;
type TokenType = (typeof TOKEN_TYPES)[number];
type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKEN_LEGEND: lsp.SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

/** One standard token type per definition kind, so that themes colour the four kinds apart. */
const KIND_TOKEN: Record<DefinitionKind, TokenType> = {
  callmanager: 'class',
  srst: 'type',
  group: 'enum',
  pool: 'struct',
};

interface Classified {
  readonly start: number;
  readonly end: number;
  readonly type: TokenType;
  readonly modifiers: readonly TokenModifier[];
}

export function registerSemanticTokens(context: ServerContext): void {
  context.connection.languages.semanticTokens.on(
    context.guard('textDocument/semanticTokens/full', async (params: lsp.SemanticTokensParams): Promise<lsp.SemanticTokens> => {
      const file = await context.file(params.textDocument.uri);
      return file ? semanticTokens(file) : { data: [] };
    }),
  );
}

/** The file's semantic tokens, encoded with SEMANTIC_TOKEN_LEGEND. */
export function semanticTokens(file: FileView): lsp.SemanticTokens {
  return encode(file, classify(file));
}

/** The file's tokens in text order, none overlapping: lexical classes refined by the syntax tree and the index. */
function classify(file: FileView): Classified[] {
  const { text, parsed } = file.unit;
  const index = file.analysis.index;

  const names = new Map<number, Classified>();
  for (const reference of index.referencesIn(file.key)) {
    const resolved = reference.candidates[0];
    if (resolved) names.set(reference.range.start, { ...reference.range, type: KIND_TOKEN[resolved.kind], modifiers: [] });
  }
  for (const definition of index.definitionsIn(file.key)) {
    names.set(definition.nameRange.start, { ...definition.nameRange, type: KIND_TOKEN[definition.kind], modifiers: ['declaration'] });
  }

  const propertyKeys = new Set<number>();
  for (const item of parsed.file.items) {
    if (item.kind === 'sweep') {
      // A knob's property or setting reads as a property key, as in the blocks that write it.
      for (const line of item.lines)
        if (line.kind === 'vary' && line.knob) propertyKeys.add(line.knob.kind === 'setting' ? line.knob.range.start : (line.knob.keyRange?.start ?? -1));
      continue;
    }
    const blocks = item.kind === 'scenario' ? item.steps : [item];
    for (const block of blocks) {
      if (block.kind === 'settings') for (const entry of block.entries) propertyKeys.add(entry.keyRange.start);
      else if (block.kind === 'callmanager' || block.kind === 'srst' || block.kind === 'pool')
        for (const p of block.properties) propertyKeys.add(p.keyRange.start);
    }
  }

  const tokens: Classified[] = [];
  for (const token of failoverLexer.tokenize(text).tokens) {
    const start = token.startOffset;
    const end = start + token.image.length;
    const plain = (type: TokenType) => tokens.push({ start, end, type, modifiers: [] });
    if (token.tokenType === Name) {
      const name = names.get(start);
      if (name && name.end === end) tokens.push(name);
    } else if (keywordOf(token.tokenType)) plain(propertyKeys.has(start) ? 'property' : 'keyword');
    else if (token.tokenType === NumberWord) plain('number');
    else if (token.tokenType === StringLiteral || token.tokenType === UnterminatedString) plain('string');
    else if (tokenMatcher(token, ComparisonOperator)) plain('operator');
  }

  const docs = documentationComments(parsed.file, text);
  for (const comment of parsed.file.comments) {
    tokens.push({ ...comment.range, type: 'comment', modifiers: docs.has(comment) ? ['documentation'] : [] });
  }
  return tokens.sort((a, b) => a.start - b.start);
}

/** LSP's relative encoding: five integers per token, each position relative to the previous token. */
function encode(file: FileView, tokens: readonly Classified[]): lsp.SemanticTokens {
  const data: number[] = [];
  let previousLine = 0;
  let previousCharacter = 0;
  let previousEnd = 0;
  for (const token of tokens) {
    if (token.start < previousEnd || token.end <= token.start) continue;
    const { line, character } = file.lines.positionAt(token.start);
    // Tokens never span lines (comments and strings end with theirs); clamp to the line for safety.
    const lineEnd = file.lines.lineStart(line + 1) > token.start ? file.lines.lineStart(line + 1) : file.unit.text.length;
    const length = Math.min(token.end, lineEnd) - token.start;
    const modifiers = token.modifiers.reduce((bits, m) => bits | (1 << TOKEN_MODIFIERS.indexOf(m)), 0);
    data.push(line - previousLine, line === previousLine ? character - previousCharacter : character, length, TOKEN_TYPES.indexOf(token.type), modifiers);
    previousLine = line;
    previousCharacter = character;
    previousEnd = token.end;
  }
  return { data };
}
