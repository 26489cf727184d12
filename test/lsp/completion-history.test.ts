/** Completion that knows the workspace: last week's metric values and other reports' projects. */
import * as assert from 'node:assert/strict';
import type { CompletionItem, CompletionList } from 'vscode-languageserver/node';
import { LspClient, TempWorkspace } from '../helpers/lsp-client';
import { indexUntil, report } from './index-helpers';

const items = (r: CompletionItem[] | CompletionList | null): CompletionItem[] => (!r ? [] : Array.isArray(r) ? r : r.items);

/** This week's draft: a metrics section still without 入金有效成功率, a project item being typed. */
const DRAFT = `# 2024-W12

## 【重点工作】
- 【

## 【系统运行数据】

支付成功率：
- 出金有效成功率：99.990%
- 
`;

describe('LSP completion with workspace history (real server over stdio)', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace();
    ws.write('2024-W11.md', report('2024-W11', { project: '跨境收款通道', metric: '99.972%' }));
    client = await LspClient.start({ folders: [ws.uri], capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } } });
    await indexUntil(client, 'last week in the index', (f) => f.weeks.some((w) => w.week === '2024-W11'));
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  const complete = async (uri: string, line: number, character: number): Promise<CompletionItem[]> =>
    items(await client.request('textDocument/completion', { textDocument: { uri }, position: { line, character }, context: { triggerKind: 1 } }));

  it("shows last week's value beside a missing metric", async () => {
    const uri = ws.fileUri('2024-W12.md');
    await client.open(uri, DRAFT);
    const list = await complete(uri, 9, 2);
    const deposit = list.find((i) => i.label.includes('入金有效成功率'));
    assert.ok(deposit, `offered: ${list.map((i) => i.label).join(', ')}`);
    assert.match(`${deposit.detail ?? ''}`, /99\.972%/);
  });

  it('offers project names from the other reports of the workspace after 【', async () => {
    const uri = ws.fileUri('2024-W12.md');
    const list = await complete(uri, 3, 3);
    assert.ok(list.some((i) => i.label.startsWith('跨境收款通道')), `offered: ${list.map((i) => i.label).join(', ')}`);
  });
});
