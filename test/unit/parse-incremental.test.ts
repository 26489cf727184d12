import * as assert from 'node:assert/strict';
import { defaultProfile, parseReport, type Item, type ParsedReport } from '../../server/src/core';
import { maskedLength, maskedParts, maskedSlice, parseStats, weekContent } from '../../server/src/core/parse';
import { checkDocument } from '../../server/src/core/check';
import { allRules } from '../../server/src/core/rules';
import { findPlaceholders } from '../../server/src/core/rules/wr060-placeholder';
import { splitParts } from '../../server/src/core/parse/split';
import { ProfileIndex } from '../../server/src/core/parse/sections';
import { examplesDocument, rng, sameEnds } from '../helpers/random';
import { LineIndex } from '../../server/src/core/text';
import { contextBlocks } from '../../server/src/core/workspace/match';


const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** One week of a report, with the dialect's irregularities, varied by the PRNG. */
function week(r: () => number, n: number): string {
  const w = String(n).padStart(2, '0');
  const title = pick(r, [`# 2024-W${w}`, `# 2024-w${w}`, `# 第${n}周 2024-01-01`]);
  const parts: string[] = [title, '', `Created: 2024年3月${(n % 28) + 1}日 1${n % 10}:0${n % 6}`, ''];
  if (r() < 0.2) parts.push(`# 第${n + 1}周 2024/01/08`, '');
  if (r() < 0.5) parts.push('## 【重点工作】', '');
  parts.push(
    `- 【项目${n}】`,
    '    1. 业务侧：',
    `        1. 进度${n % 100}%，计划${(n % 12) + 1}/${(n % 27) + 1}上线`,
    '        2. 2、沟通中；优势：快',
    `- 【平台${n}】`,
    '    ',
    `    总体进度${n}%，较上周${n - 5}%新增5%进度`,
    '    ',
    '',
  );
  for (let o = 1; o <= 1 + Math.floor(r() * 3); o++) {
    parts.push(pick(r, [`## 【O${o} 业务服务】`, `## 【O${o}系统升级】`]), '', `- 事项${o}，整体进度${o * 10}.5%，预计${o}月底完成`, `- 其他，分别于3/9、4/5投产`, '');
  }
  parts.push('## 【系统运行数据】', '', '支付成功率：', '', '- 入金有效成功率：99.997%', '- 出金有效成功率：99.962% ，一次支付成功率：99.28%', '');
  parts.push('系统可用性：', '', '- 支付系统年度可用性：99.998%', '- 事故数AB级0次，CD级1次。复盘中，', '');
  if (r() < 0.4) parts.push('```', '# 代码里的注释不是标题', '```', '');
  if (r() < 0.3) parts.push('<!--', '# 注释里的也不是', '-->', '');
  parts.push(pick(r, ['## 【生产事件】', '### 【生产事件】']), '');
  parts.push(`3/${(n % 28) + 1} 15:43，监控发现15:43-16:15期间超时，共持续32min【待复盘】`, '', '3/22 11:38', '', '用户重试，未产生影响', '', '详细记录：[https://wiki.example/a](https://wiki.example/a)', '');
  parts.push('## 收获与反思', '', pick(r, ['暂无', '多沟通，少假设。']), '', '# 下周工作及目标', '', '1. 目标一', '2. 目标二', '');
  if (r() < 0.3) parts.push('# 日报合集', '');
  return parts.join('\n');
}

function document(r: () => number, weeks: number): string {
  const out: string[] = [];
  for (let i = 1; i <= weeks; i++) out.push(week(r, i));
  return out.join('\n');
}

const SNIPPETS = ['x', '进', '\n', '\n\n', '# ', '## 【其他】\n', '# 2024-W30\n', '```\n', '~~~', '<!--', '-->', '- ', '    ', '1. ', '【', '】', '[a]: https://x.example\n', '<div>\n', '：', '99.9%', '3/21 15:43 ', '\r\n', '`', '> '];

function edit(r: () => number, text: string): string {
  const at = Math.floor(r() * (text.length + 1));
  const kind = r();
  if (kind < 0.55) return text.slice(0, at) + pick(r, SNIPPETS) + text.slice(at);
  if (kind < 0.85) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 8));
  // move a chunk (cut and paste a few lines)
  const len = Math.floor(r() * 200);
  const chunk = text.slice(at, at + len);
  const rest = text.slice(0, at) + text.slice(at + len);
  const to = Math.floor(r() * (rest.length + 1));
  return rest.slice(0, to) + chunk + rest.slice(to);
}

