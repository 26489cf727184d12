/**
 * Roll-up: a Markdown draft summarising the weekly reports of a month, quarter or half-year, in the
 * dialect's style (Chinese headings in 【】, `- NAME：VALUE` metric lines, incidents with their
 * timestamps). Pure: the index in, text out. See docs/trends.md.
 *
 * Which weeks belong to a period: the ISO weeks whose THURSDAY falls in it. This is the ISO 8601
 * rule that assigns a week to a year, applied to months: every week belongs to exactly one month,
 * quarter and half (2024-W26, Mon 6/24 – Sun 6/30, is June; 2024-W27, Mon 7/1, Thu 7/4, is July;
 * 2024-W31, Mon 7/29 – Sun 8/4, Thu 8/1, is August), and the months of a quarter add up to it.
 */
import type { Localized } from '../l10n';
import type { Profile } from '../profile/schema';
import { addWeeks, compareWeeks, formatIsoWeek, isoWeekOf, mondayOf, type IsoWeek } from '../weeks';
import type { WorkspaceIndex } from '../workspace';
import { normalizeText } from '../workspace/match';
import { computeTrends, incidentEntry, weeklyEntries, type IncidentEntry, type Trends } from './trends';

export interface Period {
  kind: 'month' | 'quarter' | 'half';
  year: number;
  /** month 1..12, quarter 1..4 or half 1..2 */
  n: number;
  /** `2024-06`, `2024-Q2`, `2024-H1` */
  label: string;
  /** first and last ISO week of the period (Thursday rule) */
  from: IsoWeek;
  to: IsoWeek;
}

export const ROLLUP_MESSAGES = {
  badPeriod: {
    en: 'Not a period: {0} (expected 2024-06, 2024-Q2 or 2024-H1).',
    'zh-cn': '不是有效的周期：{0}（应为 2024-06、2024-Q2 或 2024-H1）。',
  },
  noReports: {
    en: 'No report of {0} ({1} – {2}) in the folder.',
    'zh-cn': '目录中没有 {0}（{1} – {2}）的周报。',
  },
} satisfies Record<string, Localized>;

/** The first ISO week whose Thursday is on or after the given date. */
function firstWeekFrom(year: number, month: number): IsoWeek {
  const w = isoWeekOf({ year, month, day: 1 });
  const m = mondayOf(w);
  const thursday = new Date(m.year, m.month - 1, m.day + 3);
  const inMonth = thursday.getFullYear() > year || (thursday.getFullYear() === year && thursday.getMonth() + 1 >= month);
  return inMonth ? w : addWeeks(w, 1);
}

/** The period of months `firstMonth`..`lastMonth` of a year (lastMonth may be 12). */
function monthsPeriod(kind: Period['kind'], year: number, n: number, label: string, firstMonth: number, lastMonth: number): Period {
  const from = firstWeekFrom(year, firstMonth);
  const next = lastMonth === 12 ? firstWeekFrom(year + 1, 1) : firstWeekFrom(year, lastMonth + 1);
  return { kind, year, n, label, from, to: addWeeks(next, -1) };
}

/** `2024-06` / `2024-6`, `2024-Q2` / `2024q2`, `2024-H1` / `2024h1`; undefined when none of these. */
export function parsePeriod(s: string, kind?: Period['kind']): Period | undefined {
  const t = s.trim();
  let m: RegExpExecArray | null;
  if ((kind === undefined || kind === 'month') && (m = /^(\d{4})-(\d{1,2})$/.exec(t))) {
    const [year, month] = [Number(m[1]), Number(m[2])];
    if (month < 1 || month > 12) return undefined;
    return monthsPeriod('month', year, month, `${year}-${String(month).padStart(2, '0')}`, month, month);
  }
  if ((kind === undefined || kind === 'quarter') && (m = /^(\d{4})-?[qQ]([1-4])$/.exec(t))) {
    const [year, q] = [Number(m[1]), Number(m[2])];
    return monthsPeriod('quarter', year, q, `${year}-Q${q}`, 3 * q - 2, 3 * q);
  }
  if ((kind === undefined || kind === 'half') && (m = /^(\d{4})-?[hH]([12])$/.exec(t))) {
    const [year, h] = [Number(m[1]), Number(m[2])];
    return monthsPeriod('half', year, h, `${year}-H${h}`, 6 * h - 5, 6 * h);
  }
  return undefined;
}

