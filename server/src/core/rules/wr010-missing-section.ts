/**
 * WR010: a section the profile marks `required` is missing from a week. A section written at
 * another heading level still counts as present (WR011 reports its level). The goals section
 * is WR050's (missing or empty), so this rule skips the `goals` role.
 *
 * The quick fix inserts the section at its canonical place (before the first section of the
 * week that comes later in the profile's order, else after the week's last line), with a body
 * that is valid as it stands but for what the author must fill in:
 * - metrics: the required metrics' names, under their group labels, with the profile's
 *   placeholders as values (`- 入金有效成功率：xx%`), which WR060 reports until they are filled in;
 * - every other section: `暂无` (none), the dialect's word for an empty section.
 * A required OKR role has no fix (there is no sensible objective to invent).
 * When the week ends the document inside a code fence or HTML comment left open, the fix closes
 * it first, after the author's last line (`landVisibly` in skeleton.ts), so that the section is
 * read as one.
 */
import { fmt } from '../l10n';
import type { Week } from '../model';
import type { Profile, SectionSpec } from '../profile/schema';
import { checkedWeeksOf, headingLine, landedSectionEdit, placeholderFor, sectionDisplayName } from './skeleton';
import type { Fix, Rule } from './types';

const messages = {
  missing: {
    en: 'Required section {0} is missing from “{1}”.',
    'zh-cn': '“{1}”缺少必需的章节{0}。',
  },
  missingNoTitle: {
    en: 'Required section {0} is missing from this report.',
    'zh-cn': '本周报缺少必需的章节{0}。',
  },
  missingOkr: {
    en: 'This week has no OKR section ({0}), which the profile requires.',
    'zh-cn': '本周没有 OKR 章节（{0}），而团队配置要求必须有。',
  },
  insert: { en: 'Insert {0} at its place', 'zh-cn': '在规范位置插入{0}' },
};

/** The word the dialect uses for "nothing this week". */
export const NONE_TEXT = '暂无';

/** Heading and body lines of a section skeleton (no trailing line break). */
export function sectionSkeleton(spec: SectionSpec, profile: Profile): string[] {
  const out = [headingLine(spec), ''];
  if (spec.role === 'metrics') {
    const required = profile.metrics.filter((m) => m.required);
    if (required.length > 0) {
      const groups = [...new Set(required.map((m) => m.group ?? ''))];
      for (const group of groups) {
        if (group) out.push(`${group}：`, '');
        for (const m of required.filter((x) => (x.group ?? '') === group)) out.push(`- ${m.name}：${placeholderFor(m, profile.placeholders)}`);
        out.push('');
      }
      out.pop();
      return out;
    }
  }
  out.push(NONE_TEXT);
  return out;
}

function present(week: Week, spec: SectionSpec): boolean {
  return week.sections.some((s) => s.sectionId === spec.id);
}

export const wr010: Rule = {
  code: 'WR010',
  name: 'missing-section',
  defaultSeverity: 'warning',
  description: { en: 'A required section is missing.', 'zh-cn': '缺少必需的章节。' },
  messages,
  fixable: true,
  scope: 'week',
  check(ctx) {
    const { report, profile, lines } = ctx;
    const required = profile.sections.filter((s) => s.required && s.role !== 'goals');
    if (required.length === 0) return;
    for (const week of checkedWeeksOf(report)) {
      const range = week.title?.range ?? lines.lineRange(week.range.start.line);
      for (const spec of required) {
        if (present(week, spec)) continue;
        const name = sectionDisplayName(spec);
        if (spec.role === 'okr') {
          ctx.emit({ range, message: fmt(messages.missingOkr, `【${profile.okr.prefix}1 …】`) });
          continue;
        }
        const edit = landedSectionEdit(week, spec, sectionSkeleton(spec, profile), profile, lines, report);
        const fixes: Fix[] = edit ? [{ title: fmt(messages.insert, name), edits: [edit] }] : [];
        const message = week.title ? fmt(messages.missing, name, week.title.text) : fmt(messages.missingNoTitle, name);
        ctx.emit({ range, message, fixes });
      }
    }
  },
};
