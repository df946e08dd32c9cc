// (stub, to be written)
import type { ServerContext } from '../context';

export function registerHover(_context: ServerContext): void {}
