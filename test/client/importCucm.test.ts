// Failover: Import from CUCM… without VS Code (a scripted `window` and `workspace`,
// test/client/fakeVscode.ts): which files are picked and how they are named, what is sent to the
// server, the untitled editor, and the notifications and output lines for warnings and errors.
import { describe, expect, it } from 'vitest';
import { ADD_MORE, CucmImport, SHOW_ALL, type ImportApi } from '../../client/src/importCucm';
import type { ImportCucmParams, ImportCucmResult, ImportProblemEntry } from '../../server/src/lsp/protocol';
import { FakeImportUi } from './fakeVscode';

const TOPOLOGY = '# Imported from CUCM: exports/phones.csv\n\ncallmanager CM1\n';

function problem(file: string, line: number, severity: 'error' | 'warning', message: string): ImportProblemEntry {
  return { file, line, severity, message, display: `${file}:${line}: ${severity}: ${message}` };
}

/** The import against a scripted UI and a server that answers `result` and remembers what it was sent. */
function setUp(files: Record<string, string | Uint8Array>, result: ImportCucmResult | Error = { text: TOPOLOGY, pools: 3, problems: [] }) {
  const ui = new FakeImportUi(files);
  const sent: ImportCucmParams[] = [];
  const command = new CucmImport(
    ui.api as unknown as ImportApi,
    async (params) => {
      sent.push(params);
      if (result instanceof Error) throw result;
      return result;
    },
    ui.log,
  );
  return { ui, sent, command };
}

describe('picking the export files', () => {
  it('imports several files picked at once, in the order picked, named relative to the workspace or by their base name', async () => {
    const { ui, sent, command } = setUp({ '/ws/exports/phones.csv': 'Device Name,Device Pool\n', '/home/me/cucm/session.log': 'admin:run sql …\n' });
    ui.dialogs = [['/ws/exports/phones.csv', '/home/me/cucm/session.log']];
    await command.run();
    expect(sent).toEqual([
      {
        files: [
          { name: 'exports/phones.csv', text: 'Device Name,Device Pool\n' },
          { name: 'session.log', text: 'admin:run sql …\n' },
        ],
      },
    ]);
    expect(ui.calls).toEqual([
      'dialog "Import from CUCM: the export files" in /ws',
      'progress "Importing from CUCM…"',
      'untitled document opened (failover)',
      'editor shown (failover)',
    ]);
    expect(ui.opened).toEqual([{ language: 'failover', content: TOPOLOGY }]);
  });

  it('offers the kinds of export in the dialog and lets several be picked', async () => {
    const { ui, command } = setUp({});
    let options: { filters?: Record<string, string[]>; canSelectMany?: boolean; canSelectFolders?: boolean } | undefined;
    const show = ui.api.window.showOpenDialog;
    ui.api.window.showOpenDialog = async (o) => {
      options = o as typeof options;
      return show(o);
    };
    await command.run();
    expect(options).toMatchObject({ canSelectMany: true, canSelectFolders: false });
    expect(options?.filters).toEqual({
      'CUCM exports': ['csv', 'txt', 'log', 'xml'],
      CSV: ['csv'],
      Text: ['txt', 'log'],
      XML: ['xml'],
      'All files': ['*'],
    });
  });

  it('does nothing when the dialog is cancelled', async () => {
    const { ui, sent, command } = setUp({});
    ui.dialogs = [undefined];
    await command.run();
    expect(sent).toEqual([]);
    expect(ui.calls).toEqual(['dialog "Import from CUCM: the export files" in /ws']);
  });

  it('after a single file, asks whether to add another (a one-file dialog), opening the next dialog in that file’s folder', async () => {
    const { ui, sent, command } = setUp({ '/data/cucm/phones.csv': 'a', '/data/cucm/session.txt': 'b' });
    ui.dialogs = [['/data/cucm/phones.csv'], ['/data/cucm/session.txt']];
    ui.picks = [ADD_MORE, 'Import 2 files'];
    await command.run();
    expect(ui.calls.slice(0, 4)).toEqual([
      'dialog "Import from CUCM: the export files" in /ws',
      `pick "Import from CUCM": Import 1 file [phones.csv] | ${ADD_MORE}`,
      'dialog "Import from CUCM: another export file" in /data/cucm',
      `pick "Import from CUCM": Import 2 files [phones.csv, session.txt] | ${ADD_MORE}`,
    ]);
    expect(sent.map((p) => p.files.map((f) => f.name))).toEqual([['phones.csv', 'session.txt']]);
  });

  it('goes back to the files chosen so far when the dialog for another one is cancelled, and counts a file picked twice once', async () => {
    const { ui, sent, command } = setUp({ '/ws/a.csv': 'a' });
    ui.dialogs = [['/ws/a.csv'], undefined, ['/ws/a.csv']];
    ui.picks = [ADD_MORE, ADD_MORE, 'Import 1 file'];
    await command.run();
    expect(ui.calls.filter((c) => c.startsWith('pick'))).toEqual([
      `pick "Import from CUCM": Import 1 file [a.csv] | ${ADD_MORE}`,
      `pick "Import from CUCM": Import 1 file [a.csv] | ${ADD_MORE}`,
      `pick "Import from CUCM": Import 1 file [a.csv] | ${ADD_MORE}`,
    ]);
    expect(sent.map((p) => p.files.map((f) => f.name))).toEqual([['a.csv']]);
  });

  it('imports nothing when the question is dismissed', async () => {
    const { ui, sent, command } = setUp({ '/ws/a.csv': 'a' });
    ui.dialogs = [['/ws/a.csv']];
    ui.picks = [undefined];
    await command.run();
    expect(sent).toEqual([]);
    expect(ui.opened).toEqual([]);
  });

  it('gives files whose short names are the same by their whole paths, so that problems say which', async () => {
    const { ui, sent, command } = setUp({ '/site-a/export.csv': 'a', '/site-b/export.csv': 'b', '/ws/export.csv': 'c' });
    ui.dialogs = [['/site-a/export.csv', '/site-b/export.csv', '/ws/export.csv']];
    await command.run();
    expect(sent[0]?.files.map((f) => f.name)).toEqual(['/site-a/export.csv', '/site-b/export.csv', '/ws/export.csv']);
  });
});

