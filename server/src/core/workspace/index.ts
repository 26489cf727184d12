/**
 * The index of every report in a workspace, keyed by title week (not by file name or date).
 * Pure: the adapters feed it text (from disk, or unsaved editor content, which wins) and remove
 * files; it never reads the disk itself.
 *
 * This is the contract shared by the server, the CLI and the cross-week features. The week list
 * is kept sorted (by week, then uri) and updated on `set`/`delete` (binary search), so lookups
 * (`previousWeek`, `weekEntries`) are logarithmic and `weeks()` is a copy.
 */
import type { Metric, Report, Week } from '../model';
import { parseReport, type ParsedReport } from '../parse';
import type { Profile } from '../profile/schema';
import type { WeekHistory } from '../rules/types';
import { compareWeeks, formatIsoWeek, type IsoWeek } from '../weeks';
import { progressValues, weekProjects } from './match';

export interface IndexedReport {
  uri: string;
  report: ParsedReport;
  /** where the text came from: an open editor (unsaved content wins over disk) or the disk */
  source: 'editor' | 'disk';
}

/** One titled week of one file. */
export interface WeekEntry {
  uri: string;
  iso: IsoWeek;
  week: Week;
}

/** One earlier value of a metric, for hovers and completion. */
export interface MetricPoint {
  iso: IsoWeek;
  uri: string;
  metric: Metric;
}

/** One earlier value of a progress figure (matched by item key, see workspace/match.ts). */
export interface ProgressPoint {
  iso: IsoWeek;
  uri: string;
  /** the percentage */
  value: number;
}

function compareEntries(a: WeekEntry, b: WeekEntry): number {
  return compareWeeks(a.iso, b.iso) || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0);
}

export class WorkspaceIndex implements WeekHistory {
  private readonly files = new Map<string, IndexedReport>();
  /** every titled week of every file, sorted by `compareEntries` */
  private readonly sorted: WeekEntry[] = [];
  /** `projectNames()` until the next change (asked on every completion; a walk over every week) */
  private projects?: string[];
  /** changes to the files, all of them and per file (`WeekHistory.othersVersion`) */
  private changes = 0;
  private readonly changesOf = new Map<string, number>();

  private changed(uri: string): void {
    this.changes++;
    this.changesOf.set(uri, (this.changesOf.get(uri) ?? 0) + 1);
  }

  /**
   * Adds or replaces a file. A file that is not a report is kept out (and removed if it was in).
   * `parsed`: the caller's parse of this very text under this profile (the server's open
   * document), so the text is not parsed twice.
   */
  set(uri: string, text: string, profile: Profile, source: IndexedReport['source'] = 'disk', parsed?: ParsedReport): IndexedReport | undefined {
    this.projects = undefined;
    this.changed(uri);
    const previous = this.files.get(uri)?.report;
    const report = parsed ?? parseReport(text, { profile, previous });
    this.removeEntries(uri);
    if (!report.weeks.some((w) => w.title?.valid)) {
      this.files.delete(uri);
      return undefined;
    }
    const entry = { uri, report, source };
    this.files.set(uri, entry);
    for (const e of weekEntries(uri, report)) this.sorted.splice(this.lowerBound(e), 0, e);
    return entry;
  }

  delete(uri: string): void {
    if (!this.files.has(uri)) return;
    this.projects = undefined;
    this.changed(uri);
    this.removeEntries(uri);
    this.files.delete(uri);
  }

  /** A rename: the same report under a new uri. */
  rename(oldUri: string, newUri: string): void {
    const f = this.files.get(oldUri);
    if (!f || oldUri === newUri) return;
    this.projects = undefined;
    this.changed(oldUri);
    this.changed(newUri);
    this.removeEntries(oldUri);
    this.files.delete(oldUri);
    this.removeEntries(newUri);
    const entry = { ...f, uri: newUri };
    this.files.set(newUri, entry);
    for (const e of weekEntries(newUri, f.report)) this.sorted.splice(this.lowerBound(e), 0, e);
  }

  get(uri: string): IndexedReport | undefined {
    return this.files.get(uri);
  }

  get size(): number {
    return this.files.size;
  }

  reports(): IndexedReport[] {
    return [...this.files.values()];
  }

  /** Every titled week of every file, sorted by week, then by uri. */
  weeks(): WeekEntry[] {
    return this.sorted.slice();
  }

