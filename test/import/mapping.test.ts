// CUCM-IMPORT.md "How it maps" and "What it writes", rule by rule, each with the exact text expected.
import { describe, expect, it } from 'vitest';
import { csv, runImport, sqlTable, TOPOLOGY_COLUMNS } from './support';

type Row = readonly (string | null)[];
const topology = (rows: readonly Row[]) => sqlTable(TOPOLOGY_COLUMNS, rows);
const phones = (rows: readonly Row[]) => sqlTable(['devicepool', 'phones'], rows);
const parameters = (rows: readonly Row[]) => sqlTable(['paramname', 'paramvalue'], rows);

const CALLMANAGER_NOTE =
  "# CUCM knows no capacity or registration rate: add each server's figures from its hardware,\n# e.g. callmanager CM1 { capacity 7500 registration-rate 125 }\n";
const header = (inputs: string) => `# Imported from CUCM by failover import: ${inputs}\n`;

describe('callmanagers, groups and srst routers', () => {
  it('writes every callmanager, group and srst router of the topology table, even those only a left-out pool uses', () => {
    const result = runImport({
      'topology.txt': topology([
        ['HQ', 'G1', '1', 'CM1', 'Use Default Gateway', '-1'],
        ['LAB', 'G2', '1', 'CM9', 'LAB-RTR', '-1'],
        ['SPARE', 'G3', '1', 'CM1', 'Use Default Gateway', '-1'],
      ]),
      'phones.txt': phones([['HQ', '10']]),
    });
    // GW- routers exist only for written pools: SPARE has none.
    expect(result).toEqual({
      text: [
        header('topology.txt, phones.txt'),
        CALLMANAGER_NOTE,
        'callmanager CM1\ncallmanager CM9\n',
        'srst GW-HQ\nsrst LAB-RTR\n',
        'group G1 { CM1 }\ngroup G2 { CM9 }\ngroup G3 { CM1 }\n',
        '# Device pools without phones, left out: LAB, SPARE\n',
        // Three properties: one per line (fmt's layout).
        'pool HQ {\n  group G1\n  srst GW-HQ\n  phones 10\n}\n',
      ].join('\n'),
      problems: [],
    });
  });

  it('orders members by ascending numeric priority, which need not be consecutive nor start at 1', () => {
    const { text } = runImport({
      'topology.txt': topology([
        ['HQ', 'G', '10', 'CM-C', null, null],
        ['HQ', 'G', '0', 'CM-A', null, null],
        ['HQ', 'G', '2', 'CM-B', null, null],
      ]),
      'phones.txt': phones([['HQ', '5']]),
    });
    // 0 < 2 < 10 as numbers (as text, "10" would come before "2").
    expect(text).toContain('group G { CM-A, CM-B, CM-C }\n');
  });

  it('takes a group once when the rows of every pool that uses it agree', () => {
    const { text, problems } = runImport({
      'topology.txt': topology([
        ['A', 'G', '1', 'CM1', null, null],
        ['A', 'G', '2', 'CM2', null, null],
        ['B', 'G', '1', 'CM1', null, null],
        ['B', 'G', '2', 'CM2', null, null],
      ]),
      'phones.txt': phones([
        ['A', '1'],
        ['B', '2'],
      ]),
    });
    expect(problems).toEqual([]);
    expect(text).toContain('group G { CM1, CM2 }\n\npool A { group G phones 1 }\npool B { group G phones 2 }\n');
  });

  it('refuses a group of more than three members', () => {
    const result = runImport({
      'topology.txt': topology([
        ['HQ', 'BIG', '1', 'CM1', null, null],
        ['HQ', 'BIG', '2', 'CM2', null, null],
        ['HQ', 'BIG', '3', 'CM3', null, null],
        ['HQ', 'BIG', '4', 'CM4', null, null],
      ]),
      'phones.txt': phones([['HQ', '5']]),
    });
    expect(result).toEqual({
      problems: ['topology.txt:6: error: group "BIG" has more than three members (CM1, CM2, CM3, CM4): a CallManager group holds one to three'],
    });
  });

  it('refuses a member twice in one group', () => {
    const result = runImport({
      'topology.txt': topology([
        ['HQ', 'G', '1', 'CM1', null, null],
        ['HQ', 'G', '2', 'CM1', null, null],
      ]),
      'phones.txt': phones([['HQ', '5']]),
    });
    expect(result).toEqual({ problems: ['topology.txt:4: error: group "G" lists CallManager "CM1" twice: a member may appear once in a group'] });
  });

  it('refuses a group whose rows disagree between two pools', () => {
    const result = runImport({
      'topology.txt': topology([
        ['A', 'G', '1', 'CM1', null, null],
        ['A', 'G', '2', 'CM2', null, null],
        ['B', 'G', '1', 'CM2', null, null],
        ['B', 'G', '2', 'CM1', null, null],
      ]),
      'phones.txt': phones([
        ['A', '1'],
        ['B', '1'],
      ]),
    });
    expect(result).toEqual({
      problems: [
        'topology.txt:5: error: group "G": the rows of device pool "B" list CM2, CM1, those of device pool "A" (line 3) list CM1, CM2: a group has one member list',
      ],
    });
  });

  it('reads Disable as no SRST, and Use Default Gateway as a GW- router per pool that uses it', () => {
    const { text } = runImport({
      'topology.txt': topology([
        ['BR1', 'G', '1', 'CM1', 'Use Default Gateway', null],
        ['BR2', 'G', '1', 'CM1', 'Use Default Gateway', null],
        ['HQ', 'G', '1', 'CM1', 'Disable', null],
      ]),
      'phones.txt': phones([
        ['BR1', '3'],
        ['BR2', '4'],
        ['HQ', '50'],
      ]),
    });
    expect(text).toContain('srst GW-BR1\nsrst GW-BR2\n');
    expect(text).toContain(
      'pool BR1 {\n  group G\n  srst GW-BR1\n  phones 3\n}\n\npool BR2 {\n  group G\n  srst GW-BR2\n  phones 4\n}\n\npool HQ { group G phones 50 }\n',
    );
  });
});

