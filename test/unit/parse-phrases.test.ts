import * as assert from 'node:assert/strict';
import { defaultProfile, LineIndex, parseReport } from '../../server/src/core';
import { extractPhrases } from '../../server/src/core/parse/phrases';

/** Phrases of a one-line text; ranges are characters of that line. */
function phrases(text: string): ReturnType<typeof extractPhrases> {
  return extractPhrases(text, (a, b) => ({ start: { line: 0, character: a }, end: { line: 0, character: b } }));
}

function slice(text: string, r: { start: { character: number }; end: { character: number } }): string {
  return text.slice(r.start.character, r.end.character);
}

describe('parser: progress phrases', () => {
  it('keeps a negative progress figure for WR030 to report', () => {
    assert.equal(phrases('回滚后进度-5%，待重新评估').progress[0].value, -5);
    assert.equal(phrases('回滚后进度－5%').progress[0].value, -5);
  });

  const cases: Array<[string, string, number, string, boolean]> = [
    // text, label, value, phrase, approximate
    ['物保三期进度95%，计划3/28上线', '进度', 95, '进度95%', false],
    ['实时数仓，整体进度21.95%，预计4月底完成', '整体进度', 21.95, '整体进度21.95%', false],
    ['静默开户改造，测试进度 80%，修复漏洞', '测试进度', 80, '测试进度 80%', false],
    ['1.1版本测试进度为20%。', '测试进度', 20, '测试进度为20%', false],
    ['完成一期方案评审及研发30%，计划6/18上线', '研发', 30, '研发30%', false],
    ['机房迁移，总迁移进度约80%；', '总迁移进度', 80, '总迁移进度约80%', true],
    ['营收对接，项目总体进度：55%，预计11/28.', '项目总体进度', 55, '项目总体进度：55%', false],
    ['报警功能完成。进度100%', '进度', 100, '进度100%', false],
    ['超额完成，进度120%', '进度', 120, '进度120%', false],
  ];
  for (const [text, label, value, phrase, approx] of cases) {
    it(`reads ${phrase}`, () => {
      const p = phrases(text).progress;
      assert.equal(p.length, 1, JSON.stringify(p));
      assert.deepEqual([p[0].label, p[0].value, slice(text, p[0].range), p[0].approximate], [label, value, phrase, approx]);
      assert.equal(slice(text, p[0].valueRange).replace(/\s/g, ''), `${value}%`);
    });
  }

  it('does not take other percentages for progress', () => {
    for (const t of ['覆盖率达到100%采纳率28%', '与存管银行账户能力系统整合90%', 'AI自动初审占比61.09%', '较上周70%新增15%进度']) {
      assert.deepEqual(phrases(t).progress, [], t);
    }
  });

  it('reads several progress phrases in one text', () => {
    const p = phrases('POC融合进度100%，上线完成；押金进度40%；加密机对接进度80%。').progress;
    assert.deepEqual(p.map((x) => x.value), [100, 40, 80]);
  });
});

describe('parser: plan dates', () => {
  const cases: Array<[string, Array<[string, number, number | undefined, string, boolean]>]> = [
    // text → [raw, month, day, precision, valid]
    ['物保三期进度95%，计划3/28上线', [['3/28', 3, 28, 'day', true]]],
    ['存管衍生，预计4/16上线', [['4/16', 4, 16, 'day', true]]],
    ['此版本预计7月25日上线', [['7月25日', 7, 25, 'day', true]]],
    ['开发进度正常，预计617上线。', [['617', 6, 17, 'day', true]]],
    ['商户升级，计划上线时间11月16日，与PC端一起', [['11月16日', 11, 16, 'day', true]]],
    ['预计5月底业务投产', [['5月底', 5, undefined, 'late', true]]],
    ['平安二期开发完成，计划4月初上线', [['4月初', 4, undefined, 'early', true]]],
    ['方案设计中，计划12月中旬上线。', [['12月中旬', 12, undefined, 'mid', true]]],
    ['项目总体进度：55%，预计11/28.', [['11/28', 11, 28, 'day', true]]],
    ['整体分2期分别于11/9、12/5投产。', [['11/9', 11, 9, 'day', true], ['12/5', 12, 5, 'day', true]]],
    ['支持订单创建，目标6/13上线', [['6/13', 6, 13, 'day', true]]],
    ['与法务达成一致，延期至5月中旬上线', [['5月中旬', 5, undefined, 'mid', true]]],
    ['支付立减模式搭建，4/16上线', [['4/16', 4, 16, 'day', true]]],
    ['压测计划2/30上线', [['2/30', 2, 30, 'day', false]]],
    ['计划13/5上线', [['13/5', 13, 5, 'day', false]]],
    ['待前端完成后11/17完成提测。', [['11/17', 11, 17, 'day', true]]],
    ['进度98%，2024年5月28日完成上线', [['2024年5月28日', 5, 28, 'day', true]]],
  ];
  for (const [text, expected] of cases) {
    it(`reads ${expected.map((e) => e[0]).join(' and ')} in “${text}”`, () => {
      const p = phrases(text).plans;
      assert.deepEqual(
        p.map((x) => [x.raw, x.month, x.day, x.precision, x.valid]),
        expected,
      );
      for (const x of p) assert.equal(slice(text, x.range), x.raw);
    });
  }

  it('keeps the year when it is written', () => {
    assert.equal(phrases('进度98%，2024年5月28日完成上线').plans[0].year, 2024);
    assert.equal(phrases('计划3/28上线').plans[0].year, undefined);
  });

  it('is conservative: dates without a plan word are not plans', () => {
    for (const t of [
      '支付业财下线，3.22已完成资源回收',
      '物保：11/15合肥拓城测试准备完毕',
      '截至6/7，待追款1个商户',
      '反洗钱系统6.6日-6.7日数据采集失败',
      '本周新增35城，累计136城',
      '计划推出1.2版本',
      '待11月份防火墙上架',
      '计划分3批完成',
      '电子钱包2.0上线',
      'V2.1上线后观察',
      '目标2000笔',
      '预计1300上线',
    ]) {
      assert.deepEqual(phrases(t).plans, [], t);
    }
  });
});

