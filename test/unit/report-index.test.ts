/**
 * The position lookups of completion and hover (features/report-index.ts: binary search over a
 * per-report index) answer exactly what a walk over the model answers, at random positions in
 * multi-week documents; completion, hover, hover with history, the outline and folding ranges
 * are identical with the index and caches on and off (`reportIndexing.enabled`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { defaultProfile, LineIndex, parseReport, WorkspaceIndex, type ParsedReport } from '../../server/src/core';
import type { Item, Metric, Report, Section, Week, WeekTitle } from '../../server/src/core/model';
import { completionHistory, completionsAt } from '../../server/src/core/features/completion';
import { foldingRanges } from '../../server/src/core/features/folding';
import { historyHoverAt } from '../../server/src/core/features/history';
import { hoverAt } from '../../server/src/core/features/hover';
import {
  metricAt,
  projectNamesExcept,
  RangeList,
  reportIndexing,
  sectionAtLine,
  titleAt,
  titledWeekAtLine,
  titledWeeksAt,
  weekAtLine,
} from '../../server/src/core/features/report-index';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { comparePositions, rangeContains, type Position, type Range } from '../../server/src/core/text';
import { documentArb, mutatedDocumentArb } from '../fuzz/gen';
import { examplesDocument, rng } from '../helpers/random';


// ------------------------------------------------------------------ straightforward references (the walks the index replaced)

function refWeekAt(report: Report, line: number): Week | undefined {
  let found: Week | undefined;
  for (const w of report.weeks) if (w.range.start.line <= line) found = w;
  return found ?? report.weeks[0];
}

function refSectionAt(report: Report, line: number): Section | undefined {
  let found: Section | undefined;
  let foundLine = -1;
  for (const week of report.weeks) {
    for (const s of week.sections) {
      const start = (s.heading?.range ?? s.range).start.line;
      if (s.heading ? start < line : start <= line) {
        if (start >= foundLine) {
          found = s;
          foundLine = start;
        }
      }
    }
  }
  const titleBetween = report.titles.some((t) => t.range.start.line > foundLine && t.range.start.line <= line);
  return titleBetween ? undefined : found;
}

function refTitleAt(report: Report, pos: Position): WeekTitle | undefined {
  return report.titles.find((t) => rangeContains(t.range, pos));
}

function refMetricAt(report: Report, pos: Position): Metric | undefined {
  for (const week of report.weeks) {
    for (const section of week.sections) {
      const metric = section.metrics.find((m) => rangeContains(m.range, pos));
      if (metric) return metric;
    }
  }
  return undefined;
}

function refTitledWeeksAt(report: Report, pos: Position): Week[] {
  return report.weeks.filter((w) => w.title?.valid && rangeContains(w.range, pos));
}

function refTitledWeekAtLine(report: Report, line: number): Week | undefined {
  const titled = report.weeks.filter((w) => w.title?.valid);
  return titled.filter((w) => w.range.start.line <= line).at(-1) ?? titled[0];
}

function refProjects(report: Report, line: number): string[] {
  const found: Array<{ name: string; at: Position }> = [];
  const collect = (items: readonly Item[]): void => {
    for (const item of items) {
      const p = item.project;
      if (p && p.text.trim() !== '' && !(p.range.start.line <= line && line <= p.range.end.line)) found.push({ name: p.text.trim(), at: p.range.start });
      collect(item.children);
    }
  };
  for (const week of report.weeks) for (const s of week.sections) collect(s.items);
  found.sort((a, b) => comparePositions(b.at, a.at));
  return [...new Set(found.map((f) => f.name))];
}

/** Every position lookup against the walk it replaces. */
function assertLookups(report: Report, pos: Position): void {
  assert.equal(weekAtLine(report, pos.line), refWeekAt(report, pos.line));
  assert.equal(sectionAtLine(report, pos.line), refSectionAt(report, pos.line));
  assert.equal(titleAt(report, pos), refTitleAt(report, pos));
  assert.equal(metricAt(report, pos), refMetricAt(report, pos));
  assert.deepEqual(titledWeeksAt(report, pos), refTitledWeeksAt(report, pos));
  assert.equal(titledWeekAtLine(report, pos.line), refTitledWeekAtLine(report, pos.line));
}

