/**
 * Carry-over: next week's report from last week's (dialect §5). A pure planner; the adapters
 * (the editor command, the code lens, `zhoubao new`) read and write files.
 *
 *   carryOverTarget({ index, profile, week? })  → where: target week, previous report, path
 *   planCarryOver({ index, profile, week?, existing? }) → create | insert | nothing | error
 *
 * - The previous report is the latest titled week strictly before the target (by title week, not
 *   file date; skipped weeks are fine). Without a target week, the target is the week after the
 *   latest report of the index.
 * - The path is the profile's `filePattern` for the target week, beside the previous report (a
 *   pattern with folders, `{year}/W{week}.md`, replaces as many trailing path segments).
 * - `create` (no file at the path): the full text of a new report: the week title in the profile's
 *   style, the review section (role `review`) with last week's goals as `- [ ] goal` and its
 *   `【待复盘】` incidents as `- [ ] 跟进复盘：M/D HH:MM …`, last week's OKR headings, and the
 *   profile's sections in canonical order, each as WR010 writes a missing one (`sectionSkeleton`):
 *   `暂无` bodies, metrics with their names and a profile placeholder as value (`xx%`, WR060 points at
 *   it until it is filled in), and the goals section with an empty item `1. `. No `Created:` line:
 *   the notes app writes that one, and a date of today would be before the title week (WR004) when
 *   the report is prepared ahead.
 *   When the previous report has no goals and no pending incident, the skeleton is still created
 *   (without a review section) and `notice` says that nothing was carried over.
 * - `insert` (the file exists; pass its text, unsaved editor content when it is open): only the
 *   goals and follow-ups not yet in the text (compared normalised, on any line of the text, list
 *   marker and task box removed, as a prefix: `- [x] goal：done` counts) as ONE edit: appended to the
 *   review section of the target week, or a new review section at its canonical place. Applying it
 *   and planning again gives `nothing`. The planner never replaces existing text.
 * - `nothing`: everything is there already, or there is nothing to carry (message says which).
 * - `error`: no earlier report (`noEarlierReport`), an invalid target week (`invalidWeek`).
 */
import { fmt, type Localized } from '../l10n';
import type { Incident, Section, Week } from '../model';
import { parseReport } from '../parse';
import type { Profile, SectionSpec } from '../profile/schema';
import { checkedWeeks, eolOf, headingLine, insertSectionEdit, landVisibly } from '../rules/skeleton';
import { sectionSkeleton } from '../rules/wr010-missing-section';
import { LineIndex, type TextEdit } from '../text';
import { addWeeks, compareWeeks, fileNameForWeek, formatIsoWeek, formatTitle, isValidWeek, pad2, type IsoWeek } from '../weeks';
import type { WeekEntry, WorkspaceIndex } from '../workspace';
import { normalizeText, stripListMarker } from '../workspace/match';

export const CARRY_MESSAGES = {
  noEarlierReport: {
    en: 'There is no report before {0} in this workspace: nothing to carry over. Write the first report by hand (or from the report snippet).',
    'zh-cn': '工作区中没有 {0} 之前的周报，无从承接。请手动（或用周报模板片段）编写第一份周报。',
  },
  noReports: {
    en: 'There is no report in this workspace yet: nothing to carry over. Write the first report by hand (or from the report snippet).',
    'zh-cn': '工作区中还没有任何周报，无从承接。请手动（或用周报模板片段）编写第一份周报。',
  },
  invalidWeek: {
    en: '{0} is not a valid ISO week.',
    'zh-cn': '{0} 不是有效的 ISO 周。',
  },
  created: {
    en: 'Created {0} for {1}: carried over {2} goal(s) and {3} follow-up(s) from {4}.',
    'zh-cn': '已为 {1} 新建 {0}：从 {4} 承接了 {2} 个目标和 {3} 个复盘跟进。',
  },
  createdNothing: {
    en: 'Created {0} for {1}; {2} has no goals under {3} and no pending postmortem, so nothing was carried over.',
    'zh-cn': '已为 {1} 新建 {0}；{2} 的“{3}”下没有目标，也没有待复盘事件，因此没有承接任何内容。',
  },
  inserted: {
    en: 'Added {0} missing goal(s) and {1} follow-up(s) from {2} to {3}; the rest of the file is unchanged.',
    'zh-cn': '已向 {3} 补充 {2} 中缺少的 {0} 个目标和 {1} 个复盘跟进；文件其余内容未改动。',
  },
  upToDate: {
    en: '{0} already has all {1} goal(s) and follow-up(s) of {2}: nothing to do.',
    'zh-cn': '{0} 已包含 {2} 的全部 {1} 个目标和复盘跟进，无需改动。',
  },
  nothingToCarry: {
    en: '{0} already exists and {1} has no goals under {2} and no pending postmortem: nothing to carry over.',
    'zh-cn': '{0} 已存在，且 {1} 的“{2}”下没有目标，也没有待复盘事件：没有可承接的内容。',
  },
  targetNotLater: {
    en: 'The target week {0} is not after {1}.',
    'zh-cn': '目标周 {0} 不在 {1} 之后。',
  },
} satisfies Record<string, Localized>;