/** `2024年6月`, `2024年第二季度`, `2024年上半年` */
export function periodTitle(p: Period): string {
  if (p.kind === 'month') return `${p.year}年${p.n}月`;
  if (p.kind === 'quarter') return `${p.year}年第${'一二三四'[p.n - 1]}季度`;
  return `${p.year}年${p.n === 1 ? '上' : '下'}半年`;
}

const KIND_WORD: Record<Period['kind'], string> = { month: '月度', quarter: '季度', half: '半年度' };

export interface FollowUp {
  week: string;
  uri: string;
  line: number;
  /** the later mention is a checked review task, or an incident entry no longer tagged */
  done: boolean;
}

export interface RollupIncident extends IncidentEntry {
  /** the first later week (anywhere in the workspace) that mentions this incident's timestamp */
  followUp?: FollowUp;
}

export interface RollupGoal {
  text: string;
  /** the week whose goals list it first appears in */
  week: string;
  /** listed again in the goals of a later week of the period */
  carriedOver: boolean;
  /** already in the goals of the last report before the period */
  fromEarlier: boolean;
  /** checked off (`- [x]`) in a later week's review section */
  done: boolean;
}

export interface RollupProject {
  name: string;
  /** `【聚合收银台】前端改版` (project and leading text) and the progress label (`进度`) */
  item: string;
  label: string;
  start: { week: string; value: number };
  end: { week: string; value: number };
}

export interface MetricSummary {
  id: string;
  name: string;
  unit: string;
  target?: { min?: number; max?: number };
  count: number;
  min?: { value: number; week: string };
  max?: { value: number; week: string };
  mean?: number;
  belowTarget: string[];
  missing: string[];
}

export interface Rollup {
  period: Period;
  trends: Trends;
  /** weeks of the period that have a report */
  reported: string[];
  metrics: MetricSummary[];
  /** summed incident counts by grade over the period */
  gradeTotals: Record<string, number>;
  incidents: RollupIncident[];
  goals: RollupGoal[];
  projects: RollupProject[];
  markdown: string;
}

function sameStamp(e: IncidentEntry, month: number, day: number, hour: number, minute: number): boolean {
  return e.when !== undefined && e.when.month === month && e.when.day === day && e.when.hour === hour && e.when.minute === minute;
}

const STAMP_IN_TEXT = /(\d{1,2})\/(\d{1,2})\s+(\d{1,2}):(\d{2})/gu;

/** The first later week that mentions the incident: a review task with its timestamp, or the same incident again. */
function findFollowUp(index: WorkspaceIndex, profile: Profile, entry: IncidentEntry): FollowUp | undefined {
  if (!entry.when) return undefined;
  const { month, day, hour, minute } = entry.when;
  const [y, wk] = entry.week.split('-W').map(Number);
  const { entries } = weeklyEntries(index, profile, { from: addWeeks({ year: y, week: wk }, 1) });
  for (const e of entries) {
    const week = formatIsoWeek(e.iso);
    for (const s of e.week.sections) {
      if (s.role === 'review') {
        for (const g of s.goals) {
          for (const m of g.text.matchAll(STAMP_IN_TEXT)) {
            if (Number(m[1]) === month && Number(m[2]) === day && Number(m[3]) === hour && Number(m[4]) === minute) {
              return { week, uri: e.uri, line: g.range.start.line, done: g.checked === true };
            }
          }
        }
      }
      for (const inc of s.incidents) {
        const later = incidentEntry(week, e.uri, inc);
        if (sameStamp(later, month, day, hour, minute)) return { week, uri: e.uri, line: later.line, done: !later.pendingReview };
      }
    }
  }
  return undefined;
}

/** `99.97`, `99.9683` (at most `decimals` places, no trailing zeros) */
function num(n: number, decimals = 4): string {
  return String(Number(n.toFixed(decimals)));
}

function targetText(t: { min?: number; max?: number } | undefined, unit: string): string {
  if (!t) return '';
  const u = unit === 'percent' ? '%' : '';
  const parts = [t.min !== undefined ? `≥${num(t.min)}${u}` : '', t.max !== undefined ? `≤${num(t.max)}${u}` : ''].filter(Boolean);
  return parts.join('，');
}