// ------------------------------------------------------------------ documents and positions

const examples = path.resolve(__dirname, '..', '..', 'examples');
/** the example reports, newest first, as one multi-week document */
const examplesDoc = examplesDocument();

/** Irregular on purpose: text before the first title, a duplicate title, project items right
 *  under a title, a title-only week, two metrics on one line, headings on consecutive lines. */
const ODD = [
  '开头的说明文字，还没有标题。',
  '',
  '# 2024-W14',
  '# 2024-W14',
  '',
  '- 【清结算重构】方案评审通过，进度40%',
  '- 【对账平台】差错处理规则上线',
  '## 【系统运行数据】',
  '- 入金有效成功率：99.5% ，出金有效成功率：98.1%',
  '- 支付系统年度可用性：99.99%',
  '## 【生产事件】',
  '4/2 10:15，对账文件延迟下发，共持续20min',
  '# 第13周 2024-03-25',
  '# 2024-W12',
  '## 【重点工作】',
  '### 【O1 业务服务】',
  '1. 【租金分期】接口联调完成，进度80%，计划4/16上线',
  '    1. 【租金分期】灰度放量',
  '## 【系统运行数据】',
  '支付成功率：',
  '- 入金有效成功率：xx%',
  '# 下周工作及目标',
  '1. 【清结算重构】上线准备',
  '',
].join('\n');

/** A year-in-one-file report of our own: `count` weeks, newest first, sections varying per week. */
function yearDoc(seed: number, count: number): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const projects = ['清结算重构', '对账平台', '租金分期', '押金托管', '收银台改版', '商户开票'];
  const out: string[] = [];
  for (let w = count; w >= 1; w--) {
    const week = String(w).padStart(2, '0');
    out.push(r() < 0.5 ? `# 2023-W${week}` : `# 第${w}周 2023-01-02`, '');
    if (r() < 0.3) out.push(`Created: 2023年3月${1 + Math.floor(r() * 28)}日 17:05`, '');
    if (r() < 0.3) out.push(`- 【${pick(projects)}】直接写在标题下，进度${Math.floor(r() * 100)}%`, '');
    out.push('## 【重点工作】', '');
    for (let i = 0; i < 1 + Math.floor(r() * 3); i++) {
      out.push(`${i + 1}. 【${pick(projects)}】${pick(['方案评审通过', '接口联调完成', '提测'])}`, `    1. 进度${Math.floor(r() * 100)}%，计划${1 + Math.floor(r() * 12)}/${1 + Math.floor(r() * 28)}上线`);
    }
    out.push('');
    for (let o = 1; o <= Math.floor(r() * 3); o++) out.push(`### 【O${o} ${pick(['业务服务', '能力升级', '平台治理'])}】`, `1. ${pick(projects)}，整体进度${Math.floor(r() * 100)}%`, '');
    if (r() < 0.85) {
      out.push('## 【系统运行数据】', '', '支付成功率：');
      out.push(r() < 0.3 ? `- 入金有效成功率：99.${Math.floor(r() * 99)}% ，出金有效成功率：98.${Math.floor(r() * 99)}%` : `- 入金有效成功率：99.${Math.floor(r() * 99)}%`);
      out.push(`- 支付系统年度可用性：99.9${Math.floor(r() * 9)}%`, `- 事故数AB级0次，CD级${Math.floor(r() * 3)}次`, '');
    }
    if (r() < 0.6) out.push('## 【生产事件】', '', r() < 0.5 ? '无' : `3/${1 + Math.floor(r() * 28)} 10:1${Math.floor(r() * 9)}，对账文件延迟下发，共持续${Math.floor(r() * 60)}min`, '');
    if (r() < 0.5) out.push('## 收获与反思', '', '暂无', '');
    out.push('# 下周工作及目标', '', `1. ${pick(projects)}上线准备`, '');
  }
  return out.join('\n');
}

/** Generated documents (up to three weeks each), eight in one file: multi-week documents; and
 *  mutated ones (cut lines, swapped sections, CRLF, odd characters). */
