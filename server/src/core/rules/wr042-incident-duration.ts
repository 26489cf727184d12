/**
 * WR042: the duration stated in an incident entry (`共持续40min`) disagrees with the span the
 * entry gives (`15:43-16:15` = 32 min).
 *
 * Pairing: a span is compared with the first duration written after it (before the next span);
 * when an entry has exactly one span and one duration, they are compared whatever their order.
 * Other durations are left alone (`其中支付失败持续5min` is a part, not the whole), and so are
 * durations in seconds (`持续30秒`: shorter than the minute the times are written to) and a bare
 * `耗时` (`接口耗时3s` is latency).
 * Only spans are measured: the start of an entry is when the incident was noticed, not when it
 * began, so `10:00 监控发现 … 10:20 恢复，共持续25min` is not contradicted.
 * Tolerance: 1 minute for an exact duration (times are written to the minute); for an approximate
 * one (`约`, `左右`, `多`) 5 minutes or a quarter of the span, whichever is more.
 * A span that crosses midnight (`23:50-00:20`) counts as 30 minutes (see incidents.ts).
 * Quick fix: the duration's number is changed to the span, in the unit written (`min`, `分钟`,
 * `小时`, `h`, `1小时20分钟`); a span that is not a tenth of an hour, written in hours, is
 * rewritten in minutes.
 */
import { fmt } from '../l10n';
import type { Incident } from '../model';
import type { TextEdit } from '../text';
import { comparePositions } from '../text';
import { clockDiff, NEXT_DAY_BEFORE, weekIncidents, incidentSections } from './incidents';
import type { Fix, Rule, RuleContext } from './types';

const messages = {
  mismatch: {
    en: 'The stated duration “{0}” does not match the span {1}–{2}, which is {3} min.',
    'zh-cn': '所写时长“{0}”与时间段 {1}–{2}（共 {3} 分钟）不符。',
  },
  fix: { en: 'Change the duration to {0}', 'zh-cn': '将时长改为 {0}' },
};

type Span = Incident['spans'][number];
type Duration = Incident['durations'][number];

const HOUR_UNIT = /^(?:个小时|小时|hours?|hrs?|h)$/i;
const MINUTE_UNIT = /^(?:分钟|分|minutes?|mins?|m)$/i;
const TOKEN = /(\d+(?:\.\d+)?)\s*(个小时|小时|分钟|秒钟|分|秒|hours?|hrs?|minutes?|mins?|seconds?|secs?|h|m|s)(?![a-z])/gi;
const APPROXIMATE = /约|大约|大概|左右|上下|多|余|近|\+/;

/** `耗时` alone is usually latency (`接口耗时3s`), not how long the incident lasted */
const LASTED = /持续|历时|时长|共|总|累计/;
/** a duration in seconds speaks of something shorter than the minute-precision span (`支付失败持续30秒`) */
const SECONDS = /\d[ \t]*(?:秒钟|秒|seconds?|secs?|s)(?:[ \t]*(?:左右|多))?$/i;
/** `持续1小时20分钟`: minutes written right after an hours duration */
const MORE_MINUTES = /^[ \t]*(\d+)[ \t]*(分钟|分|minutes?|mins?|m)(?![A-Za-z])/i;

/** The duration in minutes with the range it covers, completed by trailing minutes (`1小时20分钟`). */
function stated(ctx: RuleContext, duration: Duration): Duration {
  const end = ctx.lines.offsetAt(duration.range.end);
  const more = /(?:小时|hours?|hrs?|h)$/i.test(duration.raw) ? MORE_MINUTES.exec(ctx.text.slice(end, end + 12)) : null;
  if (!more) return duration;
  return {
    ...duration,
    minutes: duration.minutes + Number(more[1]),
    raw: duration.raw + more[0],
    range: { start: duration.range.start, end: ctx.lines.positionAt(end + more[0].length) },
  };
}

function spanMinutes(ctx: RuleContext, span: Span): number | undefined {
  if (!span.from.valid || !span.to.valid) return undefined;
  const s = ctx.lines.offsetAt(span.to.range.start);
  const nextDay = NEXT_DAY_BEFORE.test(ctx.text.slice(Math.max(0, s - 16), s));
  const d = clockDiff(span.from, span.to, nextDay);
  return d >= 0 ? d : undefined; // a reversed span is WR041's
}

