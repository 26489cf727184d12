/**
 * Trends across the weeks of a workspace (see docs/trends.md): each profile metric per week, the
 * incident counts by grade and the incident entries per week, and the progress curve of every
 * project item. Pure: an index in, plain data out; charts, CSV and JSON are the adapters' job.
 *
 * Choices (documented in docs/trends.md):
 * - The week axis is continuous: every ISO week from the first to the last report (or `from`..`to`).
 *   A week without a report is a gap: it is listed in `gaps` and its metric points have
 *   `value: null` (a chart breaks its line there instead of drawing across).
 * - A week claimed by several files (a duplicate week, WR006) counts once: the file whose name is
 *   that week under the profile's file pattern wins, else the first by uri. The others are listed
 *   in `duplicates` so the reader can see which file was used.
 * - A metric written twice in one week (WR024) counts with its first occurrence; a value that is
 *   not a number (`N/A`, `xx%`) is a point with `value: null` and its raw text kept.
 */
import type { Incident, Metric, Week } from '../model';
import type { MetricSpec, Profile } from '../profile/schema';
import { addWeeks, compareWeeks, formatIsoWeek, weekFromFileName, type IsoWeek } from '../weeks';
import type { WeekEntry, WorkspaceIndex } from '../workspace';
import { keyedProgress } from '../workspace/match';

export interface Source {
  uri: string;
  /** 0-based line */
  line: number;
}

export interface MetricPoint extends Partial<Source> {
  week: string;
  /** null: a gap week, the metric missing from that week's report, or a value that is not a number */
  value: number | null;
  /** the value as written (absent when the metric is not in the report) */
  raw?: string;
  /** below the profile's target (or above its maximum target) */
  belowTarget: boolean;
  /** the week has a report but this metric is not in it */
  missing: boolean;
}

export interface MetricSeries {
  id: string;
  name: string;
  unit: MetricSpec['unit'];
  target?: { min?: number; max?: number };
  /** one point per week of the axis, in order */
  points: MetricPoint[];
  /** weeks (of the axis) with a report but no value for this metric */
  missingWeeks: string[];
  belowTargetWeeks: string[];
}

export interface IncidentEntry extends Source {
  week: string;
  /** `3/21 15:43` as written, when the entry starts with a timestamp */
  stamp?: string;
  /** the start as month, day, hour, minute (to match follow-ups in later weeks) */
  when?: { month: number; day: number; hour: number; minute: number };
  /** the entry's first clause, at most 60 characters */
  summary: string;
  pendingReview: boolean;
}

export interface IncidentWeek extends Partial<Source> {
  week: string;
  /** counts by grade from the incident-count metric (`AB: 0, CD: 1`); empty when not reported */
  grades: Record<string, number>;
  /** the incident-count metric was in the report */
  reported: boolean;
  entries: IncidentEntry[];
}

export interface ProgressPoint extends Source {
  week: string;
  value: number;
}

export interface ProgressSeries {
  /** the item key (workspace/match.ts) */
  key: string;
  project?: string;
  lead: string;
  label: string;
  /** what a chart shows: `【贝易转】 进度` or `物保三期 进度` */
  name: string;
  /** only the weeks that state the figure, in order */
  points: ProgressPoint[];
}

export interface DuplicateWeek {
  week: string;
  /** the file whose values are used */
  used: string;
  ignored: string[];
}

export interface Trends {
  /** the week axis: every ISO week from the first to the last, in order */
  weeks: string[];
  /** weeks of the axis without any report */
  gaps: string[];
  duplicates: DuplicateWeek[];
  /** the report used for each week of the axis that has one */
  sources: Record<string, string>;
  metrics: MetricSeries[];
  /** the id of the grades metric the incident counts come from, if the profile has one */
  incidentMetric?: string;
  /** every grade seen or expected, in order (profile grades first) */
  grades: string[];
  incidents: IncidentWeek[];
  progress: ProgressSeries[];
}

export interface TrendOptions {
  from?: IsoWeek;
  to?: IsoWeek;
}

/** `2024-W01`, `2024w1` → an ISO week (not validated against the calendar). */
export function parseWeekArg(s: string): IsoWeek | undefined {
  const m = /^(\d{4})-?[wW](\d{1,2})$/.exec(s.trim());
  return m ? { year: Number(m[1]), week: Number(m[2]) } : undefined;
}

/** The entry used for a week claimed by several files (see the module comment). */
export function preferredEntry(entries: readonly WeekEntry[], profile: Profile): WeekEntry {
  const named = entries.find((e) => {
    const w = weekFromFileName(e.uri, profile);
    return w !== undefined && compareWeeks(w, e.iso) === 0;
  });
  return named ?? entries[0];
}

/** One entry per titled week in [from, to], in week order, and the duplicates that were set aside. */
export function weeklyEntries(index: WorkspaceIndex, profile: Profile, options: TrendOptions = {}): { entries: WeekEntry[]; duplicates: DuplicateWeek[] } {
  const all = index.weeks().filter((e) => (!options.from || compareWeeks(e.iso, options.from) >= 0) && (!options.to || compareWeeks(e.iso, options.to) <= 0));
  const entries: WeekEntry[] = [];
  const duplicates: DuplicateWeek[] = [];
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && compareWeeks(all[j].iso, all[i].iso) === 0) j++;
    const group = all.slice(i, j);
    const used = preferredEntry(group, profile);
    entries.push(used);
    const ignored = [...new Set(group.filter((e) => e !== used).map((e) => e.uri))];
    if (ignored.length > 0) duplicates.push({ week: formatIsoWeek(used.iso), used: used.uri, ignored });
    i = j;
  }
  return { entries, duplicates };
}

