// The `failover` command line: lint, simulate and fmt over the same core as the language server.
// Exit codes: 0 clean; 1 errors, failed expectations or too many warnings; 2 bad usage, an
// unreadable input or any error of an import (one line each on stderr, never a stack trace).
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ADVISE_FORMATS, adviseCommand } from './advise';
import { wantsColor } from './colorChoice';
import { UsageError, type Output, type Verdict } from './command';
import { fmtCommand } from './fmt';
import { IMPORT_HELP, importCommand } from './import';
import { ANSI_COLORS, NO_COLORS } from './formats/stylish';
import { LINT_FORMATS, lintCommand } from './lint';
import { SIMULATE_FORMATS, simulateCommand } from './simulate';
import { SWEEP_FORMATS, sweepCommand } from './sweep';
import { VERSION } from './version';

const EXIT_OK = 0;
const EXIT_PROBLEMS = 1;
const EXIT_USAGE = 2;

const EXIT_CODES: Record<Verdict, number> = { clean: EXIT_OK, problems: EXIT_PROBLEMS, usage: EXIT_USAGE };

function nonNegativeInteger(value: string): number {
  if (!/^[0-9]+$/.test(value)) throw new InvalidArgumentError('expected a whole number of warnings, 0 or more.');
  return Number(value);
}

function positiveInteger(value: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of threads, 1 or more.');
  return Number(value);
}

/** What `simulate --help` says of units: JSON and CSV figures carry none of their own. */
const SIMULATE_UNITS = `
Units:
  json and csv give every time as an integer number of milliseconds from the
  scenario's start: end, settled, maxOutage, peakAt and the timeline's t in json,
  t_ms in csv. outagePhoneSeconds is in phone-seconds (at most 3 decimals). Counts
  are phones. The text output writes durations with their units (1m30s, 250ms).`;

/** What `sweep --help` says of units and exit codes. */
const SWEEP_UNITS = `
Units:
  json and csv give every time as integer milliseconds (end, settled, maxOutage,
  peakAt; a time knob's values too); outagePhoneSeconds is in phone-seconds.
Exit codes: 0 every sweep ran (whatever its runs' verdicts); 1 a file has errors
  (the sweeps they do not stop still run and are printed); 2 bad usage.`;

/** What `advise --help` says of directions and ranges (docs/advise.md has the whole story). */
const ADVISE_HELP = `
Direction:
  capacity, registration-rate and fallback-queue-depth: the smallest value that
  passes; phones and the timers (keepalive, missed-keepalives, tcp-retry,
  connection-monitor, reset-time): the largest. Counts step by 1, times by 1s.
Default ranges:
  capacity, fallback-queue-depth  1 to the cluster's phones (or the current value)
  registration-rate               1 to 1000 (or the current value)
  phones                          1 to four times the pool
  missed-keepalives 1 to 10; keepalive 1s to 10m; tcp-retry 0s to 5m;
  connection-monitor 0s to 30m; reset-time 0s to 10m
Exit codes: 0 found; 1 no value in the range passes, or the scenario has errors;
  2 bad usage (unknown scenario or knob).`;

