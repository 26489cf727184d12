import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR004.md).
export const wr004: Rule = {
  code: 'WR004',
  name: 'created-far-from-week',
  defaultSeverity: 'information',
  description: { en: 'The Created date is far from the title week.', 'zh-cn': 'Created 日期与标题所在周相差太远。' },
  messages: {},
  fixable: false,
  check() {},
};
