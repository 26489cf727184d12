/**
 * Context-aware completion (dialect §4): what to offer at a cursor position, from the report
 * model and the profile. A pure function with plain results; the LSP adapter turns them into
 * CompletionItems.
 *
 * Contexts, decided from the text of the cursor's line up to the cursor and from the section the
 * cursor is in:
 * - the first non-blank line of a report without a week title (empty, or `#`, or a partly typed
 *   title): the week title for the week of the file name, else for `now`, in the profile's style;
 * - a heading being typed (`#`, `## 【`, `## 【系`): the sections the cursor's week still lacks,
 *   in the profile's order, each written at its profile level and bracketing (the whole line
 *   prefix is replaced, so the number of `#` comes out right); an OKR heading with the next
 *   free O-number that keeps the numbering gap-free and in order at the cursor;
 * - a list item being started inside the metrics section (`-`, `- 入`): the metrics the week
 *   does not have yet, as `- NAME：VALUE` with the cursor on the value;
 * - the start of an entry inside the incidents section: a timestamp for `now` (`M/D HH:MM `);
 * - after `【` at the start of a list item: the project names used in this document (latest
 *   first), then those from `history` (other reports).
 * An empty line in a report also offers the missing sections (after the section's own items).
 *
 * Nothing offered creates a finding when accepted as is, apart from values left to fill in
 * (a metric's value is a placeholder the rules report until it is filled in: `xx%` for WR060,
 * an empty count for WR021). A section, metric, title or O-number on the cursor's own line does
 * not count as present: completing a line again offers what it could become.
 *
 * `history` (optional) is what the workspace knows from earlier reports (issue 5): last week's
 * OKR titles, metric values and the project names of other reports.
 */
import { fmt, type Localized } from '../l10n';
import type { Report, Section } from '../model';
import { maskedLength, maskedSlice } from '../parse';
import type { MetricSpec, Profile, SectionSpec } from '../profile/schema';
import { weekMetrics } from '../rules/numbers';
import { sectionHeadingText } from '../rules/skeleton';
import { comparePositions, type LineIndex, type Position, type Range } from '../text';
import { formatTitle, formatWeekRange, fromDate, isoWeekOf, pad2, weekFromFileName, type IsoWeek } from '../weeks';
import type { WorkspaceIndex } from '../workspace';
import { projectNamesExcept, sectionAtLine, titledWeekAtLine, weekAtLine } from './report-index';

export type CompletionKind = 'title' | 'section' | 'okr' | 'metric' | 'timestamp' | 'project';

export interface CompletionEntry {
  /** what the list shows */
  label: string;
  kind: CompletionKind;
  detail?: Localized;
  /** Markdown */
  documentation?: Localized;
  /** the text that replaces `range`; snippet syntax (`${1:xx}`) when `snippet` */
  insertText: string;
  snippet: boolean;
  /** on the cursor's line, containing the cursor */
  range: Range;
  sortText: string;
  /** what the editor filters against (the text from `range.start` to the cursor is matched) */
  filterText: string;
  /** the item to select first */
  preselect?: boolean;
}

/** What earlier reports of the workspace tell (issue 5); every part optional. */
export interface CompletionHistory {
  /** the previous report's OKR titles by O-number (`2` → `能力升级`) */
  okrTitles?: ReadonlyMap<number, string>;
  /** the previous report's metric values as written, by profile metric id */
  metricValues?: ReadonlyMap<string, string>;
  /** project names used in other reports, most recent first */
  projects?: readonly string[];
}

export interface CompletionInput {
  report: Report;
  lines: LineIndex;
  position: Position;
  profile: Profile;
  /** the current time (timestamps, the week title when the file name names no week) */
  now: Date;
  /** the document's path or URI, to read the week from its name */
  fileName?: string;
  history?: CompletionHistory;
}

