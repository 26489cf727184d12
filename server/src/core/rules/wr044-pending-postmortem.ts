/**
 * WR044: an incident tagged with the profile's pending-postmortem tag (default `【待复盘】`) is
 * listed, on the tag, so that it shows in the Problems panel and is followed up next week
 * (carry-over copies these incidents into the next report).
 */
import { fmt } from '../l10n';
import type { Incident } from '../model';
import type { Range } from '../text';
import { incidentSections, weekIncidents } from './incidents';
import type { Rule, RuleContext } from './types';

const messages = {
  pending: {
    en: 'Postmortem pending for the incident of {0} (【{1}】): follow it up in next week’s report.',
    'zh-cn': '{0} 的事件待复盘（【{1}】），请在下周周报中跟进。',
  },
  pendingUndated: {
    en: 'Postmortem pending for this incident (【{0}】): follow it up in next week’s report.',
    'zh-cn': '该事件待复盘（【{0}】），请在下周周报中跟进。',
  },
};

const bare = (s: string) => s.trim().replace(/^【\s*/, '').replace(/\s*】$/, '').trim();

/** The tag with its brackets (`【待复盘】`), when they are there. */
function tagRange(ctx: RuleContext, incident: Incident, tag: string): Range | undefined {
  const range = incident.tags.find((t) => bare(t.text) === tag)?.range;
  if (!range) return undefined;
  const s = ctx.lines.offsetAt(range.start);
  const e = ctx.lines.offsetAt(range.end);
  if (ctx.text[s] === '【' || ctx.text[s - 1] !== '【' || ctx.text[e] !== '】') return range;
  return ctx.lines.rangeOf(s - 1, e + 1);
}

export const wr044: Rule = {
  code: 'WR044',
  name: 'pending-postmortem',
  defaultSeverity: 'information',
  description: { en: 'An incident has a pending postmortem.', 'zh-cn': '生产事件待复盘。' },
  messages,
  fixable: false,
  scope: 'week',
  reads: incidentSections,
  check(ctx) {
    const tag = bare(ctx.profile.incidents.pendingTag);
    for (const { incident } of weekIncidents(ctx)) {
      const range = tagRange(ctx, incident, tag);
      if (!incident.pendingReview && !range) continue;
      ctx.emit({
        range: range ?? incident.start?.range ?? ctx.lines.lineRange(incident.range.start.line),
        message: incident.start ? fmt(messages.pending, incident.start.raw, tag) : fmt(messages.pendingUndated, tag),
      });
    }
  },
};
