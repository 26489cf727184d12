/**
 * WR001: a file that is a report by its name (the profile's file pattern) has no week title.
 * The quick fix inserts the title of the week the file name names, in the profile's title style.
 *
 * Also an H1 heading that looks like a week title but is not one (`# 2025-W` while the number is
 * being typed, `# 2024 W04`, `# 第四周`, `# 第46周` without its date): its week has no title. In a
 * file with no title and named by week, the quick fix replaces it with that week's title.
 */
import { fmt } from '../l10n';
import { perWeek } from '../memo';
import type { Heading, Week } from '../model';
import { looksLikeWeekTitle } from '../parse/titles';
import { formatIsoWeek, formatTitle, weekFromFileName } from '../weeks';
import { eolOf, lineStart } from './skeleton';
import type { Rule } from './types';

const messages = {
  missing: {
    en: 'This report has no week title; its file name says it is {0}. Start it with “# {1}”.',
    'zh-cn': '该周报缺少周标题，按文件名应为 {0}。请在开头写上“# {1}”。',
  },
  insertTitle: { en: 'Insert the week title “# {0}”', 'zh-cn': '插入周标题“# {0}”' },
  malformed: {
    en: '“{0}” looks like a week title but is not one. A week title is the ISO week (“# 2024-W12”) or the week number and its Monday (“# 第12周 2024-03-18”).',
    'zh-cn': '“{0}”看起来像周标题，但格式不对。周标题应为 ISO 周（“# 2024-W12”）或周数加周一日期（“# 第12周 2024-03-18”）。',
  },
  malformedNamed: {
    en: '“{0}” looks like a week title but is not one; the file name says this report is {1}. Write it as “# {2}”.',
    'zh-cn': '“{0}”看起来像周标题，但格式不对；按文件名本周报应为 {1}。请写成“# {2}”。',
  },
  replaceTitle: { en: 'Replace it with the week title “# {0}”', 'zh-cn': '替换为周标题“# {0}”' },
};

/** a week's H1 headings that look like week titles, kept per week (this rule reads every week on every check) */
const lookAlikes = new WeakMap<Week, readonly Heading[]>();

function lookAlikesOf(week: Week): Heading[] {
  const out: Heading[] = [];
  for (const s of week.sections) if (s.heading && looksLikeWeekTitle(s.heading.text, s.heading.level)) out.push(s.heading);
  return out;
}

export const wr001: Rule = {
  code: 'WR001',
  name: 'missing-week-title',
  defaultSeverity: 'warning',
  description: { en: 'A report file has no week title.', 'zh-cn': '报告文件缺少周标题。' },
  messages,
  fixable: true,
  check(ctx) {
    const { report, profile, lines } = ctx;
    const named = weekFromFileName(ctx.fileName, profile);
    // H1 headings that look like week titles and are not (sections of the week before, or of the preamble)
    let first = true;
    for (const w of report.weeks) {
      for (const h of perWeek(lookAlikes, w, lookAlikesOf)) {
        // in a file without a title, named by week, the first of them is that week's title
        if (first && named && report.titles.length === 0) {
          const title = formatTitle(named, profile.titleStyle);
          const line = h.range.start.line;
          const range = { start: lineStart(lines, line), end: { line, character: lines.lineText(line).length } };
          ctx.emit({
            range: h.range,
            message: fmt(messages.malformedNamed, h.text, formatIsoWeek(named), title),
            fixes: [{ title: fmt(messages.replaceTitle, title), edits: [{ range, newText: `# ${title}` }], preferred: true }],
          });
        } else ctx.emit({ range: h.range, message: fmt(messages.malformed, h.text) });
        first = false;
      }
    }
    if (report.titles.length > 0 || !first) return;
    const week = named;
    if (!week) return; // not a report by name: nothing says which week it should be
    const title = formatTitle(week, profile.titleStyle);
    const eol = eolOf(ctx.text);
    // one blank line between the title and what follows, whether or not the file starts with one
    const firstBlank = lines.lineCount > 1 && lines.lineText(0).trim() === '';
    const newText = `# ${title}${eol}${firstBlank || ctx.text === '' ? '' : eol}`;
    const at = lineStart(lines, 0); // after a byte-order mark
    ctx.emit({
      range: lines.lineRange(0),
      message: fmt(messages.missing, formatIsoWeek(week), title),
      fixes: [{ title: fmt(messages.insertTitle, title), edits: [{ range: { start: at, end: at }, newText }], preferred: true }],
    });
  },
};
