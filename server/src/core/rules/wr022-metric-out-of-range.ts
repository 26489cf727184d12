import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR022.md).
export const wr022: Rule = {
  code: 'WR022',
  name: 'metric-out-of-range',
  defaultSeverity: 'error',
  description: { en: 'A metric value is out of its valid range.', 'zh-cn': '指标值超出有效范围。' },
  messages: {},
  fixable: false,
  check() {},
};
