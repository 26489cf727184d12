import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR043.md).
export const wr043: Rule = {
  code: 'WR043',
  name: 'incident-outside-week',
  defaultSeverity: 'information',
  description: { en: 'An incident is dated outside the title week and the week before it.', 'zh-cn': '生产事件日期不在标题周及其前一周内。' },
  messages: {},
  fixable: false,
  check() {},
};
