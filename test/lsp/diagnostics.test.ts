import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams, TextDocumentEdit, TextEdit } from 'vscode-languageserver/node';
import { applyEdits } from '../../server/src/core/text';
import { LspClient, positionOf, TempWorkspace, textAt } from '../helpers/lsp-client';
import { README, WEEK_12 } from './reports';

interface Data {
  version: number;
  fixes: Array<{ title: string; edits: TextEdit[]; preferred?: boolean }>;
}

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
const byCode = (ds: Diagnostic[], code: string) => {
  const d = ds.find((x) => x.code === code);
  assert.ok(d, `no ${code} in ${JSON.stringify(codes(ds))}`);
  return d;
};

/** versions published for one document never go back */
function assertMonotonic(published: PublishDiagnosticsParams[]): void {
  const versions = published.map((p) => p.version ?? -1);
  for (let i = 1; i < versions.length; i++) assert.ok(versions[i] >= versions[i - 1], `published out of order: ${versions.join(', ')}`);
}

describe('LSP diagnostics (real server over stdio)', () => {
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

  it('publishes diagnostics for an opened report with version, code, range, source, rule page and fixes in data', async () => {
    const uri = ws.write('2024-W12.md', WEEK_12);
    await client.open(uri, WEEK_12);
    const ds = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(codes(ds).sort(), ['WR023', 'WR044']);
    const below = byCode(ds, 'WR023');
    assert.match(textAt(WEEK_12, below.range), /99\.912/);
    assert.equal(below.severity, 2); // warning
    assert.match(below.message, /出金有效成功率/);
    const pending = byCode(ds, 'WR044');
    assert.equal(pending.severity, 3); // information
    assert.equal(below.range.start.line, positionOf(WEEK_12, '- 出金有效成功率').line);
    for (const d of ds) {
      assert.equal(d.source, 'zhoubao');
      const href = d.codeDescription?.href;
      if (href) {
        assert.ok(href.startsWith('file:'), href);
        assert.ok(fs.existsSync(fileURLToPath(href)), `rule page missing: ${href}`);
        assert.ok(href.endsWith(`/docs/rules/${d.code}.md`), href);
      }
      const data = d.data as Data;
      assert.equal(data.version, 1);
      assert.ok(Array.isArray(data.fixes));
    }
    assert.ok(below.codeDescription, 'WR023 links to docs/rules/WR023.md');
  });

  it('re-checks an incremental edit and publishes for the new version only', async () => {
    const uri = ws.write('inc/2024-W12.md', WEEK_12);
    await client.open(uri, WEEK_12);
    await client.diagnosticsFor(uri, 1);
    // 99.912% → 99.982%: above the target now
    const at = positionOf(WEEK_12, '99.912%', 4);
    const v2 = await client.replace(uri, { start: at, end: { line: at.line, character: at.character + 1 } }, '8');
    const ds = await client.diagnosticsFor(uri, v2);
    // the previous test's 2024-W12.md claims the same week in this folder: WR006, not this test's business
    assert.deepEqual(codes(ds).filter((c) => c !== 'WR006'), ['WR044']);
    for (const d of ds) assert.equal((d.data as Data).version, v2);
    assertMonotonic(client.publishedFor(uri));
  });

  it('follows rapid edits (incremental, then full) to the last version and never publishes an older version after a newer one', async () => {
    const uri = ws.write('rapid/2024-W12.md', WEEK_12);
    await client.open(uri, WEEK_12);
    await client.diagnosticsFor(uri, 1);
    const line = positionOf(WEEK_12, '- 年度可用性').line;
    let text = WEEK_12;
    // delete the 年度可用性 line, then type into the incident line, then replace the whole text
    await client.replace(uri, { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, '');
    text = text.split('\n').filter((_, i) => i !== line).join('\n');
    const inc = positionOf(text, '监控发现');
    await client.replace(uri, { start: inc, end: inc }, '值班');
    text = text.replace('监控发现', '值班监控发现');
    const last = await client.change(uri, [{ text }]);
    const ds = await client.diagnosticsFor(uri, last);
    assert.ok(codes(ds).includes('WR020'), `missing 年度可用性 reported: ${JSON.stringify(codes(ds))}`);
    // one more round trip: anything stale still in flight would arrive before this
    const again = await client.change(uri, [{ text: text + '\n' }]);
    await client.diagnosticsFor(uri, again);
    assertMonotonic(client.publishedFor(uri));
  });

  it('answers a quick fix from the diagnostic alone, and applying it silences the finding', async () => {
    const text = WEEK_12.replace('# 2024-W12', '# 2024-w12');
    const uri = ws.write('fix/2024-W12.md', text);
    await client.open(uri, text);
    const ds = await client.diagnosticsFor(uri, 1);
    const d = byCode(ds, 'WR005');
    assert.equal(textAt(text, d.range), '2024-w12');
    const actions = (await client.codeActions(uri, d.range, [d])) ?? [];
    assert.equal(actions.length, 1);
    const [action] = actions;
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, true);
    assert.deepEqual(action.diagnostics, [d]);
    const change = action.edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    assert.deepEqual(change.edits.map((e) => e.newText), ['2024-W12']);
    const fixed = applyEdits(text, change.edits);
    assert.ok(fixed.startsWith('# 2024-W12\n'));
    const v2 = await client.change(uri, [{ text: fixed }]);
    assert.ok(!codes(await client.diagnosticsFor(uri, v2)).includes('WR005'));
  });

  it('inserts a missing required metric through its quick fix', async () => {
    const text = WEEK_12.replace('- 年度可用性：100%\n', '');
    const uri = ws.write('fix2/2024-W12.md', text);
    await client.open(uri, text);
    const d = byCode(await client.diagnosticsFor(uri, 1), 'WR020');
    const [action] = (await client.codeActions(uri, d.range, [d])) ?? [];
    assert.ok(action, 'a quick fix for WR020');
    const change = action.edit!.documentChanges![0] as TextDocumentEdit;
    const fixed = applyEdits(text, change.edits);
    assert.match(fixed, /- 年度可用性：/);
    const v2 = await client.change(uri, [{ text: fixed }]);
    assert.ok(!codes(await client.diagnosticsFor(uri, v2)).includes('WR020'));
  });

  it('offers no code actions for diagnostics of other tools or without fix data', async () => {
    const uri = ws.fileUri('2024-W12.md');
    const foreign: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', source: 'markdownlint', data: { version: 1, fixes: [{ title: 't', edits: [] }] } };
    const bare: Diagnostic = { range: foreign.range, message: 'y', source: 'zhoubao', code: 'WR023' };
    assert.deepEqual(await client.codeActions(uri, foreign.range, [foreign, bare]), []);
  });

  it('gives a Markdown file that is not a report an empty diagnostics list', async () => {
    const uri = ws.write('README.md', README);
    await client.open(uri, README);
    assert.deepEqual(await client.diagnosticsFor(uri, 1), []);
    assert.deepEqual(await client.documentSymbols(uri), []);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = ws.write('closed/2024-W12.md', WEEK_12);
    await client.open(uri, WEEK_12);
    assert.ok((await client.diagnosticsFor(uri, 1)).length > 0);
    const before = client.publishedFor(uri).length;
    await client.close(uri);
    await client.waitFor('cleared diagnostics', () => client.publishedFor(uri).slice(before).find((p) => p.diagnostics.length === 0));
  });
});

describe('LSP diagnostics in the client locale', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace();
    client = await LspClient.start({ folders: [ws.uri], locale: 'zh-CN' });
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it('writes messages and fix titles in Chinese for a zh-CN client', async () => {
    const text = WEEK_12.replace('# 2024-W12', '# 2024-w12');
    const uri = ws.write('2024-W12.md', text);
    await client.open(uri, text);
    const ds = await client.diagnosticsFor(uri, 1);
    assert.match(byCode(ds, 'WR023').message, /低于/);
    const d = byCode(ds, 'WR005');
    assert.match((d.data as Data).fixes[0].title, /改为/);
    const [action] = (await client.codeActions(uri, d.range, [d])) ?? [];
    assert.match(action.title, /改为/);
  });
});
