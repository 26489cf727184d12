/**
 * `zhoubao trend [--from 2024-W01] [--to 2024-W34] [--format html|svg|csv|json] [--out FILE] [--dir DIR]`
 * `zhoubao rollup --month 2024-06 | --quarter 2024-Q2 | --half 2024-H1 [--out FILE] [--dir DIR]`
 * The CLI adapters of core/features/trends.ts and rollup.ts: scan DIR (default: the current
 * directory) with the profile's globs, index the reports by title week, compute, write.
 *
 * Exit codes: 0 written; 1 no report in the folder (or in the period); 2 bad arguments,
 * unreadable folder or profile, or an output file that cannot be written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeReport } from '../core/encoding';
import { computeRollup, ROLLUP_MESSAGES, type Period } from '../core/features/rollup';
import { computeTrends, type Trends } from '../core/features/trends';
import { fmt, pick, type Locale, type Localized } from '../core/l10n';
import type { Profile } from '../core/profile/schema';
import { formatIsoWeek, type IsoWeek } from '../core/weeks';
import { WorkspaceIndex } from '../core/workspace';
import { displayPath, resolveFiles } from './files';
import { loadProfile, readBytes } from './run';

type Charts = typeof import('./trend-chart');

/**
 * The chart renderer (vega, about 0.6 MB minified) is a bundle of its own, dist/trend-chart.js,
 * required only when a chart is drawn, so that every other command starts as fast as before.
 * From the sources (tests under tsx) it is the TypeScript module beside this one.
 */
function loadCharts(): Charts {
  const bundled = path.join(__dirname, 'trend-chart.js');
  const name = fs.existsSync(bundled) ? bundled : './trend-chart';
  // a computed name: esbuild leaves the require to run time
  return require(name) as Charts;
}

export const TREND_MSG = {
  noReports: {
    en: 'No weekly report found in {0} (a report is a Markdown file with a week title such as "# 2024-W12").',
    'zh-cn': '在 {0} 中没有找到周报（周报是带有周标题的 Markdown 文件，例如 “# 2024-W12”）。',
  },
  noReportsInRange: {
    en: 'No weekly report between {0} and {1} in {2}.',
    'zh-cn': '{2} 中没有 {0} 至 {1} 之间的周报。',
  },
  notDirectory: { en: 'Not a directory: {0}', 'zh-cn': '不是目录：{0}' },
  unreadableDir: { en: 'Cannot read the directory {0}: {1}', 'zh-cn': '无法读取目录 {0}：{1}' },
  notWritable: { en: 'Cannot write {0}: {1}', 'zh-cn': '无法写入 {0}：{1}' },
  wrote: { en: 'Wrote {0} ({1}).', 'zh-cn': '已写入 {0}（{1}）。' },
  trendSummary: { en: '{0} weeks, {1} reports, {2} gap(s)', 'zh-cn': '{0} 周，{1} 份周报，{2} 周缺失' },
  rollupSummary: { en: '{0}: {1} – {2}, {3} report(s)', 'zh-cn': '{0}：{1} – {2}，{3} 份周报' },
} satisfies Record<string, Localized>;

export type TrendFormat = 'html' | 'svg' | 'csv' | 'json';

export interface Outcome {
  code: number;
  stdout: string[];
  stderr: string[];
  /** what was produced (for tests) */
  text?: string;
}

function errText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'EACCES' || err?.code === 'EPERM' || err?.code === 'EROFS') return 'permission denied';
  return err?.code ?? (e instanceof Error ? e.message : String(e));
}

interface Loaded {
  index: WorkspaceIndex;
  profile: Profile;
  dir: string;
  shownDir: string;
  warnings: string[];
}

/** The profile and the reports of DIR, or an outcome to stop with. */
function loadWorkspace(cwd: string, dirArg: string | undefined, profileArg: string | undefined, locale: Locale): Loaded | Outcome {
  const say = (m: Localized) => pick(m, locale);
  const dir = path.resolve(cwd, dirArg ?? '.');
  const shownDir = dirArg ?? '.';
  try {
    if (!fs.statSync(dir).isDirectory()) return { code: 2, stdout: [], stderr: [say(fmt(TREND_MSG.notDirectory, shownDir))] };
    fs.readdirSync(dir);
  } catch (e) {
    return { code: 2, stdout: [], stderr: [say(fmt(TREND_MSG.unreadableDir, shownDir, errText(e)))] };
  }
  const loaded = loadProfile({ cwd: profileArg !== undefined ? cwd : dir, profile: profileArg, locale });
  if (loaded.error) return { code: 2, stdout: [], stderr: [loaded.error] };
  const warnings = (loaded.result?.diagnostics ?? []).map((d) => `${loaded.result!.file}: ${d.message}`);
  const profile = loaded.profile;
  const index = new WorkspaceIndex();
  for (const file of resolveFiles([], dir, profile).files) {
    const read = readBytes(file);
    if (!read.bytes) continue;
    const decoded = decodeReport(read.bytes);
    if (decoded.problem) continue;
    index.set(file.split(path.sep).join('/'), decoded.text ?? '', profile);
  }
  if (index.size === 0) return { code: 1, stdout: [], stderr: [...warnings, say(fmt(TREND_MSG.noReports, shownDir))] };
  return { index, profile, dir, shownDir, warnings };
}

