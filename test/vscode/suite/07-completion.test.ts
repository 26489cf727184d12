/**
 * Completion from the language server, through VS Code's own completion machinery
 * (`vscode.executeCompletionItemProvider`, which merges every provider: Zhoubao's items are
 * picked out by their labels and kinds).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, deleteWorkspaceFile, open, waitFor, writeWorkspaceFile } from './helpers';

const FILE = 'reports/2024-W21.md';

/** A week in progress: key work, metrics half done, then a heading being typed. */
const DRAFT = `# 2024-W21

## 【重点工作】
- 【收银台改版】进度40%，计划5/30全量

## 【系统运行数据】

支付成功率：
- 入金有效成功率：99.985%
-

##
`;

// the OKR heading carries last week's title: 2024-W20 in the workspace has 【O1 稳定性建设】
const SECTIONS = ['【上周目标回顾】', '【O1 稳定性建设】', '【生产事件】', '【其他】', '收获与反思', '下周工作及目标', '日报合集'];
const METRICS = ['出金有效成功率', '一次支付成功率', '年度可用性', '事故数'];

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function insertText(item: vscode.CompletionItem): string {
  const t = item.insertText;
  return t === undefined ? label(item) : typeof t === 'string' ? t : t.value;
}

/** Zhoubao's items among all providers', in the order the editor sorts them (sortText, then label). */
function ours(list: vscode.CompletionList | undefined, names: string[]): vscode.CompletionItem[] {
  return (list?.items ?? [])
    .filter((i) => names.includes(label(i)))
    .sort((a, b) => (a.sortText ?? label(a)).localeCompare(b.sortText ?? label(b)));
}

describe('completion from the language server', function () {
  let doc: vscode.TextDocument;

  before(async function () {
    const uri = await writeWorkspaceFile(FILE, DRAFT);
    doc = (await open(FILE)).document;
    assert.equal(doc.uri.toString(), uri.toString());
  });

  after(async function () {
    await closeAllEditors();
    await deleteWorkspaceFile(FILE);
  });

  it('offers the sections this report lacks, in canonical order, after "##" (vscode.executeCompletionItemProvider)', async function () {
    const line = DRAFT.split('\n').indexOf('##');
    const position = new vscode.Position(line, 2);
    const items = await waitFor('Zhoubao section completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, '#');
      const found = ours(list, [...SECTIONS, '【O1 …】', '【重点工作】', '【系统运行数据】']);
      // until the workspace index is ready, the OKR heading has no title from last week
      return found.some((i) => label(i) === '【O1 稳定性建设】') ? found : undefined;
    });
    // only the missing ones (重点工作 and 系统运行数据 are there), in the profile's order
    assert.deepEqual(items.map(label), SECTIONS);
    const goals = items.find((i) => label(i) === '下周工作及目标')!;
    // an H1 section: the typed "##" is replaced by one "#"
    assert.equal(insertText(goals), '# 下周工作及目标');
    const range = goals.range instanceof vscode.Range ? goals.range : goals.range?.replacing;
    assert.ok(range, 'a replace range');
    assert.equal(doc.getText(range), '##');
    assert.equal(goals.kind, vscode.CompletionItemKind.Module);
    const okr = items.find((i) => label(i) === '【O1 稳定性建设】')!;
    assert.ok(okr.insertText instanceof vscode.SnippetString, 'the OKR heading is a snippet');
    assert.equal(insertText(okr), '## 【O1 ${1:稳定性建设}】');
  });

  it('offers the missing metrics inside 【系统运行数据】, with the cursor on the value', async function () {
    const line = DRAFT.split('\n').indexOf('-');
    const position = new vscode.Position(line, 1);
    const items = await waitFor('Zhoubao metric completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, '-');
      const found = ours(list, [...METRICS, '入金有效成功率']);
      return found.length > 0 ? found : undefined;
    });
    assert.deepEqual(items.map(label), METRICS);
    const first = items[0];
    assert.ok(first.insertText instanceof vscode.SnippetString);
    assert.equal(insertText(first), '- 出金有效成功率：${1:xx}%');
    assert.equal(first.kind, vscode.CompletionItemKind.Field);
  });

  it('inserts the chosen metric through the editor (snippet accepted, placeholder selected)', async function () {
    const editor = await open(FILE);
    const line = DRAFT.split('\n').indexOf('-');
    const position = new vscode.Position(line, 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, '-');
    const item = ours(list, ['出金有效成功率'])[0];
    assert.ok(item, 'the item is offered');
    const range = item.range instanceof vscode.Range ? item.range : item.range!.replacing;
    assert.ok(await editor.insertSnippet(item.insertText as vscode.SnippetString, range), 'the snippet is inserted');
    assert.equal(editor.document.lineAt(line).text, '- 出金有效成功率：xx%');
    // the cursor sits on the value, ready to type over it
    assert.equal(editor.document.getText(editor.selection), 'xx');
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => editor.document.lineAt(line).text === '-');
  });
});
