/**
 * WR006: two files of the workspace claim the same week (`2024-W12.md` and `2024-W12 副本.md`, both
 * titled `# 2024-W12`). Reported on the title of each file involved. Needs a history that knows
 * which file is checked (`WorkspaceIndex.historyFor(uri)`, whose `otherClaims`); silent otherwise.
 * Carry-over and the cross-week rules pick one of the claims (the first by uri), so the other one's
 * numbers are ignored until the duplicate is resolved. A week titled twice in one file is WR003's.
 */
import { fmt } from '../l10n';
import { formatIsoWeek } from '../weeks';
import type { Rule } from './types';

const messages = {
  duplicate: {
    en: 'Week {0} is also the title of {1}: two reports for one week. Keep one (merge, or retitle the other).',
    'zh-cn': '{1} 的标题也是 {0}：同一周有两份周报。请只保留一份（合并，或修改另一份的标题）。',
  },
};

/** The file name of a uri or path, decoded (`file:///a/2024-W12%20copy.md` → `2024-W12 copy.md`). */
function shownName(uri: string): string {
  const last = uri.split(/[\\/]/).at(-1) ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export const wr006: Rule = {
  code: 'WR006',
  name: 'duplicate-week-across-files',
  defaultSeverity: 'warning',
  description: { en: 'Another file of the workspace has a report for the same week.', 'zh-cn': '工作区中另一个文件也是同一周的周报。' },
  messages,
  fixable: false,
  check(ctx) {
    const claims = ctx.history?.otherClaims;
    if (!claims) return;
    const seen = new Set<string>();
    for (const title of ctx.report.titles) {
      if (!title.valid) continue;
      const iso = { year: title.year, week: title.week };
      const key = formatIsoWeek(iso);
      if (seen.has(key)) continue;
      seen.add(key);
      const others = [...new Set(claims.call(ctx.history, iso).map((e) => shownName(e.uri)))];
      if (others.length === 0) continue;
      ctx.emit({ range: title.range, message: fmt(messages.duplicate, key, others.join(', ')) });
    }
  },
};
