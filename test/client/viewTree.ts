// Reading view trees in tests: finding nodes, their text, and markup with everything escaped.
import type { ViewChild, ViewNode } from '../../client/src/timeline/viewTree';

export function findAll(node: ViewChild, test: (n: ViewNode) => boolean): ViewNode[] {
  if (typeof node === 'string') return [];
  return [...(test(node) ? [node] : []), ...(node.children ?? []).flatMap((child) => findAll(child, test))];
}

export function byClass(node: ViewChild, className: string): ViewNode[] {
  return findAll(node, (n) =>
    String(n.attrs?.['class'] ?? '')
      .split(' ')
      .includes(className),
  );
}

export function textOf(node: ViewChild): string {
  return typeof node === 'string' ? node : (node.children ?? []).map(textOf).join('');
}
