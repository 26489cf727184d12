import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, LspClient, REPO_ROOT, SERVER_JS, TempWorkspace } from '../helpers/lsp-client';
import { WEEK_12 } from './reports';
import { INTERRUPT_BUDGET, interruptBudget } from '../../server/src/lsp/jit';

/** a small deterministic generator (mulberry32), so a failure can be replayed */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** text made of report-ish pieces and noise: headings, brackets, list markers, numbers, lone surrogates */
function garbage(rnd: () => number, pieces: number): string {
  const atoms = ['# ', '## 【', '】', '- ', '    1. ', '\n', '\n\n', '\r\n', '：', '%', '99.9', '3/21 ', '15:43', '第47周 ', '2023/11/13', '2024-w', '【待复盘】', '较上周', '进度', '`', '[', '](', ')', '<!--', '-->', '\uD800', '\uDC00', '😀', '\t', '    ', '```\n', '|', '>'];
  let s = '';
  for (let i = 0; i < pieces; i++) s += rnd() < 0.8 ? atoms[Math.floor(rnd() * atoms.length)] : String.fromCharCode(Math.floor(rnd() * 0x3000));
  return s;
}

describe('LSP robustness: the server answers and survives whatever it is given', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace();
    client = await LspClient.start({ folders: [ws.uri] });
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  async function allFeatures(uri: string, text: string): Promise<void> {
    const lines = text.split('\n').length;
    assert.ok(Array.isArray(await client.documentSymbols(uri)));
    assert.ok(Array.isArray(await client.foldingRanges(uri)));
    for (const line of [0, Math.floor(lines / 2), lines - 1, lines + 100]) {
      for (const character of [0, 3, 1000]) {
        const h = await client.hover(uri, { line, character });
        assert.ok(h === null || typeof h === 'object');
      }
    }
    const range = { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } };
    assert.ok(Array.isArray(await client.codeActions(uri, range, [])));
  }

  it('gives a binary file named like a report one WR000 diagnostic and still answers every request', async () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe, 0x0a, 0x00, 0x23, 0x20, 0x41]);
    const text = bytes.toString('utf8');
    const uri = ws.write('2024-W10.md', bytes);
    await client.open(uri, text);
    const ds = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(ds.map((d) => d.code), ['WR000']);
    assert.equal(ds[0].severity, 1);
    await allFeatures(uri, text);
  });

  it('handles an empty report and an empty edit', async () => {
    const uri = ws.write('2024-W11.md', '');
    await client.open(uri, '');
    assert.ok(Array.isArray(await client.diagnosticsFor(uri, 1)));
    await allFeatures(uri, '');
    const v2 = await client.replace(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '');
    assert.ok(Array.isArray(await client.diagnosticsFor(uri, v2)));
  });

  it('survives random text and random incremental edits, publishing for every final version, with no rule or parser failing', async function () {
    this.timeout(60_000);
    const rnd = random(20240318);
    for (let doc = 0; doc < 5; doc++) {
      let text = garbage(rnd, 400);
      const uri = ws.write(`fuzz/2024-W${String(20 + doc)}.md`, text);
      await client.open(uri, text);
      await client.diagnosticsFor(uri, 1);
      let version = 1;
      for (let edit = 0; edit < 20; edit++) {
        const line = Math.floor(rnd() * 40);
        const start = { line, character: Math.floor(rnd() * 30) };
        // some ranges reach past the end of the document: the server must clamp, not fail
        const end = { line: line + Math.floor(rnd() * 3), character: Math.floor(rnd() * 30) };
        version = await client.replace(uri, { start, end }, garbage(rnd, Math.floor(rnd() * 10)));
      }
      const ds = await client.diagnosticsFor(uri, version);
      assert.ok(ds.every((d) => d.source === 'zhoubao' && d.range.start.line >= 0));
      text = WEEK_12 + garbage(rnd, 200);
      version = await client.change(uri, [{ text }]);
      await client.diagnosticsFor(uri, version);
      await allFeatures(uri, text);
      await client.close(uri);
    }
    assert.ok(client.alive, client.stderrText);
    // a rule or the parser throwing is caught and logged by the server: still a bug
    assert.deepEqual(client.logs.filter((l) => /failed/.test(l)), []);
  });

  it('answers requests about documents it does not know with nothing', async () => {
    const uri = ws.fileUri('never-opened.md');
    assert.deepEqual(await client.documentSymbols(uri), []);
    assert.deepEqual(await client.foldingRanges(uri), []);
    assert.equal(await client.hover(uri, { line: 0, character: 0 }), null);
  });

  it('is still alive and tracking the right documents afterwards', async () => {
    const status = await client.request<{ pid: number; documents: number }>('zhoubao/serverStatus', undefined);
    assert.equal(status.pid, client.pid);
    assert.equal(status.documents, 2);
  });
});

describe('the V8 optimisation budget (lsp/jit.ts)', () => {
  it('is set by the server for itself', async () => {
    const client = await LspClient.start();
    try {
      const status = await client.request<{ interruptBudget?: number }>('zhoubao/serverStatus', undefined);
      assert.equal(status.interruptBudget, INTERRUPT_BUDGET);
    } finally {
      await client.stop();
    }
  });

  it('is left to Node when Node was given one', async () => {
    assert.equal(interruptBudget(['--interrupt_budget=1000']), undefined);
    assert.equal(interruptBudget(['--inspect']), INTERRUPT_BUDGET);
    const client = await LspClient.start({ nodeArgs: ['--interrupt-budget=100000'] });
    try {
      const status = await client.request<{ interruptBudget?: number; pid: number }>('zhoubao/serverStatus', undefined);
      assert.equal(status.pid, client.pid);
      assert.equal(status.interruptBudget, undefined);
    } finally {
      await client.stop();
    }
  });
});

describe('zhoubao-language-server command line', () => {
  before(() => ensureBuilt());

  const run = (...args: string[]) => spawnSync(process.execPath, [SERVER_JS, ...args], { encoding: 'utf8', timeout: 10_000, input: '' });

  it('prints its version with --version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = run('--version');
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  it('prints usage with --help', () => {
    const r = run('--help');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /--stdio/);
    assert.match(r.stdout, /--node-ipc/);
  });

  it('refuses to start without a transport, with usage on stderr', () => {
    const r = run();
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no transport/);
  });

  it('exits when its client goes away (stdin closed)', () => {
    const r = run('--stdio');
    assert.notEqual(r.status, null, 'exited by itself');
  });
});
