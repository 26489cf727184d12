/**
 * WR051: a goal of last week's `下周工作及目标` that this report neither marks done nor mentions.
 * Cross-week: silent without `ctx.history`.
 *
 * A carried goal is followed up when
 * - the review section (role `review`, `## 【上周目标回顾】`) has it as a checked task (`- [x] goal`),
 *   or as an item with something written after the goal (`- [ ] goal：进行中，已完成一半`); or
 * - the week mentions it outside the review section: its normalised text, its `【project】`, or
 *   any 4 consecutive characters of one of its clauses (split at punctuation, once a leading verb
 *   such as 完成/推进/梳理 is dropped: `梳理清分对账差异报表` is mentioned by `差异报表初稿已完成`)
 *   appear in the week's text outside the review and goals sections. Lenient on purpose: an
 *   information that cries wolf is worse than one that misses a loosely worded mention.
 * Follow-up tasks of pending postmortems (`跟进复盘：…`) are goals of the carry-over, not of last
 * week's list, and are not checked here. The finding is on the unchecked review item when there is
 * one, else on the review heading, else on the week title. No quick fix: only the author knows
 * what became of the goal.
 */
import { fmt } from '../l10n';
import { perObject } from '../memo';
import type { Goal, Item, Section, Week } from '../model';
import type { Position } from '../text';
import { maskedSlice } from '../parse';
import { formatIsoWeek } from '../weeks';
import { normalizeJoined, normalizedPiece, normalizeText, stripListMarker } from '../workspace/match';
import type { Rule, RuleContext } from './types';

const messages = {
  notFollowed: {
    en: 'Last week’s goal “{0}” ({1}) is neither checked off nor mentioned in this report.',
    'zh-cn': '上周（{1}）的目标“{0}”在本周报中既未勾选完成，也未提及。',
  },
};

const LEADING_VERBS = /^(?:完成|推进|跟进|启动|继续|开展|落地|组织|协调|确认|输出|准备|进行|持续|安排|梳理|完善|优化)/u;

/** The clauses of a goal that, found in the text, count as a mention. */
export function goalClauses(goal: string): string[] {
  const out = new Set<string>();
  const whole = normalizeText(goal);
  if (whole) out.add(whole);
  for (const part of goal.split(/[，,。；;：:、（）()\s]+/u)) {
    const chars = [...normalizeText(part).replace(LEADING_VERBS, '')];
    for (let i = 0; i + 4 <= chars.length; i++) out.add(chars.slice(i, i + 4).join(''));
  }
  const project = /【([^】]+)】/u.exec(goal);
  if (project) out.add(normalizeText(project[1]));
  return [...out];
}

function sectionText(ctx: RuleContext, s: Section): string {
  return maskedSlice(ctx.report, ctx.lines.offsetAt(s.range.start), ctx.lines.offsetAt(s.range.end));
}

/**
 * `normalizeText` of the sections' text joined with line breaks, from pieces kept per section
 * and per top-level item (`normalizedPiece`): a section or item object is kept only while its
 * text is unchanged and unmoved, so a keystroke normalises its own item again, not its section.
 */
function bodyOf(ctx: RuleContext, sections: readonly Section[]): string {
  const pieces: string[] = [];
  for (const s of sections) {
    const piece = perObject(sectionBodies, s, (x) => sectionPiece(ctx, x));
    if (piece === undefined) return normalizeText(sections.map((x) => sectionText(ctx, x)).join('\n'));
    pieces.push(piece);
  }
  return normalizeJoined(pieces);
}

const sectionBodies = new WeakMap<Section, string | undefined>();
const itemBodies = new WeakMap<Item, string | undefined>();

/** JavaScript's `\s` is what `normalizeText` drops as white space */
const NOT_SPACE = /\S/;

