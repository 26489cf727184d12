/**
 * `zhoubao.showTrends` in a real editor: the command opens the trends webview over the fixture
 * workspace's reports, with a chart per metric written in them, and without an error.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TrendsOutcome } from '../../../client/src/trends';
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
});