export async function run(argv: readonly string[], write: (s: string) => void, writeError: (s: string) => void): Promise<number> {
  const out: Output = { write, writeError, colors: wantsColor(process.env, Boolean(process.stdout.isTTY)) ? ANSI_COLORS : NO_COLORS };
  let verdict: Verdict = 'clean';
  const program = new Command('failover')
    .description('Simulate and check Cisco CallManager failover scenarios (.failover files).')
    .version(VERSION, '-v, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: write,
      writeErr: writeError,
      // Usage errors as one line, like every other error of this tool.
      outputError: (message, writeErr) =>
        writeErr(
          `failover: ${message
            .replace(/^error: /, '')
            .trim()
            .replace(/\s*\n\s*/g, ' ')}\n`,
        ),
    });

  program
    .command('lint')
    .description('check .failover files and folders (recursively) and report problems')
    .argument('[paths...]', 'files or folders', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(LINT_FORMATS).default('stylish'))
    .option('--max-warnings <n>', 'fail when there are more warnings than this', nonNegativeInteger)
    .option('--no-simulate', 'skip the simulations (static checks only)')
    .option('-j, --jobs <n>', 'worker threads for the simulations (default: the number of cores)', positiveInteger)
    .action(async (paths: string[], options: { format: (typeof LINT_FORMATS)[number]; maxWarnings?: number; simulate: boolean; jobs?: number }) => {
      const jobs = options.jobs ?? Math.max(1, Math.min(availableParallelism(), 8));
      verdict = await lintCommand(paths, { format: options.format, maxWarnings: options.maxWarnings, simulate: options.simulate, jobs }, out);
    });

  program
    .command('simulate')
    .description('simulate the scenarios of .failover files and print the results')
    .argument('<paths...>', 'files (or folders) whose scenarios to run')
    .option('-s, --scenario <name>', 'only the scenario with this title')
    .addOption(new Option('-f, --format <format>', 'output format').choices(SIMULATE_FORMATS).default('text'))
    .option('--step <duration>', 'text and csv: the placement every DURATION (such as 30s or 1m30s); csv: instead of a row per change')
    .addHelpText('after', SIMULATE_UNITS)
    .action((paths: string[], options: { scenario?: string; format: (typeof SIMULATE_FORMATS)[number]; step?: string }) => {
      verdict = simulateCommand(paths, options, out);
    });

  program
    .command('sweep')
    .description('run the sweeps of .failover files: one scenario over a range of values')
    .argument('<paths...>', 'files (or folders) whose sweeps to run')
    .option('--sweep <name>', 'only the sweep with this title')
    .addOption(new Option('-f, --format <format>', 'output format').choices(SWEEP_FORMATS).default('text'))
    .option('-j, --jobs <n>', 'worker threads for the runs (default: the number of cores)', positiveInteger)
    .addHelpText('after', SWEEP_UNITS)
    .action(async (paths: string[], options: { sweep?: string; format: (typeof SWEEP_FORMATS)[number]; jobs?: number }) => {
      const jobs = options.jobs ?? Math.max(1, Math.min(availableParallelism(), 8));
      verdict = await sweepCommand(paths, { format: options.format, sweep: options.sweep, jobs }, out);
    });

  program
    .command('advise')
    .description('find the most economical value of one knob at which every expectation of a scenario holds')
    .argument('<file>', 'the .failover file of the scenario')
    .requiredOption('-s, --scenario <name>', 'the scenario, by title')
    .requiredOption('-t, --tune <knob>', 'a setting (fallback-queue-depth), NAME.PROPERTY (CM2.capacity) or "CM2 capacity"')
    .option('--from <value>', "the low end of the search, written like the file's values (1500, 45s)")
    .option('--to <value>', 'the high end of the search')
    .addOption(new Option('-f, --format <format>', 'output format').choices(ADVISE_FORMATS).default('text'))
    .addHelpText('after', ADVISE_HELP)
    .action((file: string, options: { scenario: string; tune: string; from?: string; to?: string; format: (typeof ADVISE_FORMATS)[number] }) => {
      verdict = adviseCommand(file, options, out);
    });

  program
    .command('fmt')
    .description('format .failover files in place (or only check them with --check)')
    .argument('[paths...]', 'files or folders', ['.'])
    .option('--check', 'do not write; list the files that are not formatted and fail if any')
    .option('--diff', 'print each change as a unified diff instead of the file name (with or without --check)')
    .action((paths: string[], options: { check?: boolean; diff?: boolean }) => {
      verdict = fmtCommand(paths, { check: Boolean(options.check), diff: Boolean(options.diff) }, out);
    });

  program
    .command('import')
    .description('turn CUCM exports (BAT phone CSV, run sql output, AXL responses) into a topology .failover file')
    .argument('<exports...>', 'export files')
    .option('-o, --output <file>', 'write the topology to this file instead of standard output')
    .option('--force', 'overwrite the -o file if it exists')
    .addHelpText('after', IMPORT_HELP)
    .action(async (exports: string[], options: { output?: string; force?: boolean }) => {
      verdict = await importCommand(exports, { output: options.output, force: Boolean(options.force) }, out);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help asked for is a success; help shown because no command was given is bad usage.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help')
        return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      writeError(`failover: ${error.message}\n`);
      return EXIT_USAGE;
    }
    writeError(`failover: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
  return EXIT_CODES[verdict];
}

if (require.main === module) {
  // `failover simulate … | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  run(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  ).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT_USAGE;
    },
  );
}
