// What the status bar says about the active file's scenarios, from the server's StatusEntry.
import type { StatusEntry } from '../../server/src/lsp/protocol';

export interface StatusText {
  /** With a codicon: `$(pass) 3/3 scenarios`, `$(error) 1 of 3 failing`. */
  readonly text: string;
  readonly tooltip: string;
  /** Shown on the status bar's error background. */
  readonly failing: boolean;
}

export function describeStatus(entry: StatusEntry): StatusText {
  if (entry.notSimulated) {
    return {
      text: '$(warning) not simulated',
      tooltip: 'This file has errors, so its scenarios are not simulated. Fix them to see the results.',
      failing: false,
    };
  }
  if (entry.scenarios === 0) return { text: '$(circle-slash) no scenarios', tooltip: 'This file has no scenario to simulate.', failing: false };
  const noun = entry.scenarios === 1 ? 'scenario' : 'scenarios';
  const stopped = entry.stopped ?? 0;
  if (entry.failed === 0 && stopped > 0) {
    // The others pass, but a scenario that did not run proves nothing: not a green tick.
    return {
      text: `$(warning) ${stopped} of ${entry.scenarios} not simulated`,
      tooltip: `${entry.passed} of ${entry.scenarios} ${noun} meet their expectations.${stoppedNote(entry)} Click to show a timeline.`,
      failing: false,
    };
  }
  if (entry.failed === 0) {
    return {
      text: `$(pass) ${entry.passed}/${entry.scenarios} ${noun}`,
      tooltip: `${entry.scenarios === 1 ? 'The scenario meets' : `All ${entry.scenarios} scenarios meet`} their expectations. Click to show a timeline.`,
      failing: false,
    };
  }
  const expectations = entry.expectationsFailed === 1 ? '1 expectation' : `${entry.expectationsFailed} expectations`;
  return {
    text: `$(error) ${entry.failed} of ${entry.scenarios} failing`,
    tooltip: `${entry.failed} of ${entry.scenarios} ${noun} failing (${expectations} not met).${stoppedNote(entry)} Click to show a timeline.`,
    failing: true,
  };
}

/** ` 1 scenario has errors of its own and is not simulated (see its code lens).` */
function stoppedNote(entry: StatusEntry): string {
  const stopped = entry.stopped ?? 0;
  if (stopped === 0) return '';
  return ` ${stopped === 1 ? '1 scenario has errors of its own and is' : `${stopped} scenarios have errors of their own and are`} not simulated (see the code lens).`;
}
