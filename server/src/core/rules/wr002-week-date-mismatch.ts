/**
 * WR002: a week title that contradicts itself. A `第47周 2023/11/13` title whose number is not the
 * ISO week of its date (2023-11-13 is in week 46), or a week that does not exist (`2024-W54`).
 * A date that is in the stated week but is not its Monday is only a style matter (WR005).
 */
import { fmt } from '../l10n';
import type { TitleDate } from '../model';
import { daysBetween, isoWeekOf, isValidWeek, mondayOf, pad2, weeksInYear, type IsoWeek } from '../weeks';
import type { Fix, Rule } from './types';
import { titlesOf } from './titles';

const messages = {
  mismatch: {
    en: 'The title says week {0}, but its date {1} is in week {2} (Monday {3}).',
    'zh-cn': '标题写的是第{0}周，但日期 {1} 属于第{2}周（周一为 {3}）。',
  },
  invalidWeek: {
    en: 'Week {0} does not exist: {1} has {2} ISO weeks.',
    'zh-cn': '第{0}周不存在：{1} 年只有 {2} 个 ISO 周。',
  },
  invalidCnWeek: {
    en: 'Week {0} does not exist: a year has at most 53 ISO weeks.',
    'zh-cn': '第{0}周不存在：一年最多只有 53 个 ISO 周。',
  },
  fixNumber: { en: 'Change the week number to {0}', 'zh-cn': '将周数改为第{0}周' },
  fixDate: { en: 'Change the date to {0}, the Monday of week {1}', 'zh-cn': '将日期改为 {0}（第{1}周的周一）' },
};

const ymd = (d: { year: number; month: number; day: number }): string => `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;

/** The week `number` of the ISO year (around the date's) whose Monday is nearest the date. */
function nearestWeek(number: number, date: TitleDate): IsoWeek | undefined {
  const around = isoWeekOf(date).year;
  const candidates = [around - 1, around, around + 1]
    .map((year) => ({ year, week: number }))
    .filter(isValidWeek)
    .map((w) => ({ w, distance: Math.abs(daysBetween(date, mondayOf(w))) }))
    .sort((a, b) => a.distance - b.distance);
  return candidates[0]?.w;
}

/** `第47周` with another number, in the title's own spelling. */
function renumber(weekText: string, week: number): string {
  return weekText.replace(/\d+/, String(week));
}

export const wr002: Rule = {
  code: 'WR002',
  name: 'week-date-mismatch',
  defaultSeverity: 'error',
  description: {
    en: 'The week number in the title does not match its date, or the week does not exist.',
    'zh-cn': '标题中的周数与日期不符，或该周不存在。',
  },
  messages,
  fixable: true,
  scope: 'week',
  reads: (week) => [week.title, ...week.duplicateTitles],
  check(ctx) {
    const { report, lines } = ctx;
    for (const title of titlesOf(report)) {
      const date = title.date?.valid ? title.date : undefined;
      const weekText = lines.textOf(title.weekRange);
      const dateWeek = date ? isoWeekOf(date) : undefined;
      if (!title.valid) {
        const fixes: Fix[] = [];
        if (dateWeek) {
          fixes.push({
            title: fmt(messages.fixNumber, dateWeek.week),
            edits: [{ range: title.weekRange, newText: renumber(weekText, dateWeek.week) }],
          });
        }
        const year = title.style === 'iso' ? title.year : dateWeek?.year;
        const message =
          year !== undefined ? fmt(messages.invalidWeek, title.week, year, weeksInYear(year)) : fmt(messages.invalidCnWeek, title.week);
        ctx.emit({ range: title.textRange, message, fixes });
        continue;
      }
      if (title.style !== 'cn' || !date || !dateWeek || dateWeek.week === title.week) continue;
      const fixes: Fix[] = [
        {
          title: fmt(messages.fixNumber, dateWeek.week),
          edits: [{ range: title.weekRange, newText: renumber(weekText, dateWeek.week) }],
        },
      ];
      const stated = nearestWeek(title.week, date);
      // a title date has four digits of year: no fix into year 10000 (found by fuzzing)
      if (stated && mondayOf(stated).year <= 9999) {
        const monday = ymd(mondayOf(stated));
        fixes.push({ title: fmt(messages.fixDate, monday, title.week), edits: [{ range: date.range, newText: monday }] });
      }
      ctx.emit({
        range: title.textRange,
        message: fmt(messages.mismatch, title.week, date.raw, dateWeek.week, ymd(mondayOf(dateWeek))),
        fixes,
      });
    }
  },
};
