// A set of phone indices (0 … N−1) of one device pool that answers "first member at or after i"
// in a handful of word scans. The engine keeps the phones whose keepalive tick could act in such
// sets, so it jumps to the next phone that will do something instead of visiting idle ones.

export class PhoneIndexSet {
  /** levels[0] has a bit per phone; levels[k + 1] a bit per non-empty word of levels[k]. */
  private readonly levels: Uint32Array[];
  private count = 0;

  constructor(capacity: number) {
    const levels: Uint32Array[] = [];
    let bits = Math.max(1, capacity);
    for (;;) {
      const words = Math.ceil(bits / 32);
      levels.push(new Uint32Array(words));
      if (words === 1) break;
      bits = words;
    }
    this.levels = levels;
  }

  get size(): number {
    return this.count;
  }

  has(index: number): boolean {
    return (this.levels[0]![index >>> 5]! & (1 << (index & 31))) !== 0;
  }

  add(index: number): void {
    const bottom = this.levels[0]!;
    const word = index >>> 5;
    const before = bottom[word]!;
    const bit = 1 << (index & 31);
    if ((before & bit) !== 0) return;
    bottom[word] = before | bit;
    this.count++;
    if (before !== 0) return;
    let position = word;
    for (let level = 1; level < this.levels.length; level++) {
      const words = this.levels[level]!;
      const w = position >>> 5;
      const previous = words[w]!;
      words[w] = previous | (1 << (position & 31));
      if (previous !== 0) return;
      position = w;
    }
  }

  delete(index: number): void {
    const bottom = this.levels[0]!;
    const word = index >>> 5;
    const before = bottom[word]!;
    const bit = 1 << (index & 31);
    if ((before & bit) === 0) return;
    const after = before & ~bit;
    bottom[word] = after;
    this.count--;
    if (after !== 0) return;
    let position = word;
    for (let level = 1; level < this.levels.length; level++) {
      const words = this.levels[level]!;
      const w = position >>> 5;
      const left = words[w]! & ~(1 << (position & 31));
      words[w] = left;
      if (left !== 0) return;
      position = w;
    }
  }

  /** The smallest member ≥ from, or −1. */
  nextFrom(from: number): number {
    if (this.count === 0) return -1;
    const levels = this.levels;
    // climb until some level has a set bit at or after the position, then walk down its lowest bits
    let level = 0;
    let position = from;
    for (;;) {
      const words = levels[level]!;
      let word = position >>> 5;
      if (word >= words.length) return -1;
      const masked = words[word]! & (-1 << (position & 31));
      if (masked !== 0) {
        position = (word << 5) + lowestBit(masked);
        break;
      }
      if (level + 1 === levels.length) {
        for (word++; word < words.length && words[word] === 0; word++);
        if (word === words.length) return -1;
        position = (word << 5) + lowestBit(words[word]!);
        break;
      }
      level++;
      position = word + 1;
    }
    while (level > 0) {
      level--;
      position = (position << 5) + lowestBit(levels[level]![position]!);
    }
    return position;
  }
}

function lowestBit(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}
