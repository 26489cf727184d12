import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultProfile, LineIndex, parseReport, type Range, type Report, type Section } from '../../server/src/core';
import { parseStats } from '../../server/src/core/parse';

const dir = path.join(__dirname, '..', 'fixtures', 'parse');

function load(name: string): { text: string; report: Report; lines: LineIndex; at: (r: Range) => string } {
  const text = fs.readFileSync(path.join(dir, name), 'utf8');
  const report = parseReport(text, { profile: defaultProfile });
  const lines = new LineIndex(text);
  return { text, report, lines, at: (r) => lines.textOf(r) };
}

function parse(text: string): Report {
  return parseReport(text, { profile: defaultProfile });
}

const R = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

function section(report: Report, id: string, week = 0): Section {
  const s = report.weeks[week].sections.find((x) => x.sectionId === id);
  assert.ok(s, `section ${id}`);
  return s;
}

describe('parser: titles and weeks', () => {
  it('reads an ISO title with its exact ranges', () => {
    const { report, at } = load('2024-W15.md');
    assert.equal(report.titles.length, 1);
    const t = report.titles[0];
    assert.deepEqual([t.style, t.year, t.week, t.level, t.lowercaseW, t.valid], ['iso', 2024, 15, 1, false, true]);
    assert.deepEqual(t.range, R(0, 0, 0, 10));
    assert.deepEqual(t.textRange, R(0, 2, 0, 10));
    assert.equal(at(t.weekRange), '2024-W15');
    assert.equal(report.weeks.length, 1);
    assert.equal(report.weeks[0].title, t);
  });

  it('reads a lowercase w as non-canonical', () => {
    const { report } = load('2024-W26.md');
    const t = report.titles[0];
    assert.deepEqual([t.year, t.week, t.lowercaseW, t.text], [2024, 26, true, '2024-w26']);
  });

  it('reads 第N周 titles with date and separator, and a second title in a row as a duplicate', () => {
    const { report, at } = load('2023-W50.md');
    assert.equal(report.titles.length, 2);
    assert.equal(report.weeks.length, 1, 'two titles in a row make one week');
    const w = report.weeks[0];
    assert.equal(w.title!.text, '第50周 2023-12-11');
    assert.deepEqual(w.duplicateTitles.map((t) => t.text), ['第51周 2023/12/11']);
    const [a, b] = report.titles;
    assert.deepEqual([a.style, a.year, a.week, a.date!.separator, a.date!.valid], ['cn', 2023, 50, '-', true]);
    assert.deepEqual([b.week, b.date!.year, b.date!.month, b.date!.day, b.date!.separator], [51, 2023, 12, 11, '/']);
    assert.equal(at(b.weekRange), '第51周');
    assert.equal(at(b.date!.range), '2023/12/11');
    // CJK positions are UTF-16 characters: `# 第51周 ` is 7 characters
    assert.deepEqual(b.date!.range, R(4, 7, 4, 17));
    assert.equal(w.created.length, 1);
  });

  it('marks an impossible title date and week as invalid', () => {
    const r = parse('# 第12周 2024-02-30\n\n# 2023-W53\n\n## 【其他】\n');
    assert.equal(r.titles[0].date!.valid, false);
    assert.equal(r.titles[1].valid, false, '2023 has 52 ISO weeks');
  });

  it('reads a week number with a digit too many as an invalid title, not as a plain heading', () => {
    // typing in the title (`# 2025-W20` → `# 2025-W201`) must not turn the report into another Markdown file
    const r = parse('# 2025-W201\n\n## 【生产事件】\n\n无\n');
    assert.equal(r.weeks.length, 1);
    assert.deepEqual([r.titles[0].week, r.titles[0].valid], [201, false]);
    assert.equal(r.weeks[0].title, r.titles[0]);
  });

  it('starts a new week at each title that follows sections (a year in one file)', () => {
    const weeks = [1, 2, 3].map((n) => `# 2024-W0${n}\n\nCreated: 2024年1月${n * 7}日 10:00\n\n## 【生产事件】\n\n无\n\n# 下周工作及目标\n\n1. 目标${n}\n`);
    const r = parse(weeks.join('\n'));
    assert.equal(r.weeks.length, 3);
    assert.deepEqual(r.weeks.map((w) => w.title!.week), [1, 2, 3]);
    assert.deepEqual(r.weeks.map((w) => w.sections.map((s) => s.sectionId)), [['incidents', 'goals'], ['incidents', 'goals'], ['incidents', 'goals']]);
    assert.deepEqual(r.weeks[1].range.start, { line: 12, character: 0 });
  });

  it('keeps content before the first title as a week without title', () => {
    const r = parse('一些说明文字\n\n# 2024-W10\n\n## 【其他】\n\n1. 事项\n');
    assert.equal(r.weeks.length, 2);
    assert.equal(r.weeks[0].title, undefined);
    assert.equal(r.weeks[0].sections.length, 1);
    assert.equal(r.weeks[0].sections[0].heading, undefined);
    assert.equal(r.weeks[0].sections[0].blocks[0].text, '一些说明文字');
    assert.equal(r.weeks[1].title!.week, 10);
  });

  it('does not take an H2 or a non-matching H1 for a title', () => {
    const r = parse('## 2024-W10\n\n# 周报 2024-W10\n');
    assert.equal(r.titles.length, 0);
  });

  it('gives an empty document an empty model', () => {
    const r = parse('');
    assert.deepEqual([r.weeks, r.titles, r.lineCount, r.masked], [[], [], 1, '']);
  });
});