const MSG = {
  titleFile: { en: 'Week title for {0} (the week of the file name), {1}', 'zh-cn': '周标题：{0}（文件名所指的周），{1}' },
  titleToday: { en: 'Week title for {0} (this week), {1}', 'zh-cn': '周标题：{0}（本周），{1}' },
  section: { en: 'Section, heading level {0}', 'zh-cn': '章节，{0} 级标题' },
  sectionRequired: { en: 'Required section, heading level {0}', 'zh-cn': '必填章节，{0} 级标题' },
  sectionDoc: { en: 'This week has no {0} yet.', 'zh-cn': '本周还没有{0}。' },
  okr: { en: 'OKR section {0}, heading level {1}', 'zh-cn': 'OKR 章节 {0}，{1} 级标题' },
  okrDoc: { en: 'The next OKR number here: {0}.', 'zh-cn': '此处的下一个 OKR 编号：{0}。' },
  okrLastWeek: { en: "Last week's title: {0}", 'zh-cn': '上周标题：{0}' },
  metric: { en: 'Metric', 'zh-cn': '指标' },
  metricRequired: { en: 'Required metric', 'zh-cn': '必填指标' },
  metricGroup: { en: 'Group: {0}', 'zh-cn': '分组：{0}' },
  metricTarget: { en: 'Target: {0}', 'zh-cn': '目标：{0}' },
  metricLastWeek: { en: 'Last week: {0}', 'zh-cn': '上周：{0}' },
  metricFill: { en: 'Fill in the value: until then the rules report it.', 'zh-cn': '请填写数值：填写之前规则会提示。' },
  timestamp: { en: 'Incident timestamp: now', 'zh-cn': '事件时间：现在' },
  timestampDoc: { en: 'Starts an incident entry at {0}.', 'zh-cn': '以 {0} 开始一条事件记录。' },
  project: { en: 'Project in this report', 'zh-cn': '本周报中的项目' },
  projectOther: { en: 'Project from an earlier report', 'zh-cn': '往期周报中的项目' },
} satisfies Record<string, Localized>;

/** Sort groups: the context's own items before the headings offered on an empty line. */
const RANK = { own: 'a', heading: 'b' } as const;

export function completionsAt(input: CompletionInput): CompletionEntry[] {
  const { lines } = input;
  if (input.position.line < 0 || input.position.line >= lines.lineCount) return [];
  const line = input.position.line;
  const text = lines.lineText(line);
  const character = Math.max(0, Math.min(input.position.character, text.length));
  const ctx: Ctx = { ...input, position: { line, character }, line, before: text.slice(0, character), after: text.slice(character) };
  // inside a code block or an HTML comment (blanked out in the masked text): nothing
  const start = lines.lineStart(line);
  if (text.trim() !== '' && maskedSlice(input.report, start, start + text.length).trim() === '' && maskedLength(input.report) === lines.text.length) return [];

  const title = titleCompletion(ctx);
  if (title) return [title];

  if (/^ {0,3}#/.test(ctx.before)) return headingCompletions(ctx, RANK.own);

  const project = /^(\s*(?:[-*+]|\d+[.)、])[ \t]+(?:\[[ xX]\][ \t]+)?【)([^】【]*)$/.exec(ctx.before);
  if (project) return projectCompletions(ctx, project[1].length);

  const section = enclosingSection(ctx);
  const out: CompletionEntry[] = [];
  if (section?.role === 'metrics') out.push(...metricCompletions(ctx));
  else if (section?.role === 'incidents') out.push(...timestampCompletions(ctx, section));
  if (ctx.before.trim() === '' && ctx.after.trim() === '') out.push(...headingCompletions(ctx, RANK.heading));
  return out;
}

interface Ctx extends CompletionInput {
  line: number;
  /** the line's text before and after the cursor */
  before: string;
  after: string;
}

