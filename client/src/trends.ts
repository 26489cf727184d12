/**
 * `zhoubao.showTrends` ("Zhoubao: Show Metric Trends"): a webview with the trend charts of the
 * workspace (docs/trends.md). The server draws the charts as SVG (`zhoubao/trends`); the webview
 * shows them with the editor's theme colours (CSS variables over the SVG's colours), loads no
 * resource at all (strict CSP: styles and one small script by nonce), and turns a click on a point
 * into "open that week's report at the line". It refreshes when a report is saved or edited.
 *
 * `zhoubao.rollup` ("Zhoubao: Roll-up Draft"): asks for a period (`2024-06`, `2024-Q2`, `2024-H1`;
 * or takes `{ period }` as argument), gets the draft from the server (`zhoubao/rollup`) and opens
 * it as a new unsaved Markdown document.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RollupRequest, TrendsRequest, type RollupResult, type TrendsParams, type TrendsResult } from '../../server/src/lsp/protocol';

/** What the command returns (for tests): the charts shown, or why none. */
export interface TrendsOutcome {
  charts: string[];
  reports: number;
  message?: string;
  error?: string;
  /** what the webview's page reported once loaded (its script ran under the CSP): the charts and
   *  the linked points in its DOM; absent when it did not report within 15 s */
  page?: { charts: number; points: number };
}

let panel: vscode.WebviewPanel | undefined;

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The webview's page. Its script reports back once it ran (`ready`, with `page`: which page, so a
 * report from a page already replaced — the "Loading…" one — is not taken for this one's).
 */
export function trendsHtml(webview: vscode.Webview, result: TrendsResult | undefined, error?: string, page = nonce()): string {
  const n = nonce();
  const csp = `default-src 'none'; img-src ${webview.cspSource} data:; style-src 'nonce-${n}'; script-src 'nonce-${n}';`;
  const title = vscode.l10n.t('Weekly report trends');
  const body = error
    ? `<p class="message">${escapeHtml(error)}</p>`
    : !result || result.charts.length === 0
      ? `<p class="message">${escapeHtml(result?.message ?? vscode.l10n.t('No weekly report in this workspace yet.'))}</p>`
      : `<ul class="notes">${result.notes.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>\n${result.charts
          .map((c) => `<section class="chart" id="${escapeHtml(c.id)}" aria-label="${escapeHtml(c.title)}">${c.svg}</section>`)
          .join('\n')}`;
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${n}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 12px 20px; }
ul.notes { color: var(--vscode-descriptionForeground); padding-left: 18px; }
section.chart svg { max-width: 100%; height: auto; }
section.chart svg > rect, section.chart path.background { fill: transparent !important; }
section.chart svg text { fill: var(--vscode-foreground) !important; }
section.chart .role-axis line, section.chart .role-axis-domain line, section.chart .role-axis-tick line { stroke: var(--vscode-editorWidget-border, #888) !important; }
section.chart a { cursor: pointer; }
section.chart a:focus path, section.chart a:hover path { stroke: var(--vscode-focusBorder); stroke-width: 2px; }
p.message { color: var(--vscode-descriptionForeground); }
</style>
</head>
<body>
<h2>${escapeHtml(title)}</h2>
${body}
<script nonce="${n}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (e) => {
  const a = e.target instanceof Element ? e.target.closest('a') : null;
  if (!a) return;
  e.preventDefault();
  const href = a.getAttribute('xlink:href') || a.getAttribute('href');
  if (href) vscode.postMessage({ type: 'open', href });
});
vscode.postMessage({ type: 'ready', page: ${JSON.stringify(page)}, charts: document.querySelectorAll('section.chart svg').length, points: document.querySelectorAll('section.chart a').length });
</script>
</body>
</html>`;
}

/** `file:///…/2024-W23.md#L17` → the document opened with the cursor on line 17. */
async function openAt(href: string): Promise<void> {
  const m = /^(.*?)(?:#L(\d+))?$/.exec(href);
  if (!m) return;
  const uri = vscode.Uri.parse(m[1]);
  const line = m[2] ? Math.max(0, Number(m[2]) - 1) : 0;
  const doc = await vscode.workspace.openTextDocument(uri);
  const pos = new vscode.Position(Math.min(line, doc.lineCount - 1), 0);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(pos, pos) });
}

/** What `zhoubao.rollup` did (for tests). */
export interface RollupOutcome {
  kind: 'draft' | 'cancelled' | 'error';
  message?: string;
  period?: string;
}