describe('parser: Created line', () => {
  it('reads date and time with ranges', () => {
    const { report, at } = load('2024-W15.md');
    const c = report.weeks[0].created[0];
    assert.deepEqual(c.date, { year: 2024, month: 4, day: 12 });
    assert.deepEqual(c.time, { hour: 9, minute: 5 });
    assert.equal(c.valid, true);
    assert.equal(c.raw, '2024年4月12日 09:05');
    assert.equal(at(c.range), 'Created: 2024年4月12日 09:05');
    assert.deepEqual(c.valueRange, R(2, 9, 2, 25));
  });

  it('tolerates a full-width colon and a missing time', () => {
    const r = parse('# 2024-W10\n\nCreated：2024年3月8日\n');
    const c = r.weeks[0].created[0];
    assert.deepEqual([c.date, c.time, c.valid], [{ year: 2024, month: 3, day: 8 }, undefined, true]);
    assert.equal(r.weeks[0].sections.length, 0, 'the Created line is not content');
  });

  it('marks impossible dates and times as invalid', () => {
    assert.equal(parse('# 2024-W10\n\nCreated: 2024年2月30日 10:00\n').weeks[0].created[0].valid, false);
    assert.equal(parse('# 2024-W10\n\nCreated: 2024年3月8日 25:61\n').weeks[0].created[0].valid, false);
    const garbage = parse('# 2024-W10\n\nCreated: 昨天\n').weeks[0].created[0];
    assert.deepEqual([garbage.raw, garbage.date, garbage.valid], ['昨天', undefined, false]);
  });

  it('starts a week without a title at its first line when text comes before its Created line', () => {
    const r = parse('前言：TODO\n\nCreated: 2024年3月8日 10:00\n\n# 2024-W11\n\n## 收获与反思\n\n无\n');
    assert.equal(r.weeks.length, 2);
    assert.equal(r.weeks[0].title, undefined);
    assert.deepEqual([r.weeks[0].range.start.line, r.weeks[0].range.end.line], [0, 2], 'the text before the Created line is in the week');
    assert.equal(r.weeks[0].sections[0].range.start.line, 0);
  });
});

