import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR040.md).
export const wr040: Rule = {
  code: 'WR040',
  name: 'incident-without-timestamp',
  defaultSeverity: 'warning',
  description: { en: 'An incident entry does not start with an M/D HH:MM timestamp.', 'zh-cn': '生产事件条目没有以 M/D HH:MM 时间戳开头。' },
  messages: {},
  fixable: true,
  check() {},
};
