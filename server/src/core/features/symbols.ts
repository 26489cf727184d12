/**
 * The outline of a report: week titles, their sections, and in each section what matters there
 * (projects and items; metrics under 系统运行数据; incidents under 生产事件; goals under the goals
 * and review sections). Plain data: the LSP adapter maps `kind` to a SymbolKind.
 */
import { fmt, type Locale, type Localized, pick } from '../l10n';
import type { Goal, Incident, Item, Metric, Report, Section, TextBlock, Week, WeekTitle } from '../model';
import type { Profile } from '../profile/schema';
import { comparePositions, type LineIndex, type Range } from '../text';
import { formatWeekRange, isValidWeek } from '../weeks';
import { perObjectKeyed } from './report-index';

export type OutlineKind = 'week' | 'section' | 'okr' | 'project' | 'item' | 'metric' | 'incident' | 'goal';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  /** the whole construct */
  range: Range;
  /** what to select and reveal (the title text, the name); always inside `range` */
  selectionRange: Range;
  children: OutlineSymbol[];
}

const MSG = {
  duplicate: { en: 'duplicate title', 'zh-cn': '重复的标题' },
  invalidWeek: { en: 'not a valid ISO week', 'zh-cn': '无效的 ISO 周' },
  metrics: { en: '{0} metrics', 'zh-cn': '{0} 项指标' },
  metric: { en: '1 metric', 'zh-cn': '1 项指标' },
  incidents: { en: '{0} incidents', 'zh-cn': '{0} 起事件' },
  incident: { en: '1 incident', 'zh-cn': '1 起事件' },
  goals: { en: '{0} goals', 'zh-cn': '{0} 项目标' },
  goal: { en: '1 goal', 'zh-cn': '1 项目标' },
  pending: { en: 'postmortem pending', 'zh-cn': '待复盘' },
  noTimestamp: { en: '(no timestamp)', 'zh-cn': '（无时间戳）' },
  done: { en: 'done', 'zh-cn': '已完成' },
  empty: { en: '(empty)', 'zh-cn': '（空）' },
};

const NAME_MAX = 40;

const outlines = new WeakMap<Report, Array<{ keys: readonly unknown[]; value: OutlineSymbol[] }>>();
const weekOutlines = new WeakMap<Week, Array<{ keys: readonly unknown[]; value: OutlineSymbol[] }>>();

/**
 * The hierarchical outline of `report`. A week without a title puts its sections at the top.
 * Built once per parsed report (and lines, profile, locale), from parts kept per parsed week: the
 * result is shared between calls and must not be modified.
 */
export function documentSymbols(report: Report, lines: LineIndex, profile: Profile, locale: Locale = 'en'): OutlineSymbol[] {
  return perObjectKeyed(outlines, report, [lines, profile, locale], () => {
    const out: OutlineSymbol[] = [];
    for (const week of report.weeks) for (const s of weekSymbols(week, lines, profile, locale)) out.push(s);
    return out;
  });
}

/**
 * The top-level symbols of one week. Kept per parsed week object (and profile, locale), so an
 * edit rebuilds only the weeks it changed: the parser keeps a week object only while the parts
 * it is built from are unchanged and unmoved, so the lines read here hold the same text.
 */
function weekSymbols(week: Week, lines: LineIndex, profile: Profile, locale: Locale): OutlineSymbol[] {
  return perObjectKeyed(weekOutlines, week, [profile, locale], () => {
    const firstLineRange = (r: Range): Range =>
      r.start.line === r.end.line ? r : { start: r.start, end: { line: r.start.line, character: lines.lineText(r.start.line).length } };
    const sections = week.sections.flatMap((s) => sectionSymbols(s, profile, locale, firstLineRange));
    if (!week.title) return sections.map(sanitize);
    const children = [...week.duplicateTitles.map((t) => titleSymbol(t, t.range, [], locale, true)), ...sections];
    return [sanitize(titleSymbol(week.title, week.range, children, locale, false))];
  });
}

function titleSymbol(title: WeekTitle, range: Range, children: OutlineSymbol[], locale: Locale, duplicate: boolean): OutlineSymbol {
  const valid = title.valid && isValidWeek(title);
  const detail = duplicate ? pick(MSG.duplicate, locale) : valid ? formatWeekRange(title) : pick(MSG.invalidWeek, locale);
  return { name: label(title.text, locale), detail, kind: 'week', range, selectionRange: title.textRange, children };
}

type LineOf = (r: Range) => Range;

