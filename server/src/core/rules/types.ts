/**
 * What a rule is and what it produces. Rules are pure: they read the document model and the
 * profile and report findings; they never build LSP objects (the adapters do).
 */
import type { Localized } from '../l10n';
import type { Report, Week } from '../model';
import type { Profile } from '../profile/schema';
import type { LineIndex, Range, TextEdit } from '../text';
import type { IsoWeek } from '../weeks';
import type { WeekEntry } from '../workspace';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A quick fix as plain data: a title and edits on the same document. */
export interface Fix {
  title: Localized;
  edits: TextEdit[];
  /** the obvious fix, offered first (VS Code's "preferred" quick fix) */
  preferred?: boolean;
}

export interface Finding {
  code: string;
  severity: Severity;
  range: Range;
  message: Localized;
  fixes: Fix[];
  /** `unnecessary` greys the range out (for a duplicate title, say) */
  tags?: Array<'unnecessary'>;
}

/** What a rule reports; the runner adds code and severity. */
export interface FindingInput {
  range: Range;
  message: Localized;
  fixes?: Fix[];
  tags?: Array<'unnecessary'>;
  /** override the rule's severity for this finding (rare; the profile still wins when set) */
  severity?: Severity;
}

/** Everything a document-scoped rule may read. */
export interface RuleContext {
  report: Report;
  text: string;
  lines: LineIndex;
  profile: Profile;
  /** the file's path or URI path, when known (WR001 report detection and quick fix) */
  fileName?: string;
  /** "now", injected so tests are deterministic (WR040's fix inserts the current time) */
  now: Date;
  /** earlier reports of the workspace, for cross-week rules (WR025, WR031, WR051); absent when a
   *  file is checked on its own: cross-week rules then stay silent */
  history?: WeekHistory;
  emit(finding: FindingInput): void;
}

/** What cross-week rules may ask of the workspace (implemented by `WorkspaceIndex`). */
export interface WeekHistory {
  /** the latest titled week strictly before `iso`, in any file of the workspace */
  previousWeek(iso: IsoWeek): WeekEntry | undefined;
  /** the entries of OTHER files claiming the week `iso` (WR006); absent: not checked.
   *  `WorkspaceIndex.historyFor(uri)` gives a history that knows which file is checked */
  otherClaims?(iso: IsoWeek): WeekEntry[];
  /**
   * A number that changes whenever the weeks of the OTHER files change (the checked file's own
   * weeks are the checker's to compare). With it, a check of a document whose titles are the same
   * objects as at the last check takes each unchanged week's last week from that check instead of
   * looking it up again (`FindingsCache`). Absent: looked up for every week on every check.
   */
  othersVersion?(): number;
}

export interface Rule {
  /** stable code, `WR020` */
  code: string;
  /** kebab-case name, also the rule file's name after the code: `missing-metric` */
  name: string;
  defaultSeverity: Severity;
  /** one line, shown in docs and `zhoubao rules` */
  description: Localized;
  /** every message the rule can produce, keyed; en and zh-cn use the same placeholders */
  messages: Record<string, Localized>;
  /** whether the rule offers quick fixes (the fix test applies each one) */
  fixable: boolean;
  /**
   * `week`: what the rule reports for a week depends only on that week's text, the profile, the
   * file name, the document's line ending, `now` and that week's history (`previousWeek` of its
   * title's week); it never compares weeks of the document with each other. The server then
   * checks each week on its own and reuses the findings of a week whose text did not change
   * (`FindingsCache` in check.ts). Absent: the rule reads the whole document on every check.
   */
  scope?: 'week';
  /**
   * For a week-scoped rule that reads last week (`ctx.history.previousWeek`): everything it reads
   * from that entry when checking `week` (a week of the checked document, under `profile`), as a
   * string. Two entries with the same key give `week` the same findings, so a week is not checked
   * again when only parts of last week that the rule does not read for it changed (the figures
   * its own claims do not ask about, say). A week-scoped rule that reads history must define it
   * (a test checks).
   */
  lastWeekKey?(entry: WeekEntry, week: Week, profile: Profile): string;
  /**
   * For a week-scoped rule that reads only some parts of a week (its title, its metrics or
   * incident sections): the objects of the parsed week it reads. The parser keeps such an object
   * only while its text is unchanged and unmoved, so while a week holds the very same objects the
   * rule's findings for it are kept, and an edit elsewhere in the week does not run the rule again.
   * Only for rules that read nothing else of the week (no other section, no history, no text
   * outside these objects); without it the rule runs whenever its week changed.
   */
  reads?(week: Week): ReadonlyArray<object | undefined>;
  /** its messages cite line numbers (`on line 12`): its findings cannot be moved to other lines */
  citesLines?: boolean;
  check(ctx: RuleContext): void;
}
