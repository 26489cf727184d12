/**
 * WR020: a required metric of the profile is missing from the week's metrics section.
 *
 * Only when the week has a metrics section (a missing section is WR010's job). A required metric
 * whose line is there with an EMPTY value (`- 入金有效成功率：`) is missing too: its number was
 * forgotten. A bad value is WR021's, a template placeholder WR060's. The quick fixes write one of
 * the profile's placeholders as the value (`- 入金有效成功率：xx%`), which WR060 then reminds the
 * author to fill in.
 */
import { fmt } from '../l10n';
import type { Section, Week } from '../model';
import type { MetricSpec } from '../profile/schema';
import type { LineIndex, Range, TextEdit } from '../text';
import { metricSections, rangeKey, weekMetrics } from './numbers';
import { eolOf, landVisibly, placeholderFor } from './skeleton';
import type { Fix, Rule, RuleContext } from './types';

const messages = {
  missing: {
    en: 'Required metric {0} is missing from {1}.',
    'zh-cn': '{1}缺少必填指标「{0}」。',
  },
  noValue: {
    en: 'Required metric {0} has no value: fill in this week\'s number.',
    'zh-cn': '必填指标「{0}」没有填写数值，请填入本周数据。',
  },
  fillIn: {
    en: 'Mark the value of {0} to be filled in',
    'zh-cn': '为「{0}」填入待补充的占位符',
  },
  insert: {
    en: 'Insert {0}',
    'zh-cn': '插入指标「{0}」',
  },
  insertAll: {
    en: 'Insert all {0} missing metrics',
    'zh-cn': '插入全部 {0} 个缺失的指标',
  },
};

function listPrefix(line: string): string {
  const m = /^(\s*)([-*+])\s+/.exec(line);
  return m ? `${m[1]}${m[2]} ` : '- ';
}

/** Where a missing metric goes, what comes before it there, and its line (`- 入金有效成功率：xx%`). */
interface Insertion {
  range: Range;
  /** line breaks, and the group label when the group has to be started */
  lead: string;
  line: string;
}

/** After the last metric of its group, under its group label, or at the end of the section. */
function insertion(section: Section, spec: MetricSpec, lines: LineIndex, value: string): Insertion {
  const at = (line: number): Range => {
    const pos = lines.positionAt(lines.lineEnd(line));
    return { start: pos, end: pos };
  };
  const item = (after?: number) => `${after === undefined ? '- ' : listPrefix(lines.lineText(after))}${spec.name}：${value}`;
  const sameGroup = spec.group !== undefined ? section.metrics.filter((m) => m.group === spec.group) : [];
  if (sameGroup.length > 0) {
    const last = Math.max(...sameGroup.map((m) => m.line));
    return { range: at(last), lead: '\n', line: item(last) };
  }
  const label = spec.group !== undefined ? section.metricGroups.find((g) => g.text.replace(/[：:]\s*$/, '').trim() === spec.group) : undefined;
  if (label) return { range: at(label.range.end.line), lead: '\n\n', line: item() };
  const endLine = Math.max(section.range.end.line, section.heading?.range.end.line ?? 0);
  if (spec.group !== undefined && (section.metricGroups.length > 0 || section.metrics.length === 0)) {
    // the section is written in groups (or is still empty): start this metric's group
    return { range: at(endLine), lead: `\n\n${spec.group}：\n\n`, line: item() };
  }
  const lastMetric = section.metrics.length > 0 ? Math.max(...section.metrics.map((m) => m.line)) : undefined;
  if (lastMetric !== undefined && lastMetric === endLine) return { range: at(lastMetric), lead: '\n', line: item(lastMetric) };
  return { range: at(endLine), lead: '\n\n', line: item() };
}

/**
 * One edit per place: metrics going to the same place (and the same new group) are written
 * together, with the document's line break.
 */
