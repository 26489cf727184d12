/**
 * Workspace symbols: every week title (`2024-W12`) and every `【project】` of every indexed report,
 * filtered by a query (case-insensitive; the query's characters must appear in order, as editors'
 * symbol search does: `w12` finds `2024-W12`, `收银` finds `收银台改版`). Most recent weeks first.
 */
import type { Item } from '../model';
import type { Range } from '../text';
import { formatIsoWeek, formatWeekRange } from '../weeks';
import type { WeekEntry } from '../workspace';

export interface WorkspaceSymbol {
  name: string;
  kind: 'week' | 'project';
  uri: string;
  range: Range;
  /** the week a project belongs to (`2024-W12`); the dates for a week */
  container?: string;
}

function fold(s: string): string {
  return s.toLowerCase().replace(/\s+/g, '');
}

/** The query's characters appear in `name` in order (an empty query matches everything). */
export function matchesQuery(name: string, query: string): boolean {
  const q = fold(query);
  if (!q) return true;
  const n = fold(name);
  let i = 0;
  for (const c of n) if (c === q[i] && ++i === q.length) return true;
  return false;
}

/**
 * `weeks` as `WorkspaceIndex.weeks()` gives them (sorted by week). At most `limit` symbols; a
 * project is listed once per week it appears in (its first mention that week).
 */
export function workspaceSymbols(weeks: readonly WeekEntry[], query: string, limit = 1000): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  for (let i = weeks.length - 1; i >= 0 && out.length < limit; i--) {
    const e = weeks[i];
    const name = formatIsoWeek(e.iso);
    if (e.week.title && matchesQuery(name, query)) out.push({ name, kind: 'week', uri: e.uri, range: e.week.title.range, container: formatWeekRange(e.iso) });
    const seen = new Set<string>();
    const visit = (items: readonly Item[]): void => {
      for (const item of items) {
        const p = item.project;
        if (p && p.text.trim() && !seen.has(p.text) && out.length < limit) {
          seen.add(p.text);
          if (matchesQuery(p.text, query)) out.push({ name: p.text, kind: 'project', uri: e.uri, range: p.range, container: name });
        }
        visit(item.children);
      }
    };
    for (const s of e.week.sections) visit(s.items);
  }
  return out;
}
