/**
 * Huge and strange files through the CLI (a real process on real files) and through the server
 * over stdio: a 10 MB report, a 1 MB single line, a list nested 900 deep, a binary `.md`, a GBK
 * report, an empty file, a title-only file. Each gets an answer with a clear message (WR090 over
 * the budgets, WR000 for binary and GBK) and nothing hangs (mocha's timeout is the only clock);
 * `zhoubao check` never writes a file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, TempWorkspace } from '../helpers/lsp-client';
import { bigReport, binaryBytes, deepList, GBK_REPORT, gbkBytes, longLine, TITLE_ONLY } from '../fuzz/huge';
import { ensureBuilt, removeDir, tempDir, zhoubao, type JsonOutput } from './cli-helpers';

const FILES: Record<string, string | Buffer> = {
  '2024-W01.md': bigReport(10 * 1024 * 1024),
  '2024-W02.md': longLine(1024 * 1024),
  '2024-W03.md': deepList(900),
  '2024-W04.md': binaryBytes(64 * 1024),
  '2024-W05.md': gbkBytes(GBK_REPORT),
  '2024-W06.md': '',
  '2024-W07.md': TITLE_ONLY,
};
const EXPECT: Record<string, (codes: string[]) => boolean> = {
  '2024-W01.md': (c) => c.length === 1 && c[0] === 'WR090',
  '2024-W02.md': (c) => c.includes('WR090'),
  '2024-W03.md': (c) => c.includes('WR090') && c.includes('WR010'),
  '2024-W04.md': (c) => c.includes('WR000') && !c.includes('WR010'),
  '2024-W05.md': (c) => c.includes('WR000'),
  '2024-W06.md': (c) => !c.includes('WR090'),
  '2024-W07.md': (c) => !c.includes('WR090') && c.includes('WR010'),
};

describe('huge and strange files', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = tempDir(FILES);
  });
  after(() => removeDir(dir));

  it('zhoubao check answers for every file with the expected guard findings and writes nothing', () => {
    const before = fs.readdirSync(dir).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs]);
    const r = zhoubao(['check', '--format', 'json', '.'], dir);
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as JsonOutput;
    for (const name of Object.keys(FILES)) {
      const entry = out.find((e) => e.file.endsWith(name));
      const codes = entry?.diagnostics.map((d) => d.code) ?? [];
      assert.ok(EXPECT[name](codes), `${name}: ${codes.join(', ')}`);
    }
    const wr090 = out.flatMap((e) => e.diagnostics).find((d) => d.code === 'WR090');
    assert.match(wr090!.message, /too large|nests/);
    assert.deepEqual(fs.readdirSync(dir).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs]), before, 'check wrote nothing');
  });

  it('the server over stdio publishes diagnostics for each, stays alive and answers requests', async () => {
    const ws = new TempWorkspace();
    const client = await LspClient.start({ folders: [ws.uri] });
    try {
      for (const [name, content] of Object.entries(FILES)) {
        const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
        const uri = ws.write(name, content);
        await client.open(uri, text);
        const ds = await client.diagnosticsFor(uri, client.version(uri));
        assert.ok(EXPECT[name](ds.map((d) => String(d.code))), `${name}: ${ds.map((d) => d.code).join(', ')}`);
        assert.ok(Array.isArray(await client.documentSymbols(uri)));
        assert.ok(Array.isArray(await client.foldingRanges(uri)));
        // an edit at the end of a huge document is answered too
        const lines = text.split('\n');
        await client.replace(uri, { start: { line: lines.length - 1, character: 0 }, end: { line: lines.length - 1, character: 0 } }, '\n');
        await client.diagnosticsFor(uri, client.version(uri));
        await client.close(uri);
      }
      assert.ok(client.alive, client.stderrText);
    } finally {
      await client.stop();
      ws.remove();
    }
  });
});
