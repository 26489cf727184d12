/**
 * A benchmark LSP client: spawns a server, talks JSON-RPC over its stdio, keeps the text of the
 * documents it opened (applying its own edits), and answers the server's requests as VS Code does:
 * `workspace/configuration`, capability registrations, and for the Microsoft Markdown server
 * `markdown/parse` (markdown-it tokens of the client's copy of the document) and `markdown/fs/*`
 * (the real disk). Diagnostics: pushed ones are awaited per version; pulled ones are requested
 * with the result id of the previous answer, as VS Code does (an `unchanged` answer keeps the
 * diagnostics the client has).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node.js';
import MarkdownIt from 'markdown-it';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const SERVERS = {
  // pull: true, false, or 'auto' (pulled when the server offers it, as VS Code does); pushOnly: the
  // client does not say it can pull (as clients without LSP 3.17 pull support), so the server pushes
  zhoubao: { label: 'Zhoubao', args: [path.join(ROOT, 'dist', 'server.js'), '--stdio'], env: { ZHOUBAO_DEBOUNCE_MS: '0' }, pull: 'auto' },
  'zhoubao-push': { label: 'Zhoubao, to a client that cannot pull', args: [path.join(ROOT, 'dist', 'server.js'), '--stdio'], env: { ZHOUBAO_DEBOUNCE_MS: '0' }, pull: false, pushOnly: true },
  microsoft: { label: 'Microsoft (vscode-markdown-languageserver 0.5.0)', args: [path.join(ROOT, 'node_modules', 'vscode-markdown-languageserver', 'dist', 'node', 'workerMain.js'), '--stdio'], env: {}, pull: true },
  // it offers pulled diagnostics: pulled like Zhoubao's
  null: { label: 'null server (floor)', args: [path.join(ROOT, 'bench', 'null-server.mjs'), '--stdio'], env: {}, pull: 'auto' },
  'null-push': { label: 'null server, pushing (floor)', args: [path.join(ROOT, 'bench', 'null-server.mjs'), '--stdio'], env: {}, pull: false, pushOnly: true },
  // the null server pushing a given list of diagnostics for every version (env BENCH_ECHO): the payload floor
  echo: { label: 'payload floor (null server echoing diagnostics)', args: [path.join(ROOT, 'bench', 'null-server.mjs'), '--stdio'], env: {}, pull: false, pushOnly: true },
};

/** The complete `markdown` settings tree VS Code pushes, validation on with every key present. */
export const MARKDOWN_SETTINGS = {
  markdown: {
    server: { log: 'off' },
    preferredMdPathExtensionStyle: 'auto',
    occurrencesHighlight: { enabled: false },
    suggest: { paths: { enabled: true, includeWorkspaceHeaderCompletions: 'onDoubleHash' } },
    validate: {
      enabled: true,
      referenceLinks: { enabled: 'warning' },
      fragmentLinks: { enabled: 'warning' },
      fileLinks: { enabled: 'warning', markdownFragmentLinks: 'inherit' },
      ignoredLinks: [],
      unusedLinkDefinitions: { enabled: 'hint' },
      duplicateLinkDefinitions: { enabled: 'warning' },
    },
  },
};

const md = new MarkdownIt('default', { html: true, linkify: true, typographer: false });

