/**
 * WR005: a week title written in a non-canonical form of its own style. Both styles are
 * legitimate (`# 2024-W12` and `# 第12周 2024-03-18`; `profile.titleStyle` only decides what
 * completion and carry-over write), but within a style the canonical form is:
 * - iso: `2024-W05`: upper-case `W`, week zero-padded to two digits;
 * - cn: `第5周 2024-01-29`: the number unpadded, the date `YYYY-MM-DD` and the Monday of the week.
 * One finding per non-canonical part (the week, the date); the quick fix writes the canonical form.
 * A date in another week than the number says is WR002's; this rule then only checks how it is written.
 */
import { fmt } from '../l10n';
import { formatIsoWeek, isoWeekOf, mondayOf, pad2 } from '../weeks';
import type { Rule } from './types';
import { titlesOf } from './titles';

const messages = {
  week: {
    en: '“{0}” is not the canonical form of the week: write “{1}”.',
    'zh-cn': '周的写法“{0}”不规范，应写作“{1}”。',
  },
  date: {
    en: 'Date “{0}” is not in the canonical form: write “{1}” (YYYY-MM-DD).',
    'zh-cn': '日期“{0}”写法不规范，应写作“{1}”（YYYY-MM-DD）。',
  },
  notMonday: {
    en: '{0} is not the Monday of week {1}: the title date is the Monday, {2}.',
    'zh-cn': '{0} 不是第{1}周的周一：标题日期应写该周周一 {2}。',
  },
  normalise: { en: 'Write “{0}”', 'zh-cn': '改为“{0}”' },
};

const ymd = (d: { year: number; month: number; day: number }): string => `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;

export const wr005: Rule = {
  code: 'WR005',
  name: 'non-canonical-title',
  defaultSeverity: 'hint',
  description: {
    en: 'The week title or its date is not written in the canonical form.',
    'zh-cn': '周标题或其日期的写法不规范。',
  },
  messages,
  fixable: true,
  scope: 'week',
  reads: (week) => [week.title, ...week.duplicateTitles],
  check(ctx) {
    const { report, lines } = ctx;
    for (const title of titlesOf(report)) {
      if (!title.valid) continue; // WR002
      const weekText = lines.textOf(title.weekRange);
      const canonicalWeek = title.style === 'iso' ? formatIsoWeek(title) : `第${title.week}周`;
      if (weekText !== canonicalWeek) {
        ctx.emit({
          range: title.weekRange,
          message: fmt(messages.week, weekText, canonicalWeek),
          fixes: [{ title: fmt(messages.normalise, canonicalWeek), edits: [{ range: title.weekRange, newText: canonicalWeek }], preferred: true }],
        });
      }
      const date = title.date;
      if (title.style !== 'cn' || !date?.valid) continue;
      // the Monday check only when the date is in the stated week (otherwise WR002 reports it)
      const inWeek = isoWeekOf(date).week === title.week;
      const canonicalDate = ymd(date);
      const monday = inWeek ? ymd(mondayOf(isoWeekOf(date))) : canonicalDate;
      let message;
      if (monday !== canonicalDate) message = fmt(messages.notMonday, date.raw, title.week, monday);
      else if (date.raw !== canonicalDate) message = fmt(messages.date, date.raw, canonicalDate);
      else continue;
      ctx.emit({
        range: date.range,
        message,
        fixes: [{ title: fmt(messages.normalise, monday), edits: [{ range: date.range, newText: monday }], preferred: true }],
      });
    }
  },
};
