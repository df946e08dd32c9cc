// The composite GitHub Action (action.yml) run as a runner would run it: its bash steps, read from
// the file, executed with `bash --noprofile --norc -eo pipefail` and the runner's variables
// (GITHUB_ACTION_PATH: a copy of the repository; RUNNER_TEMP, GITHUB_PATH, GITHUB_OUTPUT: scratch
// files), the inputs passed through each step's `env` as the runner evaluates `${{ inputs.x }}`.
// The copy has node_modules already, so the install step skips `npm ci` (the one network step).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch } from '../support/cli';
import { ROOT, stageRepository } from './stage';
import { parseYamlSubset } from './yamlSubset';

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

const action = parseYamlSubset(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as unknown as {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required: boolean; default: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
};
const steps = action.runs.steps;
const step = (name: string) => steps.find((s) => s.name === name)!;

const CLEAN = 'callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones 10 }\n';
const BROKEN = 'pool P { group NOPE phones 1 }\n';
/** Statically clean, but its expectation fails when simulated (the last phone waits 100 ms). */
const FAILS_WHEN_SIMULATED = `${CLEAN}scenario "s" {\n  at 1m stop CM1\n  expect outage HQ <= 10ms\n}\n`;
/** One warning (empty-scenario), no error. */
const ONE_WARNING = `${CLEAN}scenario "nothing" {\n  expect settled by 1m\n}\n`;

let actionPath: string;
let runnerTemp: string;

interface StepRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What the step appended to GITHUB_OUTPUT and GITHUB_PATH. */
  readonly outputs: string;
  readonly paths: string;
}

/** Runs one bash step as the runner does, with `inputs` over the defaults, in `workspace`. */
function runStep(which: Step, workspace: string, inputs: Record<string, string> = {}, extraEnv: Record<string, string> = {}): StepRun {
  const values = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, inputs[name] ?? String(input.default)]));
  const env: Record<string, string> = {};
  for (const [name, expression] of Object.entries(which.env ?? {})) {
    const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(expression);
    if (!input) throw new Error(`step "${which.name}": env ${name} is not an input (${expression})`);
    env[name] = values[input[1]!]!;
  }
  const files = mkdtempSync(path.join(tmpdir(), 'failover-step-'));
  const script = path.join(files, 'step.sh');
  writeFileSync(script, which.run!);
  const githubOutput = path.join(files, 'output');
  const githubPath = path.join(files, 'path');
  writeFileSync(githubOutput, '');
  writeFileSync(githubPath, '');
  const inherited = { ...process.env };
  delete inherited.NO_COLOR;
  delete inherited.FORCE_COLOR;
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd: workspace,
    encoding: 'utf8',
    timeout: 300_000,
    env: {
      ...inherited,
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runnerTemp,
      GITHUB_OUTPUT: githubOutput,
      GITHUB_PATH: githubPath,
      npm_config_cache: path.join(runnerTemp, 'npm-cache'),
      npm_config_update_notifier: 'false',
      ...env,
      ...extraEnv,
    },
  });
  const run = {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: readFileSync(githubOutput, 'utf8'),
    paths: readFileSync(githubPath, 'utf8'),
  };
  rmSync(files, { recursive: true, force: true });
  return run;
}

const lint = (workspace: string, inputs: Record<string, string> = {}) => runStep(step('Lint'), workspace, inputs);

describe('action.yml', () => {
  it('is a composite action with documented inputs, and its SARIF file as an output', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.name).toBe('Failover lint');
    expect(Object.keys(action.inputs)).toEqual(['paths', 'format', 'sarif-file', 'max-warnings', 'simulate', 'node-version']);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description.length, name).toBeGreaterThan(10);
      expect(input.required, name).toBe(false);
    }
    expect(action.inputs.format!.default).toBe('github');
    expect(action.inputs.paths!.default).toBe('.');
    expect(action.outputs['sarif-file']!.value).toBe('${{ steps.lint.outputs.sarif-file }}');
    expect(step('Lint').id).toBe('lint');
  });

  it('sets up Node.js only when asked, with actions/setup-node', () => {
    const setup = step('Set up Node.js');
    expect(setup).toMatchObject({ if: "inputs.node-version != ''", uses: 'actions/setup-node@v4', with: { 'node-version': '${{ inputs.node-version }}' } });
  });

  it('passes inputs to its scripts through env only: no ${{ }} inside a script, so no input can inject shell code', () => {
    const scripts = steps.filter((s) => s.run !== undefined);
    expect(scripts.map((s) => s.name)).toEqual(['Install the failover CLI', 'Lint']);
    for (const s of scripts) {
      expect(s.shell, s.name).toBe('bash');
      expect(s.run, s.name).not.toContain('${{');
    }
  });
});

