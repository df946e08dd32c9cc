// `failover import` through the built CLI: malformed inputs of every kind are refused with exit 2,
// exactly one `file:line: error: …` line and nothing written; -o, --force and the atomic write.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch } from '../support/cli';
import { axlResponse, sqlTable, TOPOLOGY_COLUMNS } from './support';

const TOPOLOGY = sqlTable(TOPOLOGY_COLUMNS, [
  ['HQ', 'G', '1', 'CM1', null, '-1'],
  ['HQ', 'G', '2', 'CM2', null, '-1'],
]);
const PHONES = 'Device Name,Device Pool\r\nSEP1,HQ\r\nSEP2,HQ\r\n';
const topologyOf = (rows: (string | null)[][]) => sqlTable(TOPOLOGY_COLUMNS, rows);

const MALFORMED: Record<string, { files: Record<string, string | Buffer>; error: string }> = {
  'an unclosed quote': { files: { 'phones.csv': 'Device Name,Device Pool\nSEP1,"HQ\n' }, error: 'phones.csv:2: error: unclosed quote' },
  'an underline that does not match its header': {
    files: { 'topology.txt': 'devicepool cmgroup priority callmanager\n=========== ======= ======== ===========\n' },
    error: 'topology.txt:2: error: this underline does not match the header',
  },
  'a non-numeric priority': {
    files: { 'topology.txt': topologyOf([['HQ', 'G', 'first', 'CM1', null, null]]) },
    error: 'topology.txt:3: error: priority "first" is not a number',
  },
  'a non-numeric count': {
    files: { 'counts.txt': sqlTable(['devicepool', 'phones'], [['HQ', 'many']]) },
    error: 'counts.txt:3: error: phone count "many" of device pool "HQ" is not a whole number',
  },
  'four members in a group': {
    files: {
      'topology.txt': topologyOf(['CM1', 'CM2', 'CM3', 'CM4'].map((cm, i) => ['HQ', 'G', String(i + 1), cm, null, null])),
      'phones.csv': PHONES,
    },
    error: 'topology.txt:6: error: group "G" has more than three members',
  },
  'a member twice in one group': {
    files: {
      'topology.txt': topologyOf([
        ['HQ', 'G', '1', 'CM1', null, null],
        ['HQ', 'G', '2', 'CM1', null, null],
      ]),
      'phones.csv': PHONES,
    },
    error: 'topology.txt:4: error: group "G" lists CallManager "CM1" twice',
  },
  'group rows that disagree': {
    files: {
      'topology.txt': topologyOf([
        ['HQ', 'G', '1', 'CM1', null, null],
        ['BR', 'G', '1', 'CM2', null, null],
      ]),
      'phones.csv': PHONES,
    },
    error: 'topology.txt:4: error: group "G": the rows of device pool "BR" list CM2',
  },
  'a SOAP fault': {
    files: { 'answer.xml': '<Envelope><Body><Fault><faultcode>Client</faultcode><faultstring>Access denied</faultstring></Fault></Body></Envelope>\n' },
    error: 'answer.xml:1: error: the AXL request failed (SOAP Fault): "Access denied"',
  },
  'binary data (NUL bytes)': {
    files: { 'export.bin': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x0a]) },
    error: 'export.bin:1: error: not a CUCM export: binary data',
  },
  'binary data (invalid UTF-8)': {
    files: { 'export.csv': Buffer.from([0x44, 0x65, 0xff, 0xfe, 0x0a]) },
    error: 'export.csv:1: error: not a CUCM export: binary data',
  },
  'an empty file': { files: { 'empty.csv': '' }, error: 'empty.csv:1: error: empty file: not a CUCM export' },
  'text that is no export': {
    files: { 'notes.txt': 'admin:show version active\nActive Master Version: 14.0.1\n' },
    error: 'notes.txt:1: error: not a CUCM export',
  },
  'no pool with phones left': {
    files: { 'topology.txt': TOPOLOGY, 'phones.csv': 'Device Name,Device Pool\nSEP1,Elsewhere\n' },
    error: 'topology.txt:1: error: no device pool',
  },
  'unknown table columns': {
    files: { 'topology.txt': sqlTable(['devicepool', 'cmgroup', 'priority', 'callmanager', 'region'], [['HQ', 'G', '1', 'CM1', 'EU']]) },
    error: 'topology.txt:1: error: unknown table columns region',
  },
  'the Specific Details export': {
    files: { 'specific.csv': 'DEVICE NAME,DESCRIPTION\nSEP1,x\n' },
    error: 'specific.csv:1: error: this CSV has no Device Pool column',
  },
  'a file that does not exist': { files: {}, error: 'missing.csv:1: error: cannot read the file: file not found' },
};

