/**
 * Position lookups over one parsed report, for the features asked at a cursor (completion, hover,
 * hover with history): which week, section, title or metric is at a position, found by binary
 * search instead of a walk over the whole model. A year of reports in one file has some 150
 * weeks and thousands of metrics; a request must not grow with that.
 *
 * Every lookup answers exactly what a walk in model order answers (the first match in that order,
 * or the last, as the walk it replaces did). What it keeps is built once per parsed report, part
 * by part on first use, in a WeakMap: parsed reports are never mutated and there is one per
 * document version, so an entry stays right for as long as its report lives (the pattern of
 * `core/memo.ts`). Building a part costs about what one request used to cost (one pass over
 * the weeks, the sections or the metrics), so the first request on a new version is no slower
 * than before, and every later one is a binary search.
 *
 * Binary search needs the model in document order. The parser emits weeks, titles, sections
 * (week after week) and metrics in document order; the index checks the order of what it
 * searches, and where it does not hold (a model built by hand) the lookups walk the model.
 *
 * `reportIndexing.enabled = false` walks the model for every lookup and keeps nothing per report
 * (also the outline and folding caches): the differential test compares both.
 */
import type { Item, Metric, Report, Section, Week, WeekTitle } from '../model';
import { comparePositions, countAtOrBelow, rangeContains, type Position, type Range } from '../text';
import { perContent } from '../memo';

export const reportIndexing = { enabled: true };

/** A value derived from a parsed report only, computed once per report object. */
export function perReport<T>(cache: WeakMap<Report, T>, report: Report, compute: (report: Report) => T): T {
  if (!reportIndexing.enabled) return compute(report);
  let value = cache.get(report);
  if (value === undefined) cache.set(report, (value = compute(report)));
  return value;
}

/**
 * Values that depend on a parsed object (a report, a week) and on a few other objects (a
 * profile, a locale, a LineIndex): kept per parsed object, then matched by identity of the other
 * keys (a handful per object at most).
 */
export function perObjectKeyed<O extends object, T>(cache: WeakMap<O, Array<{ keys: readonly unknown[]; value: T }>>, owner: O, keys: readonly unknown[], compute: () => T): T {
  if (!reportIndexing.enabled) return compute();
  let entries = cache.get(owner);
  if (!entries) cache.set(owner, (entries = []));
  const hit = entries.find((e) => e.keys.length === keys.length && e.keys.every((k, i) => k === keys[i]));
  if (hit) return hit.value;
  const value = compute();
  // a parsed object is asked with the same few keys: more variants means a key varies per call
  if (entries.length >= 4) entries.shift();
  entries.push({ keys, value });
  return value;
}

// ------------------------------------------------------------------ ranges in model order

/** A position the binary searches can order (not NaN; anything else walks the list). */
function orderable(pos: Position): boolean {
  return typeof pos?.line === 'number' && typeof pos.character === 'number' && !Number.isNaN(pos.line) && !Number.isNaN(pos.character);
}

/**
 * Items with ranges, in model order. `first(pos)` is `items.find((x) => rangeContains(range(x), pos))`
 * and `containing(pos)` is `items.filter(…)`, found by binary search when the starts are in order:
 * the items starting at or before `pos` are then a prefix, and among them the first whose end
 * reaches `pos` is the first where the running maximum of the ends reaches it.
 */
export class RangeList<T> {
  private readonly starts: Position[] = [];
  private readonly ends: Position[] = [];
  /** running maximum of the ends */
  private readonly reach: Position[] = [];
  readonly ordered: boolean;

  constructor(
    readonly items: readonly T[],
    private readonly rangeOf: (item: T) => Range,
  ) {
    let ordered = true;
    for (let i = 0; i < items.length; i++) {
      const r = rangeOf(items[i]);
      if (!orderable(r.start) || !orderable(r.end)) ordered = false;
      this.starts.push(r.start);
      this.ends.push(r.end);
      this.reach.push(i > 0 && comparePositions(this.reach[i - 1], r.end) >= 0 ? this.reach[i - 1] : r.end);
      if (i > 0 && !(comparePositions(this.starts[i - 1], r.start) <= 0)) ordered = false;
    }
    this.ordered = ordered;
  }

  first(pos: Position): T | undefined {
    if (!this.ordered || !orderable(pos)) return this.items.find((x) => rangeContains(this.rangeOf(x), pos));
    const i = this.firstIndex(pos);
    return i < 0 ? undefined : this.items[i];
  }