/** Pairs each span with the duration that speaks about it. */
function pairs(incident: Incident): Array<{ span: Span; duration: Duration }> {
  const spans = [...incident.spans].sort((a, b) => comparePositions(a.range.start, b.range.start));
  const durations = incident.durations.filter((d) => LASTED.test(d.raw) && !SECONDS.test(d.raw)).sort((a, b) => comparePositions(a.range.start, b.range.start));
  if (spans.length === 1 && durations.length === 1) return [{ span: spans[0], duration: durations[0] }];
  const out: Array<{ span: Span; duration: Duration }> = [];
  spans.forEach((span, i) => {
    const next = spans[i + 1];
    const duration = durations.find(
      (d) => comparePositions(d.range.start, span.range.end) >= 0 && (!next || comparePositions(d.range.start, next.range.start) < 0),
    );
    if (duration) out.push({ span, duration });
  });
  return out;
}

function formatNumber(n: number): string {
  return String(Math.round(n * 10) / 10);
}

const MINUTE_FOR_HOUR: Record<string, string> = { 个小时: '分钟', 小时: '分钟', h: 'min', hr: 'min', hrs: 'min', hour: 'min', hours: 'min' };

/** The edit that writes `minutes` into the duration, in the units it was written in. */
function durationEdit(ctx: RuleContext, duration: Duration, minutes: number): { edit: TextEdit; text: string } | undefined {
  const start = ctx.lines.offsetAt(duration.range.start);
  const raw = ctx.text.slice(start, ctx.lines.offsetAt(duration.range.end));
  const tokens = [...raw.matchAll(TOKEN)];
  if (tokens.length === 0 || tokens.length > 2) return undefined;
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  const from = start + (first.index ?? 0);
  const to = start + (last.index ?? 0) + last[0].length;
  const edit = (newText: string) => ({ edit: { range: ctx.lines.rangeOf(from, to), newText }, text: newText });
  const unit = first[2];
  if (tokens.length === 2) {
    const minuteUnit = last[2];
    if (!HOUR_UNIT.test(unit) || !MINUTE_UNIT.test(minuteUnit)) return undefined;
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    if (h === 0) return edit(`${m}${minuteUnit}`);
    return edit(m === 0 ? `${h}${unit}` : `${h}${unit}${m}${minuteUnit}`);
  }
  if (MINUTE_UNIT.test(unit)) return edit(`${minutes}${unit}`);
  if (HOUR_UNIT.test(unit)) {
    if (minutes % 6 === 0) return edit(`${formatNumber(minutes / 60)}${unit}`);
    return edit(`${minutes}${MINUTE_FOR_HOUR[unit.toLowerCase()] ?? '分钟'}`);
  }
  return undefined;
}

function isApproximate(ctx: RuleContext, duration: Duration): boolean {
  if (duration.approximate) return true;
  const s = ctx.lines.offsetAt(duration.range.start);
  const e = ctx.lines.offsetAt(duration.range.end);
  return APPROXIMATE.test(ctx.text.slice(Math.max(0, s - 2), e + 2).replace(/持续/g, ''));
}

export const wr042: Rule = {
  code: 'WR042',
  name: 'incident-duration',
  defaultSeverity: 'warning',
  description: { en: 'The stated duration of an incident disagrees with its time span.', 'zh-cn': '生产事件的持续时长与起止时间不符。' },
  messages,
  fixable: true,
  scope: 'week',
  reads: incidentSections,
  check(ctx) {
    for (const { incident } of weekIncidents(ctx)) {
      for (const pair of pairs(incident)) {
        const span = pair.span;
        const duration = stated(ctx, pair.duration);
        const measured = spanMinutes(ctx, span);
        if (measured === undefined || !Number.isFinite(duration.minutes)) continue;
        const tolerance = isApproximate(ctx, duration) ? Math.max(5, measured / 4) : 1;
        if (Math.abs(duration.minutes - measured) <= tolerance) continue;
        const fixes: Fix[] = [];
        const edit = durationEdit(ctx, duration, measured);
        if (edit) fixes.push({ title: fmt(messages.fix, edit.text), edits: [edit.edit], preferred: true });
        ctx.emit({
          range: duration.range,
          message: fmt(messages.mismatch, duration.raw, span.from.raw, span.to.raw, measured),
          fixes,
        });
      }
    }
  },
};