describe('parser: week-over-week claims', () => {
  it('reads current, previous and delta', () => {
    const text = '风险指标：总体进度85%，较上周70%新增15%进度';
    const [c] = phrases(text).claims;
    assert.equal(c.subject, '总体进度');
    assert.deepEqual([c.current!.value, c.previous!.value, c.delta.value, c.direction], [85, 70, 15, 1]);
    assert.equal(slice(text, c.range), '总体进度85%，较上周70%新增15%进度');
    assert.equal(slice(text, c.previous!.range), '70%');
    assert.equal(c.delta.unit, '%');
  });

  it('reads a claim with current and delta only', () => {
    const [c] = phrases('AI自动初审占比61.09%，较上周提升5.21%').claims;
    assert.deepEqual([c.subject, c.current!.value, c.previous, c.delta.value, c.direction], ['AI自动初审占比', 61.09, undefined, 5.21, 1]);
  });

  it('reads a subject before a colon', () => {
    const [c] = phrases('证件识别，身份证：95.91%，较上周上涨0.22%').claims;
    assert.deepEqual([c.subject, c.current!.value, c.delta.value], ['身份证', 95.91, 0.22]);
  });

  it('reads points with 相比上周', () => {
    const text = '支付中心本周健康分664分，相比上周提升10分，排名第5';
    const [c] = phrases(text).claims;
    assert.deepEqual([c.subject, c.current!.value, c.current!.unit, c.delta.value, c.delta.unit], ['健康分', 664, '分', 10, '分']);
  });

  it('reads falling values with direction -1', () => {
    for (const w of ['下降', '下跌', '减少', '降低']) {
      const [c] = phrases(`成功率99.1%，较上周${w}0.3%`).claims;
      assert.equal(c.direction, -1, w);
    }
  });
});

describe('parser: sums', () => {
  it('reads a total and its parts', () => {
    const text = '截至5/9，待退款3笔，金额 517 。 其中 已原路退回金额：402.5 处理中：114.5';
    const [s] = phrases(text).sums;
    assert.deepEqual([s.total.label, s.total.value], ['金额', 517]);
    assert.deepEqual(s.parts.map((p) => [p.label, p.value]), [['已原路退回金额', 402.5], ['处理中', 114.5]]);
    assert.equal(slice(text, s.total.range), '517');
    assert.equal(slice(text, s.parts[1].range), '114.5');
  });
});

describe('parser: phrases in the document', () => {
  it('maps phrase ranges to exact document positions (CJK, UTF-16)', () => {
    const text = '# 2024-W10\n\n## 【O1 业务服务】\n\n- 物保三期进度95%，计划3/28上线\n    1. 子项，进度约60%，预计5月中旬灰度\n';
    const r = parseReport(text, { profile: defaultProfile });
    const lines = new LineIndex(text);
    const it0 = r.weeks[0].sections[0].items[0];
    assert.deepEqual(it0.text.progress[0].range, { start: { line: 4, character: 6 }, end: { line: 4, character: 11 } });
    assert.equal(lines.textOf(it0.text.plans[0].range), '3/28');
    assert.deepEqual(it0.text.plans[0].range, { start: { line: 4, character: 14 }, end: { line: 4, character: 18 } });
    const child = it0.children[0];
    assert.equal(lines.textOf(child.text.progress[0].range), '进度约60%');
    assert.equal(lines.textOf(child.text.plans[0].range), '5月中旬');
  });

  it('finds phrases in paragraphs and later blocks of items too', () => {
    const text = '## 【O2 能力升级】\n\n- 风险数据指标\n    \n    总体进度85%，较上周70%新增15%进度\n\n整体进度50%，计划6/1上线\n';
    const s = parseReport(text, { profile: defaultProfile }).weeks[0].sections[0];
    assert.equal(s.items[0].blocks[0].claims.length, 1);
    assert.deepEqual(s.blocks[0].progress.map((p) => p.value), [50]);
    assert.deepEqual(s.blocks[0].plans.map((p) => p.raw), ['6/1']);
  });
});