/** `normalizedPiece` of a section's text: its top-level items' pieces (kept per item) and the text between them. */
function sectionPiece(ctx: RuleContext, s: Section): string | undefined {
  if (s.items.length === 0) return normalizedPiece(sectionText(ctx, s));
  const offset = (p: Position): number => ctx.lines.offsetAt(p);
  let at = offset(s.range.start);
  let out = '';
  for (const item of s.items) {
    const start = offset(item.range.start);
    const gap = maskedSlice(ctx.report, at, start);
    // (mostly the line breaks between two items: white space, which normalising drops)
    const between = NOT_SPACE.test(gap) ? normalizedPiece(gap) : '';
    const own = perObject(itemBodies, item, (i) => normalizedPiece(maskedSlice(ctx.report, start, offset(i.range.end))));
    if (between === undefined || own === undefined) return undefined;
    out += between + own;
    at = Math.max(at, offset(item.range.end));
  }
  const rest = normalizedPiece(maskedSlice(ctx.report, at, offset(s.range.end)));
  return rest === undefined ? undefined : out + rest;
}

/** last week's goals, as this rule reads them */
function goalsOf(week: Week): string[] {
  return week.sections.filter((s) => s.role === 'goals').flatMap((s) => s.goals.map((g) => g.text.trim())).filter(Boolean);
}

/** last week's goals, each once (by its normalised text), with the clauses that count as a mention */
function goalsToFollow(week: Week): GoalToFollow[] {
  const seen = new Set<string>();
  const out: GoalToFollow[] = [];
  for (const s of week.sections) {
    if (s.role !== 'goals') continue;
    // kept per section: a week edited elsewhere keeps its goals section object
    for (const g of perObject(goalsOfSection, s, sectionGoals)) {
      if (seen.has(g.key)) continue;
      seen.add(g.key);
      out.push(g);
    }
  }
  return out;
}

interface GoalToFollow {
  goal: string;
  key: string;
  clauses: readonly string[];
}

const goalsOfSection = new WeakMap<Section, readonly GoalToFollow[]>();
/** a review item's text as goals are compared with it */
const reviewKeys = new WeakMap<Goal, string>();

function sectionGoals(s: Section): GoalToFollow[] {
  const out: GoalToFollow[] = [];
  for (const g of s.goals) {
    const goal = g.text.trim();
    const key = normalizeText(goal);
    if (goal && key) out.push({ goal, key, clauses: goalClauses(goal) });
  }
  return out;
}

function checkWeek(ctx: RuleContext, week: Week): void {
  const title = week.title;
  if (!title?.valid) return;
  const prev = ctx.history!.previousWeek({ year: title.year, week: title.week });
  if (!prev) return;
  const goals = goalsToFollow(prev.week);
  if (goals.length === 0) return;
  const reviews = week.sections.filter((s) => s.role === 'review');
  const reviewItems = reviews.flatMap((s) => s.goals);
  // the week's own text outside the review section(s), normalised
  const others = week.sections.filter((s) => s.role !== 'review' && s.role !== 'goals');
  const body = bodyOf(ctx, others);
  for (const { goal, key: g, clauses } of goals) {
    const item = reviewItems.find((r) => perObject(reviewKeys, r, (x) => normalizeText(stripListMarker(x.text))).startsWith(g));
    if (item && (item.checked === true || normalizeText(item.text).length > g.length + 1)) continue;
    if (clauses.some((c) => body.includes(c))) continue;
    const range = item?.range ?? reviews[0]?.heading?.range ?? title.range;
    ctx.emit({ range, message: fmt(messages.notFollowed, goal, formatIsoWeek(prev.iso)) });
  }
}

export const wr051: Rule = {
  code: 'WR051',
  name: 'goal-not-followed-up',
  defaultSeverity: 'information',
  description: {
    en: 'A goal carried over from last week is neither marked done nor mentioned.',
    'zh-cn': '上周结转的目标本周既未标记完成，也未提及。',
  },
  messages,
  fixable: false,
  scope: 'week',
  lastWeekKey: (prev) => `${formatIsoWeek(prev.iso)} ${JSON.stringify(goalsOf(prev.week))}`,
  check(ctx) {
    if (!ctx.history) return;
    for (const week of ctx.report.weeks) checkWeek(ctx, week);
  },
};
