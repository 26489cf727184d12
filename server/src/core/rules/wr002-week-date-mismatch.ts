import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR002.md).
export const wr002: Rule = {
  code: 'WR002',
  name: 'week-date-mismatch',
  defaultSeverity: 'error',
  description: { en: 'The week number in the title does not match its date.', 'zh-cn': '标题中的周数与日期不符。' },
  messages: {},
  fixable: true,
  check() {},
};
