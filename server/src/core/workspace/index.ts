/**
 * The index of every report in a workspace, keyed by title week (not by file name or date).
 * Pure: the adapters feed it text (from disk, or unsaved editor content, which wins) and remove
 * files; it never reads the disk itself.
 *
 * This is the contract shared by the server, the CLI and the cross-week features; the first
 * implementation is deliberately simple (a map of parsed reports) and is refined behind it.
 */
import type { Report, Week } from '../model';
import { parseReport, type ParsedReport } from '../parse';
import type { Profile } from '../profile/schema';
import { compareWeeks, type IsoWeek } from '../weeks';

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

export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedReport>();

  /** Adds or replaces a file. A file that is not a report is kept out (and removed if it was in). */
  set(uri: string, text: string, profile: Profile, source: IndexedReport['source'] = 'disk'): IndexedReport | undefined {
    const previous = this.files.get(uri)?.report;
    const report = parseReport(text, { profile, previous });
    if (!report.weeks.some((w) => w.title?.valid)) {
      this.files.delete(uri);
      return undefined;
    }
    const entry = { uri, report, source };
    this.files.set(uri, entry);
    return entry;
  }

  delete(uri: string): void {
    this.files.delete(uri);
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
    const out: WeekEntry[] = [];
    for (const f of this.files.values()) out.push(...weekEntries(f.uri, f.report));
    return out.sort((a, b) => compareWeeks(a.iso, b.iso) || a.uri.localeCompare(b.uri));
  }

  /** The entries claiming one ISO week (more than one: a duplicate week across files). */
  weekEntries(iso: IsoWeek): WeekEntry[] {
    return this.weeks().filter((e) => compareWeeks(e.iso, iso) === 0);
  }

  /** The latest week strictly before `iso` (weeks may have been skipped). */
  previousWeek(iso: IsoWeek): WeekEntry | undefined {
    let best: WeekEntry | undefined;
    for (const e of this.weeks()) if (compareWeeks(e.iso, iso) < 0) best = e;
    return best;
  }

  latestWeek(): WeekEntry | undefined {
    return this.weeks().at(-1);
  }
}

export function weekEntries(uri: string, report: Report): WeekEntry[] {
  return report.weeks.filter((w) => w.title?.valid).map((w) => ({ uri, iso: { year: w.title!.year, week: w.title!.week }, week: w }));
}