describe('pools', () => {
  it('writes group, srst, phones and a connection monitor other than -1 (seconds); -1 is the cluster default', () => {
    const { text } = runImport({
      'topology.txt': topology([
        ['BR', 'G', '1', 'CM1', 'BR-RTR', '60'],
        ['HQ', 'G', '1', 'CM1', null, '-1'],
      ]),
      'phones.txt': phones([
        ['BR', '40'],
        ['HQ', '1200'],
      ]),
    });
    expect(text).toContain('pool BR {\n  group G\n  srst BR-RTR\n  phones 40\n  connection-monitor 60s\n}\n\npool HQ { group G phones 1200 }\n');
  });

  it('leaves out pools without phones, listed in one comment by their CUCM names', () => {
    const { text } = runImport({
      'topology.txt': topology([
        ['HQ', 'G', '1', 'CM1', null, null],
        ['Spare Pool', 'G', '1', 'CM1', null, null],
        ['Lab', 'G', '1', 'CM1', null, null],
      ]),
      'phones.txt': phones([
        ['HQ', '7'],
        ['Lab', '0'],
      ]),
    });
    expect(text).toContain('# Device pools without phones, left out: Lab, Spare Pool\n\npool HQ { group G phones 7 }\n');
  });

  it('warns of a pool that has phones but is not in the topology table, with their count', () => {
    const result = runImport({
      'topology.txt': topology([['HQ', 'G', '1', 'CM1', null, null]]),
      'phones.txt': phones([
        ['HQ', '7'],
        ['Annex', '12'],
      ]),
    });
    expect(result.problems).toEqual(['phones.txt:4: warning: device pool "Annex" has 12 phones but is not in the topology table: left out']);
    expect(result.text).toContain('pool HQ { group G phones 7 }\n');
    expect(result.text).not.toContain('Annex');
  });

  it('refuses when no pool with phones remains', () => {
    expect(runImport({ 'topology.txt': topology([['HQ', 'G', '1', 'CM1', null, null]]), 'phones.txt': phones([['HQ', '0']]) })).toEqual({
      problems: ['topology.txt:1: error: no device pool of the topology table has phones: nothing to write'],
    });
  });
});

