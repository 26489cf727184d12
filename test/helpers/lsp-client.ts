/**
 * A real LSP client for protocol tests: spawns the bundled server (`node dist/server.js --stdio`)
 * and talks JSON-RPC to it over the child's stdio. It answers the server's requests as an editor
 * would (`workspace/configuration` from `settings`, capability registrations), records every
 * published diagnostic, and waits for results by checking each incoming message against a
 * condition until a deadline — never by sleeping.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  type FileEvent,
  type FoldingRange,
  type Hover,
  type InitializeResult,
  type MessageConnection,
  type Position,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');
const DEFAULT_DEADLINE_MS = 10_000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

let built = false;

/**
 * The tests drive the bundle, as editors do: rebuild it (`npm run build`'s script) when it is
 * missing or older than the server sources, so a stale bundle cannot pass or fail a test.
 */
export function ensureBuilt(): void {
  if (built) return;
  const stale = !fs.existsSync(SERVER_JS) || fs.statSync(SERVER_JS).mtimeMs < newestMtime(path.join(REPO_ROOT, 'server', 'src'));
  if (stale) execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  built = true;
}

/** A workspace folder in a fresh temp directory on the real disk. */
export class TempWorkspace {
  readonly dir: string;

  constructor(prefix = 'zhoubao-lsp-') {
    this.dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  }

  get uri(): string {
    return pathToFileURL(this.dir).href;
  }

  path(rel: string): string {
    return path.join(this.dir, rel);
  }

  fileUri(rel: string): string {
    return pathToFileURL(this.path(rel)).href;
  }

