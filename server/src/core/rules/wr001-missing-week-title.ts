import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR001.md).
export const wr001: Rule = {
  code: 'WR001',
  name: 'missing-week-title',
  defaultSeverity: 'warning',
  description: { en: 'A report file has no week title.', 'zh-cn': '报告文件缺少周标题。' },
  messages: {},
  fixable: true,
  check() {},
};
