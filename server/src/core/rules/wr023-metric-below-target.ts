import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR023.md).
export const wr023: Rule = {
  code: 'WR023',
  name: 'metric-below-target',
  defaultSeverity: 'warning',
  description: { en: 'A metric is below its target.', 'zh-cn': '指标未达到目标值。' },
  messages: {},
  fixable: false,
  check() {},
};