/** Every week from `from` to `to` inclusive (empty when `to` is before `from`; capped at 10 years). */
export function weekRange(from: IsoWeek, to: IsoWeek): IsoWeek[] {
  const out: IsoWeek[] = [];
  for (let w = from; compareWeeks(w, to) <= 0 && out.length < 530; w = addWeeks(w, 1)) out.push(w);
  return out;
}

export function weekMetrics(week: Week): Metric[] {
  return week.sections.filter((s) => s.role === 'metrics').flatMap((s) => s.metrics);
}

export function weekIncidents(week: Week): Incident[] {
  return week.sections.flatMap((s) => s.incidents);
}

export function isBelowTarget(value: number | undefined, target: MetricSpec['target']): boolean {
  if (value === undefined || !Number.isFinite(value) || !target) return false;
  return (target.min !== undefined && value < target.min) || (target.max !== undefined && value > target.max);
}

/** The incident entry's first clause (after the timestamp and tags), at most 60 characters. */
export function incidentSummary(incident: Incident): string {
  let t = incident.text;
  if (incident.start) {
    const at = t.indexOf(incident.start.raw);
    if (at >= 0) t = t.slice(at + incident.start.raw.length);
  }
  t = t
    .replace(/【[^】\n]{0,20}】/gu, ' ')
    .replace(/^[\s，,：:]*(\d{1,2}:\d{2}[\s，,]*)?/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  const clause = t.split(/[。；;]/u)[0].trim();
  return [...clause].slice(0, 60).join('');
}

export function incidentEntry(week: string, uri: string, incident: Incident): IncidentEntry {
  const s = incident.start;
  return {
    week,
    uri,
    line: incident.range.start.line,
    stamp: s?.raw,
    when: s ? { month: s.month, day: s.day, hour: s.hour, minute: s.minute } : undefined,
    summary: incidentSummary(incident),
    pendingReview: incident.pendingReview,
  };
}

/** The trends of the index's weeks (optionally limited to `from`..`to`). */
export function computeTrends(index: WorkspaceIndex, profile: Profile, options: TrendOptions = {}): Trends {
  const { entries, duplicates } = weeklyEntries(index, profile, options);
  const byWeek = new Map(entries.map((e) => [formatIsoWeek(e.iso), e]));
  const first = options.from ?? entries[0]?.iso;
  const last = options.to ?? entries.at(-1)?.iso;
  const axis = first && last ? weekRange(first, last).map(formatIsoWeek) : [];
  const gaps = axis.filter((w) => !byWeek.has(w));
  const sources: Record<string, string> = {};
  for (const [w, e] of byWeek) sources[w] = e.uri;

  const metrics: MetricSeries[] = profile.metrics
    .filter((spec) => spec.unit !== 'grades')
    .map((spec) => {
      const points: MetricPoint[] = axis.map((week) => {
        const e = byWeek.get(week);
        if (!e) return { week, value: null, belowTarget: false, missing: false };
        const m = weekMetrics(e.week).find((x) => x.id === spec.id);
        if (!m) return { week, value: null, belowTarget: false, missing: true, uri: e.uri };
        const value = m.value.number !== undefined && Number.isFinite(m.value.number) ? m.value.number : null;
        return { week, value, raw: m.value.raw, belowTarget: isBelowTarget(value ?? undefined, spec.target), missing: false, uri: e.uri, line: m.line };
      });
      return {
        id: spec.id,
        name: spec.name,
        unit: spec.unit,
        target: spec.target,
        points,
        missingWeeks: points.filter((p) => p.missing).map((p) => p.week),
        belowTargetWeeks: points.filter((p) => p.belowTarget).map((p) => p.week),
      };
    });

  const gradeSpec = profile.metrics.find((m) => m.unit === 'grades');
  const grades = [...(gradeSpec?.grades ?? [])];
  const incidents: IncidentWeek[] = [];
  for (const week of axis) {
    const e = byWeek.get(week);
    if (!e) continue;
    const counts: Record<string, number> = {};
    const m = gradeSpec ? weekMetrics(e.week).find((x) => x.id === gradeSpec.id) : undefined;
    for (const g of m?.value.grades ?? []) {
      if (!Number.isFinite(g.count)) continue;
      counts[g.grade] = (counts[g.grade] ?? 0) + g.count;
      if (!grades.includes(g.grade)) grades.push(g.grade);
    }
    incidents.push({
      week,
      grades: counts,
      reported: m !== undefined,
      uri: e.uri,
      line: m?.line,
      entries: weekIncidents(e.week).map((i) => incidentEntry(week, e.uri, i)),
    });
  }

  const progress = new Map<string, ProgressSeries>();
  for (const week of axis) {
    const e = byWeek.get(week);
    if (!e) continue;
    for (const [key, kp] of keyedProgress(e.week)) {
      let s = progress.get(key);
      if (!s) {
        const name = [kp.project ? `【${kp.project}】` : '', kp.lead, kp.progress.label].filter((x) => x !== '').join(' ');
        s = { key, project: kp.project, lead: kp.lead, label: kp.progress.label, name, points: [] };
        progress.set(key, s);
      }
      s.points.push({ week, value: kp.progress.value, uri: e.uri, line: kp.progress.range.start.line });
    }
  }

  return {
    weeks: axis,
    gaps,
    duplicates,
    sources,
    metrics,
    incidentMetric: gradeSpec?.id,
    grades,
    incidents,
    progress: [...progress.values()],
  };
}
