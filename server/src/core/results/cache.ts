// Results kept across the editor's simulations, so that an edit re-simulates only what it changed.
// A run depends on nothing but its input (the engine is deterministic: no clock, no randomness), so
// the key is the whole resolved input, `SimScenario`, written out in full, with the limit that may
// refuse it. Everything the text can change about a run is in that input: the topology the scenario
// sees (every visible target and pool, resolved), its effective settings, its events and
// expectations (with their step indexes, which is all a result says about places in the text) and
// its title. What is not in it cannot change a result: offsets, comments, layout, other scenarios.
// The source ranges of a run come from the current tree, never from the cache.
import type { ScenarioResult, SimLimits, SimOptions, SimScenario } from '../simulation/model';
import { simulate } from '../simulation/engine';
import type { RunDigest } from './runs';

interface Entry {
  readonly result: ScenarioResult;
  readonly digest?: RunDigest;
}

/** Entries kept; the least recently used go first. */
const DEFAULT_CAPACITY = 2000;

/** `JSON.stringify` writes Infinity (an unlimited capacity) as null: spelled out, two inputs never share a key. */
function replacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? `#${String(value)}` : value;
}

/**
 * Parts of inputs already written out, by identity: the single-failure check's runs of one view share
 * their targets, pools and settings (one resolved topology), so each is written once, not once per run.
 */
const written = new WeakMap<object, string>();

function write(part: object): string {
  let text = written.get(part);
  if (text === undefined) written.set(part, (text = JSON.stringify(part, replacer)));
  return text;
}

function inputKey(input: SimScenario, limits: Partial<SimLimits> | undefined): string {
  const { targets, pools, settings, ...rest } = input;
  // Every field of the input (and any added later, in `rest`), each in a place of its own: JSON text
  // never holds a raw NUL, so the parts cannot run into each other.
  return [JSON.stringify(limits ?? {}, replacer), JSON.stringify(rest, replacer), write(targets), write(pools), write(settings)].join('\0');
}

export class ResultCache {
  private readonly entries = new Map<string, Entry>();
  /** Runs simulated because their input was new, by kind (what the tests of the invalidation rules count). */
  readonly misses = { scenario: 0, steady: 0 };

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * A scenario's result and digest, simulated only when no equal input was seen. `compact` turns a
   * fresh result into what is kept (the digest instead of the timeline). A cancelled run is never
   * kept: its figures belong to the moment it stopped.
   */
  scenario(input: SimScenario, options: SimOptions, compact: (result: ScenarioResult) => Entry): Entry {
    const key = `scenario|${inputKey(input, options.limits)}`;
    const known = this.take(key);
    if (known) return known;
    this.misses.scenario++;
    const entry = compact(simulate(input, options));
    if (!entry.result.cancelled) this.put(key, entry);
    return entry;
  }

  /**
   * `simulate` for the single-failure check, which reads a run's pools, targets, findings and the
   * first moment of its timeline (the steady state) only: the rest of the timeline is not kept.
   */
  readonly steady = (input: SimScenario, options: SimOptions = {}): ScenarioResult => {
    const key = `steady|${inputKey(input, options.limits)}`;
    const known = this.take(key);
    if (known) return known.result;
    this.misses.steady++;
    const result = simulate(input, options);
    if (!result.cancelled) this.put(key, { result: { ...result, timeline: result.timeline.slice(0, 1) } });
    return result;
  };

  private take(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Most recently used last: the map's order is the eviction order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  private put(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }
}
