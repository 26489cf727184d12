/**
 * The static snippets, where users meet them: contributed for Markdown, offered by the editor's
 * suggestions, and inserted by VS Code's own snippet engine into a report file.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAllEditors, deleteWorkspaceFile, describeDiagnostics, ruleDiagnostics, codeOf, waitFor, writeWorkspaceFile } from './helpers';

const SKELETON = 'Zhoubao: report skeleton · 周报骨架';

describe('snippets', function () {
  const rel = 'reports/2024-W31.md';
  const skeletonRel = 'reports/2024-W32.md';
  after(async () => {
    await closeAllEditors();
    await deleteWorkspaceFile(rel);
    await deleteWorkspaceFile(skeletonRel);
  });

  it('contributes the snippet file for Markdown', function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (ext.packageJSON.contributes?.snippets ?? []) as Array<{ language: string; path: string }>;
    assert.deepEqual(contributed.map((s) => s.language), ['markdown']);
  });

  it('offers the zb-week and zb-metrics snippets among the suggestions of a report', async function () {
    const uri = await writeWorkspaceFile(rel, 'zb-\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const labels = await waitFor('snippet suggestions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(0, 3));
      const found = (list?.items ?? []).filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return found.includes('zb-week') && found.includes('zb-metrics') ? found : undefined;
    });
    assert.ok(labels.length >= 2);
    await editor.edit((b) => b.delete(new vscode.Range(0, 0, editor.document.lineCount, 0)));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('inserts the report skeleton with the week of the file name, and leaves placeholders that WR060 reports', async function () {
    const uri = await writeWorkspaceFile(skeletonRel, '');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name: SKELETON });
    const doc = editor.document;
    await waitFor('the skeleton in the document', () => doc.lineCount > 20 && doc.lineAt(0).text.startsWith('# '));
    assert.equal(doc.lineAt(0).text, '# 2024-W32');
    for (const part of ['【系统运行数据】', '入金有效成功率', '【生产事件】', '下周工作及目标']) assert.ok(doc.getText().includes(part), `the skeleton has ${part}`);
    // leave snippet mode, then the unfilled placeholders are findings the author cannot miss
    await vscode.commands.executeCommand('leaveSnippet');
    const found = await waitFor('WR060 on the unfilled skeleton', () => {
      const d = ruleDiagnostics(uri).filter((x) => codeOf(x) === 'WR060');
      return d.length > 0 ? d : undefined;
    }, { ms: 30_000, detail: () => describeDiagnostics(uri, doc) });
    assert.ok(found.every((d) => /xx%|待填写|待补充/.test(doc.getText(d.range))), describeDiagnostics(uri, doc));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
