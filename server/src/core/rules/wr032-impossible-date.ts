import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR032.md).
export const wr032: Rule = {
  code: 'WR032',
  name: 'impossible-date',
  defaultSeverity: 'error',
  description: { en: 'A date or time does not exist.', 'zh-cn': '日期或时间不存在。' },
  messages: {},
  fixable: false,
  check() {},
};
