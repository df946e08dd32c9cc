// (stub, to be written)
import type { ServerContext } from '../context';

export function registerCodeActions(_context: ServerContext): void {}
