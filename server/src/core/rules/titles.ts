/**
 * The week titles of the weeks a rule is given, in document order: each week's title and the
 * duplicates written right under it. For the whole document this is `report.titles`; a
 * week-scoped rule (see `Rule.scope`) is given one week at a time and must read its titles here.
 */
import type { Report, WeekTitle } from '../model';

export function titlesOf(report: Report): WeekTitle[] {
  const out: WeekTitle[] = [];
  for (const w of report.weeks) {
    if (w.title) out.push(w.title);
    for (const d of w.duplicateTitles) out.push(d);
  }
  return out;
}
