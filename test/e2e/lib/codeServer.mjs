// code-server as a child process: install a .vsix into a throw-away profile, start the server on a
// free loopback port, wait until it answers, stop it with its whole process group.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * @typedef {object} Profile
 * @property {string} node         Node 24's binary
 * @property {string} entry        code-server's out/node/entry.js
 * @property {string} userDataDir  absolute: a relative one installs the extension but never loads it
 * @property {string} extensionsDir absolute, likewise
 * @property {Record<string, string>} env  the environment of code-server and its children
 */

/** Installs `vsix` into the profile; returns the folder it was unpacked to. */
export function installExtension(profile, vsix, logFile) {
  const result = spawnSync(
    profile.node,
    [profile.entry, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--install-extension', vsix, '--force'],
    { env: profile.env, encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL' },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (logFile) writeFileSync(logFile, output);
  const installed = existsSync(profile.extensionsDir) ? readdirSync(profile.extensionsDir).filter((name) => name.startsWith('failover-tools.failover-')) : [];
  if (result.status !== 0 || installed.length !== 1) {
    const why = result.error ? String(result.error) : `exit ${result.status ?? result.signal}`;
    throw new Error(`code-server --install-extension failed (${why}); extensions dir has [${installed.join(', ')}]; output: ${excerpt(output, 600)}`);
  }
  return path.join(profile.extensionsDir, installed[0]);
}

/** A port that was free a moment ago on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** GET `url`: its status code, or undefined when nothing answers. */
function probe(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

export class CodeServer {
  /** @param {Profile} profile */
  constructor(profile, logFile) {
    this.profile = profile;
    this.logFile = logFile;
    /** @type {import('node:child_process').ChildProcess | undefined} */
    this.child = undefined;
    this.exit = undefined;
    this.port = 0;
  }

  /** Starts the server on a free port with `folder` open; resolves once it answers HTTP. */
  async start(folder, { timeoutMs = 60_000 } = {}) {
    for (let attempt = 1; ; attempt++) {
      this.port = await freePort();
      const log = openSync(this.logFile, 'a');
      this.exit = undefined;
      // Its own process group, so that stop() ends the extension host and language server too.
      this.child = spawn(
        this.profile.node,
        [
          this.profile.entry,
          '--auth',
          'none',
          '--bind-addr',
          `127.0.0.1:${this.port}`,
          '--user-data-dir',
          this.profile.userDataDir,
          '--extensions-dir',
          this.profile.extensionsDir,
          '--disable-telemetry',
          '--disable-update-check',
          '--disable-workspace-trust',
          folder,
        ],
        { env: this.profile.env, stdio: ['ignore', log, log], detached: true },
      );
      closeSync(log);
      this.child.on('exit', (code, signal) => (this.exit = { code, signal }));
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline && !this.exit) {
        const status = await probe(`${this.url}/healthz`);
        if (status !== undefined) return;
        await sleep(250);
      }
      if (this.exit && attempt < 3) continue; // most likely the port was taken meanwhile: another one
      const why = this.exit ? `exited (${this.exit.code ?? this.exit.signal})` : `did not answer within ${timeoutMs / 1000}s`;
      await this.stop();
      throw new Error(`code-server ${why} on port ${this.port}; see ${this.logFile}`);
    }
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** SIGTERM to the process group, SIGKILL to what is left after a grace period. */
  async stop(graceMs = 5000) {
    const pid = this.child?.pid;
    if (!pid) return;
    signalGroup(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && groupAlive(pid)) await sleep(100);
    if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
    this.child = undefined;
  }

  /** For the watchdog: no waiting. */
  killNow() {
    if (this.child?.pid) signalGroup(this.child.pid, 'SIGKILL');
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Text on one line, cut to `max` characters. */
export function excerpt(text, max = 400) {
  const flat = String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
