// The editor's configuration of the extension (`failover.simulation.*`, `failover.rules`), read per
// resource through `workspace/configuration`, cached per document and dropped when the
// configuration changes. (The language's own `settings` blocks are core/workspace/settings.ts.)
import type { Connection } from 'vscode-languageserver';
import { isDiagnosticCode, type DiagnosticCode, type Severity } from '../core/diagnostics';

export type SimulationMode = 'onType' | 'onSave' | 'off';

export interface EditorConfiguration {
  /** `failover.rules`: per-code severities, applied after failover.config.json. */
  readonly rules: ReadonlyMap<DiagnosticCode, Severity | 'off'>;
  readonly simulation: {
    readonly mode: SimulationMode;
    /** Wall time a simulation may take in the editor before it is stopped. */
    readonly timeBudgetMs: number;
    /** Total phones beyond which a scenario is refused with `simulation-limit`. */
    readonly maxPhones: number;
  };
}

export const DEFAULT_EDITOR_CONFIGURATION: EditorConfiguration = {
  rules: new Map(),
  simulation: { mode: 'onType', timeBudgetMs: 5_000, maxPhones: 20_000_000 },
};

function sanitize(raw: unknown): EditorConfiguration {
  const simulation = (raw as { simulation?: Record<string, unknown> } | undefined)?.simulation ?? {};
  const mode = simulation['mode'];
  const budget = simulation['timeBudgetMs'];
  const maxPhones = simulation['maxPhones'];
  const rules = new Map<DiagnosticCode, Severity | 'off'>();
  const rawRules = (raw as { rules?: unknown } | undefined)?.rules;
  if (rawRules && typeof rawRules === 'object') {
    for (const [code, severity] of Object.entries(rawRules as Record<string, unknown>)) {
      // Unknown codes and severities are ignored here: VS Code's settings editor already flags them.
      if (
        isDiagnosticCode(code) &&
        code !== 'syntax-error' &&
        (severity === 'off' || severity === 'error' || severity === 'warning' || severity === 'info' || severity === 'hint')
      ) {
        rules.set(code, severity);
      }
    }
  }
  return {
    rules,
    simulation: {
      mode: mode === 'onSave' || mode === 'off' || mode === 'onType' ? mode : DEFAULT_EDITOR_CONFIGURATION.simulation.mode,
      timeBudgetMs: typeof budget === 'number' && budget >= 100 ? budget : DEFAULT_EDITOR_CONFIGURATION.simulation.timeBudgetMs,
      maxPhones: typeof maxPhones === 'number' && maxPhones >= 1 ? maxPhones : DEFAULT_EDITOR_CONFIGURATION.simulation.maxPhones,
    },
  };
}

export class ConfigurationCache {
  private readonly byResource = new Map<string, Promise<EditorConfiguration>>();

  constructor(
    private readonly connection: Connection,
    private readonly supported: () => boolean,
  ) {}

  get(resource: string | undefined): Promise<EditorConfiguration> {
    if (!this.supported()) return Promise.resolve(DEFAULT_EDITOR_CONFIGURATION);
    const key = resource ?? '';
    let configuration = this.byResource.get(key);
    if (!configuration) {
      configuration = this.connection.workspace
        .getConfiguration({ scopeUri: resource, section: 'failover' })
        .then(sanitize, () => DEFAULT_EDITOR_CONFIGURATION);
      this.byResource.set(key, configuration);
    }
    return configuration;
  }

  forget(resource?: string): void {
    if (resource === undefined) this.byResource.clear();
    else this.byResource.delete(resource);
  }
}
