/**
 * No network access anywhere (issue 7, security): the CLI (every command) and the language server
 * (over stdio, through a realistic session: a workspace folder with reports and a `.zhoubao.json`,
 * diagnostics, outline, folding, hover, completion, quick fixes, code lenses, carry-over, trends
 * with their charts, a roll-up, settings and profile changes) run with a preload
 * (test/helpers/no-network.cjs, through NODE_OPTIONS, so child processes get it too) that makes
 * every network entry point of Node throw and records the attempt. Nothing may be attempted, and
 * every process started must have loaded the preload (else the check proved nothing).
 * A static look at the bundles backs this up: no HTTP, TLS, DNS or UDP module is required by any
 * bundle, and `net` only by the two that embed vscode-languageserver/-client (their socket and
 * pipe transports, unused with stdio: the runtime check is the proof).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, ensureBuilt as ensureCliBuilt, removeDir, tempDir } from '../cli/cli-helpers';
import { LspClient, REPO_ROOT, TempWorkspace } from '../helpers/lsp-client';
import { report } from './index-helpers';
import { WEEK_12 } from './reports';

const PRELOAD = path.join(REPO_ROOT, 'test', 'helpers', 'no-network.cjs');

interface Entry {
  pid: number;
  loaded?: boolean;
  attempt?: string;
  argv?: string[];
  stack?: string;
}

function readLog(file: string): Entry[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Entry);
}

/** The environment that loads the preload in every Node process started from it. */
function guardedEnv(log: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, ZHOUBAO_NO_NET_LOG: log, NODE_OPTIONS: `${base.NODE_OPTIONS ?? ''} --require ${PRELOAD}`.trim() };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE', 'NO_COLOR', 'FORCE_COLOR']) delete env[k];
  return env;
}

const PROFILE = `// 支付团队
{
  "placeholders": ["xx", "TODO", "待补充"],
  "rules": { "WR005": "warning" }
}
`;

/** A workspace of three weeks and a profile. */
const FILES: Record<string, string> = {
  '.zhoubao.json': PROFILE,
  '2024-W10.md': report('2024-W10', { progress: 20, metric: '99.95%' }),
  '2024-W11.md': report('2024-W11', { progress: 30, metric: '99.97%' }),
  '2024-W12.md': WEEK_12,
};

