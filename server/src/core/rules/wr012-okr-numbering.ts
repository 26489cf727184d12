/**
 * WR012: the OKR sections of a week are not numbered O1, O2 … On in order. One finding per
 * offending heading:
 * - duplicate: the number was already used in the week;
 * - out of order: a number smaller than one before it (O1, O3, O2: on O2);
 * - gap: numbers skipped and used nowhere in the week (O1, O3: on O3; a week starting at O2: on O2).
 */
import { fmt } from '../l10n';
import type { Section } from '../model';
import type { Rule } from './types';

const messages = {
  duplicate: {
    en: '{0} is used twice in this week (first on line {1}).',
    'zh-cn': '本周 {0} 重复出现（首次在第 {1} 行）。',
  },
  outOfOrder: {
    en: '{0} comes after {1}: OKR sections go in order of their number.',
    'zh-cn': '{0} 排在 {1} 之后：OKR 章节应按编号顺序排列。',
  },
  gap: {
    en: '{0} follows {1}: {2} is missing.',
    'zh-cn': '{0} 前面是 {1}：缺少 {2}。',
  },
  gapFirst: {
    en: 'The OKR sections start at {0}: {1} is missing.',
    'zh-cn': 'OKR 章节从 {0} 开始：缺少 {1}。',
  },
};

export const wr012: Rule = {
  code: 'WR012',
  name: 'okr-numbering',
  defaultSeverity: 'warning',
  description: {
    en: 'OKR sections are numbered with a duplicate, a gap, or out of order.',
    'zh-cn': 'OKR 章节编号重复、不连续或顺序错乱。',
  },
  messages,
  fixable: false,
  citesLines: true,
  scope: 'week',
  check(ctx) {
    const prefix = ctx.profile.okr.prefix;
    const name = (n: number): string => `${prefix}${n}`;
    for (const week of ctx.report.weeks) {
      const okrs = week.sections.filter((s): s is Section & { okr: NonNullable<Section['okr']> } => !!s.okr);
      const used = new Set(okrs.map((s) => s.okr.number));
      const firstAt = new Map<number, Section>();
      let max = 0;
      let maxSection: Section | undefined;
      for (const s of okrs) {
        const n = s.okr.number;
        const range = s.okr.numberRange;
        const first = firstAt.get(n);
        if (first) {
          const line = (first.heading?.range ?? first.range).start.line + 1;
          ctx.emit({ range, message: fmt(messages.duplicate, name(n), line) });
          continue;
        }
        firstAt.set(n, s);
        if (n < max) {
          ctx.emit({ range, message: fmt(messages.outOfOrder, name(n), name(max)) });
          continue;
        }
        const missing: string[] = [];
        for (let k = max + 1; k < n; k++) if (!used.has(k)) missing.push(name(k));
        if (missing.length > 0) {
          const list = missing.join(', ');
          ctx.emit({ range, message: maxSection ? fmt(messages.gap, name(n), name(max), list) : fmt(messages.gapFirst, name(n), list) });
        }
        max = n;
        maxSection = s;
      }
    }
  },
};
