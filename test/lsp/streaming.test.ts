// The editor's simulations stream, are cached across edits and run what is in view first; none of
// it may show. The worker's stream is what its outcome says, in the order of the focus; and after
// random sequences of edits and viewports, the bundled server's lenses, diagnostics and hints equal
// those of a fresh in-process analysis and simulation of the final text.
// Seeded: a failure prints its seed and path, and `fc.assert(..., { seed, path })` replays it.
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as lsp from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { codeLenses } from '../../server/src/lsp/features/codeLens';
import { inlayHintsIn } from '../../server/src/lsp/features/inlayHints';
import { SimulationService } from '../../server/src/node/simulationService';
import type { SimulationProgress } from '../../server/src/node/simulationProtocol';
import { featureWorkspace, WORKSPACE_ROOT } from '../support/featureHarness';
import { positionAt, TestClient, workspaceFolder } from '../support/lspClient';

const WORKER = path.resolve(__dirname, '../../dist/simulationWorker.js');

function site(n: number, phones: number, crashAt: number): string {
  return [
    `callmanager S${n}A { capacity 200 }`,
    `callmanager S${n}B { capacity 200 }`,
    `group S${n}G { S${n}A, S${n}B }`,
    `pool S${n}P { group S${n}G phones ${phones} }`,
    `scenario "site ${n}" {`,
    `  at 0s calls S${n}P 20% lasting 2m`,
    `  at ${crashAt}m crash S${n}A`,
    `  at ${crashAt + 10}m recover S${n}A`,
    `  at ${crashAt + 4}m expect S${n}P on S${n}B >= ${phones - 5}`,
    '}',
    '',
  ].join('\n');
}

const SITES = [1, 2, 3, 4].map((n) => site(n, 10 * n, n)).join('\n');

describe('the simulation worker streams each scenario as it is done', () => {
  const service = new SimulationService(WORKER);
  afterAll(() => service.dispose());

  it('sends every run once, in the order of the focus, each equal to the outcome', async () => {
    const key = '/w/sites.failover';
    const last = SITES.lastIndexOf('scenario "site 4"');
    const job = { files: [[key, SITES]] as const, targets: [key], roots: [key], budgetMs: 600_000, maxPhones: 1_000_000 };
    const progress: SimulationProgress[] = [];
    const streamed = await service.run({ ...job, stream: true, focus: { file: key, ranges: [{ start: last, end: last }] } }, (p) => progress.push(p));
    expect(streamed?.error).toBeUndefined();
    // Nearest the focus first: site 4, then 3, 2, 1.
    expect(progress.map((p) => p.run.scenario.title?.value)).toEqual(['site 4', 'site 3', 'site 2', 'site 1']);
    // The outcome names the file but does not send its runs a second time.
    expect(streamed).toMatchObject({ streamed: true, runs: [[key, []]] });
    const whole = await service.run(job);
    expect(whole?.streamed).toBeUndefined();
    expect([...progress].reverse().map((p) => p.run)).toEqual(new Map(whole!.runs).get(key));
    expect(streamed!.diagnostics).toEqual(whole!.diagnostics);
    // The streamed diagnostics are the outcome's, the single-failure check's aside.
    const simulated = new Map(whole!.diagnostics).get(key)?.filter((d) => d.code !== 'single-failure-risk') ?? [];
    expect(progress.flatMap((p) => p.diagnostics).sort((a, b) => a.range.start - b.range.start)).toEqual(simulated);
  });
});

/** An edit of the sites file: a figure changed, a line of comment added (moving what follows), a scenario added or removed, a typo. */
type Edit =
  | { kind: 'figure'; site: number; phones: number; crashAt: number }
  | { kind: 'comment'; line: number }
  | { kind: 'typo'; at: number }
  | { kind: 'sites'; count: number };

const anEdit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('figure' as const),
    site: fc.integer({ min: 1, max: 4 }),
    phones: fc.integer({ min: 5, max: 60 }),
    crashAt: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({ kind: fc.constant('comment' as const), line: fc.nat({ max: 50 }) }),
  fc.record({ kind: fc.constant('typo' as const), at: fc.nat({ max: 2000 }) }),
  fc.record({ kind: fc.constant('sites' as const), count: fc.integer({ min: 1, max: 5 }) }),
);

function apply(text: string, edit: Edit): { start: number; end: number; insert: string } {
  switch (edit.kind) {
    case 'figure': {
      const start = text.indexOf(`callmanager S${edit.site}A`);
      if (start < 0) return { start: 0, end: 0, insert: '' };
      const end = text.indexOf('}\n', text.indexOf(`scenario "site ${edit.site}"`, start)) + 2;
      return { start, end, insert: site(edit.site, edit.phones, edit.crashAt) };
    }
    case 'comment': {
      const lines = text.split('\n');
      const at = lines.slice(0, edit.line % lines.length).join('\n').length;
      return { start: at, end: at, insert: `${at === 0 ? '' : '\n'}# a note${at === 0 ? '\n' : ''}` };
    }
    case 'typo': {
      const at = edit.at % (text.length + 1);
      return { start: at, end: at, insert: 'x' };
    }
    case 'sites':
      return {
        start: 0,
        end: text.length,
        insert: [1, 2, 3, 4, 5]
          .slice(0, edit.count)
          .map((n) => site(n, 10 * n, n))
          .join('\n'),
      };
  }
}

describe('the server after random edits and viewports: the same as a fresh analysis of the final text', () => {
  const folder = workspaceFolder({ 'sites.failover': SITES });
  const uri = folder.uri('sites.failover');
  let client: TestClient;
  const inProcess = <T>(answer: T): T =>
    JSON.parse(JSON.stringify(answer).replaceAll(URI.file(folder.root).toString(), URI.file(WORKSPACE_ROOT).toString())) as T;

  beforeAll(async () => {
    // A generous time budget: on a busy machine the low-priority worker must not stop short.
    client = await TestClient.start(folder.root, { settings: { simulation: { timeBudgetMs: 600_000 } } });
    await client.open(uri, SITES);
  });
  afterAll(() => client.stop());

  it('lenses, diagnostics and inlay hints', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(anEdit, fc.option(fc.nat({ max: 60 }), { nil: undefined })), { minLength: 1, maxLength: 5 }), async (edits) => {
        for (const [edit, viewLine] of edits) {
          if (viewLine !== undefined)
            await client.connection.sendNotification('failover/viewport', {
              uri,
              ranges: [{ start: { line: viewLine, character: 0 }, end: { line: viewLine + 10, character: 0 } }],
            });
          const { start, end, insert } = apply(client.text(uri), edit);
          await client.edit(uri, start, end, insert);
        }
        const lenses = await client.simulated(uri, 120_000);
        const text = client.text(uri);
        const ws = featureWorkspace({ 'sites.failover': text });
        const file = ws.file('sites.failover');
        expect(inProcess(lenses)).toEqual(codeLenses(file, ws.simulation(), 'onType'));
        const diagnostics = await client.diagnostics(uri);
        const simulated = ws.simulation().diagnostics.get(file.key) ?? [];
        expect(diagnostics.map((d) => [d.code, d.range.start.line, d.message]).sort()).toEqual(
          [...ws.analysis.diagnostics(file.key), ...simulated].map((d) => [d.code, file.lines.positionAt(d.range.start).line, d.message]).sort(),
        );
        const range = { start: positionAt(text, 0), end: positionAt(text, text.length) };
        const hints = await client.request<lsp.InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range });
        expect(hints).toEqual(inlayHintsIn(file, { start: 0, end: text.length }));
      }),
      { numRuns: 6 },
    );
  });
});
