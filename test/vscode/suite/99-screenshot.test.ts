import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, describeDiagnostics, open, ruleDiagnostics, waitFor, wsUri } from './helpers';

/**
 * The last test leaves the workbench as a user sees it, the report with its squiggles and the
 * Problems panel open, and asks the harness (code-server runner) to take the screenshot. The
 * harness answers with what it saw in the page; the test checks that. Runners without a browser
 * (test-electron) have no $ZHOUBAO_E2E_HANDSHAKE: the test is skipped there.
 */
describe('what the user sees', function () {
  it('shows the report with its squiggles and the Problems panel (screenshot)', async function () {
    const dir = process.env.ZHOUBAO_E2E_HANDSHAKE;
    if (!dir) this.skip();
    await closeAllEditors();
    const uri = wsUri('reports/2024-W20.md');
    await open('reports/2024-W20.md');
    await waitFor('findings on the report', () => ruleDiagnostics(uri).length >= 3, { ms: 30_000, detail: () => describeDiagnostics(uri) });
    // toasts of earlier tests (carry-over messages) would cover the Problems panel
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');

    const request = path.join(dir!, 'screenshot-request.json');
    const done = path.join(dir!, 'screenshot-done.json');
    fs.rmSync(done, { force: true });
    fs.writeFileSync(request, JSON.stringify({ name: 'workbench-report-problems', diagnostics: ruleDiagnostics(uri).length }));
    const seen = await waitFor('the harness to take the screenshot', () => fs.existsSync(done) && JSON.parse(fs.readFileSync(done, 'utf8')), {
      ms: 60_000,
      every: 200,
    }) as { file: string; squiggles: number; problemsPanel: boolean; problemRows: number; error?: string };
    assert.equal(seen.error, undefined, seen.error);
    assert.ok(seen.squiggles > 0, `squiggles rendered in the editor (${seen.squiggles})`);
    assert.ok(seen.problemsPanel, 'the Problems panel is visible');
    assert.ok(seen.problemRows > 0, `the Problems panel lists findings (${seen.problemRows} rows)`);
  });
});
