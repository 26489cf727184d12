/**
 * WR043: an incident dated outside the period a report covers: its title week and the
 * `incidents.weeksBefore` weeks before it (default 1). Incident stamps have no year: the date is
 * placed in the year that puts it closest to the title week (a report of 2024-W01 that lists an
 * incident on 12/30 means 2023-12-30). A week without a (valid) title is not checked. When a
 * `第N周 YYYY-MM-DD` title's number and date disagree (WR002), a date within the period of
 * either is accepted.
 */
import { fmt } from '../l10n';
import type { WeekTitle } from '../model';
import { addWeeks, compareWeeks, formatIsoWeek, formatYMD, isoWeekOf, isValidWeek, mondayOf, nearestDate, sundayOf, type IsoWeek } from '../weeks';
import { incidentSections } from './incidents';
import type { Rule } from './types';

const messages = {
  before: {
    en: 'This incident is dated {0} ({1}), before the period this report covers: {2} to {3} (the title week and the {4} week(s) before it).',
    'zh-cn': '该事件日期为 {0}（{1}），早于本周报覆盖的时间段 {2} 至 {3}（标题周及其前 {4} 周）。',
  },
  beforeTitleWeek: {
    en: 'This incident is dated {0} ({1}), before the title week, which starts on {2}.',
    'zh-cn': '该事件日期为 {0}（{1}），早于标题周（从 {2} 开始）。',
  },
  after: {
    en: 'This incident is dated {0} ({1}), after the title week, which ends on {2}.',
    'zh-cn': '该事件日期为 {0}（{1}），晚于标题周（截至 {2}）。',
  },
};

/** The weeks a title may mean: its number, and the week of its date when that differs. */
function titleWeeks(title: WeekTitle): IsoWeek[] {
  const weeks: IsoWeek[] = [];
  if (title.valid) weeks.push({ year: title.year, week: title.week });
  if (title.date?.valid) {
    const w = isoWeekOf(title.date);
    if (!weeks.some((x) => compareWeeks(x, w) === 0)) weeks.push(w);
  }
  return weeks.filter(isValidWeek);
}

export const wr043: Rule = {
  code: 'WR043',
  name: 'incident-outside-week',
  defaultSeverity: 'information',
  description: { en: 'An incident is dated outside the title week and the week before it.', 'zh-cn': '生产事件日期不在标题周及其前一周内。' },
  messages,
  fixable: false,
  scope: 'week',
  reads: (week) => [week.title, ...incidentSections(week)],
  check(ctx) {
    const weeksBefore = ctx.profile.incidents.weeksBefore;
    for (const week of ctx.report.weeks) {
      if (!week.title) continue;
      const anchors = titleWeeks(week.title);
      if (anchors.length === 0) continue;
      const main = anchors[0];
      const near = mondayOf(main);
      for (const section of incidentSections(week)) {
        for (const incident of section.incidents) {
          const start = incident.start;
          if (!start) continue;
          const date = nearestDate(start.month, start.day, near);
          if (!date) continue; // an impossible date is WR032's
          const w = isoWeekOf(date);
          if (anchors.some((a) => compareWeeks(w, addWeeks(a, -weeksBefore)) >= 0 && compareWeeks(w, a) <= 0)) continue;
          const after = compareWeeks(w, main) > 0;
          const message = after
            ? fmt(messages.after, formatYMD(date), formatIsoWeek(w), formatYMD(sundayOf(main)))
            : weeksBefore === 0
              ? fmt(messages.beforeTitleWeek, formatYMD(date), formatIsoWeek(w), formatYMD(near))
              : fmt(messages.before, formatYMD(date), formatIsoWeek(w), formatYMD(mondayOf(addWeeks(main, -weeksBefore))), formatYMD(sundayOf(main)), weeksBefore);
          ctx.emit({ range: start.range, message });
        }
      }
    }
  },
};
