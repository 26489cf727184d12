/**
 * WR021: the value of a known metric (one of the profile's) is not written as a value of its
 * unit: a percentage without `%`, `99,997%`, `N/A`, `xx%`, text where a number belongs, more
 * decimals than the profile allows; incident counts by grade that are not numbers.
 *
 * Unknown metrics are not checked here (only an obvious percentage over 100% is, by WR022).
 * An empty value (`- 入金有效成功率：`) is not reported: WR010's section skeleton writes the metrics
 * that way for the author to fill in. A value holding one of the profile's placeholders (`xx%`,
 * what WR020's quick fix writes) is WR060's finding, unless WR060 is off.
 */
import { fmt } from '../l10n';
import type { Metric } from '../model';
import type { MetricSpec, Profile } from '../profile/schema';
import { decimalsOf, formatTrimmed, isNegativeCount, isPercentUnit, metricSections, readValue, specOf, weekMetrics } from './numbers';
import type { Rule, RuleContext } from './types';
import { findPlaceholders } from './wr060-placeholder';

const messages = {
  noPercent: {
    en: '{0}: the value {1} should be a percentage, like {2}.',
    'zh-cn': '「{0}」的值 {1} 应为百分比，例如 {2}。',
  },
  comma: {
    en: '{0}: {1} uses a comma as the decimal point; write {2}.',
    'zh-cn': '「{0}」的值 {1} 用逗号当作小数点，应写作 {2}。',
  },
  placeholder: {
    en: '{0}: {1} is a placeholder, not a value; fill in the real figure.',
    'zh-cn': '「{0}」的值 {1} 是占位符，请填写实际数值。',
  },
  notANumber: {
    en: '{0}: "{1}" is not a number.',
    'zh-cn': '「{0}」的值“{1}”不是数字。',
  },
  decimals: {
    en: '{0}: {1} has more than {2} decimals.',
    'zh-cn': '「{0}」的值 {1} 超过了 {2} 位小数。',
  },
  grades: {
    en: '{0}: "{1}" is not a count by grade; write it as {2}.',
    'zh-cn': '「{0}」的值“{1}”不是按级别统计的次数，应写作 {2}。',
  },
  gradeCount: {
    en: '{0}: the count for grade {1} ("{2}") is not a number.',
    'zh-cn': '「{0}」中 {1} 级的次数“{2}”不是数字。',
  },
};

/** A template placeholder that WR060 reports already (when it is on): not reported twice. */
function leftToWr060(raw: string, profile: Profile): boolean {
  return profile.rules.WR060 !== 'off' && findPlaceholders(raw, profile.placeholders).length > 0;
}

function isPlaceholder(raw: string, profile: Profile): boolean {
  if (/^[xX?？]+(?:[.．][xX?？]+)?\s*[%％]?$/.test(raw)) return true;
  return profile.placeholders.some((p) => raw.includes(p));
}

function gradesExample(spec: MetricSpec): string {
  const grades = spec.grades && spec.grades.length > 0 ? spec.grades : ['A', 'B'];
  return grades.map((g) => `${g}级0次`).join('，');
}

function checkGrades(ctx: RuleContext, metric: Metric, spec: MetricSpec): void {
  const { value } = metric;
  const grades = value.grades ?? [];
  if (grades.length === 0) {
    if (isPlaceholder(value.raw, ctx.profile)) {
      ctx.emit({ range: value.range, message: fmt(messages.placeholder, spec.name, value.raw) });
    } else {
      ctx.emit({ range: value.range, message: fmt(messages.grades, spec.name, value.raw, gradesExample(spec)) });
    }
    return;
  }
  for (const g of grades) {
    if (Number.isNaN(g.count) && !isNegativeCount(ctx.lines.textOf(g.countRange))) {
      const countText = ctx.lines.textOf(g.countRange) || g.raw;
      ctx.emit({ range: g.countRange, message: fmt(messages.gradeCount, spec.name, g.grade, countText) });
    }
  }
}

function checkNumber(ctx: RuleContext, metric: Metric, spec: MetricSpec): void {
  const { value } = metric;
  const raw = value.raw;
  const percent = spec.unit === 'percent';
  const read = readValue(value);
  if (read === undefined) {
    if (isPlaceholder(raw, ctx.profile)) {
      ctx.emit({ range: value.range, message: fmt(messages.placeholder, spec.name, raw) });
      return;
    }
    const comma = /^(\d{1,3}),(\d+)\s*([%％]?)$/.exec(raw);
    if (comma && (percent || comma[2].length !== 3)) {
      ctx.emit({ range: value.range, message: fmt(messages.comma, spec.name, raw, `${comma[1]}.${comma[2]}${comma[3] || (percent ? '%' : '')}`) });
      return;
    }
    if (!percent && /^\d{1,3}(?:,\d{3})+\s*\S*$/.test(raw)) return; // 1,234次: a thousands separator
    ctx.emit({ range: value.range, message: fmt(messages.notANumber, spec.name, raw) });
    return;
  }
  if (percent && !isPercentUnit(read.unit)) {
    // a ratio (`0.99991`) is the percentage divided by 100
    const example = read.number > 0 && read.number <= 1 && read.unit === '' ? `${formatTrimmed(read.number * 100, 8)}%` : `${read.number}%`;
    ctx.emit({ range: value.range, message: fmt(messages.noPercent, spec.name, read.text, example) });
    return;
  }
  if (spec.decimals !== undefined && decimalsOf(read.text) > spec.decimals) {
    ctx.emit({ range: value.range, message: fmt(messages.decimals, spec.name, read.text, spec.decimals) });
  }
}

export const wr021: Rule = {
  code: 'WR021',
  name: 'malformed-metric',
  defaultSeverity: 'error',
  description: { en: 'A metric value is malformed.', 'zh-cn': '指标值格式错误。' },
  messages,
  fixable: false,
  scope: 'week',
  reads: metricSections,
  check(ctx) {
    for (const week of ctx.report.weeks) {
      for (const metric of weekMetrics(week)) {
        const spec = specOf(ctx.profile, metric.id);
        if (!spec || metric.value.raw.trim() === '' || leftToWr060(metric.value.raw, ctx.profile)) continue;
        if (spec.unit === 'grades') checkGrades(ctx, metric, spec);
        else checkNumber(ctx, metric, spec);
      }
    }
  },
};
