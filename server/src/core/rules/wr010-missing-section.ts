import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR010.md).
export const wr010: Rule = {
  code: 'WR010',
  name: 'missing-section',
  defaultSeverity: 'warning',
  description: { en: 'A required section is missing.', 'zh-cn': '缺少必需的章节。' },
  messages: {},
  fixable: true,
  check() {},
};
