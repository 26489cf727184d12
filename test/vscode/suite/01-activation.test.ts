import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAllEditors, describeDiagnostics, flattenSymbols, open, ruleDiagnostics, waitFor, wsUri, zhoubao, zhoubaoDiagnostics } from './helpers';

describe('activation', function () {
  after(closeAllEditors);

  it('stays inactive while no Markdown file is open (no "*" or startup activation)', function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded as the extension under development`);
    assert.equal(ext.isActive, false);
  });

  it('starts the bundled language server when a report is opened, and publishes its findings', async function () {
    const uri = wsUri('reports/2024-W20.md');
    await open('reports/2024-W20.md');
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitFor('the extension to activate', () => ext.isActive);
    const status = await (await zhoubao()).serverStatus();
    assert.ok(Number.isInteger(status.pid) && status.pid > 0 && status.pid !== process.pid, `a separate server process (${status.pid})`);
    assert.ok(status.documents >= 1, `the server tracks the open report (documents: ${status.documents})`);
    await waitFor('findings on the report', () => ruleDiagnostics(uri).length > 0, { ms: 30_000, detail: () => describeDiagnostics(uri) });
  });

  it('gives an ordinary README.md nothing: no findings, no outline entries of its own', async function () {
    const readme = wsUri('README.md');
    await open('README.md');
    // an untitled report opened after the README: once its findings are there, the server has
    // long handled the README (the `untitled` scheme is in the document selector too)
    const untitled = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# 2024-W21\n\n## 【生产事件】\n暂无\n' });
    await vscode.window.showTextDocument(untitled, { preview: false });
    await waitFor('findings on an untitled report', () => ruleDiagnostics(untitled.uri).length > 0, {
      ms: 30_000,
      detail: () => describeDiagnostics(untitled.uri),
    });
    assert.deepEqual(zhoubaoDiagnostics(readme).map((d) => d.message), [], describeDiagnostics(readme));
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', readme)) ?? [];
    // VS Code's own Markdown outline names headings "# Title"; Zhoubao's outline does not
    const ours = flattenSymbols(symbols).filter((s) => !s.name.startsWith('#'));
    assert.deepEqual(ours.map((s) => s.name), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
