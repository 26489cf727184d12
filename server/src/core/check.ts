/**
 * Runs the rules over one document: which files are reports, severities from the profile,
 * a rule that throws is skipped (and reported to `onRuleError`), findings sorted by position.
 */
import type { Report, Week, WeekTitle } from './model';
import type { WeekEntry } from './workspace';
import { MAX_PARSE_CHARS, parseReport, weekContent, type ParsedReport } from './parse';
import { exceedsNesting, MAX_PREFIX } from './parse/markdown';
import { looksLikeWeekTitle } from './parse/titles';
import type { Profile } from './profile/schema';
import { allRules } from './rules';
import type { Finding, FindingInput, Rule, RuleContext, Severity, WeekHistory } from './rules/types';
import { comparePositions, detached, LineIndex, type Range } from './text';
import { eolOf } from './rules/skeleton';
import { addWeeks, compareWeeks, weekFromFileName } from './weeks';
import { fmt, type Localized } from './l10n';

/**
 * WR000 is not a rule of the catalogue but a guard of the runner: text that was not decoded
 * as UTF-8 (U+FFFD replacement characters, as an editor shows a GBK file opened as UTF-8) or
 * that is binary (NUL characters) gets one clear finding instead of findings about garbage.
 */
export const ENCODING_CODE = 'WR000';
const ENCODING_MESSAGES = {
  replacement: {
    en: 'This file is not valid UTF-8 text ({0} characters could not be decoded; it may be GBK). Reopen it with the right encoding and save it as UTF-8; no other checks ran.',
    'zh-cn': '该文件不是有效的 UTF-8 文本（有 {0} 个字符无法解码，可能是 GBK 编码）。请用正确的编码重新打开并另存为 UTF-8；其他检查均未执行。',
  },
  binary: {
    en: 'This file contains NUL characters: it looks like a binary file, not a report; no checks ran.',
    'zh-cn': '该文件包含 NUL 字符，看起来是二进制文件而不是周报；未执行任何检查。',
  },
} satisfies Record<string, Localized>;

function encodingFinding(text: string, lines: LineIndex): Finding | undefined {
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    return { code: ENCODING_CODE, severity: 'error', range: lines.rangeOf(nul, nul + 1), message: ENCODING_MESSAGES.binary, fixes: [] };
  }
  const first = text.indexOf('\uFFFD');
  if (first < 0) return undefined;
  let count = 0; // counted for the message; a stray U+FFFD or two in prose is not a decoding failure
  for (let i = first; i >= 0; i = text.indexOf('\uFFFD', i + 1)) count++;
  return {
    code: ENCODING_CODE,
    severity: 'error',
    range: lines.rangeOf(first, first + 1),
    message: fmt(ENCODING_MESSAGES.replacement, count),
    fixes: [],
  };
}

/**
 * WR090 is a guard too: a text over the size budget is not parsed (only the encoding check runs),
 * and a text nested deeper than the nesting budget is checked with its deepest lines read as
 * plain text. One information finding says so, on the first line.
 */
export const LIMIT_CODE = 'WR090';
const LIMIT_MESSAGES = {
  size: {
    en: 'This file is too large for Zhoubao ({0} characters, the limit is {1}): only the encoding check ran. Split it into one report per week.',
    'zh-cn': '该文件太大（{0} 个字符，上限为 {1}），Zhoubao 只执行了编码检查。请按周拆分为多个周报文件。',
  },
  nesting: {
    en: 'This file nests lists or quotes deeper than Zhoubao reads ({0} characters of indentation and markers): the deepest lines were checked as plain text.',
    'zh-cn': '该文件的列表或引用嵌套过深（缩进和标记超过 {0} 个字符），最深的行按纯文本检查。',
  },
} satisfies Record<string, Localized>;

function limitFinding(text: string, lines: LineIndex, kind: keyof typeof LIMIT_MESSAGES): Finding {
  const message = kind === 'size' ? fmt(LIMIT_MESSAGES.size, text.length, MAX_PARSE_CHARS) : fmt(LIMIT_MESSAGES.nesting, MAX_PREFIX);
  return { code: LIMIT_CODE, severity: 'information', range: lines.rangeOf(0, Math.min(text.length, lines.lineEnd(0))), message, fixes: [] };
}

