// Reads the small part of YAML that action.yml uses: nested mappings by indentation, lists of
// mappings (`- key: value`), literal block scalars (`|`), plain and quoted scalars, whole-line
// comments. Anything else throws, so the action file cannot drift into syntax this reader (and
// the test that relies on it) would misread.

export type YamlValue = string | boolean | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  readonly indent: number;
  readonly text: string;
  readonly number: number;
}

function scalar(text: string, where: number): string | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^'.*'$/.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  if (/^".*"$/.test(text)) {
    if (/\\/.test(text)) throw new Error(`line ${where}: escapes in double-quoted strings are not read here`);
    return text.slice(1, -1);
  }
  if (/^[[{&*!|>%@`]/.test(text) || / #/.test(text) || /: /.test(text)) throw new Error(`line ${where}: \`${text}\` is beyond this reader`);
  return text;
}

export function parseYamlSubset(source: string): YamlValue {
  const raw = source.split('\n');
  let at = 0;

  /** The next line with content (comments and blank lines skipped), without consuming it. */
  const peek = (): Line | undefined => {
    while (at < raw.length) {
      const line = raw[at]!;
      if (line.trim() === '' || /^\s*#/.test(line)) {
        at++;
        continue;
      }
      if (/\t/.test(line.slice(0, line.length - line.trimStart().length))) throw new Error(`line ${at + 1}: a tab in the indentation`);
      return { indent: line.length - line.trimStart().length, text: line.trim(), number: at + 1 };
    }
    return undefined;
  };

  /** The lines of a `|` block more indented than `parent`, with that indentation removed. */
  const block = (parent: number): string => {
    const lines: string[] = [];
    let indent: number | undefined;
    while (at < raw.length) {
      const line = raw[at]!;
      if (line.trim() !== '') {
        const own = line.length - line.trimStart().length;
        if (own <= parent) break;
        indent ??= own;
        if (own < indent) throw new Error(`line ${at + 1}: less indented than its block`);
      }
      lines.push(line.slice(indent ?? 0));
      at++;
    }
    while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
    return lines.join('\n') + '\n';
  };

  /** `key: value` pairs at `indent`, the first one possibly starting after a `- `. */
  const mapping = (indent: number, first?: string): { [key: string]: YamlValue } => {
    const result: { [key: string]: YamlValue } = {};
    const entry = (text: string, number: number) => {
      const match = /^([\w.-]+):(?: (.*))?$/.exec(text);
      if (!match) throw new Error(`line ${number}: expected \`key: value\`, got \`${text}\``);
      const [, key, value] = match;
      if (key! in result) throw new Error(`line ${number}: \`${key}\` given twice`);
      if (value === '|') result[key!] = block(indent);
      else if (value !== undefined && value !== '') result[key!] = scalar(value, number);
      else {
        const next = peek();
        result[key!] = next && next.indent > indent ? node(next.indent) : '';
      }
    };
    if (first !== undefined) entry(first, at);
    for (let line = peek(); line && line.indent === indent && !line.text.startsWith('- '); line = peek()) {
      at++;
      entry(line.text, line.number);
    }
    const next = peek();
    if (next && next.indent > indent) throw new Error(`line ${next.number}: unexpected indentation`);
    return result;
  };

  const node = (indent: number): YamlValue => {
    const line = peek()!;
    if (!line.text.startsWith('- ')) return mapping(indent);
    const items: YamlValue[] = [];
    for (let item = peek(); item && item.indent === indent && item.text.startsWith('- '); item = peek()) {
      at++;
      items.push(mapping(indent + 2, item.text.slice(2)));
    }
    return items;
  };

  const value = node(0);
  const rest = peek();
  if (rest) throw new Error(`line ${rest.number}: not read (\`${rest.text}\`)`);
  return value;
}
