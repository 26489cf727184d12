/**
 * The workspace index (in memory): reports by title week, gaps, duplicates, deletes, renames,
 * replaced content, project names and histories, and a generated workspace of 1,000 reports.
 */
import * as assert from 'node:assert/strict';
import { defaultProfile, WorkspaceIndex } from '../../server/src/core';
import { addWeeks, formatIsoWeek, type IsoWeek } from '../../server/src/core/weeks';
import { keyedProgress, keyedProgressAt } from '../../server/src/core/workspace';
import { contextBlocks } from '../../server/src/core/workspace/match';
import { parseReport } from '../../server/src/core/parse';
import { examplesDocument } from '../helpers/random';
import { normalizeJoined, normalizedPiece, normalizeText, normalizeTextReference } from '../../server/src/core/workspace/match';
import fc from 'fast-check';

const P = defaultProfile;

function report(w: IsoWeek, opts: { projects?: string[]; deposit?: string; progress?: number } = {}): string {
  const projects = (opts.projects ?? ['收银台改版']).map((p, i) => `- 【${p}】进度${(opts.progress ?? 50) + i}%`).join('\n');
  return `# ${formatIsoWeek(w)}\n\n## 【重点工作】\n\n${projects}\n\n## 【系统运行数据】\n\n- 入金有效成功率：${opts.deposit ?? '99.99%'}\n\n# 下周工作及目标\n\n1. 目标${w.week}\n`;
}

const wk = (week: number, year = 2024): IsoWeek => ({ year, week });
const names = (idx: WorkspaceIndex) => idx.weeks().map((e) => `${formatIsoWeek(e.iso)} ${e.uri}`);