function generatedDocs(seed: number, count: number): string[] {
  const docs = fc.sample(documentArb, { numRuns: count * 8, seed });
  const mutated = fc.sample(mutatedDocumentArb(), { numRuns: count, seed: seed + 1 }).map((m) => m.text);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(docs.slice(i * 8, i * 8 + 8).join('\n'), mutated[i]);
  return out;
}

const DOCS: Array<[string, string]> = [
  ['the example reports in one file', examplesDoc],
  ['the example reports twice, CRLF', (examplesDoc + '\n' + examplesDoc).replace(/\r?\n/g, '\r\n')],
  ['irregular weeks', ODD],
  ['a year of weeks in one file', yearDoc(1, 52)],
  ['empty', ''],
  ...generatedDocs(7, 12).map((t, i): [string, string] => [`generated ${i + 1}`, t]),
];

/** Random positions (some outside the document) and every boundary of the ranges looked up. */
function positions(report: Report, lines: LineIndex, r: () => number, count: number): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < count; i++) {
    const line = Math.floor(r() * (lines.lineCount + 4)) - 2;
    const length = lines.lineText(line).length;
    out.push({ line, character: Math.floor(r() * (length + 3)) });
  }
  const edges = (rg: Range): void => {
    for (const p of [rg.start, rg.end]) for (const d of [-1, 0, 1]) out.push({ line: p.line, character: Math.max(0, p.character + d) });
  };
  for (const t of report.titles) edges(t.range);
  for (const w of report.weeks) {
    edges(w.range);
    for (const s of w.sections) {
      edges(s.range);
      if (s.heading) edges(s.heading.range);
      for (const m of s.metrics) edges(m.range);
    }
  }
  return out;
}

function withIndexing<T>(enabled: boolean, f: () => T): T {
  const before = reportIndexing.enabled;
  reportIndexing.enabled = enabled;
  try {
    return f();
  } finally {
    reportIndexing.enabled = before;
  }
}

const NOW = new Date(2024, 3, 1, 9, 30);
const profile = defaultProfile;

/** a workspace with the example reports, for completion and hover history */
const workspace = new WorkspaceIndex();
for (const f of fs.readdirSync(examples).filter((x) => x.endsWith('.md'))) workspace.set(`file:///ws/${f}`, fs.readFileSync(path.join(examples, f), 'utf8'), profile);

// ------------------------------------------------------------------ tests

