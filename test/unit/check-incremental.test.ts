/**
 * Findings after random edits, from an incremental re-parse (parts reused, rule helpers reused per
 * parsed week), are identical to the findings of a fresh parse of the same text checked with
 * nothing kept per week (`weekMemo.enabled = false`). Rules walk per-week data (`weekBlocks`,
 * `keyedProgress`) kept per parsed week object: a stale entry shows up here as a difference.
 */
import { LineIndex } from '../../server/src/core/text';
import type { Finding, Rule } from '../../server/src/core/rules/types';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument, defaultProfile, parseReport, type ParsedReport } from '../../server/src/core';
import { FindingsCache } from '../../server/src/core/check';
import { allRules, WorkspaceIndex } from '../../server/src/core';
import { weekMemo } from '../../server/src/core/memo';
import { examplesDocument, rng, sameEnds } from '../helpers/random';
import fc from 'fast-check';
import { applyStreamEdit, editStreamArb } from '../fuzz/gen';


const examples = path.resolve(__dirname, '..', '..', 'examples');
/** the example reports, newest first, as one multi-week document */
const base = examplesDocument();

const INSERTS = ['1', '9', '%', '0%', '进度', '，', '\n', '- ', '【', '】', '较上周', '5', '.', ' '];

function edit(r: () => number, text: string): string {
  const at = Math.floor(r() * (text.length + 1));
  if (r() < 0.3 && text.length > 0) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  // digits mostly next to existing digits, so progress, metric and date values change
  const digit = text.slice(at).search(/\d/);
  const pos = r() < 0.6 && digit >= 0 ? at + digit : at;
  return text.slice(0, pos) + INSERTS[Math.floor(r() * INSERTS.length)] + text.slice(pos);
}

const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

/** The default profile's check of a one-file workspace holding `report` as its history, as the server does (with `cache`: its per-week cache). */
function checkWithHistory(text: string, report: ParsedReport, now: Date, cache?: FindingsCache) {
  const index = new WorkspaceIndex();
  index.set('file:///w/reports.md', text, defaultProfile, 'editor', report);
  return checkDocument({ text, profile: defaultProfile, report, fileName: 'reports.md', now, history: index.historyFor('file:///w/reports.md'), cache });
}

/**
 * 40 edits (`edit`) from each start text (with its seed): each edit parsed incrementally and checked
 * with one per-week cache, as the server does, must give the findings of a fresh parse checked afresh.
 * `seen` gets each cached result and the cache.
 */
function compareEdits(runs: ReadonlyArray<readonly [number, string]>, edit: (r: () => number, text: string, i: number) => string, seen: (cached: Finding[], cache: FindingsCache) => void): void {
  const now = new Date('2024-04-01T00:00:00Z');
  for (const [seed, start] of runs) {
    const r = rng(seed);
    let text = start;
    let report = parseReport(text, { profile: defaultProfile });
    const cache = new FindingsCache();
    for (let i = 0; i < 40; i++) {
      const before = text;
      text = edit(r, text, i);
      report = parseReport(text, { profile: defaultProfile, previous: report, unchanged: sameEnds(before, text), editing: true });
      const cached = checkWithHistory(text, report, now, cache);
      seen(cached, cache);
      assert.deepEqual(plain(cached), plain(checkWithHistory(text, parseReport(text, { profile: defaultProfile }), now)), `edit ${i} (seed ${seed})`);
    }
  }
}

