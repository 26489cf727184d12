/**
 * The state of one server session: open documents, per-folder configs, and per document the last
 * parse (reused as `previous` by the next parse, so an edit re-parses only what changed).
 * Validation is scheduled per document: changes within DEBOUNCE_MS coalesce into one run, and a
 * run publishes only if its document is still at the version it computed for and no newer run
 * was scheduled meanwhile (a config change, say).
 */
import * as path from 'node:path';
import { CodeLensRefreshRequest, DidChangeWatchedFilesNotification, type CancellationToken, type ClientCapabilities, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument, FindingsCache, isReport } from '../core/check';
import type { Locale } from '../core/l10n';
import { parseReport, type ParsedReport } from '../core/parse';
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
  readonly indexer: WorkspaceIndexer;

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly capabilities: ClientCapabilities,
    readonly locale: Locale,
    /** what each edit left unchanged (from the document store), for incremental parsing */
    private readonly edits?: EditLog,
  ) {
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
    this.indexedVersions.delete(doc.uri);
    this.edits?.forget(doc.uri);
    if (isMarkdown(doc)) {
      void this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
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
    for (const doc of this.documents.all()) if (isMarkdown(doc)) this.schedule(doc.uri, 0);
  }

  /** Report files changed on disk (`workspace/didChangeWatchedFiles`): created/changed (1, 2) or deleted (3). */
  filesChanged(uri: string, type: number): void {
    if (type === 3) this.indexer.removed(uri);
    else if (/\.(md|markdown)$/i.test(uri)) void this.indexer.changedOnDisk(uri).catch((e: unknown) => this.log(`zhoubao: reading ${uri} failed: ${errorText(e)}`));
  }

  /** A folder's index is complete: its open reports can now be checked against earlier weeks. */
  private revalidateFolder(folder: string): void {
    for (const doc of this.documents.all()) if (isMarkdown(doc) && this.indexer.folderOf(doc.uri) === folder) this.schedule(doc.uri, 0);
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
    for (const doc of this.documents.all()) {
      if (changed.has(doc.uri) || !isMarkdown(doc) || this.indexer.folderOf(doc.uri) !== folder) continue;
      const own = this.parsed.get(doc.uri)?.analysis.report.weeks ?? [];
      const later = own.some((w) => w.title?.valid && compareWeeks({ year: w.title.year, week: w.title.week }, earliest) >= 0);
      if (later || own.length === 0) this.schedule(doc.uri, DEBOUNCE_MS);
    }
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
    let diagnostics: ReturnType<typeof toDiagnostic>[] = [];
    if (a && a.version === version) {
      const text = a.document.getText();
      // the index holds the unsaved content (once per version: revalidating dependants must not ping-pong)
      if (this.indexedVersions.get(uri) !== version) {
        this.indexedVersions.set(uri, version);
        this.indexer.update(uri, text, 'editor', { report: a.report, profile: a.config.profile });
      }
      let cache = this.findings.get(uri);
      if (!cache) this.findings.set(uri, (cache = new FindingsCache()));
      const findings = checkDocument({
        text,
        profile: a.config.profile,
        fileName: a.fileName,
        report: a.report,
        lines: a.lines,
        cache,
        // the other files claiming the same week are known to this history (WR006)
        history: this.indexer.history(this.indexer.folderOf(uri))?.historyFor(uri),
        onRuleError: (rule, e) => this.log(`zhoubao: rule ${rule.code} failed on ${uri}: ${errorText(e)}`),
      });
      diagnostics = findings.map((f) => toDiagnostic(f, this.locale, version));
    }
    if (!this.isCurrent(uri, ticket, version)) return;
    await this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** open documents the server tracks */
  documentCount(): number {
    return this.documents.all().length;
  }

  dispose(): void {
    this.indexer.dispose();
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
