// The reference in docs/ against the product: every diagnostic code has its section in rules.md,
// every example parses and means what the page says (clean, or producing the code it shows), the
// worked figures of simulation.md are what the simulator computes, and no link is broken.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../../server/src/core/diagnostics';
import { checkFiles } from '../../server/src/core/results/check';
import { simulationJsonObject } from '../../server/src/core/results/export';
import { runScenarios } from '../../server/src/core/results/runs';
import { Analysis } from '../../server/src/core/workspace/analysis';
import { KEYWORDS } from '../../server/src/core/syntax/tokens';
import { parseRuleConfig } from '../../server/src/core/workspace/config';
import type { ReadResult, SourceHost } from '../../server/src/core/workspace/program';
import { anchors, readDoc, readDocs, type CheckedTable, type CodeBlock } from './markdown';

const docs = readDocs();
const docNamed = (name: string) => docs.find((d) => d.name === name)!;
const failoverBlocks = docs.flatMap((d) => d.blocks.filter((b) => b.lang === 'failover'));

/** Where an example lives in the in-memory workspace: `# file:` examples by name, the others by place. */
const EXAMPLES = '/docs';
function examplePath(block: CodeBlock): string {
  return block.fileName ? `${EXAMPLES}/${block.fileName}` : `${EXAMPLES}/${block.doc.replace(/\.md$/, '')}-line-${block.line}.failover`;
}

/** Every named example of every page: they may import one another, as files of one folder. */
const namedFiles = new Map<string, string>();
for (const block of failoverBlocks) if (block.fileName) namedFiles.set(examplePath(block), block.text);

function hostWith(extra: ReadonlyMap<string, string>): SourceHost {
  return {
    readFile(file: string): ReadResult {
      const text = extra.get(file) ?? namedFiles.get(file);
      return text === undefined ? { error: 'file not found' } : { text };
    },
  };
}

interface ExampleCheck {
  readonly analysis: Analysis;
  /** Static and simulated diagnostics of every file the example loads, rule configuration applied. */
  readonly all: Diagnostic[];
  readonly root: Diagnostic[];
}

function checkExample(block: CodeBlock): ExampleCheck {
  const file = examplePath(block);
  const analysis = Analysis.load([file], hostWith(new Map([[file, block.text]])));
  const byFile = checkFiles(analysis, [file]).diagnostics;
  return { analysis, all: [...byFile.values()].flat(), root: byFile.get(file) ?? [] };
}

