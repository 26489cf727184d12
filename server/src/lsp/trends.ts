/**
 * `zhoubao/trends` (protocol.ts): the trend charts of a workspace folder for the VS Code webview,
 * and `zhoubao/rollup`: the roll-up draft of a month, quarter or half (core/features/rollup.ts).
 * The core computes the series from the folder's index (core/features/trends.ts); the charts are
 * drawn to SVG by the same Vega specs as `zhoubao trend` (cli/trend-chart.ts), loaded from their
 * own bundle (dist/trend-chart.js beside dist/server.js) only when asked, so the server starts as
 * fast as before.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeRollup, parsePeriod, ROLLUP_MESSAGES } from '../core/features/rollup';
import { computeTrends, parseWeekArg } from '../core/features/trends';
import { pick, type Localized } from '../core/l10n';
import { compareWeeks, formatIsoWeek, isValidWeek, type IsoWeek } from '../core/weeks';
import type { RollupParams, RollupResult, TrendsParams, TrendsResult } from './protocol';
import type { Session } from './session';

type Charts = typeof import('../cli/trend-chart');

function loadCharts(): Charts {
  const bundled = path.join(__dirname, 'trend-chart.js');
  const name = fs.existsSync(bundled) ? bundled : '../cli/trend-chart';
  // a computed name: esbuild leaves the require to run time
  return require(name) as Charts;
}

const MSG = {
  noReports: { en: 'No weekly report in this workspace yet.', 'zh-cn': '此工作区中还没有周报。' },
  badWeek: { en: 'Invalid week "{0}": write it as 2024-W13.', 'zh-cn': '无效的周“{0}”：请写成 2024-W13 的形式。' },
} satisfies Record<string, Localized>;

async function latestFolder(session: Session, folderUri?: string): Promise<string | undefined> {
  const folders = session.configs.workspaceFolders();
  if (folderUri) {
    const f = folderUri.replace(/\/+$/, '');
    if (folders.includes(f)) return f;
  }
  let best: { folder: string; iso?: IsoWeek } | undefined;
  for (const folder of folders) {
    const index = await session.indexer.whenIndexed(folder);
    const iso = index?.latestWeek()?.iso;
    if (!best || (iso && (!best.iso || compareWeeks(iso, best.iso) > 0))) best = { folder, iso };
  }
  return best?.folder;
}

export async function trendsFor(session: Session, params: TrendsParams | null | undefined): Promise<TrendsResult> {
  const p = params ?? {};
  const empty: TrendsResult = { weeks: [], gaps: [], reports: 0, charts: [], notes: [] };
  const say = (m: Localized, ...args: string[]) => args.reduce((s, a, i) => s.split(`{${i}}`).join(a), pick(m, session.locale));
  const week = (s?: string): IsoWeek | undefined | null => {
    if (s === undefined || s === '') return undefined;
    const w = parseWeekArg(s);
    return w && isValidWeek(w) ? w : null;
  };
  const from = week(p.from);
  const to = week(p.to);
  if (from === null) return { ...empty, message: say(MSG.badWeek, p.from!) };
  if (to === null) return { ...empty, message: say(MSG.badWeek, p.to!) };
  const folder = await latestFolder(session, p.folderUri);
  const index = folder ? await session.indexer.whenIndexed(folder) : undefined;
  if (!folder || !index || index.size === 0) return { ...empty, folder, message: say(MSG.noReports) };
  const { profile } = await session.configs.get(folder + '/');
  const trends = computeTrends(index, profile, { from, to });
  const charts = loadCharts();
  return {
    folder,
    weeks: trends.weeks,
    gaps: trends.gaps,
    reports: trends.weeks.length - trends.gaps.length,
    charts: await charts.renderCharts(trends, session.locale),
    notes: charts.trendNotes(trends, session.locale),
    ...(trends.weeks.length === 0 ? { message: say(MSG.noReports) } : {}),
  };
}

export async function rollupFor(session: Session, params: RollupParams | null | undefined): Promise<RollupResult> {
  const say = (m: Localized, ...args: string[]) => args.reduce((s, a, i) => s.split(`{${i}}`).join(a), pick(m, session.locale));
  const raw = String(params?.period ?? '');
  const period = parsePeriod(raw);
  if (!period) return { reports: 0, message: say(ROLLUP_MESSAGES.badPeriod, raw) };
  const weeks = `${formatIsoWeek(period.from)} – ${formatIsoWeek(period.to)}`;
  const folder = await latestFolder(session, params?.folderUri);
  const index = folder ? await session.indexer.whenIndexed(folder) : undefined;
  if (!folder || !index || index.size === 0) return { period: period.label, weeks, reports: 0, message: say(MSG.noReports) };
  const { profile } = await session.configs.get(folder + '/');
  const r = computeRollup(index, profile, period);
  if (r.reported.length === 0) {
    return { period: period.label, weeks, reports: 0, message: say(ROLLUP_MESSAGES.noReports, period.label, formatIsoWeek(period.from), formatIsoWeek(period.to)) };
  }
  return { period: period.label, weeks, reports: r.reported.length, markdown: r.markdown };
}