function rangeOn(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

const order = (i: number): string => String(i).padStart(3, '0');

/** `$`, `}` and `\` written literally in a snippet. */
export function escapeSnippet(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}

// ------------------------------------------------------------------ where the cursor is

/** The section the cursor's line is in (see `sectionAtLine`). */
function enclosingSection(ctx: Ctx): Section | undefined {
  return sectionAtLine(ctx.report, ctx.line);
}

function onLine(range: Range | undefined, line: number): boolean {
  return !!range && range.start.line <= line && line <= range.end.line;
}

// ------------------------------------------------------------------ week title

function titleCompletion(ctx: Ctx): CompletionEntry | undefined {
  const { report, profile, lines, line } = ctx;
  if (report.titles.some((t) => !onLine(t.range, line))) return undefined;
  for (let l = 0; l < line; l++) if (lines.lineText(l).trim() !== '') return undefined;
  if (!/^(?:#[ \t]*)?[^#]*$/.test(ctx.before) || ctx.after.trim() !== '') return undefined;
  // a line with text that is not the start of a title: leave it alone
  if (ctx.before !== '' && !ctx.before.startsWith('#')) return undefined;
  const fromFile = weekFromFileName(ctx.fileName, profile);
  const week: IsoWeek = fromFile ?? isoWeekOf(fromDate(ctx.now));
  const text = `# ${formatTitle(week, profile.titleStyle)}`;
  return {
    label: text,
    kind: 'title',
    detail: fmt(fromFile ? MSG.titleFile : MSG.titleToday, `${week.year}-W${pad2(week.week)}`, formatWeekRange(week)),
    insertText: text,
    snippet: false,
    range: rangeOn(line, 0, ctx.before.length),
    sortText: `${RANK.own}000`,
    filterText: text,
    preselect: true,
  };
}

// ------------------------------------------------------------------ headings

function headingCompletions(ctx: Ctx, rank: string): CompletionEntry[] {
  const { profile, report, line } = ctx;
  const typed = /^( {0,3})(#*)([ \t]*)(【?)([^】#]*)$/.exec(ctx.before);
  if (!typed) return [];
  // the rest of the line: nothing, or the closing bracket of `## 【|】`
  if (!/^[\s】]*$/.test(ctx.after)) return [];
  const week = weekAtLine(report, line);
  const sections = (week?.sections ?? []).filter((s) => !onLine(s.heading?.range, line));
  const hashes = typed[2];
  const range = rangeOn(line, 0, ctx.before.length + ctx.after.length);
  // a heading above text (not above another heading) would take that text as its content: only
  // project items right under the title (the implicit key-work section) may get their heading
  // (a known heading being completed again already has that text as its content)
  let only: string | undefined;
  const known = (week?.sections ?? []).some((s) => onLine(s.heading?.range, line) && s.sectionId !== undefined);
  if (!known && textBelow(ctx)) {
    const headedAbove = sections.some((s) => s.heading && s.heading.range.start.line < line);
    const keyWork = profile.sections.find((s) => s.role === 'keyWork');
    if (headedAbove || !keyWork || sections.some((s) => s.heading && s.sectionId === keyWork.id)) return [];
    only = keyWork.id;
  }
  const out: CompletionEntry[] = [];
  profile.sections.forEach((spec, i) => {
    if (only !== undefined && spec.id !== only) return;
    if (spec.role === 'okr') {
      const okr = okrCompletion(ctx, spec, sections, range, hashes);
      if (okr) out.push({ ...okr, sortText: `${rank}${order(i)}` });
      return;
    }
    if (sections.some((s) => s.sectionId === spec.id && (s.heading || only === undefined))) return;
    const heading = sectionHeadingText(spec);
    const name = spec.bracketed ? heading : `“${heading}”`;
    out.push({
      label: heading,
      kind: 'section',
      detail: fmt(spec.required ? MSG.sectionRequired : MSG.section, spec.level),
      documentation: fmt(MSG.sectionDoc, name),
      insertText: `${'#'.repeat(spec.level)} ${heading}`,
      snippet: false,
      range,
      sortText: `${rank}${order(i)}`,
      filterText: hashes ? `${hashes} ${heading}` : heading,
    });
  });
  // preselect the first one whose canonical place is here: after the sections above the cursor
  const above = sections.filter((s) => (s.heading?.range ?? s.range).start.line < line).map((s) => profile.sections.findIndex((p) => p.id === s.sectionId));
  const here = Math.max(-1, ...above);
  const first = out.find((e) => Number(e.sortText.slice(1)) > here) ?? out.find((e) => e.kind === 'okr' && Number(e.sortText.slice(1)) === here);
  if (first) first.preselect = true;
  return out;
}

/** The next non-blank line after the cursor's line is text, not a heading (or the end). */
function textBelow(ctx: Ctx): boolean {
  for (let l = ctx.line + 1; l < ctx.lines.lineCount; l++) {
    const t = ctx.lines.lineText(l);
    if (t.trim() === '') continue;
    return !/^ {0,3}#{1,6}(?:[ \t]|$)/.test(t);
  }
  return false;
}

/**
 * The OKR heading that fits at the cursor: one more than the OKR section before the cursor (O1
 * when there is none), offered only when that number is not used in the week and is smaller
 * than the next OKR section's, so the numbering stays gap-free and in order (WR012).
 */
function okrCompletion(ctx: Ctx, spec: SectionSpec, sections: Section[], range: Range, hashes: string): CompletionEntry | undefined {
  const okrs = sections.filter((s) => s.okr);
  const cursor = ctx.position;
  const start = (s: Section) => (s.heading?.range ?? s.range).start;
  const before = okrs.filter((s) => comparePositions(start(s), cursor) < 0);
  const after = okrs.filter((s) => comparePositions(start(s), cursor) > 0);
  const n = Math.max(0, ...before.map((s) => s.okr!.number)) + 1;
  if (okrs.some((s) => s.okr!.number === n)) return undefined;
  if (after.some((s) => s.okr!.number < n)) return undefined;
  const prefix = ctx.profile.okr.prefix;
  const last = ctx.history?.okrTitles?.get(n);
  const [open, close] = spec.bracketed ? ['【', '】'] : ['', ''];
  const titleSnippet = last ? `\${1:${escapeSnippet(last)}}` : '${1}';
  const id = `${prefix}${n}`;
  const docs: Localized[] = [fmt(MSG.okrDoc, id)];
  if (last) docs.push(fmt(MSG.okrLastWeek, last));
  return {
    label: `${open}${id} ${last ?? '…'}${close}`,
    kind: 'okr',
    detail: fmt(MSG.okr, id, spec.level),
    documentation: joinLines(docs),
    insertText: `${'#'.repeat(spec.level)} ${open}${id} ${titleSnippet}${close}`,
    snippet: true,
    range,
    sortText: '',
    filterText: `${hashes ? `${hashes} ` : ''}${open}${id} ${last ?? ''}`.trimEnd(),
  };
}

// ------------------------------------------------------------------ metrics

/**
 * The value part of a metric's snippet, with the cursor on it. Left as is, the rules report it:
 * a percentage gets the stem of the profile's percent placeholder (`${1:xx}%`: WR060), or an
 * empty number before its `%` (WR021); counts by grade get empty counts per grade (WR021).
 */
export function metricValueSnippet(spec: MetricSpec, profile: Profile): string {
  if (spec.unit === 'percent') {
    const placeholder = profile.placeholders.find((p) => /^[^$\s]+[%％]$/.test(p) && !/\d/.test(p));
    const stem = placeholder ? placeholder.slice(0, -1) : '';
    return `\${1${stem ? `:${escapeSnippet(stem)}` : ''}}%`;
  }
  if (spec.unit === 'grades') {
    const grades = spec.grades && spec.grades.length > 0 ? spec.grades : ['A', 'B'];
    return grades.map((g, i) => `${g}级\${${i + 1}}次`).join('，');
  }
  return '${1}';
}

function metricCompletions(ctx: Ctx): CompletionEntry[] {
  const { profile, report, line } = ctx;
  // an indented or plain line, a list marker, and the start of a name; no colon yet
  const typed = /^(\s*)([-*+][ \t]*)?([^\s：:\-*+][^：:]*)?$/.exec(ctx.before);
  if (!typed || ctx.after.trim() !== '') return [];
  const week = weekAtLine(report, line);
  const present = new Set((week ? weekMetrics(week) : []).filter((m) => m.line !== line && m.id).map((m) => m.id));
  const indent = typed[1];
  const marker = (typed[2] ?? '').trim() || '-';
  const range = rangeOn(line, indent.length, ctx.before.length);
  const out: CompletionEntry[] = [];
  profile.metrics.forEach((spec, i) => {
    if (present.has(spec.id)) return;
    const lastWeek = ctx.history?.metricValues?.get(spec.id);
    const docs: Localized[] = [];
    if (spec.group) docs.push(fmt(MSG.metricGroup, spec.group));
    const target = targetText(spec);
    if (target) docs.push(fmt(MSG.metricTarget, target));
    if (lastWeek) docs.push(fmt(MSG.metricLastWeek, lastWeek));
    docs.push(MSG.metricFill);
    const sep = spec.unit === 'grades' ? '' : '：';
    out.push({
      label: spec.name,
      kind: 'metric',
      detail: metricDetail(spec, lastWeek),
      documentation: joinLines(docs),
      insertText: `${marker} ${escapeSnippet(spec.name)}${sep}${metricValueSnippet(spec, profile)}`,
      snippet: true,
      range,
      sortText: `${RANK.own}${order(i)}`,
      // the marker as typed with one space, so that typing on (`-`, `- `, `- 入`) keeps it in the list
      filterText: `${marker} ${spec.name}`,
    });
  });
  return out;
}

function metricDetail(spec: MetricSpec, lastWeek: string | undefined): Localized {
  const kind = spec.required ? MSG.metricRequired : MSG.metric;
  if (!lastWeek) return kind;
  const last = fmt(MSG.metricLastWeek, lastWeek);
  return { en: `${kind.en} · ${last.en}`, 'zh-cn': `${kind['zh-cn']} · ${last['zh-cn']}` };
}

function targetText(spec: MetricSpec): string | undefined {
  const unit = spec.unit === 'percent' ? '%' : '';
  const parts: string[] = [];
  if (spec.target?.min !== undefined) parts.push(`≥ ${spec.target.min}${unit}`);
  if (spec.target?.max !== undefined) parts.push(`≤ ${spec.target.max}${unit}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function joinLines(parts: Localized[]): Localized {
  return { en: parts.map((p) => p.en).join('\n\n'), 'zh-cn': parts.map((p) => p['zh-cn']).join('\n\n') };
}

// ------------------------------------------------------------------ incidents

function timestampCompletions(ctx: Ctx, section: Section): CompletionEntry[] {
  // the start of an entry: nothing or a list marker, then at most a partly typed timestamp
  const typed = /^(\s*)([-*+][ \t]*)?([\d/:： \t]*)$/.exec(ctx.before);
  if (!typed) return [];
  // text after the cursor: an entry without a timestamp gets one (what WR040's fix does); one
  // that has a timestamp is left alone
  if (/^\s*\d{1,2}\/\d{1,2}/.test(ctx.after) || (typed[3] !== '' && ctx.after.trim() !== '')) return [];
  const now = ctx.now;
  const stamp = `${now.getMonth() + 1}/${now.getDate()} ${pad2(now.getHours())}:${pad2(now.getMinutes())}`;
  const indent = typed[1];
  const typedMarker = typed[2] ?? '';
  // a new entry on an empty line follows the section's style (list items or paragraphs)
  const listStyle = typedMarker !== '' || (section.incidents.length > 0 && section.incidents.filter((i) => i.listItem).length * 2 > section.incidents.length);
  const marker = typedMarker !== '' ? `${typedMarker.trim()} ` : listStyle && ctx.before.trim() === '' && ctx.after.trim() === '' ? '- ' : '';
  const replaceMarker = typedMarker !== '' || marker !== '';
  const start = replaceMarker ? indent.length : ctx.before.length - typed[3].length;
  const space = ctx.after.startsWith(' ') ? '' : ' ';
  return [
    {
      label: stamp,
      kind: 'timestamp',
      detail: MSG.timestamp,
      documentation: fmt(MSG.timestampDoc, stamp),
      insertText: `${marker}${stamp}${space}`,
      snippet: false,
      range: rangeOn(ctx.line, start, ctx.before.length),
      sortText: `${RANK.own}000`,
      filterText: `${marker}${stamp}`,
      preselect: true,
    },
  ];
}

// ------------------------------------------------------------------ projects

function projectCompletions(ctx: Ctx, nameStart: number): CompletionEntry[] {
  // latest first: by the last place each name is used
  const names: Array<{ name: string; here: boolean }> = [];
  const seen = new Set<string>();
  for (const name of projectNamesExcept(ctx.report, ctx.line)) {
    seen.add(name);
    names.push({ name, here: true });
  }
  for (const name of ctx.history?.projects ?? []) {
    const n = name.trim();
    if (n === '' || seen.has(n)) continue;
    seen.add(n);
    names.push({ name: n, here: false });
  }
  // replace the name typed so far, and a closing bracket already there (`【|】`, `【贝|易转】`)
  const closing = /^[^【】]*】/.exec(ctx.after);
  const end = ctx.before.length + (closing ? closing[0].length : 0);
  const range = rangeOn(ctx.line, nameStart, end);
  return names.map(({ name, here }, i) => ({
    label: name,
    kind: 'project' as const,
    detail: here ? MSG.project : MSG.projectOther,
    insertText: `${name}】`,
    snippet: false,
    range,
    sortText: `${RANK.own}${order(i)}`,
    filterText: name,
  }));
}

/**
 * Characters that open completion as they are typed: `#` (a heading, the week title), `【` (a
 * project name, a bracketed heading), `-` (a metric or incident entry; elsewhere nothing is
 * offered, so no list opens). Manual invocation works everywhere.
 */
export const COMPLETION_TRIGGERS = ['#', '【', '-'] as const;

/**
 * What completion takes from the workspace for the report being edited: the OKR titles and metric
 * values of the latest earlier week, and the project names of every report (most recent first).
 */
export function completionHistory(index: WorkspaceIndex, report: Report, position: Position, profile: Profile, fileName?: string): CompletionHistory {
  const projects = index.projectNames();
  const here = titledWeekAtLine(report, position.line);
  const iso = here?.title ? { year: here.title.year, week: here.title.week } : undefined;
  const fromName = iso ?? weekFromFileName(fileName, profile);
  const previous = fromName ? index.previousWeek(fromName) : undefined;
  if (!previous) return { projects };
  const okrTitles = new Map<number, string>();
  const metricValues = new Map<string, string>();
  for (const s of previous.week.sections) {
    if (s.okr && s.okr.title && !okrTitles.has(s.okr.number)) okrTitles.set(s.okr.number, s.okr.title);
    for (const m of s.metrics) if (m.id && m.value.raw && !metricValues.has(m.id)) metricValues.set(m.id, m.value.raw);
  }
  return { okrTitles, metricValues, projects };
}

