/**
 * `zhoubao.newReport` in a real editor: the fixture folder `carryover/` holds 2025-W30 and
 * 2025-W31 (the latest reports of the workspace), so the command creates `carryover/2025-W32.md`
 * with W31's goals and its pending postmortem as tasks. Run again, it changes nothing; on
 * unsaved content that lacks a goal, it inserts the goal as one undoable edit.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { NewReportOutcome } from '../../../client/src/newReport';
import { open, waitFor, wsUri, zhoubao } from './helpers';

const TARGET = 'carryover/2025-W32.md';
const GOALS = ['跨境收款正式上线', '风控复核规则灰度 20% 商户', '证书过期监控接入告警平台'];

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function diskText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('zhoubao.newReport (carry-over)', function () {
  before(async () => {
    await zhoubao();
    // the server answers once it has indexed the folder; opening a report makes sure it runs
    await open('carryover/2025-W31.md');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("creates next week's report with last week's goals as a task list", async () => {
    const target = wsUri(TARGET);
    assert.equal(await exists(target), false, 'no 2025-W32 before the command');
    const outcome = await vscode.commands.executeCommand<NewReportOutcome>('zhoubao.newReport');
    assert.equal(outcome.kind, 'create', JSON.stringify(outcome));
    assert.equal(outcome.uri, target.toString());
    const text = await diskText(target);
    assert.match(text, /^# 2025-W32\n/);
    for (const g of GOALS) assert.ok(text.includes(`- [ ] ${g}\n`), `goal carried as a task: ${g}\n${text}`);
    assert.match(text, /- \[ \] 跟进复盘：7\/30 14:20/, 'the pending postmortem is carried as a follow-up');
    assert.ok(!text.includes('风控复核规则灰度：延期到下周'), 'only last week’s goals section is carried');
    await waitFor('the new report in the active editor', () => vscode.window.activeTextEditor?.document.uri.toString() === target.toString());
  });

  it('changes nothing when run a second time', async () => {
    const target = wsUri(TARGET);
    const before = await diskText(target);
    const outcome = await vscode.commands.executeCommand<NewReportOutcome>('zhoubao.newReport');
    assert.equal(outcome.kind, 'nothing', JSON.stringify(outcome));
    assert.equal(outcome.uri, target.toString());
    assert.equal(await diskText(target), before);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
    assert.ok(doc && !doc.isDirty, 'the open report is not modified');
  });

  it('inserts a missing goal into the unsaved report as one undoable edit', async () => {
    const editor = await open(TARGET);
    const doc = editor.document;
    const goal = `- [ ] ${GOALS[1]}`;
    const line = doc.getText().split('\n').findIndex((l) => l === goal);
    assert.ok(line >= 0);
    await editor.edit((b) => b.delete(doc.lineAt(line).rangeIncludingLineBreak));
    assert.ok(!doc.getText().includes(goal) && doc.isDirty);
    const edited = doc.getText();

    const outcome = await vscode.commands.executeCommand<NewReportOutcome>('zhoubao.newReport', { week: '2025-W32' });
    assert.equal(outcome.kind, 'insert', JSON.stringify(outcome));
    assert.ok(doc.getText().includes(goal), 'the goal is back');
    assert.ok(doc.getText().startsWith(edited.slice(0, edited.indexOf(`- [ ] ${GOALS[2]}`))), 'the text before it is unchanged');

    await vscode.commands.executeCommand('undo');
    await waitFor('the insertion undone in one step', () => doc.getText() === edited);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
