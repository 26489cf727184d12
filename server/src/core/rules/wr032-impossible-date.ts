/**
 * WR032: a date or time that does not exist (`2/30`, `13/5`, `25:61`) in a plan date, an
 * incident timestamp or a later time in an incident, the `Created:` line, or a week title's date.
 * The parser marks these `valid: false`; this rule explains what is wrong with each. Whether a
 * title's week matches its date is WR002's question, not this one's.
 */
import { fmt, type Localized } from '../l10n';
import type { Range } from '../text';
import { rangeKey, weekBlocks } from './numbers';
import type { Rule, RuleContext } from './types';
import { titlesOf } from './titles';

const messages = {
  month: {
    en: '{0}: there is no month {1}.',
    'zh-cn': '{0}：不存在 {1} 月。',
  },
  day: {
    en: '{0}: month {1} has only {2} days.',
    'zh-cn': '{0}：{1} 月只有 {2} 天。',
  },
  hour: {
    en: '{0}: there is no hour {1} in a day.',
    'zh-cn': '{0}：一天中没有 {1} 点。',
  },
  minute: {
    en: '{0}: minute {1} does not exist (0–59).',
    'zh-cn': '{0}：分钟数 {1} 不存在（应为 0–59）。',
  },
  date: {
    en: '{0} is not a valid date.',
    'zh-cn': '{0} 不是有效的日期。',
  },
  time: {
    en: '{0} is not a valid time of day.',
    'zh-cn': '{0} 不是有效的时刻。',
  },
};

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why a date does not exist, or undefined when month and day are fine. */
function dateProblem(raw: string, year: number | undefined, month: number, day: number | undefined): Localized | undefined {
  if (!(month >= 1 && month <= 12)) return fmt(messages.month, raw, month);
  if (day === undefined) return undefined;
  // without a year, 29 February may exist: only a day past 29 is certainly impossible
  const max = year === undefined && month === 2 ? 29 : daysInMonth(year ?? 2001, month);
  if (day < 1 || day > max) return fmt(messages.day, raw, month, max);
  return undefined;
}

function timeProblem(raw: string, hour: number, minute: number): Localized | undefined {
  if (!(hour >= 0 && hour <= 24)) return fmt(messages.hour, raw, hour);
  if (!(minute >= 0 && minute <= 59)) return fmt(messages.minute, raw, minute);
  return undefined;
}

export const wr032: Rule = {
  code: 'WR032',
  name: 'impossible-date',
  defaultSeverity: 'error',
  description: { en: 'A date or time does not exist.', 'zh-cn': '日期或时间不存在。' },
  messages,
  fixable: false,
  scope: 'week',
  check(ctx) {
    const seen = new Set<string>();
    const report = (range: Range, message: Localized) => {
      const key = rangeKey(range);
      if (seen.has(key)) return;
      seen.add(key);
      ctx.emit({ range, message });
    };

    for (const title of titlesOf(ctx.report)) {
      const d = title.date;
      if (d && !d.valid) report(d.range, dateProblem(d.raw, d.year, d.month, d.day) ?? fmt(messages.date, d.raw));
    }

    for (const week of ctx.report.weeks) {
      for (const c of week.created) {
        if (c.valid || !c.date) continue; // a Created line in an unknown format is not an impossible date
        const raw = ctx.lines.textOf(c.valueRange).trim() || c.raw;
        const problem =
          dateProblem(raw, c.date.year, c.date.month, c.date.day) ??
          (c.time && timeProblem(raw, c.time.hour, c.time.minute)) ??
          fmt(messages.time, raw);
        report(c.valueRange, problem);
      }

      for (const block of weekBlocks(week)) {
        for (const p of block.plans) {
          if (!p.valid) report(p.range, dateProblem(p.raw, p.year, p.month, p.day) ?? fmt(messages.date, p.raw));
        }
      }

      for (const section of week.sections) {
        for (const incident of section.incidents) {
          const s = incident.start;
          if (s && !s.valid) {
            report(
              s.range,
              dateProblem(s.raw, undefined, s.month, s.day) ?? timeProblem(s.raw, s.hour, s.minute) ?? fmt(messages.time, s.raw),
            );
          }
          const times = [...incident.times, ...incident.spans.flatMap((sp) => [sp.from, sp.to])];
          for (const t of times) {
            if (!t.valid) report(t.range, timeProblem(t.raw, t.hour, t.minute) ?? fmt(messages.time, t.raw));
          }
        }
      }
    }
  },
};
