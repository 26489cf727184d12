/**
 * WR024: the same metric (by profile id) reported twice in one week with different values.
 * The second and later occurrences are reported, each pointing back at the first. The same value
 * written twice is redundant but not contradictory: no finding. Empty values are ignored.
 */
import { fmt } from '../l10n';
import type { Metric } from '../model';
import { metricSections, readValue, specOf, weekMetrics } from './numbers';
import type { Rule } from './types';

const messages = {
  conflict: {
    en: '{0} is reported twice with different values: {1} here, {2} on line {3}.',
    'zh-cn': '「{0}」出现了两次且数值不同：此处为 {1}，第 {3} 行为 {2}。',
  },
};

/** What a value means, so that `99.95%` and `99.950%` or `AB级0次，CD级1次` in any order compare equal. */
function meaning(m: Metric): string {
  const v = m.value;
  if (v.grades && v.grades.length > 0) {
    return v.grades
      .map((g) => `${g.grade}=${Number.isNaN(g.count) ? g.raw : g.count}`)
      .sort()
      .join(',');
  }
  const read = readValue(v);
  if (read !== undefined) return `${read.number}${read.unit === '％' ? '%' : read.unit}`;
  return v.raw.replace(/\s+/g, '');
}

export const wr024: Rule = {
  code: 'WR024',
  name: 'conflicting-metric',
  defaultSeverity: 'warning',
  description: { en: 'A metric is reported twice with different values.', 'zh-cn': '同一指标出现两次且数值不同。' },
  messages,
  fixable: false,
  citesLines: true,
  scope: 'week',
  reads: metricSections,
  check(ctx) {
    for (const week of ctx.report.weeks) {
      const first = new Map<string, Metric>();
      for (const metric of weekMetrics(week)) {
        if (metric.id === undefined || metric.value.raw.trim() === '') continue;
        const earlier = first.get(metric.id);
        if (!earlier) {
          first.set(metric.id, metric);
          continue;
        }
        if (meaning(earlier) === meaning(metric)) continue;
        const name = specOf(ctx.profile, metric.id)?.name ?? metric.name;
        ctx.emit({
          range: metric.range,
          message: fmt(messages.conflict, name, metric.value.raw, earlier.value.raw, earlier.line + 1),
        });
      }
    }
  },
};
