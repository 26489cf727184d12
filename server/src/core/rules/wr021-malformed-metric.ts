import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR021.md).
export const wr021: Rule = {
  code: 'WR021',
  name: 'malformed-metric',
  defaultSeverity: 'error',
  description: { en: 'A metric value is malformed.', 'zh-cn': '指标值格式错误。' },
  messages: {},
  fixable: false,
  check() {},
};
