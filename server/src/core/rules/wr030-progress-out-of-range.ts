/**
 * WR030: a progress percentage outside 0–100% (`进度120%`) in any text of the report.
 */
import { fmt } from '../l10n';
import { rangeKey, weekBlocks } from './numbers';
import type { Rule } from './types';

const messages = {
  outOfRange: {
    en: '{0} {1}: progress must be between 0% and 100%.',
    'zh-cn': '{0}{1} 不合理：进度应在 0% 到 100% 之间。',
  },
};

export const wr030: Rule = {
  code: 'WR030',
  name: 'progress-out-of-range',
  defaultSeverity: 'error',
  description: { en: 'Progress is outside 0–100%.', 'zh-cn': '进度超出 0–100% 范围。' },
  messages,
  fixable: false,
  scope: 'week',
  check(ctx) {
    const seen = new Set<string>();
    for (const week of ctx.report.weeks) {
      for (const block of weekBlocks(week)) {
        for (const p of block.progress) {
          if (!Number.isFinite(p.value) || (p.value >= 0 && p.value <= 100)) continue;
          const key = rangeKey(p.valueRange);
          if (seen.has(key)) continue;
          seen.add(key);
          const label = p.label.trim() || '进度';
          ctx.emit({ range: p.valueRange, message: fmt(messages.outOfRange, label, ctx.lines.textOf(p.valueRange).trim()) });
        }
      }
    }
  },
};
