// The layers' arrows point one way: the core knows nothing of the edges; `node/` (the Node.js edge
// shared by the CLI and the server) knows nothing of either; the CLI and the language server know
// nothing of each other; the extension reaches into the server only for what it shares with it.
// Every import of every source file is read (with TypeScript's own scanner, so `import type`,
// `export … from`, `import()` and `require()` all count) and a wrong-way arrow fails by name.
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

type Layer = 'core' | 'node' | 'cli' | 'lsp' | 'client';

const LAYER_FOLDERS: readonly (readonly [Layer, string])[] = [
  ['core', 'server/src/core/'],
  ['node', 'server/src/node/'],
  ['cli', 'server/src/cli/'],
  ['lsp', 'server/src/lsp/'],
  ['client', 'client/src/'],
];

/** Which layers each layer's files may import. */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  core: ['core'],
  node: ['core', 'node'],
  cli: ['core', 'node', 'cli'],
  lsp: ['core', 'node', 'lsp'],
  client: ['client'],
};

/** The server's files the extension bundles: the requests it shares and the way durations read. */
const SHARED_WITH_CLIENT: readonly string[] = ['server/src/lsp/protocol.ts', 'server/src/core/durations.ts'];

/** The manifest, read for the version: the edges may, the core need not. */
const MANIFEST = 'package.json';

/** Why a package is out of bounds for a layer, or undefined when it may use it. */
function packageProblem(layer: Layer, specifier: string): string | undefined {
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  if (layer === 'core' && isBuiltin(specifier)) return 'the core does no I/O: Node modules belong to server/src/node';
  if (layer === 'core' && name.startsWith('vscode')) return 'the core knows nothing of VS Code or LSP';
  if ((layer === 'node' || layer === 'cli') && name.startsWith('vscode')) return 'LSP and VS Code belong to server/src/lsp and client/src';
  if (layer !== 'client' && (name === 'vscode' || name === 'vscode-languageclient')) return "VS Code's API belongs to the extension (client/src)";
  return undefined;
}

function layerOf(file: string): Layer | undefined {
  return LAYER_FOLDERS.find(([, folder]) => file.startsWith(folder))?.[0];
}

/** A relative import as a repository path with its extension (`../core/x` → `server/src/core/x.ts`). */
function resolveRelative(from: string, specifier: string): string {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  if (/\.(ts|js|json)$/.test(target)) return target;
  return `${target}.ts`;
}

/** The wrong-way arrows of one source file (repository path, `/`-separated), one line each. */
function wrongWayArrows(file: string, text: string): string[] {
  const layer = layerOf(file);
  if (!layer) return [];
  const problems: string[] = [];
  for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
    const specifier = imported.fileName;
    const line = text.slice(0, imported.pos).split('\n').length;
    const where = `${file}:${line} imports '${specifier}'`;
    if (!specifier.startsWith('.')) {
      const problem = packageProblem(layer, specifier);
      if (problem) problems.push(`${where}: ${problem}`);
      continue;
    }
    const target = resolveRelative(file, specifier);
    const targetLayer = layerOf(target);
    if (layer === 'client' && SHARED_WITH_CLIENT.includes(target)) continue;
    if (layer !== 'core' && target === MANIFEST) continue;
    if (!targetLayer || !MAY_IMPORT[layer].includes(targetLayer)) {
      problems.push(
        `${where}: ${layer} may import only ${MAY_IMPORT[layer].join(', ')}${layer === 'client' ? ` (and ${SHARED_WITH_CLIENT.join(', ')})` : ''}, not ${targetLayer ?? target}`,
      );
    }
  }
  return problems;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `${folder}/${name.split(path.sep).join('/')}`)
    .sort();
}

const FILES = [...sourceFiles('server/src'), ...sourceFiles('client/src')];
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('layers: every import points the one allowed way', () => {
  it('finds the source files of every layer', () => {
    for (const [layer] of LAYER_FOLDERS)
      expect(
        FILES.filter((f) => layerOf(f) === layer),
        layer,
      ).not.toHaveLength(0);
    expect(
      FILES.filter((f) => !layerOf(f)),
      'source files outside every layer',
    ).toEqual([]);
  });

  it('has no wrong-way arrow: core → core only; node → core; cli, lsp → core, node; client → client and the shared protocol', () => {
    expect(FILES.flatMap((file) => wrongWayArrows(file, read(file)))).toEqual([]);
  });

  it('shares with the client only files that import nothing more of the server', () => {
    const problems = SHARED_WITH_CLIENT.flatMap((file) =>
      ts
        .preProcessFile(read(file), true, true)
        .importedFiles.filter((i) => !SHARED_WITH_CLIENT.includes(resolveRelative(file, i.fileName)))
        .map((i) => `${file} imports '${i.fileName}': the extension would bundle it`),
    );
    expect(problems).toEqual([]);
  });

  // The check itself, on texts written to break each rule.
  it.each([
    ['server/src/core/workspace/x.ts', "import { readFileSync } from 'node:fs';", 'the core does no I/O'],
    ['server/src/core/workspace/x.ts', "import type { Worker } from 'worker_threads';", 'the core does no I/O'],
    ['server/src/core/results/x.ts', "import type { Range } from 'vscode-languageserver';", 'the core knows nothing of VS Code or LSP'],
    ['server/src/core/results/x.ts', "export { SimulationJob } from '../../node/simulationProtocol';", 'core may import only core, not node'],
    ['server/src/node/x.ts', "import type { ServerContext } from '../lsp/context';", 'node may import only core, node, not lsp'],
    ['server/src/node/x.ts', "const inputs = require('../cli/inputs');", 'node may import only core, node, not cli'],
    ['server/src/cli/x.ts', "import { keyToUri } from '../lsp/convert';", 'cli may import only core, node, cli, not lsp'],
    ['server/src/cli/x.ts', "import { URI } from 'vscode-uri';", 'LSP and VS Code belong to server/src/lsp and client/src'],
    ['server/src/lsp/features/x.ts', "import { displayPath } from '../../cli/inputs';", 'lsp may import only core, node, lsp, not cli'],
    ['server/src/lsp/x.ts', "import * as vscode from 'vscode';", "VS Code's API belongs to the extension"],
    ['client/src/x.ts', "import { uriToKey } from '../../server/src/lsp/convert';", 'client may import only client'],
    ['client/src/timeline/x.ts', "const analysis = import('../../../server/src/core/workspace/analysis');", 'not core'],
  ])('catches %s: %s', (file, text, message) => {
    const problems = wrongWayArrows(file, `// a module\n${text}\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${file}:2 imports`);
    expect(problems[0]).toContain(message);
  });

  it.each([
    ['client/src/x.ts', "import type { StatusEntry } from '../../server/src/lsp/protocol';"],
    ['client/src/timeline/x.ts', "import { formatDuration } from '../../../server/src/core/durations';"],
    ['server/src/lsp/x.ts', "import { readSource } from '../node/fileHost';"],
    ['server/src/cli/x.ts', "import manifest from '../../../package.json';"],
    ['server/src/core/syntax/x.ts', "import { createToken } from 'chevrotain';"],
  ])('lets %s import %s', (file, text) => {
    expect(wrongWayArrows(file, text)).toEqual([]);
  });
});
