// (stub, to be written)
import type { ServerContext } from '../context';

export function registerNavigation(_context: ServerContext): void {}
