import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR042.md).
export const wr042: Rule = {
  code: 'WR042',
  name: 'incident-duration',
  defaultSeverity: 'warning',
  description: { en: 'The stated duration of an incident disagrees with its time span.', 'zh-cn': '生产事件的持续时长与起止时间不符。' },
  messages: {},
  fixable: true,
  check() {},
};
