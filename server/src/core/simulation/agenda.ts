// The engine's clock for timed work: call ends (step 2), registration completions (step 3),
// detections and reset boots (step 4). Work comes in sorted runs (a registration queue, the
// detections one failure causes in a pool); the agenda orders the heads of those runs exactly
// as SIMULATION.md orders work within a millisecond.

import type { RegistrationQueue } from './registrationQueue';

const STEP_CALL_END = 2;
export const STEP_REGISTRATION = 3;
const STEP_DETECTION_OR_BOOT = 4;

/** A sorted run of pending work; its key is the key of its first entry. */
export abstract class AgendaSource {
  heapIndex = -1;
  time = Infinity;
  step = 0;
  /** Steps 2 and 4: the phone's global index (pool order, then phone index). */
  phone = 0;
  /** Step 3: exact done = (time − 1) + fraction / rate, then request order. */
  fraction = 0;
  rate = 1;
  sequence = 0;
}

function precedes(a: AgendaSource, b: AgendaSource): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.step !== b.step) return a.step < b.step;
  if (a.step === STEP_REGISTRATION) {
    // Fractions are integers in (0, rate]: cross-multiplying compares the exact done times.
    const left = a.fraction * b.rate;
    const right = b.fraction * a.rate;
    if (left !== right) return left < right;
    return a.sequence < b.sequence;
  }
  return a.phone < b.phone;
}

export interface DueCheck {
  /** Whether a batch's entry still stands: a later change of the phone (a reset, a new call) may have voided it. */
  isDue(batch: PhoneBatch, position: number): boolean;
}

export class Agenda {
  private readonly heap: AgendaSource[] = [];

  /** `due` is asked about batch entries (an object, not a closure: one call target for every run). */
  constructor(private readonly due: DueCheck) {}

  /**
   * The run whose head is the next piece of work, skipping what no longer stands (abandoned
   * requests, voided batch entries), so that every time it reports is a real one.
   */
  peek(): AgendaSource | undefined {
    for (;;) {
      const source = this.heap[0];
      if (source === undefined || this.headIsCurrent(source)) return source;
    }
  }

  /** Adds a new batch of work (nothing when it is empty). */
  schedule(batch: PhoneBatch): void {
    if (batch.phones.length === 0) return;
    batch.refreshKey();
    this.update(batch);
  }

  /** Takes the batch's head entry (its phone) and puts the batch back in order. */
  takeBatchHead(batch: PhoneBatch): number {
    const phone = batch.phones[batch.position]!;
    batch.position++;
    if (batch.exhausted) this.remove(batch);
    else {
      batch.refreshKey();
      this.update(batch);
    }
    return phone;
  }

  /** Takes the queue's head request (a completion: its phone) and puts the queue back in order. */
  takeQueueHead(queue: RegistrationQueue): number {
    const phone = queue.takeHead();
    if (queue.settleHead()) this.update(queue);
    else this.remove(queue);
    return phone;
  }

  /** A request joined the queue: an idle queue enters the agenda. */
  queueGrew(queue: RegistrationQueue): void {
    if (queue.heapIndex >= 0) return;
    queue.settleHead();
    this.update(queue);
  }

  /** True when the source's key is its real next piece of work; otherwise fixes it and says false. */
  private headIsCurrent(source: AgendaSource): boolean {
    if (source.step === STEP_REGISTRATION) {
      const queue = source as RegistrationQueue;
      const { time, sequence } = queue;
      if (!queue.settleHead()) {
        this.remove(queue);
        return false;
      }
      if (queue.time === time && queue.sequence === sequence) return true;
      this.update(queue);
      return false;
    }
    const batch = source as PhoneBatch;
    const start = batch.position;
    while (!batch.exhausted && !this.due.isDue(batch, batch.position)) batch.position++;
    if (batch.exhausted) {
      this.remove(batch);
      return false;
    }
    if (batch.position === start) return true;
    batch.refreshKey();
    this.update(batch);
    return false;
  }

  /** Puts a source in order after its key changed (or inserts it). */
  private update(source: AgendaSource): void {
    if (source.heapIndex < 0) {
      source.heapIndex = this.heap.length;
      this.heap.push(source);
      this.siftUp(source.heapIndex);
    } else {
      this.siftUp(source.heapIndex);
      this.siftDown(source.heapIndex);
    }
  }

  remove(source: AgendaSource): void {
    const index = source.heapIndex;
    if (index < 0) return;
    source.heapIndex = -1;
    const last = this.heap.pop()!;
    if (last === source) return;
    this.heap[index] = last;
    last.heapIndex = index;
    this.siftUp(index);
    this.siftDown(last.heapIndex);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    const item = heap[index]!;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!precedes(item, parent)) break;
      heap[index] = parent;
      parent.heapIndex = index;
      index = parentIndex;
    }
    heap[index] = item;
    item.heapIndex = index;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const length = heap.length;
    const item = heap[index]!;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= length) break;
      const right = child + 1;
      if (right < length && precedes(heap[right]!, heap[child]!)) child = right;
      const smallest = heap[child]!;
      if (!precedes(smallest, item)) break;
      heap[index] = smallest;
      smallest.heapIndex = index;
      index = child;
    }
    heap[index] = item;
    item.heapIndex = index;
  }
}

export type PhoneWork = 'callEnd' | 'detection' | 'boot';

/**
 * Phones that have the same kind of work due, sorted by (time, phone): the call ends of one
 * `calls` event, the detections one failure causes in one pool, the boots of one reset. An entry
 * is stale once the phone's state says otherwise (a reset abandoned the detection); the engine
 * skips those.
 */
export class PhoneBatch extends AgendaSource {
  position = 0;

  constructor(
    readonly work: PhoneWork,
    readonly phones: Int32Array,
    /** Per-entry due times, or undefined when every entry is due at `fixedTime`. */
    readonly times: Float64Array | undefined,
    readonly fixedTime: number,
  ) {
    super();
    this.step = work === 'callEnd' ? STEP_CALL_END : STEP_DETECTION_OR_BOOT;
  }

  get exhausted(): boolean {
    return this.position >= this.phones.length;
  }

  timeAt(position: number): number {
    return this.times === undefined ? this.fixedTime : this.times[position]!;
  }

  /** Sets the key to the entry at `position`. */
  refreshKey(): void {
    if (this.exhausted) {
      this.time = Infinity;
      return;
    }
    this.time = this.timeAt(this.position);
    this.phone = this.phones[this.position]!;
  }
}
