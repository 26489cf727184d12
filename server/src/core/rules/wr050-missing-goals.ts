/**
 * WR050: next week's goals are missing (when the profile's `goals` section is required) or the
 * goals section has no list item. This rule owns the goals section: WR010 does not report it
 * missing and WR013 does not report it empty.
 *
 * Fixes: a missing section is inserted at its canonical place as the heading and an empty
 * numbered item `1. ` to type into (after closing a code fence or HTML comment the document
 * ends in, see `landVisibly`); an empty section gets the `1. ` item under its heading.
 * An item without text counts as an item (it is visibly a stub): a section holding only prose
 * gets no fix (its text must be turned into a list by hand: carry-over takes list items only).
 */
import { fmt } from '../l10n';
import type { Section } from '../model';
import { eolOf, checkedWeeksOf, headingLine, landedSectionEdit, sectionDisplayName } from './skeleton';
import type { Rule } from './types';

const messages = {
  missing: {
    en: 'Next week’s goals are missing (section {0}): they are what the next report carries over.',
    'zh-cn': '缺少下周目标（章节{0}）：下一份周报要从这里承接目标。',
  },
  empty: {
    en: '{0} has no items: list next week’s goals as a numbered list.',
    'zh-cn': '{0}下没有任何条目：请用编号列表写出下周目标。',
  },
  notList: {
    en: '{0} has text but no list: carry-over only takes list items, so write the goals as a numbered list.',
    'zh-cn': '{0}下有文字但没有列表：承接到下周时只识别列表条目，请把目标写成编号列表。',
  },
  insertSection: { en: 'Insert {0}', 'zh-cn': '插入{0}' },
  insertItem: { en: 'Add a numbered item under {0}', 'zh-cn': '在{0}下添加编号条目' },
};

const STUB = '1. ';

function hasText(section: Section): boolean {
  return section.blocks.some((b) => b.text.trim() !== '') || section.items.length > 0;
}

export const wr050: Rule = {
  code: 'WR050',
  name: 'missing-goals',
  defaultSeverity: 'warning',
  description: { en: 'The goals for next week are missing or empty.', 'zh-cn': '缺少下周工作及目标，或内容为空。' },
  messages,
  fixable: true,
  scope: 'week',
  check(ctx) {
    const { report, profile, lines } = ctx;
    const spec = profile.sections.find((s) => s.role === 'goals');
    if (!spec) return;
    const name = sectionDisplayName(spec);
    const eol = eolOf(ctx.text);
    for (const week of checkedWeeksOf(report)) {
      const sections = week.sections.filter((s) => s.sectionId === spec.id);
      if (sections.length === 0) {
        if (!spec.required) continue;
        const edit = landedSectionEdit(week, spec, [headingLine(spec), '', STUB], profile, lines, report);
        ctx.emit({
          range: week.title?.range ?? lines.lineRange(week.range.start.line),
          message: fmt(messages.missing, name),
          fixes: edit ? [{ title: fmt(messages.insertSection, name), edits: [edit], preferred: true }] : [],
        });
        continue;
      }
      if (sections.some((s) => s.goals.length > 0)) continue;
      const section = sections[0];
      if (!section.heading) continue;
      if (hasText(section)) {
        ctx.emit({ range: section.heading.range, message: fmt(messages.notList, name) });
        continue;
      }
      const line = section.heading.range.end.line;
      const at = lines.positionAt(lines.lineEnd(line));
      const next = line + 1 < lines.lineCount ? lines.lineText(line + 1) : '';
      const newText = eol + eol + STUB + (next.trim() !== '' ? eol : '');
      ctx.emit({
        range: section.heading.range,
        message: fmt(messages.empty, name),
        fixes: [{ title: fmt(messages.insertItem, name), edits: [{ range: { start: at, end: at }, newText }], preferred: true }],
      });
    }
  },
};