describe('parser: sections', () => {
  it('recognises profile sections with or without brackets, at any level', () => {
    const { report } = load('2023-W50.md');
    const w = report.weeks[0];
    assert.deepEqual(
      w.sections.map((s) => [s.sectionId, s.role, s.heading?.level]),
      [
        ['keyWork', 'keyWork', 2],
        ['metrics', 'metrics', 2],
        ['okr', 'okr', 2],
        ['okr', 'okr', 2],
        ['incidents', 'incidents', 3],
        ['reflection', 'reflection', 2],
        ['goals', 'goals', 1],
        ['daily', 'daily', 1],
      ],
    );
    const refl = w.sections[5].heading!;
    assert.deepEqual([refl.text, refl.name, refl.bracketed], ['收获与反思', '收获与反思', false]);
    const inc = w.sections[4].heading!;
    assert.deepEqual([inc.text, inc.name, inc.bracketed], ['【生产事件】', '生产事件', true]);
    assert.deepEqual(inc.nameRange, R(33, 5, 33, 9));
  });

  it('reads OKR sections by number, with or without a space', () => {
    const { report, at } = load('2024-W15.md');
    const okrs = report.weeks[0].sections.filter((s) => s.role === 'okr');
    assert.deepEqual(okrs.map((s) => [s.okr!.number, s.okr!.title]), [
      [1, '业务服务'],
      [2, '平台升级'],
      [3, '稳定与降本'],
      [4, '支付 × AI'],
    ]);
    assert.equal(at(okrs[1].okr!.numberRange), 'O2');
    assert.deepEqual(okrs[1].okr!.numberRange, R(31, 4, 31, 6));
    assert.ok(okrs.every((s) => s.sectionId === 'okr'));
  });

  it('leaves unknown headings unrecognised', () => {
    const r = parse('# 2024-W10\n\n## 【随便写写】\n\n内容\n');
    const s = r.weeks[0].sections[0];
    assert.equal(s.sectionId, undefined);
    assert.equal(s.role, undefined);
    assert.equal(s.heading!.name, '随便写写');
  });

  it('makes project items right under the title an implicit key-work section', () => {
    const { report, at } = load('2024-W26.md');
    const s = report.weeks[0].sections[0];
    assert.equal(s.heading, undefined);
    assert.deepEqual([s.sectionId, s.role], ['keyWork', 'keyWork']);
    assert.deepEqual(s.items.map((i) => i.project?.text), ['资金归集', '存管二期']);
    assert.equal(at(s.range).split('\n')[0], '- 【资金归集】');
    assert.equal(report.weeks[0].created.length, 1);
  });

  it('finds an empty section, HTML comments not counting as content', () => {
    const { report } = load('2024-W15.md');
    const daily = section(report, 'daily');
    assert.equal(daily.empty, true);
    assert.deepEqual(daily.range, R(90, 0, 90, 6), 'the range ends at the heading: the comment is not content');
    assert.equal(section(report, 'goals').empty, false);
  });

  it('ends a section range at its last content line', () => {
    const { report, at } = load('2024-W15.md');
    const other = section(report, 'other');
    assert.equal(at(other.range), '## 【其他】\n\n1. 季度述职准备\n2. 校招面试');
  });
});

describe('parser: items', () => {
  it('reads nested lists, markers, projects and later blocks', () => {
    const { report, at } = load('2024-W15.md');
    const items = section(report, 'keyWork').items;
    assert.equal(items.length, 3);
    const [a, b] = items;
    assert.deepEqual([a.depth, a.ordered, a.marker, a.checked], [0, false, '-', null]);
    assert.equal(a.project!.text, '跨境收款（A计划）');
    assert.equal(at(a.project!.range), '跨境收款（A计划）');
    assert.deepEqual(a.project!.range, R(6, 3, 6, 12));
    assert.equal(a.children.length, 2);
    const bank = a.children[0];
    assert.deepEqual([bank.depth, bank.ordered, bank.marker, bank.text.text], [1, true, '1.', '银行侧：']);
    assert.deepEqual(bank.children.map((c) => [c.depth, c.marker]), [[2, '1.'], [2, '2.']]);
    assert.equal(a.children[1].children[1].text.text, '2、结算周期方案：T+1与D+0两套并行', 'a Chinese enumerator stays text');
    assert.equal(b.text.text, '【工程效能提升】');
    assert.equal(b.blocks.length, 2);
    assert.equal(b.blocks[0].text, '度量平台一期上线，覆盖12个核心应用');
  });

  it('joins a lazy continuation line to the item text', () => {
    const { report } = load('2023-W50.md');
    const it0 = section(report, 'keyWork').items[0];
    assert.equal(it0.text.text, '【票据中心建设】\n票据模板梳理完成，进入接口设计阶段。');
    assert.equal(it0.project!.text, '票据中心建设');
  });

  it('reads task boxes as checked and leaves them out of the text', () => {
    const { report, at } = load('2024-W26.md');
    const review = section(report, 'review');
    assert.deepEqual(review.items.map((i) => i.checked), [true, false, null]);
    assert.equal(review.items[1].text.text, '存管二期评审');
    assert.deepEqual(
      review.goals.map((g) => [g.text, g.checked, at(g.textRange)]),
      [
        ['资金归集联调', true, '资金归集联调'],
        ['存管二期评审', false, '存管二期评审'],
        ['风控规则梳理', null, '风控规则梳理'],
      ],
    );
  });

  it('gives an item without a paragraph an empty text', () => {
    const r = parse('## 【其他】\n\n-\n- 有内容\n');
    const [a, b] = r.weeks[0].sections[0].items;
    assert.equal(a.text.text, '');
    assert.equal(b.text.text, '有内容');
  });
});

