// The wording of a run's findings. Each names the event it is about where there is one, so the
// editor can put it on that line and the reader knows what the figures refer to.

import { formatDuration } from '../durations';
import type { Finding, SimEvent } from './model';

function describeEvent(event: SimEvent): string {
  const at = formatDuration(event.at);
  switch (event.kind) {
    case 'stop':
    case 'crash':
    case 'hang':
    case 'recover':
      return `${event.kind} ${event.target} at ${at}`;
    case 'isolate':
    case 'reconnect':
    case 'reset':
    case 'calls':
      return `${event.kind} ${event.pool} at ${at}`;
  }
}

export function noEffectFinding(event: SimEvent, why: string): Finding {
  return { code: 'event-no-effect', message: `${describeEvent(event)} has no effect: ${why}`, ref: event.ref };
}

export function callsNotPlacedFinding(event: SimEvent, placed: number, wanted: number): Finding {
  return {
    code: 'calls-not-placed',
    message: `${describeEvent(event)}: only ${placed} of ${wanted} calls placed, for lack of phones in service and idle`,
    ref: event.ref,
  };
}

/** `cause` is the event that took the phones out of service; none when they never had service. */
export function capacityFinding(
  cause: SimEvent | undefined,
  pool: string,
  phones: number,
  fullTargets: readonly { readonly name: string; readonly capacity: number }[],
): Finding {
  const full = fullTargets.map((target) => `${target.name} (capacity ${target.capacity})`).join(', ');
  const when = cause ? `after ${describeEvent(cause)}` : 'at the start';
  const message = `${plural(phones, 'phone')} of ${pool} turned away ${when}: ${full} full`;
  return cause ? { code: 'capacity-exceeded', message, ref: cause.ref } : { code: 'capacity-exceeded', message };
}

/** `cause` is the latest event that took one of these phones out of service, if any did. */
export function noServiceFinding(cause: SimEvent | undefined, pool: string, out: number, phones: number, end: number): Finding {
  const message = `${out} of ${phones} phones of ${pool} are out of service at the end (${formatDuration(end)})`;
  return cause ? { code: 'no-service', message, ref: cause.ref } : { code: 'no-service', message };
}

export function timeLimitFinding(limitTime: number, tail: number): Finding {
  return {
    code: 'simulation-limit',
    message: `stopped at ${formatDuration(limitTime)}, ${formatDuration(tail)} after the last event, with work still pending`,
  };
}

export function sizeLimitFinding(totalPhones: number, maxPhones: number): Finding {
  return {
    code: 'simulation-limit',
    message: `${totalPhones} phones exceed the simulation limit of ${maxPhones}: the scenario was not simulated`,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
