import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR026.md).
export const wr026: Rule = {
  code: 'WR026',
  name: 'sum-mismatch',
  defaultSeverity: 'warning',
  description: { en: 'The parts of a total do not add up to it.', 'zh-cn': '分项之和与总数不符。' },
  messages: {},
  fixable: false,
  check() {},
};