describe('failover import refuses malformed inputs', () => {
  for (const [what, { files, error }] of Object.entries(MALFORMED)) {
    it(`${what}: exit 2, one error line, nothing written`, () => {
      const root = scratch({});
      for (const [name, content] of Object.entries(files)) writeFileSync(path.join(root, name), content);
      const names = Object.keys(files).length > 0 ? Object.keys(files) : ['missing.csv'];
      const result = runCli(['import', ...names, '-o', 'out.failover'], root);
      const lines = result.stderr.split('\n').filter((line) => line.includes(': error: '));
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^${error.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(existsSync(path.join(root, 'out.failover'))).toBe(false);
    });
  }
});

describe('failover import writes', () => {
  const EXPECTED = [
    '# Imported from CUCM by failover import: topology.txt, phones.csv',
    '',
    "# CUCM knows no capacity or registration rate: add each server's figures from its hardware,",
    '# e.g. callmanager CM1 { capacity 7500 registration-rate 125 }',
    '',
    'callmanager CM1',
    'callmanager CM2',
    '',
    'group G { CM1, CM2 }',
    '',
    'pool HQ { group G phones 2 }',
    '',
  ].join('\n');

  it('to standard output, with warnings on standard error, exit 0', () => {
    const root = scratch({ 'topology.txt': TOPOLOGY, 'phones.csv': `${PHONES},HQ\r\n` });
    expect(runCli(['import', 'topology.txt', 'phones.csv'], root)).toEqual({
      code: 0,
      stdout: EXPECTED,
      stderr: 'phones.csv:4: warning: record without a Device Name: skipped\n',
    });
  });

  it('to -o FILE, which it never overwrites without --force, through a temporary file that does not stay', () => {
    const root = scratch({ 'topology.txt': TOPOLOGY, 'phones.csv': PHONES, 'taken.failover': 'pool Mine {}\n' });
    expect(runCli(['import', 'topology.txt', 'phones.csv', '-o', 'new.failover'], root)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(path.join(root, 'new.failover'), 'utf8')).toBe(EXPECTED);
    expect(runCli(['import', 'topology.txt', 'phones.csv', '-o', 'taken.failover'], root)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'failover: taken.failover already exists: add --force to overwrite it\n',
    });
    expect(readFileSync(path.join(root, 'taken.failover'), 'utf8')).toBe('pool Mine {}\n');
    expect(runCli(['import', 'topology.txt', 'phones.csv', '-o', 'taken.failover', '--force'], root)).toMatchObject({ code: 0 });
    expect(readFileSync(path.join(root, 'taken.failover'), 'utf8')).toBe(EXPECTED);
    expect(readdirSync(root).sort()).toEqual(['new.failover', 'phones.csv', 'taken.failover', 'topology.txt']);
  });

  it('gives the same file from AXL responses', () => {
    const root = scratch({
      'topology.xml': axlResponse(TOPOLOGY_COLUMNS, [
        ['HQ', 'G', '1', 'CM1', null, '-1'],
        ['HQ', 'G', '2', 'CM2', null, '-1'],
      ]),
      'counts.xml': axlResponse(['devicepool', 'phones'], [['HQ', '2']]),
    });
    expect(runCli(['import', 'topology.xml', 'counts.xml'], root).stdout).toBe(EXPECTED.replace('topology.txt, phones.csv', 'topology.xml, counts.xml'));
  });

  it('--help names the three formats and points to docs/import.md', () => {
    const help = runCli(['import', '--help'], scratch({})).stdout;
    expect(help).toMatch(/^ {2}BAT CSV .*All Details/m);
    expect(help).toMatch(/^ {2}run sql .*/m);
    expect(help).toMatch(/^ {2}AXL .*executeSQLQuery/m);
    expect(help).toContain('docs/import.md');
  });

  it('without an input is bad usage', () => {
    expect(runCli(['import'], scratch({}))).toMatchObject({ code: 2, stdout: '' });
  });
});
