/**
 * Helpers shared by the metric and number rules (WR020–WR026, WR030, WR032): walking a week's
 * text blocks, looking up metric specs, reading numbers as written (decimals, tolerance) and
 * formatting computed numbers back in the report's style.
 */
import type { Item, Metric, MetricValue, Section, TextBlock, Week } from '../model';
import type { MetricSpec, Profile } from '../profile/schema';
import type { Range } from '../text';
import { perObject, perWeek } from '../memo';

/** A stable key for a range, to report each thing once even if the model lists it twice. */
export function rangeKey(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

function pushItemBlocks(item: Item, out: TextBlock[]): void {
  out.push(item.text);
  for (const b of item.blocks) out.push(b);
  for (const child of item.children) pushItemBlocks(child, out);
}

/**
 * Every text block of a week (paragraphs and list items at any depth), in order. Several rules
 * walk them for every week on every check: the list is built once per (immutable) parsed week,
 * from lists kept per section and per top-level item, so that after a keystroke in one project of
 * a long section only that project's blocks are listed again. The parser builds each block once,
 * in one section: no block is listed twice.
 */
export function weekBlocks(week: Week): readonly TextBlock[] {
  return perWeek(blocksOfWeek, week, collectWeekBlocks);
}

const blocksOfWeek = new WeakMap<Week, readonly TextBlock[]>();

function collectWeekBlocks(week: Week): readonly TextBlock[] {
  if (week.sections.length === 1) return perObject(blocksOfSection, week.sections[0], collectSectionBlocks);
  const out: TextBlock[] = [];
  for (const section of week.sections) for (const block of perObject(blocksOfSection, section, collectSectionBlocks)) out.push(block);
  return out;
}

/** a section's blocks, kept per section (unchanged sections survive an edit) */
const blocksOfSection = new WeakMap<Section, readonly TextBlock[]>();
/** a top-level item's blocks, kept per item (the other projects of an edited section survive it) */
const blocksOfItem = new WeakMap<Item, readonly TextBlock[]>();

function collectSectionBlocks(section: Section): TextBlock[] {
  const out = section.blocks.slice();
  for (const item of section.items) {
    for (const block of perObject(blocksOfItem, item, (i) => {
      const own: TextBlock[] = [];
      pushItemBlocks(i, own);
      return own;
    })) out.push(block);
  }
  return out;
}

export function metricSections(week: Week): Section[] {
  return week.sections.filter((s) => s.role === 'metrics');
}

/** The metrics of a week's metrics section(s), in order. */
export function weekMetrics(week: Week): Metric[] {
  return metricSections(week).flatMap((s) => s.metrics);
}

export function specOf(profile: Profile, id: string | undefined): MetricSpec | undefined {
  return id === undefined ? undefined : profile.metrics.find((m) => m.id === id);
}

/**
 * A metric's number and unit: the parser's, or a number followed by a remark in words
 * (`99.95% 受银行通道影响`), which is a value with a comment, not a malformed value.
 */
export function readValue(v: MetricValue): { number: number; unit: string; text: string } | undefined {
  if (v.number !== undefined) return { number: v.number, unit: v.unit, text: v.raw };
  const m = /^([+-]?\d+(?:\.\d+)?)[ \t]*([%％]|次)?(?=[ \t]*[\u4e00-\u9fff（(【[])/.exec(v.raw);
  return m ? { number: Number(m[1]), unit: m[2] ?? '', text: m[0].trim() } : undefined;
}

/** `-1` as an incident count: a number, out of range (WR022), not a malformed one (WR021). */
export function isNegativeCount(raw: string): boolean {
  return /^[-－−]\d+(?:\.\d+)?$/.test(raw.trim());
}

const PERCENT_UNITS = new Set(['%', '％']);
export const isPercentUnit = (unit: string): boolean => PERCENT_UNITS.has(unit);

/** Decimals written in a number (`99.997%` → 3, `100` → 0). */
export function decimalsOf(raw: string): number {
  const m = /\d+(?:[.．](\d+))?/.exec(raw.replace(/,/g, ''));
  return m?.[1]?.length ?? 0;
}

/** Half a unit of the last written digit: how far a number written with `decimals` may be from the truth. */
export function halfUnit(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}

/** `a` equals `b` within `tolerance` (plus floating-point noise). */
export function near(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance + 1e-9;
}

/** A computed number written with `decimals` decimals, without a trailing `-0`. */
export function formatNumber(value: number, decimals: number): string {
  const s = value.toFixed(Math.max(0, Math.min(10, decimals)));
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

/** A computed number with at most `decimals` decimals and no trailing zeros (`870.0` → `870`). */
export function formatTrimmed(value: number, decimals: number): string {
  const s = formatNumber(value, decimals);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** The part of `range`'s text that is the number (a NumberSpan's range may include its unit). */
export function numberRangeIn(text: string, offset: number): { start: number; end: number } | undefined {
  const m = /[+-]?\d+(?:[.．]\d+)?/.exec(text);
  return m ? { start: offset + m.index, end: offset + m.index + m[0].length } : undefined;
}