describe('position lookups by binary search equal a walk over the model', () => {
  it('RangeList.first / containing equal find / filter over random ordered ranges (overlapping, nested, empty, reversed)', () => {
    const r = rng(11);
    const p = (): Position => ({ line: Math.floor(r() * 12), character: Math.floor(r() * 6) });
    for (let round = 0; round < 400; round++) {
      const starts = Array.from({ length: Math.floor(r() * 12) }, p).sort(comparePositions);
      const ranges: Range[] = starts.map((start) => {
        const k = r();
        const end = k < 0.15 ? start : k < 0.25 ? p() /* may end before its start */ : { line: start.line + Math.floor(r() * 4), character: Math.floor(r() * 6) };
        return { start, end };
      });
      const list = new RangeList(ranges, (x) => x);
      assert.ok(list.ordered);
      for (let i = 0; i < 40; i++) {
        const pos = p();
        assert.equal(list.first(pos), ranges.find((x) => rangeContains(x, pos)), `round ${round}, ${JSON.stringify(pos)}`);
        assert.deepEqual(list.containing(pos), ranges.filter((x) => rangeContains(x, pos)));
      }
    }
  });

  for (const [name, text] of DOCS) {
    it(`week, section, title, metric, titled weeks and project names at random positions: ${name}`, () => {
      const report = parseReport(text, { profile });
      const lines = new LineIndex(text);
      const r = rng(text.length + 1);
      for (const pos of positions(report, lines, r, 600)) {
        const at = JSON.stringify(pos);
        assert.equal(weekAtLine(report, pos.line), refWeekAt(report, pos.line), `week at ${at}`);
        assert.equal(sectionAtLine(report, pos.line), refSectionAt(report, pos.line), `section at ${at}`);
        assert.equal(titleAt(report, pos), refTitleAt(report, pos), `title at ${at}`);
        assert.equal(metricAt(report, pos), refMetricAt(report, pos), `metric at ${at}`);
        assert.deepEqual(titledWeeksAt(report, pos), refTitledWeeksAt(report, pos), `titled weeks at ${at}`);
        assert.equal(titledWeekAtLine(report, pos.line), refTitledWeekAtLine(report, pos.line), `titled week at ${at}`);
        assert.deepEqual([...projectNamesExcept(report, pos.line)], refProjects(report, pos.line), `projects at ${at}`);
      }
    });
  }

  it('the documents exercise the lookups (many weeks, sections and metrics are found)', () => {
    const report = parseReport(DOCS.map(([, t]) => t).join('\n'), { profile });
    const lines = new LineIndex(DOCS.map(([, t]) => t).join('\n'));
    const weeks = new Set<Week>();
    const sections = new Set<Section>();
    const metrics = new Set<Metric>();
    for (const pos of positions(report, lines, rng(3), 3000)) {
      const w = weekAtLine(report, pos.line);
      const s = sectionAtLine(report, pos.line);
      const m = metricAt(report, pos);
      if (w) weeks.add(w);
      if (s) sections.add(s);
      if (m) metrics.add(m);
    }
    assert.ok(report.weeks.length >= 80, `${report.weeks.length} weeks`);
    assert.ok(weeks.size >= report.weeks.length * 0.9, `${weeks.size} of ${report.weeks.length} weeks found`);
    assert.ok(sections.size >= 100, `${sections.size} sections found`);
    assert.ok(metrics.size >= 30, `${metrics.size} metrics found`);
  });

  it('project names as the walk gives them after lines are typed above weeks (each week\'s kept by its content)', () => {
    let text = yearDoc(9, 20);
    let report = parseReport(text, { profile, editing: true });
    const r = rng(19);
    for (let k = 0; k < 12; k++) {
      // a line break typed, by position, at the end of a line in the first weeks: the weeks below move
      const lines = new LineIndex(text);
      const at = lines.lineEnd(Math.floor(r() * Math.min(40, lines.lineCount)));
      text = text.slice(0, at) + '\n' + text.slice(at);
      report = parseReport(text, { profile, previous: report, editing: true, unchanged: { prefix: at, suffix: text.length - at - 1 } });
      const after = new LineIndex(text);
      for (let line = 0; line < after.lineCount; line++) {
        if (!after.lineText(line).includes('【') && r() > 0.05) continue;
        assert.deepEqual([...projectNamesExcept(report, line)], refProjects(report, line), `edit ${k}, line ${line}`);
      }
    }
  });

  it('a model out of document order (built by hand) is walked, with the same answers', () => {
    const parsed = parseReport(examplesDoc + '\n' + ODD, { profile });
    const report: Report = { ...parsed, weeks: [...parsed.weeks].reverse(), titles: [...parsed.titles].reverse() };
    const lines = new LineIndex(examplesDoc + '\n' + ODD);
    for (const pos of positions(report, lines, rng(5), 400)) {
      assertLookups(report, pos);
    }
  });

  it('a week whose sections are out of order (built by hand) is detected, with the answers of the walk', () => {
    const parsed = parseReport(yearDoc(2, 12), { profile });
    const weeks = parsed.weeks.map((w, i) => (i % 3 === 1 && w.sections.length > 2 ? { ...w, sections: [w.sections[1], w.sections[0], ...w.sections.slice(2)] } : w));
    const report: Report = { ...parsed, weeks };
    const lines = new LineIndex(yearDoc(2, 12));
    for (const pos of positions(report, lines, rng(6), 400)) assert.equal(sectionAtLine(report, pos.line), refSectionAt(report, pos.line), JSON.stringify(pos));
  });

  it('odd positions (fractional, NaN, far outside) get the answers of the walk', () => {
    const report = parseReport(examplesDoc, { profile });
    for (const pos of [
      { line: 3.5, character: 1 },
      { line: NaN, character: 0 },
      { line: 2, character: NaN },
      { line: -1e9, character: 0 },
      { line: 1e9, character: 1e9 },
      { line: Infinity, character: 0 },
    ]) {
      assertLookups(report, pos);
      assert.deepEqual([...projectNamesExcept(report, pos.line)], refProjects(report, pos.line));
    }
  });
});