export function computeRollup(index: WorkspaceIndex, profile: Profile, period: Period): Rollup {
  const trends = computeTrends(index, profile, { from: period.from, to: period.to });
  const reported = trends.weeks.filter((w) => !trends.gaps.includes(w));

  const metrics: MetricSummary[] = trends.metrics.map((s) => {
    const values = s.points.filter((p): p is typeof p & { value: number } => p.value !== null);
    let min: MetricSummary['min'];
    let max: MetricSummary['max'];
    for (const p of values) {
      if (!min || p.value < min.value) min = { value: p.value, week: p.week };
      if (!max || p.value > max.value) max = { value: p.value, week: p.week };
    }
    const mean = values.length > 0 ? values.reduce((a, p) => a + p.value, 0) / values.length : undefined;
    return { id: s.id, name: s.name, unit: s.unit, target: s.target, count: values.length, min, max, mean, belowTarget: s.belowTargetWeeks, missing: s.missingWeeks };
  });

  const gradeTotals: Record<string, number> = {};
  for (const g of trends.grades) gradeTotals[g] = 0;
  for (const w of trends.incidents) for (const [g, c] of Object.entries(w.grades)) gradeTotals[g] = (gradeTotals[g] ?? 0) + c;

  // an incident reported in two weeks (the week it happened and the next) is listed once
  const incidents: RollupIncident[] = [];
  for (const w of trends.incidents) {
    for (const e of w.entries) {
      const same = e.when ? incidents.find((x) => x.when && sameStamp(x, e.when!.month, e.when!.day, e.when!.hour, e.when!.minute)) : undefined;
      if (same) {
        if (e.pendingReview && !same.pendingReview) same.pendingReview = true;
        continue;
      }
      incidents.push({ ...e, followUp: e.pendingReview ? findFollowUp(index, profile, e) : undefined });
    }
  }
  // a pending incident whose later mention lies inside the period: the follow-up is that mention
  for (const i of incidents) if (i.pendingReview && !i.followUp) i.followUp = findFollowUp(index, profile, i);

  const goals: RollupGoal[] = [];
  const { entries } = weeklyEntries(index, profile, { from: period.from, to: period.to });
  const laterReviews = weeklyEntries(index, profile, { from: addWeeks(period.from, 1), to: addWeeks(period.to, 1) }).entries;
  const before = index.previousWeek(period.from);
  const earlier = new Set(before ? before.week.sections.filter((x) => x.role === 'goals').flatMap((x) => x.goals.map((g) => normalizeText(g.text))) : []);
  for (const e of entries) {
    const week = formatIsoWeek(e.iso);
    for (const s of e.week.sections.filter((x) => x.role === 'goals')) {
      for (const g of s.goals) {
        const text = g.text.trim();
        if (!text) continue;
        const key = normalizeText(text);
        const existing = goals.find((x) => normalizeText(x.text) === key);
        if (existing) {
          existing.carriedOver = true;
          continue;
        }
        goals.push({ text, week, carriedOver: false, fromEarlier: earlier.has(key), done: false });
      }
    }
  }
  for (const e of laterReviews) {
    for (const s of e.week.sections.filter((x) => x.role === 'review')) {
      for (const g of s.goals) {
        if (g.checked !== true) continue;
        const goal = goals.find((x) => normalizeText(x.text) === normalizeText(g.text));
        if (goal && compareWeeks(e.iso, parseIso(goal.week)) > 0) goal.done = true;
      }
    }
  }

  const projects: RollupProject[] = trends.progress
    .filter((p) => p.points.length > 0)
    .map((p) => ({ name: p.name, item: `${p.project ? `【${p.project}】` : ''}${p.lead}`, label: p.label, start: { week: p.points[0].week, value: p.points[0].value }, end: { week: p.points.at(-1)!.week, value: p.points.at(-1)!.value } }));

  const rollup: Rollup = { period, trends, reported, metrics, gradeTotals, incidents, goals, projects, markdown: '' };
  rollup.markdown = rollupMarkdown(rollup, profile);
  return rollup;
}

