// One target's registration queue: first come first served, each registration taking
// s = 1000 / r ms. Times are kept as integers in units of 1/r ms, so a done time such as
// 1000 + 7·(1000/7) is exactly 2000 and never drifts (SIMULATION.md: "no floating-point drift").

import { AgendaSource, STEP_REGISTRATION } from './agenda';

export class RegistrationQueue extends AgendaSource {
  /** Phone (global index) per entry; −1 once a reset abandoned the request. */
  private phones = new Int32Array(16);
  /** Exact done time of each entry, in units of 1/rate ms. */
  private doneTimes = new Float64Array(16);
  private sequences = new Float64Array(16);
  private head = 0;
  private tail = 0;
  /** Slot number of physical index 0: slots stay valid when the arrays are compacted. */
  private origin = 0;
  /** The physical index whose key is set (−1: none), so that settling an unchanged head is cheap. */
  private keyIndex = -1;
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
    if (this.tail === this.phones.length) this.makeRoom();
    const index = this.tail++;
    this.phones[index] = phone;
    this.doneTimes[index] = done;
    this.sequences[index] = sequence;
    this.waiting++;
    return this.origin + index;
  }

  /** Abandons a request (a reset): it no longer counts for room; `free` is not rolled back. */
  abandon(slot: number): void {
    const index = slot - this.origin;
    if (index < this.head || index >= this.tail || this.phones[index]! < 0) return;
    this.phones[index] = -1;
    this.waiting--;
  }

  /** Drops abandoned entries at the front and sets the key; false when nothing is waiting. */
  settleHead(): boolean {
    while (this.head < this.tail && this.phones[this.head]! < 0) this.head++;
    if (this.head === this.tail) {
      this.origin += this.tail;
      this.head = this.tail = 0;
      this.keyIndex = -1;
      this.time = Infinity;
      return false;
    }
    if (this.head === this.keyIndex) return true;
    this.keyIndex = this.head;
    const done = this.doneTimes[this.head]!;
    const time = ceilDivide(done, this.rate);
    this.time = time;
    this.fraction = done - (time - 1) * this.rate;
    this.sequence = this.sequences[this.head]!;
    return true;
  }

  /** Removes the head entry (a completion) and returns its phone. */
  takeHead(): number {
    const phone = this.phones[this.head]!;
    this.phones[this.head] = -1;
    this.head++;
    this.waiting--;
    return phone;
  }

  /** Empties the queue (the target failed), returning the waiting phones in queue order. */
  drain(): number[] {
    const phones: number[] = [];
    for (let index = this.head; index < this.tail; index++) {
      const phone = this.phones[index]!;
      if (phone >= 0) phones.push(phone);
    }
    this.origin += this.tail;
    this.head = this.tail = 0;
    this.keyIndex = -1;
    this.waiting = 0;
    this.time = Infinity;
    return phones;
  }

  private makeRoom(): void {
    const live = this.tail - this.head;
    if (this.head > 0 && live <= this.phones.length / 2) {
      this.phones.copyWithin(0, this.head, this.tail);
      this.doneTimes.copyWithin(0, this.head, this.tail);
      this.sequences.copyWithin(0, this.head, this.tail);
    } else {
      const size = this.phones.length * 2;
      const phones = new Int32Array(size);
      const doneTimes = new Float64Array(size);
      const sequences = new Float64Array(size);
      phones.set(this.phones.subarray(this.head, this.tail));
      doneTimes.set(this.doneTimes.subarray(this.head, this.tail));
      sequences.set(this.sequences.subarray(this.head, this.tail));
      this.phones = phones;
      this.doneTimes = doneTimes;
      this.sequences = sequences;
    }
    this.origin += this.head;
    this.tail = live;
    this.head = 0;
    this.keyIndex = -1;
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
