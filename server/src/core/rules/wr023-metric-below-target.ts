/**
 * WR023: a metric misses its target: below the profile's `target.min` (入金有效成功率 < 99.95%)
 * or above `target.max`. For incident counts by grade, the target applies to the total count.
 * Values that are malformed (WR021) or out of range (WR022) are left to those rules.
 */
import { fmt } from '../l10n';
import type { Metric } from '../model';
import type { MetricSpec } from '../profile/schema';
import { formatNumber, isPercentUnit, metricSections, readValue, specOf, weekMetrics } from './numbers';
import type { Rule } from './types';

const messages = {
  below: {
    en: '{0} is {1}, below its target of {2}.',
    'zh-cn': '「{0}」为 {1}，低于目标值 {2}。',
  },
  above: {
    en: '{0} is {1}, above its target of at most {2}.',
    'zh-cn': '「{0}」为 {1}，高于目标上限 {2}。',
  },
};

interface Reading {
  value: number;
  shown: string;
  unit: string;
}

function reading(metric: Metric, spec: MetricSpec): Reading | undefined {
  const { value } = metric;
  if (spec.unit === 'grades') {
    const grades = value.grades ?? [];
    if (grades.length === 0 || grades.some((g) => Number.isNaN(g.count) || g.count < 0)) return undefined;
    const total = grades.reduce((s, g) => s + g.count, 0);
    return { value: total, shown: formatNumber(total, total % 1 === 0 ? 0 : 1), unit: '' };
  }
  const read = readValue(value);
  if (read === undefined) return undefined;
  if (spec.unit === 'percent') {
    if (!isPercentUnit(read.unit)) return undefined;
    if (read.number < (spec.min ?? 0) || read.number > (spec.max ?? 100)) return undefined;
    return { value: read.number, shown: read.text, unit: '%' };
  }
  if ((spec.min !== undefined && read.number < spec.min) || (spec.max !== undefined && read.number > spec.max)) return undefined;
  return { value: read.number, shown: read.text, unit: read.unit };
}

export const wr023: Rule = {
  code: 'WR023',
  name: 'metric-below-target',
  defaultSeverity: 'warning',
  description: { en: 'A metric is below its target.', 'zh-cn': '指标未达到目标值。' },
  messages,
  fixable: false,
  scope: 'week',
  reads: metricSections,
  check(ctx) {
    for (const week of ctx.report.weeks) {
      for (const metric of weekMetrics(week)) {
        const spec = specOf(ctx.profile, metric.id);
        if (!spec?.target) continue;
        const r = reading(metric, spec);
        if (!r) continue;
        const { min, max } = spec.target;
        if (min !== undefined && r.value < min) {
          ctx.emit({ range: metric.value.range, message: fmt(messages.below, spec.name, r.shown, `${min}${r.unit}`) });
        } else if (max !== undefined && r.value > max) {
          ctx.emit({ range: metric.value.range, message: fmt(messages.above, spec.name, r.shown, `${max}${r.unit}`) });
        }
      }
    }
  },
};
