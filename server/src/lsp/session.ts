/**
 * The state of one server session: open documents, per-folder configs, and per document the last
 * parse (reused as `previous` by the next parse, so an edit re-parses only what changed).
 * Diagnostics reach the client in one of two ways:
 * - pushed (`textDocument/publishDiagnostics`): validation is scheduled per document, changes
 *   within DEBOUNCE_MS coalesce into one run, and a run publishes only if its document is still at
 *   the version it computed for and no newer run was scheduled meanwhile (a config change, say);
 * - pulled (LSP 3.17 `textDocument/diagnostic`, when the client can pull and be told to pull again):
 *   the client asks after each change and the server answers with a result id. When the findings
 *   are the same as those of the previous result, the answer is `unchanged` and nothing is sent
 *   again (a keystroke in a year of reports would otherwise re-send a thousand diagnostics). When
 *   other documents' findings may have changed (history, index, settings), the server asks the
 *   client to pull again (`workspace/diagnostic/refresh`).
 */
import * as path from 'node:path';
import {
  CodeLensRefreshRequest,
  DiagnosticRefreshRequest,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument, FindingsCache, isReport, sameFindings } from '../core/check';
import type { Locale } from '../core/l10n';
import { parseReport, type ParsedReport } from '../core/parse';
import type { Finding } from '../core/rules/types';
import type { Profile } from '../core/profile/schema';
import { LineIndex } from '../core/text';
import { ConfigStore, type FolderConfig } from './config';
import { toDiagnostic } from './convert';
import { uriToFileName, uriToPath } from './paths';
import { WorkspaceIndexer } from './workspace';
import type { EditLog } from './edits';
import type { IsoWeek } from '../core/weeks';
import { compareWeeks } from '../core/weeks';

/**
 * Quiet time after a change before validating; opening validates at once. The environment
 * variable ZHOUBAO_DEBOUNCE_MS overrides it (the benchmark sets 0 to time the work of an edit,
 * not the wait).
 */
export const DEBOUNCE_MS = debounceFromEnv(process.env.ZHOUBAO_DEBOUNCE_MS, 150);

function debounceFromEnv(value: string | undefined, fallback: number): number {
  const n = value === undefined || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, 10_000) : fallback;
}

export interface Analysis {
  document: TextDocument;
  version: number;
  config: FolderConfig;
  report: ParsedReport;
  lines: LineIndex;
  fileName: string;
  /** a weekly report (by title or file name), not just any Markdown file */
  isReport: boolean;
}

interface CacheEntry {
  version: number;
  profile: Profile;
  analysis: Analysis;
}

/** What the client was last given for a document in pull mode. */
interface PulledResult {
  resultId: string;
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** the version the diagnostics (their `data`) were made for */
  stamped: number;
  /** the newest version the same findings were computed for: the diagnostics hold for it too */
  confirmed: number;
  /** something besides the document's text changed that its findings read (history, settings) */
  stale: boolean;
}

/** The client pulls diagnostics and can be asked to pull again: then the server does not push them. */
export function canPull(capabilities: ClientCapabilities): boolean {
  return !!capabilities.textDocument?.diagnostic && !!capabilities.workspace?.diagnostics?.refreshSupport;
}

export function isMarkdown(doc: { uri: string; languageId: string }): boolean {
  return doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.uri);
}