/** The prefix of a follow-up task: `跟进复盘：3/21 15:43 …`. */
export const FOLLOW_UP_PREFIX = '跟进复盘：';

export interface CarryOverInput {
  index: WorkspaceIndex;
  profile: Profile;
  /** the week to create; default: the week after the latest report of the index */
  week?: IsoWeek;
}

export interface CarryOverTarget {
  target: IsoWeek;
  /** the latest report before the target */
  from: WeekEntry;
  /** the file for the target week, beside `from` (same form as its uri: path or URI) */
  path: string;
}

export type CarryOverError = { kind: 'error'; reason: 'noEarlierReport' | 'invalidWeek'; message: Localized; target?: IsoWeek };

export interface CarryOverBase extends CarryOverTarget {
  /** last week's goals, as carried (`goal` text) */
  goals: string[];
  /** last week's pending postmortems, as carried (`跟进复盘：…`) */
  followUps: string[];
  message: Localized;
}

export type CarryOverPlan =
  | (CarryOverBase & { kind: 'create'; text: string; notice?: Localized })
  | (CarryOverBase & { kind: 'insert'; edits: TextEdit[]; added: string[] })
  | (CarryOverBase & { kind: 'nothing' })
  | CarryOverError;

/** Directory part of a path or URI, with as many segments removed as the file pattern has. */
export function targetPath(fromUri: string, target: IsoWeek, profile: Profile): string {
  const segments = profile.filePattern.split('/').length;
  const parts = fromUri.split('/');
  const base = parts.slice(0, Math.max(0, parts.length - segments)).join('/');
  const name = fileNameForWeek(target, profile);
  return base === '' && !fromUri.startsWith('/') ? name : `${base}/${name}`;
}

export function carryOverTarget(input: CarryOverInput): CarryOverTarget | CarryOverError {
  const { index, profile } = input;
  if (input.week && !isValidWeek(input.week)) {
    return { kind: 'error', reason: 'invalidWeek', message: fmt(CARRY_MESSAGES.invalidWeek, `${input.week.year}-W${pad2(input.week.week)}`) };
  }
  const target = input.week ?? defaultTargetWeek(index, profile);
  if (!target) return { kind: 'error', reason: 'noEarlierReport', message: CARRY_MESSAGES.noReports };
  const from = index.previousWeek(target);
  if (!from) return { kind: 'error', reason: 'noEarlierReport', message: fmt(CARRY_MESSAGES.noEarlierReport, formatIsoWeek(target)), target };
  return { target, from, path: targetPath(from.uri, target, profile) };
}

/**
 * Without a week asked for: the week after the latest report that has something to carry (goals
 * or pending postmortems). A report just created from the skeleton has no goals yet, so running
 * carry-over again targets that same report (and changes nothing) instead of creating the week
 * after it; once its goals are written, carry-over moves on. No report with anything to carry:
 * the week after the latest report (the plan then says there is nothing to carry).
 * The editor command and `zhoubao new` both rely on this, so they pick the same week.
 */
export function defaultTargetWeek(index: WorkspaceIndex, profile: Profile): IsoWeek | undefined {
  const weeks = index.weeks();
  for (let i = weeks.length - 1; i >= 0; i--) {
    const { goals, followUps } = carriedItems(weeks[i].week, profile);
    if (goals.length + followUps.length > 0) return addWeeks(weeks[i].iso, 1);
  }
  const latest = index.latestWeek();
  return latest ? addWeeks(latest.iso, 1) : undefined;
}