describe('parser: masking', () => {
  it('blanks link destinations, inline code and URL labels with equal length', () => {
    const { report, text } = load('2024-W15.md');
    const b = section(report, 'keyWork').items[1].blocks[1];
    const blank = (s: string): string => ' '.repeat(s.length);
    assert.equal(b.text, `详见 [效能看板]${blank('(https://example.com/board?id=4/18)')} 与 ${blank('`metrics-api`')}`);
    assert.equal(report.masked.length, text.length);
    assert.equal(report.masked.split('\n').length, text.split('\n').length);
    assert.ok(!report.masked.includes('https://'));
    assert.ok(!report.masked.includes('nothing here'), 'HTML comments are blanked');
    // the plan date inside the URL (`id=4/18`) is not a plan date
    assert.deepEqual(b.plans, []);
  });

  it('blanks a link whose label is a URL entirely, and autolinks, HTML and code blocks', () => {
    const text = '## 【其他】\n\n见 [https://a.example/x](https://a.example/x) 和 <https://b.example> 及 <b>粗</b>\n\n```\n# 不是标题\n```\n';
    const r = parse(text);
    const blk = r.weeks[0].sections[0].blocks[0];
    const blank = (s: string): string => ' '.repeat(s.length);
    assert.equal(blk.text, `见 ${blank('[https://a.example/x](https://a.example/x)')} 和 ${blank('<https://b.example>')} 及 ${blank('<b>')}粗${blank('</b>')}`);
    assert.equal(r.masked.length, text.length);
    assert.ok(!r.masked.includes('不是标题'));
    assert.equal(r.weeks[0].sections.length, 1, 'a # line inside a code block is no heading');
  });
});

describe('parser: metrics', () => {
  it('reads groups, two metrics on a line, a prefixed name and grade counts', () => {
    const { report, at } = load('2024-W15.md');
    const m = section(report, 'metrics');
    assert.deepEqual(m.metricGroups.map((g) => g.text), ['支付成功率', '系统可用性']);
    assert.deepEqual(
      m.metrics.map((x) => [x.name, x.id, x.group, x.value.raw, x.value.number, x.value.unit, x.line]),
      [
        ['入金有效成功率', 'depositSuccessRate', '支付成功率', '99.991%', 99.991, '%', 53],
        ['出金有效成功率', 'withdrawalSuccessRate', '支付成功率', '99.958%', 99.958, '%', 54],
        ['一次支付成功率', 'firstPaymentSuccessRate', '支付成功率', '99.3107%', 99.3107, '%', 54],
        ['支付系统年度可用性', 'annualAvailability', '系统可用性', '99.995%', 99.995, '%', 58],
        ['事故数', 'incidentCount', '系统可用性', 'AB级0次，CD级1次', undefined, '次', 59],
      ],
    );
    const two = m.metrics[2];
    assert.equal(at(two.nameRange), '一次支付成功率');
    assert.deepEqual(two.value.range, R(54, 27, 54, 35));
    assert.equal(at(two.range), '一次支付成功率：99.3107%');
    const grades = m.metrics[4].value.grades!;
    assert.deepEqual(grades.map((g) => [g.grade, g.count, g.raw]), [['AB', 0, 'AB级0次'], ['CD', 1, 'CD级1次']]);
    assert.equal(at(grades[1].countRange), '1');
    assert.equal(m.blocks.length, 3, 'the free paragraph is a block, not a metric');
  });

  it('reads half counts with a colon after the name', () => {
    const { report } = load('2023-W50.md');
    const g = section(report, 'metrics').metrics[3].value.grades!;
    assert.deepEqual(g.map((x) => [x.grade, x.count]), [['AB', 0], ['C', 0.5], ['D', 0]]);
  });

  it('keeps malformed and missing values as raw text', () => {
    const { report, at } = load('2024-W26.md');
    const m = section(report, 'metrics').metrics;
    assert.deepEqual(
      m.map((x) => [x.id, x.value.raw, x.value.number]),
      [
        ['depositSuccessRate', '99,997%', undefined],
        ['withdrawalSuccessRate', 'N/A', undefined],
        ['annualAvailability', 'xx%', undefined],
        ['firstPaymentSuccessRate', '暂无', undefined],
        ['incidentCount', '', undefined],
        ['depositSuccessRate', '', undefined],
      ],
    );
    const missing = m[5];
    assert.deepEqual(missing.value.range, R(24, 10, 24, 10), 'an empty range right after the colon');
    assert.equal(at(missing.range), '入金有效成功率：');
    assert.equal(m[0].group, undefined);
  });

  it('reads ASCII colons and unknown metric names', () => {
    const r = parse('## 【系统运行数据】\n\n- 入金有效成功率: 99.9%\n- 响应时间：120ms\n');
    const m = r.weeks[0].sections[0].metrics;
    assert.deepEqual(m.map((x) => [x.name, x.id, x.value.number, x.value.unit]), [
      ['入金有效成功率', 'depositSuccessRate', 99.9, '%'],
      ['响应时间', undefined, 120, 'ms'],
    ]);
  });
});

