import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR041.md).
export const wr041: Rule = {
  code: 'WR041',
  name: 'incident-time-order',
  defaultSeverity: 'warning',
  description: { en: 'A later time in an incident entry is before its start.', 'zh-cn': '生产事件中的后续时间早于开始时间。' },
  messages: {},
  fixable: false,
  check() {},
};