export interface CheckInput {
  text: string;
  profile: Profile;
  fileName?: string;
  /** an already parsed model of `text` (the server keeps one per document version) */
  report?: ParsedReport;
  now?: Date;
  /** earlier reports, for cross-week rules */
  history?: WeekHistory;
  rules?: readonly Rule[];
  /**
   * kept by the caller between checks of the same document: week-scoped rules then run only for
   * the weeks that changed. Without it every rule reads the whole document (the reference).
   */
  cache?: FindingsCache;
  /** the document's line index, when the caller has one for `text` */
  lines?: LineIndex;
  onRuleError?: (rule: Rule, error: unknown) => void;
}

/**
 * A Markdown file is a report when its first heading is a week title, or looks like one (`# 2025-W`
 * while the number is being typed, `# 第四周`: WR001 says what is wrong with it, and the other
 * findings stay), or its name matches the profile's file pattern. Other Markdown files
 * (README.md…) get nothing from Zhoubao.
 */
export function isReport(report: Report, fileName: string | undefined, profile: Profile): boolean {
  if (weekFromFileName(fileName, profile)) return true;
  const first = report.weeks[0];
  if (!first) return false;
  if (first.title) return true;
  const heading = first.sections.find((s) => s.heading)?.heading;
  if (heading && looksLikeWeekTitle(heading.text, heading.level)) return true;
  // content before the first title: a report only if that content has no heading of its own
  return first.sections.every((s) => !s.heading) && report.weeks.length > 1;
}

export function checkDocument(input: CheckInput): Finding[] {
  const { text, profile } = input;
  const lines = input.lines ?? new LineIndex(text);
  // the parser saw every part of the text: when it found no NUL or U+FFFD, there is nothing to scan for
  const encoding = input.report?.encodingSuspect === false ? undefined : encodingFinding(text, lines);
  if (text.length > MAX_PARSE_CHARS) return encoding ? [encoding, limitFinding(text, lines, 'size')] : [limitFinding(text, lines, 'size')];
  const report = input.report ?? parseReport(text, { profile });
  const reportFile = isReport(report, input.fileName, profile);
  if (encoding) {
    // a mis-decoded report loses its Chinese title, so a file that is not recognisably a report
    // is still flagged when it is binary or clearly mis-decoded (many replacement characters)
    const count = text.split('\uFFFD').length - 1;
    return reportFile || text.includes('\0') || count >= 8 ? [encoding] : [];
  }
  if (!reportFile) return [];
  const tooDeep = (report as ParsedReport).tooDeep ?? exceedsNesting(text); // the parser knows, part by part
  const findings: Finding[] = tooDeep ? [limitFinding(text, lines, 'nesting')] : [];
  const rules = input.rules ?? allRules;
  const run = runner(input, lines, input.history && recentHistory(input.history, profile.history.maxWeeksBack));
  if (!input.cache) {
    for (const rule of rules) run(rule, report, findings);
  } else {
    const weekRules: Rule[] = [];
    for (const rule of rules) {
      // a rule turned off reads nothing: not even what its week's cache key would take of last week
      if (profile.rules[rule.code] === 'off') continue;
      if (rule.scope === 'week') weekRules.push(rule);
      else run(rule, report, findings);
    }
    // each week's findings are kept sorted: in weeks that follow one another they need no sort
    const byWeek: Finding[] = [];
    if (checkWeeks(input.cache, input, report, lines, rules, weekRules, run, byWeek)) return merged(findings.sort(byPosition), byWeek);
    for (const f of byWeek) findings.push(f);
  }
  return findings.sort(byPosition);
}