describe('reading the files', () => {
  it('sends the text as the CLI reads it: a byte-order mark dropped', async () => {
    const { ui, sent, command } = setUp({ '/ws/phones.csv': new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x2c, 0xc3, 0xa9, 0x0a]), '/ws/b.txt': 'b' });
    ui.dialogs = [['/ws/phones.csv', '/ws/b.txt']];
    await command.run();
    expect(sent[0]?.files[0]).toEqual({ name: 'phones.csv', text: 'A,é\n' });
  });

  it('marks a file that is not UTF-8 for the import to refuse, sending none of its bytes', async () => {
    const { ui, sent, command } = setUp({ '/ws/phones.xlsx': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x0a]), '/ws/b.txt': 'b' });
    ui.dialogs = [['/ws/phones.xlsx', '/ws/b.txt']];
    await command.run();
    expect(sent[0]?.files).toEqual([
      { name: 'phones.xlsx', text: '', notUtf8: true },
      { name: 'b.txt', text: 'b' },
    ]);
  });

  it('stops with one message naming a file it cannot read, and sends nothing', async () => {
    const { ui, sent, command } = setUp({ '/ws/a.csv': 'a' });
    ui.dialogs = [['/ws/a.csv', '/ws/gone.txt']];
    await command.run();
    expect(sent).toEqual([]);
    expect(ui.calls.at(-1)).toBe('error: Import from CUCM: could not read gone.txt: EntryNotFound (FileSystemError): /ws/gone.txt');
  });

  it('says so when the server fails to answer', async () => {
    const { ui, command } = setUp({ '/ws/a.csv': 'a', '/ws/b.csv': 'b' }, new Error('Connection got disposed.'));
    ui.dialogs = [['/ws/a.csv', '/ws/b.csv']];
    await command.run();
    expect(ui.calls.at(-1)).toBe('error: Import from CUCM failed: Connection got disposed.');
    expect(ui.opened).toEqual([]);
  });
});

