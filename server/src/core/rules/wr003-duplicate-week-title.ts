import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR003.md).
export const wr003: Rule = {
  code: 'WR003',
  name: 'duplicate-week-title',
  defaultSeverity: 'warning',
  description: { en: 'The report has more than one week title.', 'zh-cn': '报告有多个周标题。' },
  messages: {},
  fixable: true,
  check() {},
};
