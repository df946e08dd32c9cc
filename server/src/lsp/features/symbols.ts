// (stub, to be written)
import type { ServerContext } from '../context';

export function registerSymbols(_context: ServerContext): void {}