export class Session {
  readonly configs: ConfigStore;
  private readonly parsed = new Map<string, CacheEntry>();
  /** pending validations: a timer for a debounced one, an immediate for one that runs at once */
  private readonly timers = new Map<string, { cancel(): void }>();
  private readonly tickets = new Map<string, number>();
  private readonly justOpened = new Set<string>();
  private readonly watched = new Set<string>();
  /** the document version last put into the workspace index, per URI */
  private readonly indexedVersions = new Map<string, number>();
  /** per open document: the findings of its weeks, reused by the next check for unchanged weeks */
  private readonly findings = new Map<string, FindingsCache>();
  /** pull mode: per open document, what the client was last given */
  private readonly pulled = new Map<string, PulledResult>();
  /** pull mode: per open document, how many times its findings were made stale (`revalidate`) */
  private readonly invalidations = new Map<string, number>();
  private nextResultId = 1;
  private refreshTimer: NodeJS.Timeout | undefined;
  /** diagnostics are pulled by the client (`canPull`), not pushed */
  readonly pull: boolean;
  readonly indexer: WorkspaceIndexer;

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly capabilities: ClientCapabilities,
    readonly locale: Locale,
    /** what each edit left unchanged (from the document store), for incremental parsing */
    private readonly edits?: EditLog,
  ) {
    this.pull = canPull(capabilities);
    this.configs = new ConfigStore(connection, documents, {
      configuration: !!capabilities.workspace?.configuration,
      locale,
      log: (m) => this.log(m),
      watchProfile: (folder, relativePath) => this.watchProfile(folder, relativePath),
    });
    this.indexer = new WorkspaceIndexer({
      profileOf: async (folder) => (await this.configs.get(folder + '/')).profile,
      openText: (uri) => {
        const doc = this.documents.get(uri);
        return doc && isMarkdown(doc) ? doc.getText() : undefined;
      },
      openUris: () => this.documents.all().filter(isMarkdown).map((d) => d.uri),
      openParsed: (uri, profile) => {
        const entry = this.parsed.get(uri);
        return entry && entry.profile === profile && entry.version === this.documents.get(uri)?.version ? entry.analysis.report : undefined;
      },
      onIndexed: (folder) => this.revalidateFolder(folder),
      onChanged: (folder, uris, weeks) => this.revalidateDependants(folder, uris, weeks),
      log: (m) => this.log(m),
    });
  }

  /** Asks the client to report changes of a profile file named in settings (the default `.zhoubao.json` is watched from the start). */
  private watchProfile(folder: string, relativePath: string): void {
    const watch = this.capabilities.workspace?.didChangeWatchedFiles;
    if (!watch?.dynamicRegistration) return;
    const key = `${folder}\n${relativePath}`;
    if (this.watched.has(key)) return;
    this.watched.add(key);
    const folderPath = uriToPath(folder);
    const pattern = relativePath.replace(/\\/g, '/');
    const globPattern = watch.relativePatternSupport
      ? { baseUri: folder, pattern }
      : folderPath
        ? path.resolve(folderPath, relativePath).replace(/\\/g, '/')
        : undefined;
    if (!globPattern) return;
    this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern }] }).catch((e: unknown) => this.log(`zhoubao: cannot watch ${relativePath}: ${errorText(e)}`));
  }

  log(message: string): void {
    try {
      this.connection.console.log(message);
    } catch {
      // the connection may be gone at exit
    }
  }

  // ---------------------------------------------------------------- documents

  opened(doc: TextDocument): void {
    this.justOpened.add(doc.uri);
  }

  changed(doc: TextDocument): void {
    if (!isMarkdown(doc)) {
      this.profileMayHaveChanged(doc.uri);
      return;
    }
    this.schedule(doc.uri, this.justOpened.delete(doc.uri) ? 0 : DEBOUNCE_MS);
  }

  closed(doc: TextDocument): void {
    this.justOpened.delete(doc.uri);
    this.cancel(doc.uri);
    this.parsed.delete(doc.uri);
    this.findings.delete(doc.uri);
    this.pulled.delete(doc.uri);
    this.invalidations.delete(doc.uri);
    this.indexedVersions.delete(doc.uri);
    this.edits?.forget(doc.uri);
    if (isMarkdown(doc)) {
      // a pulling client drops what it pulled for a closed document itself
      if (!this.pull) void this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
      void this.indexer.closed(doc.uri).catch((e: unknown) => this.log(`zhoubao: re-reading ${doc.uri} failed: ${errorText(e)}`));
    }
    else this.profileMayHaveChanged(doc.uri); // the disk is the truth again
  }

  /** A file (open or on disk) changed that may be a folder's profile: reload those folders. */
  profileMayHaveChanged(uri: string): boolean {
    if (/\.(md|markdown)$/i.test(uri)) return false;
    const folders = this.configs.foldersUsingProfile(uri);
    if (folders.length === 0) return false;
    for (const f of folders) this.configs.invalidate(f);
    this.refresh();
    return true;
  }

  /** Settings or folders changed: reload configs, reindex the folders and revalidate every open report. */
  refresh(): void {
    this.configs.loadAll();
    this.indexer.setFolders(this.configs.workspaceFolders());
    this.revalidate(this.documents.all().filter(isMarkdown), 0);
  }

  /** Report files changed on disk (`workspace/didChangeWatchedFiles`): created/changed (1, 2) or deleted (3). */
  filesChanged(uri: string, type: number): void {
    if (type === 3) this.indexer.removed(uri);
    else if (/\.(md|markdown)$/i.test(uri)) void this.indexer.changedOnDisk(uri).catch((e: unknown) => this.log(`zhoubao: reading ${uri} failed: ${errorText(e)}`));
  }

  /** A folder's index is complete: its open reports can now be checked against earlier weeks. */
  private revalidateFolder(folder: string): void {
    this.revalidate(this.documents.all().filter((doc) => isMarkdown(doc) && this.indexer.folderOf(doc.uri) === folder), 0);
    // carry-over lenses depend on the index too
    if (this.capabilities.workspace?.codeLens?.refreshSupport) void this.connection.sendRequest(CodeLensRefreshRequest.type).then(undefined, () => undefined);
  }

  /**
   * Reports changed (their weeks before and after are `weeks`): the open reports of the same
   * folder with a week at or after the earliest of them read them as history (or may now be a
   * duplicate week), so they are checked again. Only open documents: that is cheap.
   */
  private revalidateDependants(folder: string, uris: string[], weeks: IsoWeek[]): void {
    if (!weeks.length || !this.indexer.history(folder)) return;
    const earliest = weeks.reduce((a, b) => (compareWeeks(a, b) <= 0 ? a : b));
    const changed = new Set(uris);
    const dependants = this.documents.all().filter((doc) => {
      if (changed.has(doc.uri) || !isMarkdown(doc) || this.indexer.folderOf(doc.uri) !== folder) return false;
      const own = this.parsed.get(doc.uri)?.analysis.report.weeks ?? [];
      return own.length === 0 || own.some((w) => w.title?.valid && compareWeeks({ year: w.title.year, week: w.title.week }, earliest) >= 0);
    });
    this.revalidate(dependants, DEBOUNCE_MS);
  }

  /**
   * Documents whose findings may have changed without an edit of their own: pushed diagnostics
   * are computed again; a pulling client is asked to pull again (once for a burst of these).
   */
  private revalidate(docs: TextDocument[], delay: number): void {
    if (!this.pull) {
      for (const doc of docs) this.schedule(doc.uri, delay);
      return;
    }
    if (docs.length === 0) return;
    for (const doc of docs) {
      const p = this.pulled.get(doc.uri);
      if (p) p.stale = true;
      // a pull computing the findings now may have read the old settings or index: see `pulledResult`
      this.invalidations.set(doc.uri, (this.invalidations.get(doc.uri) ?? 0) + 1);
    }
    if (this.refreshTimer && delay > 0) return; // one is coming
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.connection.sendRequest(DiagnosticRefreshRequest.type).catch((e: unknown) => this.log(`zhoubao: asking the client to pull diagnostics again failed: ${errorText(e)}`));
    }, delay);
  }

  // ---------------------------------------------------------------- analysis

  /** The parse of the document's current version under its folder's config (cached). */
  async analysis(uri: string, token?: CancellationToken): Promise<Analysis | undefined> {
    const before = this.documents.get(uri);
    if (!before || !isMarkdown(before)) return undefined;
    const config = await this.configs.get(uri);
    const doc = this.documents.get(uri);
    if (!doc || token?.isCancellationRequested || !config.settings.enable) return undefined;
    return this.analyse(doc, config);
  }

  private analyse(doc: TextDocument, config: FolderConfig): Analysis {
    const entry = this.parsed.get(doc.uri);
    if (entry && entry.version === doc.version && entry.profile === config.profile) return entry.analysis;
    const text = doc.getText();
    // what changed since the last parse (its text is `entry`'s): the line index and the parts
    // outside the change are then reused by position
    const unchanged = this.edits?.take(doc.uri);
    const lines = entry && unchanged ? entry.analysis.lines.edited(text, unchanged) : new LineIndex(text);
    // a parse under another profile recognised sections differently: not reusable
    const previous = entry && entry.profile === config.profile ? entry.analysis.report : undefined;
    let report: ParsedReport;
    try {
      report = parseReport(text, { profile: config.profile, previous, unchanged, editing: true });
    } catch (e) {
      this.log(`zhoubao: parser failed on ${doc.uri}: ${errorText(e)}`);
      report = { weeks: [], titles: [], lineCount: lines.lineCount, masked: text };
    }
    const fileName = uriToFileName(doc.uri);
    const analysis: Analysis = {
      document: doc,
      version: doc.version,
      config,
      report,
      lines,
      fileName,
      isReport: isReport(report, fileName, config.profile),
    };
    this.parsed.set(doc.uri, { version: doc.version, profile: config.profile, analysis });
    return analysis;
  }

  // ---------------------------------------------------------------- validation

  schedule(uri: string, delay: number): void {
    this.cancel(uri);
    const ticket = (this.tickets.get(uri) ?? 0) + 1;
    this.tickets.set(uri, ticket);
    const run = (): void => {
      this.timers.delete(uri);
      this.validate(uri, ticket).catch((e) => this.log(`zhoubao: validation of ${uri} failed: ${errorText(e)}`));
    };
    // `setTimeout(fn, 0)` waits at least 1 ms: with no delay, run after the pending I/O instead
    if (delay > 0) {
      const timer = setTimeout(run, delay);
      this.timers.set(uri, { cancel: () => clearTimeout(timer) });
    } else {
      const immediate = setImmediate(run);
      this.timers.set(uri, { cancel: () => clearImmediate(immediate) });
    }
  }

  private cancel(uri: string): void {
    this.timers.get(uri)?.cancel();
    this.timers.delete(uri);
    this.tickets.set(uri, (this.tickets.get(uri) ?? 0) + 1);
  }

  private isCurrent(uri: string, ticket: number, version: number): boolean {
    return this.tickets.get(uri) === ticket && this.documents.get(uri)?.version === version;
  }

  private async validate(uri: string, ticket: number): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const a = await this.analysis(uri);
    if (!this.isCurrent(uri, ticket, version)) return;
    if (this.pull) {
      // the client pulls the findings; the workspace index still gets the unsaved text of every open report
      if (a && a.version === version) this.index(a);
      return;
    }
    const diagnostics = a && a.version === version ? this.check(a).map((f) => toDiagnostic(f, this.locale, version)) : [];
    if (!this.isCurrent(uri, ticket, version)) return;
    await this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** The workspace index holds the unsaved content (once per version: revalidating dependants must not ping-pong). */
  private index(a: Analysis): void {
    const uri = a.document.uri;
    if (this.indexedVersions.get(uri) === a.version) return;
    this.indexedVersions.set(uri, a.version);
    this.indexer.update(uri, a.document.getText(), 'editor', { report: a.report, profile: a.config.profile });
  }

  /** The findings of an analysed version (indexed first: the history it is checked against includes it). */
  private check(a: Analysis): Finding[] {
    const uri = a.document.uri;
    this.index(a);
    let cache = this.findings.get(uri);
    if (!cache) this.findings.set(uri, (cache = new FindingsCache()));
    return checkDocument({
      text: a.document.getText(),
      profile: a.config.profile,
      fileName: a.fileName,
      report: a.report,
      lines: a.lines,
      cache,
      // the other files claiming the same week are known to this history (WR006)
      history: this.indexer.history(this.indexer.folderOf(uri))?.historyFor(uri),
      onRuleError: (rule, e) => this.log(`zhoubao: rule ${rule.code} failed on ${uri}: ${errorText(e)}`),
    });
  }

  /**
   * `textDocument/diagnostic`: the findings of the document's current version. When they are the
   * same as those of the result the client last got, the answer is `unchanged` (or that result
   * again, to a client that names another one); else a full report with a new result id.
   */
  async pullDiagnostics(uri: string, previousResultId: string | undefined): Promise<DocumentDiagnosticReport> {
    const last = await this.pulledResult(uri);
    if (!last) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return previousResultId === last.resultId
      ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId }
      : { kind: DocumentDiagnosticReportKind.Full, resultId: last.resultId, items: last.diagnostics };
  }

  /** The pulled result for the document's current version: the last one confirmed, or a new one. */
  private async pulledResult(uri: string): Promise<PulledResult | undefined> {
    const doc = this.documents.get(uri);
    if (!doc || !isMarkdown(doc)) return undefined;
    let last = this.pulled.get(uri);
    if (last && !last.stale && last.confirmed === doc.version) return last;
    const invalidations = this.invalidations.get(uri) ?? 0;
    const a = await this.analysis(uri);
    const current = this.documents.get(uri);
    if (!current) return undefined;
    // not checked (disabled in settings): no findings
    const version = a?.version ?? current.version;
    const findings = a ? this.check(a) : [];
    // the settings, the profile or other reports changed while this pull waited for the settings:
    // the findings may be those of the old settings, so they are answered but stay stale, and the
    // next pull (the client has been asked for one) makes them again
    const stale = (this.invalidations.get(uri) ?? 0) !== invalidations;
    last = this.pulled.get(uri);
    // a pull of a newer version answered while this one was parsing: that result is the current one
    if (last && !last.stale && last.confirmed > version) return last;
    if (last && sameFindings(last.findings, findings)) {
      last.confirmed = Math.max(last.confirmed, version);
      last.stale = stale;
      return last;
    }
    last = { resultId: `${this.nextResultId++}`, findings, diagnostics: findings.map((f) => toDiagnostic(f, this.locale, version)), stamped: version, confirmed: version, stale };
    this.pulled.set(uri, last);
    return last;
  }

  /**
   * The version a quick fix's edits hold for: a pulled diagnostic made for `version` holds for
   * the document's current version too when that version's findings are the same (checked now
   * if the client has not pulled since it typed).
   */
  async fixVersion(uri: string, version: number): Promise<number> {
    if (!this.pull) return version;
    const p = await this.pulledResult(uri);
    return p && p.stamped === version && p.confirmed === this.documents.get(uri)?.version ? p.confirmed : version;
  }

  /** open documents the server tracks */
  documentCount(): number {
    return this.documents.all().length;
  }

  dispose(): void {
    this.indexer.dispose();
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
    clearTimeout(this.refreshTimer);
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