describe('parser: incidents', () => {
  it('reads paragraph entries with stamps, spans, durations, times and tags', () => {
    const { report, at } = load('2024-W15.md');
    const inc = section(report, 'incidents').incidents;
    assert.equal(inc.length, 3);
    const [a, b, c] = inc;
    assert.deepEqual([a.start!.month, a.start!.day, a.start!.hour, a.start!.minute, a.start!.valid, a.listItem], [4, 8, 10, 12, true, false]);
    assert.equal(at(a.start!.range), '4/8 10:12');
    assert.deepEqual(a.spans.map((s) => [s.from.raw, s.to.raw, at(s.range)]), [['10:12', '10:40', '10:12-10:40']]);
    assert.deepEqual(a.durations.map((d) => [d.minutes, d.raw, d.approximate]), [[28, '共持续28min', false]]);
    assert.equal(b.start!.raw, '04/09 9:05');
    assert.deepEqual(b.times.map((t) => t.raw), ['9:50', '10:20']);
    assert.deepEqual(b.tags.map((t) => t.text), ['待复盘']);
    assert.equal(b.pendingReview, true);
    assert.equal(a.pendingReview, false);
  });

  it('joins a stamp alone on its line with the description after the blank line, and a trailing link line', () => {
    const { report, at } = load('2024-W15.md');
    const c = section(report, 'incidents').incidents[2];
    assert.equal(c.start!.raw, '04/10 14:30');
    assert.deepEqual(c.range, R(69, 0, 73, 79));
    assert.ok(at(c.range).endsWith('(https://wiki.example.com/ops/2024.4)'));
    assert.deepEqual(c.durations.map((d) => d.minutes), [30]);
  });

  it('reads list-item entries under an H3, skipping a repeated start time', () => {
    const { report } = load('2023-W50.md');
    const inc = section(report, 'incidents').incidents;
    assert.deepEqual(inc.map((i) => [i.listItem, i.start!.raw]), [[true, '12/12 11:05'], [true, '12/13 20:40'], [true, '12/14 10:30']]);
    assert.deepEqual(inc[0].durations.map((d) => d.minutes), [120]);
    assert.deepEqual(inc[1].times.map((t) => [t.hour, t.minute]), [[19, 55]], 'a later time before the start is kept for WR041');
    assert.deepEqual(inc[2].times, [], '10:30 written twice is not a later time');
    assert.deepEqual(inc[2].durations.map((d) => [d.minutes, d.approximate]), [[1, true]]);
  });

  it('reads 本周无 as no incidents', () => {
    const { report } = load('2024-W26.md');
    assert.deepEqual(section(report, 'incidents').incidents, []);
    for (const none of ['无', '暂无', '本周无', '无。']) assert.deepEqual(parse(`## 【生产事件】\n\n${none}\n`).weeks[0].sections[0].incidents, [], none);
  });

  it('keeps an entry without a stamp, and invalid stamps', () => {
    const r = parse('## 【生产事件】\n\n监控告警，原因待查\n\n2/30 25:10 奇怪的时间\n');
    const [a, b] = r.weeks[0].sections[0].incidents;
    assert.equal(a.start, undefined);
    assert.equal(b.start!.valid, false);
  });

  it('splits a paragraph whose lines each start with a stamp', () => {
    const r = parse('## 【生产事件】\n\n3/4 10:00 甲系统超时\n3/5 11:00 乙系统告警\n');
    assert.deepEqual(r.weeks[0].sections[0].incidents.map((i) => i.start!.raw), ['3/4 10:00', '3/5 11:00']);
  });
});