function sectionSymbols(section: Section, profile: Profile, locale: Locale, lineOf: LineOf): OutlineSymbol[] {
  const children = sectionChildren(section, locale, lineOf);
  // the implicit key-work section (project items right under the title): its items stand alone
  if (!section.heading) return children;
  let detail: string | undefined;
  const count = (n: number, one: Localized, many: Localized) => pick(n === 1 ? one : fmt(many, n), locale);
  if (section.role === 'metrics') detail = count(section.metrics.length, MSG.metric, MSG.metrics);
  else if (section.role === 'incidents') detail = count(section.incidents.length, MSG.incident, MSG.incidents);
  else if (section.role === 'goals' || section.role === 'review') detail = count(section.goals.length, MSG.goal, MSG.goals);
  else if (section.role === 'okr' && section.okr) detail = `${profile.okr.prefix}${section.okr.number}`;
  return [
    {
      name: label(section.heading.name || section.heading.text, locale),
      detail,
      kind: section.role === 'okr' ? 'okr' : 'section',
      range: section.range,
      selectionRange: section.heading.textRange,
      children,
    },
  ];
}

function sectionChildren(section: Section, locale: Locale, lineOf: LineOf): OutlineSymbol[] {
  if (section.metrics.length > 0) return section.metrics.map(metricSymbol);
  if (section.incidents.length > 0) return section.incidents.map((i) => incidentSymbol(i, locale, lineOf));
  if (section.goals.length > 0) return section.goals.map((g) => goalSymbol(g, locale));
  return section.items.map((i) => itemSymbol(i, locale, lineOf));
}

function metricSymbol(m: Metric): OutlineSymbol {
  return { name: m.name || '?', detail: m.value.raw || undefined, kind: 'metric', range: m.range, selectionRange: m.nameRange, children: [] };
}

function incidentSymbol(i: Incident, locale: Locale, lineOf: LineOf): OutlineSymbol {
  const name = i.start ? i.start.raw : truncate(firstLine(i.text)) || pick(MSG.noTimestamp, locale);
  const rest = i.start ? i.text.slice(i.text.indexOf(i.start.raw) + i.start.raw.length) : '';
  const detail = i.pendingReview ? pick(MSG.pending, locale) : truncate(firstLine(rest.replace(/^[\s，,。:：]+/, '')));
  const selectionRange = i.start?.range ?? lineOf(i.range);
  return { name: label(name, locale), detail: detail || undefined, kind: 'incident', range: i.range, selectionRange, children: [] };
}

function goalSymbol(g: Goal, locale: Locale): OutlineSymbol {
  return {
    name: label(truncate(g.text), locale),
    detail: g.checked ? pick(MSG.done, locale) : undefined,
    kind: 'goal',
    range: g.range,
    selectionRange: g.textRange,
    children: [],
  };
}

function itemSymbol(item: Item, locale: Locale, lineOf: LineOf): OutlineSymbol {
  // a project's progress and plan are usually in its sub-items
  const blocks = item.project ? subtreeBlocks(item) : [item.text, ...item.blocks];
  const progress = blocks.flatMap((b) => b.progress)[0];
  const plan = blocks.flatMap((b) => b.plans)[0];
  const detail = [progress && `${progress.label}${progress.value}%`, plan?.raw].filter(Boolean).join(' · ') || undefined;
  if (item.project) {
    return { name: label(item.project.text, locale), detail, kind: 'project', range: item.range, selectionRange: item.project.range, children: [] };
  }
  return {
    name: label(truncate(firstLine(item.text.text)), locale),
    detail,
    kind: 'item',
    range: item.range,
    selectionRange: item.text.text.trim() ? item.text.range : lineOf(item.range),
    children: [],
  };
}

// ------------------------------------------------------------------ helpers

function subtreeBlocks(item: Item): TextBlock[] {
  return [item.text, ...item.blocks, ...item.children.flatMap(subtreeBlocks)];
}

function firstLine(s: string): string {
  return s.trim().split(/\r?\n/)[0]?.trim() ?? '';
}

/** at most NAME_MAX code points (never splits a surrogate pair) */
function truncate(s: string): string {
  const chars = Array.from(s.replace(/\s+/g, ' ').trim());
  return chars.length > NAME_MAX ? chars.slice(0, NAME_MAX - 1).join('') + '…' : chars.join('');
}

/** symbol names must not be empty (VS Code rejects the whole outline otherwise) */
function label(s: string, locale: Locale): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t || pick(MSG.empty, locale);
}

function union(a: Range, b: Range): Range {
  return {
    start: comparePositions(a.start, b.start) <= 0 ? a.start : b.start,
    end: comparePositions(a.end, b.end) >= 0 ? a.end : b.end,
  };
}

function contains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

/** Clients require selectionRange ⊆ range and children inside their parent: widen where needed. */
function sanitize(s: OutlineSymbol): OutlineSymbol {
  const children = s.children.map(sanitize);
  let range = s.range;
  const selectionRange = s.selectionRange;
  if (!contains(range, selectionRange)) range = union(range, selectionRange);
  for (const c of children) if (!contains(range, c.range)) range = union(range, c.range);
  return { ...s, range, selectionRange, children };
}
