import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR025.md).
export const wr025: Rule = {
  code: 'WR025',
  name: 'wow-mismatch',
  defaultSeverity: 'warning',
  description: { en: 'A week-over-week claim does not add up.', 'zh-cn': '环比（较上周）数据对不上。' },
  messages: {},
  fixable: true,
  check() {},
};