describe('parser: goals', () => {
  it('reads the goals H1 as a section with goals', () => {
    const { report, at } = load('2024-W15.md');
    const g = section(report, 'goals');
    assert.equal(g.heading!.level, 1);
    assert.deepEqual(g.goals.map((x) => [x.text, x.checked]), [['跨境收款评审', null], ['押金托管上线', null], ['OCR二期需求沟通', null]]);
    assert.equal(at(g.goals[0].range), '1. 跨境收款评审');
    assert.deepEqual(g.goals[0].textRange, R(86, 3, 86, 9));
  });
});

describe('parser: robustness', () => {
  it('never throws, nor falls back to an empty model, on odd input', () => {
    const odd = ['#', '# ', '\n\n\n', '- ', '```', '<!--', '【', '- [ ]', '# 第周', '\r\n# 2024-W01\r\n\r\n## 【系统运行数据】\r\n\r\n- 入金有效成功率：99%\r\n', '\u0000\uFFFD', '#'.repeat(7), '\r', '- 【\n    1. ：\n'];
    const failures = parseStats.failures;
    for (const t of odd) assert.doesNotThrow(() => parse(t), JSON.stringify(t));
    assert.equal(parseStats.failures, failures);
  });

  it('finishes on long pathological lines (no catastrophic backtracking)', () => {
    const long = 100_000;
    const texts = [
      `## 【O1 业务服务】\n\n- 进度${' '.repeat(long)}x\n- ${'9'.repeat(long)}较上周提升1%\n- ${'，'.repeat(long)}\n`,
      `## 【系统运行数据】\n\n- 事故数${'A'.repeat(long)}\n- 名称：${'1,'.repeat(long / 2)}\n- ${'a，'.repeat(long / 2)}b：1\n`,
      `## 【生产事件】\n\n3/4 10:00 ${'持续 '.repeat(long / 3)}\n\n${'1:1'.repeat(long / 3)}\n`,
      `# 2024-W01\n\nCreated: ${' '.repeat(long)}\n\n${'金额 1 其中 '.repeat(long / 8)}\n`,
    ];
    const failures = parseStats.failures;
    for (const t of texts) parse(t);
    assert.equal(parseStats.failures, failures);
  });

  it('keeps positions right after a byte-order mark', () => {
    const r = parse('\uFEFF# 2024-W12\n\n## 【其他】\n');
    assert.equal(r.titles[0].text, '2024-W12');
    assert.deepEqual(r.titles[0].textRange, R(0, 3, 0, 11));
    assert.equal(r.masked.length, 1 + '# 2024-W12\n\n## 【其他】\n'.length);
  });

  it('handles CRLF line endings with the same positions', () => {
    const lf = fs.readFileSync(path.join(dir, '2024-W15.md'), 'utf8');
    const a = parse(lf);
    const b = parse(lf.replace(/\n/g, '\r\n'));
    const strip = (r: Report): unknown => JSON.parse(JSON.stringify(r.weeks, (k, v) => (k === 'text' || k === 'raw' ? undefined : v)));
    assert.deepEqual(strip(b), strip(a));
  });
});