/** `3/21 15:43 监控发现支付超时，…` → `跟进复盘：3/21 15:43 监控发现支付超时` */
export function followUpText(incident: Incident, pendingTag: string): string | undefined {
  const s = incident.start;
  if (!s) return undefined;
  const stamp = `${s.month}/${s.day} ${s.hour}:${pad2(s.minute)}`;
  const offset = incident.text.indexOf(s.raw);
  let rest = offset >= 0 ? incident.text.slice(offset + s.raw.length) : incident.text;
  rest = rest
    .split(`【${pendingTag}】`)
    .join(' ')
    .replace(/^[\s，,：:]*(\d{1,2}:\d{2}[\s，,]*)?/u, '') // `7/12 10:30 10:30` repeats the time
    .replace(/\s+/g, ' ')
    .trim();
  const clause = rest.split(/[。；;\n]/u)[0].split(/[，,]/u)[0].trim();
  const summary = [...clause].slice(0, 30).join('');
  return `${FOLLOW_UP_PREFIX}${stamp}${summary ? ` ${summary}` : ''}`;
}

function sectionsOf(week: Week, role: string): Section[] {
  return week.sections.filter((s) => s.role === role);
}

/** What carries over from a week: its goals' text, and its pending postmortems as follow-ups. */
export function carriedItems(week: Week, profile: Profile): { goals: string[]; followUps: string[] } {
  const goals: string[] = [];
  for (const s of sectionsOf(week, 'goals')) {
    for (const g of s.goals) {
      const t = g.text.trim();
      if (t && !goals.some((x) => normalizeText(x) === normalizeText(t))) goals.push(t);
    }
  }
  const followUps: string[] = [];
  for (const s of week.sections) {
    for (const inc of s.incidents) {
      if (!inc.pendingReview) continue;
      const t = followUpText(inc, profile.incidents.pendingTag);
      if (t && !followUps.includes(t)) followUps.push(t);
    }
  }
  return { goals, followUps };
}

function reviewSpec(profile: Profile): SectionSpec | undefined {
  return profile.sections.find((s) => s.role === 'review');
}

function taskLines(items: readonly string[]): string[] {
  return items.map((t) => `- [ ] ${t}`);
}

/** The full text of a new report. */
export function newReportText(target: IsoWeek, from: WeekEntry, profile: Profile, carried: { goals: string[]; followUps: string[] }): string {
  const out: string[] = [`# ${formatTitle(target, profile.titleStyle)}`];
  const tasks = taskLines([...carried.goals, ...carried.followUps]);
  for (const spec of profile.sections) {
    if (spec.role === 'review') {
      if (tasks.length === 0) continue;
      out.push('', headingLine(spec), '', ...tasks);
    } else if (spec.role === 'okr') {
      // last week's OKR headings (the O-number is their identity), at the profile's level
      for (const s of sectionsOf(from.week, 'okr')) {
        if (!s.heading) continue;
        out.push('', `${'#'.repeat(spec.level)} ${s.heading.text}`, '', '暂无');
      }
    } else if (spec.role === 'goals') {
      out.push('', headingLine(spec), '', '1. ');
    } else if (spec.role === 'daily' || spec.role === 'other') {
      continue;
    } else {
      out.push('', ...sectionSkeleton(spec, profile));
    }
  }
  return out.join('\n') + '\n';
}

/** Whether a carried line is already in the text: any line that, normalised, starts with it. */
function presentIn(normalizedLines: readonly string[], item: string): boolean {
  const n = normalizeText(item);
  return n !== '' && normalizedLines.some((l) => l.startsWith(n));
}

/** The week of an existing file the items go to: the target week's, else the first one. */
function targetWeekIn(weeks: readonly Week[], target: IsoWeek): Week | undefined {
  return weeks.find((w) => w.title?.valid && compareWeeks({ year: w.title.year, week: w.title.week }, target) === 0) ?? checkedWeeks(weeks)[0];
}

