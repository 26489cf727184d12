/**
 * Helpers shared by the section rules (WR010, WR050, WR011, WR020): which weeks a per-week rule
 * looks at, how a profile section is written, where a missing section goes in a week, and how an
 * insertion at the end of a document gets out of a block left open there (`landVisibly`).
 * Not a rule itself (the rules index lists `wr0xx-*.ts` files only).
 */
import type { Report, Section, Week } from '../model';
import { maskedLength, maskedSlice, parseReport, parseStats, type ParsedReport } from '../parse';
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

/**
 * `checkedWeeks` for what a rule is given: the document, or one week of it (week-scoped rules;
 * the report then keeps the document's `titles`). Whether the document has titles decides, so an
 * untitled preamble week of a titled document is not checked when it is given alone.
 */
export function checkedWeeksOf(report: Report): Week[] {
  return report.titles.length > 0 ? report.weeks.filter((w) => w.title) : report.weeks.slice(0, 1);
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

/**
 * Where to insert before a line: its start, but after a byte-order mark opening the document
 * (text inserted before it would leave the mark in the middle of the text, in front of the
 * heading that was the first line, which then no longer reads as one).
 */
export function lineStart(lines: LineIndex, line: number): { line: number; character: number } {
  return { line, character: line === 0 && lines.text.charCodeAt(0) === 0xfeff ? 1 : 0 };
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
 * block is separated from its neighbours by one blank line. When that place is at the end of a
 * document left inside an unclosed code fence or HTML block, the block is closed first
 * (`landVisibly`); `undefined` when no closing line is found (rare: see `openEnd`).
 * `report`: the parse of `lines.text` when the caller has it (else it is parsed when needed).
 */
export function landedSectionEdit(week: Week, spec: SectionSpec, blockLines: string[], profile: Profile, lines: LineIndex, report?: Report): TextEdit | undefined {
  return landVisibly({ text: lines.text, lines, report, profile }, sectionEdit(week, spec, blockLines, profile, lines));
}

/** `landedSectionEdit`, or the plain insertion at the section's place when that finds no way out
 *  of a block left open (for callers that must insert: carry-over). */
export function insertSectionEdit(week: Week, spec: SectionSpec, blockLines: string[], profile: Profile, lines: LineIndex, report?: Report): TextEdit {
  return landedSectionEdit(week, spec, blockLines, profile, lines, report) ?? sectionEdit(week, spec, blockLines, profile, lines);
}

function sectionEdit(week: Week, spec: SectionSpec, blockLines: string[], profile: Profile, lines: LineIndex): TextEdit {
  const eol = eolOf(lines.text);
  const block = blockLines.join(eol);
  const target = profile.sections.findIndex((s) => s.id === spec.id);
  // the implicit key-work section (project items right under the title) has no heading: its
  // first line is where it starts
  const before = week.sections.find((s) => specIndex(profile, s) > target);
  if (before) {
    const line = (before.heading?.range ?? before.range).start.line;
    const at = lineStart(lines, line);
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

// ---------------------------------------------------------------- blocks left open at the end

/**
 * A fenced code block or an HTML block of the kinds that end only at their own end condition
 * (a comment `<!--` until `-->`, `<?` until `?>`, `<![CDATA[` until `]]>`, `<!X` until `>`,
 * `<pre>`, `<script>`, `<style>`, `<textarea>` until their closing tag) goes on to the end of the
 * document when that condition never comes. Whatever a fix appends is then part of the block,
 * code or a comment the parser does not read: the fix would change nothing.
 */
export interface OpenEnd {
  /** offset of the line that opens the block */
  start: number;
  /** the line that closes it: a fence as long as the opening one, `-->`, `</pre>`… */
  closer: string;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HTML_OPEN = /^ {0,3}<(!--|\?|!\[CDATA\[|![A-Za-z]|(script|pre|style|textarea)(?=[\s>]|$))/i;

interface Opener {
  start: number;
  closer: string;
  /** whether a line closes it (the opening line itself, after the opening, for HTML) */
  closes(line: string, opening: boolean): boolean;
}

/** The block a line opens at the top level, if any (the end condition as CommonMark states it). */
function opener(line: string, start: number): Opener | undefined {
  const fence = FENCE_OPEN.exec(line);
  if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
    const mark = fence[1];
    const close = new RegExp(`^ {0,3}${mark[0] === '`' ? '`' : '~'}{${mark.length},}[ \\t]*$`);
    return { start, closer: mark, closes: (l, opening) => !opening && close.test(l) };
  }
  const html = HTML_OPEN.exec(line);
  if (!html) return undefined;
  const kind = html[1];
  const [closer, end] = html[2]
    ? [`</${html[2].toLowerCase()}>`, new RegExp(`</${html[2]}>`, 'i')]
    : kind === '!--'
      ? ['-->', /-->/]
      : kind === '?'
        ? ['?>', /\?>/]
        : kind.startsWith('![')
          ? [']]>', /\]\]>/]
          : ['>', />/];
  const after = html.index + html[0].length;
  return { start, closer, closes: (l, opening) => end.test(opening ? l.slice(after) : l) };
}

/**
 * The blocks that may be open at the end of `text`, read from `from` on: the one a simple
 * top-level scan leaves open first, then every other block opened in that stretch (a guess only:
 * containers are not followed; the parser confirms, see `openEnd`).
 */
function openCandidates(text: string, from: number): Opener[] {
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const all: Opener[] = [];
  let open: Opener | undefined;
  const re = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  re.lastIndex = lineStart;
  for (let m = re.exec(text); m && m[0] !== ''; m = re.exec(text)) {
    const line = m[0].replace(/[\r\n]+$/, '');
    if (open) {
      if (open.closes(line, false)) open = undefined;
      continue;
    }
    const o = opener(line, m.index);
    if (!o) continue;
    all.push(o);
    if (!o.closes(line, true)) open = o;
  }
  const out = open ? [open] : [];
  for (const o of all.reverse()) if (!out.some((x) => x.closer === o.closer)) out.push(o);
  return out;
}

const isBlank = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

let memo: { text: string; result: OpenEnd | null | 'stuck' } | undefined;

/**
 * Whether `text` ends inside a block left open, and how to close it: `null` when what is appended
 * after a blank line is read as Markdown (the usual case: the last character the author wrote is
 * not in code or HTML), the block and its closing line when it is not, `'stuck'` when no closing
 * line is found that the parser confirms. Only a text whose last character is in code or HTML
 * (`report.masked`) is looked at, and the answer is confirmed by parsing the text with a probe
 * appended: the probe must be read as text, and the author's text must read exactly as before
 * (same masked text), so a closing line never turns code or a comment into text.
 */
export function openEnd(text: string, report: Report | undefined, profile: Profile): OpenEnd | null | 'stuck' {
  if (memo?.text === text) return memo.result;
  // without a parse at hand: no line that may open such a block (in a container or not), no parse
  if (!report && !/^\uFEFF?[ \t>*+\-\d.)]*(?:```|~~~|<)/m.test(text)) return null;
  let last = text.length - 1;
  while (last >= 0 && isBlank(text[last])) last--;
  let result: OpenEnd | null | 'stuck' = null;
  // the probes must not show in the parse counters (tests and the server's log read them)
  const { partsParsed, partsReused } = parseStats;
  try {
    const parsed = report ?? parseReport(text, { profile });
    // the last character alone first: the whole masked text of a long document is joined only when needed
    if (last >= 0 && maskedLength(parsed) === text.length && maskedSlice(parsed, last, last + 1) === ' ') {
      const masked = parsed.masked;
      const eol = eolOf(text);
      const reads = (closer: string): boolean => {
        const probe = `${text}${closer ? eol + closer : ''}${eol}${eol}x`;
        const m = parseReport(probe, { profile, previous: parsed as ParsedReport }).masked;
        return m.endsWith('x') && m.startsWith(masked);
      };
      if (!reads('')) {
        let visible = last;
        while (visible >= 0 && (isBlank(masked[visible]) || masked[visible] === ' ')) visible--;
        let from = visible + 1;
        while (from < text.length && isBlank(text[from])) from++;
        const found = openCandidates(text, from).find((o) => reads(o.closer));
        result = found ? { start: found.start, closer: found.closer } : 'stuck';
      }
    }
  } finally {
    parseStats.partsParsed = partsParsed;
    parseStats.partsReused = partsReused;
  }
  memo = { text, result };
  return result;
}

/** What `landVisibly` reads of the rule context. */
export interface DocumentView {
  text: string;
  lines: LineIndex;
  /** the parse of `text` (parsed when needed if absent) */
  report?: Report;
  profile: Profile;
}

/**
 * An insertion made to land where it takes effect. When the document ends inside a block left
 * open (`openEnd`: an unclosed code fence or HTML comment, say) and the edit inserts at the end of
 * the document (nothing but blank lines after it) inside that block, the block is closed first:
 * the closing line (a fence as long as the opening one, `-->`…) goes right after the author's last
 * character (trailing blank lines stay after the insertion), then the inserted text. The author's text reads exactly as before (the block ran to the
 * end of the document anyway) and nothing of it is changed or moved. An insertion before the
 * block is left as it is. `undefined`: the edit would land inside the block with no way out (the
 * author's text follows it inside the block, or no closing line works): the fix is not offered.
 */
export function landVisibly(doc: DocumentView, edit: TextEdit): TextEdit | undefined {
  const open = openEnd(doc.text, doc.report, doc.profile);
  if (open === null) return edit;
  const at = doc.lines.offsetAt(edit.range.start);
  if (open !== 'stuck' && at <= open.start) return edit;
  if (open === 'stuck' || /[^ \t\r\n]/.test(doc.text.slice(at))) return undefined;
  // right after the author's last character: blank lines after it stay after the insertion
  // (inside the block they would have become part of it)
  let end = at;
  while (end > 0 && isBlank(doc.text[end - 1])) end--;
  // … at the end of that line: spaces after the last character stay on it (a line is never cut)
  while (end < at && (doc.text[end] === ' ' || doc.text[end] === '\t')) end++;
  const pos = doc.lines.positionAt(end);
  return { range: { start: pos, end: pos }, newText: eolOf(doc.text) + open.closer + edit.newText };
}
