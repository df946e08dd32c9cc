// textDocument/diagnostic (pull): the file's static diagnostics at once, plus the simulation's
// when it has finished for this version (a refresh is sent when it does).
import * as lsp from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { toLspDiagnostic } from '../convert';
import { applyRuleConfig } from '../../core/workspace/config';

export function registerDiagnostics(context: ServerContext): void {
  const { connection, state } = context;
  connection.languages.diagnostics.on(
    context.guard('textDocument/diagnostic', async (params: lsp.DocumentDiagnosticParams): Promise<lsp.DocumentDiagnosticReport> => {
      const file = await context.file(params.textDocument.uri);
      if (!file) return { kind: lsp.DocumentDiagnosticReportKind.Full, items: [] };
      const own = file.analysis.diagnostics(file.key);
      const simulated = state.simulation?.diagnostics.get(file.key) ?? [];
      const { rules } = await context.configuration.get(params.textDocument.uri);
      const items = applyRuleConfig([...own, ...simulated], { rules, problems: [] })
        .sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end)
        .map((d) => toLspDiagnostic(d, file.lines, (key) => state.linesOf(key)));
      return { kind: lsp.DocumentDiagnosticReportKind.Full, items };
    }),
  );
}