const PERIOD = /^\s*\d{4}-(?:\d{1,2}|[Qq][1-4]|[Hh][12])\s*$/;

function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

async function rollup(getClient: () => Promise<LanguageClient>, arg?: { period?: string }): Promise<RollupOutcome> {
  const period =
    arg?.period ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Roll-up draft'),
      prompt: vscode.l10n.t('A month (2024-06), a quarter (2024-Q2) or a half-year (2024-H1)'),
      value: lastMonth(),
      validateInput: (v) => (PERIOD.test(v) ? undefined : vscode.l10n.t('Write a month as 2024-06, a quarter as 2024-Q2, a half-year as 2024-H1.')),
    }));
  if (period === undefined) return { kind: 'cancelled' };
  try {
    const client = await getClient();
    const r = await client.sendRequest<RollupResult | null>(RollupRequest, { period: period.trim() });
    if (!r) throw new Error(vscode.l10n.t('the request failed; see the output channel'));
    if (r.markdown === undefined) {
      const message = r.message ?? '';
      void vscode.window.showInformationMessage(message);
      return { kind: 'error', message, period: r.period };
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: r.markdown });
    await vscode.window.showTextDocument(doc, { preview: false });
    return { kind: 'draft', period: r.period };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(vscode.l10n.t('Zhoubao: cannot write the roll-up draft: {0}', message));
    return { kind: 'error', message };
  }
}

export function registerTrends(getClient: () => Promise<LanguageClient>): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: TrendsOutcome | undefined;
  let onReady: ((id: unknown, page: TrendsOutcome['page']) => void) | undefined;

  /** Sets the page with `result` and waits for that page to report back (at most 15 s). */
  const show = (p: vscode.WebviewPanel, result: TrendsResult): Promise<TrendsOutcome['page']> =>
    new Promise((resolve) => {
      const id = nonce();
      const deadline = setTimeout(() => resolve(undefined), 15_000);
      onReady = (from, page) => {
        if (from !== id) return; // a page set before this one (the "Loading…" page) reporting late
        clearTimeout(deadline);
        resolve(page);
      };
      p.webview.html = trendsHtml(p.webview, result, undefined, id);
    });

  const render = async (): Promise<TrendsOutcome> => {
    const p = panel;
    if (!p) return { charts: [], reports: 0 };
    try {
      const client = await getClient();
      const params: TrendsParams = {};
      const result = await client.sendRequest<TrendsResult | null>(TrendsRequest, params);
      if (!result) throw new Error(vscode.l10n.t('the request failed; see the output channel'));
      const page = panel === p ? await show(p, result) : undefined;
      last = { charts: result.charts.map((c) => c.id), reports: result.reports, ...(result.message ? { message: result.message } : {}), ...(page ? { page } : {}) };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      if (panel === p) p.webview.html = trendsHtml(p.webview, undefined, error);
      last = { charts: [], reports: 0, error };
    }
    return last;
  };

  const scheduleRefresh = (doc: vscode.TextDocument) => {
    if (!panel || doc.languageId !== 'markdown') return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void render(), 800);
  };

  const command = vscode.commands.registerCommand('zhoubao.showTrends', async (): Promise<TrendsOutcome> => {
    if (panel) {
      panel.reveal(undefined, true);
      return render();
    }
    panel = vscode.window.createWebviewPanel('zhoubao.trends', vscode.l10n.t('Weekly report trends'), vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    panel.onDidDispose(() => (panel = undefined));
    panel.webview.onDidReceiveMessage((m: { type?: string; page?: unknown; href?: string; charts?: number; points?: number }) => {
      if (m?.type === 'ready') onReady?.(m.page, { charts: Number(m.charts ?? 0), points: Number(m.points ?? 0) });
      if (m?.type === 'open' && typeof m.href === 'string') void openAt(m.href).catch((e: unknown) => void vscode.window.showErrorMessage(String(e)));
    });
    panel.webview.html = trendsHtml(panel.webview, { weeks: [], gaps: [], reports: 0, charts: [], notes: [], message: vscode.l10n.t('Loading…') });
    return render();
  });

  return vscode.Disposable.from(
    command,
    vscode.commands.registerCommand('zhoubao.rollup', (arg?: { period?: string }) => rollup(getClient, arg)),
    vscode.workspace.onDidSaveTextDocument(scheduleRefresh),
    vscode.workspace.onDidChangeTextDocument((e) => scheduleRefresh(e.document)),
    { dispose: () => (timer ? clearTimeout(timer) : undefined) },
    { dispose: () => panel?.dispose() },
  );
}
