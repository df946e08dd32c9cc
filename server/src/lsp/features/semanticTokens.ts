// Semantic tokens: definitions and references coloured by what they name (stub; see the helper brief).
import type { ServerContext } from '../context';

export const SEMANTIC_TOKEN_LEGEND = { tokenTypes: ['class', 'struct', 'type', 'enum', 'event', 'keyword', 'number', 'string', 'comment', 'operator', 'property'], tokenModifiers: ['declaration', 'documentation'] };

export function registerSemanticTokens(_context: ServerContext): void {}