describe('the result', () => {
  const warnings = [
    problem('phones.csv', 14, 'warning', 'device SEP001122334455 is listed again; counted once, in pool HQ_Phones'),
    problem('session.txt', 9, 'warning', 'device pool Lab_Phones has 3 phones but is not in the topology table; left out'),
  ];

  it('opens the topology despite warnings, and says how many pools and warnings, with the lines in the output channel', async () => {
    const { ui, command } = setUp({ '/ws/phones.csv': 'a', '/ws/session.txt': 'b' }, { text: TOPOLOGY, pools: 3, problems: warnings });
    ui.dialogs = [['/ws/phones.csv', '/ws/session.txt']];
    ui.answers = [undefined];
    await command.run();
    expect(ui.opened).toEqual([{ language: 'failover', content: TOPOLOGY }]);
    expect(ui.calls.slice(-2)).toEqual(['editor shown (failover)', `warning: Imported 3 pools with 2 warnings {${SHOW_ALL}}`]);
    expect(ui.logged).toEqual(['Import from CUCM of phones.csv, session.txt:', warnings[0]!.display, warnings[1]!.display]);
  });

  it('shows the output channel, keeping the focus in the editor, on "Show all"', async () => {
    const { ui, command } = setUp({ '/ws/a.csv': 'a', '/ws/b.csv': 'b' }, { text: TOPOLOGY, pools: 1, problems: warnings.slice(0, 1) });
    ui.dialogs = [['/ws/a.csv', '/ws/b.csv']];
    ui.answers = [SHOW_ALL];
    await command.run();
    expect(ui.calls.slice(-2)).toEqual([`warning: Imported 1 pool with 1 warning {${SHOW_ALL}}`, 'output shown (focus kept)']);
  });

  it('opens nothing on errors: the first error in the notification, every problem in the output channel', async () => {
    const problems = [
      warnings[0]!,
      problem('session.txt', 12, 'error', 'group HQ_CMG has 4 members; a group has at most three'),
      problem('session.txt', 20, 'error', 'priority "first" is not a number'),
    ];
    const { ui, command } = setUp({ '/ws/phones.csv': 'a', '/ws/session.txt': 'b' }, { problems });
    ui.dialogs = [['/ws/phones.csv', '/ws/session.txt']];
    ui.answers = [SHOW_ALL];
    await command.run();
    expect(ui.opened).toEqual([]);
    expect(ui.calls.slice(-2)).toEqual([
      `error: Import from CUCM failed: session.txt:12: error: group HQ_CMG has 4 members; a group has at most three (and 2 more problems) {${SHOW_ALL}}`,
      'output shown (focus kept)',
    ]);
    expect(ui.logged).toEqual(['Import from CUCM of phones.csv, session.txt:', ...problems.map((p) => p.display)]);
  });

  it('with a single error, the notification is that error alone', async () => {
    const { ui, command } = setUp({ '/ws/empty.csv': '', '/ws/b.csv': 'b' }, { problems: [problem('empty.csv', 1, 'error', 'the file is empty')] });
    ui.dialogs = [['/ws/empty.csv', '/ws/b.csv']];
    await command.run();
    expect(ui.calls.at(-1)).toBe(`error: Import from CUCM failed: empty.csv:1: error: the file is empty {${SHOW_ALL}}`);
  });

  it('shows no notification when the import is clean: the editor is the answer', async () => {
    const { ui, command } = setUp({ '/ws/a.csv': 'a', '/ws/b.csv': 'b' });
    ui.dialogs = [['/ws/a.csv', '/ws/b.csv']];
    await command.run();
    expect(ui.calls.at(-1)).toBe('editor shown (failover)');
    expect(ui.logged).toEqual([]);
  });
});
