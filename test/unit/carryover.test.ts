/** The carry-over planner (pure): targets, paths, created text, inserts, messages. */
import * as assert from 'node:assert/strict';
import { parseReport } from '../../server/src/core';
import { applyEdits, applyOverride, checkDocument, defaultProfile, WorkspaceIndex } from '../../server/src/core';
import { planCarryOver, targetPath } from '../../server/src/core/features/carryover';

const W11 = `# 2024-W11

## 【O1 业务服务】

- 收银台进度60%

## 【O2系统升级】

- 物保三期进度80%

## 【生产事件】

3/12 15:43 代付超时，15:43-16:15期间部分订单失败，共持续32min【待复盘】

# 下周工作及目标

1. 完成收银台灰度
2. 推进银行直连对接
`;

function index(text = W11, uri = 'file:///ws/reports/2024-W11.md') {
  const idx = new WorkspaceIndex();
  idx.set(uri, text, defaultProfile);
  return idx;
}

describe('carry-over planner', () => {
  it('creates the week after the latest report, beside it, in the profile title style, passing check but for placeholders', () => {
    const cn = applyOverride(defaultProfile, { titleStyle: 'cn' }).profile;
    const plan = planCarryOver({ index: index(), profile: cn });
    assert.equal(plan.kind, 'create');
    if (plan.kind !== 'create') return;
    assert.equal(plan.path, 'file:///ws/reports/2024-W12.md');
    assert.match(plan.text, /^# 第12周 2024-03-18\n/);
    assert.match(plan.text, /## 【O2系统升级】/);
    assert.deepEqual(plan.followUps, ['跟进复盘：3/12 15:43 代付超时']);
    assert.ok(!/Created:/.test(plan.text));
    const codes = new Set(checkDocument({ text: plan.text, profile: cn, fileName: '2024-W12.md' }).map((f) => f.code));
    assert.deepEqual([...codes], ['WR060']);
    assert.ok(plan.message.en && plan.message['zh-cn']);
  });

  it('run again after creating next week: targets that new report (nothing to do), not the week after it', () => {
    const idx = index();
    const first = planCarryOver({ index: idx, profile: defaultProfile });
    assert.equal(first.kind, 'create');
    if (first.kind !== 'create') return;
    // the created report is now in the workspace, still without goals of its own
    idx.set('file:///ws/reports/2024-W12.md', first.text, defaultProfile);
    const again = planCarryOver({ index: idx, profile: defaultProfile, existing: first.text });
    assert.equal(again.kind, 'nothing', JSON.stringify(again));
    assert.deepEqual(again.target, { year: 2024, week: 12 });
    // once its goals are written, carry-over moves on to the week after it
    idx.set('file:///ws/reports/2024-W12.md', first.text.replace(/1\. *$/m, '1. 完成收银台全量'), defaultProfile);
    const next = planCarryOver({ index: idx, profile: defaultProfile });
    assert.equal(next.kind, 'create');
    if (next.kind === 'create') assert.equal(next.path, 'file:///ws/reports/2024-W13.md');
  });

  it('a pattern with folders replaces as many path segments', () => {
    const p = applyOverride(defaultProfile, { filePattern: '{year}/W{week}.md' }).profile;
    assert.equal(targetPath('/ws/2023/W52.md', { year: 2024, week: 1 }, p), '/ws/2024/W01.md');
    assert.equal(targetPath('2024-W11.md', { year: 2024, week: 12 }, defaultProfile), '2024-W12.md');
  });

  it('no goals: still creates the skeleton, without a review section, and says nothing was carried', () => {
    const plan = planCarryOver({ index: index(W11.replace(/1\. [^\n]+\n2\. [^\n]+\n/, '').replace('【待复盘】', '')), profile: defaultProfile });
    assert.equal(plan.kind, 'create');
    if (plan.kind !== 'create') return;
    assert.ok(plan.notice);
    assert.ok(!plan.text.includes('上周目标回顾'));
    assert.match(plan.message.en, /nothing was carried over/);
  });

  it('an existing file without a review section gets one at its canonical place (CRLF kept), once', () => {
    const existing = '# 2024-W12\r\n\r\n## 【重点工作】\r\n\r\n- 【收银台】推进银行直连对接中\r\n';
    const plan = planCarryOver({ index: index(), profile: defaultProfile, existing });
    assert.equal(plan.kind, 'insert');
    if (plan.kind !== 'insert') return;
    assert.equal(plan.edits.length, 1);
    const after = applyEdits(existing, plan.edits);
    assert.ok(after.startsWith('# 2024-W12\r\n\r\n## 【上周目标回顾】\r\n\r\n- [ ] 完成收银台灰度\r\n'), after);
    assert.ok(!/[^\r]\n/.test(after));
    assert.equal(planCarryOver({ index: index(), profile: defaultProfile, existing: after }).kind, 'nothing');
  });

  it('a review section that ends the file inside an unclosed code fence: the fence is closed first, the goals are read as goals, the author’s text is kept', () => {
    const existing = '# 2024-W12\n\n## 【上周目标回顾】\n\n- [x] 完成收银台灰度\n\n```\n对账脚本（未闭合）\n';
    const plan = planCarryOver({ index: index(), profile: defaultProfile, existing });
    assert.equal(plan.kind, 'insert');
    if (plan.kind !== 'insert') return;
    const after = applyEdits(existing, plan.edits);
    assert.ok(after.startsWith(existing.trimEnd()), after); // nothing of the author's text changed
    const review = parseReport(after, { profile: defaultProfile }).weeks[0].sections.find((s) => s.role === 'review');
    assert.ok(review, after);
    const goals = parseReport(after, { profile: defaultProfile })
      .weeks[0].sections.flatMap((s) => s.goals.map((g) => g.text));
    assert.ok(goals.some((g) => g.includes('推进银行直连对接')), `the carried goal is not read as a goal:\n${after}`);
    assert.equal(planCarryOver({ index: index(), profile: defaultProfile, existing: after }).kind, 'nothing');
  });

  it('errors: no earlier report, invalid week', () => {
    const none = planCarryOver({ index: new WorkspaceIndex(), profile: defaultProfile });
    assert.equal(none.kind === 'error' && none.reason, 'noEarlierReport');
    const early = planCarryOver({ index: index(), profile: defaultProfile, week: { year: 2024, week: 11 } });
    assert.equal(early.kind === 'error' && early.reason, 'noEarlierReport');
    const bad = planCarryOver({ index: index(), profile: defaultProfile, week: { year: 2024, week: 60 } });
    assert.equal(bad.kind === 'error' && bad.reason, 'invalidWeek');
  });
});