describe('the action’s steps, run locally', () => {
  let install: StepRun;
  let workspace: string;

  beforeAll(() => {
    actionPath = stageRepository('action');
    runnerTemp = mkdtempSync(path.join(tmpdir(), 'failover-runner-temp-'));
    install = runStep(step('Install the failover CLI'), actionPath);
    workspace = scratch({
      'clean.failover': CLEAN,
      'broken/p.failover': BROKEN,
      'with space/x.failover': BROKEN,
      'simulated/fails.failover': FAILS_WHEN_SIMULATED,
      'warned/w.failover': ONE_WARNING,
    });
  }, 300_000);

  afterAll(() => {
    for (const folder of [actionPath, runnerTemp]) if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('installs the packed CLI into the runner’s temp folder and puts it on the job’s PATH', () => {
    expect(install.stderr).toBe('');
    expect(install.code).toBe(0);
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(install.stdout).toBe(`failover ${version} installed\n`);
    expect(install.paths).toBe(`${runnerTemp}/failover-cli/bin\n`);
    expect(existsSync(path.join(runnerTemp, 'failover-cli', 'bin', 'failover'))).toBe(true);
  });

  it('refuses a Node.js older than 20 with an annotation that names the node-version input', () => {
    const fakeBin = mkdtempSync(path.join(tmpdir(), 'failover-old-node-'));
    writeFileSync(path.join(fakeBin, 'node'), '#!/bin/sh\nif [ "$1" = --version ]; then echo v18.20.0; else echo 18; fi\n');
    chmodSync(path.join(fakeBin, 'node'), 0o755);
    const result = runStep(step('Install the failover CLI'), workspace, {}, { PATH: `${fakeBin}:${process.env.PATH}` });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("::error title=failover::failover needs Node.js 20 or later (found v18.20.0); set the action's node-version input\n");
    rmSync(fakeBin, { recursive: true, force: true });
  });

  it('format github: exit 0 and no annotation on clean files', () => {
    expect(lint(workspace, { paths: 'clean.failover' })).toMatchObject({ code: 0, stdout: '' });
  });

  it('format github: an annotation per problem, exit 1', () => {
    const result = lint(workspace, { paths: 'broken' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^::error file=broken\/p\.failover,line=1,col=16,endLine=1,endColumn=20,title=failover unknown-reference::Unknown group `NOPE`/,
    );
  });

  it('takes one path per line, trimmed, keeps spaces inside a path and skips blank lines', () => {
    const result = lint(workspace, { paths: 'clean.failover\r\n\n  with space/x.failover  \n' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect([...result.stdout.matchAll(/^::error file=([^,]+),/gm)].map((m) => m[1])).toEqual(['with space/x.failover']);
  });

  it('exits 2 on a mistyped path, so that the run does not pass green', () => {
    expect(lint(workspace, { paths: 'nope' })).toMatchObject({ code: 2, stderr: 'failover: cannot read nope: file not found\n' });
  });

  it('simulates by default (a failed expectation fails the run); simulate false skips it', () => {
    expect(lint(workspace, { paths: 'simulated' }).code).toBe(1);
    expect(lint(workspace, { paths: 'simulated', simulate: 'false' })).toMatchObject({ code: 0, stdout: '' });
  });

  it('max-warnings fails a run with more warnings than that', () => {
    expect(lint(workspace, { paths: 'warned', simulate: 'false' }).code).toBe(0);
    const over = lint(workspace, { paths: 'warned', simulate: 'false', 'max-warnings': '0' });
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('failover: 1 warnings, more than --max-warnings 0\n');
  });

  it('format sarif: writes the SARIF file (its folder created), names it as the step output, and lists the results in the log', () => {
    const result = lint(workspace, { paths: 'broken\nclean.failover', format: 'sarif', 'sarif-file': 'reports/failover.sarif' });
    expect(result.code).toBe(1);
    expect(result.outputs).toBe('sarif-file=reports/failover.sarif\n');
    const log = JSON.parse(readFileSync(path.join(workspace, 'reports', 'failover.sarif'), 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['unknown-reference']);
    expect(result.stdout).toMatch(
      /^broken\/p\.failover:1:16 error Unknown group `NOPE`[^\n]* \(unknown-reference\)\nfailover: 1 result\(s\) written to reports\/failover\.sarif\n$/,
    );
  });

  it('refuses a format or a simulate value it does not know, with an annotation', () => {
    expect(lint(workspace, { format: 'junit' })).toMatchObject({
      code: 2,
      stdout: '::error title=failover::the format input is github or sarif, not "junit"\n',
    });
    expect(lint(workspace, { simulate: 'no' })).toMatchObject({
      code: 2,
      stdout: '::error title=failover::the simulate input is true or false, not "no"\n',
    });
  });

  it('lints the workspace when paths is empty', () => {
    const only = scratch({ 'a/clean.failover': CLEAN });
    mkdirSync(path.join(only, 'b'));
    expect(lint(only, { paths: '' })).toMatchObject({ code: 0, stdout: '' });
  });
});