  /** every item whose range contains `pos`, in model order */
  containing(pos: Position): T[] {
    if (!this.ordered || !orderable(pos)) return this.items.filter((x) => rangeContains(this.rangeOf(x), pos));
    const i = this.firstIndex(pos);
    if (i < 0) return [];
    const out: T[] = [];
    const last = this.lastStartAtOrBefore(pos);
    for (let j = i; j <= last; j++) if (comparePositions(pos, this.ends[j]) <= 0) out.push(this.items[j]);
    return out;
  }

  /** the last index whose start is at or before `pos` (-1 when none) */
  private lastStartAtOrBefore(pos: Position): number {
    let lo = 0;
    let hi = this.starts.length; // first index starting after pos
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comparePositions(this.starts[mid], pos) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  private firstIndex(pos: Position): number {
    const last = this.lastStartAtOrBefore(pos);
    if (last < 0 || comparePositions(pos, this.reach[last]) > 0) return -1;
    let lo = 0;
    let hi = last; // the running maximum reaches pos at `last` at the latest
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comparePositions(pos, this.reach[mid]) <= 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

// ------------------------------------------------------------------ the per-report index

/**
 * What the lookups keep per report, each part built on first use: the week-level parts cost one
 * pass over the weeks and titles (some 150 at 1 MB); only hover's list of every metric passes
 * over all sections, once per report (a request used to walk them every time).
 */
class ReportIndex {
  constructor(private readonly report: Report) {}

  private weekLinesValue?: number[] | null;
  /** week start lines, when the weeks are in document order (else null) */
  get weekLines(): number[] | null {
    return (this.weekLinesValue ??= ordered(this.report.weeks.map((w) => w.range.start.line)));
  }

  private sectionWeeksValue?: { weeks: number[]; first: number[] } | null;
  /**
   * The weeks that have sections (their indexes) and the line of each one's first section, when
   * all sections, week after week, are in order of their lines (else null). One pass over the
   * sections per report: what one request used to cost.
   */
  get sectionWeeks(): { weeks: number[]; first: number[] } | null {
    if (this.sectionWeeksValue === undefined) {
      const weeks: number[] = [];
      const first: number[] = [];
      let previous = -Infinity;
      this.sectionWeeksValue = { weeks, first };
      check: for (let w = 0; w < this.report.weeks.length; w++) {
        const sections = this.report.weeks[w].sections;
        for (let i = 0; i < sections.length; i++) {
          const line = sectionLine(sections[i]);
          if (!(previous <= line)) {
            this.sectionWeeksValue = null;
            break check;
          }
          previous = line;
          if (i === 0) {
            weeks.push(w);
            first.push(line);
          }
        }
      }
    }
    return this.sectionWeeksValue;
  }

  private titleLinesValue?: number[] | null;
  /** title start lines, when in document order (else null) */
  get titleLines(): number[] | null {
    return (this.titleLinesValue ??= ordered(this.report.titles.map((t) => t.range.start.line)));
  }

  private titlesValue?: RangeList<WeekTitle>;
  get titles(): RangeList<WeekTitle> {
    return (this.titlesValue ??= new RangeList(this.report.titles, (t) => t.range));
  }

  private metricsValue?: RangeList<Metric>;
  /** every metric, weeks, sections and metrics in model order */
  get metrics(): RangeList<Metric> {
    if (!this.metricsValue) {
      const metrics: Metric[] = [];
      for (const week of this.report.weeks) for (const section of week.sections) for (const m of section.metrics) metrics.push(m);
      this.metricsValue = new RangeList(metrics, (m) => m.range);
    }
    return this.metricsValue;
  }

  private titledValue?: { weeks: Week[]; lines: number[] | null; byRange: RangeList<Week> };
  /** the weeks with a valid title: their start lines (when in order), their ranges */
  get titled(): { weeks: Week[]; lines: number[] | null; byRange: RangeList<Week> } {
    if (!this.titledValue) {
      const weeks = this.report.weeks.filter((w) => w.title?.valid);
      this.titledValue = { weeks, lines: ordered(weeks.map((w) => w.range.start.line)), byRange: new RangeList(weeks, (w) => w.range) };
    }
    return this.titledValue;
  }
}

const indexes = new WeakMap<Report, ReportIndex>();

/** `xs` when non-decreasing, else null */
function ordered(xs: number[]): number[] | null {
  for (let i = 1; i < xs.length; i++) if (!(xs[i - 1] <= xs[i])) return null;
  return xs;
}

function sectionLine(s: Section): number {
  return (s.heading?.range ?? s.range).start.line;
}

function indexOf(report: Report): ReportIndex {
  return perReport(indexes, report, (r) => new ReportIndex(r));
}

/** a line the binary searches can order (not NaN; anything else walks the model) */
const isLine = (line: number): boolean => typeof line === 'number' && !Number.isNaN(line);

// ------------------------------------------------------------------ lookups

/** The week a line belongs to: the last one starting at or before it (else the first week). */
export function weekAtLine(report: Report, line: number): Week | undefined {
  const weekLines = reportIndexing.enabled && isLine(line) ? indexOf(report).weekLines : null;
  if (!weekLines) {
    let found: Week | undefined;
    for (const w of report.weeks) if (w.range.start.line <= line) found = w;
    return found ?? report.weeks[0];
  }
  const n = countAtOrBelow(weekLines, line);
  return n > 0 ? report.weeks[n - 1] : report.weeks[0];
}

/** The walk over every section of the report that `sectionAtLine` answers like. */
function sectionAtLineByWalk(report: Report, line: number): Section | undefined {
  let found: Section | undefined;
  let foundLine = -1;
  for (const week of report.weeks) {
    for (const s of week.sections) {
      const start = sectionLine(s);
      if (s.heading ? start < line : start <= line) {
        if (start >= foundLine) {
          found = s;
          foundLine = start;
        }
      }
    }
  }
  const titleBetween = report.titles.some((t) => t.range.start.line > foundLine && t.range.start.line <= line);
  return titleBetween ? undefined : found;
}

/**
 * The section a line is in: the one whose heading (or start, without a heading) is the last one
 * before the line — a section without a heading also on the line itself — unless a week title
 * comes between (then none). Among sections starting on the same line, the last in model order.
 *
 * The parser appends sections to weeks in document order, so all sections of a report, week
 * after week, are in order of their lines (checked once per report; otherwise the model is
 * walked): found by binary search over the weeks' first sections, then going back from the last
 * section of that week; the first one met that counts is the walk's answer.
 */
export function sectionAtLine(report: Report, line: number): Section | undefined {
  const ix = reportIndexing.enabled && isLine(line) ? indexOf(report) : undefined;
  const bounds = ix?.sectionWeeks;
  const titleLines = ix?.titleLines;
  if (!bounds || !titleLines) return sectionAtLineByWalk(report, line);
  let found: Section | undefined;
  let foundLine = -1;
  search: for (let j = countAtOrBelow(bounds.first, line) - 1; j >= 0; j--) {
    const sections = report.weeks[bounds.weeks[j]].sections;
    for (let i = sections.length - 1; i >= 0; i--) {
      const s = sections[i];
      const l = sectionLine(s);
      if (s.heading ? l < line : l <= line) {
        found = s;
        foundLine = l;
        break search;
      }
    }
  }
  // a title with foundLine < its line ≤ line
  const after = countAtOrBelow(titleLines, foundLine);
  const titleBetween = after < titleLines.length && titleLines[after] <= line;
  return titleBetween ? undefined : found;
}

/** The first week title (in document order) whose range contains the position. */
export function titleAt(report: Report, pos: Position): WeekTitle | undefined {
  if (!reportIndexing.enabled) return report.titles.find((t) => rangeContains(t.range, pos));
  return indexOf(report).titles.first(pos);
}

/** The first metric (weeks, sections, metrics in model order) whose range contains the position. */
export function metricAt(report: Report, pos: Position): Metric | undefined {
  if (!reportIndexing.enabled) {
    for (const week of report.weeks) {
      for (const section of week.sections) {
        const metric = section.metrics.find((m) => rangeContains(m.range, pos));
        if (metric) return metric;
      }
    }
    return undefined;
  }
  return indexOf(report).metrics.first(pos);
}

/** The weeks with a valid title whose range contains the position, in model order. */
export function titledWeeksAt(report: Report, pos: Position): Week[] {
  if (!reportIndexing.enabled) return report.weeks.filter((w) => w.title?.valid && rangeContains(w.range, pos));
  return indexOf(report).titled.byRange.containing(pos);
}

/** The last week with a valid title starting at or before the line, else the first such week. */
export function titledWeekAtLine(report: Report, line: number): Week | undefined {
  const titled = reportIndexing.enabled && isLine(line) ? indexOf(report).titled : undefined;
  if (!titled?.lines) {
    const weeks = report.weeks.filter((w) => w.title?.valid);
    return weeks.filter((w) => w.range.start.line <= line).at(-1) ?? weeks[0];
  }
  const n = countAtOrBelow(titled.lines, line);
  return n > 0 ? titled.weeks[n - 1] : titled.weeks[0];
}

// ------------------------------------------------------------------ project names

interface ProjectUse {
  name: string;
  at: Position;
  range: Range;
}

interface ProjectIndex {
  /** every project use, latest first (ties in model order) */
  uses: ProjectUse[];
  /** the names of `uses`, each once, latest first */
  names: string[];
  /** lines some project name is on; undefined when a name spans many lines (then filter each time) */
  lines?: Set<number>;
}

const projectIndexes = new WeakMap<Report, ProjectIndex>();

function collectProjects(items: readonly Item[], out: ProjectUse[]): void {
  for (const item of items) {
    if (item.project && item.project.text.trim() !== '') out.push({ name: item.project.text.trim(), at: item.project.range.start, range: item.project.range });
    collectProjects(item.children, out);
  }
}

function uniqueNames(uses: readonly ProjectUse[]): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const u of uses) {
    if (seen.has(u.name)) continue;
    seen.add(u.name);
    names.push(u.name);
  }
  return names;
}

function buildProjects(report: Report): ProjectIndex {
  const uses: ProjectUse[] = [];
  for (const week of report.weeks) for (const s of week.sections) collectProjects(s.items, uses);
  // latest first: by the last place each name is used (a stable sort)
  uses.sort((a, b) => comparePositions(b.at, a.at));
  let lines: Set<number> | undefined = new Set<number>();
  for (const u of uses) {
    if (!(u.range.end.line - u.range.start.line <= 16)) {
      lines = undefined;
      break;
    }
    for (let l = u.range.start.line; l <= u.range.end.line; l++) lines.add(l);
  }
  return { uses, names: uniqueNames(uses), lines };
}

/**
 * The project names (`【…】` at the start of list items) used in the report, each once, latest
 * first by its last use; a name written on `line` itself does not count there.
 */
export function projectNamesExcept(report: Report, line: number): readonly string[] {
  if (!reportIndexing.enabled) {
    const uses: ProjectUse[] = [];
    for (const week of report.weeks) for (const s of week.sections) collectProjects(s.items, uses);
    const here = uses.filter((u) => !(u.range.start.line <= line && line <= u.range.end.line));
    here.sort((a, b) => comparePositions(b.at, a.at));
    return uniqueNames(here);
  }
  // week by week, from the last: each week's uses are kept by its content, so after an edit only
  // the edited week's are collected again (a completion right after a keystroke in a year's file
  // walked every item of every week)
  const names: string[] = [];
  const seen = new Set<string>();
  let earliest: Position | undefined; // the earliest use of the weeks after this one
  for (let i = report.weeks.length - 1; i >= 0; i--) {
    const week = report.weeks[i];
    const uses = usesOfWeek(week);
    if (uses.length === 0) continue;
    const base = week.range.start.line;
    // latest first across weeks needs each week's uses before the next week's (as the parser's are)
    if (earliest && comparePositions(moved(uses[0].at, base), earliest) >= 0) return namesOfIndex(report, line);
    earliest = moved(uses[uses.length - 1].at, base);
    const here = line - base;
    for (const u of uses) {
      if (u.range.start.line <= here && here <= u.range.end.line) continue;
      if (seen.has(u.name)) continue;
      seen.add(u.name);
      names.push(u.name);
    }
  }
  return names;
}

/** `projectNamesExcept` from one index of the whole report's uses (weeks out of order: a model built by hand). */
function namesOfIndex(report: Report, line: number): readonly string[] {
  const ix = perReport(projectIndexes, report, buildProjects);
  if (ix.lines && isLine(line) && !ix.lines.has(line)) return ix.names;
  return uniqueNames(ix.uses.filter((u) => !(u.range.start.line <= line && line <= u.range.end.line)));
}

/** A week's project uses, latest first, their lines counted from the week's first line: kept by the week's content. */
function usesOfWeek(week: Week): readonly ProjectUse[] {
  return perContent(weekUses, week, (w) => {
    const uses: ProjectUse[] = [];
    for (const s of w.sections) collectProjects(s.items, uses);
    uses.sort((a, b) => comparePositions(b.at, a.at));
    const base = w.range.start.line;
    return uses.map((u) => ({ name: u.name, at: moved(u.at, -base), range: { start: moved(u.range.start, -base), end: moved(u.range.end, -base) } }));
  });
}

const weekUses = new WeakMap<object, readonly ProjectUse[]>();

const moved = (p: Position, lines: number): Position => ({ line: p.line + lines, character: p.character });