function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export class Client {
  constructor(kind, child, folders, settings = {}) {
    this.kind = kind;
    this.spec = SERVERS[kind];
    this.child = child;
    this.folders = folders;
    this.docs = new Map(); // uri -> { text, version, starts }
    this.pushed = new Map(); // uri -> newest version with diagnostics
    this.published = new Map(); // uri -> the diagnostics last pushed or pulled
    this.resultIds = new Map(); // uri -> the result id of the last pulled report
    this.pulls = { full: 0, unchanged: 0 };
    this.waiters = new Set();
    this.stderr = '';
    child.stderr.on('data', (d) => (this.stderr += d));
    const c = (this.connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)));
    c.onNotification('textDocument/publishDiagnostics', (p) => {
      this.pushed.set(p.uri, Math.max(this.pushed.get(p.uri) ?? -1, p.version ?? this.docs.get(p.uri)?.version ?? 0));
      this.published.set(p.uri, p.diagnostics);
      for (const w of [...this.waiters]) w();
    });
    c.onNotification(() => undefined);
    c.onRequest('workspace/configuration', (p) => p.items.map((i) => (i.section === 'markdown' ? MARKDOWN_SETTINGS.markdown : i.section === 'zhoubao' ? settings : null)));
    c.onRequest('markdown/parse', (p) => {
      const text = typeof p.text === 'string' ? p.text : (this.docs.get(p.uri)?.text ?? readOrEmpty(p.uri));
      return md.parse(text, {});
    });
    c.onRequest('markdown/fs/stat', (p) => {
      try {
        return { isDirectory: fs.statSync(fileURLToPath(p.uri)).isDirectory() };
      } catch {
        return undefined;
      }
    });
    c.onRequest('markdown/fs/readDirectory', (p) => {
      try {
        return fs.readdirSync(fileURLToPath(p.uri), { withFileTypes: true }).map((e) => [e.name, { isDirectory: e.isDirectory() }]);
      } catch {
        return [];
      }
    });
    c.onRequest('markdown/fs/readFile', (p) => {
      const open = this.docs.get(p.uri);
      return Array.from(open ? Buffer.from(open.text) : fs.readFileSync(fileURLToPath(p.uri)));
    });
    c.onRequest('markdown/findMarkdownFilesInWorkspace', () => this.folders.flatMap((f) => listMarkdown(fileURLToPath(f))));
    c.onRequest(() => null); // registrations, watchers, progress, refreshes
    c.listen();
  }

  /** `settings`: what the client answers for the `zhoubao` section of `workspace/configuration` */
  static async start(kind, { folders = [], env = {}, nodeArgs = [], settings = {} } = {}) {
    const spec = SERVERS[kind];
    const child = spawn(process.execPath, [...nodeArgs, ...spec.args], { env: { ...process.env, ...spec.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new Client(kind, child, folders, settings);
    const t0 = performance.now();
    client.initializeResult = await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ?? null,
      workspaceFolders: folders.map((uri) => ({ uri, name: path.basename(fileURLToPath(uri)) })),
      locale: 'zh-cn',
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true }, ...(spec.pushOnly ? {} : { diagnostics: { refreshSupport: true } }) },
        textDocument: {
          synchronization: { dynamicRegistration: true, didSave: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true },
          ...(spec.pushOnly ? {} : { diagnostic: { dynamicRegistration: true } }),
          completion: { dynamicRegistration: true, completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    client.initializeMs = performance.now() - t0;
    client.pull = spec.pull === 'auto' ? !!client.initializeResult.capabilities?.diagnosticProvider : spec.pull;
    return client;
  }

  /** `initialized`, then the settings push (the Microsoft server needs the complete markdown tree). */
  initialized() {
    void this.connection.sendNotification('initialized', {});
    if (this.kind === 'microsoft') void this.connection.sendNotification('workspace/didChangeConfiguration', { settings: MARKDOWN_SETTINGS });
  }

  rss() {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024; // MB
  }

  open(uri, text) {
    this.docs.set(uri, { text, version: 1, starts: lineStarts(text) });
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return 1;
  }

  close(uri) {
    this.docs.delete(uri);
    this.pushed.delete(uri);
    this.resultIds.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Inserts `insert` at (line, character) and sends the incremental change; returns the new version. */
  edit(uri, line, character, insert) {
    const d = this.docs.get(uri);
    const offset = d.starts[line] + character;
    d.text = d.text.slice(0, offset) + insert + d.text.slice(offset);
    d.version++;
    const pos = { line, character };
    // keep line starts current without rescanning: later lines move, and a line break typed starts a line
    for (let i = line + 1; i < d.starts.length; i++) d.starts[i] += insert.length;
    const added = [];
    for (let k = insert.indexOf('\n'); k >= 0; k = insert.indexOf('\n', k + 1)) added.push(offset + k + 1);
    if (added.length) d.starts.splice(line + 1, 0, ...added);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: d.version }, contentChanges: [{ range: { start: pos, end: pos }, text: insert }] });
    return d.version;
  }

  lines(uri) {
    const d = this.docs.get(uri);
    return d.text.split('\n');
  }

  /** Diagnostics for `version` of `uri`: pulled from a pull server, awaited from a push server. */
  async diagnostics(uri, version, deadlineMs = 60_000) {
    if (this.pull) {
      const previousResultId = this.resultIds.get(uri);
      const report = await this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId !== undefined ? { previousResultId } : {}) });
      if (report?.resultId !== undefined) this.resultIds.set(uri, report.resultId);
      else this.resultIds.delete(uri);
      if (report?.kind === 'unchanged') this.pulls.unchanged++;
      else {
        this.pulls.full++;
        this.published.set(uri, report?.items ?? []);
      }
      return report;
    }
    if ((this.pushed.get(uri) ?? -1) >= version) return;
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${this.kind}: no diagnostics for ${uri} v${version} within ${deadlineMs} ms\n${this.stderr.slice(-2000)}`));
      }, deadlineMs);
      const check = () => {
        if ((this.pushed.get(uri) ?? -1) >= version) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve();
        }
      };
      this.waiters.add(check);
    });
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.connection.sendNotification('exit');
    } catch {
      // gone already
    }
    await new Promise((r) => {
      if (this.child.exitCode !== null) return r();
      const t = setTimeout(() => {
        this.child.kill('SIGKILL');
        r();
      }, 2000);
      this.child.on('exit', () => {
        clearTimeout(t);
        r();
      });
    });
    this.connection.dispose();
  }
}

function readOrEmpty(uri) {
  try {
    return fs.readFileSync(fileURLToPath(uri), 'utf8');
  } catch {
    return '';
  }
}

function listMarkdown(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listMarkdown(p));
    else if (/\.md$/i.test(e.name)) out.push(pathToFileURL(p).href);
  }
  return out;
}
