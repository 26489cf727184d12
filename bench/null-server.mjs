/**
 * The null language server: the JSON-RPC floor. It keeps documents in sync (incremental changes,
 * as every real server must) and answers everything empty: diagnostics are pushed at once for
 * each version (and pulled ones are empty), completion [], hover null, document symbols [].
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    completionProvider: { triggerCharacters: ['#'] },
    hoverProvider: true,
    documentSymbolProvider: true,
    diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
  },
}));
documents.onDidChangeContent((e) => void connection.sendDiagnostics({ uri: e.document.uri, version: e.document.version, diagnostics: [] }));
connection.onCompletion(() => []);
connection.onHover(() => null);
connection.onDocumentSymbol(() => []);
connection.languages.diagnostics.on(() => ({ kind: 'full', items: [] }));
documents.listen(connection);
connection.listen();
