/**
 * The language server: wires connection events to the session and the core features, nothing
 * else. Every request handler is guarded: it answers the fallback when cancelled, and on an
 * error logs to the connection console and answers the fallback instead of failing the request.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Connection,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  type FoldingRange,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
  type SymbolInformation,
} from 'vscode-languageserver/node';
import { EditLog } from './edits';
import { documentSymbols, foldingRanges, hoverAt, type OutlineSymbol } from '../core/features';
import { completionHistory, completionsAt, COMPLETION_TRIGGERS } from '../core/features/completion';
import { toLocale } from '../core/l10n';
import { MAX_PARSE_CHARS } from '../core/parse';
import type { LineIndex } from '../core/text';
import { DEFAULT_PROFILE_FILE } from './config';
import { toCodeActions, toCompletionItems, toDocumentSymbols, toFoldingRanges, toHover, toSymbolInformation } from './convert';
import { serverVersion } from './paths';
import { IndexStatusRequest, NewReportRequest, ServerStatusRequest, type IndexStatus, type NewReportParams, type NewReportResult, type ServerStatus } from './protocol';
import { carryOverLenses, newReport, toWorkspaceSymbols } from './carryover';
import { historyHoverAt, withHistory } from '../core/features/history';
import { formatIsoWeek } from '../core/weeks';
import { canPull, errorText, Session } from './session';
import { rollupFor, trendsFor } from './trends';
import { appliedInterruptBudget } from './jit';
import { RollupRequest, TrendsRequest, type RollupParams, type RollupResult, type TrendsParams, type TrendsResult } from './protocol';

/**
 * LSP forms of results the core keeps per parsed report (outline, folding ranges): converted once
 * per result (and URI), so a repeated request on an unchanged document costs no conversion. The
 * outline's top-level symbols (one per week) are also kept by the core per parsed week, which an
 * edit elsewhere leaves alone: their LSP forms are kept per symbol, so after an edit only the
 * changed weeks are converted. Converted values are shared between responses, never modified.
 */
const lspSymbols = new WeakMap<object, Map<string, DocumentSymbol[]>>();
const lspSymbolInformation = new WeakMap<object, Map<string, SymbolInformation[]>>();
const lspFolding = new WeakMap<object, Map<string, FoldingRange[]>>();

function converted<T>(cache: WeakMap<object, Map<string, T>>, source: object, key: string, convert: () => T): T {
  let byKey = cache.get(source);
  if (!byKey) cache.set(source, (byKey = new Map()));
  let value = byKey.get(key);
  if (value === undefined) byKey.set(key, (value = convert()));
  return value;
}

/** `toDocumentSymbols(outline)`, converting each top-level symbol once. */
function lspOutline(outline: OutlineSymbol[]): DocumentSymbol[] {
  return converted(lspSymbols, outline, '', () => outline.flatMap((s) => converted(lspSymbols, s, '', () => toDocumentSymbols([s]))));
}

/** `toSymbolInformation(outline, uri)`, converting each top-level symbol once per URI. */
function lspSymbolList(outline: OutlineSymbol[], uri: string): SymbolInformation[] {
  return converted(lspSymbolInformation, outline, uri, () => outline.flatMap((s) => converted(lspSymbolInformation, s, uri, () => toSymbolInformation([s], uri))));
}

/** A non-blank line other than `line` (without splitting the whole text). */
function hasTextBesides(lines: LineIndex, line: number): boolean {
  for (let l = 0; l < lines.lineCount; l++) if (l !== line && lines.lineText(l).trim() !== '') return true;
  return false;
}