  write(rel: string, text: string | Buffer): string {
    const file = this.path(rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return this.fileUri(rel);
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface StartOptions {
  /** workspace folders (URIs); default: none */
  folders?: string[];
  /** `InitializeParams.locale` */
  locale?: string;
  /** answered to `workspace/configuration` for section `zhoubao` (per scope URI when a function) */
  settings?: Record<string, unknown> | ((scopeUri: string | undefined) => Record<string, unknown>);
  /** merged over a capable client's capabilities */
  capabilities?: ClientCapabilities;
  /** options for Node before the server's script (`--interrupt-budget=…`) */
  nodeArgs?: string[];
}

const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: { lineFoldingOnly: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true, dataSupport: true },
  },
};

export class LspClient {
  readonly connection: MessageConnection;
  /** every `textDocument/publishDiagnostics`, in order of arrival */
  readonly published: PublishDiagnosticsParams[] = [];
  /** every `client/registerCapability` registration method */
  readonly registrations: string[] = [];
  /** the options of every registration, in order */
  readonly registrationOptions: Array<{ method: string; registerOptions?: unknown }> = [];
  /** how many `workspace/diagnostic/refresh` requests the server sent (a pulling client pulls again) */
  refreshes = 0;
  /** how many `workspace/configuration` requests the server sent */
  configurationRequests = 0;
  /** `window/logMessage` texts */
  readonly logs: string[] = [];
  settings: StartOptions['settings'];
  initializeResult?: InitializeResult;
  private stderr = '';
  private exited = false;
  private readonly versions = new Map<string, number>();
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly child: ChildProcessWithoutNullStreams, options: StartOptions) {
    this.settings = options.settings;
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString('utf8')));
    child.on('exit', () => {
      this.exited = true;
      this.wake();
    });
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.connection.onRequest('workspace/configuration', (p: { items: Array<{ scopeUri?: string; section?: string }> }) => {
      this.configurationRequests++;
      return p.items.map((item) => {
        const s = typeof this.settings === 'function' ? this.settings(item.scopeUri) : (this.settings ?? {});
        return item.section === 'zhoubao' ? s : item.section ? null : { zhoubao: s };
      });
    });
    this.connection.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
      this.registrations.push(...p.registrations.map((r) => r.method));
      this.registrationOptions.push(...p.registrations.map((r) => ({ method: r.method, registerOptions: r.registerOptions })));
      this.wake();
      return null;
    });
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      this.wake();
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  /** Spawns the built server and completes the `initialize`/`initialized` handshake. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    ensureBuilt();
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_JS, '--stdio'], { stdio: 'pipe' });
    const client = new LspClient(child, options);
    const folders = options.folders ?? [];
    client.initializeResult = await client.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: folders[0] ?? null,
      workspaceFolders: folders.map((uri, i) => ({ uri, name: `folder${i}` })),
      locale: options.locale,
      capabilities: merge(FULL_CAPABILITIES, options.capabilities ?? {}),
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get stderrText(): string {
    return this.stderr;
  }

  get alive(): boolean {
    return !this.exited;
  }

  // ---------------------------------------------------------------- documents

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<number> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  /** Sends content changes (incremental with `range`, or whole text) and returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = this.version(uri) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  replace(uri: string, range: Range, text: string): Promise<number> {
    return this.change(uri, [{ range, text }]);
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async watchedFilesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  async workspaceFoldersChanged(added: string[], removed: string[]): Promise<void> {
    const folder = (uri: string) => ({ uri, name: path.basename(uri) });
    await this.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: added.map(folder), removed: removed.map(folder) } });
  }

  async configurationChanged(settings: StartOptions['settings']): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { zhoubao: typeof settings === 'function' ? {} : settings } });
  }

  // ---------------------------------------------------------------- waiting

  /** Re-checks every `waitFor` (on every message; a test's own request handler calls it too). */
  wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves with the first value `probe` returns (checked now and on every message), or fails at the deadline. */
  waitFor<T>(what: string, probe: () => T | undefined, deadlineMs = DEFAULT_DEADLINE_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        let value: T | undefined;
        try {
          value = probe();
        } catch (e) {
          finish();
          reject(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        if (value !== undefined) {
          finish();
          resolve(value);
        } else if (this.exited) {
          finish();
          reject(new Error(`server exited while waiting for ${what}\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${what} within ${deadlineMs} ms; published: ${JSON.stringify(this.published.map((p) => ({ uri: p.uri, version: p.version, n: p.diagnostics.length })))}\n${this.stderr}`));
      }, deadlineMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** The latest diagnostics published for `uri` at `version` (default: the document's current version). */
  diagnosticsFor(uri: string, version = this.version(uri), match?: (p: PublishDiagnosticsParams) => boolean): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics for ${uri} v${version}`, () => {
      const hit = this.published.filter((p) => p.uri === uri && p.version === version && (!match || match(p))).at(-1);
      return hit?.diagnostics;
    });
  }

  /** Waits until the latest diagnostics published for `uri` (any version) satisfy `match`. */
  latestDiagnostics(uri: string, match: (d: Diagnostic[]) => boolean, what = 'matching diagnostics'): Promise<Diagnostic[]> {
    return this.waitFor(`${what} for ${uri}`, () => {
      const last = this.published.filter((p) => p.uri === uri).at(-1);
      return last && match(last.diagnostics) ? last.diagnostics : undefined;
    });
  }

  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  // ---------------------------------------------------------------- requests

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  documentSymbols(uri: string): Promise<DocumentSymbol[] | null> {
    return this.request('textDocument/documentSymbol', { textDocument: { uri } });
  }

  foldingRanges(uri: string): Promise<FoldingRange[] | null> {
    return this.request('textDocument/foldingRange', { textDocument: { uri } });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.request('textDocument/hover', { textDocument: { uri }, position });
  }

  /** `textDocument/diagnostic` (pull), naming the result the client has, if any. */
  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.request('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId !== undefined ? { previousResultId } : {}) });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[] | null> {
    return this.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  // ---------------------------------------------------------------- shutdown

  /** Polite shutdown; kills the process if it does not exit by itself. */
  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await withDeadline(this.connection.sendRequest('shutdown'), 5000);
        await this.connection.sendNotification('exit');
        await this.waitFor('server exit', () => (this.exited ? true : undefined), 5000);
      } catch {
        // fall through to kill
      }
    }
    this.connection.dispose();
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function merge<T>(a: T, b: unknown): T {
  if (!b || typeof b !== 'object' || Array.isArray(b) || !a || typeof a !== 'object') return (b ?? a) as T;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k], v) : v;
  return out as T;
}

/** The text a range covers, for assertions on diagnostic and symbol ranges. */
export function textAt(text: string, range: Range): string {
  const lines = text.split(/\r?\n/);
  if (range.start.line === range.end.line) return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
  const parts = [(lines[range.start.line] ?? '').slice(range.start.character)];
  for (let l = range.start.line + 1; l < range.end.line; l++) parts.push(lines[l] ?? '');
  parts.push((lines[range.end.line] ?? '').slice(0, range.end.character));
  return parts.join('\n');
}

/** The position of the first occurrence of `needle` in `text` (plus `offset` characters). */
export function positionOf(text: string, needle: string, offset = 0): Position {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${JSON.stringify(needle)} not in text`);
  const before = text.slice(0, i + offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
