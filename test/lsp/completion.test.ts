import * as assert from 'node:assert/strict';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type MarkupContent, type TextEdit } from 'vscode-languageserver/node';
import { LspClient, positionOf, TempWorkspace, textAt } from '../helpers/lsp-client';

/** A week in progress (our own text): key work, metrics half done, an incident. */
const DRAFT = `# 2024-W12

## 【重点工作】
- 【聚合收银台】灰度进度30%，计划3/28全量
- 【清结算重构】整体进度45%

## 【系统运行数据】

支付成功率：
- 入金有效成功率：99.981%
-

## 【生产事件】

3/19 10:05 收单网关超时，10:30恢复，共持续25min

`;

function items(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  if (!result) return [];
  return Array.isArray(result) ? result : result.items;
}

const bySort = (list: CompletionItem[]): CompletionItem[] => [...list].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));

describe('LSP completion (real server over stdio)', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace();
    client = await LspClient.start({ folders: [ws.uri], locale: 'zh-cn', capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } } } } });
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  const complete = async (uri: string, position: { line: number; character: number }, triggerCharacter?: string): Promise<CompletionItem[]> =>
    items(
      await client.request('textDocument/completion', {
        textDocument: { uri },
        position,
        context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 },
      }),
    );

  it('announces completion with the trigger characters #, 【 and -', () => {
    const provider = client.initializeResult?.capabilities.completionProvider;
    assert.ok(provider, 'no completionProvider');
    assert.deepEqual([...(provider.triggerCharacters ?? [])].sort(), ['#', '-', '【'].sort());
  });

  it('offers the missing sections at a new heading, with snippet text edits replacing the typed prefix', async () => {
    const text = `${DRAFT}##\n`;
    const uri = ws.write('2024-W12.md', text);
    await client.open(uri, text);
    const pos = { line: text.split('\n').length - 2, character: 2 };
    const list = bySort(await complete(uri, pos, '#'));
    assert.deepEqual(
      list.map((i) => i.label),
      ['【上周目标回顾】', '【O1 …】', '【其他】', '收获与反思', '下周工作及目标', '日报合集'],
    );
    const goals = list.find((i) => i.label === '下周工作及目标')!;
    const edit = goals.textEdit as TextEdit;
    assert.equal(edit.newText, '# 下周工作及目标');
    assert.equal(textAt(text, edit.range), '##');
    assert.equal(goals.kind, CompletionItemKind.Module);
    assert.equal(goals.detail, '必填章节，1 级标题', 'detail in the client language');
    const okr = list.find((i) => i.label === '【O1 …】')!;
    assert.equal(okr.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal((okr.textEdit as TextEdit).newText, '## 【O1 ${1}】');
    await client.close(uri);
  });

  it('offers the metrics not yet present inside 【系统运行数据】, cursor on the value', async () => {
    const uri = ws.write('2024-W12.md', DRAFT);
    await client.open(uri, DRAFT);
    const pos = positionOf(DRAFT, '99.981%\n-', '99.981%\n-'.length);
    const list = bySort(await complete(uri, pos, '-'));
    assert.deepEqual(list.map((i) => i.label), ['出金有效成功率', '一次支付成功率', '年度可用性', '事故数']);
    const first = list[0];
    assert.equal(first.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal((first.textEdit as TextEdit).newText, '- 出金有效成功率：${1:xx}%');
    assert.equal(textAt(DRAFT, (first.textEdit as TextEdit).range), '-');
    assert.equal(first.kind, CompletionItemKind.Field);
    assert.match((first.documentation as MarkupContent).value, /目标：≥ 99.95%/);
    await client.close(uri);
  });

  it('offers a timestamp for now inside 【生产事件】, and nothing in the middle of a paragraph', async () => {
    const uri = ws.write('2024-W12.md', DRAFT);
    await client.open(uri, DRAFT);
    const lines = DRAFT.split('\n');
    const [stamp] = await complete(uri, { line: lines.length - 1, character: 0 });
    assert.equal(stamp.kind, CompletionItemKind.Event);
    const now = new Date();
    const newText = (stamp.textEdit as TextEdit).newText;
    // the minute may turn between the request and this check: compare the date and the shape
    assert.match(newText, /^\d{1,2}\/\d{1,2} \d{2}:\d{2} $/);
    assert.ok(newText.startsWith(`${now.getMonth() + 1}/`) || now.getDate() === 1, newText);
    assert.deepEqual(await complete(uri, positionOf(DRAFT, '收单网关')), []);
    await client.close(uri);
  });

  it('offers the week title of the file name on the empty first line of a new file', async () => {
    const uri = ws.write('2024-W13.md', '');
    await client.open(uri, '');
    const list = await complete(uri, { line: 0, character: 0 });
    assert.deepEqual(list.map((i) => (i.textEdit as TextEdit).newText), ['# 2024-W13']);
    await client.close(uri);
  });

  it('offers project names after 【 in a list item', async () => {
    const text = `${DRAFT.replace('## 【系统运行数据】', '- 【\n\n## 【系统运行数据】')}`;
    const uri = ws.write('2024-W12.md', text);
    await client.open(uri, text);
    const pos = positionOf(text, '- 【\n', 3);
    const list = bySort(await complete(uri, pos, '【'));
    assert.deepEqual(list.map((i) => i.label), ['清结算重构', '聚合收银台']);
    assert.equal((list[0].textEdit as TextEdit).newText, '清结算重构】');
    await client.close(uri);
  });

  it('stays out of Markdown files that are not reports', async () => {
    const text = '# Notes\n\n## Install\n\n##\n';
    const uri = ws.write('README.md', text);
    await client.open(uri, text);
    assert.deepEqual(await complete(uri, { line: 4, character: 2 }, '#'), []);
    await client.close(uri);
  });

  it('answers plain text edits to a client without snippet support', async () => {
    const plain = await LspClient.start({ folders: [ws.uri] });
    try {
      const uri = ws.write('2024-W12.md', DRAFT);
      await plain.open(uri, DRAFT);
      const list = items(await plain.request('textDocument/completion', { textDocument: { uri }, position: positionOf(DRAFT, '99.981%\n-', '99.981%\n-'.length) }));
      const first = list.find((i) => i.label === '出金有效成功率')!;
      assert.notEqual(first.insertTextFormat, InsertTextFormat.Snippet);
      assert.equal((first.textEdit as TextEdit).newText, '- 出金有效成功率：xx%');
      assert.equal(first.detail, 'Required metric', 'English by default');
    } finally {
      await plain.stop();
    }
  });
});