describe('parser: incremental parsing', () => {
  const profile = defaultProfile;

  it('splits at column-0 ATX headings, never inside code fences or HTML comments', () => {
    const text = '前言\n# A\n正文\n```\n# 不切\n```\n## B\n<!--\n# 不切\n-->\n  # 缩进的不切\n#无空格不切\n### C\n';
    const heads = splitParts(text).map((p) => text.slice(p.start, p.end).split('\n')[0]);
    assert.deepEqual(heads, ['前言', '# A', '## B', '### C']);
    assert.equal(splitParts('[ref]: https://x.example\n# A\n# B\n').length, 1, 'a definition may be used anywhere: no split');
  });

  it('gives the same model in parts as in one piece, and incrementally, over random edits', function () {
    this.timeout(120_000);
    const failures = parseStats.failures;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const r = rng(seed);
      let text = document(r, 3 + (seed % 3));
      let prev: ParsedReport = parseReport(text, { profile });
      for (let step = 0; step < 25; step++) {
        text = edit(r, text);
        const inc = parseReport(text, { profile, previous: prev });
        const fresh = parseReport(text, { profile });
        const whole = parseReport(text, { profile, split: false });
        assert.deepStrictEqual(inc, fresh, `seed ${seed} step ${step}: incremental ≠ fresh`);
        assert.deepStrictEqual(fresh, whole, `seed ${seed} step ${step}: parts ≠ one piece`);
        prev = inc;
      }
    }
    assert.equal(parseStats.failures, failures, 'no parse fell back to the empty model');
  });

  it('reuses parts by position when told what an edit left unchanged, with the same model as a fresh parse', function () {
    this.timeout(120_000);
    const failures = parseStats.failures;
    let byPosition = 0;
    let steps = 0;
    for (const seed of [11, 12, 13, 14, 15, 16, 17, 18]) {
      const r = rng(seed);
      let text = document(r, 3 + (seed % 4));
      // as the server parses: editing (the phrases of each part's blocks are kept with it)
      let prev: ParsedReport = parseReport(text, { profile, editing: true });
      let lines = new LineIndex(text);
      for (let step = 0; step < 40; step++) {
        const next = edit(r, text);
        // what an editor reports is at most what really stayed the same (a change may rewrite a character with itself)
        const same = sameEnds(text, next);
        const unchanged = r() < 0.3 ? { prefix: Math.floor(same.prefix * r()), suffix: Math.floor(same.suffix * r()) } : same;
        text = next;
        const inc = parseReport(text, { profile, previous: prev, unchanged, editing: true });
        if (parseStats.byPosition) byPosition++;
        steps++;
        assert.deepStrictEqual(inc, parseReport(text, { profile }), `seed ${seed} step ${step}: by position ≠ fresh`);
        lines = lines.edited(text, unchanged);
        assert.deepStrictEqual(lines.lineStarts, new LineIndex(text).lineStarts, `seed ${seed} step ${step}: line index`);
        prev = inc;
      }
    }
    assert.equal(parseStats.failures, failures, 'no parse fell back to the empty model');
    assert.ok(byPosition > steps / 2, `most edits reuse parts by position (${byPosition} of ${steps})`);
  });

  it('re-parses only the changed part after a one-character edit', () => {
    const r = rng(42);
    const text = document(r, 12);
    const first = parseReport(text, { profile });
    const parts = splitParts(text).length;
    assert.ok(parts > 50, `a 12-week document has many parts (${parts})`);
    const at = text.indexOf('- 入金有效成功率：99.997%', text.length / 2);
    const edited = text.slice(0, at + 10) + '8' + text.slice(at + 10);
    const second = parseReport(edited, { profile, previous: first });
    assert.equal(parseStats.partsParsed, 1);
    assert.deepStrictEqual(second, parseReport(edited, { profile }));
    // told where the edit is, the parser looks up no part by its text but the changed one
    const byPosition = parseReport(edited, { profile, previous: first, unchanged: { prefix: at + 10, suffix: text.length - at - 10 } });
    assert.ok(parseStats.byPosition);
    assert.equal(parseStats.partsParsed + parseStats.partsReused, 1);
    assert.deepStrictEqual(byPosition, second);
    // a new line shifts every later part; they are reused, moved down by one line
    const withLine = edited.slice(0, at) + '\n' + edited.slice(at);
    const third = parseReport(withLine, { profile, previous: second });
    assert.equal(parseStats.partsParsed, 1);
    assert.deepStrictEqual(third, parseReport(withLine, { profile }));
  });

  describe('keystrokes inside a line of text (made from the previous parse: `editInBlock`)', () => {
    /** What a keystroke types: mostly text, sometimes a character that may change a block or a mask. */
    const KEYS = ['1', '0', '9', '5', 'a', 'W', '进', '度', '%', '.', '，', '。', '：', ':', '/', '-', '*', '_', '#', '=', '+', '(', ')', '【', '】', '&', '!', '|', '~', ' ', '`', '<', '>', '[', ']', '\\', '\n', '\u3000'];

    it('gives the model a fresh parse gives, over random keystrokes and deletions (by position, as an editor reports them)', function () {
      this.timeout(120_000);
      let edited = 0;
      let steps = 0;
      for (const seed of [21, 22, 23, 24, 25, 26]) {
        const r = rng(seed);
        let text = seed % 2 ? document(r, 3) : examplesDocument();
        let prev: ParsedReport = parseReport(text, { profile, editing: true });
        for (let step = 0; step < 150; step++) {
          const at = Math.floor(r() * (text.length + 1));
          const removed = r() < 0.3 ? 1 + Math.floor(r() * 2) : 0;
          const typed = removed ? '' : pick(r, r() < 0.7 ? KEYS.slice(0, 14) : KEYS);
          const next = text.slice(0, at) + typed + text.slice(at + removed);
          const inc = parseReport(next, { profile, previous: prev, unchanged: { prefix: at, suffix: text.length - Math.min(text.length, at + removed) }, editing: true });
          edited += parseStats.partsEdited;
          steps++;
          assert.deepStrictEqual(inc, parseReport(next, { profile, split: false }), `seed ${seed} step ${step}: ${JSON.stringify(text.slice(at - 20, at))} + ${JSON.stringify(typed)} (removing ${removed})`);
          text = next;
          prev = inc;
        }
      }
      assert.ok(edited > steps / 5, `many keystrokes are made from the previous parse (${edited} of ${steps})`);
    });

    /** `text` with `typed` at the end of `after` (or `removed` characters deleted there), parsed from `first` as an editor's change. */
    function type(text: string, first: ParsedReport, after: string, typed: string, removed = 0) {
      const at = text.indexOf(after) + after.length;
      assert.ok(at >= after.length, after);
      const next = text.slice(0, at) + typed + text.slice(at + removed);
      const inc = parseReport(next, { profile, previous: first, unchanged: { prefix: at, suffix: text.length - at - removed }, editing: true });
      const { partsEdited: edited, partsParsed: parsed } = parseStats;
      assert.deepStrictEqual(inc, parseReport(next, { profile, split: false }), `${after} + ${typed}`);
      return { inc, edited, parsed };
    }

    it('remakes the block, its item (project) and the section (goals) of a keystroke in text, and parses again where it may change more', () => {
      const text = document(rng(7), 2);
      const first = parseReport(text, { profile, editing: true });
      // a digit in a progress figure: its block's phrases
      let t = type(text, first, '1. 进度1', '9');
      assert.deepEqual([t.edited, t.parsed], [1, 0]);
      const all = (items: Item[]): Item[] => items.flatMap((i) => [i, ...all(i.children)]);
      assert.equal(all(t.inc.weeks[0].sections.flatMap((s) => s.items)).find((i) => /进度19/.test(i.text.text))?.text.progress[0].value, 19);
      // inside a project's brackets: the item's project
      t = type(text, first, '- 【项目', '甲');
      assert.equal(t.edited, 1);
      assert.ok(t.inc.weeks[0].sections.flatMap((s) => s.items).some((i) => i.project?.text === '项目甲1'));
      // a goal: the goals section's goal for the item
      t = type(text, first, '1. 目标', '三', 1);
      assert.equal(t.edited, 1);
      assert.deepEqual(t.inc.weeks[0].sections.find((s) => s.role === 'goals')?.goals.map((g) => g.text), ['目标三', '目标二']);
      // a paragraph's line in an item (not its first line)
      t = type(text, first, '总体进度', '9');
      assert.equal(t.edited, 1);
      // a metric item: its metrics read again, in their group
      t = type(text, first, '- 入金有效成功率：99.9', '5');
      assert.equal(t.edited, 1);
      const metric = t.inc.weeks[0].sections.flatMap((s) => s.metrics).find((m) => m.name === '入金有效成功率');
      assert.deepEqual([metric?.value.raw, metric?.group], ['99.9597%', '支付成功率']);
      // parsed again: a character that may open a mask, white space, a line break, a line starting
      // with a digit, a metrics group label, the incidents section (read as a whole), a Created line
      for (const [after, typed] of [
        ['1. 进度1', '`'],
        ['1. 进度1', '<'],
        ['1. 进度1', ' '],
        ['1. 进度1', '\n'],
        ['2. 2', '.'],
        ['系统可用性', '1'],
        ['共持续3', '1'],
        ['Created: 2024', '1'],
      ]) {
        t = type(text, first, after, typed);
        assert.equal(t.edited, 0, `${after} + ${typed}`);
      }
    });
  });

  it('keeps the sections of an edited week that repeat other weeks\' text the same objects, also after an edit in another week', () => {
    // every week ends with the same short sections: their parts have the same text, parsed once and
    // placed at each week's lines
    const week = (n: number) => `# 2024-W${n}\n\n## 【重点工作】\n\n- 【收银台】进度${n}%\n\n## 【其他】\n\n1. 招聘面试4场\n\n## 收获与反思\n\n暂无\n\n`;
    let text = [20, 19, 18, 17].map(week).join('');
    let report = parseReport(text, { profile, editing: true });
    const type = (needle: string): void => {
      const at = text.indexOf(needle) + needle.length;
      const next = text.slice(0, at) + '1' + text.slice(at);
      report = parseReport(next, { profile, previous: report, editing: true, unchanged: { prefix: at, suffix: text.length - at } });
      assert.deepStrictEqual(report, parseReport(next, { profile }));
      text = next;
    };
    const others = (w: number) => report.weeks[w].sections.filter((s) => s.heading?.name !== '重点工作');
    type('进度19');
    const before = others(1);
    // an edit in another week, then in this one again: its other sections are the objects they were
    type('进度17');
    type('进度191');
    assert.equal(others(1).length, 2);
    others(1).forEach((s, i) => assert.equal(s, before[i], `${s.heading?.text} kept`));
  });

  it('makes again only the weeks an edit by position touches: those before it are kept, those after it moved', () => {
    const r = rng(43);
    const text = document(r, 12);
    const first = parseReport(text, { profile, editing: true });
    const at = text.indexOf('- 入金有效成功率：99.997%', text.length / 2);
    const week = first.weeks.findIndex((w) => w.range.end.line >= text.slice(0, at).split('\n').length - 1);
    assert.ok(week > 2 && week < first.weeks.length - 2, `the edit is in a middle week (${week})`);
    // a character: one week made again, every other the same object
    const typed = text.slice(0, at + 10) + '8' + text.slice(at + 10);
    const second = parseReport(typed, { profile, previous: first, editing: true, unchanged: { prefix: at + 10, suffix: text.length - at - 10 } });
    assert.equal(parseStats.weeksAssembled, 1);
    second.weeks.forEach((w, i) => (i === week ? assert.notEqual(w, first.weeks[i]) : assert.equal(w, first.weeks[i], `week ${i} kept`)));
    assert.deepStrictEqual(second, parseReport(typed, { profile }));
    // a line break: the weeks before are kept, those after moved down a line (the same content)
    const broken = typed.slice(0, at) + '\n' + typed.slice(at);
    const third = parseReport(broken, { profile, previous: second, editing: true, unchanged: { prefix: at, suffix: typed.length - at } });
    assert.equal(parseStats.weeksAssembled, 1);
    for (let i = 0; i < week; i++) assert.equal(third.weeks[i], second.weeks[i], `week ${i} kept`);
    for (let i = week + 1; i < third.weeks.length; i++) {
      assert.equal(third.weeks[i].range.start.line, second.weeks[i].range.start.line + 1);
      assert.equal(weekContent(third.weeks[i]), weekContent(second.weeks[i]), `week ${i} keeps its content identity`);
    }
    assert.deepStrictEqual(third, parseReport(broken, { profile }));
    // typed again in a week moved twice: made from its parts, as a fresh parse has it
    const again = broken.slice(0, broken.length - 5) + 'x' + broken.slice(broken.length - 5);
    const fourth = parseReport(again, { profile, previous: third, editing: true, unchanged: { prefix: broken.length - 5, suffix: 5 } });
    assert.deepStrictEqual(fourth, parseReport(again, { profile }));
  });

  describe('item cuts (a long section parsed in parts at its top-level list items)', () => {
    /** A week whose sections hold lists of every shape the cuts must read as the whole document does. */
    function listWeek(r: () => number, n: number): string {
      const bullet = () => pick(r, ['-', '*', '+']);
      const lines: string[] = [`# 2024-W${String(n).padStart(2, '0')}`, ''];
      // (a comment in a heading: split.ts guesses another section than the parser reads)
      for (const heading of ['## 【重点工作】', '## 【O1 业务服务】', '## 【系统运行数据】', '## 【生产事件】', '## 【其他】', '## 收获与反思', '# 下周工作及目标', '### 【重点工作】', '## 系统运行数据 <!-- 本周 -->', '## 生产事件<!-- x -->']) {
        lines.push(heading, '');
        for (let k = 0; k < 2 + Math.floor(r() * 5); k++) {
          lines.push(
            ...pick(r, [
              [`${bullet()} 【项目${k}】进度${k * 10}%，计划${k + 1}/2${k}上线`, `    1. 子项${k}`, `    2. 子项，进度${k}%`],
              [`${k + 1}. 目标${k}`, `   详细说明${k}`],
              [`${k + 1}) 括号编号${k}`],
              [`1. 又从一开始`, `lazy 续行${k}`],
              [`- 条目${k}`, '', `  第二段，进度${k}%`, ''],
              [`段落${k}`, `${k + 2}. 不能打断段落的编号`],
              [`段落${k}`, `- 可以打断段落的条目`],
              ['', `${k + 2}. 空行后的编号`],
              ['* * *', `- 分隔线后`],
              ['- - -'],
              ['-', '  空条目'],
              [`- 条目里的代码`, '  ```', '  - 不是条目', '# 也不是标题', '  ```'],
              ['```', '- 围栏里的不切', '```'],
              ['<!--', '- 注释里的不切', '-->'],
              ['> 引用', '- 引用后的条目'],
              [`- [ ] 任务${k}`, `- [x] 完成${k}`],
              ['-\t制表符', '+ 加号'],
              ['  - 缩进的条目', '   1. 缩进的编号'],
              [`入金有效成功率：99.9${k}%`, `- 出金有效成功率：99.8${k}%`],
              [`3/${k + 1} 15:43，超时`, `- 3/${k + 2} 16:00，恢复`],
            ]),
          );
        }
        lines.push('');
      }
      return lines.join(r() < 0.2 ? '\r\n' : '\n');
    }
    const LIST_SNIPPETS = ['\n- ', '\n1. ', '\n2. ', '\n1) ', '\n* * *\n', '\n+ x', '\n\n3. y', '\n  ```\n', '```\n', '\n## 【系统运行数据】\n', '\n## 【重点工作】\n', '- ', '\n', '\n\n', 'x', '<!--', '-->', '\r\n', '\t'];
    const listEdit = (r: () => number, text: string): string => {
      const at = Math.floor(r() * (text.length + 1));
      return r() < 0.7 ? text.slice(0, at) + pick(r, LIST_SNIPPETS) + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 12));
    };

    it('cuts only under sections that take their items, and gives the same model as one piece', () => {
      const r = rng(7);
      let cut = 0;
      for (let n = 1; n <= 40; n++) {
        const text = listWeek(r, n);
        for (const itemPartMin of [0, 40, undefined]) {
          const parts = parseReport(text, { profile, itemPartMin });
          assert.deepStrictEqual(parts, parseReport(text, { profile, split: false }), `week ${n}, itemPartMin ${itemPartMin}`);
        }
        cut += splitParts(text, { takesItems: () => true, itemPartMin: 0 }).filter((p) => p.item).length;
      }
      assert.ok(cut > 400, `many item cuts (${cut})`);
      // the guess from the heading line: not the metrics or incidents sections, not a level-1 heading
      const index = new ProfileIndex(profile);
      assert.deepEqual(
        ['## 【重点工作】', '## 【O2 能力升级】', '### 未知', '## 【系统运行数据】', '### 生产事件', '# 下周工作及目标', '# 2024-W01'].map((h) => index.takesItems(h)),
        [true, true, true, false, false, false, false],
      );
    });

    it('gives the same model incrementally (by text and by position) as one piece, over random edits', function () {
      this.timeout(120_000);
      const failures = parseStats.failures;
      let reusedItems = 0;
      for (const seed of [21, 22, 23, 24, 25]) {
        const r = rng(seed);
        const itemPartMin = pick(r, [0, 0, 30, 100]);
        let text = [1, 2, 3].map((n) => listWeek(r, n)).join('\n');
        let prev: ParsedReport = parseReport(text, { profile, editing: true, itemPartMin });
        for (let step = 0; step < 30; step++) {
          const next = listEdit(r, text);
          const same = sameEnds(text, next);
          const unchanged = r() < 0.2 ? { prefix: Math.floor(same.prefix * r()), suffix: Math.floor(same.suffix * r()) } : same;
          text = next;
          const inc = parseReport(text, { profile, previous: prev, unchanged: r() < 0.8 ? unchanged : undefined, editing: true, itemPartMin });
          if (parseStats.partsReused > 0) reusedItems++;
          const whole = parseReport(text, { profile, split: false });
          assert.deepStrictEqual(inc, whole, `seed ${seed} step ${step}: incremental ≠ one piece`);
          prev = inc;
        }
      }
      assert.equal(parseStats.failures, failures, 'no parse fell back to the empty model');
      assert.ok(reusedItems > 75, `edits reuse parts (${reusedItems})`);
    });

    it('keeps the content identity of the weeks an edit only moved, over many line breaks typed (joined sections of moved items)', () => {
      // a week whose long sections are joined from item parts: after each move its joined sections are
      // new objects, and its content key must still be that of the week as parsed (else everything kept
      // by content, the checks' findings of moved weeks among them, is computed again)
      const r = rng(41);
      let text = document(r, 8);
      let prev: ParsedReport = parseReport(text, { profile, editing: true, itemPartMin: 0 });
      assert.ok(prev.weeks.length >= 8 && splitParts(text, { takesItems: () => true, itemPartMin: 0 }).filter((p) => p.item).length > 40, 'weeks with item cuts');
      let moved = 0;
      for (let step = 0; step < 30; step++) {
        const lines = text.split('\n');
        const line = 1 + Math.floor(r() * (lines.length - 1));
        const at = lines.slice(0, line).join('\n').length + 1;
        text = text.slice(0, at) + '\n' + text.slice(at);
        const next = parseReport(text, { profile, previous: prev, unchanged: { prefix: at, suffix: text.length - at - 1 }, editing: true, itemPartMin: 0 });
        assert.equal(next.weeks.length, prev.weeks.length);
        // the week the line went into (and the one before, when it went in between) changed; every other kept its content
        const edited = next.weeks.findIndex((w) => w.range.end.line >= line);
        next.weeks.forEach((w, i) => {
          if (i === edited || i === edited - 1) return;
          assert.equal(weekContent(w), weekContent(prev.weeks[i]), `step ${step}: week ${i} (line break at line ${line}, in week ${edited})`);
          if (i > edited) moved++;
        });
        prev = next;
      }
      assert.ok(moved > 60, `weeks moved (${moved})`);
    });

    it('reads the kept parts after an edit that changes what their cut depends on (the line before, the section they go on)', () => {
      const items = Array.from({ length: 6 }, (_, k) => `- 条目${k}，进度${k}%\n`).join('');
      const base = `# 2024-W01\n\n## 【重点工作】\n\n${items}段落\n\n3. 空行后的编号\n${items}\n## 【其他】\n\n无\n`;
      const edits: Array<[string, string]> = [
        ['段落\n\n3.', '段落\nx\n3.'], // the blank line before an ordered cut gets text: `3.` no longer starts an item
        ['## 【重点工作】', '## 【系统运行数据】'], // the section the cut items go on becomes the metrics one
        ['## 【重点工作】', '## 【生产事件】'],
        ['## 【重点工作】', '# 2024-W02'], // … or a week title
        ['## 【重点工作】\n\n- 条目0', '## 【重点工作】\n\n## 【系统运行数据】\n- 条目0'],
      ];
      for (const [from, to] of edits) {
        for (const itemPartMin of [0, 20]) {
          const first = parseReport(base, { profile, editing: true, itemPartMin });
          assert.ok(splitParts(base, { takesItems: () => true, itemPartMin }).some((p) => p.item));
          const at = base.indexOf(from);
          const same = sameEnds(base, base.replace(from, to));
          const text = base.replace(from, to);
          assert.ok(same.prefix >= at);
          const inc = parseReport(text, { profile, previous: first, unchanged: same, editing: true, itemPartMin });
          assert.deepStrictEqual(inc, parseReport(text, { profile, split: false }), `${from} → ${to} (itemPartMin ${itemPartMin})`);
        }
      }
    });

    it('re-parses only the edited project of a long key-work section, and keeps the other weeks', () => {
      const projects = Array.from({ length: 12 }, (_, k) => `- 【项目${k}】\n    1. 进度${k * 5}%，计划3/${k + 1}上线\n    2. 联调中，风险可控，本周完成接口评审与压测准备工作\n`).join('');
      const week = (n: number) => `# 2024-W0${n}\n\n## 【重点工作】\n\n${projects}\n## 【系统运行数据】\n\n- 入金有效成功率：99.99%\n\n# 下周工作及目标\n\n1. 上线\n`;
      const text = week(2) + '\n' + week(1);
      const first = parseReport(text, { profile, editing: true });
      assert.ok(splitParts(text, new ProfileIndex(profile)).filter((p) => p.item).length >= 4, 'the key-work sections are cut at items');
      const at = text.indexOf('进度25%') + 3;
      const edited = text.slice(0, at) + '1' + text.slice(at);
      const second = parseReport(edited, { profile, previous: first, unchanged: { prefix: at, suffix: text.length - at }, editing: true });
      // a digit typed in a line of text: the part is made from its previous parse, not parsed (`editInBlock`)
      assert.equal(parseStats.partsParsed, 0);
      assert.equal(parseStats.partsEdited, 1);
      assert.deepStrictEqual(second, parseReport(edited, { profile, split: false }));
      assert.equal(second.weeks[1], first.weeks[1], 'the other week is the same object');
      assert.notEqual(second.weeks[0], first.weeks[0]);
      const items = second.weeks[0].sections[0].items;
      assert.equal(items.length, 12);
      assert.match(items[5].children[0].text.text, /进度215%/);
      // the projects before and after the edited one are the very same objects
      assert.equal(items[0], first.weeks[0].sections[0].items[0]);
      assert.equal(items[11], first.weeks[0].sections[0].items[11]);
      // what rules keep per text block (WR025, WR031, hovers) is kept for the projects of
      // the parts not re-parsed: the section is a new object, their context blocks are the same ones
      const kept = items.filter((item, k) => item === first.weeks[0].sections[0].items[k]);
      assert.ok(kept.length >= 6, `most projects are kept (${kept.length})`);
      const blocksOf = (i: (typeof items)[number]) => [i.text, ...i.children.flatMap((c) => [c.text, ...c.blocks])];
      const keptBlocks = new Set(kept.flatMap(blocksOf));
      const keyWork = new Set(items.flatMap(blocksOf));
      const before = new Set(contextBlocks(first.weeks[0]));
      const after = contextBlocks(second.weeks[0]);
      assert.equal(after.length, before.size);
      assert.ok(keptBlocks.size >= 18);
      // … and so are those of the edited project's other blocks (the same block objects, in the same context)
      const blocksBefore = new Set(first.weeks[0].sections[0].items.flatMap(blocksOf));
      for (const b of blocksOf(items[5])) assert.equal(blocksBefore.has(b), !/进度215%/.test(b.text), b.text);
      for (const cb of after) if (keyWork.has(cb.block)) assert.equal(before.has(cb), blocksBefore.has(cb.block), cb.block.text);
    });
  });

  it('reads the masked text part by part as it would read the joined text (slices, length, WR060)', () => {
    const r = rng(99);
    for (let n = 0; n < 6; n++) {
      // placeholders everywhere: at part starts and ends, in code, around headings
      let text = document(r, 2 + n).replace(/目标二/g, 'xx%').replace(/暂无/g, 'TODO').replace(/# 下周工作及目标/g, '# 下周工作及目标 待补充');
      if (n % 2) text = 'TODO\n' + text + '\n待补充';
      const report = parseReport(text, { profile });
      const joined = { ...report }; // a plain copy: no parts kept, the joined masked text
      assert.ok(maskedParts(report) && !maskedParts(joined));
      assert.equal(maskedLength(report), joined.masked.length);
      for (let k = 0; k < 200; k++) {
        const a = Math.floor(r() * (text.length + 10)) - 5;
        const b = a + Math.floor(r() * 400);
        assert.equal(maskedSlice(report, Math.max(0, a), b), joined.masked.slice(Math.max(0, a), b), `slice ${a}..${b}`);
      }
      const fresh = parseReport(text, { profile });
      const wr060 = allRules.filter((x) => x.code === 'WR060');
      const viaParts = checkDocument({ text, profile, report: fresh, fileName: '2024-W10.md', rules: wr060 });
      assert.ok(!('value' in Object.getOwnPropertyDescriptor(fresh, 'masked')!), 'checking did not join the masked text');
      const viaText = checkDocument({ text, profile, report: { ...fresh }, fileName: '2024-W10.md', rules: wr060 });
      assert.ok(viaText.length >= 3, `placeholders found (${viaText.length})`);
      assert.deepStrictEqual(viaParts, viaText);
    }
  });

  it('puts every line with unmasked text in a week, so WR060 read week by week finds what a scan of the whole text finds, over random edits', () => {
    const r = rng(61);
    const wr060 = allRules.filter((x) => x.code === 'WR060');
    assert.equal(wr060[0].scope, 'week');
    let found = 0;
    for (let n = 0; n < 12; n++) {
      let text = document(r, 1 + (n % 3)).replace(/目标二/g, 'xx%').replace(/暂无/g, 'TODO');
      let previous: ParsedReport | undefined;
      for (let k = 0; k < 60; k++) {
        text = edit(r, text);
        // text before the first title, between sections, after the last one
        if (k % 20 === 0) text = pick(r, ['TODO 前言\n', '\n\n', '<!-- TODO -->\n', '---\ntitle: TODO\n---\n']) + text + pick(r, ['\nTODO', '\n\n***\n待补充\n', '']);
        const report = (previous = parseReport(text, { profile, previous }));
        const masked = report.masked.split(/\r\n|\r|\n/);
        const inWeek = new Array<boolean>(masked.length).fill(false);
        for (const w of report.weeks) for (let l = w.range.start.line; l <= w.range.end.line; l++) inWeek[l] = true;
        masked.forEach((line, l) => assert.ok(inWeek[l] || line.trim() === '', `seed 61, doc ${n}, edit ${k}: line ${l} ${JSON.stringify(line)} is in no week`));
        const lines = new LineIndex(text);
        const scanned = findPlaceholders(report.masked, profile.placeholders).map((m) => lines.rangeOf(m.start, m.end));
        const byWeek = checkDocument({ text, profile, report, fileName: '2024-W10.md', rules: wr060 }).map((f) => f.range);
        assert.deepStrictEqual(byWeek, scanned, `seed 61, doc ${n}, edit ${k}`);
        found += scanned.length;
      }
    }
    assert.ok(found > 500, `placeholders found (${found})`);
  });

  it('reads a fence or comment left open in the last list item or quote of a part as the whole document does (found by npm run fuzz)', () => {
    for (const text of ['- ```\n# ', '- ~~~\n# x\n', '1. <!--\n周\n\n# 第1周 2024/1/1\n', '- a\n  - ```\n# 2024-W01\n', '> ```\n# x\n', '- > ~~~\n## 【重点工作】\n']) {
      assert.deepStrictEqual(parseReport(text, { profile }), parseReport(text, { profile, split: false }), JSON.stringify(text));
    }
  });

  it('gives a week moved by lines inserted above it the content identity it had, and a changed week a new one', () => {
    const r = rng(5);
    const text = document(r, 4);
    const first = parseReport(text, { profile });
    const at = text.indexOf('## 【重点工作】');
    const moved = text.slice(0, at) + '\n\n' + text.slice(at);
    const second = parseReport(moved, { profile, previous: first });
    assert.equal(second.weeks.length, first.weeks.length);
    // the first week changed (lines inserted inside it); the others only moved down
    assert.notEqual(weekContent(second.weeks[0]), weekContent(first.weeks[0]));
    for (let i = 1; i < first.weeks.length; i++) {
      assert.notEqual(second.weeks[i], first.weeks[i], 'a moved week is a new object (its positions changed)');
      assert.equal(second.weeks[i].range.start.line, first.weeks[i].range.start.line + 2);
      assert.equal(weekContent(second.weeks[i]), weekContent(first.weeks[i]), `week ${i} keeps its content identity`);
    }
    // and a fresh parse of the same text knows nothing of the earlier one
    assert.notEqual(weekContent(parseReport(moved, { profile }).weeks[1]), weekContent(second.weeks[1]));
  });

  it('does not reuse parts parsed under another profile', () => {
    const text = '## 【自定义】\n\n- 甲\n';
    const first = parseReport(text, { profile });
    assert.equal(first.weeks[0].sections[0].sectionId, undefined);
    const custom = { ...profile, sections: [...profile.sections, { id: 'custom', title: '自定义', aliases: [], level: 2, bracketed: true, required: false }] };
    const second = parseReport(text, { profile: custom, previous: first });
    assert.equal(second.weeks[0].sections[0].sectionId, 'custom');
  });

  it('does not expose the cache as a model field', () => {
    const r = parseReport('# 2024-W01\n', { profile });
    assert.ok(!Object.keys(r).includes('cache'));
    assert.ok(r.cache !== undefined);
  });
});
