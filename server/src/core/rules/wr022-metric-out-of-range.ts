/**
 * WR022: a metric value outside its valid range: a percentage over 100% or below 0% (the
 * profile's `min`/`max`), a count below `min`, an incident count that is negative or not a
 * multiple of the profile's `step` (0.5: half counts for shared responsibility are real).
 *
 * Unknown metrics (not in the profile) get only the obvious check: a percentage over 100%,
 * unless the name says it is a change (`增长`, `提升`, `同比`…), which may exceed 100%.
 */
import { fmt } from '../l10n';
import type { Metric } from '../model';
import type { MetricSpec } from '../profile/schema';
import { isNegativeCount, isPercentUnit, metricSections, near, readValue, specOf, weekMetrics } from './numbers';
import type { Rule, RuleContext } from './types';

const messages = {
  range: {
    en: '{0}: {1} is outside the valid range {2} to {3}.',
    'zh-cn': '「{0}」的值 {1} 超出有效范围（{2} 至 {3}）。',
  },
  below: {
    en: '{0}: {1} is below the minimum of {2}.',
    'zh-cn': '「{0}」的值 {1} 低于下限 {2}。',
  },
  above: {
    en: '{0}: {1} is above the maximum of {2}.',
    'zh-cn': '「{0}」的值 {1} 高于上限 {2}。',
  },
  negativeGrade: {
    en: '{0}: the count for grade {1} is negative ({2}).',
    'zh-cn': '「{0}」中 {1} 级的次数为负数（{2}）。',
  },
  gradeStep: {
    en: '{0}: the count for grade {1} ({2}) is not a multiple of {3}.',
    'zh-cn': '「{0}」中 {1} 级的次数（{2}）不是 {3} 的整数倍。',
  },
};

/** Names of changes rather than levels: their percentages may exceed 100%. */
const CHANGE_NAME = /增长|增幅|涨幅|提升|同比|环比|变化|变动|上涨|下降/;

function isStep(count: number, step: number): boolean {
  const n = count / step;
  return near(n, Math.round(n), 1e-6);
}

function checkGrades(ctx: RuleContext, metric: Metric, spec: MetricSpec): void {
  const step = spec.step;
  const min = spec.min ?? 0;
  for (const g of metric.value.grades ?? []) {
    const count = ctx.lines.textOf(g.countRange) || String(g.count);
    // the parser reads only unsigned counts: `-1` comes as NaN
    const value = Number.isNaN(g.count) && isNegativeCount(count) ? -Number(count.trim().slice(1)) : g.count;
    if (Number.isNaN(value)) continue; // WR021
    if (value < min) {
      ctx.emit({
        range: g.countRange,
        message: min === 0 ? fmt(messages.negativeGrade, spec.name, g.grade, count) : fmt(messages.below, spec.name, count, min),
      });
    } else if (spec.max !== undefined && value > spec.max) {
      ctx.emit({ range: g.countRange, message: fmt(messages.above, spec.name, count, spec.max) });
    } else if (step !== undefined && !isStep(value, step)) {
      ctx.emit({ range: g.countRange, message: fmt(messages.gradeStep, spec.name, g.grade, count, step) });
    }
  }
}

function bounds(spec: MetricSpec): { min?: number; max?: number } {
  if (spec.unit === 'percent') return { min: spec.min ?? 0, max: spec.max ?? 100 };
  return { min: spec.min, max: spec.max };
}

function checkNumber(ctx: RuleContext, metric: Metric, spec: MetricSpec): void {
  const { value } = metric;
  const read = readValue(value);
  if (read === undefined) return; // WR021
  if (spec.unit === 'percent' && !isPercentUnit(read.unit)) return; // WR021
  const { min, max } = bounds(spec);
  const unit = spec.unit === 'percent' ? '%' : '';
  const out = (min !== undefined && read.number < min) || (max !== undefined && read.number > max);
  if (!out) return;
  let message;
  if (min !== undefined && max !== undefined) message = fmt(messages.range, spec.name, read.text, `${min}${unit}`, `${max}${unit}`);
  else if (min !== undefined) message = fmt(messages.below, spec.name, read.text, `${min}${unit}`);
  else message = fmt(messages.above, spec.name, read.text, `${max}${unit}`);
  ctx.emit({ range: value.range, message });
}

function checkUnknown(ctx: RuleContext, metric: Metric): void {
  const read = readValue(metric.value);
  if (read === undefined || !isPercentUnit(read.unit) || read.number <= 100) return;
  if (CHANGE_NAME.test(metric.name)) return;
  ctx.emit({ range: metric.value.range, message: fmt(messages.range, metric.name, read.text, '0%', '100%') });
}

export const wr022: Rule = {
  code: 'WR022',
  name: 'metric-out-of-range',
  defaultSeverity: 'error',
  description: { en: 'A metric value is out of its valid range.', 'zh-cn': '指标值超出有效范围。' },
  messages,
  fixable: false,
  scope: 'week',
  reads: metricSections,
  check(ctx) {
    for (const week of ctx.report.weeks) {
      for (const metric of weekMetrics(week)) {
        const spec = specOf(ctx.profile, metric.id);
        if (!spec) checkUnknown(ctx, metric);
        else if (spec.unit === 'grades') checkGrades(ctx, metric, spec);
        else checkNumber(ctx, metric, spec);
      }
    }
  },
};
