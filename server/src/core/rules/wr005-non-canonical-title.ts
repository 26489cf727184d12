import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR005.md).
export const wr005: Rule = {
  code: 'WR005',
  name: 'non-canonical-title',
  defaultSeverity: 'hint',
  description: { en: 'The title or its date is not written in the canonical style.', 'zh-cn': '标题或日期的写法不规范。' },
  messages: {},
  fixable: true,
  check() {},
};