describe('no network access (a preload that blocks and records every network entry point)', function () {
  this.timeout(120_000);
  let logDir: string;

  before(() => {
    logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhoubao-nonet-'));
  });
  after(() => removeDir(logDir));

  it('the guard itself: each network entry point tried in a guarded process (and its child) is blocked and recorded', () => {
    const log = path.join(logDir, 'self.jsonl');
    const script = `
      const tries = {
        'net.connect': () => require('net').connect(9, '127.0.0.1'),
        'net.Socket#.connect': () => new (require('net').Socket)().connect(9, '127.0.0.1'),
        'net.Server#.listen': () => new (require('net').Server)().listen(0),
        'dns.lookup': () => require('dns').lookup('example.invalid', () => {}),
        'dns.promises.resolve4': () => require('dns').promises.resolve4('example.invalid'),
        'http.get': () => require('http').get('http://example.invalid/'),
        'https.request': () => require('https').request('https://example.invalid/'),
        'http2.connect': () => require('http2').connect('https://example.invalid/'),
        'tls.connect': () => require('tls').connect(443, 'example.invalid'),
        'dgram.createSocket': () => require('dgram').createSocket('udp4'),
        fetch: () => fetch('https://example.invalid/'),
      };
      const escaped = [];
      for (const [name, f] of Object.entries(tries)) {
        try { const r = f(); if (r && typeof r.catch === 'function') r.catch(() => {}); escaped.push(name); }
        catch (e) { if (e.code !== 'ENETBLOCKED') escaped.push(name + ': ' + e.message); }
      }
      const child = require('child_process').spawnSync(process.execPath, ['-e', "try { fetch('https://example.invalid/') } catch {}"], { env: process.env });
      process.stdout.write(JSON.stringify({ escaped, child: child.status }));
      process.exit(0);
    `;
    const r = spawnSync(process.execPath, ['-e', script], { env: guardedEnv(log), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { escaped: string[]; child: number };
    assert.deepEqual(out.escaped, [], 'entry points that were not blocked');
    const entries = readLog(log);
    const attempts = entries.filter((e) => e.attempt).map((e) => e.attempt);
    for (const what of ['net.connect', 'net.Socket#.connect', 'net.Server#.listen', 'dns.lookup', 'dns.promises.resolve4', 'http.get', 'https.request', 'http2.connect', 'tls.connect', 'dgram.createSocket', 'fetch']) {
      assert.ok(attempts.includes(what), `${what} was not recorded: ${JSON.stringify(attempts)}`);
    }
    const pids = new Set(entries.filter((e) => e.loaded).map((e) => e.pid));
    assert.equal(pids.size, 2, 'the preload was loaded by the process and by its child');
    assert.equal(entries.filter((e) => e.attempt === 'fetch').length, 2, 'the child’s fetch was recorded too');
  });

  it('the CLI attempts nothing: check (text, json, sarif), rules, new, trend (html, svg, csv, json), rollup', () => {
    ensureCliBuilt();
    const dir = tempDir(FILES);
    const out = tempDir();
    const log = path.join(logDir, 'cli.jsonl');
    try {
      const runs: Array<[string[], number[]]> = [
        [['check'], [0, 1]],
        [['check', '--format', 'json', '.'], [0, 1]],
        [['check', '--format', 'sarif', '2024-W12.md', '--profile', '.zhoubao.json'], [0, 1]],
        [['rules', '--format', 'json'], [0]],
        [['new', '--dir', '.'], [0]],
        [['trend', '--format', 'html', '--out', path.join(out, 't.html')], [0]],
        [['trend', '--format', 'svg', '--out', path.join(out, 't.svg')], [0]],
        [['trend', '--format', 'csv'], [0]],
        [['trend', '--format', 'json'], [0]],
        [['rollup', '--month', '2024-03', '--out', path.join(out, 'r.md')], [0]],
      ];
      for (const [args, ok] of runs) {
        const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env: guardedEnv(log), encoding: 'utf8' });
        assert.ok(ok.includes(r.status ?? -1), `zhoubao ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
      }
      assert.ok(fs.existsSync(path.join(dir, '2024-W13.md')), 'new wrote next week');
      assert.ok(fs.readFileSync(path.join(out, 't.svg'), 'utf8').includes('<svg'), 'trend drew its charts');
      const entries = readLog(log);
      assert.equal(entries.filter((e) => e.loaded).length, runs.length, 'every run loaded the guard');
      assert.deepEqual(entries.filter((e) => e.attempt), [], 'network attempts');
    } finally {
      removeDir(dir);
      removeDir(out);
    }
  });

  it('the language server attempts nothing through a whole session over stdio', async () => {
    const ws = new TempWorkspace();
    for (const [name, text] of Object.entries(FILES)) ws.write(name, text);
    const log = path.join(logDir, 'server.jsonl');
    const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, ZHOUBAO_NO_NET_LOG: process.env.ZHOUBAO_NO_NET_LOG };
    const env = guardedEnv(log);
    process.env.NODE_OPTIONS = env.NODE_OPTIONS;
    process.env.ZHOUBAO_NO_NET_LOG = log;
    let client: LspClient | undefined;
    try {
      client = await LspClient.start({ folders: [ws.uri], settings: { rules: { WR060: 'warning' } } });
    } finally {
      // only the server was to be started with the guard
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    try {
      const uri = ws.fileUri('2024-W12.md');
      await client.open(uri, WEEK_12);
      const diagnostics = await client.diagnosticsFor(uri);
      assert.ok(diagnostics.length > 0, 'the report was checked');
      const symbols = await client.documentSymbols(uri);
      assert.ok(symbols && symbols.length > 0);
      await client.foldingRanges(uri);
      await client.hover(uri, { line: 0, character: 4 });
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 0 } });
      await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } }, diagnostics);
      await client.request('textDocument/codeLens', { textDocument: { uri } });
      await client.request('zhoubao/newReport', { uri });
      const trends = await client.request<{ charts: Array<{ svg: string }> }>('zhoubao/trends', { folderUri: ws.uri });
      assert.ok(trends.charts.some((c) => c.svg.includes('<svg')), 'the charts were drawn');
      await client.request('zhoubao/rollup', { period: '2024-03', folderUri: ws.uri });
      // settings and profile changes, an edit
      await client.configurationChanged({ titleStyle: 'cn' });
      ws.write('.zhoubao.json', '{ "rules": { "WR010": "off" } }');
      await client.watchedFilesChanged([{ uri: ws.fileUri('.zhoubao.json'), type: 2 }]);
      const v = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
      await client.diagnosticsFor(uri, v);
      await client.request('zhoubao/serverStatus', undefined);
      assert.ok(client.alive, client.stderrText);
    } finally {
      await client.stop();
      ws.remove();
    }
    const entries = readLog(log);
    assert.ok(entries.some((e) => e.loaded && e.pid === client?.pid), `the server loaded the guard: ${JSON.stringify(entries.map((e) => e.pid))} vs ${client.pid}`);
    assert.deepEqual(entries.filter((e) => e.attempt), [], 'network attempts');
  });

  it('statically: no bundle requires an HTTP, TLS, DNS or UDP module; net only where the LSP libraries are', () => {
    ensureCliBuilt();
    const dist = path.join(REPO_ROOT, 'dist');
    const NETWORK = /require\("(?:node:)?(net|http|https|http2|tls|dns|dgram|undici)"\)|\bfrom\s*"(?:node:)?(?:net|http|https|http2|tls|dns|dgram|undici)"/g;
    const found: Record<string, string[]> = {};
    for (const f of fs.readdirSync(dist).filter((x) => x.endsWith('.js'))) {
      const mods = [...fs.readFileSync(path.join(dist, f), 'utf8').matchAll(NETWORK)].map((m) => m[1] ?? m[0]);
      if (mods.length) found[f] = [...new Set(mods)].sort();
    }
    // vscode-languageserver's node entry (server.js) and vscode-languageclient (client.js) carry
    // socket and named-pipe transports; Zhoubao starts them over stdio only
    assert.deepEqual(found, { 'client.js': ['net'], 'server.js': ['net'] });
  });
});