function insertEdit(text: string, target: IsoWeek, profile: Profile, tasks: string[]): TextEdit {
  const lines = new LineIndex(text);
  const eol = eolOf(text);
  const end = lines.positionAt(text.length);
  if (text.trim() === '') {
    // an empty file: the title and the review section (text in an empty file is not replaced: there is none)
    const spec = reviewSpec(profile);
    const block = [`# ${formatTitle(target, profile.titleStyle)}`, '', ...(spec ? [headingLine(spec), ''] : []), ...tasks];
    return { range: { start: end, end }, newText: block.join(eol) + eol };
  }
  const report = parseReport(text, { profile });
  const week = targetWeekIn(report.weeks, target);
  const spec = reviewSpec(profile);
  const review = week?.sections.find((s) => s.role === 'review');
  if (review?.heading) {
    const last = Math.max(review.range.end.line, review.heading.range.end.line);
    const at = lines.positionAt(lines.lineEnd(last));
    const lastText = lines.lineText(last);
    const inList = last > review.heading.range.end.line && /^\s*(?:[-*+]|\d+[.)、])\s/u.test(lastText);
    const edit: TextEdit = { range: { start: at, end: at }, newText: (inList ? eol : eol + eol) + tasks.join(eol) };
    // a review section that ends the document inside an unclosed fence or comment: close it first
    return landVisibly({ text, lines, report, profile }, edit) ?? edit;
  }
  if (week && spec) return insertSectionEdit(week, spec, [headingLine(spec), '', ...tasks], profile, lines);
  // no review section in the profile: the tasks go right after the title (or at the top)
  const line = week?.title ? week.title.range.end.line : -1;
  if (line < 0) return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: tasks.join(eol) + eol + eol };
  const at = lines.positionAt(lines.lineEnd(line));
  const edit: TextEdit = { range: { start: at, end: at }, newText: eol + eol + tasks.join(eol) };
  return landVisibly({ text, lines, report, profile }, edit) ?? edit;
}

export interface PlanInput extends CarryOverInput {
  /** the text of the target file when it exists (unsaved editor content when it is open) */
  existing?: string;
}

export function planCarryOver(input: PlanInput): CarryOverPlan {
  const where = carryOverTarget(input);
  if ('kind' in where) return where;
  const { profile } = input;
  const { target, from, path } = where;
  const carried = carriedItems(from.week, profile);
  const base = { target, from, path, goals: carried.goals, followUps: carried.followUps };
  const fileName = path.split('/').at(-1) ?? path;
  const fromName = formatIsoWeek(from.iso);
  const targetName = formatIsoWeek(target);
  const goalsTitle = profile.sections.find((s) => s.role === 'goals')?.title ?? '';
  const all = [...carried.goals, ...carried.followUps];

  if (input.existing === undefined) {
    const text = newReportText(target, from, profile, carried);
    if (all.length === 0) {
      const notice = fmt(CARRY_MESSAGES.createdNothing, fileName, targetName, fromName, goalsTitle);
      return { kind: 'create', ...base, text, message: notice, notice };
    }
    return {
      kind: 'create',
      ...base,
      text,
      message: fmt(CARRY_MESSAGES.created, fileName, targetName, carried.goals.length, carried.followUps.length, fromName),
    };
  }

  if (all.length === 0) return { kind: 'nothing', ...base, message: fmt(CARRY_MESSAGES.nothingToCarry, fileName, fromName, goalsTitle) };
  const normalizedLines = input.existing.split(/\r\n|\r|\n/).map((l) => normalizeText(stripListMarker(l)));
  const missingGoals = carried.goals.filter((g) => !presentIn(normalizedLines, g));
  const missingFollowUps = carried.followUps.filter((f) => !presentIn(normalizedLines, followUpKey(f)));
  const added = [...missingGoals, ...missingFollowUps];
  if (added.length === 0) return { kind: 'nothing', ...base, message: fmt(CARRY_MESSAGES.upToDate, fileName, all.length, fromName) };
  const edit = insertEdit(input.existing, target, profile, taskLines(added));
  return {
    kind: 'insert',
    ...base,
    edits: [edit],
    added,
    message: fmt(CARRY_MESSAGES.inserted, missingGoals.length, missingFollowUps.length, fromName, fileName),
  };
}

/** A follow-up is identified by its prefix and timestamp (its summary may have been edited). */
function followUpKey(f: string): string {
  const m = /^(跟进复盘：\S+ \S+)/u.exec(f);
  return m ? m[1] : f;
}