describe('settings', () => {
  it('maps the three service parameters, names compared case-insensitively, others ignored', () => {
    const { text, problems } = runImport({
      'params.txt': parameters([
        ['STATIONKEEPALIVEINTERVAL', '45'],
        ['maxphonesfallbackqueuedepth', '20'],
        ['ConnectionMonitorDuration', '300'],
        ['StationKeepaliveInterval_Secondary', '99'],
      ]),
      'topology.txt': topology([['HQ', 'G', '1', 'CM1', null, null]]),
      'phones.txt': phones([['HQ', '1']]),
    });
    expect(problems).toEqual([]);
    expect(text).toContain(`\n\nsettings {\n  keepalive 45s\n  fallback-queue-depth 20\n  connection-monitor 300s\n}\n\n# CUCM knows`);
  });

  it('warns when a parameter has different values, listing them, and uses the first row', () => {
    const { text, problems } = runImport({
      'params.txt': parameters([
        ['StationKeepaliveInterval', '30'],
        ['StationKeepaliveInterval', '30'],
        ['StationKeepaliveInterval', '60'],
        ['StationKeepaliveInterval', '45'],
      ]),
      'topology.txt': topology([['HQ', 'G', '1', 'CM1', null, null]]),
      'phones.txt': phones([['HQ', '1']]),
    });
    expect(problems).toEqual(["params.txt:5: warning: StationKeepaliveInterval has different values (30, 60, 45): the first row's, 30, is used"]);
    expect(text).toContain('\nsettings { keepalive 30s }\n');
  });

  it('writes no settings block when no parameter was read', () => {
    const { text } = runImport({ 'topology.txt': topology([['HQ', 'G', '1', 'CM1', null, null]]), 'phones.txt': phones([['HQ', '1']]) });
    expect(text).not.toContain('settings');
  });
});

describe('phone counts from several sources', () => {
  it('lets the last source on the command line win, warning with both counts', () => {
    const bat = csv([
      ['Device Name', 'Device Pool'],
      ['SEP0001', 'HQ'],
      ['SEP0002', 'HQ'],
    ]);
    const table = phones([['HQ', '3']]);
    const topo = topology([['HQ', 'G', '1', 'CM1', null, null]]);
    const tableLast = runImport({ 'topology.txt': topo, 'phones.csv': bat, 'phones.txt': table });
    expect(tableLast.problems).toEqual(['phones.txt:3: warning: device pool "HQ": 3 phones here, 2 in phones.csv (line 2): the later input\'s 3 is used']);
    expect(tableLast.text).toContain('pool HQ { group G phones 3 }');
    const csvLast = runImport({ 'topology.txt': topo, 'phones.txt': table, 'phones.csv': bat });
    expect(csvLast.problems).toEqual(['phones.csv:2: warning: device pool "HQ": 2 phones here, 3 in phones.txt (line 3): the later input\'s 2 is used']);
    expect(csvLast.text).toContain('pool HQ { group G phones 2 }');
  });
});

