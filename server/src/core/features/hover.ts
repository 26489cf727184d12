/**
 * Hovers: on a week title, the ISO week and its Monday–Sunday dates; on a metric, its target from
 * the profile, whether the value meets it, and its valid range. Markdown, in both languages.
 */
import { fmt, type Localized } from '../l10n';
import type { Metric, Report, WeekTitle } from '../model';
import type { MetricSpec, Profile } from '../profile/schema';
import type { Position, Range } from '../text';
import { formatIsoWeek, formatWeekRange, isoWeekOf, isValidDate, isValidWeek, mondayOf, pad2, weeksInYear } from '../weeks';
import { metricAt, titleAt } from './report-index';

export interface HoverInfo {
  /** Markdown */
  contents: Localized;
  range: Range;
}

const MSG = {
  week: { en: '**{0}: {1}** (Monday to Sunday)', 'zh-cn': '**{0}: {1}**（周一至周日）' },
  invalidWeek: { en: '**{0}**: {1} has no week {2} (it has {3} ISO weeks).', 'zh-cn': '**{0}**：{1} 年没有第 {2} 周（该年共 {3} 个 ISO 周）。' },
  dateOtherWeek: { en: 'The date {0} lies in {1}, not in {2}.', 'zh-cn': '日期 {0} 属于 {1}，而不是 {2}。' },
  dateNotMonday: { en: 'The date {0} is not the Monday of this week ({1}).', 'zh-cn': '日期 {0} 不是本周的周一（{1}）。' },
  invalidDate: { en: 'The date {0} does not exist.', 'zh-cn': '日期 {0} 不存在。' },
  metricTitle: { en: '**{0}**', 'zh-cn': '**{0}**' },
  alias: { en: 'alias of {0}', 'zh-cn': '{0} 的别名' },
  group: { en: 'under {0}', 'zh-cn': '属于 {0}' },
  target: { en: 'Target: {0}', 'zh-cn': '目标：{0}' },
  noTarget: { en: 'Target: none', 'zh-cn': '目标：无' },
  met: { en: '✓ {0} meets the target', 'zh-cn': '✓ {0} 达标' },
  below: { en: '⚠ {0} is below target', 'zh-cn': '⚠ {0} 低于目标' },
  above: { en: '⚠ {0} is above target', 'zh-cn': '⚠ {0} 高于目标' },
  noValue: { en: '✗ no valid value (`{0}`)', 'zh-cn': '✗ 数值无效（`{0}`）' },
  missingValue: { en: '✗ no value', 'zh-cn': '✗ 未填写数值' },
  outOfRange: { en: '✗ {0} is outside the valid range', 'zh-cn': '✗ {0} 超出有效范围' },
  range: { en: 'Valid range: {0}', 'zh-cn': '有效范围：{0}' },
  gradesRange: {
    en: 'Valid: a count per grade ({0}), at least 0, in steps of {1}',
    'zh-cn': '有效值：按等级（{0}）计数，不小于 0，步长 {1}',
  },
  counts: { en: 'Counts: {0}', 'zh-cn': '次数：{0}' },
  required: { en: 'Required by the profile.', 'zh-cn': '团队配置要求填写。' },
  unknown: { en: '**{0}**: not a metric of the team profile.', 'zh-cn': '**{0}**：不是团队配置中的指标。' },
} satisfies Record<string, Localized>;

export function hoverAt(report: Report, position: Position, profile: Profile): HoverInfo | undefined {
  // found by binary search (report-index.ts): the first title, else the first metric, at the position
  const title = titleAt(report, position);
  if (title) return { contents: titleHover(title), range: title.range };
  const metric = metricAt(report, position);
  if (metric) return { contents: metricHover(metric, profile), range: metric.range };
  return undefined;
}

// ------------------------------------------------------------------ week titles

