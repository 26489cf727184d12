import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, flattenSymbols, hoverText, open, waitFor, wsUri, zhoubao } from './helpers';

interface LspFoldingRange {
  startLine: number;
  endLine: number;
}

describe('outline, folding and hover', function () {
  const uri = wsUri('reports/2024-W20.md');
  let doc: vscode.TextDocument;

  before(async function () {
    doc = (await open('reports/2024-W20.md')).document;
  });
  after(closeAllEditors);

  it('outlines the report: week title → sections → projects', async function () {
    // VS Code's Markdown outline names headings "# …"; Zhoubao's names do not start with "#"
    const ours = await waitFor('Zhoubao document symbols', async () => {
      const all = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
      const mine = all.filter((s) => !s.name.startsWith('#'));
      return mine.length ? mine : undefined;
    });
    const title = ours.find((s) => s.name.includes('2024-W20'));
    assert.ok(title, `a symbol for the week title among ${ours.map((s) => s.name).join(', ')}`);
    const below = flattenSymbols(title.children ?? []);
    const keyWork = below.find((s) => s.name.includes('重点工作'));
    assert.ok(keyWork, `a section symbol for 【重点工作】 under the title: ${below.map((s) => s.name).join(', ')}`);
    assert.ok(keyWork.children.some((p) => p.name.includes('收银台改版')), 'the project 【收银台改版】 under 【重点工作】');
    assert.ok(below.some((s) => s.name.includes('系统运行数据')), 'the metrics section');
    assert.ok(ours.concat(below).some((s) => s.name.includes('下周工作及目标')), 'the goals section');
    assert.equal(keyWork.range.start.line, 4);
  });

  it('folds what the server says, through VS Code\'s folding provider', async function () {
    const api = await zhoubao();
    // what the server itself answers…
    const fromServer = await api.client.sendRequest<LspFoldingRange[] | null>('textDocument/foldingRange', {
      textDocument: { uri: uri.toString() },
    });
    assert.ok(fromServer && fromServer.length > 0, 'the server returns folding ranges');
    // …a section (【重点工作】 starts on line 4) folds to before the next section
    assert.ok(
      fromServer.some((r) => r.startLine === 4 && r.endLine >= 9 && r.endLine < 11),
      `a range for 【重点工作】 (line 4 to 9/10) in ${JSON.stringify(fromServer)}`,
    );
    // …and every one of them reaches the editor (merged with VS Code's own Markdown folding)
    const inEditor = (await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri)) ?? [];
    for (const r of fromServer) {
      assert.ok(
        inEditor.some((e) => e.start === r.startLine && e.end === r.endLine),
        `server range ${r.startLine}-${r.endLine} in the editor's ${JSON.stringify(inEditor.map((e) => [e.start, e.end]))}`,
      );
    }
  });

  it('hovers the week title with its dates, and a metric with its target', async function () {
    const titleHover = await waitFor('a hover on the week title', async () => {
      const hs = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 5))) ?? [];
      const text = hoverText(hs);
      return text.trim() ? text : undefined;
    });
    // ISO week 2024-W20 is Monday 2024-05-13 to Sunday 2024-05-19
    assert.match(titleHover, /(2024-)?0?5[-/月.]13/);
    assert.match(titleHover, /0?5[-/月.]19/);

    const line = doc.lineAt(16).text;
    const col = line.indexOf('入金有效成功率') + 2;
    assert.ok(col > 1, 'line 16 holds 入金有效成功率');
    const metricHover = hoverText(
      (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(16, col))) ?? [],
    );
    assert.match(metricHover, /99\.95/, `the target 99.95% in the hover: ${metricHover}`);
  });
});