  /** The entries claiming one ISO week (more than one: a duplicate week across files). */
  weekEntries(iso: IsoWeek): WeekEntry[] {
    const out: WeekEntry[] = [];
    for (let i = this.firstAtOrAfter(iso); i < this.sorted.length && compareWeeks(this.sorted[i].iso, iso) === 0; i++) out.push(this.sorted[i]);
    return out;
  }

  /** The latest week strictly before `iso` (weeks may have been skipped). */
  previousWeek(iso: IsoWeek): WeekEntry | undefined {
    const i = this.firstAtOrAfter(iso);
    return i > 0 ? this.sorted[i - 1] : undefined;
  }

  latestWeek(): WeekEntry | undefined {
    return this.sorted.at(-1);
  }

  /**
   * Weeks claimed by more than one file (`2024-W12` → the uris, sorted). A file that titles the
   * same week twice is WR003's business, not a duplicate across files.
   */
  duplicateWeeks(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (let i = 0; i < this.sorted.length; ) {
      let j = i;
      const uris: string[] = [];
      while (j < this.sorted.length && compareWeeks(this.sorted[j].iso, this.sorted[i].iso) === 0) {
        if (!uris.includes(this.sorted[j].uri)) uris.push(this.sorted[j].uri);
        j++;
      }
      if (uris.length > 1) out.set(formatIsoWeek(this.sorted[i].iso), uris);
      i = j;
    }
    return out;
  }

  /** The history seen by one file: the whole index, plus the other files claiming its weeks (WR006). */
  historyFor(uri: string): WeekHistory {
    return {
      previousWeek: (iso) => this.previousWeek(iso),
      otherClaims: (iso) => this.weekEntries(iso).filter((e) => e.uri !== uri),
      othersVersion: () => this.changes - (this.changesOf.get(uri) ?? 0),
    };
  }

  /** Project names of all reports, most recent week first, each once (`【` completion). */
  projectNames(): string[] {
    this.projects ??= this.collectProjectNames();
    return this.projects.slice();
  }

  private collectProjectNames(): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (let i = this.sorted.length - 1; i >= 0; i--) {
      for (const name of weekProjects(this.sorted[i].week)) {
        if (seen.has(name)) continue;
        seen.add(name);
        out.push(name);
      }
    }
    return out;
  }

  /** Up to `n` earlier values of a metric (by profile metric id), in weeks strictly before `before`, most recent first. */
  metricHistory(metricId: string, before: IsoWeek, n: number): MetricPoint[] {
    const out: MetricPoint[] = [];
    for (let i = this.firstAtOrAfter(before) - 1; i >= 0 && out.length < n; i--) {
      const e = this.sorted[i];
      const metric = e.week.sections.filter((s) => s.role === 'metrics').flatMap((s) => s.metrics).find((m) => m.id === metricId);
      if (metric) out.push({ iso: e.iso, uri: e.uri, metric });
    }
    return out;
  }

  /**
   * Up to `n` earlier values of a progress figure, by its key (`keyedProgress(week)` gives the keys
   * of a week; see workspace/match.ts), in weeks strictly before `before`, most recent first.
   */
  progressHistory(key: string, before: IsoWeek, n: number): ProgressPoint[] {
    const out: ProgressPoint[] = [];
    for (let i = this.firstAtOrAfter(before) - 1; i >= 0 && out.length < n; i--) {
      const e = this.sorted[i];
      const value = progressValues(e.week).get(key);
      if (value !== undefined) out.push({ iso: e.iso, uri: e.uri, value });
    }
    return out;
  }

  private removeEntries(uri: string): void {
    const old = this.files.get(uri);
    if (!old) return;
    for (const e of weekEntries(uri, old.report)) {
      for (let i = this.firstAtOrAfter(e.iso); i < this.sorted.length && compareWeeks(this.sorted[i].iso, e.iso) === 0; i++) {
        if (this.sorted[i].uri === uri) {
          this.sorted.splice(i, 1);
          break;
        }
      }
    }
  }

  /** index of the first entry whose week is ≥ iso */
  private firstAtOrAfter(iso: IsoWeek): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareWeeks(this.sorted[mid].iso, iso) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lowerBound(e: WeekEntry): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareEntries(this.sorted[mid], e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export function weekEntries(uri: string, report: Report): WeekEntry[] {
  return report.weeks.filter((w) => w.title?.valid).map((w) => ({ uri, iso: { year: w.title!.year, week: w.title!.week }, week: w }));
}

export { keyedProgress, keyedProgressAt, normalizeText, progressValues, weekProjects, type KeyedProgress } from './match';
