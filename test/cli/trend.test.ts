/**
 * `zhoubao trend` and `zhoubao rollup`: the built CLI as a process on copies of the trend
 * fixtures in temp dirs. Formats, files written, exit codes, messages for an empty folder or an
 * empty period, bad arguments. The HTML page in a real browser is trend-browser.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, removeDir, ROOT, tempDir, zhoubao } from './cli-helpers';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'trends', 'basic');

export function fixtureCopy(): string {
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(FIXTURE)) files[`reports/${f}`] = fs.readFileSync(path.join(FIXTURE, f), 'utf8');
  return tempDir(files);
}

describe('zhoubao trend', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  const dir = () => {
    const d = fixtureCopy();
    dirs.push(d);
    return d;
  };
  before(() => ensureBuilt());
  after(() => dirs.forEach(removeDir));

  it('writes JSON to stdout: the series with relative files and 1-based lines', () => {
    const d = dir();
    const r = zhoubao(['trend', '--format', 'json', '--dir', 'reports'], d);
    assert.equal(r.status, 0, r.stderr);
    const t = JSON.parse(r.stdout);
    assert.deepEqual(t.gaps, ['2024-W25']);
    const dep = t.metrics.find((m: { id: string }) => m.id === 'depositSuccessRate');
    assert.deepEqual(dep.points[1], { week: '2024-W23', value: 99.942, raw: '99.942%', belowTarget: true, missing: false, uri: 'reports/2024-W23.md', line: 17 });
    assert.deepEqual(t.duplicates, [{ week: '2024-W26', used: 'reports/2024-W26.md', ignored: ['reports/2024-W26-copy.md'] }]);
  });

  it('writes CSV, one row per point, to --out, and says so on stdout', () => {
    const d = dir();
    const r = zhoubao(['trend', '--format', 'csv', '--dir', 'reports', '--out', 'out/trend.csv', '--from', '2024-W23', '--to', '2024-W24'], d);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Wrote out\/trend\.csv \(2 weeks, 2 reports, 0 gap\(s\)\)\.$/m);
    const rows = fs.readFileSync(path.join(d, 'out', 'trend.csv'), 'utf8').trimEnd().split('\n');
    assert.equal(rows[0], 'kind,series,week,value,raw,target_min,target_max,below_target,file,line');
    assert.ok(rows.includes('metric,入金有效成功率,2024-W23,99.942,99.942%,99.95,,true,reports/2024-W23.md,17'), rows.join('\n'));
    assert.ok(rows.includes('incidents,CD,2024-W24,0.5,,,,,reports/2024-W24.md,21'), rows.join('\n'));
    assert.ok(rows.includes('progress,【聚合收银台】 前端改版 进度,2024-W24,60,,,,,reports/2024-W24.md,12'), rows.join('\n'));
    assert.ok(!rows.some((x) => x.includes('2024-W22') || x.includes('2024-W26')), 'only the weeks asked for');
  });

  it('writes one SVG document with a chart per metric, incidents and progress', () => {
    const d = dir();
    const r = zhoubao(['trend', '--format', 'svg', '--dir', 'reports', '--out', 'trend.svg'], d);
    assert.equal(r.status, 0, r.stderr);
    const svg = fs.readFileSync(path.join(d, 'trend.svg'), 'utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const id of ['metric-depositSuccessRate', 'metric-withdrawalSuccessRate', 'metric-annualAvailability', 'incidents', 'progress']) assert.ok(svg.includes(`id="${id}"`), id);
    assert.ok(!svg.includes('id="metric-firstPaymentSuccessRate"'), 'no chart for a metric never written');
    assert.ok(svg.includes('<title>入金有效成功率 2024-W23：99.942%</title>'));
  });

  it('writes a standalone HTML page by default: strict CSP, no script, no remote resource, links to the reports', () => {
    const d = dir();
    const r = zhoubao(['trend', '--dir', 'reports', '--out', 'trend.html', '--locale', 'zh-cn'], d);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /已写入 trend\.html（6 周，5 份周报，1 周缺失）。/);
    const html = fs.readFileSync(path.join(d, 'trend.html'), 'utf8');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /(src|href)="https?:/i);
    assert.match(html, /缺少周报的周：2024-W25/);
    const link = new URL(`file://${path.join(fs.realpathSync(d), 'reports', '2024-W23.md')}`).href;
    assert.ok(html.includes(`xlink:href="${link}#L17"`), 'a point links to its report and line');
  });

  it('exits 1 with a clear message for a folder without reports', () => {
    const d = tempDir({ 'notes.md': '# 备忘\n\n不是周报\n' });
    dirs.push(d);
    const r = zhoubao(['trend'], d);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^zhoubao: No weekly report found in \. \(a report is a Markdown file with a week title such as "# 2024-W12"\)\.$/m);
    const empty = tempDir();
    dirs.push(empty);
    const z = zhoubao(['trend', '--locale', 'zh-cn'], empty);
    assert.equal(z.status, 1);
    assert.match(z.stderr, /在 \. 中没有找到周报/);
  });

  it('exits 1 when no report lies in --from/--to', () => {
    const r = zhoubao(['trend', '--dir', 'reports', '--from', '2023-W01', '--to', '2023-W10', '--format', 'json'], dir());
    assert.equal(r.status, 1);
    assert.match(r.stderr, /No weekly report between 2023-W01 and 2023-W10 in reports\./);
  });

  it('exits 2 on bad arguments and unwritable output', () => {
    const d = dir();
    const cases: Array<[string[], RegExp]> = [
      [['trend', '--format', 'png'], /Unknown format "png": use html, svg, csv, json\./],
      [['trend', '--from', '2024-W60'], /Invalid week "2024-W60"/],
      [['trend', '--from', '2024-W30', '--to', '2024-W20'], /--from 2024-W30 is after --to 2024-W20\./],
      [['trend', 'reports'], /The trend command takes no files: use --dir DIR\./],
      [['trend', '--dir', 'nowhere'], /Cannot read the directory nowhere: ENOENT/],
    ];
    for (const [args, message] of cases) {
      const r = zhoubao(args, d);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
    }
    fs.writeFileSync(path.join(d, 'file'), '');
    const w = zhoubao(['trend', '--dir', 'reports', '--out', 'file/trend.html'], d);
    assert.equal(w.status, 2);
    assert.match(w.stderr, /Cannot write file\/trend\.html: (ENOTDIR|EEXIST)/);
  });
});

describe('zhoubao rollup', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  before(() => ensureBuilt());
  after(() => dirs.forEach(removeDir));

  it('writes the month’s draft to stdout', () => {
    const d = fixtureCopy();
    dirs.push(d);
    const r = zhoubao(['rollup', '--month', '2024-06', '--dir', 'reports'], d);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# 2024年6月月度总结（2024-W23 – 2024-W26）\n/);
    assert.match(r.stdout, /^- 入金有效成功率：最低99\.942%（2024-W23），平均99\.969%，最高99\.99%（2024-W26）/m);
    assert.match(r.stdout, /【待复盘】（2024-W27 已跟进，仍待复盘）/);
  });

  it('writes a quarter and a half to --out', () => {
    const d = fixtureCopy();
    dirs.push(d);
    const q = zhoubao(['rollup', '--quarter', '2024-Q2', '--dir', 'reports', '--out', 'q2.md'], d);
    assert.equal(q.status, 0, q.stderr);
    assert.match(q.stdout, /Wrote q2\.md \(2024-Q2: 2024-W14 – 2024-W26, 4 report\(s\)\)\./);
    assert.match(fs.readFileSync(path.join(d, 'q2.md'), 'utf8'), /^# 2024年第二季度季度总结/);
    const h = zhoubao(['rollup', '--half', '2024-H2', '--dir', 'reports', '--out', 'h2.md'], d);
    assert.equal(h.status, 0, h.stderr);
    assert.match(fs.readFileSync(path.join(d, 'h2.md'), 'utf8'), /^# 2024年下半年半年度总结（2024-W27 – 2024-W52）/);
  });

  it('exits 1 for a period without reports, 2 without exactly one valid period', () => {
    const d = fixtureCopy();
    dirs.push(d);
    const none = zhoubao(['rollup', '--month', '2024-03', '--dir', 'reports'], d);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /No report of 2024-03 \(2024-W10 – 2024-W13\) in the folder\./);
    for (const args of [['rollup'], ['rollup', '--month', '2024-06', '--half', '2024-H1'], ['rollup', '--quarter', '2024-Q5'], ['rollup', '--month', '2024-Q2']]) {
      const r = zhoubao(args, d);
      assert.equal(r.status, 2, args.join(' '));
    }
    assert.match(zhoubao(['rollup', '--quarter', '2024-Q5'], d).stderr, /Invalid period "2024-Q5": write it as 2024-Q2\./);
  });
});
