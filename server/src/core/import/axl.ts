// Saved AXL `executeSQLQuery` responses: a SOAP envelope whose `<return>` holds one `<row>` per
// row, each row's children named after the columns. A small tag scanner, not an XML library:
// namespace prefixes are dropped, a missing or empty element is none, and a SOAP Fault is reported
// with its faultstring. Such responses are small (grouped counts), so the text is read whole.
import type { ProblemSink } from './problems';
import { cellValue, recognizeTable, tableRows, type CucmData } from './tables';

interface Element {
  readonly name: string;
  readonly line: number;
  readonly children: Element[];
  text: string;
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|</g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return ENTITIES[body] ?? whole;
  });
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** The element tree of `text`, or the line and reason it is not well-formed. */
function parseXml(text: string): { root: Element } | { line: number; error: string } {
  const root: Element = { name: '', line: 1, children: [], text: '' };
  const open: Element[] = [root];
  let line = 1;
  let counted = 0;
  const lineAt = (offset: number) => {
    for (let i = text.indexOf('\n', counted); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    counted = Math.max(counted, offset);
    return line;
  };
  for (const match of text.matchAll(TOKEN)) {
    const [whole, cdata, closing, name, , selfClosing, chars] = match;
    const at = lineAt(match.index);
    const current = open[open.length - 1]!;
    if (cdata !== undefined) current.text += cdata;
    else if (chars !== undefined) current.text += decodeEntities(chars);
    else if (whole === '<') return { line: at, error: 'not well-formed XML: a < that starts no tag' };
    else if (name !== undefined) {
      const local = localName(name);
      if (closing) {
        if (current === root || current.name !== local) return { line: at, error: `not well-formed XML: </${name}> closes no open <${name}>` };
        open.pop();
      } else {
        const element: Element = { name: local, line: at, children: [], text: '' };
        current.children.push(element);
        if (!selfClosing) open.push(element);
      }
    }
  }
  const unclosed = open[open.length - 1]!;
  if (unclosed !== root) return { line: unclosed.line, error: `not well-formed XML: <${unclosed.name}> is never closed` };
  return { root };
}

function* descendants(element: Element): Generator<Element> {
  for (const child of element.children) {
    yield child;
    yield* descendants(child);
  }
}

/** Reads one saved response; returns whether it held an AXL answer (a `return` or a Fault). */
export function readAxl(text: string, data: CucmData, file: string, order: number, problems: ProblemSink): boolean {
  const parsed = parseXml(text);
  if ('error' in parsed) {
    problems.error(parsed.line, parsed.error);
    return true;
  }
  const all = [...descendants(parsed.root)];
  const fault = all.find((e) => e.name === 'Fault');
  if (fault) {
    const reason = [...descendants(fault)].find((e) => e.name === 'faultstring' || e.name === 'Text');
    const said = reason?.text.trim();
    problems.error(fault.line, said ? `the AXL request failed (SOAP Fault): "${said}"` : 'the AXL request failed (SOAP Fault, no faultstring)');
    return true;
  }
  const returns = all.filter((e) => e.name === 'return');
  for (const answer of returns) {
    const rows = answer.children.filter((e) => e.name === 'row');
    if (rows.length === 0) continue;
    const columns = [...new Set(rows.flatMap((row) => row.children.map((c) => c.name.toLowerCase())))];
    const recognized = recognizeTable(columns, false);
    if ('error' in recognized) {
      problems.error(rows[0]!.line, recognized.error);
      return true;
    }
    const take = tableRows(recognized.kind, data, file, order, problems);
    for (const row of rows) {
      const ok = take((column) => {
        const element = row.children.find((c) => c.name.toLowerCase() === column);
        return cellValue(element?.text);
      }, row.line);
      if (!ok) return true;
    }
  }
  return returns.length > 0;
}
