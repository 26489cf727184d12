import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR024.md).
export const wr024: Rule = {
  code: 'WR024',
  name: 'conflicting-metric',
  defaultSeverity: 'warning',
  description: { en: 'A metric is reported twice with different values.', 'zh-cn': '同一指标出现两次且数值不同。' },
  messages: {},
  fixable: false,
  check() {},
};