function csvField(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Long format, one row per point: kind,series,week,value,raw,target_min,target_max,below_target,file,line (1-based). */
export function trendsCsv(t: Trends, cwd: string): string {
  const rows: unknown[][] = [['kind', 'series', 'week', 'value', 'raw', 'target_min', 'target_max', 'below_target', 'file', 'line']];
  const file = (uri?: string) => (uri ? displayPath(uri, cwd) : '');
  for (const m of t.metrics) {
    for (const p of m.points) {
      if (p.value === null && p.raw === undefined) continue;
      rows.push(['metric', m.name, p.week, p.value, p.raw, m.target?.min, m.target?.max, p.belowTarget, file(p.uri), p.line === undefined ? '' : p.line + 1]);
    }
  }
  for (const w of t.incidents) {
    if (!w.reported) continue;
    for (const g of t.grades) rows.push(['incidents', g, w.week, w.grades[g] ?? 0, '', '', '', '', file(w.uri), w.line === undefined ? '' : w.line + 1]);
  }
  for (const s of t.progress) for (const p of s.points) rows.push(['progress', s.name, p.week, p.value, '', '', '', '', file(p.uri), p.line + 1]);
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/** JSON: the trends with file paths relative to the current directory and 1-based lines. */
export function trendsJson(t: Trends, cwd: string): string {
  const rel = (uri: string) => displayPath(uri, cwd);
  const fix = <T extends { uri?: string; line?: number }>(x: T): T => ({ ...x, ...(x.uri !== undefined ? { uri: rel(x.uri) } : {}), ...(x.line !== undefined ? { line: x.line + 1 } : {}) });
  const out = {
    ...t,
    sources: Object.fromEntries(Object.entries(t.sources).map(([w, u]) => [w, rel(u)])),
    duplicates: t.duplicates.map((d) => ({ ...d, used: rel(d.used), ignored: d.ignored.map(rel) })),
    metrics: t.metrics.map((m) => ({ ...m, points: m.points.map(fix) })),
    incidents: t.incidents.map((w) => ({ ...fix(w), entries: w.entries.map(fix) })),
    progress: t.progress.map((s) => ({ ...s, points: s.points.map(fix) })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

function write(out: string | undefined, cwd: string, text: string, summary: string, locale: Locale, base: Outcome): Outcome {
  if (out === undefined) return { ...base, code: 0, stdout: [...base.stdout, text.replace(/\n$/, '')], text };
  const target = path.resolve(cwd, out);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  } catch (e) {
    return { ...base, code: 2, stderr: [...base.stderr, pick(fmt(TREND_MSG.notWritable, out, errText(e)), locale)] };
  }
  return { ...base, code: 0, stdout: [...base.stdout, pick(fmt(TREND_MSG.wrote, displayPath(target, cwd), summary), locale)], text };
}

export interface TrendOptions {
  cwd: string;
  dir?: string;
  profile?: string;
  locale: Locale;
  from?: IsoWeek;
  to?: IsoWeek;
  format: TrendFormat;
  out?: string;
}

export async function runTrend(o: TrendOptions): Promise<Outcome> {
  const ws = loadWorkspace(o.cwd, o.dir, o.profile, o.locale);
  if ('code' in ws) return ws;
  const base: Outcome = { code: 0, stdout: [], stderr: ws.warnings };
  const trends = computeTrends(ws.index, ws.profile, { from: o.from, to: o.to });
  const reports = trends.weeks.length - trends.gaps.length;
  if (reports === 0) {
    const from = o.from ? formatIsoWeek(o.from) : '…';
    const to = o.to ? formatIsoWeek(o.to) : '…';
    return { ...base, code: 1, stderr: [...base.stderr, pick(fmt(TREND_MSG.noReportsInRange, from, to, ws.shownDir), o.locale)] };
  }
  const text =
    o.format === 'json' ? trendsJson(trends, o.cwd) : o.format === 'csv' ? trendsCsv(trends, o.cwd) : o.format === 'svg' ? await loadCharts().trendsSvg(trends, o.locale) : await loadCharts().trendsHtml(trends, o.locale);
  return write(o.out, o.cwd, text, pick(fmt(TREND_MSG.trendSummary, trends.weeks.length, reports, trends.gaps.length), o.locale), o.locale, base);
}

export interface RollupOptions {
  cwd: string;
  dir?: string;
  profile?: string;
  locale: Locale;
  period: Period;
  out?: string;
}

export function runRollup(o: RollupOptions): Outcome {
  const ws = loadWorkspace(o.cwd, o.dir, o.profile, o.locale);
  if ('code' in ws) return ws;
  const base: Outcome = { code: 0, stdout: [], stderr: ws.warnings };
  const r = computeRollup(ws.index, ws.profile, o.period);
  const from = formatIsoWeek(o.period.from);
  const to = formatIsoWeek(o.period.to);
  if (r.reported.length === 0) return { ...base, code: 1, stderr: [...base.stderr, pick(fmt(ROLLUP_MESSAGES.noReports, o.period.label, from, to), o.locale)] };
  return write(o.out, o.cwd, r.markdown, pick(fmt(TREND_MSG.rollupSummary, o.period.label, from, to, r.reported.length), o.locale), o.locale, base);
}
