/**
 * The extension benchmark's suite (not part of `npm test`): one fresh VS Code window per run,
 * driven by bench/extension.mjs, which reads the figures from the JSON file this writes. No
 * timing is asserted; the test fails only when a measure cannot be taken.
 *
 * Environment (set by the benchmark for each window):
 *   ZHOUBAO_BENCH_MODE    `activate`: activate the built-in Markdown extension and Zhoubao through
 *                         the API before anything else (timed from here: code loading + activate),
 *                         then open the report; `open`: open the report in the fresh window, which
 *                         activates both (onLanguage:markdown), and time it to Zhoubao's first
 *                         diagnostics.
 *   ZHOUBAO_BENCH_ORDER   `zhoubao-first` or `markdown-first` (mode `activate`).
 *   ZHOUBAO_BENCH_REPORT  the report, relative to the workspace folder; it has findings.
 *   ZHOUBAO_BENCH_OUT     where the figures go (JSON).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ZhoubaoApi } from '../../../client/src/extension';
import { EXTENSION_ID, wsUri, zhoubaoDiagnostics } from '../suite/helpers';

const MARKDOWN_ID = 'vscode.markdown-language-features';
const DEADLINE_MS = 60_000;

interface Figures {
  mode: string;
  vscodeVersion: string;
  markdownVersion?: string;
  /** activation states seen when the window was ready, before anything was opened */
  activeAtStart: { zhoubao: boolean; markdown?: boolean };
  /** `await extension.activate()` from the suite: code loading + activate(), in ms */
  apiActivateMs: { zhoubao?: number; markdown?: number; markdownError?: string };
  /** what Zhoubao's activate() measured itself */
  zhoubaoActivation?: ZhoubaoApi['activation'];
  /** opening the report (openTextDocument + showTextDocument) → Zhoubao's first diagnostics on it */
  openToDiagnosticsMs?: number;
  /** mode `open`: from opening the report until Zhoubao's activate() was entered */
  openToActivateMs?: number;
  diagnostics?: number;
}

/** ms from now until Zhoubao's diagnostics appear on `uri` (the event, and a poll as a safety net). */
function firstDiagnostics(uri: vscode.Uri, start: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    const check = () => {
      if (zhoubaoDiagnostics(uri).length === 0) return;
      const ms = performance.now() - start;
      cleanup();
      resolve(ms);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const poll = setInterval(check, 20);
    const deadline = setTimeout(() => {
      cleanup();
      reject(new Error(`no Zhoubao diagnostics on ${uri.path} within ${DEADLINE_MS} ms`));
    }, DEADLINE_MS);
    const cleanup = () => {
      sub.dispose();
      clearInterval(poll);
      clearTimeout(deadline);
    };
    check();
  });
}

async function openReport(rel: string): Promise<{ start: number; ms: number; uri: vscode.Uri }> {
  const uri = wsUri(rel);
  const start = performance.now();
  const waiting = firstDiagnostics(uri, start);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return { start, ms: await waiting, uri };
}

describe('extension benchmark', function () {
  this.timeout(2 * DEADLINE_MS);

  it('measures activation and open → first diagnostics in a fresh window', async function () {
    const mode = process.env.ZHOUBAO_BENCH_MODE ?? 'open';
    const report = process.env.ZHOUBAO_BENCH_REPORT;
    const out = process.env.ZHOUBAO_BENCH_OUT;
    assert.ok(report && out, 'ZHOUBAO_BENCH_REPORT and ZHOUBAO_BENCH_OUT are set');
    const zhoubao = vscode.extensions.getExtension<ZhoubaoApi>(EXTENSION_ID);
    assert.ok(zhoubao, `${EXTENSION_ID} is loaded`);
    const markdown = vscode.extensions.getExtension(MARKDOWN_ID);
    const figures: Figures = {
      mode,
      vscodeVersion: vscode.version,
      markdownVersion: markdown?.packageJSON?.version,
      activeAtStart: { zhoubao: zhoubao.isActive, markdown: markdown?.isActive },
      apiActivateMs: {},
    };

    if (mode === 'activate') {
      const order = process.env.ZHOUBAO_BENCH_ORDER === 'markdown-first' ? ['markdown', 'zhoubao'] : ['zhoubao', 'markdown'];
      for (const which of order) {
        if (which === 'zhoubao') {
          if (zhoubao.isActive) continue;
          const t = performance.now();
          await zhoubao.activate();
          figures.apiActivateMs.zhoubao = performance.now() - t;
        } else if (!markdown) {
          figures.apiActivateMs.markdownError = `${MARKDOWN_ID} is not in this extension host`;
        } else if (!markdown.isActive) {
          const t = performance.now();
          try {
            await markdown.activate();
            figures.apiActivateMs.markdown = performance.now() - t;
          } catch (e) {
            figures.apiActivateMs.markdownError = String((e as Error)?.message ?? e);
          }
        }
      }
    }

    const opened = await openReport(report);
    figures.openToDiagnosticsMs = opened.ms;
    figures.diagnostics = zhoubaoDiagnostics(opened.uri).length;
    figures.zhoubaoActivation = (await zhoubao.activate()).activation;
    // the extension host is one process: its performance.now() is the suite's
    if (mode === 'open') figures.openToActivateMs = figures.zhoubaoActivation.startedAt - opened.start;
    fs.writeFileSync(out, JSON.stringify(figures, null, 2));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