function edits(insertions: Insertion[], eol: string): TextEdit[] {
  const byPlace = new Map<string, { range: Range; lead: string; lines: string[] }>();
  for (const ins of insertions) {
    const key = `${rangeKey(ins.range)}|${ins.lead}`;
    const entry = byPlace.get(key) ?? { range: ins.range, lead: ins.lead, lines: [] };
    entry.lines.push(ins.line);
    byPlace.set(key, entry);
  }
  const out: TextEdit[] = [];
  const atSamePlace = new Map<string, TextEdit>();
  // at one place, the current group's metrics first, then new groups (in profile order)
  const entries = [...byPlace.values()].sort((a, b) => a.lead.length - b.lead.length);
  for (const e of entries) {
    const text = `${e.lead}${e.lines.join('\n')}`.replace(/\n/g, eol);
    const same = atSamePlace.get(rangeKey(e.range));
    if (same) same.newText += text; // a new group after another one: one edit, in profile order
    else {
      const edit = { range: e.range, newText: text };
      atSamePlace.set(rangeKey(e.range), edit);
      out.push(edit);
    }
  }
  return out;
}

/** A line that starts a block of its own right after a list item (not read as its continuation). */
const STARTS_BLOCK = /^\s{0,3}(?:#{1,6}(?:\s|$)|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$))/;

/**
 * A block inserted after a blank line (a new group or item at the end of the section) ends with a
 * blank line too when text follows right after its place: else the text would become a lazy
 * continuation of the inserted item (the next section's setext heading, `系统可用性：` over `---`,
 * turned into item text: found by the fuzzer).
 */
function separated(edit: TextEdit, lines: LineIndex, eol: string): TextEdit {
  const next = edit.range.end.line + 1;
  if (!edit.newText.startsWith(eol + eol) || next >= lines.lineCount) return edit;
  const text = lines.lineText(next);
  if (text.trim() === '' || STARTS_BLOCK.test(text)) return edit;
  return { range: edit.range, newText: edit.newText + eol };
}

function checkWeek(ctx: RuleContext, week: Week): void {
  const sections = metricSections(week);
  if (sections.length === 0) return;
  const present = new Set(weekMetrics(week).map((m) => m.id));
  const section = sections[0];
  const where = section.heading?.text ?? '';
  for (const m of weekMetrics(week)) {
    const spec = ctx.profile.metrics.find((x) => x.id === m.id);
    if (!spec?.required || m.value.raw !== '' || (m.value.grades?.length ?? 0) > 0) continue;
    const value = placeholderFor(spec, ctx.profile.placeholders);
    const fixes: Fix[] = value ? [{ title: fmt(messages.fillIn, spec.name), edits: [{ range: m.value.range, newText: value }], preferred: true }] : [];
    ctx.emit({ range: m.range, message: fmt(messages.noValue, m.name), fixes });
  }
  const missing = ctx.profile.metrics.filter((spec) => spec.required && !present.has(spec.id));
  const eol = eolOf(ctx.text);
  const all = missing.map((spec) => insertion(section, spec, ctx.lines, placeholderFor(spec, ctx.profile.placeholders)));
  // at the end of a document left inside a code fence or HTML comment: closed first (skeleton.ts)
  const landed = (list: TextEdit[]): TextEdit[] | undefined => {
    const out = list.map((e) => landVisibly(ctx, separated(e, ctx.lines, eol)));
    return out.every((e) => e !== undefined) ? (out as TextEdit[]) : undefined;
  };
  missing.forEach((spec, i) => {
    const allEdits = missing.length > 1 ? landed(edits(all, eol)) : undefined;
    const one = landed(edits([all[i]], eol));
    const fixes: Fix[] = one ? [{ title: fmt(messages.insert, spec.name), edits: one, preferred: true }] : [];
    if (allEdits) fixes.push({ title: fmt(messages.insertAll, missing.length), edits: allEdits });
    ctx.emit({ range: section.heading?.range ?? section.range, message: fmt(messages.missing, spec.name, where), fixes });
  });
}

export const wr020: Rule = {
  code: 'WR020',
  name: 'missing-metric',
  defaultSeverity: 'warning',
  description: { en: 'A required metric is missing from the metrics section.', 'zh-cn': '系统运行数据中缺少必需的指标。' },
  messages,
  fixable: true,
  scope: 'week',
  reads: metricSections,
  check(ctx) {
    for (const week of ctx.report.weeks) checkWeek(ctx, week);
  },
};
