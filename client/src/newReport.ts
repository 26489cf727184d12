/**
 * `zhoubao.newReport` ("Zhoubao: New Report for Next Week"): asks the server for the carry-over
 * plan and applies it. `create` → the file is written (only if nothing is there: checked right
 * before writing; never overwritten) and opened; `insert` → one WorkspaceEdit on the document
 * (undoable, on its unsaved content) and shown; `nothing` / `error` → an information message.
 * The argument (from the code lens, or a keybinding): `{ week?, folderUri?, uri?, askWeek? }`.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NewReportRequest, type NewReportParams, type NewReportResult, type PlainTextEdit } from '../../server/src/lsp/protocol';

export interface NewReportArgs extends NewReportParams {
  /** ask for the week (an input box) instead of taking the week after the latest report */
  askWeek?: boolean;
}

/** What the command did (returned for tests and other extensions). */
export interface NewReportOutcome {
  kind: NewReportResult['kind'] | 'cancelled' | 'failed';
  uri?: string;
  message?: string;
}

const WEEK = /^\s*\d{4}-?[Ww]\d{1,2}\s*$/;

function toRange(r: PlainTextEdit['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function registerNewReport(client: () => Promise<LanguageClient>): vscode.Disposable {
  return vscode.commands.registerCommand('zhoubao.newReport', async (arg?: NewReportArgs): Promise<NewReportOutcome> => {
    const args: NewReportArgs = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? { ...arg } : {};
    if (arg instanceof vscode.Uri) args.uri = arg.toString(); // from an explorer menu
    if (!args.folderUri && !args.uri) {
      const active = vscode.window.activeTextEditor?.document.uri;
      const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
      if (folder) args.folderUri = folder.uri.toString();
    }
    if (args.askWeek && !args.week) {
      const week = await vscode.window.showInputBox({
        title: vscode.l10n.t('New report for week'),
        prompt: vscode.l10n.t('The ISO week of the new report, like 2024-W13 (empty: the week after the latest report)'),
        placeHolder: '2024-W13',
        validateInput: (v) => (v.trim() === '' || WEEK.test(v) ? undefined : vscode.l10n.t('Write the week as 2024-W13.')),
      });
      if (week === undefined) return { kind: 'cancelled' };
      args.week = week.trim() || undefined;
    }
    const params: NewReportParams = { ...(args.folderUri ? { folderUri: args.folderUri } : {}), ...(args.week ? { week: args.week } : {}), ...(args.uri ? { uri: args.uri } : {}) };
    let c: LanguageClient;
    try {
      c = await client();
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Zhoubao: cannot create the report: {0}', errorText(e)));
      return { kind: 'failed', message: errorText(e) };
    }
    // at most twice: when the target appears or changes between planning and applying, plan again
    for (let attempt = 0; ; attempt++) {
      const plan = await c.sendRequest<NewReportResult>(NewReportRequest, params);
      const outcome = await apply(plan, attempt > 0);
      if (outcome !== 'again') return outcome;
    }
  });
}

async function apply(plan: NewReportResult, lastTry: boolean): Promise<NewReportOutcome | 'again'> {
  switch (plan.kind) {
    case 'error':
      void vscode.window.showInformationMessage(plan.message);
      return { kind: 'error', message: plan.message };
    case 'nothing': {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(plan.uri));
      await vscode.window.showTextDocument(doc, { preview: false });
      void vscode.window.showInformationMessage(plan.message);
      return { kind: 'nothing', uri: plan.uri, message: plan.message };
    }
    case 'create': {
      const uri = vscode.Uri.parse(plan.uri);
      // never overwrite: a file that appeared since the plan gets the insert plan instead
      if (await exists(uri)) {
        if (lastTry) return { kind: 'failed', uri: plan.uri };
        return 'again';
      }
      try {
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
        if (await exists(uri)) return lastTry ? { kind: 'failed', uri: plan.uri } : 'again';
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(plan.text));
      } catch (e) {
        const message = vscode.l10n.t('Zhoubao: cannot create {0}: {1}', uri.fsPath || uri.toString(), errorText(e));
        void vscode.window.showErrorMessage(message);
        return { kind: 'failed', uri: plan.uri, message };
      }
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: false });
      void vscode.window.showInformationMessage(plan.message);
      return { kind: 'create', uri: plan.uri, message: plan.message };
    }
    case 'insert': {
      const uri = vscode.Uri.parse(plan.uri);
      const doc = await vscode.workspace.openTextDocument(uri);
      if (plan.version !== undefined && doc.version !== plan.version) {
        if (lastTry) return { kind: 'failed', uri: plan.uri };
        return 'again';
      }
      const edit = new vscode.WorkspaceEdit();
      for (const e of plan.edits) edit.replace(doc.uri, toRange(e.range), e.newText);
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      if (!(await vscode.workspace.applyEdit(edit))) {
        if (lastTry) return { kind: 'failed', uri: plan.uri };
        return 'again';
      }
      const first = plan.edits[0];
      if (first) {
        const at = toRange(first.range).start;
        editor.revealRange(new vscode.Range(at, doc.positionAt(doc.offsetAt(at) + first.newText.length)), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
      void vscode.window.showInformationMessage(plan.message);
      return { kind: 'insert', uri: plan.uri, message: plan.message };
    }
  }
}
