// The single-failure ("N−1") check: for each CallManager, its crash from the steady state of the
// workspace, with no scenario needed. Feeds `single-failure-risk` and the callmanager code lens.
import type { Diagnostic } from '../diagnostics';
import { DIAGNOSTIC_CODES } from '../diagnostics';
import { formatDuration } from '../durations';
import { simulate as simulateScenario } from '../simulation/engine';
import type { Counts, ScenarioResult, SimOptions, SimScenario } from '../simulation/model';
import type { Analysis } from '../workspace/analysis';
import { effectiveSettings, resolvePool, resolveTarget } from '../workspace/settings';
import type { DefinitionSymbol } from '../workspace/symbols';

export interface FailureImpact {
  readonly definition: DefinitionSymbol;
  /** The file whose view of the workspace was simulated. */
  readonly viewFile: string;
  /** Phones registered with it in the steady state, and its capacity. */
  readonly steadyLoad: number;
  readonly capacity: number;
  /** Where its phones are once things settle after its crash (target → phones), `unregistered` included. */
  readonly movedTo: Counts;
  /** Every other target's peak during the failure, with its capacity. */
  readonly peaks: Readonly<Record<string, { peak: number; capacity: number }>>;
  readonly worstOutage: { readonly pool: string; readonly ms: number } | undefined;
  /** Phones out of service once things settle. */
  readonly outOfService: number;
  /** Phones that found a server full on the way. */
  readonly refused: boolean;
  readonly atRisk: boolean;
  readonly cancelled: boolean;
}

function steadyInput(analysis: Analysis, file: string): SimScenario {
  const { values } = effectiveSettings(analysis.program, file);
  const definitions = analysis.index.visibleDefinitions(file);
  return {
    name: 'steady state',
    targets: definitions.filter((d) => d.kind === 'callmanager' || d.kind === 'srst').map((d) => resolveTarget(d, values)),
    pools: definitions.filter((d) => d.kind === 'pool').map((d) => resolvePool(analysis.index, d, values)),
    settings: {
      keepaliveMs: values.keepalive,
      missedKeepalives: values['missed-keepalives'],
      tcpRetryMs: values['tcp-retry'],
      resetTimeMs: values['reset-time'],
    },
    events: [],
    expectations: [],
  };
}

/** Phones of the pools `file` sees: what a run from its point of view has to move. */
export function visiblePhones(analysis: Analysis, file: string): number {
  return steadyInput(analysis, file).pools.reduce((n, p) => n + p.phones, 0);
}

function totals(pools: Readonly<Record<string, Counts>>): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const counts of Object.values(pools)) for (const [target, n] of Object.entries(counts)) sum[target] = (sum[target] ?? 0) + n;
  return sum;
}

/** The view (file) from which each callmanager is judged: the simulable file that sees it with the most phones. */
function bestViews(analysis: Analysis): Map<DefinitionSymbol, string> {
  const views = new Map<DefinitionSymbol, { file: string; phones: number }>();
  const files = [...analysis.program.files].map((u) => u.path).sort();
  for (const file of files) {
    if (!analysis.isSimulable(file)) continue;
    const definitions = analysis.index.visibleDefinitions(file);
    const phones = visiblePhones(analysis, file);
    if (phones === 0) continue;
    for (const definition of definitions) {
      if (definition.kind !== 'callmanager') continue;
      const known = views.get(definition);
      if (!known || phones > known.phones) views.set(definition, { file, phones });
    }
  }
  return new Map([...views].map(([d, v]) => [d, v.file]));
}

