/**
 * WR041: the time line of an incident entry is out of order: a later time in the entry is earlier
 * than the entry's start (`11/12 18:42 … 17:13 服务陆续恢复`), or a span ends before it begins
 * (`16:15-15:43`).
 *
 * Heuristics, so that ordinary prose stays silent:
 * - midnight: a time 12 hours or more earlier on the clock than the start is the next day
 *   (`23:50 … 00:20 恢复`), and so is any time written after `次日`/`第二天`/`翌日`/`隔天`;
 * - a time right after a different date (`11/13 09:00`) belongs to that date: not compared;
 * - a time marked as an earlier moment, the cause found afterwards (`自17:30起`, `从17:30开始`,
 *   `17:30发布的版本`, `此前17:30`), is not the time line of the incident: not compared;
 * - a ratio (`配比1:10`) is not a time;
 * - a span may begin before the start (impact often begins before monitoring notices it), so only
 *   its end is checked against its beginning, not against the start.
 */
import { fmt } from '../l10n';
import type { Incident, TimeOfDay } from '../model';
import { comparePositions, rangeContains } from '../text';
import { clockDiff, NEXT_DAY_BEFORE, weekIncidents, incidentSections } from './incidents';
import type { Rule, RuleContext } from './types';

const messages = {
  beforeStart: {
    en: '{0} is earlier than the start of this incident ({1}): the time line is out of order. If it is on the next day, write 次日{0}.',
    'zh-cn': '{0} 早于该事件的开始时间 {1}，时间顺序有误。如果是第二天，请写作“次日{0}”。',
  },
  spanReversed: {
    en: 'The span ends at {0}, before it begins at {1}.',
    'zh-cn': '时间段的结束时间 {0} 早于开始时间 {1}。',
  },
};

/** A date right before the time (`11/13 09:00`, `11月13日 9:00`): month and day. */
const DATE_BEFORE = /(\d{1,2})\s*[/月]\s*(\d{1,2})\s*日?\s*(?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\s*$/;
/** Words before a time that make it an earlier moment (a cause, the beginning of a condition). */
const EARLIER_BEFORE =
  /(?:自|从|早在|此前|之前|前一天|昨天|昨日|昨晚|前日|前晚|(?:发布|变更|上线|部署|升级|操作|配置|执行)(?:于|在|时间)?[：:]?)\s*(?:当天|当日)?\s*(?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\s*(?:约|大约|大概)?\s*$/;
/** Words after a time that make it an earlier moment (`17:30起`, `17:30开始出现`, `17:30发布`). */
const EARLIER_AFTER = /^\s*(?:左右)?\s*(?:起|以来|之前|以前|前|开始(?!陆续|逐步|逐渐|恢复|修复|回滚|处理|止损|重试|重跑)|发布|变更|上线|部署|升级)/;

/** `按1:10放量`, `配比2:30`: a ratio, not a time */
const RATIO_BEFORE = /(?:比|比例|配比|比值|按)[ \t]*$/;

function textAround(ctx: RuleContext, incident: Incident, t: TimeOfDay): { before: string; after: string } {
  const entryStart = ctx.lines.offsetAt(incident.range.start);
  const s = ctx.lines.offsetAt(t.range.start);
  const e = ctx.lines.offsetAt(t.range.end);
  return { before: ctx.text.slice(Math.max(entryStart, s - 16), s), after: ctx.text.slice(e, e + 10) };
}

export const wr041: Rule = {
  code: 'WR041',
  name: 'incident-time-order',
  defaultSeverity: 'warning',
  description: { en: 'A later time in an incident entry is before its start.', 'zh-cn': '生产事件中的后续时间早于开始时间。' },
  messages,
  fixable: false,
  scope: 'week',
  reads: incidentSections,
  check(ctx) {
    for (const { incident } of weekIncidents(ctx)) {
      for (const span of incident.spans) {
        if (!span.from.valid || !span.to.valid) continue;
        const nextDay = NEXT_DAY_BEFORE.test(textAround(ctx, incident, span.to).before);
        if (clockDiff(span.from, span.to, nextDay) < 0) {
          ctx.emit({ range: span.to.range, message: fmt(messages.spanReversed, span.to.raw, span.from.raw) });
        }
      }

      const start = incident.start;
      if (!start?.valid) continue;
      for (const t of incident.times) {
        if (!t.valid) continue;
        // span ends are checked above; a span's beginning may precede the start
        if (incident.spans.some((s) => rangeContains(s.range, t.range.start))) continue;
        // a time inside the stamp itself (never expected, but harmless to skip)
        if (comparePositions(t.range.start, start.range.end) < 0) continue;
        const { before, after } = textAround(ctx, incident, t);
        if (NEXT_DAY_BEFORE.test(before)) continue;
        const dated = DATE_BEFORE.exec(before);
        if (dated && (Number(dated[1]) !== start.month || Number(dated[2]) !== start.day)) continue;
        if (EARLIER_BEFORE.test(before) || EARLIER_AFTER.test(after) || RATIO_BEFORE.test(before)) continue;
        if (clockDiff(start, t) < 0) {
          ctx.emit({ range: t.range, message: fmt(messages.beforeStart, t.raw, start.raw) });
        }
      }
    }
  },
};
