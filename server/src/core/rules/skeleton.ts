/**
 * Helpers shared by the section rules (WR010, WR050, WR011): which weeks a per-week rule looks
 * at, how a profile section is written, and where a missing section goes in a week.
 * Not a rule itself (the rules index lists `wr0xx-*.ts` files only).
 */
import type { Section, Week } from '../model';
import type { MetricSpec, Profile, SectionSpec } from '../profile/schema';
import type { LineIndex, TextEdit } from '../text';

/**
 * The weeks whose structure is checked: the titled ones. Content before the first title (a
 * preamble) is not a week of its own, unless the file has no title at all (WR001 reports that):
 * then its only, untitled, week is still checked.
 */
export function checkedWeeks(weeks: readonly Week[]): Week[] {
  const titled = weeks.filter((w) => w.title);
  return titled.length > 0 ? titled : weeks.slice(0, 1);
}

/** The heading text of a profile section as the profile writes it: `【系统运行数据】`, `收获与反思`. */
export function sectionHeadingText(spec: SectionSpec): string {
  return spec.bracketed ? `【${spec.title}】` : spec.title;
}

/** The section's name for messages: `【系统运行数据】` as is, `“收获与反思”` quoted. */
export function sectionDisplayName(spec: SectionSpec): string {
  return spec.bracketed ? `【${spec.title}】` : `“${spec.title}”`;
}

export function headingLine(spec: SectionSpec): string {
  return `${'#'.repeat(spec.level)} ${sectionHeadingText(spec)}`;
}

/** The line break the document uses (CRLF when its first line break is one). */
export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

function specIndex(profile: Profile, section: Section): number {
  if (!section.sectionId) return -1;
  return profile.sections.findIndex((s) => s.id === section.sectionId);
}

/** The last line that holds something of the week (title, Created line, section content). */
function lastContentLine(week: Week): number {
  let last = week.title ? week.title.range.end.line : week.range.start.line;
  for (const t of week.duplicateTitles) last = Math.max(last, t.range.end.line);
  for (const c of week.created) last = Math.max(last, c.range.end.line);
  for (const s of week.sections) last = Math.max(last, s.range.end.line);
  return last;
}

/**
 * An edit that inserts a block (heading plus body, lines joined by the document's line break,
 * no trailing break) at the canonical place of `spec` in `week`: before the first section of the
 * week that comes later in the profile's order, else after the week's last content line; the
 * block is separated from its neighbours by one blank line.
 */
export function insertSectionEdit(week: Week, spec: SectionSpec, blockLines: string[], profile: Profile, lines: LineIndex): TextEdit {
  const eol = eolOf(lines.text);
  const block = blockLines.join(eol);
  const target = profile.sections.findIndex((s) => s.id === spec.id);
  // the implicit key-work section (project items right under the title) has no heading: its
  // first line is where it starts
  const before = week.sections.find((s) => specIndex(profile, s) > target);
  if (before) {
    const line = (before.heading?.range ?? before.range).start.line;
    const at = { line, character: 0 };
    const gap = line > 0 && lines.lineText(line - 1).trim() !== '' ? eol : '';
    return { range: { start: at, end: at }, newText: gap + block + eol + eol };
  }
  const line = lastContentLine(week);
  const end = lines.positionAt(lines.lineEnd(line));
  return { range: { start: end, end }, newText: eol + eol + block };
}

/**
 * The value the quick fix writes: a profile placeholder (WR060 points at it until it is filled
 * in): one ending in `%` for a percentage (`xx%`), a word for anything else (`待补充`).
 * Without placeholders in the profile, the value is left empty.
 */
export function placeholderFor(spec: MetricSpec, placeholders: readonly string[]): string {
  const usable = placeholders.filter((p) => p.trim() !== '' && !p.includes('${') && !/\n/.test(p));
  if (spec.unit === 'percent') {
    const percent = usable.find((p) => /[%％]$/.test(p));
    if (percent) return percent;
  }
  return usable.find((p) => /[\u4e00-\u9fff]/.test(p) && !/[%％]$/.test(p)) ?? usable.find((p) => !/[%％]$/.test(p)) ?? '';
}
