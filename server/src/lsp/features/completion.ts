// (stub, to be written)
import type { ServerContext } from '../context';

export function registerCompletion(_context: ServerContext): void {}
