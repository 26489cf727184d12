import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR060.md).
export const wr060: Rule = {
  code: 'WR060',
  name: 'placeholder',
  defaultSeverity: 'warning',
  description: { en: 'A template placeholder was left in the text.', 'zh-cn': '文本中遗留了模板占位符。' },
  messages: {},
  fixable: false,
  check() {},
};