function titleHover(t: WeekTitle): Localized {
  if (!t.valid || !isValidWeek(t)) return fmt(MSG.invalidWeek, t.text, t.year, t.week, weeksInYear(t.year));
  const week = { year: t.year, week: t.week };
  const parts: Localized[] = [fmt(MSG.week, formatIsoWeek(week), formatWeekRange(week))];
  const d = t.date;
  if (d) {
    const written = `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
    if (!d.valid || !isValidDate(d.year, d.month, d.day)) parts.push(fmt(MSG.invalidDate, d.raw));
    else {
      const actual = isoWeekOf(d);
      const monday = mondayOf(week);
      if (actual.year !== week.year || actual.week !== week.week) parts.push(fmt(MSG.dateOtherWeek, written, formatIsoWeek(actual), formatIsoWeek(week)));
      else if (monday.day !== d.day || monday.month !== d.month) {
        parts.push(fmt(MSG.dateNotMonday, written, `${monday.year}-${pad2(monday.month)}-${pad2(monday.day)}`));
      }
    }
  }
  return join(parts);
}

// ------------------------------------------------------------------ metrics

function metricHover(m: Metric, profile: Profile): Localized {
  const spec = m.id ? profile.metrics.find((s) => s.id === m.id) : undefined;
  if (!spec) return fmt(MSG.unknown, m.name);
  const heading = [fmt(MSG.metricTitle, m.name)];
  if (m.name !== spec.name) heading.push(fmt(MSG.alias, spec.name));
  if (spec.group) heading.push(fmt(MSG.group, spec.group));
  const lines: Localized[] = [];
  if (spec.unit === 'grades') {
    const grades = m.value.grades ?? [];
    if (grades.length) lines.push(fmt(MSG.counts, grades.map((g) => (Number.isFinite(g.count) ? `${g.grade} ${g.count}` : g.raw)).join(', ')));
    else lines.push(m.value.raw ? fmt(MSG.noValue, m.value.raw.replace(/`/g, "'")) : MSG.missingValue);
    lines.push(fmt(MSG.gradesRange, (spec.grades ?? []).join(', ') || '—', spec.step ?? 1));
  } else {
    const unit = spec.unit === 'percent' ? '%' : '';
    lines.push(spec.target && (spec.target.min !== undefined || spec.target.max !== undefined) ? fmt(MSG.target, bounds(spec.target, unit)) : MSG.noTarget);
    lines.push(metricStatus(m, spec, unit));
    const min = spec.min ?? (spec.unit === 'percent' ? 0 : undefined);
    const max = spec.max ?? (spec.unit === 'percent' ? 100 : undefined);
    if (min !== undefined || max !== undefined) lines.push(fmt(MSG.range, bounds({ min, max }, unit)));
  }
  if (spec.required) lines.push(MSG.required);
  const list = lines.map((l) => ({ en: `- ${l.en}`, 'zh-cn': `- ${l['zh-cn']}` }));
  return join([joinWith(heading, ' · '), joinWith(list, '\n')]);
}

function metricStatus(m: Metric, spec: MetricSpec, unit: string): Localized {
  const v = m.value;
  if (v.number === undefined || !Number.isFinite(v.number)) return v.raw ? fmt(MSG.noValue, v.raw.replace(/`/g, "'")) : MSG.missingValue;
  const shown = `${v.number}${unit}`;
  const min = spec.min ?? (spec.unit === 'percent' ? 0 : undefined);
  const max = spec.max ?? (spec.unit === 'percent' ? 100 : undefined);
  if ((min !== undefined && v.number < min) || (max !== undefined && v.number > max)) return fmt(MSG.outOfRange, shown);
  const t = spec.target;
  if (!t || (t.min === undefined && t.max === undefined)) return { en: shown, 'zh-cn': shown };
  if (t.min !== undefined && v.number < t.min) return fmt(MSG.below, shown);
  if (t.max !== undefined && v.number > t.max) return fmt(MSG.above, shown);
  return fmt(MSG.met, shown);
}

function bounds(b: { min?: number; max?: number }, unit: string): string {
  if (b.min !== undefined && b.max !== undefined) return `${b.min}${unit} – ${b.max}${unit}`;
  if (b.min !== undefined) return `≥ ${b.min}${unit}`;
  return `≤ ${b.max}${unit}`;
}

function joinWith(parts: Localized[], sep: string): Localized {
  return { en: parts.map((p) => p.en).join(sep), 'zh-cn': parts.map((p) => p['zh-cn']).join(sep) };
}

function join(parts: Localized[], sep = '\n\n'): Localized {
  return joinWith(parts, sep);
}
