/**
 * WR025: a week-over-week claim that does not add up in its own sentence:
 * `总体进度85%，较上周70%新增15%进度` needs 85 = 70 + 15.
 *
 * Tolerance: each number may be rounded to the decimals it is written with, so the claim holds
 * when the difference is at most half a unit of the coarsest of the three (`95.91%，较上周95.7%
 * 上涨0.22%` holds: 95.7 may be 95.69). A relative change (`健康分664分，较上周650分提升2%`: the
 * delta's unit differs from the values') is not checked, and a change in `%` that holds as a
 * relative change (`转化率20%，较上周16%提升25%`: 16 × 1.25 = 20) is accepted.
 *
 * Quick fixes: correct the delta (preferred, as the catalogue says: the delta is the number worked
 * out by hand), or correct this week's value. The comparison with last week's report is a
 * cross-week check that comes with the workspace index.
 */
import { fmt } from '../l10n';
import type { NumberSpan, WowClaim } from '../model';
import type { TextEdit } from '../text';
import { decimalsOf, formatNumber, halfUnit, isPercentUnit, near, numberRangeIn, rangeKey, weekBlocks } from './numbers';
import type { Fix, Rule, RuleContext } from './types';

const messages = {
  mismatch: {
    en: '{0}: last week\'s {1} {2} {3} makes {4}, but this week is written as {5}.',
    'zh-cn': '「{0}」对不上：上周 {1} {2} {3} 应为 {4}，但本周写的是 {5}。',
  },
  mismatchNoSubject: {
    en: 'Week-over-week claim: last week\'s {1} {2} {3} makes {4}, but this week is written as {5}.',
    'zh-cn': '环比数据对不上：上周 {1} {2} {3} 应为 {4}，但本周写的是 {5}。',
  },
  fixDelta: {
    en: 'Correct the change to {0}',
    'zh-cn': '将变化量改为 {0}',
  },
  fixCurrent: {
    en: 'Correct this week\'s value to {0}',
    'zh-cn': '将本周数值改为 {0}',
  },
};

const normUnit = (u: string): string => (isPercentUnit(u) ? '%' : u);

/** A delta in the values' own unit (percentage points for percentages), not a relative change. */
function sameUnits(current: NumberSpan, previous: NumberSpan, delta: NumberSpan): boolean {
  const u = normUnit(current.unit);
  if (normUnit(previous.unit) !== u && previous.unit !== '') return false;
  const d = normUnit(delta.unit);
  return d === u || d === '' || (u === '%' && /百分点|pp/i.test(d));
}

/**
 * `转化率20%，较上周16%提升25%` may mean a relative change (16 × 1.25 = 20): a claim that holds
 * when read that way is not reported. The bound adds up the rounding of each written number.
 */
function relativeHolds(current: number, previous: number, deltaPercent: number, dc: number, dp: number, dd: number): boolean {
  const factor = 1 + deltaPercent / 100;
  const tolerance = halfUnit(dc) + halfUnit(dp) * Math.abs(factor) + (Math.abs(previous) * halfUnit(dd)) / 100;
  return near(current, previous * factor, tolerance);
}

/** Replaces the number in a span (its range may include the unit) with `value`. */
function replaceNumber(ctx: RuleContext, span: NumberSpan, value: string): TextEdit | undefined {
  const start = ctx.lines.offsetAt(span.range.start);
  const r = numberRangeIn(ctx.lines.textOf(span.range), start);
  return r ? { range: ctx.lines.rangeOf(r.start, r.end), newText: value } : undefined;
}

function check(ctx: RuleContext, claim: WowClaim): void {
  const { current, previous, delta, direction } = claim;
  if (!current || !previous) return;
  if (![current.value, previous.value, delta.value].every(Number.isFinite)) return;
  if (!sameUnits(current, previous, delta)) return;
  const dc = decimalsOf(current.raw);
  const dp = decimalsOf(previous.raw);
  const dd = decimalsOf(delta.raw);
  const expected = previous.value + direction * Math.abs(delta.value);
  if (near(current.value, expected, halfUnit(Math.min(dc, dp, dd)))) return;
  if (normUnit(delta.unit) === '%' && relativeHolds(current.value, previous.value, direction * Math.abs(delta.value), dc, dp, dd)) return;

  const unit = normUnit(current.unit);
  const expectedText = formatNumber(expected, Math.max(dp, dd));
  const fixes: Fix[] = [];
  const newDelta = direction * (current.value - previous.value);
  if (newDelta >= 0) {
    const text = formatNumber(newDelta, Math.max(dc, dp));
    const edit = replaceNumber(ctx, delta, text);
    if (edit) fixes.push({ title: fmt(messages.fixDelta, `${text}${normUnit(delta.unit)}`), edits: [edit], preferred: true });
  }
  if (!(unit === '%' && (expected < 0 || expected > 100))) {
    const edit = replaceNumber(ctx, current, expectedText);
    if (edit) fixes.push({ title: fmt(messages.fixCurrent, `${expectedText}${unit}`), edits: [edit], preferred: fixes.length === 0 });
  }
  const sign = direction > 0 ? '+' : '−';
  const subject = claim.subject.trim();
  const shown = (n: NumberSpan, u: string, value = n.value) => `${formatNumber(value, decimalsOf(n.raw))}${u}`;
  const args = [shown(previous, normUnit(previous.unit) || unit), sign, shown(delta, normUnit(delta.unit), Math.abs(delta.value)), `${expectedText}${unit}`, shown(current, unit)];
  const message = subject ? fmt(messages.mismatch, subject, ...args) : fmt(messages.mismatchNoSubject, '', ...args);
  ctx.emit({ range: claim.range, message, fixes });
}

export const wr025: Rule = {
  code: 'WR025',
  name: 'wow-mismatch',
  defaultSeverity: 'warning',
  description: { en: 'A week-over-week claim does not add up.', 'zh-cn': '环比（较上周）数据对不上。' },
  messages,
  fixable: true,
  check(ctx) {
    const seen = new Set<string>();
    for (const week of ctx.report.weeks) {
      for (const block of weekBlocks(week)) {
        for (const claim of block.claims) {
          const key = rangeKey(claim.range);
          if (seen.has(key)) continue;
          seen.add(key);
          check(ctx, claim);
        }
      }
    }
  },
};
