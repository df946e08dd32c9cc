// Every LSP feature, one file each; main.ts calls registerFeatures once.
import type { ServerContext } from '../context';
import { registerAdvice } from './advice';
import { registerCodeActions } from './codeActions';
import { registerCodeLens } from './codeLens';
import { registerCommands } from './commands';
import { registerCompletion } from './completion';
import { registerDiagnostics } from './diagnostics';
import { registerDocumentLinks } from './documentLinks';
import { registerFolding } from './folding';
import { registerFormatting } from './formatting';
import { registerHover } from './hover';
import { registerImportCucm } from './importCucm';
import { registerInlayHints } from './inlayHints';
import { registerNavigation } from './navigation';
import { registerSemanticTokens } from './semanticTokens';
import { registerSweepChart } from './sweepChart';
import { registerSymbols } from './symbols';
import { registerTests } from './tests';

export { SEMANTIC_TOKEN_LEGEND } from './semanticTokens';

export function registerFeatures(context: ServerContext): void {
  registerDiagnostics(context);
  registerCodeLens(context);
  registerHover(context);
  registerCompletion(context);
  registerNavigation(context);
  registerSymbols(context);
  registerSemanticTokens(context);
  registerFolding(context);
  registerFormatting(context);
  registerCodeActions(context);
  registerInlayHints(context);
  registerDocumentLinks(context);
  registerCommands(context);
  registerTests(context);
  registerImportCucm(context);
  registerSweepChart(context);
  registerAdvice(context);
}
