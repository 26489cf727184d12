/**
 * WR013: a known section with nothing under its heading (`# 日报合集` at the end, empty).
 * Information only. Not reported here: the goals section (WR050 owns it) and the metrics section
 * when the profile has required metrics (WR020 reports each missing metric).
 */
import { fmt } from '../l10n';
import { sectionDisplayName } from './skeleton';
import type { Rule } from './types';

const messages = {
  empty: {
    en: 'Section {0} is empty: fill it in, write “暂无” (none), or remove the heading.',
    'zh-cn': '章节{0}为空：请补充内容、写“暂无”，或删除该标题。',
  },
};

export const wr013: Rule = {
  code: 'WR013',
  name: 'empty-section',
  defaultSeverity: 'information',
  description: { en: 'A known section is empty.', 'zh-cn': '已知章节内容为空。' },
  messages,
  fixable: false,
  scope: 'week',
  check(ctx) {
    const { report, profile } = ctx;
    const metricsRequired = profile.metrics.some((m) => m.required);
    for (const week of report.weeks) {
      for (const section of week.sections) {
        if (!section.heading || !section.empty) continue;
        const spec = profile.sections.find((s) => s.id === section.sectionId);
        if (!spec || spec.role === 'goals' || (spec.role === 'metrics' && metricsRequired)) continue;
        const shown = section.okr ? section.heading.text : sectionDisplayName(spec);
        ctx.emit({ range: section.heading.range, message: fmt(messages.empty, shown) });
      }
    }
  },
};
