import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR050.md).
export const wr050: Rule = {
  code: 'WR050',
  name: 'missing-goals',
  defaultSeverity: 'warning',
  description: { en: 'The goals for next week are missing or empty.', 'zh-cn': '缺少下周工作及目标，或内容为空。' },
  messages: {},
  fixable: true,
  check() {},
};
