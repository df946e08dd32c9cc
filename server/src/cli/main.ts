// The `failover` command line: lint, simulate and fmt over the same core as the language server.
// Exit codes: 0 clean; 1 errors, failed expectations or too many warnings; 2 bad usage or an
// unreadable input (one line each on stderr, never a stack trace).
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { collectInputs } from './inputs';
import { lintFiles } from './lint';
import { formatGithub } from './formats/github';
import { formatJson } from './formats/json';
import { countBySeverity } from './formats/report';
import { formatSarif } from './formats/sarif';
import { ANSI_COLORS, formatStylish, NO_COLORS } from './formats/stylish';
import { runFmt } from './fmt';
import { parseStep, simulateFiles } from './simulate';
import { VERSION } from './version';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

class UsageError extends Error {}

function nonNegativeInteger(value: string): number {
  if (!/^[0-9]+$/.test(value)) throw new InvalidArgumentError('expected a whole number of warnings, 0 or more.');
  return Number(value);
}

function positiveInteger(value: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of threads, 1 or more.');
  return Number(value);
}

function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

export async function run(argv: readonly string[], write: (s: string) => void, writeError: (s: string) => void): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('failover')
    .description('Simulate and check Cisco CallManager failover scenarios (.failover files).')
    .version(VERSION, '-v, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: write,
      writeErr: writeError,
      // Usage errors as one line, like every other error of this tool.
      outputError: (message, writeErr) => writeErr(`failover: ${message.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')}\n`),
    });

  program
    .command('lint')
    .description('check .failover files and folders (recursively) and report problems')
    .argument('[paths...]', 'files or folders', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json', 'sarif', 'github']).default('stylish'))
    .option('--max-warnings <n>', 'fail when there are more warnings than this', nonNegativeInteger)
    .option('--no-simulate', 'skip the simulations (static checks only)')
    .option('-j, --jobs <n>', 'worker threads for the simulations (default: the number of cores)', positiveInteger)
    .action(async (paths: string[], options: { format: string; maxWarnings?: number; simulate: boolean; jobs?: number }) => {
      const inputs = collectInputs(paths);
      for (const problem of inputs.problems) writeError(`failover: ${problem}\n`);
      if (inputs.files.length === 0 && inputs.problems.length === 0) writeError(`failover: no .failover files found in ${paths.join(', ')}\n`);
      const { report, unreadable } = await lintFiles(inputs.files, { simulate: options.simulate, jobs: options.jobs ?? Math.max(1, Math.min(availableParallelism(), 8)) });
      for (const problem of unreadable) writeError(`failover: ${problem}\n`);
      switch (options.format) {
        case 'json':
          write(formatJson(report));
          break;
        case 'sarif':
          write(formatSarif(report, VERSION));
          break;
        case 'github':
          write(formatGithub(report));
          break;
        default:
          write(formatStylish(report, useColor() ? ANSI_COLORS : NO_COLORS));
      }
      const counts = countBySeverity(report);
      if (inputs.problems.length > 0 || unreadable.length > 0) exitCode = EXIT_USAGE;
      else if (counts.error > 0) exitCode = EXIT_PROBLEMS;
      else if (options.maxWarnings !== undefined && counts.warning > options.maxWarnings) {
        writeError(`failover: ${counts.warning} warnings, more than --max-warnings ${options.maxWarnings}\n`);
        exitCode = EXIT_PROBLEMS;
      }
    });

  program
    .command('simulate')
    .description('simulate the scenarios of .failover files and print the results')
    .argument('<paths...>', 'files (or folders) whose scenarios to run')
    .option('-s, --scenario <name>', 'only the scenario with this title')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'))
    .option('--step <duration>', 'csv: one row every DURATION instead of one per change')
    .action((paths: string[], options: { scenario?: string; format: 'text' | 'json' | 'csv'; step?: string }) => {
      let stepMs: number | undefined;
      try {
        stepMs = options.step === undefined ? undefined : parseStep(options.step);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const inputs = collectInputs(paths);
      for (const problem of inputs.problems) writeError(`failover: ${problem}\n`);
      if (inputs.files.length === 0 && inputs.problems.length === 0) throw new UsageError(`no .failover files found in ${paths.join(', ')}`);
      const outcome = simulateFiles(inputs.files, { format: options.format, scenario: options.scenario, stepMs, colors: useColor() ? ANSI_COLORS : NO_COLORS });
      if (outcome.usageError) throw new UsageError(outcome.usageError);
      write(outcome.output);
      for (const problem of outcome.unreadable) writeError(`failover: ${problem}\n`);
      for (const problem of outcome.problems) writeError(`failover: ${problem}\n`);
      exitCode = inputs.problems.length > 0 || outcome.unreadable.length > 0 ? EXIT_USAGE : outcome.problems.length > 0 || outcome.failedExpectations > 0 ? EXIT_PROBLEMS : EXIT_OK;
    });

  program
    .command('fmt')
    .description('format .failover files in place (or only check them with --check)')
    .argument('[paths...]', 'files or folders', ['.'])
    .option('--check', 'do not write; list the files that are not formatted and fail if any')
    .action((paths: string[], options: { check?: boolean }) => {
      const inputs = collectInputs(paths);
      for (const problem of inputs.problems) writeError(`failover: ${problem}\n`);
      const result = runFmt(inputs.files, Boolean(options.check), write, writeError);
      exitCode = inputs.problems.length > 0 || result.unreadable ? EXIT_USAGE : result.failed ? EXIT_PROBLEMS : EXIT_OK;
    });

  try {
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help asked for is a success; help shown because no command was given is bad usage.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      writeError(`failover: ${error.message}\n`);
      return EXIT_USAGE;
    }
    writeError(`failover: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
  return exitCode;
}

if (require.main === module) {
  // `failover simulate … | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT_USAGE;
    },
  );
}
