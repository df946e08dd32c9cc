// One target's registration queue: first come first served, each registration taking
// s = 1000 / r ms. Times are kept as integers in units of 1/r ms, so a done time such as
// 1000 + 7·(1000/7) is exactly 2000 and never drifts (SIMULATION.md: "no floating-point drift").

import { AgendaSource, STEP_REGISTRATION } from './agenda';

/** Entries per chunk: a queue grows and shrinks a chunk at a time, never copying what it holds. */
const CHUNK = 4096;

class Chunk {
  /** Phone (global index) per entry; −1 once taken or abandoned. */
  readonly phones = new Int32Array(CHUNK);
  /** Exact done time of each entry, in units of 1/rate ms. */
  readonly doneTimes = new Float64Array(CHUNK);
  readonly sequences = new Float64Array(CHUNK);
}

export class RegistrationQueue extends AgendaSource {
  /**
   * Entries by position (0, 1, 2, … for every request ever queued, which is also a request's slot):
   * chunks[k] holds positions (firstChunk + k)·CHUNK onwards. Chunks before the head are let go.
   */
  private chunks: Chunk[] = [];
  private firstChunk = 0;
  /** One emptied chunk kept for the next one needed (a queue often hovers around a boundary). */
  private spare: Chunk | undefined;
  private head = 0;
  private tail = 0;
  /** The position whose key is set (−1: none), so that settling an unchanged head is cheap. */
  private keyPosition = -1;
  /** Live (not abandoned) entries. */
  waiting = 0;
  /** When the server is free again, in units of 1/rate ms. */
  free = 0;

  constructor(
    readonly target: number,
    rate: number,
  ) {
    super();
    this.step = STEP_REGISTRATION;
    this.rate = rate;
  }

  /** Queues a request made at `now`; returns its slot (for abandoning it later). */
  enqueue(phone: number, now: number, sequence: number): number {
    const start = Math.max(now * this.rate, this.free);
    const done = start + 1000;
    this.free = done;
    const position = this.tail++;
    const offset = position % CHUNK;
    if (offset === 0) {
      this.chunks.push(this.spare ?? new Chunk());
      this.spare = undefined;
    }
    const chunk = this.chunks[this.chunks.length - 1]!;
    chunk.phones[offset] = phone;
    chunk.doneTimes[offset] = done;
    chunk.sequences[offset] = sequence;
    this.waiting++;
    return position;
  }

  /** Abandons a request (a reset): it no longer counts for room; `free` is not rolled back. */
  abandon(slot: number): void {
    if (slot < this.head || slot >= this.tail) return;
    const phones = this.chunkOf(slot).phones;
    const offset = slot % CHUNK;
    if (phones[offset]! < 0) return;
    phones[offset] = -1;
    this.waiting--;
  }

  /** Drops abandoned entries at the front and sets the key; false when nothing is waiting. */
  settleHead(): boolean {
    while (this.head < this.tail && this.chunks[0]!.phones[this.head % CHUNK]! < 0) this.advance();
    if (this.head === this.tail) {
      this.keyPosition = -1;
      this.time = Infinity;
      return false;
    }
    if (this.head === this.keyPosition) return true;
    this.keyPosition = this.head;
    const chunk = this.chunks[0]!;
    const offset = this.head % CHUNK;
    const done = chunk.doneTimes[offset]!;
    const time = ceilDivide(done, this.rate);
    this.time = time;
    this.fraction = done - (time - 1) * this.rate;
    this.sequence = chunk.sequences[offset]!;
    return true;
  }

  /** Removes the head entry (a completion) and returns its phone. */
  takeHead(): number {
    const phones = this.chunks[0]!.phones;
    const offset = this.head % CHUNK;
    const phone = phones[offset]!;
    phones[offset] = -1;
    this.advance();
    this.waiting--;
    return phone;
  }

  /** Empties the queue (the target failed), returning the waiting phones in queue order. */
  drain(): number[] {
    const phones: number[] = [];
    for (let position = this.head; position < this.tail; position++) {
      const phone = this.chunkOf(position).phones[position % CHUNK]!;
      if (phone >= 0) phones.push(phone);
    }
    while (this.head < this.tail) this.advance();
    this.keyPosition = -1;
    this.waiting = 0;
    this.time = Infinity;
    return phones;
  }

  private chunkOf(position: number): Chunk {
    return this.chunks[Math.floor(position / CHUNK) - this.firstChunk]!;
  }

  /** Moves the head one entry on, letting its chunk go once it is used up (entries are written before they are read again). */
  private advance(): void {
    this.head++;
    if (this.head % CHUNK !== 0) return;
    this.spare = this.chunks.shift();
    this.firstChunk++;
  }
}

/** ceil(a / b) for non-negative integers, exact even where a / b rounds. */
export function ceilDivide(a: number, b: number): number {
  let q = Math.ceil(a / b);
  if ((q - 1) * b >= a) q--;
  else if (q * b < a) q++;
  return q;
}

/** floor(a / b) for non-negative integers, exact even where a / b rounds. */
export function floorDivide(a: number, b: number): number {
  let q = Math.floor(a / b);
  if (q * b > a) q--;
  else if ((q + 1) * b <= a) q++;
  return q;
}
