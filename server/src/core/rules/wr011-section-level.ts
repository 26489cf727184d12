import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR011.md).
export const wr011: Rule = {
  code: 'WR011',
  name: 'section-level',
  defaultSeverity: 'hint',
  description: { en: 'A known section is at the wrong heading level.', 'zh-cn': '已知章节的标题级别不正确。' },
  messages: {},
  fixable: true,
  check() {},
};