describe('completion, hover, outline and folding are identical with the per-report index on and off', () => {
  for (const [name, text] of DOCS) {
    it(name, () => {
      const report = parseReport(text, { profile });
      const lines = new LineIndex(text);
      const r = rng(text.length + 7);
      const all = positions(report, lines, r, 150);
      // every boundary is in `all`; a random subset of them keeps the run short
      const sample = all.filter((_, i) => i < 150 || r() < 0.25);
      for (const position of sample) {
        if (position.line < 0) continue;
        const at = JSON.stringify(position);
        const complete = () => {
          const history = completionHistory(workspace, report, position, profile, '2024-W14.md');
          return completionsAt({ report, lines, position, profile, now: NOW, fileName: '2024-W14.md', history });
        };
        assert.deepStrictEqual(complete(), withIndexing(false, complete), `completion at ${at}`);
        assert.deepStrictEqual(hoverAt(report, position, profile), withIndexing(false, () => hoverAt(report, position, profile)), `hover at ${at}`);
        assert.deepStrictEqual(historyHoverAt(report, position, workspace), withIndexing(false, () => historyHoverAt(report, position, workspace)), `history hover at ${at}`);
      }
      for (const locale of ['en', 'zh-cn'] as const) {
        const outline = documentSymbols(report, lines, profile, locale);
        assert.equal(documentSymbols(report, lines, profile, locale), outline, 'the outline is kept for the report');
        assert.deepStrictEqual(outline, withIndexing(false, () => documentSymbols(report, lines, profile, locale)));
      }
      const folding = foldingRanges(report, lines);
      assert.equal(foldingRanges(report, lines), folding, 'the folding ranges are kept for the report');
      assert.deepStrictEqual(folding, withIndexing(false, () => foldingRanges(report, lines)));
    });
  }

  it('after edits (incremental re-parses, week objects kept), the outline and lookups are those of the new version', () => {
    const r = rng(21);
    let text = examplesDoc + '\n' + ODD;
    let report: ParsedReport = parseReport(text, { profile });
    const INSERTS = ['\n', '# 2024-W20\n', '## 【其他】\n', '- 【新项目】进度10%\n', '- 入金有效成功率：99%\n', 'x', '\n\n'];
    const CHARS = ['1', '9', '%', '【', '】', '：', ' ', 'x', '进'];
    for (let i = 0; i < 30; i++) {
      const lines = new LineIndex(text);
      // asked before the edit, so the old version's caches are filled
      documentSymbols(report, lines, profile, 'en');
      foldingRanges(report, lines);
      for (const pos of positions(report, lines, r, 30)) weekAtLine(report, pos.line), sectionAtLine(report, pos.line), metricAt(report, pos);
      const lineNo = Math.floor(r() * lines.lineCount);
      const at = lines.lineStart(lineNo);
      const k = r();
      if (k < 0.2) text = text.slice(0, at) + text.slice(lines.lineEnd(lineNo) + 1);
      else if (k < 0.5) text = text.slice(0, at) + INSERTS[Math.floor(r() * INSERTS.length)] + text.slice(at);
      else {
        // a character typed inside the line (the other weeks' objects are kept by the parser)
        const inside = at + Math.floor(r() * (lines.lineEnd(lineNo) - at + 1));
        text = text.slice(0, inside) + CHARS[Math.floor(r() * CHARS.length)] + text.slice(inside);
      }
      report = parseReport(text, { profile, previous: report });
      const next = new LineIndex(text);
      assert.deepStrictEqual(documentSymbols(report, next, profile, 'en'), withIndexing(false, () => documentSymbols(parseReport(text, { profile }), next, profile, 'en')), `edit ${i}`);
      assert.deepStrictEqual(foldingRanges(report, next), withIndexing(false, () => foldingRanges(report, next)), `edit ${i}`);
      for (const pos of positions(report, next, r, 60)) {
        assert.equal(sectionAtLine(report, pos.line), refSectionAt(report, pos.line), `edit ${i}, ${JSON.stringify(pos)}`);
        assert.equal(metricAt(report, pos), refMetricAt(report, pos), `edit ${i}, ${JSON.stringify(pos)}`);
      }
    }
  });
});
