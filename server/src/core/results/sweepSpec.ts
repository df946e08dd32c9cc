// Stand-in for workspace/sweeps.ts (the sweep construct's resolution, built on another branch):
// the same shapes, so the runner can be written first. Deleted once that branch is merged.
import type { SettingKey } from '../syntax/vocabulary';

export type SweepKnob = { kind: 'setting'; key: SettingKey } | { kind: 'property'; name: string; key: string };
export interface SweepVary {
  knob: SweepKnob;
  label: string;
  duration: boolean;
  values: readonly number[];
}
export interface SweepSpec {
  name: string;
  line: number;
  scenario: string;
  vary: readonly SweepVary[];
}
