// Activation of the packaged extension, timed the way VS Code's "Running Extensions" view counts
// it: loading the extension's code (require) plus the `activate()` call. Run in a fresh Node
// process per measurement (`node bench/activation-probe.cjs dist/extension.js`); prints one JSON
// line and exits at once, so the language server the client starts in the background never runs.
//
// The `vscode` module is a stand-in: every API the extension and vscode-languageclient touch while
// activating answers with an inert object, so what is timed is the extension's own work.
'use strict';
const Module = require('node:module');
const path = require('node:path');

const extensionPath = path.resolve(process.argv[2] ?? 'dist/extension.js');

/** An object that answers every property, call and `new` with another such object. */
function inert(label) {
  const children = new Map();
  const target = function () {};
  return new Proxy(target, {
    get(object, property) {
      if (children.has(property)) return children.get(property);
      if (property === 'then') return undefined; // not a promise
      if (property === Symbol.toPrimitive) return () => '';
      if (property === Symbol.iterator) return function* () {};
      if (property === 'prototype') return object.prototype;
      if (property === 'toString') return () => `[inert ${label}]`;
      if (!children.has(property)) children.set(property, inert(`${label}.${String(property)}`));
      return children.get(property);
    },
    set(_object, property, value) {
      children.set(property, value);
      return true;
    },
    apply: () => inert(`${label}()`),
    construct: () => inert(`new ${label}`),
  });
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener) => {
      this.listeners.add(listener);
      return { dispose: () => this.listeners.delete(listener) };
    };
  }
  fire(value) {
    for (const listener of this.listeners) listener(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

class StandInDisposable {
  constructor(callOnDispose) {
    this.callOnDispose = callOnDispose;
  }
  static from(...disposables) {
    return new StandInDisposable(() => disposables.forEach((d) => d?.dispose?.()));
  }
  dispose() {
    this.callOnDispose?.();
  }
}

const uri = (fsPath) => ({ scheme: 'file', fsPath, path: fsPath, toString: () => `file://${fsPath}`, with: () => uri(fsPath) });
const configuration = { get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined };

const api = inert('vscode');
const vscode = new Proxy(
  {
    version: '1.139.0',
    EventEmitter,
    Disposable: StandInDisposable,
    Uri: { file: uri, parse: (s) => uri(s.replace(/^file:\/\//, '')), joinPath: (base, ...parts) => uri(path.join(base.fsPath, ...parts)) },
    workspace: new Proxy(
      { getConfiguration: () => configuration, workspaceFolders: [], textDocuments: [], isTrusted: true },
      { get: (o, p) => (p in o ? o[p] : api.workspace[p]) },
    ),
    env: { language: 'en', appName: 'probe', machineId: 'probe', sessionId: 'probe', uriScheme: 'vscode' },
  },
  { get: (o, p) => (p in o ? o[p] : api[p]) },
);

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache['vscode'] = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

const root = path.resolve(path.dirname(extensionPath), '..');
const context = {
  subscriptions: [],
  extensionPath: root,
  extensionUri: uri(root),
  asAbsolutePath: (relative) => path.join(root, relative),
  globalState: { get: () => undefined, update: async () => undefined, keys: () => [] },
  workspaceState: { get: () => undefined, update: async () => undefined, keys: () => [] },
  storageUri: undefined,
  globalStorageUri: uri(path.join(root, '.storage')),
  logUri: uri(path.join(root, '.log')),
  extensionMode: 1,
  environmentVariableCollection: inert('environmentVariableCollection'),
  secrets: inert('secrets'),
  extension: inert('extension'),
};

try {
  const loadStart = performance.now();
  const extension = require(extensionPath);
  const loaded = performance.now();
  extension.activate(context);
  const activated = performance.now();
  process.stdout.write(`${JSON.stringify({ codeLoadingMs: loaded - loadStart, activateCallMs: activated - loaded })}\n`);
  process.exit(0);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(0);
}
