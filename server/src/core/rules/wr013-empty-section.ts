import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR013.md).
export const wr013: Rule = {
  code: 'WR013',
  name: 'empty-section',
  defaultSeverity: 'information',
  description: { en: 'A known section is empty.', 'zh-cn': '已知章节内容为空。' },
  messages: {},
  fixable: false,
  check() {},
};
