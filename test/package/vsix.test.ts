// Packages the extension as `npm run package` does and checks what the .vsix ships: the bundles
// and the language assets, nothing else, production-built, under 1 MB. The packaging runs in a
// copy of the repository so that it never rewrites the dist/ that other tests are running.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageRepository } from './stage';
import { readZip, type ZipEntry } from './zip';

let stage: string;
let vsix: string;
let entries: ZipEntry[];

beforeAll(() => {
  stage = stageRepository('vsix');
  execFileSync('npm', ['run', 'package', '--silent'], { cwd: stage, stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } });
  vsix = path.join(stage, 'failover.vsix');
  entries = readZip(readFileSync(vsix));
}, 240_000);

afterAll(() => {
  if (stage) rmSync(stage, { recursive: true, force: true });
});

describe('the .vsix', () => {
  it('ships the four bundles, the language assets, the icon, the manifest and the README, nothing else', () => {
    expect(entries.map((e) => e.name).sort()).toEqual(
      [
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/readme.md', // vsce's name for the README
        'extension/dist/extension.js',
        'extension/dist/serverConnection.js', // vscode-languageclient, loaded just after activation
        'extension/dist/server.js',
        'extension/dist/simulationWorker.js',
        'extension/images/icon.png',
        'extension/language-configuration.json',
        'extension/package.json',
        'extension/snippets/failover.code-snippets',
        'extension/syntaxes/failover.tmLanguage.json',
      ].sort(),
    );
  });

  it('is under 1 MB', () => {
    expect(statSync(vsix).size).toBeLessThan(1_000_000);
  });

  it('holds production bundles: minified, without source maps', () => {
    for (const entry of entries.filter((e) => e.name.startsWith('extension/dist/'))) {
      const text = entry.read().toString('utf8');
      expect(text, entry.name).not.toContain('sourceMappingURL');
      // Minified: most of the code on a few lines of thousands of characters (in a readable bundle
      // the three longest lines are a sliver of it; the rest here is template text, such as the
      // timeline webview's script, whose line breaks are part of the string).
      const longest = text
        .split('\n')
        .map((line) => line.length)
        .sort((a, b) => b - a)
        .slice(0, 3);
      expect(longest[0], entry.name).toBeGreaterThan(5000);
      expect(longest.reduce((a, b) => a + b, 0) / text.length, entry.name).toBeGreaterThan(0.3);
    }
  });

  it('names a main that it ships, and the assets its manifest contributes', () => {
    const manifest = JSON.parse(
      entries
        .find((e) => e.name === 'extension/package.json')!
        .read()
        .toString('utf8'),
    );
    const names = new Set(entries.map((e) => e.name));
    const shipped = (file: string) => names.has(`extension/${path.posix.normalize(file)}`);
    expect(shipped(manifest.main)).toBe(true);
    expect(shipped(manifest.icon)).toBe(true);
    for (const language of manifest.contributes.languages) expect(shipped(language.configuration)).toBe(true);
    for (const grammar of manifest.contributes.grammars) expect(shipped(grammar.path)).toBe(true);
    for (const snippets of manifest.contributes.snippets) expect(shipped(snippets.path)).toBe(true);
  });
});
