/**
 * WR004: the `Created:` date lies before the title week's Monday, or more than
 * `profile.created.maxDaysAfter` days after its Sunday (the report was re-created or copied
 * from an older one, or the title is wrong). Information only; no fix.
 */
import { fmt } from '../l10n';
import { daysBetween, formatIsoWeek, formatWeekRange, mondayOf, pad2, sundayOf } from '../weeks';
import type { Rule } from './types';

const messages = {
  before: {
    en: 'Created {0} is before the title week {1} ({2}) begins.',
    'zh-cn': 'Created 日期 {0} 早于标题所在周 {1}（{2}）的开始。',
  },
  after: {
    en: 'Created {0} is {1} days after the title week {2} ({3}) ended; more than {4} days after is unusual (copied from another report, or wrong title?).',
    'zh-cn': 'Created 日期 {0} 比标题所在周 {2}（{3}）的结束晚了 {1} 天，超过 {4} 天（是否从别的周报复制而来，或标题写错了？）。',
  },
};

export const wr004: Rule = {
  code: 'WR004',
  name: 'created-far-from-week',
  defaultSeverity: 'information',
  description: {
    en: 'The Created date is far from the title week.',
    'zh-cn': 'Created 日期与标题所在周相距过远。',
  },
  messages,
  fixable: false,
  scope: 'week',
  reads: (week) => [week.title, ...week.created],
  check(ctx) {
    const maxDaysAfter = ctx.profile.created.maxDaysAfter;
    for (const week of ctx.report.weeks) {
      const title = week.title;
      if (!title?.valid) continue;
      for (const created of week.created) {
        const date = created.valid ? created.date : undefined;
        if (!date) continue; // an impossible date is WR032's
        const shown = `${date.year}-${pad2(date.month)}-${pad2(date.day)}`;
        const w = formatIsoWeek(title);
        if (daysBetween(mondayOf(title), date) < 0) {
          ctx.emit({ range: created.valueRange, message: fmt(messages.before, shown, w, formatWeekRange(title)) });
          continue;
        }
        const after = daysBetween(sundayOf(title), date);
        if (after > maxDaysAfter) {
          ctx.emit({ range: created.valueRange, message: fmt(messages.after, shown, after, w, formatWeekRange(title), maxDaysAfter) });
        }
      }
    }
  },
};
