/**
 * Position lookups over one parsed report, for the features asked at a cursor (completion, hover,
 * hover with history): which week, section, title or metric is at a position, found by binary
 * search instead of a walk over the whole model. A year of reports in one file has some 150
 * weeks and thousands of metrics; a request must not grow with that.
 *
 * Every lookup answers exactly what a walk in model order answers (the first match in that order,
 * or the last, as the walk it replaces did). The index is built once per parsed report and kept
 * in a WeakMap: parsed reports are never mutated and there is one per document version, so an
 * entry stays right for as long as its report lives (the same pattern as `core/memo.ts`).
 *
 * Binary search needs starts in model order. The parser emits weeks, sections, titles and
 * metrics in document order; the index checks that once per report, and where it does not hold
 * (a report built by hand) the lookups walk the model as before.
 *
 * `reportIndexing.enabled = false` walks the model for every lookup and keeps nothing per report
 * (also the outline and folding caches): the differential test compares both.
 */
import type { Item, Metric, Report, Section, Week, WeekTitle } from '../model';
import { comparePositions, rangeContains, type Position, type Range } from '../text';

export const reportIndexing = { enabled: true };

/** A value derived from a parsed report only, computed once per report object. */
export function perReport<T>(cache: WeakMap<Report, T>, report: Report, compute: (report: Report) => T): T {
  if (!reportIndexing.enabled) return compute(report);
  let value = cache.get(report);
  if (value === undefined) cache.set(report, (value = compute(report)));
  return value;
}

/**
 * Values that depend on the report and on a few other objects (a profile, a locale, a LineIndex):
 * kept per report, then matched by identity of the other keys (a handful per report at most).
 */
export function perReportKeyed<T>(cache: WeakMap<Report, Array<{ keys: readonly unknown[]; value: T }>>, report: Report, keys: readonly unknown[], compute: () => T): T {
  if (!reportIndexing.enabled) return compute();
  let entries = cache.get(report);
  if (!entries) cache.set(report, (entries = []));
  const hit = entries.find((e) => e.keys.length === keys.length && e.keys.every((k, i) => k === keys[i]));
  if (hit) return hit.value;
  const value = compute();
  // a report lives for one document version: more than a few variants means callers vary a key per call
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

interface SectionEntry {
  section: Section;
  /** the line of its heading, or of its start when it has none */
  line: number;
  headed: boolean;
}

interface ProjectUse {
  name: string;
  at: Position;
  range: Range;
}

interface ReportIndex {
  /** week start lines, when the weeks are in document order */
  weekLines?: number[];
  /** every section in model order, when their lines are in document order */
  sections?: SectionEntry[];
  /** title start lines, when in document order */
  titleLines?: number[];
  titles: RangeList<WeekTitle>;
  metrics: RangeList<Metric>;
  /** weeks with a valid title */
  titled: Week[];
  titledByRange: RangeList<Week>;
  /** start lines of `titled`, when in order */
  titledLines?: number[];
}

const indexes = new WeakMap<Report, ReportIndex>();

function nonDecreasing(xs: readonly number[]): boolean {
  for (let i = 1; i < xs.length; i++) if (!(xs[i - 1] <= xs[i])) return false;
  return true;
}

function sectionLine(s: Section): number {
  return (s.heading?.range ?? s.range).start.line;
}

function buildIndex(report: Report): ReportIndex {
  const weekLines = report.weeks.map((w) => w.range.start.line);
  const sections: SectionEntry[] = [];
  const metrics: Metric[] = [];
  for (const week of report.weeks) {
    for (const section of week.sections) {
      sections.push({ section, line: sectionLine(section), headed: !!section.heading });
      for (const m of section.metrics) metrics.push(m);
    }
  }
  const titleLines = report.titles.map((t) => t.range.start.line);
  const titled = report.weeks.filter((w) => w.title?.valid);
  const titledLines = titled.map((w) => w.range.start.line);
  return {
    weekLines: nonDecreasing(weekLines) ? weekLines : undefined,
    sections: nonDecreasing(sections.map((s) => s.line)) ? sections : undefined,
    titleLines: nonDecreasing(titleLines) ? titleLines : undefined,
    titles: new RangeList(report.titles, (t) => t.range),
    metrics: new RangeList(metrics, (m) => m.range),
    titled,
    titledByRange: new RangeList(titled, (w) => w.range),
    titledLines: nonDecreasing(titledLines) ? titledLines : undefined,
  };
}

function indexOf(report: Report): ReportIndex {
  return perReport(indexes, report, buildIndex);
}

/** the number of entries of the non-decreasing `xs` that are ≤ `x` */
function countAtOrBelow(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** a line the binary searches can order (not NaN; anything else walks the model) */
const isLine = (line: number): boolean => typeof line === 'number' && !Number.isNaN(line);

// ------------------------------------------------------------------ lookups

/** The week a line belongs to: the last one starting at or before it (else the first week). */
export function weekAtLine(report: Report, line: number): Week | undefined {
  const ix = reportIndexing.enabled ? indexOf(report) : undefined;
  if (!ix?.weekLines || !isLine(line)) {
    let found: Week | undefined;
    for (const w of report.weeks) if (w.range.start.line <= line) found = w;
    return found ?? report.weeks[0];
  }
  const n = countAtOrBelow(ix.weekLines, line);
  return n > 0 ? report.weeks[n - 1] : report.weeks[0];
}

/**
 * The section a line is in: the one whose heading (or start, without a heading) is the last one
 * before the line — a section without a heading also on the line itself — unless a week title
 * comes between (then none). Among sections starting on the same line, the last one.
 */
export function sectionAtLine(report: Report, line: number): Section | undefined {
  const ix = reportIndexing.enabled ? indexOf(report) : undefined;
  if (!ix?.sections || !ix.titleLines || !isLine(line)) {
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
  const sections = ix.sections;
  // scanning back from the last section starting at or before the line: on the line itself only
  // one without a heading counts; the first before the line is the latest of the largest start
  let found: SectionEntry | undefined;
  let lo = 0;
  let hi = sections.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid].line <= line) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    const s = sections[i];
    if (s.line < line || !s.headed) {
      found = s;
      break;
    }
  }
  const foundLine = found ? found.line : -1;
  // a title with foundLine < title line ≤ line
  const titles = ix.titleLines;
  const next = countAtOrBelow(titles, foundLine);
  const titleBetween = next < titles.length && titles[next] <= line;
  return titleBetween ? undefined : found?.section;
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
  return indexOf(report).titledByRange.containing(pos);
}

/** The last week with a valid title starting at or before the line, else the first such week. */
export function titledWeekAtLine(report: Report, line: number): Week | undefined {
  const ix = reportIndexing.enabled ? indexOf(report) : undefined;
  if (!ix?.titledLines || !isLine(line)) {
    const titled = report.weeks.filter((w) => w.title?.valid);
    return titled.filter((w) => w.range.start.line <= line).at(-1) ?? titled[0];
  }
  const n = countAtOrBelow(ix.titledLines, line);
  return n > 0 ? ix.titled[n - 1] : ix.titled[0];
}

// ------------------------------------------------------------------ project names

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
  const ix = perReport(projectIndexes, report, buildProjects);
  if (ix.lines && isLine(line) && !ix.lines.has(line)) return ix.names;
  return uniqueNames(ix.uses.filter((u) => !(u.range.start.line <= line && line <= u.range.end.line)));
}