describe('parser: more variants', () => {
  it('reads a 第N周 title with a 年月日 date and a Created line in Notion English', () => {
    const r = parse('# 第10周 2024年3月4日\n\nCreated: March 8, 2024 2:52 PM\n');
    const t = r.titles[0];
    assert.deepEqual([t.week, t.date!.year, t.date!.month, t.date!.day, t.date!.separator], [10, 2024, 3, 4, '年']);
    const c = r.weeks[0].created[0];
    assert.deepEqual([c.date, c.time, c.valid], [{ year: 2024, month: 3, day: 8 }, { hour: 14, minute: 52 }, true]);
  });

  it('ignores an HTML comment in a heading', () => {
    const r = parse('## 【生产事件】 <!-- 本周补充 -->\n\n3/4 10:00 告警\n');
    const s = r.weeks[0].sections[0];
    assert.equal(s.sectionId, 'incidents');
    assert.equal(s.heading!.text, '【生产事件】');
    assert.equal(s.incidents.length, 1);
  });

  it('reads a group label written as a list item with nested metrics', () => {
    const r = parse('## 【系统运行数据】\n\n- 支付成功率：\n    - 入金有效成功率：99.99%\n    - 出金有效成功率：99.98%\n');
    const s = r.weeks[0].sections[0];
    assert.deepEqual(s.metricGroups.map((g) => g.text), ['支付成功率']);
    assert.deepEqual(s.metrics.map((m) => [m.id, m.group]), [['depositSuccessRate', '支付成功率'], ['withdrawalSuccessRate', '支付成功率']]);
  });

  it('reads known metrics written without a list marker, and a bold group label', () => {
    const r = parse('## 【系统运行数据】\n\n**支付成功率：**\n\n入金有效成功率：99.99%\n出金有效成功率：99.98%\n\n截至5/9，待退款3笔，其中 已退回：1 处理中：2\n');
    const s = r.weeks[0].sections[0];
    assert.deepEqual(s.metricGroups.map((g) => g.text), ['支付成功率']);
    assert.deepEqual(s.metrics.map((m) => [m.id, m.value.number, m.group, m.line]), [['depositSuccessRate', 99.99, '支付成功率', 4], ['withdrawalSuccessRate', 99.98, '支付成功率', 5]]);
  });

  it('does not take prose in other sections for metrics, nor one part after 其中 for a sum', () => {
    const r = parse('## 【其他】\n\n- 入金有效成功率：99.99%\n\n总询问量121条，其中准确26条\n');
    const s = r.weeks[0].sections[0];
    assert.deepEqual(s.metrics, []);
    assert.deepEqual(s.blocks[0].sums, []);
  });

  it('follows the profile: OKR prefix, section aliases, metric names and the pending tag', () => {
    const profile = {
      ...defaultProfile,
      okr: { prefix: 'KR' },
      sections: defaultProfile.sections.map((s) => (s.id === 'incidents' ? { ...s, title: '故障', aliases: ['线上故障'] } : s)),
      metrics: [{ id: 'p99', name: 'P99延迟', aliases: [], unit: 'count' as const, required: true }],
      incidents: { ...defaultProfile.incidents, pendingTag: '待分析' },
    };
    const text = '# 2024-W10\n\n## 【KR2 增长】\n\n- 事项\n\n## 【线上故障】\n\n- 3/4 10:00 告警【待分析】\n\n## 【系统运行数据】\n\n- 接口P99延迟：120ms\n';
    const r = parseReport(text, { profile });
    const [okr, inc, met] = r.weeks[0].sections;
    assert.deepEqual([okr.role, okr.okr!.number, okr.okr!.title], ['okr', 2, '增长']);
    assert.deepEqual([inc.sectionId, inc.incidents[0].pendingReview], ['incidents', true]);
    assert.deepEqual(met.metrics.map((m) => [m.name, m.id, m.value.number, m.value.unit]), [['接口P99延迟', 'p99', 120, 'ms']]);
  });

  it('counts lines and keeps the masked text aligned with the document', () => {
    const { text, report } = load('2023-W50.md');
    assert.equal(report.lineCount, text.split('\n').length);
    assert.equal(report.masked.length, text.length);
    const nl = (s: string): number[] => [...s].flatMap((c, i) => (c === '\n' ? [i] : []));
    assert.deepEqual(nl(report.masked), nl(text));
  });
});