describe('WorkspaceIndex', () => {
  it('keys reports by title week, not by file name, and leaves non-reports out', () => {
    const idx = new WorkspaceIndex();
    idx.set('a/2024-W01.md', report(wk(12)), P);
    idx.set('a/README.md', '# Notes\n\nnot a report\n', P);
    assert.deepEqual(names(idx), ['2024-W12 a/2024-W01.md']);
    assert.equal(idx.size, 1);
    assert.equal(idx.get('a/README.md'), undefined);
  });

  it('previous week skips gaps, and crosses year boundaries', () => {
    const idx = new WorkspaceIndex();
    for (const [u, w] of [['x', wk(52, 2023)], ['y', wk(2)], ['z', wk(7)]] as const) idx.set(u, report(w), P);
    assert.equal(idx.previousWeek(wk(7))?.uri, 'y');
    assert.equal(idx.previousWeek(wk(6))?.uri, 'y');
    assert.equal(idx.previousWeek(wk(2))?.uri, 'x');
    assert.equal(idx.previousWeek(wk(52, 2023)), undefined);
    assert.equal(idx.latestWeek()?.uri, 'z');
  });

  it('two files claiming one week: both are entries, duplicateWeeks names them, historyFor sees the other', () => {
    const idx = new WorkspaceIndex();
    idx.set('b.md', report(wk(11)), P);
    idx.set('a.md', report(wk(11)), P);
    idx.set('c.md', report(wk(12)), P);
    assert.deepEqual(idx.weekEntries(wk(11)).map((e) => e.uri), ['a.md', 'b.md']);
    assert.deepEqual([...idx.duplicateWeeks()], [['2024-W11', ['a.md', 'b.md']]]);
    assert.deepEqual(idx.historyFor('a.md').otherClaims!(wk(11)).map((e) => e.uri), ['b.md']);
    assert.deepEqual(idx.historyFor('c.md').otherClaims!(wk(12)), []);
    idx.delete('b.md');
    assert.deepEqual([...idx.duplicateWeeks()], []);
  });

  it('a file titling one week twice is not a duplicate across files', () => {
    const idx = new WorkspaceIndex();
    idx.set('a.md', report(wk(11)) + '\n' + report(wk(11)), P);
    assert.deepEqual([...idx.duplicateWeeks()], []);
    idx.delete('a.md');
    assert.deepEqual(idx.weeks(), []);
  });

  it('replacing content moves the file to its new week; deleting and renaming update every lookup', () => {
    const idx = new WorkspaceIndex();
    idx.set('a.md', report(wk(10)), P);
    idx.set('b.md', report(wk(11)), P);
    idx.set('a.md', report(wk(13)), P, 'editor');
    assert.deepEqual(names(idx), ['2024-W11 b.md', '2024-W13 a.md']);
    assert.equal(idx.get('a.md')?.source, 'editor');
    idx.set('a.md', 'no title any more\n', P);
    assert.deepEqual(names(idx), ['2024-W11 b.md']);
    idx.set('a.md', report(wk(12)), P);
    idx.rename('a.md', 'c.md');
    assert.deepEqual(names(idx), ['2024-W11 b.md', '2024-W12 c.md']);
    assert.equal(idx.get('a.md'), undefined);
    idx.delete('b.md');
    idx.delete('nothing.md');
    assert.equal(idx.previousWeek(wk(12)), undefined);
    assert.equal(idx.latestWeek()?.uri, 'c.md');
  });

  it('project names: most recent week first, each once', () => {
    const idx = new WorkspaceIndex();
    idx.set('1', report(wk(10), { projects: ['老项目', '收银台改版'] }), P);
    idx.set('2', report(wk(11), { projects: ['收银台改版', '清分对账'] }), P);
    assert.deepEqual(idx.projectNames(), ['收银台改版', '清分对账', '老项目']);
  });

  it('metric and progress history: strictly before a week, most recent first, at most n', () => {
    const idx = new WorkspaceIndex();
    for (let w = 1; w <= 5; w++) idx.set(`w${w}`, report(wk(w), { deposit: `99.9${w}%`, progress: 10 * w }), P);
    const m = idx.metricHistory('depositSuccessRate', wk(5), 3);
    assert.deepEqual(m.map((x) => [x.iso.week, x.metric.value.raw]), [[4, '99.94%'], [3, '99.93%'], [2, '99.92%']]);
    const key = [...keyedProgress(idx.get('w5')!.report.weeks[0]).keys()][0];
    assert.deepEqual(idx.progressHistory(key, wk(5), 10).map((x) => x.value), [40, 30, 20, 10]);
    assert.deepEqual(idx.metricHistory('unknownMetric', wk(5), 3), []);
  });

  it('the progress figure at a position, read from its section alone, is the one the week\'s keyed figures have there, also in weeks moved by new lines above', () => {
    const twice = report(wk(3), { projects: ['收银台改版', '收银台改版', '对账平台'] }) + '\n' + report(wk(2));
    let found = 0;
    let ambiguous = 0;
    for (const text of [examplesDocument(), twice]) {
      const first = parseReport(text, { profile: P });
      // the same text with lines inserted above: the weeks are moved copies of the first parse's
      const moved = parseReport('\n\n' + text, { profile: P, previous: first, unchanged: { prefix: 0, suffix: text.length } });
      for (const parsed of [first, moved]) {
        for (const week of parsed.weeks) {
          const keyed = [...keyedProgress(week).values()];
          for (const cb of contextBlocks(week)) {
            for (const p of cb.block.progress) {
              for (const at of [p.range.start, { line: p.range.end.line, character: p.range.end.character - 1 }]) {
                const expected = keyed.find((kp) => kp.progress.range.start.line === at.line && kp.progress.range.start.character <= at.character && at.character <= kp.progress.range.end.character);
                assert.equal(keyedProgressAt(week, at), expected);
                if (expected) found++;
                else ambiguous++;
              }
            }
          }
        }
      }
    }
    assert.ok(found > 20 && ambiguous > 0, `${found} found, ${ambiguous} left out`);
  });

  it('a generated workspace of 1,000 reports: sorted, every previous week right, after deletes too', () => {
    const idx = new WorkspaceIndex();
    const weeks: IsoWeek[] = [];
    let w = wk(1, 2005);
    for (let i = 0; i < 1000; i++) {
      weeks.push(w);
      w = addWeeks(w, 1 + (i % 3 === 0 ? 1 : 0)); // every third report skips a week
    }
    // inserted in a scrambled order
    const order = weeks.map((_, i) => (i * 7919) % 1000);
    for (const i of order) idx.set(`r/${i}.md`, report(weeks[i], { projects: [`项目${i % 50}`] }), P);
    assert.equal(idx.size, 1000);
    const all = idx.weeks();
    assert.deepEqual(all.map((e) => e.uri), weeks.map((_, i) => `r/${i}.md`));
    for (let i = 1; i < 1000; i++) assert.equal(idx.previousWeek(weeks[i])?.uri, `r/${i - 1}.md`);
    for (let i = 0; i < 1000; i += 2) idx.delete(`r/${i}.md`);
    for (let i = 3; i < 1000; i += 2) assert.equal(idx.previousWeek(weeks[i])?.uri, `r/${i - 2}.md`);
    assert.equal(idx.projectNames().length, 25);
    assert.equal(idx.latestWeek()?.uri, 'r/999.md');
  });
});

describe('matching text across weeks', () => {
  it('normalizes text exactly as its definition does (full-width folding, spaces, case, trailing punctuation)', () => {
    const pieces = ['Ａ', 'ｂ', '１', '．', '，', '。', ' ', '\u3000', '\t', '\n', '\u00a0', '\u2009', '\ufeff', 'İ', 'ß', '支付', '进度', '.', '…', '—', '-', '~', '！', 'x', 'Z', '：', '【', '】'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 16 }), fc.string({ maxLength: 6 }), (xs, tail) => {
        const s = xs.join('') + tail;
        assert.equal(normalizeText(s), normalizeTextReference(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('normalizes texts joined with line breaks from a piece per text (WR051 keeps one per section)', () => {
    const pieces = ['Ａ', '１', '．', '，', '。', ' ', '\u3000', '\n', '支付', '进度', '.', '…', '-', '！', 'x', 'Z', 'Σ', 'σ', 'ΑΣ', 'İ', '：'];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((xs) => xs.join(''));
    let whole = 0;
    fc.assert(
      fc.property(fc.array(text, { maxLength: 5 }), (texts) => {
        const expected = normalizeText(texts.join('\n'));
        const each = texts.map(normalizedPiece);
        if (each.every((p) => p !== undefined)) {
          whole++;
          assert.equal(normalizeJoined(each as string[]), expected, JSON.stringify(texts));
        } else assert.ok(texts.some((t) => t.includes('Σ')));
      }),
      { numRuns: 3000 },
    );
    assert.ok(whole > 1000);
  });
});
