// Parse + validate a generated 10,000-line workspace, against a bare Chevrotain lex of the same text.
import { failoverLexer } from '../server/src/core/syntax/tokens';
import { Analysis } from '../server/src/core/workspace/analysis';
import type { SourceHost } from '../server/src/core/workspace/program';
import { generateWorkspace } from './workspace';
import { median, printTable } from './report';

export function runLanguageBenchmarks(): void {
  const { files, lines } = generateWorkspace(10_000);
  const host: SourceHost = { readFile: (path) => (files.has(path) ? { text: files.get(path)! } : { error: 'file not found' }) };
  const texts = [...files.values()];
  const bytes = texts.reduce((n, t) => n + t.length, 0);

  const lex = (): void => {
    for (const text of texts) failoverLexer.tokenize(text);
  };
  const validate = (): void => {
    const analysis = Analysis.load([...files.keys()], host);
    for (const key of files.keys()) analysis.diagnostics(key);
  };
  // Warm up the JIT and check the generated workspace is clean.
  for (let i = 0; i < 5; i++) {
    lex();
    validate();
  }
  const problems = (() => {
    const analysis = Analysis.load([...files.keys()], host);
    return [...files.keys()].flatMap((k) => analysis.diagnostics(k)).length;
  })();
  const lexMs = median(20, lex);
  const validateMs = median(20, validate);
  printTable(`Language: ${lines.toLocaleString('en-US')} lines in ${files.size} files (${(bytes / 1024).toFixed(0)} KiB), ${problems} diagnostics`, [
    ['bare Chevrotain lex', `${lexMs.toFixed(2)} ms`],
    ['parse + index + validate', `${validateMs.toFixed(2)} ms`],
    ['ratio validate / lex', `${(validateMs / lexMs).toFixed(2)}×  (target ≤ 3×)`],
    ['lines per second (validate)', `${Math.round((lines / validateMs) * 1000).toLocaleString('en-US')}`],
  ]);
}
