import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  codeOf,
  deleteWorkspaceFile,
  describeDiagnostics,
  open,
  ruleDiagnostics,
  waitFor,
  waitForCodes,
  writeWorkspaceFile,
  wsUri,
  zhoubaoDiagnostics,
} from './helpers';

describe('settings and the team profile', function () {
  const report = wsUri('reports/2024-W20.md');
  const profile = wsUri('.zhoubao.json');

  afterEach(async function () {
    await vscode.workspace.getConfiguration('zhoubao').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
    await deleteWorkspaceFile('.zhoubao.json');
  });

  it('a zhoubao.rules setting turns a rule off, and removing it brings the rule back', async function () {
    await open('reports/2024-W20.md');
    await waitForCodes(report, ['WR060', 'WR030']);
    await vscode.workspace.getConfiguration('zhoubao').update('rules', { WR060: 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitFor('WR060 to go away', () => !ruleDiagnostics(report).some((d) => codeOf(d) === 'WR060'), {
      detail: () => describeDiagnostics(report),
    });
    assert.ok(ruleDiagnostics(report).some((d) => codeOf(d) === 'WR030'), 'other rules keep reporting');
    await vscode.workspace.getConfiguration('zhoubao').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForCodes(report, ['WR060']);
  });

  it('VS Code validates .zhoubao.json against the generated JSON schema (jsonValidation)', async function () {
    await writeWorkspaceFile('.zhoubao.json', '{\n  "titleStyle": "weekly"\n}\n');
    await open('.zhoubao.json');
    const fromSchema = await waitFor('a schema diagnostic from the JSON language service', () => {
      const ds = vscode.languages.getDiagnostics(profile).filter((d) => !zhoubaoDiagnostics(profile).includes(d));
      return ds.find((d) => d.range.start.line === 1);
    }, { ms: 30_000, detail: () => describeDiagnostics(profile) });
    assert.match(fromSchema.message, /iso|cn/, fromSchema.message);
  });

  it('an invalid .zhoubao.json gets diagnostics on the profile file, and the report is still checked', async function () {
    const text = [
      '{',
      '  // team profile with two mistakes',
      '  "titleStyle": "weekly",',
      '  "metrics": [{ "id": "depositSuccessRate", "target": { "min": "high" } }]',
      '}',
      '',
    ].join('\n');
    await writeWorkspaceFile('.zhoubao.json', text);
    const editor = await open('.zhoubao.json');
    assert.equal(editor.document.languageId, 'jsonc', '.zhoubao.json is JSON with comments');

    const problem = await waitFor(
      'a Zhoubao diagnostic naming "titleStyle" on line 2 of .zhoubao.json',
      () => zhoubaoDiagnostics(profile).find((d) => d.range.start.line === 2 && /titleStyle/.test(d.message)),
      { ms: 30_000, detail: () => describeDiagnostics(profile, editor.document) },
    );
    assert.equal(editor.document.getText(problem.range), '"titleStyle"', 'the range is the offending key');
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);

    // the report is still checked, with the default profile: a new defect is found
    const reportEditor = await open('reports/2024-W20.md');
    await reportEditor.edit((e) => e.replace(new vscode.Range(6, 0, 6, reportEditor.document.lineAt(6).text.length), reportEditor.document.lineAt(6).text.replace('120%', '130%')));
    await waitFor(
      'WR030 on the edited 130%',
      () => ruleDiagnostics(report).some((d) => codeOf(d) === 'WR030' && reportEditor.document.getText(d.range).includes('130')),
      { detail: () => describeDiagnostics(report, reportEditor.document) },
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');

    // correcting the profile clears its diagnostics
    await writeWorkspaceFile('.zhoubao.json', '{\n  // nothing overridden\n}\n');
    await waitFor('the profile diagnostics to clear', () => zhoubaoDiagnostics(profile).length === 0, {
      detail: () => describeDiagnostics(profile),
    });
  });
});