describe('findings after incremental re-parses equal the findings of a full parse', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`30 random edits (seed ${seed})`, () => {
      const r = rng(seed);
      const profile = defaultProfile;
      let text = base;
      let report: ParsedReport = parseReport(text, { profile });
      const now = new Date('2024-04-01T00:00:00Z');
      const cache = new FindingsCache();
      let reused = 0;
      let kept = 0;
      for (let i = 0; i < 30; i++) {
        // the previous parse is checked (twice) first, so its per-week helpers are cached
        checkDocument({ text, profile, report, fileName: 'reports.md', now });
        checkDocument({ text, profile, report, fileName: 'reports.md', now });
        const before = text;
        text = edit(r, text);
        // as the server does: told what the edit left unchanged
        report = parseReport(text, { profile, previous: report, unchanged: sameEnds(before, text), editing: true });
        // history from an index holding the same parse, as the server does
        const index = new WorkspaceIndex();
        index.set('file:///w/reports.md', text, profile, 'editor', report);
        const history = index.historyFor('file:///w/reports.md');
        const incremental = checkDocument({ text, profile, report, fileName: 'reports.md', now, history, cache });
        reused += cache.stats.reused;
        kept += cache.stats.rulesKept;
        // the reference: a fresh parse, nothing kept per week
        weekMemo.enabled = false;
        let full;
        try {
          const fresh = parseReport(text, { profile });
          const freshIndex = new WorkspaceIndex();
          freshIndex.set('file:///w/reports.md', text, profile, 'editor');
          full = checkDocument({ text, profile, report: fresh, fileName: 'reports.md', now, history: freshIndex.historyFor('file:///w/reports.md') });
        } finally {
          weekMemo.enabled = true;
        }
        assert.deepEqual(plain(incremental), plain(full), `edit ${i} (seed ${seed})`);
      }
      // the comparison is only worth something if weeks were actually reused
      assert.ok(reused > 30, `only ${reused} weeks reused`);
      assert.ok(kept > 30, `only ${kept} rules kept in weeks checked again`);
    });
  }

  it('rules that say what they read (Rule.reads): random edits that change digits in place and add headings, metrics and incident lines', () => {
    // edits that move text between sections and weeks: a rule reading more than it says shows up as a difference
    const inserts = [...INSERTS, '# ', '## 【生产事件】\n', '## 【系统运行数据】\n', '\n- 03/27 08:05 故障', '\n- 入金有效成功率：99.1%', '：', '\n\n', '# 2024-W14\n'];
    let kept = 0;
    const runs = [11, 12, 13, 14, 15, 16].map((seed) => [seed, base] as const);
    compareEdits(
      runs,
      (r, text) => {
        const at = Math.floor(r() * (text.length + 1));
        const digit = text.slice(at).search(/\d/);
        const kind = r();
        if (kind < 0.4 && digit >= 0) {
          // a digit replaced by another (a week number, a date, a value): nothing moves, only that part changes
          const d = at + digit;
          return text.slice(0, d) + String((Number(text[d]) + 1 + Math.floor(r() * 8)) % 10) + text.slice(d + 1);
        }
        if (kind < 0.6) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
        return text.slice(0, at) + inserts[Math.floor(r() * inserts.length)] + text.slice(at);
      },
      (_, cache) => (kept += cache.stats.rulesKept),
    );
    assert.ok(kept > 200, `only ${kept} rules kept`);
  });

  it('weeks whose last week changed only in what some rules read of it: random edits to figures and goals', () => {
    // digits of progress figures and metric values replaced, and goals added or removed: the week after
    // runs again only the rules whose key of last week changed (WR025, WR031, WR051) and keeps the others'
    let kept = 0;
    let found = 0;
    // weeks whose claims and goals match last week's (WR025 by metric, WR051), as well as the examples
    const week = (n: number, progress: string, metric: string, goal: string) =>
      `# 2024-W${n}\n\n## 【重点工作】\n\n- 【对账平台】\n    1. 差错自动处理规则总体进度${progress}\n\n## 【系统运行数据】\n\n- 入金有效成功率：${metric}\n\n# 下周工作及目标\n\n1. ${goal}\n`;
    const matching = [
      week(16, '80%，较上周70%新增10%进度', '99.70%，较上周提升0.10%', '完成清算中心第三期演练'),
      week(15, '70%，较上周60%新增10%进度', '99.60%，较上周提升0.10%', '完成清算中心第二期演练'),
      week(14, '60%', '99.50%', '推进清算中心第一期演练'),
    ].join('\n');
    const runs = [[31, base], [32, base], [33, matching], [34, matching], [35, matching]] as const;
    compareEdits(
      runs,
      (r, text, i) => {
        // the first digit of a figure: values cross last week's, so findings come and go
        const figures = [...text.matchAll(/(?:进度|成功率[：:]?|可用率[：:]?)(\d+)/gu)].map((m) => m.index! + m[0].length - m[1].length);
        const goals = [...text.matchAll(/下周工作及目标[^\n]*\n/gu)].map((m) => m.index! + m[0].length);
        if (r() < 0.75 && figures.length) {
          const d = figures[Math.floor(r() * figures.length)];
          return text.slice(0, d) + String((Number(text[d]) + 1 + Math.floor(r() * 8)) % 10) + text.slice(d + 1);
        }
        if (r() < 0.5 && goals.length) {
          const g = goals[Math.floor(r() * goals.length)];
          return text.slice(0, g) + `\n- 推进风控名单第${i}期改造\n` + text.slice(g);
        }
        const m = /\n- 推进风控名单第\d+期改造\n/u.exec(text);
        return m ? text.slice(0, m.index) + text.slice(m.index + m[0].length) : text;
      },
      (cached, cache) => {
        kept += cache.stats.rulesKept;
        found += cached.filter((f) => ['WR025', 'WR031', 'WR051'].includes(f.code)).length;
      },
    );
    assert.ok(kept > 500, `only ${kept} rules kept`);
    assert.ok(found > 100, `only ${found} findings of the rules that read last week`);
  });

  it('WR051: a mention typed into one project of a long section and deleted again (the week\'s text normalised from pieces kept per item)', () => {
    // long projects, so that the section is cut at its items and a keystroke re-parses one of them
    const project = (name: string) => `- 【${name}】\n    1. 本周完成接口联调与回归测试，灰度放量到百分之三十，整体进度60%，计划5/20上线。\n    2. 对方希望阶梯定价，商务还在谈，风险是排期可能顺延一周，已经同步给产品和运营。\n    3. 监控大盘和告警规则已经补齐，值班手册更新到最新版本，演练安排在下周二。\n`;
    const projects = ['收银台改版', '跨境收款', '对账平台', '风控名单'].map(project).join('\n');
    const text = `# 2024-W16\n\n## 【重点工作】\n\n${projects}\n## 下周工作及目标\n\n1. 推进收银台灰度\n\n# 2024-W15\n\n## 【重点工作】\n\n- 【清分】\n    1. 清分规则梳理\n\n## 下周工作及目标\n\n1. 梳理清分对账差异报表\n2. 完成跨境收款联调\n`;
    const MENTION = '差异报表初稿已完成';
    let withFinding = 0;
    let without = 0;
    compareEdits(
      [[41, text], [42, text]],
      (r, t) => {
        const at = t.indexOf(MENTION);
        if (at >= 0) return t.slice(0, at) + t.slice(at + MENTION.length);
        // at the end of a line of one of the four projects
        const lines = [...t.matchAll(/监控大盘[^\n]*/gu)];
        const m = lines[Math.floor(r() * lines.length)];
        const end = m.index! + m[0].length;
        return t.slice(0, end) + MENTION + t.slice(end);
      },
      (cached) => {
        if (cached.some((f) => f.code === 'WR051' && f.message.en.includes('差异报表'))) withFinding++;
        else without++;
      },
    );
    // the goal is followed up while the mention is there, and not while it is gone
    assert.ok(withFinding >= 30 && without >= 30, `${withFinding} checks with the finding, ${without} without`);
  });

  it('WR025 and WR031: figures edited in one project of a long section of last week (values kept per section and per item)', () => {
    // long projects, so that the section is cut at its items and a keystroke re-parses one of them
    const project = (name: string, progress: number, rate: string) =>
      `- 【${name}】\n    1. 本周完成接口联调与回归测试，灰度放量到百分之三十，整体进度${progress}%，计划5/20上线。\n    2. 对方希望阶梯定价，商务还在谈，风险是排期可能顺延一周，已经同步给产品和运营。\n    3. 自动对账率${rate}，监控大盘和告警规则已经补齐，值班手册更新到最新版本，演练安排在下周二。\n`;
    const names = ['收银台改版', '跨境收款', '对账平台', '风控名单'];
    const week = (n: number, progress: number, rate: (i: number) => string) =>
      `# 2024-W${n}\n\n## 【重点工作】\n\n${names.map((name, i) => project(name, progress + i, rate(i))).join('\n')}\n## 下周工作及目标\n\n1. 推进收银台灰度\n`;
    const text = [week(16, 60, (i) => `9${i}.5%，较上周提升1.0%`), week(15, 50, (i) => `9${i}.5%`)].join('\n');
    let found = 0;
    compareEdits(
      [[51, text], [52, text], [53, text]],
      (r, t) => {
        // a digit of a figure of either week: values cross last week's, so findings come and go
        const figures = [...t.matchAll(/(?:整体进度|自动对账率)(\d)/gu)].map((m) => m.index! + m[0].length - 1);
        const d = figures[Math.floor(r() * figures.length)];
        return t.slice(0, d) + String((Number(t[d]) + 1 + Math.floor(r() * 8)) % 10) + t.slice(d + 1);
      },
      (cached) => {
        found += cached.filter((f) => f.code === 'WR025' || f.code === 'WR031').length;
      },
    );
    assert.ok(found > 100, `only ${found} findings of WR025 and WR031`);
  });

  it('on fuzzed edit streams (documents of many weeks, history from the same file): the cached check equals the whole-document check', () => {
    const profile = defaultProfile;
    const now = new Date('2024-04-01T00:00:00Z');
    fc.assert(
      fc.property(editStreamArb(12), fc.integer({ min: 1, max: 3 }), ({ start, edits }, copies) => {
        // several weeks in one file: the generated week with other week numbers after it
        let text = Array.from({ length: copies }, (_, i) => start.replace(/W(\d\d)/g, (_m, w: string) => `W${String(((Number(w) + 50 - 3 * i) % 52) + 1).padStart(2, '0')}`)).join('\n');
        const cache = new FindingsCache();
        let report = parseReport(text, { profile });
        for (const e of [null, ...edits]) {
          if (e) {
            const before = text;
            text = applyStreamEdit(text, e).next;
            report = parseReport(text, { profile, previous: report, unchanged: sameEnds(before, text), editing: true });
          }
          const index = new WorkspaceIndex();
          index.set('file:///w/reports.md', text, profile, 'editor', report);
          const history = index.historyFor('file:///w/reports.md');
          const cached = checkDocument({ text, profile, report, fileName: 'reports.md', now, history, cache });
          const fresh = parseReport(text, { profile });
          const freshIndex = new WorkspaceIndex();
          freshIndex.set('file:///w/reports.md', text, profile, 'editor', fresh);
          const reference = checkDocument({ text, profile, report: fresh, fileName: 'reports.md', now, history: freshIndex.historyFor('file:///w/reports.md') });
          assert.deepEqual(plain(cached), plain(reference));
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60), ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH } : {}) },
    );
  });

  it('a finding whose message cites a line number is not moved with its week, it is made again', () => {
    const profile = defaultProfile;
    const now = new Date('2024-04-01T00:00:00Z');
    const week = (w: number) => `# 2024-W${w}\n\n## 【系统运行数据】\n\n- 入金有效成功率：99.1%\n- 入金有效成功率：99.2%\n`;
    const text = week(14) + '\n' + week(13);
    const cache = new FindingsCache();
    const run = (t: string) => {
      const cached = checkDocument({ text: t, profile, report: parseReport(t, { profile }), fileName: 'reports.md', now, cache });
      assert.deepEqual(plain(cached), plain(checkDocument({ text: t, profile, report: parseReport(t, { profile }), fileName: 'reports.md', now })));
      return cached;
    };
    run(text);
    const moved = run('补充\n\n' + text); // two lines above every week
    const conflict = moved.filter((f) => f.code === 'WR024');
    assert.equal(conflict.length, 2);
    for (const f of conflict) assert.ok(f.message.en.includes(`line ${f.range.start.line}`), f.message.en); // the line before it
  });

  it('a preamble before the first title is not checked as a week of its own when weeks are checked one by one', () => {
    const profile = defaultProfile;
    const now = new Date('2024-04-01T00:00:00Z');
    for (const preamble of ['本文件记录团队周报。\n\n', '- 【跨境收款】说明\n\n', 'Created: 2024年4月1日 10:00\n\n']) {
      const text = preamble + base;
      const report = parseReport(text, { profile });
      assert.ok(!report.weeks[0].title, 'the preamble is an untitled week');
      const cached = checkDocument({ text, profile, report, fileName: 'reports.md', now, cache: new FindingsCache() });
      assert.deepEqual(plain(cached), plain(checkDocument({ text, profile, report, fileName: 'reports.md', now })), JSON.stringify(preamble));
    }
  });

  it('a keystroke looks up the last week of the weeks it touches only; an earlier week added in another file is found', () => {
    const profile = defaultProfile;
    const now = new Date('2024-04-01T00:00:00Z');
    const week = (n: number) => `# 2024-W${n}\n\n## 【重点工作】\n\n- 跨境收款灰度第${n}批完成\n\n## 下周工作及目标\n\n- 跨境收款灰度第${n + 1}批\n\n`;
    let text = [20, 19, 18, 17, 16, 15, 14].map(week).join('');
    const index = new WorkspaceIndex();
    const uri = 'file:///w/2024.md';
    const cache = new FindingsCache();
    let report = parseReport(text, { profile, editing: true });
    const check = () => {
      index.set(uri, text, profile, 'editor', report);
      const history = index.historyFor(uri);
      const cached = checkDocument({ text, profile, report, fileName: '2024.md', now, history, cache });
      const fresh = parseReport(text, { profile });
      const freshIndex = new WorkspaceIndex();
      for (const r of index.reports()) if (r.uri !== uri) freshIndex.set(r.uri, text, profile, 'disk', r.report);
      freshIndex.set(uri, text, profile, 'editor', fresh);
      assert.deepEqual(plain(cached), plain(checkDocument({ text, profile, report: fresh, fileName: '2024.md', now, history: freshIndex.historyFor(uri) })));
      return cached;
    };
    check();
    assert.equal(cache.stats.lastWeeksFound, 7);
    // a character typed in W18: its last week and the week after's are looked up again, no other
    const at = text.indexOf('第18批完成') + 3;
    const typed = text.slice(0, at) + '1' + text.slice(at);
    report = parseReport(typed, { profile, previous: report, editing: true, unchanged: { prefix: at, suffix: text.length - at } });
    text = typed;
    check();
    assert.ok(cache.stats.lastWeeksFound <= 2, `${cache.stats.lastWeeksFound} last weeks looked up`);
    // W14 was the first week; another file now holds W13, whose goal W14 does not follow up (WR051)
    assert.ok(!check().some((f) => f.code === 'WR051'));
    index.set('file:///w/2024-W13.md', '# 2024-W13\n\n## 下周工作及目标\n\n- 清分对账差异报表上线\n', profile, 'disk');
    const found = check();
    assert.ok(found.some((f) => f.code === 'WR051' && /清分对账差异报表上线/.test(f.message.en)), JSON.stringify(found.map((f) => f.code)));
  });

  it('a week whose last week lives in another file is checked again when that file changes', () => {
    const profile = defaultProfile;
    const now = new Date('2024-04-01T00:00:00Z');
    const older = (goal: string) => `# 2024-W13\n\n## 下周工作及目标\n\n- ${goal}\n`;
    const current = '# 2024-W14\n\n## 【重点工作】\n\n- 跨境收款灰度完成\n\n## 下周工作及目标\n\n- 对账平台评审\n';
    const index = new WorkspaceIndex();
    const report = parseReport(current, { profile });
    index.set('file:///w/2024-W14.md', current, profile, 'editor', report);
    const cache = new FindingsCache();
    const codes = (goal: string) => {
      index.set('file:///w/2024-W13.md', older(goal), profile, 'disk');
      const history = index.historyFor('file:///w/2024-W14.md');
      const cached = checkDocument({ text: current, profile, report, fileName: '2024-W14.md', now, history, cache });
      const reference = checkDocument({ text: current, profile, report, fileName: '2024-W14.md', now, history });
      assert.deepEqual(plain(cached), plain(reference));
      return cached.filter((f) => f.code === 'WR051').length;
    };
    assert.equal(codes('跨境收款灰度'), 0); // followed up
    assert.equal(codes('对账平台上线'), 1); // last week's goal is new: not mentioned this week
    assert.equal(codes('跨境收款灰度'), 0);
  });

  it('every week-scoped rule that reads last week says what it reads (lastWeekKey)', () => {
    const profile = defaultProfile;
    const index = new WorkspaceIndex();
    const reports = fs.readdirSync(examples).filter((f) => f.endsWith('.md'));
    for (const f of reports) index.set(`file:///w/${f}`, fs.readFileSync(path.join(examples, f), 'utf8'), profile, 'disk');
    for (const rule of allRules.filter((r) => r.scope === 'week')) {
      let asked = false;
      for (const f of reports) {
        const inner = index.historyFor(`file:///w/${f}`);
        const history = { previousWeek: (iso: Parameters<typeof inner.previousWeek>[0]) => ((asked = true), inner.previousWeek(iso)) };
        const text = fs.readFileSync(path.join(examples, f), 'utf8');
        checkDocument({ text, profile, fileName: f, history, rules: [rule] });
      }
      assert.equal(!!rule.lastWeekKey, asked, `${rule.code} ${asked ? 'reads last week but has no lastWeekKey' : 'has a lastWeekKey but reads no history'}`);
    }
  });

  it('a rule that says what it reads is not run again while its week holds the very objects it read', () => {
    const profile = defaultProfile;
    const now = new Date('2024-04-01T00:00:00Z');
    const calls = new Map<string, number>();
    const rules = allRules.map((r) => ({ ...r, check: (ctx: Parameters<typeof r.check>[0]) => (calls.set(r.code, (calls.get(r.code) ?? 0) + 1), r.check(ctx)) }));
    const cache = new FindingsCache();
    let text = base;
    let report = parseReport(text, { profile });
    const check = () => {
      const index = new WorkspaceIndex();
      index.set('file:///w/reports.md', text, profile, 'editor', report);
      calls.clear();
      const cached = checkDocument({ text, profile, report, fileName: 'reports.md', now, history: index.historyFor('file:///w/reports.md'), cache, rules });
      const fresh = parseReport(text, { profile });
      const freshIndex = new WorkspaceIndex();
      freshIndex.set('file:///w/reports.md', text, profile, 'editor', fresh);
      assert.deepEqual(plain(cached), plain(checkDocument({ text, profile, report: fresh, fileName: 'reports.md', now, history: freshIndex.historyFor('file:///w/reports.md') })));
    };
    const type = (after: string, what: string) => {
      const at = text.indexOf(after) + after.length;
      assert.ok(at >= after.length, after);
      const before = text;
      text = text.slice(0, at) + what + text.slice(at);
      report = parseReport(text, { profile, previous: report, unchanged: sameEnds(before, text), editing: true });
      check();
    };
    check();
    const readers = allRules.filter((r) => r.reads).map((r) => r.code);
    const metricRules = ['WR020', 'WR021', 'WR022', 'WR023', 'WR024'];
    assert.ok(metricRules.every((c) => readers.includes(c)) && readers.includes('WR040') && readers.includes('WR002'), readers.join());
    // typing in 重点工作 of the newest week: that week is checked again, but not by the rules that read only its title, metrics or incidents
    type('首笔真实收款验证通过', '，');
    assert.ok(cache.stats.checked >= 1 && (calls.get('WR030') ?? 0) >= 1, 'the week was checked again');
    assert.deepEqual(readers.filter((c) => calls.has(c)), []);
    assert.ok(cache.stats.rulesKept >= readers.length);
    // typing in its metrics: the metric rules run again, the title and incident rules still do not
    type('入金有效成功率：99.9', '9');
    assert.deepEqual(readers.filter((c) => calls.has(c)), metricRules);
  });

  it('a rule turned off in the profile is not run and its last-week key is not computed', () => {
    const text = examplesDocument();
    const report = parseReport(text, { profile: defaultProfile });
    const index = new WorkspaceIndex();
    index.set('file:///w/reports.md', text, defaultProfile, 'editor', report);
    const history = index.historyFor('file:///w/reports.md');
    const calls = { check: 0, key: 0 };
    const spy = { ...allRules.find((r) => r.code === 'WR031')!, check: () => void calls.check++, lastWeekKey: () => `${calls.key++}` };
    const check = (profile: typeof defaultProfile) => checkDocument({ text, profile, report, fileName: 'reports.md', history, cache: new FindingsCache(), rules: [spy] });
    check(defaultProfile);
    assert.ok(calls.check > 0 && calls.key > 0, 'on: run, and its key computed for the weeks that have a last week');
    calls.check = calls.key = 0;
    check({ ...defaultProfile, rules: { ...defaultProfile.rules, WR031: 'off' } });
    assert.deepEqual(calls, { check: 0, key: 0 });
  });

  it('a rule that says what it reads (reads) is week-scoped and reads no history', () => {
    for (const rule of allRules.filter((r) => r.reads)) {
      assert.equal(rule.scope, 'week', rule.code);
      assert.equal(rule.lastWeekKey, undefined, `${rule.code}: a rule that reads last week cannot be kept by what it reads of this week`);
    }
  });

  it('an edit that changes nothing the next week reads of it does not check the next week again', () => {
    const profile = defaultProfile;
    const now = new Date('2024-04-01T00:00:00Z');
    const cache = new FindingsCache();
    const check = (text: string) => {
      const report = parseReport(text, { profile });
      const index = new WorkspaceIndex();
      index.set('file:///w/reports.md', text, profile, 'editor', report);
      const history = index.historyFor('file:///w/reports.md');
      const cached = checkDocument({ text, profile, report, fileName: 'reports.md', now, history, cache });
      assert.deepEqual(plain(cached), plain(checkDocument({ text, profile, report: parseReport(text, { profile }), fileName: 'reports.md', now, history })));
    };
    check(base);
    // a word added to the reflections of the oldest week (the last one in this newest-first file)
    const at = base.lastIndexOf('## 收获与反思');
    assert.ok(at > 0);
    const eol = base.indexOf('\n', base.indexOf('\n', at) + 1);
    check(base.slice(0, eol) + '补充' + base.slice(eol));
    assert.equal(cache.stats.checked, 1, 'only the edited week');
    // a new goal in the same week: the week after it reads its goals, so both are checked
    const goals = base.lastIndexOf('下周工作及目标');
    const line = base.indexOf('\n', base.indexOf('\n', goals) + 1);
    check(base.slice(0, line) + '\n- 新增的目标：对账平台评审' + base.slice(line));
    assert.equal(cache.stats.checked, 2, 'the edited week and the week after it');
  });

  it('a week kept whole between the same neighbours keeps its findings; one whose neighbour changed is checked again (rules peek past their week)', () => {
    const profile = defaultProfile;
    const now = new Date('2024-04-01T00:00:00Z');
    const cache = new FindingsCache();
    // a week-scoped rule that reads a few characters after its week, as rules may a little past a phrase
    const peek: Rule = {
      ...allRules.find((r) => r.code === 'WR060')!,
      code: 'WR999',
      scope: 'week',
      check(ctx) {
        const week = ctx.report.weeks[0];
        const end = ctx.lines.offsetAt({ line: week.range.end.line + 1, character: 0 });
        const after = `after: ${ctx.text.slice(end, end + 16)}`;
        ctx.emit({ range: week.range, message: { en: after, 'zh-cn': after } });
      },
    };
    const rules = [peek]; // (the same list each check: another one starts the cache over)
    const weeks = [3, 2, 1].map((n) => `# 2024-W0${n}\n\n## 【重点工作】\n\n- 【项目${n}】进度${n}0%\n\n本周完成接口联调与压测准备，风险可控，下周进入灰度发布阶段，同步准备回滚预案。\n`);
    let previous: ParsedReport | undefined;
    const check = (text: string) => {
      const report = (previous = parseReport(text, { profile, previous }));
      const cached = checkDocument({ text, profile, report, fileName: 'reports.md', now, cache, rules });
      // the reference: every week checked afresh
      assert.deepEqual(plain(cached), plain(checkDocument({ text, profile, report, fileName: 'reports.md', now, cache: new FindingsCache(), rules })));
      return cached;
    };
    const first = weeks.join('\n');
    check(first);
    // the first line of the last week changes in place: the week before it is the same object, its surroundings are not
    const second = first.replace('# 2024-W01', '# 2024-W01 补');
    assert.match(JSON.stringify(check(second).map((f) => f.message)), /after: (\\n)?# 2024-W01 补/);
    assert.equal(cache.stats.checked, 2, 'the changed week and the one before it');
    // an edit in the first week, far from its end: the last two are kept whole
    check(second.replace('进度30%', '进度31%'));
    assert.equal(cache.stats.checked, 1);
    assert.equal(cache.stats.reused, 2);
    // blank lines before the first week, and spaces typed on them: the first week starts below them
    // and is the same object, the text before it is not
    const peekBefore: Rule = {
      ...peek,
      check(ctx) {
        const week = ctx.report.weeks[0];
        const start = ctx.lines.offsetAt({ line: week.range.start.line, character: 0 });
        const before = `before: ${JSON.stringify(ctx.text.slice(Math.max(0, start - 8), start))}`;
        ctx.emit({ range: week.range, message: { en: before, 'zh-cn': before } });
      },
    };
    const cache2 = new FindingsCache();
    const rules2 = [peekBefore];
    let report = parseReport('\n\n' + first, { profile });
    assert.equal(report.weeks[0].range.start.line, 2);
    checkDocument({ text: '\n\n' + first, profile, report, fileName: 'reports.md', now, cache: cache2, rules: rules2 });
    report = parseReport('  \n\n' + first, { profile, previous: report });
    const cached = checkDocument({ text: '  \n\n' + first, profile, report, fileName: 'reports.md', now, cache: cache2, rules: rules2 });
    assert.deepEqual(plain(cached), plain(checkDocument({ text: '  \n\n' + first, profile, report, fileName: 'reports.md', now, cache: new FindingsCache(), rules: rules2 })));
  });

  it('findings come in document order when weeks report before their own start, and when whole-document rules report between weeks', () => {
    const profile = defaultProfile;
    const now = new Date('2024-04-01T00:00:00Z');
    const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 1 } });
    const say = (en: string) => ({ en, 'zh-cn': en });
    const base = allRules.find((r) => r.code === 'WR060')!;
    // (the reference runs week-scoped rules on the whole report: they report for each of its weeks)
    // each week reports on its own title, and (one rule) on the document's first line
    const own: Rule = { ...base, code: 'WR997', scope: 'week', check: (ctx) => { for (const w of ctx.report.weeks) ctx.emit({ range: at(w.range.start.line), message: say('own') }); } };
    const first: Rule = { ...base, code: 'WR998', scope: 'week', check: (ctx) => { for (const w of ctx.report.weeks) ctx.emit({ range: at(0), message: say(`first ${w.range.start.line}`) }); } };
    // a whole-document rule reporting on every fourth line
    const doc: Rule = { ...base, code: 'WR999', scope: undefined, check: (ctx) => { for (let l = 0; l < ctx.lines.lineCount; l += 4) ctx.emit({ range: at(l), message: say('doc') }); } };
    const text = [3, 2, 1].map((n) => `# 2024-W0${n}\n\n## 【重点工作】\n\n- 【项目${n}】进度${n}0%\n`).join('\n');
    const report = parseReport(text, { profile });
    for (const rules of [[own], [own, doc], [own, first], [own, first, doc]]) {
      const cached = checkDocument({ text, profile, report, fileName: 'reports.md', now, cache: new FindingsCache(), rules });
      const reference = checkDocument({ text, profile, report, fileName: 'reports.md', now, rules });
      const codes = rules.map((r) => r.code).join(' ');
      assert.deepEqual(plain(cached), plain(reference), codes);
      for (let i = 1; i < cached.length; i++) assert.ok(cached[i - 1].range.start.line <= cached[i].range.start.line, `${codes}: in document order`);
    }
  });

  it('in a week whose last week changed, only the rules whose key of last week changed run again', () => {
    const profile = defaultProfile;
    const now = new Date('2024-04-01T00:00:00Z');
    const cache = new FindingsCache();
    const ran: string[] = [];
    // each rule run, with the week it ran on (the week-scoped rules get a report of one week)
    const rules = allRules.map((r) => ({ ...r, check: (ctx: Parameters<typeof r.check>[0]) => (ran.push(`${r.code} ${ctx.report.weeks.length === 1 ? ctx.report.weeks[0].title?.week : 'all'}`), r.check(ctx)) }));
    const check = (text: string) => {
      ran.length = 0;
      const report = parseReport(text, { profile });
      const index = new WorkspaceIndex();
      index.set('file:///w/reports.md', text, profile, 'editor', report);
      const history = index.historyFor('file:///w/reports.md');
      const cached = checkDocument({ text, profile, report, fileName: 'reports.md', now, history, cache, rules });
      assert.deepEqual(plain(cached), plain(checkDocument({ text, profile, report: parseReport(text, { profile }), fileName: 'reports.md', now, history })));
      return report;
    };
    const weeks = check(base).weeks.map((w) => w.title!.week);
    // a new goal in the oldest week (the last one in this newest-first file): the week after it reads
    // its goals (WR051), not its figures (WR025, WR031)
    const goals = base.lastIndexOf('下周工作及目标');
    const line = base.indexOf('\n', base.indexOf('\n', goals) + 1);
    const text = base.slice(0, line) + '\n- 新增的目标：对账平台评审' + base.slice(line);
    check(text);
    const oldest = weeks.at(-1)!;
    const after = weeks.at(-2)!;
    assert.ok(ran.filter((r) => r.endsWith(` ${oldest}`)).length > 20, 'the edited week runs its rules again');
    assert.deepEqual(ran.filter((r) => r.endsWith(` ${after}`)), [`WR051 ${after}`]);
    assert.equal(cache.stats.checked, 2);
    assert.ok(cache.stats.rulesKept >= 2);
    // a changed figure in the oldest week: the week after it runs WR031 (progress) again, not WR051,
    // and not WR025: none of its claims looks that figure up
    const start = new LineIndex(text).offsetAt({ line: parseReport(text, { profile }).weeks.at(-1)!.range.start.line, character: 0 });
    const progress = /进度(\d+)%/.exec(text.slice(start));
    assert.ok(progress);
    const at = start + progress.index + 2;
    check(text.slice(0, at) + '1' + text.slice(at));
    assert.deepEqual(ran.filter((r) => r.endsWith(` ${after}`)).sort(), [`WR031 ${after}`]);
  });

  it('a changed week is checked again, the others are reused, and moved weeks keep their findings in place', () => {
    const profile = defaultProfile;
    const now = new Date('2024-04-01T00:00:00Z');
    const cache = new FindingsCache();
    const check = (text: string) => checkDocument({ text, profile, report: parseReport(text, { profile }), fileName: 'reports.md', now, cache });
    const before = check(base);
    const weeks = parseReport(base, { profile }).weeks.length;
    assert.ok(weeks >= 3, `the examples make ${weeks} weeks`);
    assert.equal(cache.stats.checked, weeks);
    // an extra line at the top: every week moves down one line; only the first one's context changed
    const moved = '\n' + base;
    const after = check(moved);
    assert.equal(cache.stats.checked, 1);
    assert.equal(cache.stats.reused, weeks - 1);
    const reference = checkDocument({ text: moved, profile, report: parseReport(moved, { profile }), fileName: 'reports.md', now });
    assert.deepEqual(plain(after), plain(reference));
    assert.ok(after.length > 0 && after.some((f) => f.range.start.line > 20), 'findings in later weeks moved with them');
    // an edit at the end, inside the last week: only that week is checked again
    check(moved + '\n补充说明\n');
    assert.equal(cache.stats.checked, 1);
    assert.equal(cache.stats.reused, weeks - 1);
    // a new profile starts over
    checkDocument({ text: base, profile: { ...profile }, report: parseReport(base, { profile }), fileName: 'reports.md', now, cache });
    assert.equal(cache.stats.checked, weeks);
  });
});
