/**
 * Hover with history: on a metric or a progress figure, its values in the last weeks of the
 * workspace (from `WorkspaceIndex.metricHistory` / `progressHistory`, items matched as
 * workspace/match.ts says) with the change from each week to the next. Markdown, both languages.
 */
import { fmt, type Localized } from '../l10n';
import type { Report } from '../model';
import { rangeContains, type Position, type Range } from '../text';
import { formatIsoWeek, type IsoWeek } from '../weeks';
import { keyedProgressAt, type WorkspaceIndex } from '../workspace';
import { titledWeeksAt } from './report-index';

export const HISTORY_WEEKS = 4;

const MSG = {
  heading: { en: '**Last weeks**', 'zh-cn': '**近几周**' },
  line: { en: '- {0}: {1}', 'zh-cn': '- {0}：{1}' },
  change: { en: '- {0}: {1} ({2} from {3})', 'zh-cn': '- {0}：{1}（较 {3} {2}）' },
  progressTitle: { en: '**{0}**', 'zh-cn': '**{0}**' },
  none: { en: '_No earlier value in this workspace._', 'zh-cn': '_工作区中没有更早的数值。_' },
} satisfies Record<string, Localized>;

export interface HistoryHover {
  contents: Localized;
  range: Range;
}

interface Point {
  iso: IsoWeek;
  value: number | undefined;
  raw: string;
}

/** `+0.01`, `−5`, `±0` with the unit; rounding away float noise. */
function change(from: number, to: number, unit: string): string {
  const d = Math.round((to - from) * 1e6) / 1e6;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  return `${sign}${Math.abs(d)}${unit === '%' ? ' pp' : unit}`;
}

/** Lines from the oldest to the current value: each with its change from the week before. */
function lines(points: Point[], unit: string): Localized[] {
  return points.map((p, i) => {
    const prev = points[i - 1];
    if (!prev || prev.value === undefined || p.value === undefined) return fmt(MSG.line, formatIsoWeek(p.iso), p.raw);
    return fmt(MSG.change, formatIsoWeek(p.iso), p.raw, change(prev.value, p.value, unit), formatIsoWeek(prev.iso));
  });
}

function join(parts: Localized[], sep: string): Localized {
  return { en: parts.map((p) => p.en).join(sep), 'zh-cn': parts.map((p) => p['zh-cn']).join(sep) };
}

/**
 * The history of what is under `position` (a metric or a progress figure), or undefined when it
 * is neither or the report has no titled week there. `index` is the workspace's (the current
 * file may be in it: only weeks strictly before the report's are read).
 */
export function historyHoverAt(report: Report, position: Position, index: WorkspaceIndex, weeks = HISTORY_WEEKS): HistoryHover | undefined {
  // the titled weeks at the position, found by binary search (report-index.ts)
  for (const week of titledWeeksAt(report, position)) {
    if (!week.title?.valid) continue;
    const iso = { year: week.title.year, week: week.title.week };
    for (const section of week.sections) {
      const metric = section.metrics.find((m) => rangeContains(m.range, position));
      if (!metric) continue;
      if (!metric.id) return undefined;
      const past = index.metricHistory(metric.id, iso, weeks).reverse();
      const unit = metric.value.unit || past.find((p) => p.metric.value.unit)?.metric.value.unit || '';
      const points: Point[] = [...past.map((p) => ({ iso: p.iso, value: p.metric.value.number, raw: p.metric.value.raw || '—' })), { iso, value: metric.value.number, raw: metric.value.raw || '—' }];
      return { contents: past.length ? join([MSG.heading, join(lines(points, unit), '\n')], '\n\n') : MSG.none, range: metric.range };
    }
    const kp = keyedProgressAt(week, position);
    if (kp) {
      const past = index.progressHistory(kp.key, iso, weeks).reverse();
      const points: Point[] = [...past.map((p) => ({ iso: p.iso, value: p.value, raw: `${p.value}%` })), { iso, value: kp.progress.value, raw: `${kp.progress.value}%` }];
      const title = fmt(MSG.progressTitle, [kp.project ? `【${kp.project}】` : '', kp.lead, kp.progress.label].filter(Boolean).join(' '));
      return { contents: join([title, past.length ? join([MSG.heading, join(lines(points, '%'), '\n')], '\n\n') : MSG.none], '\n\n'), range: kp.progress.range };
    }
  }
  return undefined;
}

/** A hover followed by the history part (either may be missing). */
export function withHistory<H extends HistoryHover>(hover: H | undefined, history: HistoryHover | undefined): HistoryHover | undefined {
  if (!history) return hover;
  if (!hover) return history;
  return { contents: join([hover.contents, history.contents], '\n\n---\n\n'), range: hover.range };
}
