/**
 * WR003: more than one title for a week. Either titles in a row with no section between them
 * (`# 第46周 2023-11-13` then `# 第47周 2023/11/13`), or, in a file that holds many weeks, a
 * later week titled with the same ISO week as an earlier one.
 * The quick fix (titles in a row only) removes the extra title line, its own Created line when
 * the first title has one too, and one blank line after it. A repeated week later in the file
 * gets no fix: removing its title would merge two weeks, and only the author knows which week
 * it was meant to be.
 */
import { fmt } from '../l10n';
import type { Week, WeekTitle } from '../model';
import type { LineIndex, TextEdit } from '../text';
import { formatIsoWeek } from '../weeks';
import type { Rule } from './types';

const messages = {
  inARow: {
    en: 'A second week title “{0}” right after “{1}” (line {2}): a week has one title.',
    'zh-cn': '紧接“{1}”（第 {2} 行）又出现了周标题“{0}”：一周只应有一个标题。',
  },
  repeated: {
    en: 'Week {0} already has a title on line {1} (“{2}”): this week is titled twice.',
    'zh-cn': '{0} 已在第 {1} 行有标题（“{2}”）：同一周出现了两次。',
  },
  remove: { en: 'Remove the duplicate title “{0}”', 'zh-cn': '删除重复的标题“{0}”' },
};

/** Removes the duplicate title line, its own Created line(s) and one blank line after them. */
function removeTitleEdit(week: Week, dup: WeekTitle, lines: LineIndex): TextEdit {
  const first = dup.range.start.line;
  const nextTitle = week.duplicateTitles.find((t) => t.range.start.line > first)?.range.start.line ?? Infinity;
  const nextSection = week.sections.find((s) => s.heading && s.heading.range.start.line > first)?.heading?.range.start.line ?? Infinity;
  const boundary = Math.min(nextTitle, nextSection, week.range.end.line + 1);
  const own = week.created.filter((c) => c.range.start.line > first && c.range.start.line < boundary);
  // the Created line goes with the duplicate only when the week keeps another one
  let last = own.length > 0 && own.length < week.created.length ? Math.max(...own.map((c) => c.range.end.line)) : first;
  if (last + 1 < lines.lineCount && lines.lineText(last + 1).trim() === '') last++;
  const start = { line: first, character: 0 };
  const end = last + 1 < lines.lineCount ? { line: last + 1, character: 0 } : lines.positionAt(lines.lineEnd(last));
  return { range: { start, end }, newText: '' };
}

export const wr003: Rule = {
  code: 'WR003',
  name: 'duplicate-week-title',
  defaultSeverity: 'warning',
  description: { en: 'A week has more than one title.', 'zh-cn': '同一周有多个周标题。' },
  messages,
  fixable: true,
  citesLines: true,
  check(ctx) {
    const { report, lines } = ctx;
    const seen = new Map<string, WeekTitle>();
    for (const week of report.weeks) {
      const title = week.title;
      if (title?.valid) {
        const key = formatIsoWeek(title);
        const earlier = seen.get(key);
        if (earlier) {
          ctx.emit({
            range: title.range,
            message: fmt(messages.repeated, key, earlier.range.start.line + 1, earlier.text),
          });
        } else {
          seen.set(key, title);
        }
      }
      let previous = title;
      for (const dup of week.duplicateTitles) {
        ctx.emit({
          range: dup.range,
          message: fmt(messages.inARow, dup.text, (previous ?? dup).text, (previous ?? dup).range.start.line + 1),
          fixes: [{ title: fmt(messages.remove, dup.text), edits: [removeTitleEdit(week, dup, lines)], preferred: true }],
          tags: ['unnecessary'],
        });
        previous = dup;
      }
    }
  },
};
