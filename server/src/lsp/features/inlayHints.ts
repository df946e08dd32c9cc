// (stub, to be written)
import type { ServerContext } from '../context';

export function registerInlayHints(_context: ServerContext): void {}