describe('names', () => {
  const named = (pools: readonly string[], extra: Record<string, string> = {}) =>
    runImport({
      'topology.txt': topology(pools.map((pool) => [pool, 'G', '1', 'CM1', null, null])),
      'phones.txt': phones(pools.map((pool) => [pool, '1'])),
      ...extra,
    });

  it('turns characters outside [A-Za-z0-9_.-] into _, and puts _ before a name that does not start with a letter or _', () => {
    const { text } = named(['Main Floor/2', '3rd-floor', 'é-wing']);
    expect(text).toContain('# CUCM name: 3rd-floor\npool _3rd-floor { group G phones 1 }');
    expect(text).toContain('# CUCM name: Main Floor/2\npool Main_Floor_2 { group G phones 1 }');
    expect(text).toContain('# CUCM name: é-wing\npool _-wing { group G phones 1 }');
  });

  it('adds _ after a keyword, sweep keywords included, and keeps a name that needed no change', () => {
    const { text } = named(['pool', 'step', 'vary', 'Pool.HQ_1']);
    expect(text).toContain('# CUCM name: pool\npool pool_ { group G phones 1 }');
    expect(text).toContain('# CUCM name: step\npool step_ { group G phones 1 }');
    expect(text).toContain('# CUCM name: vary\npool vary_ { group G phones 1 }');
    expect(text).toContain('\npool Pool.HQ_1 { group G phones 1 }');
    expect(text).not.toContain('CUCM name: Pool.HQ_1');
  });

  it('gives a changed name that is taken -2, -3, … in the code-point order of the CUCM names; the unchanged one keeps its name', () => {
    // "HQ Phones" (space, U+0020) comes before "HQ:Phones" (U+003A) and "HQ/Phones" (U+002F) before that.
    const { text } = named(['HQ:Phones', 'HQ_Phones', 'HQ Phones', 'HQ/Phones']);
    expect(text).toContain(
      [
        'pool HQ_Phones { group G phones 1 }',
        '',
        '# CUCM name: HQ Phones',
        'pool HQ_Phones-2 { group G phones 1 }',
        '',
        '# CUCM name: HQ/Phones',
        'pool HQ_Phones-3 { group G phones 1 }',
        '',
        '# CUCM name: HQ:Phones',
        'pool HQ_Phones-4 { group G phones 1 }',
      ].join('\n'),
    );
  });

  it('shares one namespace between kinds, and left-out pools take no part', () => {
    const { text } = runImport({
      'topology.txt': topology([
        ['CM 1', 'CM_1', '1', 'CM 1', null, null],
        ['CM_1', 'CM_1', '1', 'CM 1', null, null],
      ]),
      // The pool "CM_1" has no phones: it is not written, so it takes no name.
      'phones.txt': phones([['CM 1', '2']]),
    });
    expect(text).toBe(
      [
        header('topology.txt, phones.txt'),
        CALLMANAGER_NOTE,
        '# CUCM name: CM 1\ncallmanager CM_1-2\n',
        'group CM_1 { CM_1-2 }\n',
        '# Device pools without phones, left out: CM_1\n',
        '# CUCM name: CM 1\npool CM_1-3 { group CM_1 phones 2 }\n',
      ].join('\n'),
    );
  });

  it('names a GW- router after the pool as written, and puts the device-type line between the CUCM name and the pool', () => {
    const { text } = runImport({
      'topology.txt': topology([
        ['HQ_Phones', 'G', '1', 'CM1', null, null],
        ['HQ Phones', 'G', '1', 'CM1', 'Use Default Gateway', null],
      ]),
      'phones.csv': csv([
        ['Device Name', 'Device Pool', 'Device Type'],
        ['SEP01', 'HQ Phones', 'Cisco 7841'],
        ['SEP02', 'HQ Phones', 'Cisco 8845'],
        ['SEP03', 'HQ Phones', 'Cisco 8845'],
        ['SEP04', 'HQ_Phones', 'Cisco 8845'],
      ]),
    });
    expect(text).toBe(
      [
        header('topology.txt, phones.csv'),
        CALLMANAGER_NOTE,
        'callmanager CM1\n',
        'srst GW-HQ_Phones-2\n',
        'group G { CM1 }\n',
        '# Cisco 8845 × 1\npool HQ_Phones { group G phones 1 }\n',
        '# CUCM name: HQ Phones\n# Cisco 8845 × 2, Cisco 7841 × 1\npool HQ_Phones-2 {\n  group G\n  srst GW-HQ_Phones-2\n  phones 3\n}\n',
      ].join('\n'),
    );
  });
});