export function startServer(connection: Connection): void {
  const edits = new EditLog();
  const documents = new TextDocuments({ create: edits.create, update: edits.update });
  let session: Session | undefined;

  /** A request handler that never throws to the client and honours cancellation. */
  function handle<P, R>(name: string, fallback: R, run: (s: Session, params: P, token: CancellationToken) => R | undefined | Promise<R | undefined>) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      if (!session || token.isCancellationRequested) return fallback;
      try {
        const result = await run(session, params, token);
        return token.isCancellationRequested || result === undefined ? fallback : result;
      } catch (e) {
        session.log(`zhoubao: ${name} failed: ${errorText(e)}`);
        return fallback;
      }
    };
  }

  /** A notification handler that never throws. */
  function on<P>(name: string, run: (s: Session, params: P) => void) {
    return (params: P): void => {
      if (!session) return;
      try {
        run(session, params);
      } catch (e) {
        session.log(`zhoubao: ${name} failed: ${errorText(e)}`);
      }
    };
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    session = new Session(connection, documents, params.capabilities, toLocale(params.locale), edits);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    session.configs.setFolders(folders);
    return { capabilities: capabilities(canPull(params.capabilities)), serverInfo: { name: 'zhoubao-language-server', version: serverVersion() } };
  });

  connection.onInitialized(
    on('initialized', (s) => {
      const caps = s.capabilities;
      if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'zhoubao' });
      }
      if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${DEFAULT_PROFILE_FILE}` }, { globPattern: '**/*.md' }] });
      }
      if (caps.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          on('workspaceFolders', (s2, e) => {
            const removed = new Set(e.removed.map((f) => f.uri.replace(/\/+$/, '')));
            s2.configs.setFolders([...s2.configs.workspaceFolders().filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)]);
            s2.refresh();
          }),
        );
      }
      s.configs.loadAll();
      s.indexer.setFolders(s.configs.workspaceFolders());
    }),
  );

  connection.onDidChangeConfiguration(
    on('didChangeConfiguration', (s, params) => {
      s.configs.setPushedSettings(params.settings);
      s.configs.invalidate();
      s.refresh();
    }),
  );

  connection.onDidChangeWatchedFiles(
    on('didChangeWatchedFiles', (s, params) => {
      for (const change of params.changes) {
        if (!s.profileMayHaveChanged(change.uri)) s.filesChanged(change.uri, change.type);
      }
    }),
  );

  documents.onDidOpen(on('didOpen', (s, e) => s.opened(e.document)));
  documents.onDidChangeContent(on('didChange', (s, e) => s.changed(e.document)));
  documents.onDidClose(on('didClose', (s, e) => s.closed(e.document)));

  // ------------------------------------------------------------------ requests

  connection.onDocumentSymbol(
    handle('documentSymbol', [], async (s, { textDocument }, token) => {
      const a = await s.analysis(textDocument.uri, token);
      if (!a?.isReport) return [];
      // the outline is kept per parsed report (and its weeks) by the core, its LSP form here
      const outline = documentSymbols(a.report, a.lines, a.config.profile, s.locale);
      return s.capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport
        ? lspOutline(outline)
        : lspSymbolList(outline, textDocument.uri);
    }),
  );

  connection.onFoldingRanges(
    handle('foldingRange', [], async (s, { textDocument }, token) => {
      const a = await s.analysis(textDocument.uri, token);
      if (!a?.isReport) return [];
      const regions = foldingRanges(a.report, a.lines);
      return converted(lspFolding, regions, '', () => toFoldingRanges(regions));
    }),
  );

  connection.onHover(
    handle('hover', null, async (s, { textDocument, position }, token) => {
      const a = await s.analysis(textDocument.uri, token);
      const index = a?.isReport ? s.indexer.history(s.indexer.folderOf(textDocument.uri)) : undefined;
      const info = a?.isReport ? withHistory(hoverAt(a.report, position, a.config.profile), index && historyHoverAt(a.report, position, index)) : undefined;
      const markdown = s.capabilities.textDocument?.hover?.contentFormat?.includes('markdown') ?? true;
      return info ? toHover(info, s.locale, markdown) : null;
    }),
  );

  connection.onCodeAction(
    handle('codeAction', [], async (s, { textDocument, context }) => {
      if (context.only && !context.only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
      // the versions the diagnostics' fixes hold for (pulled ones may hold for the current version)
      const holds = new Map<number, number>();
      for (const d of context.diagnostics) {
        const v = (d.data as { version?: unknown } | undefined)?.version;
        if (typeof v === 'number' && !holds.has(v)) holds.set(v, await s.fixVersion(textDocument.uri, v));
      }
      return toCodeActions(textDocument.uri, context.diagnostics, !!s.capabilities.workspace?.workspaceEdit?.documentChanges, (v) => holds.get(v) ?? v);
    }),
  );

  // pulled diagnostics (only offered to a client that can pull: `canPull`)
  const noDiagnostics: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
  connection.languages.diagnostics.on(handle('diagnostic', noDiagnostics, (s, { textDocument, previousResultId }) => s.pullDiagnostics(textDocument.uri, previousResultId)));

  // completion: the core's entries at the cursor, in reports (and in a blank new file, which gets its title)
  connection.onCompletion(
    handle('completion', [], async (s, { textDocument, position }, token) => {
      const a = await s.analysis(textDocument.uri, token);
      if (!a || token.isCancellationRequested) return [];
      if (!a.isReport && hasTextBesides(a.lines, position.line)) return [];
      // over the size budget the text is not parsed (WR090): nothing to complete from, and no
      // "this week has no 【…】 yet" about sections that are there
      if (a.lines.text.length > MAX_PARSE_CHARS) return [];
      // the workspace's history: last week's OKR titles and metric values, projects of other reports
      const index = s.indexer.history(s.indexer.folderOf(textDocument.uri));
      const history = index && completionHistory(index, a.report, position, a.config.profile, a.fileName);
      const entries = completionsAt({ report: a.report, lines: a.lines, position, profile: a.config.profile, now: new Date(), fileName: a.fileName, ...(history ? { history } : {}) });
      const caps = s.capabilities.textDocument?.completion;
      return toCompletionItems(entries, s.locale, !!caps?.completionItem?.snippetSupport, caps?.completionItem?.documentationFormat?.includes('markdown') ?? true);
    }),
  );

  // a request without params: vscode-jsonrpc then passes the token first, so take it from the end
  const serverStatus = handle<unknown, ServerStatus | null>('serverStatus', null, (s) => ({ pid: process.pid, version: serverVersion(), documents: s.documentCount(), ...(appliedInterruptBudget !== undefined ? { interruptBudget: appliedInterruptBudget } : {}) }));
  connection.onRequest(ServerStatusRequest, (...args: unknown[]) => serverStatus(undefined, args[args.length - 1] as CancellationToken));

  connection.onCodeLens(handle('codeLens', [], (s, { textDocument }) => carryOverLenses(s, textDocument.uri)));

  connection.onWorkspaceSymbol(handle('workspaceSymbol', [], (s, { query }, token) => toWorkspaceSymbols(s, query, token)));

  connection.onRequest(
    NewReportRequest,
    handle<NewReportParams | null, NewReportResult>('newReport', { kind: 'error', message: 'Zhoubao: the request failed; see the output channel.' }, (s, params) => newReport(s, params)),
  );

  connection.onRequest(
    IndexStatusRequest,
    handle<unknown, IndexStatus>('indexStatus', { folders: [] }, (s) => ({
      folders: s.indexer.allIndexes().map(({ folder, index, ready }) => ({
        folder,
        ready,
        reports: index.size,
        weeks: index.weeks().map((e) => ({ week: formatIsoWeek(e.iso), uri: e.uri, source: index.get(e.uri)?.source ?? 'disk' })),
      })),
    })),
  );

  connection.onRequest(TrendsRequest, handle<TrendsParams | null, TrendsResult | null>('trends', null, (s, params) => trendsFor(s, params)));
  connection.onRequest(RollupRequest, handle<RollupParams | null, RollupResult | null>('rollup', null, (s, params) => rollupFor(s, params)));

  connection.onShutdown(() => session?.dispose());

  documents.listen(connection);
  connection.listen();
}

function capabilities(pull: boolean): ServerCapabilities {
  return {
    // a report's findings read the earlier weeks of other files: inter-file dependencies
    ...(pull ? { diagnosticProvider: { identifier: 'zhoubao', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    documentSymbolProvider: { label: 'Zhoubao' },
    foldingRangeProvider: true,
    hoverProvider: true,
    completionProvider: { triggerCharacters: [...COMPLETION_TRIGGERS] },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    codeLensProvider: { resolveProvider: false },
    workspaceSymbolProvider: true,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}
