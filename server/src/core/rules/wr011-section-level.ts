/**
 * WR011: a known section written at another heading level than the profile's
 * (`### 【生产事件】` under an OKR section, when the profile says level 2).
 * The quick fix rewrites the `#`s of an ATX heading (setext headings get no fix).
 */
import { fmt } from '../l10n';
import { sectionDisplayName } from './skeleton';
import type { Fix, Rule } from './types';

const messages = {
  level: {
    en: 'Section {0} is a level-{1} heading; the profile has it at level {2} (“{3}”).',
    'zh-cn': '章节{0}是 {1} 级标题，按团队配置应为 {2} 级（“{3}”）。',
  },
  fix: { en: 'Make it a level-{0} heading (“{1}”)', 'zh-cn': '改为 {0} 级标题（“{1}”）' },
};

export const wr011: Rule = {
  code: 'WR011',
  name: 'section-level',
  defaultSeverity: 'hint',
  description: { en: 'A known section is at the wrong heading level.', 'zh-cn': '已知章节的标题级别不正确。' },
  messages,
  fixable: true,
  scope: 'week',
  check(ctx) {
    const { report, profile, lines } = ctx;
    for (const week of report.weeks) {
      for (const section of week.sections) {
        const heading = section.heading;
        const spec = profile.sections.find((s) => s.id === section.sectionId);
        if (!heading || !spec || heading.level === spec.level) continue;
        const hashes = '#'.repeat(spec.level);
        const lineText = lines.lineText(heading.range.start.line);
        const atx = /^( {0,3})(#{1,6})(?=[ \t]|$)/.exec(lineText);
        const fixes: Fix[] = [];
        if (atx && heading.range.start.character === 0) {
          const line = heading.range.start.line;
          fixes.push({
            title: fmt(messages.fix, spec.level, hashes),
            edits: [{ range: { start: { line, character: atx[1].length }, end: { line, character: atx[0].length } }, newText: hashes }],
            preferred: true,
          });
        }
        ctx.emit({
          range: heading.range,
          message: fmt(messages.level, section.okr ? heading.text : sectionDisplayName(spec), heading.level, spec.level, hashes),
          fixes,
        });
      }
    }
  },
};