describe('readings where the design is silent (docs/import.md)', () => {
  it('lets the kind written first keep a valid name two kinds share, and gives a taken GW- name a suffix', () => {
    const { text } = runImport({
      'topology.txt': topology([['HQ', 'HQ', '1', 'HQ', 'GW-HQ', null]]),
      'more.txt': topology([['BR', 'HQ', '1', 'HQ', 'Use Default Gateway', null]]),
      'phones.txt': phones([
        ['HQ', '1'],
        ['BR', '1'],
      ]),
    });
    expect(text).toBe(
      [
        header('topology.txt, more.txt, phones.txt'),
        CALLMANAGER_NOTE,
        'callmanager HQ\n',
        'srst GW-BR\nsrst GW-HQ\n',
        '# CUCM name: HQ\ngroup HQ-2 { HQ }\n',
        'pool BR {\n  group HQ-2\n  srst GW-BR\n  phones 1\n}\n',
        '# CUCM name: HQ\npool HQ-3 {\n  group HQ-2\n  srst GW-HQ\n  phones 1\n}\n',
      ].join('\n'),
    );
    const taken = runImport({
      'topology.txt': topology([
        ['HQ', 'G', '1', 'CM1', 'Use Default Gateway', null],
        ['BR', 'G', '1', 'CM1', 'GW-HQ', null],
      ]),
      'phones.txt': phones([
        ['HQ', '1'],
        ['BR', '1'],
      ]),
    });
    expect(taken.text).toContain('srst GW-HQ\nsrst GW-HQ-2\n');
    expect(taken.text).toContain('pool HQ {\n  group G\n  srst GW-HQ-2\n  phones 1\n}');
  });

  it('skips a parameter value that is not a number, and leaves out one the language does not accept', () => {
    const { text, problems } = runImport({
      'params.txt': parameters([
        ['StationKeepaliveInterval', 'thirty'],
        ['StationKeepaliveInterval', '45'],
        ['MaxPhonesFallBackQueueDepth', '0'],
      ]),
      'topology.txt': topology([['HQ', 'G', '1', 'CM1', null, null]]),
      'phones.txt': phones([['HQ', '1']]),
    });
    expect(problems).toEqual([
      'params.txt:3: warning: StationKeepaliveInterval "thirty" is not a number: ignored',
      'params.txt:5: warning: MaxPhonesFallBackQueueDepth 0 is outside what fallback-queue-depth accepts: left out',
    ]);
    expect(text).toContain('\nsettings { keepalive 45s }\n');
  });

  it('keeps the default for a connection monitor that is neither seconds nor -1, with a warning', () => {
    const { text, problems } = runImport({ 'topology.txt': topology([['HQ', 'G', '1', 'CM1', null, 'soon']]), 'phones.txt': phones([['HQ', '1']]) });
    expect(problems).toEqual([
      `topology.txt:3: warning: connection monitor "soon" of device pool "HQ" is not a number of seconds or -1: the cluster's default is kept`,
    ]);
    expect(text).toContain('pool HQ { group G phones 1 }');
  });

  it('says which table is missing rather than warning about every pool', () => {
    expect(
      runImport({
        'phones.csv': csv([
          ['Device Name', 'Device Pool'],
          ['SEP1', 'HQ'],
        ]),
      }),
    ).toEqual({
      problems: [
        'phones.csv:1: error: no input holds the topology table (devicepool cmgroup priority callmanager …): add the output of its query (docs/import.md)',
      ],
    });
    expect(runImport({ 'topology.txt': topology([['HQ', 'G', '1', 'CM1', null, null]]) })).toEqual({
      problems: ['topology.txt:1: error: no input gives phone counts: add the BAT phone export or the output of the phone count query (docs/import.md)'],
    });
  });

  it('refuses a pool whose rows name different groups', () => {
    expect(
      runImport({
        'topology.txt': topology([
          ['HQ', 'G1', '1', 'CM1', null, null],
          ['HQ', 'G2', '2', 'CM2', null, null],
        ]),
        'phones.txt': phones([['HQ', '1']]),
      }).problems,
    ).toEqual(['topology.txt:4: error: device pool "HQ": its rows name different CallManager groups ("G1", "G2")']);
  });
});
