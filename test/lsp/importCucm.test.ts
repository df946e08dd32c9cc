// `failover/importCucm` in process: the editor's import of CUCM exports gives the CLI's topology
// (the shipped worked example, byte for byte), the count of its pools, and every problem with the
// line `failover import` prints for it; malformed params are refused, never thrown.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResponseError } from 'vscode-languageserver';
import { importedTopology } from '../../server/src/lsp/features/importCucm';
import type { ImportCucmParams, ImportCucmResult } from '../../server/src/lsp/protocol';

const EXAMPLE = path.resolve(__dirname, '../../samples/cucm-export');
const EXPORTS = ['phones-all-details.csv', 'cucm-cli-session.log', 'axl-phone-counts.xml'];
const read = (name: string) => readFileSync(path.join(EXAMPLE, name), 'utf8');

function imported(params: ImportCucmParams): ImportCucmResult {
  const result = importedTopology(params);
  if (result instanceof ResponseError) throw new Error(`refused: ${result.message}`);
  return result;
}

describe('failover/importCucm', () => {
  it('imports the worked example into samples/cucm-export/topology.failover, byte for byte, with its four pools', () => {
    const result = imported({ files: EXPORTS.map((name) => ({ name, text: read(name) })) });
    expect(result.problems).toEqual([]);
    expect(result.text).toBe(read('topology.failover'));
    // HQ_Phones, HQ Lobby, Branch_Lyon, Branch Nantes: Lab_Phones has no phone.
    expect(result.pools).toBe(4);
  });

  it('names the files in problems and in the first comment as the client gave them', () => {
    const result = imported({ files: EXPORTS.map((name) => ({ name: `exports/${name}`, text: read(name) })) });
    expect(result.text?.split('\n')[0]).toContain('exports/phones-all-details.csv, exports/cucm-cli-session.log, exports/axl-phone-counts.xml');
  });

  it('gives each problem with the line the CLI prints, and a topology despite warnings', () => {
    // The second record repeats the first device: counted once, with a warning at its line (3).
    const csv = 'Device Name,Device Pool\nSEP001122334455,HQ\nSEP001122334455,HQ\n';
    const topology = 'devicepool cmgroup priority callmanager\n========== ======= ======== ===========\nHQ         G       1        CM1\n';
    const result = imported({
      files: [
        { name: 'phones.csv', text: csv },
        { name: 'session.txt', text: topology },
      ],
    });
    expect(result.text).toContain('phones 1');
    expect(result.pools).toBe(1);
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem).toMatchObject({ file: 'phones.csv', line: 3, severity: 'warning' });
    expect(problem?.display).toBe(`phones.csv:3: warning: ${problem?.message}`);
  });

  it('gives no text and no pool count when there is an error', () => {
    const result = imported({ files: [{ name: 'empty.csv', text: '' }] });
    expect(result.text).toBeUndefined();
    expect(result.pools).toBeUndefined();
    expect(result.problems.map((p) => `${p.file}:${p.line}: ${p.severity}`)).toEqual(['empty.csv:1: error']);
  });

  it('refuses a file the client found not to be UTF-8, at its first line', () => {
    const result = imported({ files: [{ name: 'phones.xlsx', text: '', notUtf8: true }] });
    expect(result.problems.map((p) => p.display)).toEqual(['phones.xlsx:1: error: not a CUCM export: binary data (not UTF-8 text)']);
  });

  it('refuses params that are not a list of files with names and texts', () => {
    for (const params of [{}, { files: [] }, { files: [{ name: 'a.csv' }] }, { files: [{ name: 1, text: '' }] }, null]) {
      const result = importedTopology(params as unknown as ImportCucmParams);
      expect(result, JSON.stringify(params)).toBeInstanceOf(ResponseError);
    }
  });
});