/** Two lists sorted by `byPosition` as one, as a stable sort of `a` followed by `b` would order them. */
function merged(a: Finding[], b: Finding[]): Finding[] {
  if (a.length === 0) return b;
  const out: Finding[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byPosition(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/** Findings in document order, then by code (codes are ASCII: no locale needed, and this runs per keystroke). */
function byPosition(a: Finding, b: Finding): number {
  return comparePositions(a.range.start, b.range.start) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

type Run = (rule: Rule, report: Report, out: Finding[]) => void;

/** Runs one rule over a report (the document's, or one week of it), adding its findings to `out`. */
function runner(input: CheckInput, lines: LineIndex, history: WeekHistory | undefined): Run {
  const { text, profile } = input;
  const now = input.now ?? new Date();
  return (rule, report, out) => {
    const configured = profile.rules[rule.code];
    if (configured === 'off') return;
    const severity: Severity = configured ?? rule.defaultSeverity;
    const ctx: RuleContext = {
      report,
      text,
      lines,
      profile,
      fileName: input.fileName,
      now,
      history,
      emit(f: FindingInput) {
        out.push({
          code: rule.code,
          severity: configured ?? f.severity ?? severity,
          range: f.range,
          message: f.message,
          fixes: f.fixes ?? [],
          ...(f.tags ? { tags: f.tags } : {}),
        });
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      input.onRuleError?.(rule, e);
    }
  };
}

/**
 * What one document's checks keep for the next check of the same document (the server keeps one
 * per open document; opaque to callers): the findings of the week-scoped rules, per week, keyed
 * by the week's text (from its first line to the next week's) with a little context either side
 * and by what the rules read of its last week (`Rule.lastWeekKey`); looked up first by week
 * object (the parser keeps unchanged weeks). A week whose key is unchanged gets its findings
 * back, moved to its new first line (unless a message cites a line number: `Rule.citesLines`);
 * a week whose text is unchanged but whose last week changed runs again only the rules whose key
 * of last week changed.
 * Anything else the rules read (profile, rules, file name, line ending, the minute of `now`) is
 * compared as a whole: when it changes, the cache starts over.
 */
export class FindingsCache {
  /** @internal entries by content key */ entries = new Map<string, CacheEntry>();
  /** @internal entries by week object (a week reused by the parser is the same object) */ byWeek = new WeakMap<Week, CacheEntry>();
  /** @internal entries by week content (a week only moved by lines inserted above it: `weekContent`) */ byContent = new WeakMap<object, CacheEntry>();
  /** @internal findings of the rules that say what they read (`Rule.reads`), by the first object read, then by rule code */
  byReads = new WeakMap<object, Map<string, { reads: readonly object[]; findings: Finding[] }>>();
  /** @internal */ context?: { profile: Profile; rules: readonly Rule[]; key: string; history: boolean };
  /** @internal what the last check found (`checkWeeks`) */ last?: LastCheck;
  /**
   * what the last check did (tests, benchmarks): weeks checked and reused; in the weeks checked,
   * rules kept (they read only objects an edit left alone, or only last week, and what they read of
   * it is unchanged) and rules run
   */
  readonly stats = { checked: 0, reused: 0, rulesKept: 0, rulesRun: 0, lastWeeksFound: 0 };
}

/** A week's last week as a check found it: the history's entry, its index in the document when it is one of its weeks, and what it says. */
interface LastWeek {
  prev?: WeekEntry;
  index?: number;
  historyId: string;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface CacheEntry {
  /** the content key: the week's text with a little context either side */
  key: string;
  /** and what the rules read of last week (`Rule.lastWeekKey`, joined), or whether there is one */
  historyKey: string;
  /** each rule's key of last week, in the order of the rules run (none without a last week) */
  ruleKeys?: readonly string[];
  /** the week's first line the findings are placed for */
  line: number;
  findings: Finding[];
  /** what the identity lookup must still compare: history by identity, context either side */
  historyId: string;
  before: string;
  after: string;
  /** a finding's message cites a line number: not to be moved */
  citesLines: boolean;
}

const contentIds = new WeakMap<object, number>();
let nextContentId = 1;
/** a number for what a week says (the same for the week moved by lines inserted above it: `weekContent`) */
function contentId(week: Week): number {
  const key = weekContent(week);
  let id = contentIds.get(key);
  if (id === undefined) contentIds.set(key, (id = nextContentId++));
  return id;
}

/** Characters of context either side of a week that its key includes (rules peek a little past a phrase). */
const CONTEXT = 32;

/**
 * Checks the weeks of the report with the week-scoped `rules`, each week's findings from the cache
 * while it holds, appending them to `out` week by week. Returns whether `out` is sorted (by
 * `byPosition`): each week's findings are, and so is the whole when every week's come after the
 * week before's.
 */
function checkWeeks(cache: FindingsCache, input: CheckInput, report: Report, lines: LineIndex, allOf: readonly Rule[], rules: Rule[], run: Run, out: Finding[]): boolean {
  let ordered = true;
  const append = (found: readonly Finding[]): void => {
    if (found.length === 0) return;
    if (out.length > 0 && byPosition(out[out.length - 1], found[0]) > 0) ordered = false;
    for (const f of found) out.push(f);
  };
  const { text, profile } = input;
  const now = input.now ?? new Date();
  const contextKey = `${input.fileName ?? ''}\u0000${eolOf(text)}\u0000${Math.floor(now.getTime() / 60_000)}`;
  const c = cache.context;
  const history = input.history && recentHistory(input.history, profile.history.maxWeeksBack);
  if (!c || c.profile !== profile || c.rules !== allOf || c.key !== contextKey || c.history !== !!history) {
    cache.entries = new Map();
    cache.byWeek = new WeakMap();
    cache.byContent = new WeakMap();
    cache.byReads = new WeakMap();
    cache.last = undefined;
    cache.context = { profile, rules: allOf, key: contextKey, history: !!history };
  }
  // entries by content key, kept across checks (pruned below): a week kept whole adds nothing
  const entries = cache.entries;
  cache.stats.checked = cache.stats.reused = cache.stats.rulesKept = cache.stats.rulesRun = cache.stats.lastWeeksFound = 0;
  const weeks = report.weeks;
  const placed: LastCheck = { weeks, titles: report.titles, lastWeeks: new Array(weeks.length), entries: new Array(weeks.length) };
  // where each week starts in the text, found when asked (a week kept whole needs none)
  const starts: number[] = [];
  const startOf = (i: number): number => (starts[i] ??= lines.offsetAt({ line: weeks[i].range.start.line, character: 0 }));
  const endOf = (i: number): number => (i + 1 < weeks.length ? startOf(i + 1) : text.length);
  const last = cache.last;
  // with the same titles and the other files unchanged since the last check, each week's last week
  // is where it was: a week at the same place whose last week (in this document) is the same object
  // has the same history, without looking it up and naming its content again (O(1) per kept week)
  const othersVersion = history ? input.history!.othersVersion?.() : undefined;
  const sameHistory = !!last && othersVersion !== undefined && last.othersVersion === othersVersion && sameItems(last.titles, report.titles);
  const { lastWeeks } = placed;
  placed.othersVersion = othersVersion;
  cache.last = placed;
  weeks.forEach((week, i) => {
    let lw = sameHistory && last!.weeks[i] === week ? last!.lastWeeks[i] : undefined;
    // (a last week in another file is looked up again: only this document's weeks are compared here)
    if (lw && (lw.prev ? lw.index === undefined || weeks[lw.index] !== last!.weeks[lw.index] : false)) lw = undefined;
    if (!lw) {
      cache.stats.lastWeeksFound++;
      const found = history && week.title ? history.previousWeek({ year: week.title.year, week: week.title.week }) : undefined;
      const at = found ? indexOf(placed, found.week) : undefined;
      // last week by what it says (rules read no positions of it)
      const id = !history || !week.title ? 'none' : !found ? 'first' : at !== undefined ? `same ${contentId(found.week)}` : `other ${found.uri} ${contentId(found.week)}`;
      lw = { prev: found, index: at, historyId: id };
    }
    lastWeeks[i] = lw;
    const { prev, historyId } = lw;
    // the same week object as in the last check (unchanged, unmoved) between the same neighbours
    // (so the text either side is unchanged too): its entry, without reading the text around it
    const j = !last ? undefined : last.weeks[i] === week ? i : indexOf(last, week);
    if (j !== undefined && last!.weeks[j - 1] === weeks[i - 1] && last!.weeks[j + 1] === weeks[i + 1] && (i > 0 || startOf(0) === 0)) {
      // (the entry it was given at the last check: `byWeek`'s for it)
      const kept = last!.entries[j];
      if (kept && kept.historyId === historyId) {
        cache.stats.reused++;
        placed.entries[i] = kept;
        append(kept.findings);
        return;
      }
    }
    const start = startOf(i);
    const end = endOf(i);
    // (kept in the cache across edits: copies, not slices holding on to this version of the text)
    const before = detached(text.slice(Math.max(0, start - CONTEXT), start));
    const after = detached(text.slice(end, end + CONTEXT));
    const same = (e: CacheEntry | undefined): e is CacheEntry => !!e && e.historyId === historyId && e.before === before && e.after === after;
    const line = week.range.start.line;
    // the same week object (unchanged, unmoved) with the same history and surroundings
    let entry = cache.byWeek.get(week);
    if (!same(entry)) entry = undefined;
    // else the same content, moved: its findings move with it (unless a message cites a line number)
    if (!entry) {
      const moved = cache.byContent.get(weekContent(week));
      if (same(moved) && (moved.line === line || !moved.citesLines)) {
        entry = moved.line === line ? moved : { ...moved, line, findings: moved.findings.map((f) => shiftFinding(f, line - moved.line)) };
        cache.byWeek.set(week, entry);
        cache.byContent.set(weekContent(week), entry);
      }
      if (entry) cache.stats.reused++;
    } else cache.stats.reused++;
    if (!entry) {
      // else by content: the week's text and surroundings, and last week by what the rules read of it (`Rule.lastWeekKey`)
      const ruleKeys = prev ? rules.map((r) => r.lastWeekKey?.(prev, week, profile) ?? '') : undefined;
      const historyKey = ruleKeys ? `last\u0000${ruleKeys.join('\u0001')}` : historyId;
      const key = detached(`${before}\u0001${text.slice(start, end)}\u0001${after}`);
      let had = entries.get(key);
      // findings move with their week, unless a message cites a line number
      if (had && had.line !== line) had = had.citesLines ? undefined : { ...had, line, findings: had.findings.map((f) => shiftFinding(f, line - had!.line)) };
      if (had && had.historyKey === historyKey) {
        entry = had;
        cache.stats.reused++;
      } else {
        const found: Finding[] = [];
        const one = weekReport(report, week);
        // the same text with another last week: only the rules whose key of last week changed run again
        // (two equal keys give the same findings: `Rule.lastWeekKey`), the others' findings stay
        let again = rules;
        if (had?.ruleKeys && ruleKeys) {
          again = rules.filter((_, i) => had!.ruleKeys![i] !== ruleKeys[i]);
          const codes = new Set(again.map((r) => r.code));
          for (const f of had.findings) if (!codes.has(f.code)) found.push(f);
          cache.stats.rulesKept += rules.length - again.length;
        }
        for (const rule of again) runOrKeep(cache, rule, week, one, run, found);
        found.sort(byPosition); // the document's findings are then nearly in order: sorting them is cheap
        const citing = new Set(rules.filter((r) => r.citesLines).map((r) => r.code));
        entry = { key, line, findings: found, historyId, historyKey, ruleKeys, before, after, citesLines: found.some((f) => citing.has(f.code)) };
        cache.stats.checked++;
      }
      entry = { ...entry, historyId, before, after };
      cache.byWeek.set(week, entry);
      cache.byContent.set(weekContent(week), entry);
    }
    entries.set(entry.key, entry);
    placed.entries[i] = entry;
    append(entry.findings);
  });
  // entries of weeks gone or changed since go when they outnumber the weeks
  if (entries.size > 2 * weeks.length + 64) cache.entries = new Map(placed.entries.map((e) => [e.key, e]));
  return ordered;
}

/** What a check leaves for the next one: the weeks in order, each with its last week and its entry; the titles, and the other files' version. */
interface LastCheck {
  weeks: readonly Week[];
  titles: readonly WeekTitle[];
  othersVersion?: number;
  lastWeeks: LastWeek[];
  entries: CacheEntry[];
  /** the weeks' indexes, made when first asked */
  index?: Map<Week, number>;
}

function indexOf(check: LastCheck, week: Week): number | undefined {
  if (!check.index) {
    check.index = new Map();
    check.weeks.forEach((w, i) => check.index!.set(w, i));
  }
  return check.index.get(week);
}

/**
 * Runs a week-scoped rule over a week that changed, unless the rule says what it reads
 * (`Rule.reads`) and those are the very objects it read at its last run: then its findings from
 * that run still hold (the parser keeps an object only while it is unchanged and unmoved).
 */
function runOrKeep(cache: FindingsCache, rule: Rule, week: Week, one: Report, run: Run, out: Finding[]): void {
  const reads = rule.reads?.(week).filter((o): o is object => o !== undefined);
  if (!reads?.length) {
    cache.stats.rulesRun++;
    run(rule, one, out);
    return;
  }
  let byRule = cache.byReads.get(reads[0]);
  if (!byRule) cache.byReads.set(reads[0], (byRule = new Map()));
  const kept = byRule.get(rule.code);
  if (kept && kept.reads.length === reads.length && kept.reads.every((o, i) => o === reads[i])) {
    cache.stats.rulesKept++;
    for (const f of kept.findings) out.push(f);
    return;
  }
  cache.stats.rulesRun++;
  const findings: Finding[] = [];
  run(rule, one, findings);
  byRule.set(rule.code, { reads, findings });
  for (const f of findings) out.push(f);
}

/**
 * The document's report with only one of its weeks, for the week-scoped rules. The masked text
 * and the parts stay the document's (read when asked: joining a 1 MB masked text on every
 * keystroke is what `maskedSlice` avoids).
 */
function weekReport(report: Report, week: Week): Report {
  const one = { weeks: [week], titles: report.titles, lineCount: report.lineCount } as Report;
  Object.defineProperty(one, 'masked', { get: () => report.masked, enumerable: true, configurable: true });
  Object.defineProperty(one, 'cache', { value: (report as ParsedReport).cache, enumerable: false });
  return one;
}

function shiftRange(r: Range, d: number): Range {
  return { start: { line: r.start.line + d, character: r.start.character }, end: { line: r.end.line + d, character: r.end.character } };
}

function shiftFinding(f: Finding, d: number): Finding {
  return {
    ...f,
    range: shiftRange(f.range, d),
    fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: shiftRange(e.range, d) })) })),
  };
}