/** The impact of each callmanager's crash, for the callmanagers defined in `onlyFile` (or all). */
export function analyzeResilience(
  analysis: Analysis,
  options: SimOptions & { onlyFile?: string; simulate?: (input: SimScenario, options: SimOptions) => ScenarioResult } = {},
): FailureImpact[] {
  // The editor passes its cache (core/results/cache.ts): the check's runs then happen again only when the topology changes.
  const simulate = options.simulate ?? simulateScenario;
  const impacts: FailureImpact[] = [];
  const views = new Map<string, { input: SimScenario; baseline: Record<string, number> }>();
  for (const [definition, viewFile] of bestViews(analysis)) {
    if (options.onlyFile !== undefined && definition.file !== options.onlyFile) continue;
    if (options.isCancelled?.()) break;
    let view = views.get(viewFile);
    if (!view) {
      // One input per view, shared by its crashes: the same topology, resolved once.
      const steady = steadyInput(analysis, viewFile);
      view = { input: steady, baseline: totals(simulate(steady, options).timeline[0]?.pools ?? {}) };
      views.set(viewFile, view);
    }
    const { input, baseline } = view;
    const crash = simulate({ ...input, name: `${definition.name} fails`, events: [{ ref: 0, at: 0, kind: 'crash', target: definition.name }] }, options);
    const final = totals(Object.fromEntries(Object.entries(crash.pools).map(([pool, r]) => [pool, r.final])));
    const movedTo: Record<string, number> = {};
    for (const [target, n] of Object.entries(final)) {
      const gained = n - (target === 'unregistered' ? 0 : (baseline[target] ?? 0));
      if (target !== definition.name && gained > 0) movedTo[target] = gained;
    }
    const peaks: Record<string, { peak: number; capacity: number }> = {};
    for (const target of input.targets) {
      if (target.name === definition.name) continue;
      const peak = crash.targets[target.name]?.peak ?? 0;
      if (peak > (baseline[target.name] ?? 0)) peaks[target.name] = { peak, capacity: target.capacity };
    }
    let worstOutage: FailureImpact['worstOutage'];
    for (const [pool, result] of Object.entries(crash.pools)) {
      if (result.maxOutage > 0 && (!worstOutage || result.maxOutage > worstOutage.ms)) worstOutage = { pool, ms: result.maxOutage };
    }
    const outOfService = final['unregistered'] ?? 0;
    const refused = crash.findings.some((f) => f.code === 'capacity-exceeded');
    const target = input.targets.find((t) => t.name === definition.name);
    impacts.push({
      definition,
      viewFile,
      steadyLoad: baseline[definition.name] ?? 0,
      capacity: target?.capacity ?? Infinity,
      movedTo,
      peaks,
      worstOutage,
      outOfService,
      refused,
      atRisk: outOfService > 0 || refused,
      cancelled: crash.cancelled,
    });
  }
  return impacts;
}

const fmtCapacity = (n: number) => (Number.isFinite(n) ? String(n) : '∞');

/** One line for a code lens or a hover: steady load and what its failure does. */
export function describeImpact(impact: FailureImpact): string {
  const steady = `steady ${impact.steadyLoad}/${fmtCapacity(impact.capacity)} phones`;
  if (impact.steadyLoad === 0) return `${steady} · its failure moves no phone`;
  const moves = Object.entries(impact.movedTo)
    .filter(([t]) => t !== 'unregistered')
    .map(([t, n]) => {
      const peak = impact.peaks[t];
      return `${n} → ${t}${peak ? ` (peak ${peak.peak}/${fmtCapacity(peak.capacity)})` : ''}`;
    });
  if (impact.outOfService > 0) moves.push(`${impact.outOfService} out of service`);
  const outage = impact.worstOutage ? ` · worst outage ${formatDuration(impact.worstOutage.ms)} (${impact.worstOutage.pool})` : '';
  return `${steady} · if it fails: ${moves.join(', ') || 'no phone moves'}${outage}`;
}

export function resilienceDiagnostics(impacts: readonly FailureImpact[]): Diagnostic[] {
  return impacts
    .filter((i) => i.atRisk)
    .map((impact) => {
      const reasons: string[] = [];
      if (impact.outOfService > 0) reasons.push(`${impact.outOfService} phones would stay out of service`);
      const full = Object.entries(impact.peaks)
        .filter(([, p]) => p.peak >= p.capacity)
        .map(([t, p]) => `${t} would be full (${p.peak}/${fmtCapacity(p.capacity)})`);
      if (impact.refused) reasons.push(full.length > 0 ? full.join(', ') : 'a server would turn phones away');
      return {
        file: impact.definition.file,
        range: impact.definition.nameRange,
        severity: DIAGNOSTIC_CODES['single-failure-risk'].severity,
        code: 'single-failure-risk' as const,
        message: `If callmanager \`${impact.definition.name}\` fails, ${reasons.join(' and ')}. Add capacity or another CallManager to the groups that use it.`,
      };
    });
}
