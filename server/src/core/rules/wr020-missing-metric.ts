import type { Rule } from './types';

// STUB: to be implemented (see ../../../../docs/rules/WR020.md).
export const wr020: Rule = {
  code: 'WR020',
  name: 'missing-metric',
  defaultSeverity: 'warning',
  description: { en: 'A required metric is missing from the metrics section.', 'zh-cn': '系统运行数据中缺少必需的指标。' },
  messages: {},
  fixable: true,
  check() {},
};
