// The workspace's entry point for checks: load a program, index it, validate every file and apply
// each file's rule configuration. The CLI and the language server both start here.
import type { Diagnostic } from '../diagnostics';
import { DIAGNOSTIC_CODES } from '../diagnostics';
import { applyRuleConfig, configProblemDiagnostics, RuleConfigResolver, type RuleConfig } from './config';
import { type ParseCache, Program, type SourceHost } from './program';
import { SymbolIndex } from './symbols';
import { validateFile, validateImportCycles } from './validate';

export class Analysis {
  readonly index: SymbolIndex;
  private readonly raw = new Map<string, Diagnostic[]>();
  private readonly configs: RuleConfigResolver;

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
   * Whether a file can be simulated: neither it nor anything it imports has an error by the built-in
   * severities (a rule configuration may hide an error, but cannot make broken input simulable).
   */
  isSimulable(file: string): boolean {
    return this.program.visibleFiles(file).every((visible) => !(this.raw.get(visible) ?? []).some((d) => DIAGNOSTIC_CODES[d.code].severity === 'error'));
  }
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.code.localeCompare(b.code));
}
