/**
 * `zhoubao.showTrends` in a real editor: the command opens the trends webview over the fixture
 * workspace's reports, with a chart per metric written in them, and without an error.
 * `zhoubao.rollup` opens the month's draft as an unsaved Markdown document.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RollupOutcome, TrendsOutcome } from '../../../client/src/trends';
import { waitFor, zhoubao } from './helpers';

function trendTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('zhoubao.trends'));
}

describe('zhoubao.showTrends (webview)', function () {
  before(async () => {
    await zhoubao();
  });
  after(async () => {
    for (const t of trendTabs()) await vscode.window.tabGroups.close(t);
  });

  it('opens the webview with the charts of the workspace reports, without errors', async () => {
    const outcome = await vscode.commands.executeCommand<TrendsOutcome>('zhoubao.showTrends');
    assert.ok(outcome, 'the command returns what it showed');
    assert.equal(outcome.error, undefined, outcome.error);
    assert.ok(outcome.reports >= 2, JSON.stringify(outcome));
    assert.ok(outcome.charts.includes('metric-depositSuccessRate'), JSON.stringify(outcome.charts));
    // the page loaded and its script ran under the CSP: every chart and its linked points are in the DOM
    assert.ok(outcome.page, 'the webview page reported back');
    assert.equal(outcome.page.charts, outcome.charts.length);
    assert.ok(outcome.page.points > 0, JSON.stringify(outcome.page));
    const tab = await waitFor('the trends tab', () => trendTabs()[0]);
    assert.equal(tab.label, vscode.l10n.t('Weekly report trends'));

    // run again: the same panel is revealed and refreshed, not a second one
    const again = await vscode.commands.executeCommand<TrendsOutcome>('zhoubao.showTrends');
    assert.deepEqual(again.charts, outcome.charts);
    assert.equal(trendTabs().length, 1);
  });

  it('reports what the page with the charts shows, not the "Loading…" page before it', async () => {
    // a fresh panel first shows "Loading…", whose script reports back too, late or early: the
    // command's outcome must be the charts page's report (a race seen once in a clean checkout)
    for (let i = 0; i < 4; i++) {
      for (const t of trendTabs()) await vscode.window.tabGroups.close(t);
      const outcome = await vscode.commands.executeCommand<TrendsOutcome>('zhoubao.showTrends');
      assert.ok(outcome.page, 'the webview page reported back');
      assert.equal(outcome.page.charts, outcome.charts.length, `round ${i + 1}: ${JSON.stringify(outcome.page)}`);
    }
  });
});

describe('zhoubao.rollup (draft)', function () {
  before(async () => {
    await zhoubao();
  });

  it('opens the draft of a month as a new Markdown document', async () => {
    // carryover/2025-W30 and 2025-W31 (Thursdays 7/24 and 7/31) make July 2025
    const outcome = await vscode.commands.executeCommand<RollupOutcome>('zhoubao.rollup', { period: '2025-07' });
    assert.equal(outcome.kind, 'draft', outcome.message);
    const editor = await waitFor('the draft editor', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.isUntitled && e.document.getText().startsWith('# 2025年7月月度总结') ? e : undefined;
    });
    assert.equal(editor.document.languageId, 'markdown');
    assert.match(editor.document.getText(), /## 【系统运行数据】/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('says so for a period without reports, and for what is not a period', async () => {
    const none = await vscode.commands.executeCommand<RollupOutcome>('zhoubao.rollup', { period: '2020-Q1' });
    assert.equal(none.kind, 'error');
    assert.match(none.message ?? '', /2020-Q1/);
    const bad = await vscode.commands.executeCommand<RollupOutcome>('zhoubao.rollup', { period: 'June' });
    assert.equal(bad.kind, 'error');
    assert.match(bad.message ?? '', /June/);
  });
});
