// docs/ci.md against what it documents: the action's inputs and output as action.yml declares
// them, and commands that exist; and the one way of running the CLI that does not work is
// nowhere in the project.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './stage';
import { parseYamlSubset } from './yamlSubset';

const page = readFileSync(path.join(ROOT, 'docs/ci.md'), 'utf8');
const action = parseYamlSubset(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as unknown as {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, unknown>;
};

/** The fenced blocks of the page in one language. */
const blocks = (lang: string) => [...page.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === lang).map((m) => m[2]!);

/** The `with:` keys given to this repository's action in a workflow snippet. */
function actionInputsUsed(workflow: string): string[] {
  const lines = workflow.split('\n');
  const keys: string[] = [];
  lines.forEach((line, i) => {
    if (!/uses: OWNER\/REPOSITORY@REF$/.test(line)) return;
    const stepIndent = line.length - line.trimStart().length;
    for (let j = i + 1; j < lines.length; j++) {
      const indent = lines[j]!.length - lines[j]!.trimStart().length;
      if (indent < stepIndent || lines[j]!.trimStart().startsWith('- ')) break;
      if (lines[j]!.trim() !== 'with:') continue;
      for (let k = j + 1; k < lines.length; k++) {
        const own = lines[k]!.length - lines[k]!.trimStart().length;
        if (own <= indent) break;
        const key = /^\s*([\w-]+):/.exec(lines[k]!);
        if (key && own === indent + 2) keys.push(key[1]!);
      }
    }
  });
  return keys;
}

describe('docs/ci.md', () => {
  it('shows workflows that use the action, with inputs it has', () => {
    const workflows = blocks('yaml').filter((w) => w.includes('OWNER/REPOSITORY@REF'));
    expect(workflows.length).toBe(2);
    const used = workflows.flatMap(actionInputsUsed);
    expect(used.sort()).toEqual(['format', 'max-warnings', 'paths']);
    for (const key of used) expect(Object.keys(action.inputs)).toContain(key);
  });

  it('lists every input of the action with its default, in the order of action.yml', () => {
    const rows = [...page.matchAll(/^\| `([\w-]+)` \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]);
    expect(rows.map(([name]) => name)).toEqual(Object.keys(action.inputs));
    for (const [name, shown] of rows) {
      const value = String(action.inputs[name!]!.default);
      expect(shown, name).toBe(value === '' ? 'empty' : `\`${value}\``);
    }
  });

  it('uploads the SARIF file the action names in its output', () => {
    const sarif = blocks('yaml').find((w) => w.includes('upload-sarif'))!;
    const output = /steps\.failover\.outputs\.([\w-]+)/.exec(sarif)![1]!;
    expect(Object.keys(action.outputs)).toContain(output);
    expect(sarif).toContain('security-events: write');
    expect(sarif).toContain('format: sarif');
  });

  it('runs only commands the CLI has', () => {
    const commands = [...page.matchAll(/(?:failover|node dist\/cli\.js) (lint|simulate|fmt)\b/g)].map((m) => m[1]);
    expect(new Set(commands)).toEqual(new Set(['lint', 'simulate', 'fmt']));
  });
});

describe('the project', () => {
  it('says the command that would fetch an unrelated package from the registry nowhere', () => {
    // Every tracked file, the README included.
    const unwanted = ['npx', 'failover'].join(' ');
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((file) => file !== '' && !file.endsWith('.png'));
    const offending = tracked.filter((file) => {
      try {
        return readFileSync(path.join(ROOT, file), 'utf8').includes(unwanted);
      } catch {
        return false; // listed but gone from the working tree
      }
    });
    expect(offending).toEqual([]);
  });
});
