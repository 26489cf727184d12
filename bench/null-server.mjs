/**
 * The null language server: the JSON-RPC floor. It keeps documents in sync (incremental changes,
 * as every real server must) and answers everything empty: diagnostics (pulled, empty, from a
 * client that can pull, as Zhoubao's are; else pushed at once for each version), completion [],
 * hover null, document symbols [].
 *
 * With BENCH_ECHO=<file> (a JSON array of diagnostics) it pushes those diagnostics for every
 * version instead of none: the payload floor, what sending that many diagnostics per keystroke
 * costs with no work done.
 */
import * as fs from 'node:fs';
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let pull = false;
connection.onInitialize((params) => {
  // as Zhoubao: pulled by a client that can pull and be asked to pull again
  pull = !!params.capabilities.textDocument?.diagnostic && !!params.capabilities.workspace?.diagnostics?.refreshSupport;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: ['#'] },
      hoverProvider: true,
      documentSymbolProvider: true,
      ...(pull ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
    },
  };
});
const echo = process.env.BENCH_ECHO ? JSON.parse(fs.readFileSync(process.env.BENCH_ECHO, 'utf8')) : [];
documents.onDidChangeContent((e) => {
  if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, version: e.document.version, diagnostics: echo });
});
connection.onCompletion(() => []);
connection.onHover(() => null);
connection.onDocumentSymbol(() => []);
connection.languages.diagnostics.on(() => ({ kind: 'full', items: [] }));
documents.listen(connection);
connection.listen();