/** Codes an example says it shows, with `# error: CODE` comments. */
function markedErrors(block: CodeBlock): Set<string> {
  return new Set([...block.text.matchAll(/#\s*error:\s*([a-z-]+)/g)].map((m) => m[1]!));
}

const errorsOf = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error');
const describeDiagnostics = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n');
const where = (block: CodeBlock) => `${block.doc}:${block.line}`;

describe('language.md', () => {
  it('lists every keyword of the lexer, and nothing else, as reserved', () => {
    const language = docNamed('language.md');
    const list = language.blocks.find((b) => b.lang === 'text' && b.section === 'Words, names and numbers');
    expect(list, 'the keyword list of "Words, names and numbers"').toBeDefined();
    expect(list!.text.split(/\s+/).filter(Boolean).sort()).toEqual([...KEYWORDS].sort());
  });
});

describe('rules.md', () => {
  const rules = docNamed('rules.md');
  const sections = rules.headings.filter((h) => h.level === 2).map((h) => h.text);

  it('has exactly one `## code` section per diagnostic code, in the order of the code table', () => {
    expect(sections).toEqual(Object.keys(DIAGNOSTIC_CODES));
  });

  it('names no unknown code in a section heading', () => {
    for (const section of sections) expect(Object.keys(DIAGNOSTIC_CODES), section).toContain(section);
  });

  // Examples of one section that another example of it imports are shown through that one.
  const importedInSection = (block: CodeBlock) =>
    rules.blocks.some(
      (other) => other !== block && other.section === block.section && block.fileName !== undefined && other.text.includes(`import "${block.fileName}"`),
    );

  for (const code of Object.keys(DIAGNOSTIC_CODES)) {
    it(`${code}: the section's examples produce \`${code}\` and no other error`, () => {
      const examples = rules.blocks.filter((b) => b.section === code && (b.lang === 'failover' || b.lang === 'json'));
      expect(examples.length, `no example in section ${code}`).toBeGreaterThan(0);
      for (const block of examples) {
        const fixed = /^#\s*fixed\b/.test(block.text);
        if (block.lang === 'json') {
          const problems = parseRuleConfig(`${EXAMPLES}/failover.config.json`, block.text).problems;
          if (code === 'invalid-config' && !fixed) expect(problems.length, where(block)).toBeGreaterThan(0);
          else expect(problems, where(block)).toEqual([]);
          continue;
        }
        const { all } = checkExample(block);
        const codes = new Set(all.map((d) => d.code));
        const allowed = new Set([...markedErrors(block), ...(fixed ? [] : [code])]);
        const unexpected = errorsOf(all).filter((d) => !allowed.has(d.code));
        expect(unexpected, `${where(block)}\n${describeDiagnostics(unexpected)}`).toEqual([]);
        if (fixed) expect(codes.has(code as never), `${where(block)}: a fixed example still produces ${code}`).toBe(false);
        else if (!importedInSection(block)) expect([...codes], `${where(block)}\n${describeDiagnostics(all)}`).toContain(code);
      }
    });
  }
});

describe('the examples of every page', () => {
  it('give every `# file:` name once', () => {
    const names = failoverBlocks.flatMap((b) => (b.fileName ? [b.fileName] : []));
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  const cleanPages = docs.filter((d) => d.name !== 'rules.md');
  for (const doc of cleanPages) {
    for (const block of doc.blocks.filter((b) => b.lang === 'failover')) {
      it(`${where(block)} analyses and simulates with exactly the errors it marks`, () => {
        const { root } = checkExample(block);
        const marked = markedErrors(block);
        const errors = errorsOf(root);
        expect(
          errors.filter((d) => !marked.has(d.code)),
          `${where(block)}\n${describeDiagnostics(errors)}`,
        ).toEqual([]);
        for (const code of marked)
          expect(
            errors.map((d) => d.code),
            `${where(block)} should show ${code}`,
          ).toContain(code);
      });
    }
  }

  it('hold valid failover.config.json rules (the invalid-config examples aside)', () => {
    for (const doc of docs) {
      for (const block of doc.blocks.filter((b) => b.lang === 'json' || b.lang === 'jsonc')) {
        if (doc.name === 'rules.md' && block.section === 'invalid-config') continue;
        // A VS Code settings snippet holds the same map under `failover.rules`.
        const parsed = JSON.parse(block.text.replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;
        const config = 'failover.rules' in parsed ? JSON.stringify({ rules: parsed['failover.rules'] }) : block.text;
        expect(parseRuleConfig(`${EXAMPLES}/failover.config.json`, config).problems, where(block)).toEqual([]);
      }
    }
  });
});

/** A value of the `simulate --format json` object at a dotted path; a name may itself hold dots. */
function valueAt(root: unknown, dotted: string): unknown {
  const parts = dotted.split('.');
  let value = root;
  while (parts.length > 0) {
    const object = value as Record<string, unknown>;
    let taken = 1;
    while (taken <= parts.length && !Object.prototype.hasOwnProperty.call(object, parts.slice(0, taken).join('.'))) taken++;
    if (taken > parts.length) return undefined;
    value = object[parts.splice(0, taken).join('.')];
  }
  return value;
}

interface SimulatedScenario {
  readonly end: number;
  readonly settled: number;
  readonly pools: Record<string, { phones: number; maxOutage: number; outagePhoneSeconds: number }>;
  readonly timeline: { t: number; pools: Record<string, Record<string, number>> }[];
}

function simulateExample(table: CheckedTable): SimulatedScenario {
  const file = `${EXAMPLES}/${table.file}`;
  const analysis = Analysis.load([file], hostWith(new Map()));
  expect(analysis.isSimulable(file), `${table.file} cannot be simulated`).toBe(true);
  const runs = runScenarios(analysis, file, { scenarioName: table.scenario });
  expect(runs.length, `no scenario "${table.scenario}" in ${table.file}`).toBe(1);
  const json = JSON.parse(JSON.stringify(simulationJsonObject(table.file, runs, analysis.program.unit(file)!.lines))) as { scenarios: SimulatedScenario[] };
  return json.scenarios[0]!;
}

const number = (cell: string) => Number(cell.replace(/[`,]/g, ''));

function onlyPool(result: SimulatedScenario): string {
  const pools = Object.keys(result.pools);
  expect(pools.length, 'a timeline or phone table needs an example with one pool').toBe(1);
  return pools[0]!;
}

function countAt(result: SimulatedScenario, pool: string, target: string, t: number): number {
  let counts: Record<string, number> = {};
  for (const entry of result.timeline) {
    if (entry.t > t) break;
    counts = entry.pools[pool] ?? {};
  }
  return counts[target] ?? 0;
}

function checkFigures(table: CheckedTable, result: SimulatedScenario): void {
  for (const [field, value] of table.rows) {
    expect(valueAt(result, field!.replace(/`/g, '')), `${table.doc}:${table.line} ${field}`).toBe(number(value!));
  }
}

/** `| t (ms) | CM1 | CM2 | unregistered |`: each row is a timeline entry with exactly these counts. */
function checkTimeline(table: CheckedTable, result: SimulatedScenario): void {
  const pool = onlyPool(result);
  for (const row of table.rows) {
    if (row[0] === '…') continue;
    const t = number(row[0]!);
    const entry = result.timeline.find((e) => e.t === t);
    expect(entry, `${table.doc}:${table.line}: no timeline entry at ${t}`).toBeDefined();
    table.header.slice(1).forEach((target, i) => {
      expect(entry!.pools[pool]?.[target] ?? 0, `${table.doc}:${table.line}: ${target} at ${t}`).toBe(number(row[i + 1]!));
    });
  }
}

/**
 * `| phone | … | registered with X at (ms) | outage (ms) |`: at each time listed, X gains exactly the
 * phones listed for it; the outages are the pool's longest and, when every phone is listed, its total.
 */
function checkPhones(table: CheckedTable, result: SimulatedScenario): void {
  const pool = onlyPool(result);
  const registered = table.header.findIndex((h) => /^registered with \S+ at \(ms\)$/.test(h));
  expect(registered, `${table.doc}:${table.line}: no "registered with X at (ms)" column`).toBeGreaterThan(0);
  const target = /^registered with (\S+) at/.exec(table.header[registered]!)![1]!;
  const arrivals = new Map<number, number>();
  for (const row of table.rows) arrivals.set(number(row[registered]!), (arrivals.get(number(row[registered]!)) ?? 0) + 1);
  for (const [t, phones] of arrivals) {
    expect(countAt(result, pool, target, t) - countAt(result, pool, target, t - 1), `${table.doc}:${table.line}: phones reaching ${target} at ${t}`).toBe(
      phones,
    );
  }
  const outageColumn = table.header.indexOf('outage (ms)');
  if (outageColumn < 0) return;
  const outages = table.rows.map((row) => number(row[outageColumn]!));
  const figures = result.pools[pool]!;
  if (table.rows.length === figures.phones) {
    expect(Math.max(...outages), `${table.doc}:${table.line}: maxOutage`).toBe(figures.maxOutage);
    expect(outages.reduce((a, b) => a + b, 0) / 1000, `${table.doc}:${table.line}: outagePhoneSeconds`).toBeCloseTo(figures.outagePhoneSeconds, 3);
  } else {
    expect(Math.max(...outages)).toBeLessThanOrEqual(figures.maxOutage);
  }
}

describe('the worked figures', () => {
  const tables = docs.flatMap((d) => d.tables);

  it('are there to check', () => {
    expect(tables.length).toBeGreaterThan(10);
  });

  for (const table of tables) {
    it(`${table.doc}:${table.line} ${table.file} "${table.scenario}" (${table.header[0]})`, () => {
      const result = simulateExample(table);
      switch (table.header[0]) {
        case 'JSON field':
          return checkFigures(table, result);
        case 't (ms)':
          return checkTimeline(table, result);
        case 'phone':
          return checkPhones(table, result);
        default:
          throw new Error(`${table.doc}:${table.line}: unknown kind of checked table "${table.header[0]}"`);
      }
    });
  }
});

describe('links', () => {
  it('lead to files that exist and to anchors that exist', () => {
    const broken: string[] = [];
    for (const doc of docs) {
      for (const link of doc.links) {
        if (/^[a-z]+:/i.test(link.target)) continue; // https:, mailto:
        const [file = '', anchor] = link.target.split('#');
        const target = file === '' ? doc.path : path.resolve(path.dirname(doc.path), file);
        if (!existsSync(target)) {
          broken.push(`${doc.name}:${link.line}: ${link.target} (no such file)`);
          continue;
        }
        if (anchor === undefined || !target.endsWith('.md')) continue;
        const linked = docs.find((d) => d.path === target) ?? readDoc(target);
        if (!anchors(linked).has(anchor)) broken.push(`${doc.name}:${link.line}: ${link.target} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
  });
});
