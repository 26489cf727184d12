/** Helpers of the workspace-index and carry-over protocol tests: a generated report, and waiting for the index. */
import type { LspClient } from '../helpers/lsp-client';
import type { IndexStatus } from '../../server/src/lsp/protocol';

/** A small report of `week` (ISO `2024-Wnn`) with a key-work project and goals. */
export function report(week: string, opts: { project?: string; goals?: string[]; progress?: number; metric?: string } = {}): string {
  const goals = opts.goals ?? ['收银台全量上线', '对账差错处理覆盖率提升到 90%'];
  return `# ${week}

## 【重点工作】
- 【${opts.project ?? '收银台改版'}】
    1. 新版收银台灰度，整体进度${opts.progress ?? 40}%，计划5/30全量

## 【系统运行数据】
支付成功率：
- 入金有效成功率：${opts.metric ?? '99.981%'}

## 收获与反思
灰度期间指标平稳

## 下周工作及目标
${goals.map((g, i) => `${i + 1}. ${g}`).join('\n')}
`;
}

/** Polls `zhoubao/indexStatus` until `ok` holds (every answer is a fresh look; no fixed wait). */
export async function indexUntil(client: LspClient, what: string, ok: (f: IndexStatus['folders'][number]) => boolean, folder?: string, deadlineMs = 15_000): Promise<IndexStatus['folders'][number]> {
  const end = Date.now() + deadlineMs;
  let last: IndexStatus | undefined;
  for (;;) {
    last = await client.request<IndexStatus>('zhoubao/indexStatus', null);
    const f = last.folders.find((x) => folder === undefined || x.folder === folder);
    if (f && f.ready && ok(f)) return f;
    if (Date.now() > end) throw new Error(`index: no ${what} within ${deadlineMs} ms; last: ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
