// The command-line tool as CI installs it: `npm pack` in a copy of the repository, the tarball
// installed with `npm install -g` into an empty prefix with no network and an empty npm cache
// (so it can have no runtime dependency), then `failover` run on a folder outside the repository.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, stageRepository } from './stage';

const CLEAN = 'callmanager CM1\ncallmanager CM2\ngroup G { CM1, CM2 }\npool HQ { group G phones 10 }\n';
const BROKEN = 'pool P { group NOPE phones 1 }\n';

let stage: string;
let scratch: string;
let packed: { filename: string; files: { path: string }[] };
let failover: string;

/** npm with no network, its cache in the scratch folder, and no update check. */
function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_cache: path.join(scratch, 'npm-cache'), npm_config_update_notifier: 'false', npm_config_offline: 'true' },
  });
}

function run(args: string[], cwd: string) {
  const result = spawnSync(failover, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  stage = stageRepository('pack');
  scratch = mkdtempSync(path.join(tmpdir(), 'failover-pack-scratch-'));
  const tarballs = path.join(scratch, 'tarballs');
  mkdirSync(tarballs);
  // `npm pack --json` prints the prepack build's output first, then the JSON array.
  const output = npm(['pack', '--json', '--pack-destination', tarballs], stage);
  packed = JSON.parse(output.slice(output.lastIndexOf('\n[') + 1))[0];
  const prefix = path.join(scratch, 'prefix');
  mkdirSync(prefix);
  npm(['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', path.join(tarballs, packed.filename)], scratch);
  failover = path.join(prefix, 'bin', 'failover');
}, 240_000);

afterAll(() => {
  for (const folder of [stage, scratch]) if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships the command-line bundle, the simulation worker it starts, the manifest and the README, nothing else', () => {
    expect(packed.files.map((f) => f.path).sort()).toEqual(['README.md', 'dist/cli.js', 'dist/simulationWorker.js', 'package.json']);
  });

  it('builds the bundles for production before packing (prepack)', () => {
    const cli = readFileSync(path.join(stage, 'dist', 'cli.js'), 'utf8');
    expect(cli.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(cli).not.toContain('sourceMappingURL');
  });

  it('keeps the list in .npmignore, since vsce refuses a package.json `files` list beside .vscodeignore', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.files).toBeUndefined();
    expect(manifest.bin).toEqual({ failover: 'dist/cli.js' });
    expect(existsSync(path.join(ROOT, '.vscodeignore'))).toBe(true);
  });
});

describe('the installed failover, outside the repository', () => {
  let project: string;
  beforeAll(() => {
    project = path.join(scratch, 'project');
    cpSync(path.join(ROOT, 'samples'), path.join(project, 'samples'), { recursive: true });
    writeFileSync(path.join(project, 'clean.failover'), CLEAN);
    mkdirSync(path.join(project, 'broken'));
    writeFileSync(path.join(project, 'broken', 'p.failover'), BROKEN);
  });

  it('is on the prefix’s bin and prints the package’s version', () => {
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(run(['--version'], project)).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('lints the samples with the simulation on worker threads: exit 0', () => {
    const result = run(['lint', '--jobs', '2', 'samples'], project);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('exits 1 with the problem on a file with an error', () => {
    const result = run(['lint', 'broken'], project);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/broken\/p\.failover\n\s+1:16\s+error\s+Unknown group `NOPE`/);
  });

  it('exits 2 with one line on a path that does not exist', () => {
    expect(run(['lint', 'nope'], project)).toMatchObject({ code: 2, stderr: 'failover: cannot read nope: file not found\n' });
  });

  it('simulates and formats as well', () => {
    expect(run(['simulate', '--format', 'json', 'clean.failover'], project)).toMatchObject({ code: 0 });
    expect(run(['fmt', '--check', 'clean.failover'], project)).toMatchObject({ code: 0, stdout: '' });
  });
});
