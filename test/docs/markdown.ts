// Reads the parts of the docs' Markdown that the docs tests check: fenced examples, headings and
// their anchors, links, and the figure tables announced by `<!-- check: FILE "SCENARIO" -->`.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const DOCS_FOLDER = path.resolve(__dirname, '../../docs');

export interface CodeBlock {
  readonly doc: string;
  /** The info string after the opening fence (`failover`, `json`, `text`, or empty). */
  readonly lang: string;
  readonly text: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The text of the nearest `##` heading above the block (empty before the first one). */
  readonly section: string;
  /** From a first line `# file: NAME`: the example is that file, which other examples may import. */
  readonly fileName?: string;
}

interface Heading {
  readonly level: number;
  readonly text: string;
  readonly line: number;
}

interface Link {
  readonly target: string;
  readonly line: number;
}

/** A table announced by `<!-- check: FILE "SCENARIO" -->` on the line just above it. */
export interface CheckedTable {
  readonly doc: string;
  readonly line: number;
  readonly file: string;
  readonly scenario: string;
  readonly header: string[];
  readonly rows: string[][];
}

interface MarkdownDoc {
  /** The file's name inside docs/ (or its path, for a Markdown file elsewhere). */
  readonly name: string;
  readonly path: string;
  readonly text: string;
  readonly blocks: CodeBlock[];
  readonly headings: Heading[];
  readonly links: Link[];
  readonly tables: CheckedTable[];
}

const FENCE = /^```\s*([\w-]*)\s*$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*$/;
const FILE_NAME = /^#\s*file:\s*(\S+)\s*$/;
const CHECK = /^<!--\s*check:\s*(\S+)\s+"(.*)"\s*-->\s*$/;
const LINK = /\[[^\]]*\]\(([^)\s]+)\)/g;

function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

/** Reads a Markdown file: a name in docs/, or an absolute path. */
export function readDoc(name: string): MarkdownDoc {
  const file = path.resolve(DOCS_FOLDER, name);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  const headings: Heading[] = [];
  const links: Link[] = [];
  const tables: CheckedTable[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !/^```\s*$/.test(lines[j]!)) body.push(lines[j++]!);
      if (j === lines.length) throw new Error(`${name}:${i + 1}: unclosed code fence`);
      const fileName = FILE_NAME.exec(body[0] ?? '')?.[1];
      blocks.push({ doc: name, lang: fence[1]!, text: body.join('\n') + '\n', line: i + 1, section, ...(fileName ? { fileName } : {}) });
      i = j;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      headings.push({ level: heading[1]!.length, text: heading[2]!, line: i + 1 });
      if (heading[1]!.length === 2) section = heading[2]!;
    }
    const check = CHECK.exec(line);
    if (check) {
      const rows: string[][] = [];
      let j = i + 1;
      while (j < lines.length && lines[j]!.startsWith('|')) rows.push(cells(lines[j++]!));
      if (rows.length < 3) throw new Error(`${name}:${i + 1}: a check comment must stand just above a table`);
      tables.push({ doc: name, line: i + 1, file: check[1]!, scenario: check[2]!, header: rows[0]!, rows: rows.slice(2) });
    }
    // Code spans hold no links: `[x](y)` inside backticks is text. A link's text may run over two lines.
    const joined = i + 1 < lines.length && !FENCE.test(lines[i + 1]!) ? `${line} ${lines[i + 1]!}` : line;
    for (const match of joined.replace(/`[^`]*`/g, '').matchAll(LINK)) {
      if (match.index! <= line.length) links.push({ target: match[1]!, line: i + 1 });
    }
  }
  return { name, path: file, text, blocks, headings, links, tables };
}

export function readDocs(): MarkdownDoc[] {
  return readdirSync(DOCS_FOLDER)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map(readDoc);
}

/** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces to `-`, repeats numbered. */
export function anchors(doc: MarkdownDoc): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const heading of doc.headings) {
    const slug = heading.text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}
