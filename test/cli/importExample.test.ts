// The worked example of docs/import.md: `failover import` of samples/cucm-export's three exports
// writes exactly the topology.failover shipped beside them, and the editor's import
// (failover/importCucm) says what the CLI says, problem for problem, for the same files. docs/import.md
// shows that topology and those warnings as they are.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResponseError } from 'vscode-languageserver';
import { importedTopology } from '../../server/src/lsp/features/importCucm';
import { runCli, scratch } from '../support/cli';

const EXAMPLE = path.resolve(__dirname, '../../samples/cucm-export');
const EXPORTS = ['phones-all-details.csv', 'cucm-cli-session.log', 'axl-phone-counts.xml'];
const DOC = path.resolve(__dirname, '../../docs/import.md');
/** docs/import.md's two more records: SEP6C710D2A4F02 again (first at line 3), and a device of a pool the topology table lacks. */
const EXTRA_RECORDS =
  'SEP6C710D2A4F02,"Martin, Paul - Sales",HQ_Phones,Standard 8845 SIP,,,,,Cisco 8845\r\nSEP0C1167A0E501,Training room,Training,Standard 7841 SIP,,,,,Cisco 7841\r\n';

describe('the worked example samples/cucm-export', () => {
  it('imports into topology.failover, byte for byte, with nothing on standard error', () => {
    const result = runCli(['import', ...EXPORTS], EXAMPLE);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(path.join(EXAMPLE, 'topology.failover'), 'utf8'));
  });

  it('is shown whole in docs/import.md, as the CLI prints it', () => {
    const topology = readFileSync(path.join(EXAMPLE, 'topology.failover'), 'utf8');
    expect(readFileSync(DOC, 'utf8')).toContain(`\`\`\`failover\n${topology}\`\`\``);
  });

  it('gives the warnings docs/import.md shows for two more records: a device again, a device pool the topology lacks', () => {
    const root = scratch({
      'phones-all-details.csv': `${readFileSync(path.join(EXAMPLE, 'phones-all-details.csv'), 'utf8')}${EXTRA_RECORDS}`,
      'cucm-cli-session.log': readFileSync(path.join(EXAMPLE, 'cucm-cli-session.log'), 'utf8'),
    });
    const result = runCli(['import', 'phones-all-details.csv', 'cucm-cli-session.log', '-o', 'topology.failover'], root);
    expect(result.code).toBe(0);
    const shown = readFileSync(DOC, 'utf8').split('\n');
    const command = shown.indexOf('$ failover import phones-all-details.csv cucm-cli-session.log -o topology.failover');
    expect(command).toBeGreaterThan(0);
    expect(result.stderr).toBe(`${shown.slice(command + 1, command + 3).join('\n')}\n`);
  });

  it('gives a topology that lints without errors', () => {
    const result = runCli(['lint', 'topology.failover'], EXAMPLE);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/\berror\b/);
  });
});

describe('the editor imports as the CLI does', () => {
  /** The problem lines of both, for the same files (the editor gets them as texts, or as not UTF-8). */
  function both(files: Record<string, string | Buffer>) {
    const root = scratch({});
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(root, name), content);
    const cli = runCli(['import', ...Object.keys(files)], root);
    const editor = importedTopology({
      files: Object.entries(files).map(([name, content]) => {
        const bytes = typeof content === 'string' ? Buffer.from(content) : content;
        try {
          return { name, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
        } catch {
          return { name, text: '', notUtf8: true };
        }
      }),
    });
    if (editor instanceof ResponseError) throw new Error(editor.message);
    return { cli, editor };
  }

  it('the same warnings and topology', () => {
    const { cli, editor } = both({
      'phones.csv': 'Device Name,Device Pool\r\nSEP001122334455,HQ\r\nSEP001122334455,HQ\r\n,HQ\r\n',
      'session.txt': 'devicepool cmgroup priority callmanager\n========== ======= ======== ===========\nHQ         G       1        CM1\n',
    });
    expect(cli.code).toBe(0);
    expect(editor.problems.length).toBeGreaterThan(0);
    expect(editor.problems.map((p) => `${p.display}\n`).join('')).toBe(cli.stderr);
    expect(editor.text).toBe(cli.stdout);
  });

  it('the same errors, a file that is not UTF-8 among them', () => {
    const { cli, editor } = both({
      'phones.xlsx': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x0a]),
      'session.txt': 'devicepool cmgroup priority callmanager\n========== ======= ======== ===========\nHQ         G       first    CM1\n',
    });
    expect(cli.code).toBe(2);
    expect(editor.text).toBeUndefined();
    expect(editor.problems.map((p) => `${p.display}\n`).join('')).toBe(cli.stderr);
    expect(editor.problems.map((p) => p.severity)).toEqual(['error', 'error']);
  });
});
