import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, describeDiagnostics, ruleDiagnostics, waitFor, waitForCodes } from './helpers';

/** A team's file of `years` years of weeks (newest first), each with a progress over 100% (WR030). */
function yearsOfReports(years: number): string {
  const out: string[] = [];
  for (let i = 0; i < years * 52; i++) {
    const year = 2023 - Math.floor(i / 52);
    const w = 52 - (i % 52);
    const ww = String(w).padStart(2, '0');
    out.push(
      `# ${year}-W${ww}`,
      '',
      '## 【重点工作】',
      '- 【收银台改版】',
      `    1. 新版收银台灰度${w}%商户，整体进度120%，计划12/30全量`,
      '    2. 兼容旧版 SDK 的回退方案评审通过，灰度期间指标平稳，接口联调完成，等待对方排期',
      '- 【对账平台】',
      '    1. 差错自动处理规则上线，进度60%，预计12/20完成',
      '',
      '## 【系统运行数据】',
      '支付成功率：',
      '- 入金有效成功率：99.981%',
      '- 出金有效成功率：99.962%',
      '系统可用性：',
      '- 年度可用性：99.996%',
      '- 事故数AB级0次，CD级0次',
      '',
      '## 【生产事件】',
      '无',
      '',
      '## 收获与反思',
      '跨团队的接口约定要落在文档里，口头对齐的部分这周返工了两次。',
      '',
      '# 下周工作及目标',
      '1. 收银台全量上线',
      '2. 对账差错处理覆盖率提升到 90%',
      '',
    );
  }
  return out.join('\n');
}

describe('typing in a large report', function () {
  // outside the workspace folder: its weeks stay out of the folder's history and explorer
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhoubao-typing-'));
  const file = path.join(dir, 'weekly-2016-2023.md');

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAllEditors();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the diagnostics shown while typing fast in eight years of reports: a pull cancelled by the next keystroke does not blank them', async function () {
    this.timeout(120_000);
    const weeks = 8 * 52;
    fs.writeFileSync(file, yearsOfReports(8));
    const uri = vscode.Uri.file(file);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const doc = editor.document;
    const initial = (await waitForCodes(uri, ['WR030'])).filter((d) => codeOf(d) === 'WR030').length;
    assert.ok(initial >= weeks, `one WR030 per week\n${describeDiagnostics(uri)}`);
    // every change of Zhoubao's diagnostics on the file while typing, by how many WR030 it has
    const seen: number[] = [];
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) seen.push(ruleDiagnostics(uri).filter((d) => codeOf(d) === 'WR030').length);
    });
    try {
      // keystrokes in prose (no finding changes), one after another as fast as the editor takes them
      const line = doc.getText().split('\n').findIndex((l) => l.startsWith('跨团队'));
      for (let i = 0; i < 120; i++) assert.ok(await editor.edit((b) => b.insert(doc.lineAt(line).range.end, '。')), 'typed');
      // the last pull answers: every finding still there
      await waitFor('the diagnostics after the last keystroke', () => ruleDiagnostics(uri).filter((d) => codeOf(d) === 'WR030').length === initial, {
        detail: () => `seen: ${seen.join(' ')}`,
      });
    } finally {
      sub.dispose();
    }
    assert.ok(!seen.includes(0), `the WR030 findings never vanished while typing; counts seen: ${seen.join(' ')}`);
  });
});
