import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR044.md).
export const wr044: Rule = {
  code: 'WR044',
  name: 'pending-postmortem',
  defaultSeverity: 'information',
  description: { en: 'An incident has a pending postmortem.', 'zh-cn': '生产事件待复盘。' },
  messages: {},
  fixable: false,
  check() {},
};
