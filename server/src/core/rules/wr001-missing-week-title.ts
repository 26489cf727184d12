/**
 * WR001: a file that is a report by its name (the profile's file pattern) has no week title.
 * The quick fix inserts the title of the week the file name names, in the profile's title style.
 */
import { fmt } from '../l10n';
import { formatIsoWeek, formatTitle, weekFromFileName } from '../weeks';
import { eolOf, lineStart } from './skeleton';
import type { Rule } from './types';

const messages = {
  missing: {
    en: 'This report has no week title; its file name says it is {0}. Start it with “# {1}”.',
    'zh-cn': '该周报缺少周标题，按文件名应为 {0}。请在开头写上“# {1}”。',
  },
  insertTitle: { en: 'Insert the week title “# {0}”', 'zh-cn': '插入周标题“# {0}”' },
};

export const wr001: Rule = {
  code: 'WR001',
  name: 'missing-week-title',
  defaultSeverity: 'warning',
  description: { en: 'A report file has no week title.', 'zh-cn': '报告文件缺少周标题。' },
  messages,
  fixable: true,
  check(ctx) {
    const { report, profile, lines } = ctx;
    if (report.titles.length > 0) return;
    const week = weekFromFileName(ctx.fileName, profile);
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
