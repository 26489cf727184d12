import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR030.md).
export const wr030: Rule = {
  code: 'WR030',
  name: 'progress-out-of-range',
  defaultSeverity: 'error',
  description: { en: 'Progress is outside 0–100%.', 'zh-cn': '进度超出 0–100% 范围。' },
  messages: {},
  fixable: false,
  check() {},
};
