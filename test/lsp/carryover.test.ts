/**
 * Carry-over through the language server: `zhoubao/newReport` plans (create, insert on unsaved
 * content, nothing, no earlier report), the code lens on a report without a review section, and
 * workspace symbols over all indexed reports.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CodeLens, SymbolInformation, TextEdit } from 'vscode-languageserver/node';
import { LspClient, TempWorkspace } from '../helpers/lsp-client';
import type { NewReportResult } from '../../server/src/lsp/protocol';
import { indexUntil, report } from './index-helpers';

/** Applies LSP text edits to a text (edits of one plan do not overlap). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

const newReport = (client: LspClient, params: Record<string, unknown>) => client.request<NewReportResult>('zhoubao/newReport', params);

describe('carry-over through the language server (real server, real folders)', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace();
    ws.write('2024-W09.md', report('2024-W09', { goals: ['旧目标不应带入'] }));
    // W10 skipped: W11 follows W09
    ws.write('2024-W11.md', report('2024-W11', { goals: ['收银台全量上线', '对账差错处理覆盖率提升到 90%', '完成 O1 季度复盘'] }));
    client = await LspClient.start({ folders: [ws.uri], locale: 'en' });
    await indexUntil(client, 'two weeks', (f) => f.weeks.length === 2);
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it("plans next week's file beside the latest report, with last week's goals as tasks", async () => {
    const plan = await newReport(client, { folderUri: ws.uri });
    assert.equal(plan.kind, 'create');
    if (plan.kind !== 'create') return;
    assert.equal(plan.uri, ws.fileUri('2024-W12.md'));
    assert.equal(plan.week, '2024-W12');
    assert.equal(plan.from, '2024-W11');
    assert.match(plan.text, /^# 2024-W12/);
    for (const g of ['收银台全量上线', '对账差错处理覆盖率提升到 90%', '完成 O1 季度复盘']) assert.ok(plan.text.includes(`- [ ] ${g}`), `${g} carried as a task`);
    assert.ok(!plan.text.includes('旧目标不应带入'), 'only the previous report is carried');
    assert.match(plan.message, /3 goal/);
    assert.ok(!fs.existsSync(ws.path('2024-W12.md')), 'the server writes nothing: the client does');
  });

  it('takes the previous report across skipped weeks when a week is asked for', async () => {
    const plan = await newReport(client, { folderUri: ws.uri, week: '2024-W10' });
    assert.equal(plan.kind, 'create');
    if (plan.kind === 'create') {
      assert.equal(plan.from, '2024-W09');
      assert.ok(plan.text.includes('- [ ] 旧目标不应带入'));
    }
  });

  it('inserts only the missing goals into the unsaved content of an open target, then has nothing to do', async () => {
    const uri = ws.write('2024-W12.md', '# 2024-W12\n\n## 【重点工作】\n- 【收银台改版】灰度中\n');
    // unsaved: one goal already carried by hand (checked), on disk it is not
    const unsaved = '# 2024-W12\n\n## 【上周目标回顾】\n- [x] 收银台全量上线：已完成\n\n## 【重点工作】\n- 【收银台改版】灰度中\n';
    await client.open(uri, unsaved);
    const plan = await newReport(client, { folderUri: ws.uri, week: '2024-W12' });
    assert.equal(plan.kind, 'insert');
    if (plan.kind !== 'insert') return;
    assert.equal(plan.uri, uri);
    assert.equal(plan.version, client.version(uri));
    const after = applyEdits(unsaved, plan.edits);
    assert.ok(after.startsWith('# 2024-W12\n\n## 【上周目标回顾】\n- [x] 收银台全量上线：已完成\n'), 'existing text unchanged');
    assert.ok(after.includes('- [ ] 对账差错处理覆盖率提升到 90%') && after.includes('- [ ] 完成 O1 季度复盘'));
    assert.ok(!after.includes('- [ ] 收银台全量上线'), 'a goal already there is not added again');

    await client.change(uri, [{ text: after }]);
    const again = await newReport(client, { folderUri: ws.uri, week: '2024-W12' });
    assert.equal(again.kind, 'nothing', JSON.stringify(again));
    await client.close(uri);
  });

  it('targets a freshly created report again (not the week after it) until its goals are written', async () => {
    // W12 is on disk (written by the previous test) without goals of its own: the default target stays W12
    const plan = await newReport(client, { folderUri: ws.uri });
    assert.equal(plan.kind, 'insert');
    if (plan.kind === 'insert') assert.equal(plan.week, '2024-W12');
  });

  it('says clearly when there is no earlier report', async () => {
    const plan = await newReport(client, { folderUri: ws.uri, week: '2024-W05' });
    assert.equal(plan.kind, 'error');
    assert.match(plan.message, /no report before 2024-W05/);
    const bad = await newReport(client, { folderUri: ws.uri, week: 'next week' });
    assert.equal(bad.kind, 'error');
  });

  it('shows a code lens on a report without a review section, carrying from the week before', async () => {
    // W20 follows W18 (W19 skipped); W18 is written on disk while the server runs
    const before = ws.write('2024-W18.md', report('2024-W18', { goals: ['风控规则上线', '退款链路压测'] }));
    await client.watchedFilesChanged([{ uri: before, type: 1 }]);
    await indexUntil(client, 'W18', (f) => f.weeks.some((w) => w.week === '2024-W18'));
    const text = report('2024-W20', { goals: ['下下周目标'] });
    const uri = ws.write('2024-W20.md', text);
    await client.open(uri, text);
    const got = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(got.length, 1);
    assert.equal(got[0].range.start.line, 0);
    assert.equal(got[0].command?.title, 'Carry over 2 goal(s) from 2024-W18');
    assert.equal(got[0].command?.command, 'zhoubao.newReport');
    assert.deepEqual(got[0].command?.arguments?.[0], { folderUri: ws.uri, week: '2024-W20', uri });
    // what the lens runs: the two goals inserted into the open report
    const plan = await newReport(client, got[0].command!.arguments![0] as Record<string, unknown>);
    assert.equal(plan.kind, 'insert');
    if (plan.kind === 'insert') assert.ok(applyEdits(text, plan.edits).includes('- [ ] 风控规则上线\n- [ ] 退款链路压测'));
    await client.close(uri);
  });

  it('shows no code lens once the report has a review section', async () => {
    const text = '# 2024-W14\n\n## 【上周目标回顾】\n- [ ] 下下周目标\n';
    const uri = ws.write('2024-W14.md', text);
    await client.open(uri, text);
    const got = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(got, []);
    await client.close(uri);
  });

  it('finds weeks and projects of every report by workspace symbol search', async () => {
    const weeks = await client.request<SymbolInformation[]>('workspace/symbol', { query: '2024-W11' });
    assert.ok(weeks.some((s) => s.name === '2024-W11' && s.location.uri === ws.fileUri('2024-W11.md')), JSON.stringify(weeks.map((s) => s.name)));
    const projects = await client.request<SymbolInformation[]>('workspace/symbol', { query: '收银台' });
    const names = projects.map((s) => `${s.name}@${s.containerName}`);
    assert.ok(names.includes('收银台改版@2024-W11') && names.includes('收银台改版@2024-W09'), names.join(', '));
    assert.ok(projects.every((s) => s.name.includes('收银台')));
    const none = await client.request<SymbolInformation[]>('workspace/symbol', { query: '不存在的项目' });
    assert.deepEqual(none, []);
  });
});

describe('carry-over in an empty folder', () => {
  it('says that there is no report yet', async () => {
    const ws = new TempWorkspace();
    const client = await LspClient.start({ folders: [ws.uri], locale: 'zh-CN' });
    try {
      await indexUntil(client, 'an empty index', () => true);
      const plan = await newReport(client, {});
      assert.equal(plan.kind, 'error');
      assert.match(plan.message, /还没有任何周报/);
    } finally {
      await client.stop();
      ws.remove();
    }
  });
});
