// Document links: an import's path opens the file it names.
import type * as lsp from 'vscode-languageserver';
import { keyToUri } from '../convert';
import type { FileView, ServerContext } from '../context';

export function registerDocumentLinks(context: ServerContext): void {
  context.connection.onDocumentLinks(
    context.guard('textDocument/documentLink', async (params: lsp.DocumentLinkParams): Promise<lsp.DocumentLink[]> => {
      const file = await context.file(params.textDocument.uri);
      return file ? documentLinks(file) : [];
    }),
  );
}

/** A link on the path of each import that resolves, opening the imported file. */
export function documentLinks(file: FileView): lsp.DocumentLink[] {
  return file.unit.imports.flatMap((imported) =>
    imported.target && imported.decl.path
      ? [
          {
            range: file.toRange({ start: imported.decl.path.range.start + 1, end: imported.decl.path.range.end - 1 }),
            target: keyToUri(imported.target),
            tooltip: 'Open the imported file',
          },
        ]
      : [],
  );
}
