/**
 * Folding ranges of a report: each week (title to its last line), each section (heading to its
 * last non-blank line), each list item spanning several lines (nested ones too), each incident
 * entry spanning several lines. Whole lines, 0-based, end inclusive; one range per start line.
 */
import type { Item, Report } from '../model';
import type { LineIndex, Range } from '../text';
import { perObjectKeyed } from './report-index';

export interface FoldingRegion {
  startLine: number;
  /** inclusive */
  endLine: number;
}

const foldings = new WeakMap<Report, Array<{ keys: readonly unknown[]; value: FoldingRegion[] }>>();

/** Computed once per parsed report (and lines): the result is shared between calls and must not be modified. */
export function foldingRanges(report: Report, lines: LineIndex): FoldingRegion[] {
  return perObjectKeyed(foldings, report, [lines], () => computeFolding(report, lines));
}

function computeFolding(report: Report, lines: LineIndex): FoldingRegion[] {
  const byStart = new Map<number, number>();
  const add = (r: Range): void => {
    const start = r.start.line;
    let end = Math.min(r.end.line, lines.lineCount - 1);
    // a range ending at column 0 ends with the previous line's break; trailing blank lines stay open
    if (end > start && r.end.character === 0) end--;
    while (end > start && lines.lineText(end).trim() === '') end--;
    if (end > start && end > (byStart.get(start) ?? -1)) byStart.set(start, end);
  };
  const addItem = (item: Item): void => {
    add(item.range);
    item.children.forEach(addItem);
  };
  for (const week of report.weeks) {
    if (week.title) add({ start: week.title.range.start, end: week.range.end });
    for (const section of week.sections) {
      if (section.heading) add(section.range);
      section.items.forEach(addItem);
      for (const incident of section.incidents) add(incident.range);
    }
  }
  return [...byStart].map(([startLine, endLine]) => ({ startLine, endLine })).sort((a, b) => a.startLine - b.startLine);
}
