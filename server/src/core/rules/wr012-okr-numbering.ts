import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR012.md).
export const wr012: Rule = {
  code: 'WR012',
  name: 'okr-numbering',
  defaultSeverity: 'warning',
  description: { en: 'OKR sections are numbered with a duplicate, a gap or out of order.', 'zh-cn': 'OKR 章节编号重复、缺号或顺序错乱。' },
  messages: {},
  fixable: false,
  check() {},
};