/**
 * The same findings in the same order: what a client was given for one version still holds for
 * another (the server then answers a pull with `unchanged`). Findings of weeks the cache kept are
 * the very same objects; the others are compared field by field.
 */
export function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameFinding(a[i], b[i])) return false;
  return true;
}

function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.code === b.code &&
    a.severity === b.severity &&
    sameRange(a.range, b.range) &&
    sameText(a.message, b.message) &&
    (a.tags ?? []).join() === (b.tags ?? []).join() &&
    a.fixes.length === b.fixes.length &&
    a.fixes.every((f, i) => {
      const g = b.fixes[i];
      return !!f.preferred === !!g.preferred && sameText(f.title, g.title) && f.edits.length === g.edits.length && f.edits.every((e, j) => e.newText === g.edits[j].newText && sameRange(e.range, g.edits[j].range));
    })
  );
}

function sameText(a: Localized, b: Localized): boolean {
  return a === b || (a.en === b.en && a['zh-cn'] === b['zh-cn']);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** History as the rules see it: only an earlier report at most `maxWeeksBack` weeks back. */
function recentHistory(history: WeekHistory, maxWeeksBack: number): WeekHistory {
  return {
    ...history,
    previousWeek(iso) {
      const entry = history.previousWeek(iso);
      return entry && compareWeeks(entry.iso, addWeeks(iso, -maxWeeksBack)) >= 0 ? entry : undefined;
    },
  };
}
