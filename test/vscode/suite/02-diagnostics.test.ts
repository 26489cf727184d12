import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, describeDiagnostics, open, ruleDiagnostics, waitFor, waitForCodes, wsUri, zhoubao } from './helpers';

/**
 * reports/2024-W20.md has planted defects; each expectation is the rule, the 0-based line where
 * its range starts and a piece of text the range must cover.
 */
const planted = [
  { code: 'WR030', line: 6, covers: '120%' }, // 整体进度120%
  { code: 'WR020', line: 14, covers: '' }, // 出金有效成功率 missing under 【系统运行数据】
  { code: 'WR011', line: 21, covers: '生产事件' }, // ### 【生产事件】 should be ##
  { code: 'WR042', line: 22, covers: '' }, // 10:02-10:40 is 38 min, the entry says 50min
  { code: 'WR044', line: 22, covers: '' }, // 【待复盘】
  { code: 'WR060', line: 25, covers: 'TODO' },
];

describe('diagnostics and quick fixes', function () {
  const uri = wsUri('reports/2024-W20.md');
  let doc: vscode.TextDocument;

  before(async function () {
    doc = (await open('reports/2024-W20.md')).document;
  });
  after(async function () {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAllEditors();
  });

  it('reports every planted defect with its code, line and range', async function () {
    const ds = await waitForCodes(uri, planted.map((p) => p.code));
    for (const p of planted) {
      const hits = ds.filter((d) => codeOf(d) === p.code && d.range.start.line === p.line);
      assert.ok(hits.length > 0, `${p.code} on line ${p.line}\n${describeDiagnostics(uri, doc)}`);
      if (p.covers) {
        assert.ok(
          hits.some((d) => doc.getText(d.range).includes(p.covers)),
          `${p.code}'s range covers "${p.covers}"\n${describeDiagnostics(uri, doc)}`,
        );
      }
    }
  });

  it('links each finding to its rule documentation', async function () {
    const ds = await waitForCodes(uri, ['WR011']);
    const d = ds.find((x) => codeOf(x) === 'WR011')!;
    assert.ok(typeof d.code === 'object' && d.code.target, 'the code carries a documentation link');
    const target = (d.code as { target: vscode.Uri }).target;
    assert.match(target.path, /docs\/rules\/WR011\.md$/);
    assert.ok(fs.existsSync(target.fsPath), `the page ${target.fsPath} is shipped with the extension`);
  });

  it('is pulled by VS Code, which keeps its diagnostics over a keystroke that changed no finding, and their quick fix applies', async function () {
    const api = await zhoubao();
    assert.ok(api.client.initializeResult?.capabilities.diagnosticProvider, 'the server offers pulled diagnostics to VS Code');
    const [wr011] = (await waitForCodes(uri, ['WR011'])).filter((d) => codeOf(d) === 'WR011');
    const before = doc.version;
    // a keystroke in prose (a work item): the findings stay, and VS Code keeps the diagnostics it has
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc)!;
    assert.ok(await editor.edit((b) => b.insert(doc.lineAt(7).range.end, '。')), 'typed');
    assert.ok(doc.version > before);
    const fix = await waitFor('a quick fix for WR011 on the typed version', async () => {
      const offered = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, wr011.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
      return offered.find((a) => a.edit?.get(uri).some((e) => e.range.start.line === 21));
    });
    // (VS Code's client applies a fix whatever version it names; the LSP tests check the version named)
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the edit applies to the typed version');
    assert.ok(doc.lineAt(21).text.startsWith('## 【生产事件】'), `line 21 is now "${doc.lineAt(21).text}"`);
    await waitFor('WR011 to disappear', () => !ruleDiagnostics(uri).some((d) => codeOf(d) === 'WR011'), { detail: () => describeDiagnostics(uri, doc) });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitForCodes(uri, ['WR011']);
  });

  it('applies the heading-level quick fix through the code-action provider, and the finding goes away', async function () {
    const [wr011] = (await waitForCodes(uri, ['WR011'])).filter((d) => codeOf(d) === 'WR011');
    let offered: Array<vscode.CodeAction | vscode.Command> = [];
    const actions = await waitFor(
      'a quick fix for WR011',
      async () => {
        offered = (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
          'vscode.executeCodeActionProvider',
          uri,
          wr011.range,
          vscode.CodeActionKind.QuickFix.value,
        )) ?? [];
        // (the API command does not return an action's diagnostics: match the fix by what it edits)
        const fixes = offered.filter(
          (a): a is vscode.CodeAction =>
            'edit' in a && !!a.edit && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && a.edit.get(uri).some((e) => e.range.start.line === 21),
        );
        return fixes.length ? fixes : undefined;
      },
      {
        detail: () =>
          `offered: ${JSON.stringify(offered.map((a) => ({ title: a.title, kind: 'kind' in a ? a.kind?.value : undefined, edits: 'edit' in a ? a.edit?.entries().map(([u, es]) => [u.path, es.map((e) => [e.range.start.line, e.newText])]) : undefined })))}`,
      },
    );
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!), 'the edit applies');
    assert.equal(doc.lineAt(21).text.startsWith('## 【生产事件】'), true, `line 21 is now "${doc.lineAt(21).text}"`);
    await waitFor('WR011 to disappear', () => !ruleDiagnostics(uri).some((d) => codeOf(d) === 'WR011'), {
      detail: () => describeDiagnostics(uri, doc),
    });
    // the other findings stay
    assert.ok(ruleDiagnostics(uri).some((d) => codeOf(d) === 'WR030'), describeDiagnostics(uri, doc));
  });
});