function parseIso(week: string): IsoWeek {
  const [y, w] = week.split('-W').map(Number);
  return { year: y, week: w };
}

function fileName(uri: string): string {
  return uri.split('/').pop() ?? uri;
}

/** The draft (Chinese, in the dialect's style). */
export function rollupMarkdown(r: Rollup, profile: Profile): string {
  const { period, trends } = r;
  const L: string[] = [];
  const range = `${formatIsoWeek(period.from)} – ${formatIsoWeek(period.to)}`;
  L.push(`# ${periodTitle(period)}${KIND_WORD[period.kind]}总结（${range}）`, '');
  L.push(`> 草稿：由 zhoubao 根据 ${r.reported.length} 份周报生成（${r.reported.join('、') || '无'}）。`);
  if (trends.gaps.length > 0) L.push(`> 缺少周报：${trends.gaps.join('、')}。`);
  for (const d of trends.duplicates) L.push(`> ${d.week} 有多份周报，采用 ${fileName(d.used)}（未采用：${d.ignored.map(fileName).join('、')}）。`);
  L.push('');

  // metrics, grouped as in the reports
  L.push('## 【系统运行数据】');
  let group: string | undefined;
  for (const m of r.metrics) {
    const spec = profile.metrics.find((x) => x.id === m.id);
    if (spec?.group && spec.group !== group) {
      group = spec.group;
      L.push(`${group}：`);
    }
    const u = m.unit === 'percent' ? '%' : '';
    if (m.count === 0) {
      if (spec?.required) L.push(`- ${m.name}：无数据`);
      continue;
    }
    let line = `- ${m.name}：最低${num(m.min!.value)}${u}（${m.min!.week}），平均${num(m.mean!)}${u}，最高${num(m.max!.value)}${u}（${m.max!.week}）`;
    const t = targetText(m.target, m.unit);
    if (t) line += m.belowTarget.length > 0 ? `；${m.belowTarget.length}周未达标（目标${t}）：${m.belowTarget.join('、')}` : `；各周均达标（目标${t}）`;
    if (m.missing.length > 0) line += `；未填写：${m.missing.join('、')}`;
    L.push(line);
  }
  const gradeSpec = profile.metrics.find((x) => x.unit === 'grades');
  if (gradeSpec) {
    if (gradeSpec.group && gradeSpec.group !== group) L.push(`${gradeSpec.group}：`);
    const parts = trends.grades.map((g) => `${g}级${num(r.gradeTotals[g] ?? 0, 1)}次`);
    L.push(`- ${gradeSpec.name}${parts.join('，')}（${r.reported.length}周合计）`);
  }
  L.push('');

  L.push('## 【生产事件】');
  if (r.incidents.length === 0) L.push('暂无');
  const tag = `【${profile.incidents.pendingTag}】`;
  for (const i of r.incidents) {
    let line = `- ${i.stamp ?? '（无时间）'} ${i.summary}`.trimEnd();
    if (i.pendingReview) {
      line += ` ${tag}`;
      const f = i.followUp;
      line += f ? (f.done ? `（${f.week} 已复盘）` : `（${f.week} 已跟进，仍待复盘）`) : '（之后的周报未跟进）';
    }
    line += `（${i.week}）`;
    L.push(line);
  }
  L.push('');

  L.push('## 【重点工作】');
  if (r.projects.length === 0) L.push('暂无');
  for (const p of r.projects) {
    L.push(
      p.start.week === p.end.week
        ? `- ${p.item}：${p.label}${num(p.end.value)}%（${p.end.week}）`
        : `- ${p.item}：${p.label}${num(p.start.value)}% → ${num(p.end.value)}%（${p.start.week} → ${p.end.week}）`,
    );
  }
  L.push('');

  L.push('## 【目标回顾】');
  if (r.goals.length === 0) L.push('暂无');
  for (const g of r.goals) {
    const notes = [g.fromEarlier ? `延续自上期，${g.week} 仍列入` : `${g.week} 设定`, g.carriedOver ? '后续周延续' : '', g.done ? '已完成' : ''].filter(Boolean).join('，');
    L.push(`- [${g.done ? 'x' : ' '}] ${g.text}（${notes}）`);
  }
  L.push('');
  return L.join('\n');
}
