// The three readers against hand-written inputs in the formats' real shapes; the same data through
// each must give the same topology, and a stream split anywhere must read like the whole text.
import { describe, expect, it } from 'vitest';
import { createCucmImport, formatImportProblem } from '../../server/src/core/import';
import { axlResponse, runImport, sqlTable, TOPOLOGY_COLUMNS } from './support';

const TOPOLOGY = sqlTable(TOPOLOGY_COLUMNS, [
  ['HQ Phones', 'HQ_CMG', '1', 'CM_sub1', null, '-1'],
  ['HQ Phones', 'HQ_CMG', '2', 'CM_sub2', null, '-1'],
]);

/** The pool lines of an import of TOPOLOGY with these phone exports. */
function poolOf(files: Record<string, string>): { pool?: string; problems: string[] } {
  const { text, problems } = runImport({ 'topology.txt': TOPOLOGY, ...files });
  return { ...(text !== undefined && { pool: /# CUCM name: HQ Phones\n((?:#.*\n)?pool .*)\n/.exec(text)?.[1] }), problems };
}

describe('BAT phone export (CSV)', () => {
  it('reads quoted fields holding commas, doubled quotes and line breaks, and dates a record from the line where it starts', () => {
    const bat = [
      'Device Name,Description,Device Pool,Phone Button Template,Device Type,Directory Number 1,Route Partition 1',
      'SEP000000000001,"Reception, ground floor",HQ Phones,Standard 8845 SIP,Cisco 8845,1000,PT_Internal',
      'SEP000000000002,"The ""big"" room',
      'second line of the description",HQ Phones,Standard 7841 SIP,Cisco 7841,1001,PT_Internal',
      'SEP000000000001,duplicate,HQ Phones,Standard 8845 SIP,Cisco 8845,1000,PT_Internal',
      '',
    ].join('\r\n');
    // The duplicate's record starts on physical line 5: the quoted field of record 3 spans lines 3–4.
    expect(poolOf({ 'phones.csv': bat })).toEqual({
      pool: '# Cisco 7841 × 1, Cisco 8845 × 1\npool HQ_Phones { group HQ_CMG phones 2 }',
      problems: ['phones.csv:5: warning: device "SEP000000000001" again (first at line 2): counted once, in the device pool of its first record'],
    });
  });

  it('drops a byte-order mark, takes LF as well as CRLF, and compares header names case-insensitively around spaces', () => {
    const bat = '\uFEFF DEVICE NAME ,description, Device Pool \nSEP1,x,HQ Phones\nSEP2,y,HQ Phones\n';
    expect(poolOf({ 'phones.csv': bat })).toEqual({ pool: 'pool HQ_Phones { group HQ_CMG phones 2 }', problems: [] });
  });

  it('reads a short row as empty fields, ignores extra fields and blank lines, and counts a device in the pool of its first record', () => {
    const bat = 'Device Name,Device Pool,Device Type\nSEP1,HQ Phones\n\nSEP2,HQ Phones,Cisco 8845,extra,fields\nSEP1,Other\n';
    expect(poolOf({ 'phones.csv': bat })).toEqual({
      pool: '# Cisco 8845 × 1\npool HQ_Phones { group HQ_CMG phones 2 }',
      problems: ['phones.csv:5: warning: device "SEP1" again (first at line 2): counted once, in the device pool of its first record'],
    });
  });

  it('skips a record without a Device Name or a Device Pool, with a warning', () => {
    const bat = 'Device Name,Device Pool\nSEP1,HQ Phones\n,HQ Phones\nSEP3,\n"  ",HQ Phones\n';
    expect(poolOf({ 'phones.csv': bat })).toEqual({
      pool: 'pool HQ_Phones { group HQ_CMG phones 1 }',
      problems: [
        'phones.csv:3: warning: record without a Device Name: skipped',
        'phones.csv:4: warning: record without a Device Pool: skipped',
        'phones.csv:5: warning: record without a Device Name: skipped',
      ],
    });
  });

  it('refuses the Specific Details export, which has no Device Pool column', () => {
    const specific = 'DEVICE NAME,DESCRIPTION,DIRECTORY NUMBER 1\nSEP1,x,1000\n';
    expect(runImport({ 'specific.csv': specific }).problems).toEqual([
      'specific.csv:1: error: this CSV has no Device Pool column (the BAT "Specific Details" export has none): export the phones with All Details, or with a custom file format that includes DEVICE POOL',
    ]);
  });

  it('refuses an unclosed quote at the line where the field opens', () => {
    const bat = 'Device Name,Device Pool\nSEP1,HQ Phones\nSEP2,"HQ Phones\nSEP3,HQ Phones\n';
    expect(runImport({ 'topology.txt': TOPOLOGY, 'phones.csv': bat }).problems).toEqual([
      'phones.csv:3: error: unclosed quote: the quoted field that starts here runs to the end of the file',
    ]);
  });
});

describe('run sql output (text)', () => {
  it('reads columns by the underline, values with spaces, NULL, wide and narrow columns, several tables and the echoed commands', () => {
    const session = [
      'admin:run sql select dp.name as devicepool, cmg.name as cmgroup, m.priority as priority, cm.name as callmanager, s.name as srst, dp.connectionmonitorduration as connectionmonitor from devicepool dp …',
      'devicepool          cmgroup priority callmanager srst   connectionmonitor',
      '=================== ======= ======== =========== ====== =================',
      'HQ Phones           G A     1        CM 1        NULL   -1',
      'HQ Phones           G A     2        CM2         NULL   -1',
      'Branch Office North G B     1        CM2         BR RTR 45',
      '',
      'admin:run sql select dp.name as devicepool, count(*) as phones from device d …',
      'phones devicepool',
      '====== ===================',
      '1200   HQ Phones',
      '40     Branch Office North',
      '',
      '2 rows',
      'admin:',
    ].join('\n');
    const { text, problems } = runImport({ 'session.log': session });
    expect(problems).toEqual([]);
    // Sorted by written name: "CM2" before "CM_1" ('2' is U+0032, '_' U+005F).
    expect(text).toContain(
      'callmanager CM2\n# CUCM name: CM 1\ncallmanager CM_1\n\n# CUCM name: BR RTR\nsrst BR_RTR\n\n# CUCM name: G A\ngroup G_A { CM_1, CM2 }\n# CUCM name: G B\ngroup G_B { CM2 }\n',
    );
    expect(text).toContain('pool Branch_Office_North {\n  group G_B\n  srst BR_RTR\n  phones 40\n  connection-monitor 45s\n}');
    expect(text).toContain('# CUCM name: HQ Phones\npool HQ_Phones { group G_A phones 1200 }\n');
  });

  it('ends a table at a line starting with admin:, reads CRLF, short rows and a topology table without srst and connectionmonitor', () => {
    const session = [
      'admin:run sql select …',
      'devicepool cmgroup priority callmanager',
      '========== ======= ======== ===========',
      'HQ         G       1        CM1',
      'admin:run sql select …',
      'devicepool phones',
      '========== ======',
      'HQ         7',
      'Short',
      'admin:',
    ].join('\r\n');
    // The row "Short" has no phones column at all: its count is none, which is not a whole number.
    expect(runImport({ 'session.log': session }).problems).toEqual(['session.log:9: error: phone count "" of device pool "Short" is not a whole number']);
    const fine = session.replace('Short\r\n', '');
    expect(runImport({ 'session.log': fine }).text).toContain('pool HQ { group G phones 7 }\n');
  });

  it('refuses an underline that does not match its header', () => {
    const misaligned = 'devicepool  phones\n========== ======\nHQ         7\n';
    expect(runImport({ 'counts.txt': misaligned }).problems).toEqual([
      'counts.txt:2: error: this underline does not match the header above it: each column name must start above its run of =, one run per name',
    ]);
    const fewerRuns = 'devicepool phones\n=================\nHQ         7\n';
    expect(runImport({ 'counts.txt': fewerRuns }).problems).toEqual([
      'counts.txt:2: error: this underline does not match the header above it: each column name must start above its run of =, one run per name',
    ]);
  });

  it('refuses a table with other columns, naming them', () => {
    const other = sqlTable(['devicepool', 'phones', 'region'], [['HQ', '7', 'EU']]);
    expect(runImport({ 'counts.txt': other }).problems).toEqual([
      'counts.txt:1: error: unknown table columns region: the phones table has the columns devicepool phones',
    ]);
  });
});

describe('AXL executeSQLQuery responses', () => {
  it('ignores namespace prefixes; a missing or empty element is none; entities and CDATA are text', () => {
    const topology = axlResponse(TOPOLOGY_COLUMNS, [
      ['R&amp;D', 'G', '1', 'CM1', null, '-1'],
      ['R&amp;D', 'G', '2', 'CM2', null, '-1'],
    ]).replace(/&amp;amp;/g, '&amp;');
    const counts = axlResponse(['devicepool', 'phones'], [['R&D', '9']]).replace(
      '<phones>9</phones>',
      '<phones><![CDATA[9]]></phones><srst/>'.replace('<srst/>', ''),
    );
    const { text, problems } = runImport({ 'topology.xml': topology, 'counts.xml': counts });
    expect(problems).toEqual([]);
    expect(text).toContain('# CUCM name: R&D\npool R_D { group G phones 9 }\n');
  });

  it('quotes the faultstring of a SOAP Fault', () => {
    const fault = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">',
      '<soapenv:Body>',
      '<soapenv:Fault>',
      '<faultcode>soapenv:Server</faultcode>',
      '<faultstring>A syntax error has occurred.</faultstring>',
      '</soapenv:Fault>',
      '</soapenv:Body>',
      '</soapenv:Envelope>',
    ].join('\n');
    expect(runImport({ 'answer.xml': fault }).problems).toEqual(['answer.xml:4: error: the AXL request failed (SOAP Fault): "A syntax error has occurred."']);
  });
});

describe('one topology whatever the format', () => {
  const rows = [
    ['HQ Phones', 'HQ_CMG', '1', 'CM_sub1', 'Use Default Gateway', '60'],
    ['HQ Phones', 'HQ_CMG', '2', 'CM_sub2', 'Use Default Gateway', '60'],
    ['Lab', 'LAB', '1', 'CM_sub2', 'Disable', '-1'],
  ];
  const counts = [
    ['HQ Phones', '2'],
    ['Lab', '1'],
  ];

  it('gives the same text from run sql tables and from AXL responses, the input names aside', () => {
    const fromText = runImport({ a: sqlTable(TOPOLOGY_COLUMNS, rows), b: sqlTable(['devicepool', 'phones'], counts) });
    const fromAxl = runImport({ a: axlResponse(TOPOLOGY_COLUMNS, rows), b: axlResponse(['devicepool', 'phones'], counts) });
    const fromCsv = runImport({
      a: sqlTable(TOPOLOGY_COLUMNS, rows),
      b: 'Device Name,Device Pool\nSEP1,HQ Phones\nSEP2,HQ Phones\nSEP3,Lab\n',
    });
    expect(fromText.problems).toEqual([]);
    expect(fromAxl).toEqual(fromText);
    expect(fromCsv).toEqual(fromText);
  });
});

describe('streaming', () => {
  it('reads a text split at any place like the whole text', () => {
    const bat =
      '\uFEFFDevice Name,Description,Device Pool,Device Type\r\nSEP1,"a ""quoted"",\r\nvalue",HQ Phones,Cisco 8845\r\nSEP1,x,HQ Phones,y\r\nSEP2,,HQ Phones,"Cisco 7841"\r\n';
    const whole = runImport({ 'topology.txt': TOPOLOGY, 'phones.csv': bat });
    expect(whole.text).toContain('pool HQ_Phones');
    for (let cut = 0; cut <= bat.length; cut++) {
      const run = createCucmImport();
      const topology = run.source('topology.txt');
      topology.write(TOPOLOGY);
      topology.end();
      const phones = run.source('phones.csv');
      phones.write(bat.slice(0, cut));
      phones.write(bat.slice(cut));
      phones.end();
      const result = run.finish();
      expect({ text: result.text, problems: result.problems.map(formatImportProblem) }, `cut at ${cut}`).toEqual(whole);
    }
  });
});
