/**
 * Trend extraction (core/features/trends.ts) on fixture workspaces: values per week, a gap week,
 * a week claimed by two files, a metric missing in some weeks, a malformed value, grades that the
 * profile does not list, progress curves, and a year boundary.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultProfile, WorkspaceIndex } from '../../server/src/core';
import { computeTrends, parseWeekArg } from '../../server/src/core/features/trends';
import { weekRuns } from '../../server/src/cli/trend-chart';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'trends');

export function loadFixture(name: string): WorkspaceIndex {
  const dir = path.join(FIXTURES, name);
  const index = new WorkspaceIndex();
  for (const f of fs.readdirSync(dir).sort()) index.set(`${name}/${f}`, fs.readFileSync(path.join(dir, f), 'utf8'), defaultProfile);
  return index;
}

const series = (t: ReturnType<typeof computeTrends>, id: string) => {
  const s = t.metrics.find((m) => m.id === id);
  assert.ok(s, `series ${id}`);
  return s;
};

describe('trends: extraction', () => {
  const t = computeTrends(loadFixture('basic'), defaultProfile);

  it('has a continuous week axis from the first to the last report, the missing week listed as a gap', () => {
    assert.deepEqual(t.weeks, ['2024-W22', '2024-W23', '2024-W24', '2024-W25', '2024-W26', '2024-W27']);
    assert.deepEqual(t.gaps, ['2024-W25']);
  });

  it('gives one value per week with its source file and line, and null in the gap week', () => {
    const dep = series(t, 'depositSuccessRate');
    assert.deepEqual(
      dep.points.map((p) => p.value),
      [99.981, 99.942, 99.975, null, 99.99, null],
    );
    const w23 = dep.points[1];
    assert.equal(w23.uri, 'basic/2024-W23.md');
    assert.equal(w23.line, 16); // `- 入金有效成功率：99.942%` is line 17
    assert.equal(w23.raw, '99.942%');
    assert.equal(dep.points[3].missing, false, 'a gap week is not a missing metric');
    assert.equal(dep.points[3].uri, undefined);
  });

  it('keeps a value that is not a number as a null point with its raw text (N/A)', () => {
    const p = series(t, 'depositSuccessRate').points[5];
    assert.equal(p.week, '2024-W27');
    assert.equal(p.value, null);
    assert.equal(p.raw, 'N/A');
    assert.equal(p.missing, false);
  });

  it('marks a metric missing from a week that has a report (出金 not written in W24)', () => {
    const wd = series(t, 'withdrawalSuccessRate');
    assert.deepEqual(wd.missingWeeks, ['2024-W24']);
    assert.equal(wd.points[2].missing, true);
    assert.equal(wd.points[2].uri, 'basic/2024-W24.md');
  });

  it('flags the weeks below the profile target', () => {
    assert.deepEqual(series(t, 'depositSuccessRate').belowTargetWeeks, ['2024-W23']);
    assert.deepEqual(series(t, 'withdrawalSuccessRate').belowTargetWeeks, ['2024-W26']);
    assert.deepEqual(series(t, 'annualAvailability').belowTargetWeeks, ['2024-W26']);
    assert.deepEqual(series(t, 'depositSuccessRate').target, { min: 99.95 });
  });

  it('counts a duplicate week once: the file named for the week wins, the other is listed', () => {
    assert.deepEqual(t.duplicates, [{ week: '2024-W26', used: 'basic/2024-W26.md', ignored: ['basic/2024-W26-copy.md'] }]);
    assert.equal(series(t, 'depositSuccessRate').points[4].value, 99.99, 'not the copy’s 12.5');
    assert.equal(t.sources['2024-W26'], 'basic/2024-W26.md');
  });

  it('reads incident counts by grade per week, with half counts, and the incident entries', () => {
    assert.equal(t.incidentMetric, 'incidentCount');
    assert.deepEqual(t.grades, ['AB', 'CD']);
    assert.deepEqual(
      t.incidents.map((w) => [w.week, w.grades]),
      [
        ['2024-W22', { AB: 0, CD: 0 }],
        ['2024-W23', { AB: 0, CD: 1 }],
        ['2024-W24', { AB: 0, CD: 0.5 }],
        ['2024-W26', { AB: 1, CD: 0 }],
        ['2024-W27', { AB: 0, CD: 0 }],
      ],
    );
    const w23 = t.incidents[1].entries;
    assert.equal(w23.length, 1);
    assert.equal(w23[0].stamp, '6/5 10:12');
    assert.equal(w23[0].pendingReview, true);
    assert.match(w23[0].summary, /^渠道网关连接池耗尽/);
    assert.equal(t.incidents[2].entries[0].pendingReview, false);
  });

  it('follows each project item’s progress over the weeks it is written in', () => {
    const names = t.progress.map((s) => s.name);
    assert.deepEqual(names, ['【聚合收银台】 前端改版 进度', '【对账平台】 差错自动处理 进度']);
    assert.deepEqual(
      t.progress[0].points.map((p) => `${p.week}:${p.value}`),
      ['2024-W22:30', '2024-W23:45', '2024-W24:60', '2024-W26:90', '2024-W27:100'],
    );
    assert.equal(t.progress[0].points[0].uri, 'basic/2024-W22.md');
  });

  it('limits to --from/--to, and a range wider than the reports shows the empty weeks as gaps', () => {
    const r = computeTrends(loadFixture('basic'), defaultProfile, { from: { year: 2024, week: 24 }, to: { year: 2024, week: 28 } });
    assert.deepEqual(r.weeks, ['2024-W24', '2024-W25', '2024-W26', '2024-W27', '2024-W28']);
    assert.deepEqual(r.gaps, ['2024-W25', '2024-W28']);
    assert.deepEqual(series(r, 'depositSuccessRate').belowTargetWeeks, []);
    assert.equal(r.progress[0].points[0].week, '2024-W24');
  });

  it('crosses a year boundary (2024-W52 → 2025-W01, a 第1周 title), keeps unlisted grades, ignores non-reports', () => {
    const r = computeTrends(loadFixture('year-end'), defaultProfile);
    assert.deepEqual(r.weeks, ['2024-W52', '2025-W01']);
    assert.deepEqual(r.gaps, []);
    assert.deepEqual(r.grades, ['AB', 'CD', 'C', 'D']);
    assert.deepEqual(r.incidents[0].grades, { AB: 0, C: 0.5, D: 0 });
    const wd = series(r, 'withdrawalSuccessRate').points[1];
    assert.equal(wd.value, null, '99,97% is malformed');
    assert.equal(wd.raw, '99,97%');
    assert.equal(series(r, 'depositSuccessRate').points[1].belowTarget, false, '99.95 meets a ≥99.95 target');
  });

  it('gives empty series for an empty index', () => {
    const r = computeTrends(new WorkspaceIndex(), defaultProfile);
    assert.deepEqual(r.weeks, []);
    assert.deepEqual(r.incidents, []);
    assert.ok(r.metrics.every((m) => m.points.length === 0));
  });

  it('shows gap weeks as runs of consecutive weeks (across a year end)', () => {
    const axis = ['2024-W51', '2024-W52', '2025-W01', '2025-W02', '2025-W03', '2025-W04'];
    assert.equal(weekRuns(['2024-W52', '2025-W01', '2025-W02', '2025-W04'], axis), '2024-W52 – 2025-W02, 2025-W04');
    assert.equal(weekRuns(['2025-W03'], axis), '2025-W03');
    assert.equal(weekRuns([], axis), '');
  });

  it('parses week arguments', () => {
    assert.deepEqual(parseWeekArg('2024-W01'), { year: 2024, week: 1 });
    assert.deepEqual(parseWeekArg('2024w34'), { year: 2024, week: 34 });
    assert.equal(parseWeekArg('2024-34'), undefined);
  });
});
