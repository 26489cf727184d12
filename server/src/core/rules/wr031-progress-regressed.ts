/**
 * WR031: the progress of the same item went down since last week's report (`物保三期进度95%` last
 * week, `物保三期进度90%` this week). Cross-week: silent without `ctx.history`.
 *
 * Items are matched across weeks by their `【project】` (their own or their nearest ancestor's),
 * their leading text and the progress label (workspace/match.ts, docs/cross-week.md); a figure
 * whose key is missing or ambiguous in either week is not compared. Last week is the latest titled
 * week before this one in the workspace (weeks may have been skipped). Rounding: a drop smaller
 * than half a unit of the coarser of the two numbers is not a drop.
 */
import { fmt } from '../l10n';
import { formatIsoWeek } from '../weeks';
import { keyedProgress, normalizeText, progressValues } from '../workspace/match';
import { decimalsOf, formatTrimmed, halfUnit } from './numbers';
import type { Rule } from './types';

const messages = {
  regressed: {
    en: 'Progress went down: {0} was {1}% in {2} and is {3}% now. If the plan changed, say why.',
    'zh-cn': '进度倒退：「{0}」在 {2} 为 {1}%，本周为 {3}%。如计划有变，请说明原因。',
  },
};

export const wr031: Rule = {
  code: 'WR031',
  name: 'progress-regressed',
  defaultSeverity: 'warning',
  description: { en: 'The progress of the same item went down since last week’s report.', 'zh-cn': '同一事项的进度比上周周报有所下降。' },
  messages,
  fixable: false,
  scope: 'week',
  // what it reads of last week for a week: the value of each of the week's own keys there (the
  // week's keyed figures are the check's anyway; last week's values are kept by its content)
  lastWeekKey: (prev, week) => {
    const before = progressValues(prev.week);
    let out = formatIsoWeek(prev.iso);
    for (const key of keyedProgress(week).keys()) out += `\u0000${key}=${before.get(key) ?? ''}`;
    return out;
  },
  check(ctx) {
    const history = ctx.history;
    if (!history) return;
    for (const week of ctx.report.weeks) {
      if (!week.title?.valid) continue;
      const prev = history.previousWeek({ year: week.title.year, week: week.title.week });
      if (!prev) continue;
      // (last week's values by content: kept for the hovers' history too)
      const before = progressValues(prev.week);
      if (before.size === 0) continue;
      for (const [key, now] of keyedProgress(week)) {
        const then = before.get(key);
        if (then === undefined) continue;
        const b = now.progress;
        const tolerance = halfUnit(Math.min(decimalsOf(String(then)), decimalsOf(String(b.value))));
        if (!(b.value < then - tolerance)) continue;
        const parts = [now.lead, b.label].filter(Boolean);
        const shown = parts.filter((p, i) => !parts.some((q, j) => j !== i && normalizeText(q).includes(normalizeText(p)) && (q.length > p.length || j < i)));
        const name = `${now.project ? `【${now.project}】` : ''}${shown.join(' ')}`;
        ctx.emit({
          range: b.range,
          message: fmt(messages.regressed, name, formatTrimmed(then, 4), formatIsoWeek(prev.iso), formatTrimmed(b.value, 4)),
        });
      }
    }
  },
};
