// The workspace's entry point for checks: load a program, index it, validate every file and apply
// each file's rule configuration. The CLI and the language server both start here.
import type { Diagnostic } from '../diagnostics';
import type { SweepDecl } from '../syntax/ast';
import { DIAGNOSTIC_CODES } from '../diagnostics';
import { applyRuleConfig, configProblemDiagnostics, RuleConfigResolver, type RuleConfig } from './config';
import { partitionErrors, type ErrorPartition, type IsolatedBlock } from './isolation';
import { type ParseCache, Program, type SourceHost } from './program';
import { resolveSweep, scenarioTitled, sweepScenarioLine, type SweepSpec } from './sweeps';
import { SymbolIndex } from './symbols';
import { validateFile, validateImportCycles } from './validate';

export class Analysis {
  readonly index: SymbolIndex;
  private readonly raw = new Map<string, Diagnostic[]>();
  private readonly configs: RuleConfigResolver;
  private readonly partitions = new Map<string, ErrorPartition>();
  private readonly fileStops = new Map<string, Diagnostic | undefined>();

  constructor(
    readonly program: Program,
    host: SourceHost,
  ) {
    this.index = new SymbolIndex(program);
    this.configs = new RuleConfigResolver(host);
    for (const unit of program.files) this.raw.set(unit.path, validateFile(program, this.index, unit.path));
    for (const cycle of validateImportCycles(program)) this.raw.get(cycle.file)?.push(cycle);
  }

  static load(roots: readonly string[], host: SourceHost, cache?: ParseCache): Analysis {
    return new Analysis(Program.load(roots, host, cache), host);
  }

  /** Static diagnostics of one file, with its `failover.config.json` applied, in text order. */
  diagnostics(file: string): Diagnostic[] {
    const raw = this.raw.get(file) ?? [];
    return sortDiagnostics(applyRuleConfig(raw, this.configs.forFile(file)));
  }

  /** The config files that apply to the program's files. */
  configFiles(): string[] {
    const paths = new Set<string>();
    for (const unit of this.program.files) {
      const path = this.configs.forFile(unit.path).path;
      if (path) paths.add(path);
    }
    return [...paths];
  }

  ruleConfig(file: string): RuleConfig {
    return this.configs.forFile(file);
  }

  /** Problems in the config files that apply to the given files, reported on the config files. */
  configDiagnostics(files: readonly string[]): Map<string, Diagnostic[]> {
    const result = new Map<string, Diagnostic[]>();
    for (const file of files) {
      const config = this.configs.forFile(file);
      if (config.path && config.problems.length > 0 && !result.has(config.path)) result.set(config.path, configProblemDiagnostics(config));
    }
    return result;
  }

  /**
   * Whether a file's scenarios can run: neither its top level nor anything it imports has an error
   * by the built-in severities (a rule configuration may hide an error, but cannot make broken
   * input simulable). Each scenario may still be stopped by an error of its own (`stopOf`).
   */
  isSimulable(file: string): boolean {
    return this.fileStop(file) === undefined;
  }

  /**
   * The error that stops every scenario of `file`: the first error outside the scenarios of the
   * files it imports (in import order, where a root cause usually is), then of its own.
   */
  fileStop(file: string): Diagnostic | undefined {
    if (this.fileStops.has(file)) return this.fileStops.get(file);
    let stop: Diagnostic | undefined;
    for (const visible of this.program.visibleFiles(file)) {
      stop = this.partition(visible).fileLevel;
      if (stop) break;
    }
    this.fileStops.set(file, stop);
    return stop;
  }

  /**
   * Why a block (a scenario or a sweep) of `file` is not run: the error that stops the whole file,
   * or else the first error inside the block, or else, for a sweep, what stops its scenario;
   * undefined when it runs.
   */
  stopOf(file: string, block: IsolatedBlock): Diagnostic | undefined {
    const own = this.fileStop(file) ?? this.partition(file).byBlock.get(block);
    if (own || block.kind === 'scenario') return own;
    const title = sweepScenarioLine(block)?.title?.value;
    const unit = this.program.unit(file);
    const scenario = title === undefined || !unit ? undefined : scenarioTitled(unit.parsed.file, title);
    return scenario && this.stopOf(file, scenario);
  }

  /**
   * What a sweep of `file` runs (scenario, knobs, values), or undefined when it is stopped: by an
   * error of its own, of its scenario or of its file (`stopOf` says which).
   */
  sweep(file: string, sweep: SweepDecl): SweepSpec | undefined {
    return this.stopOf(file, sweep) ? undefined : resolveSweep(this.program, this.index, file, sweep);
  }

  private partition(file: string): ErrorPartition {
    let partition = this.partitions.get(file);
    if (!partition) {
      const unit = this.program.unit(file);
      const errors = (this.raw.get(file) ?? []).filter((d) => DIAGNOSTIC_CODES[d.code].severity === 'error');
      partition = unit ? partitionErrors(unit.parsed.file, sortDiagnostics([...errors])) : { byBlock: new Map() };
      this.partitions.set(file, partition);
    }
    return partition;
  }
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.code.localeCompare(b.code));
}
