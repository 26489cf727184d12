/**
 * Roll-ups (core/features/rollup.ts): which ISO weeks make a month, quarter or half (Thursday
 * rule), and the Markdown draft: metrics (min, mean, max, weeks below target), incidents with their
 * 【待复盘】 status and follow-up, goals set and carried over, projects' progress at start and end.
 */
import * as assert from 'node:assert/strict';
import { defaultProfile } from '../../server/src/core';
import { computeRollup, parsePeriod } from '../../server/src/core/features/rollup';
import { formatIsoWeek } from '../../server/src/core/weeks';
import { loadFixture } from './trends.test';

const span = (s: string) => {
  const p = parsePeriod(s);
  assert.ok(p, s);
  return `${formatIsoWeek(p.from)}..${formatIsoWeek(p.to)}`;
};

describe('rollup: periods', () => {
  it('takes the ISO weeks whose Thursday falls in the month', () => {
    assert.equal(span('2024-06'), '2024-W23..2024-W26'); // W22 (Thu 5/30) is May, W27 (Thu 7/4) July
    assert.equal(span('2024-07'), '2024-W27..2024-W30'); // W31 (Mon 7/29, Thu 8/1) is August
    assert.equal(span('2024-08'), '2024-W31..2024-W35');
    assert.equal(span('2024-12'), '2024-W49..2024-W52');
    assert.equal(span('2025-01'), '2025-W01..2025-W05'); // 2025-W01 starts Mon 2024-12-30
    assert.equal(span('2020-12'), '2020-W49..2020-W53'); // a 53-week year
  });

  it('makes quarters and halves of whole months, with no week in two periods', () => {
    assert.equal(span('2024-Q2'), '2024-W14..2024-W26');
    assert.equal(span('2024-q3'), '2024-W27..2024-W39');
    assert.equal(span('2024-H1'), '2024-W01..2024-W26');
    assert.equal(span('2024-H2'), '2024-W27..2024-W52');
    // 2021-01-01 (Fri) is in 2020-W53; 2021-W26 (Mon 6/28, Thu 7/1) is already July
    assert.equal(span('2021-H1'), '2021-W01..2021-W25');
  });

  it('refuses what is not a period, or a period of the wrong kind', () => {
    for (const s of ['2024-13', '2024-Q5', '2024-H3', 'June', '2024-6-1']) assert.equal(parsePeriod(s), undefined, s);
    assert.equal(parsePeriod('2024-Q2', 'month'), undefined);
    assert.equal(parsePeriod('2024-06', 'half'), undefined);
    assert.equal(parsePeriod('2024-6')?.label, '2024-06');
  });
});

describe('rollup: draft', () => {
  const r = computeRollup(loadFixture('basic'), defaultProfile, parsePeriod('2024-06')!);
  const md = r.markdown;

  it('covers the period’s reports, and says which week is missing and which duplicate was used', () => {
    assert.deepEqual(r.reported, ['2024-W23', '2024-W24', '2024-W26']);
    assert.match(md, /^# 2024年6月月度总结（2024-W23 – 2024-W26）$/m);
    assert.match(md, /缺少周报：2024-W25/);
    assert.match(md, /2024-W26 有多份周报，采用 2024-W26\.md（未采用：2024-W26-copy\.md）/);
  });

  it('summarises each metric: min, mean, max and the weeks below target, and the missing weeks', () => {
    const dep = r.metrics.find((m) => m.id === 'depositSuccessRate')!;
    assert.deepEqual(dep.min, { value: 99.942, week: '2024-W23' });
    assert.deepEqual(dep.max, { value: 99.99, week: '2024-W26' });
    assert.ok(Math.abs(dep.mean! - (99.942 + 99.975 + 99.99) / 3) < 1e-9);
    assert.deepEqual(dep.belowTarget, ['2024-W23']);
    assert.match(md, /^- 入金有效成功率：最低99\.942%（2024-W23），平均99\.969%，最高99\.99%（2024-W26）；1周未达标（目标≥99\.95%）：2024-W23$/m);
    assert.match(md, /^- 出金有效成功率：.*未填写：2024-W24$/m);
    assert.doesNotMatch(md, /一次支付成功率/, 'an optional metric never written is left out');
    assert.match(md, /^- 事故数AB级1次，CD级1\.5次（3周合计）$/m);
  });

  it('lists the incidents with their 【待复盘】 status and whether a later week followed up', () => {
    assert.equal(r.incidents.length, 3);
    const [a, b, c] = r.incidents;
    assert.equal(a.stamp, '6/5 10:12');
    assert.deepEqual(a.followUp && { week: a.followUp.week, done: a.followUp.done }, { week: '2024-W24', done: true });
    assert.equal(b.pendingReview, false);
    assert.equal(b.followUp, undefined);
    assert.equal(c.followUp?.week, '2024-W27', 'a follow-up after the period counts');
    assert.equal(c.followUp?.done, false);
    assert.match(md, /^- 6\/5 10:12 渠道网关连接池耗尽.*【待复盘】（2024-W24 已复盘）（2024-W23）$/m);
    assert.match(md, /^- 6\/25 09:30 清算文件延迟生成.*【待复盘】（2024-W27 已跟进，仍待复盘）（2024-W26）$/m);
  });

  it('lists goals set in the period, carried over or done', () => {
    const g = Object.fromEntries(r.goals.map((x) => [x.text, x]));
    assert.equal(g['连接池容量评估'].carriedOver, true);
    assert.equal(g['对账差错规则梳理'].fromEarlier, true);
    assert.equal(g['对账差错规则梳理'].done, true);
    assert.equal(g['收银台全量上线'].done, true, 'checked in the review of the week after the period');
    assert.equal(g['代付幂等改造'].done, false);
    assert.match(md, /^- \[ \] 连接池容量评估（2024-W23 设定，后续周延续）$/m);
  });

  it('gives each project’s progress at the start and the end of the period', () => {
    assert.deepEqual(
      r.projects.map((p) => [p.item, p.start.value, p.end.value]),
      [
        ['【聚合收银台】前端改版', 45, 90],
        ['【对账平台】差错自动处理', 25, 55],
      ],
    );
    assert.match(md, /^- 【聚合收银台】前端改版：进度45% → 90%（2024-W23 → 2024-W26）$/m);
  });

  it('writes a draft in the dialect’s sections', () => {
    for (const h of ['## 【系统运行数据】', '## 【生产事件】', '## 【重点工作】', '## 【目标回顾】']) assert.ok(md.includes(`\n${h}\n`), h);
  });

  it('a period without reports has nothing reported, and says 暂无', () => {
    const empty = computeRollup(loadFixture('basic'), defaultProfile, parsePeriod('2024-03')!);
    assert.deepEqual(empty.reported, []);
    assert.match(empty.markdown, /## 【生产事件】\n暂无/);
  });

  it('rolls up across a year boundary: the December half keeps a pending incident without follow-up', () => {
    const h2 = computeRollup(loadFixture('year-end'), defaultProfile, parsePeriod('2024-H2')!);
    assert.deepEqual(h2.reported, ['2024-W52']);
    assert.equal(h2.incidents[0].pendingReview, true);
    assert.equal(h2.incidents[0].followUp, undefined);
    assert.match(h2.markdown, /之后的周报未跟进/);
    assert.match(h2.markdown, /^- 事故数AB级0次，CD级0次，C级0\.5次，D级0次（1周合计）$/m);
  });
});
