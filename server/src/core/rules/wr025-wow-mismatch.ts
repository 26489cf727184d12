/**
 * WR025: a week-over-week claim that does not add up in its own sentence:
 * `总体进度85%，较上周70%新增15%进度` needs 85 = 70 + 15.
 *
 * Tolerance: each number may be rounded to the decimals it is written with, so the claim holds
 * when the difference is at most half a unit of the coarsest of the three (`95.91%，较上周95.7%
 * 上涨0.22%` holds: 95.7 may be 95.69). A relative change (`健康分664分，较上周650分提升2%`: the
 * delta's unit differs from the values') is not checked, and a change in `%` that holds as a
 * relative change (`转化率20%，较上周16%提升25%`: 16 × 1.25 = 20) is accepted.
 *
 * Quick fixes: correct the delta (preferred, as the catalogue says: the delta is the number worked
 * out by hand), or correct this week's value.
 *
 * Cross-week part (with `ctx.history` only): a claim that gives this week's value and the change
 * but not last week's value (`AI自动初审占比61.09%，较上周提升5.21%`) is compared with last week's
 * report: the same metric (by profile id, from the subject's name or alias), or the same claim subject
 * / progress label in the item with the same key (`【project】` + leading text, workspace/match.ts).
 * Values found more than once with different numbers are ambiguous and not compared. A claim that
 * also writes last week's value (`较上周70%新增15%`) is checked against the report too: when the
 * written 70% is not what last week's report says. Fix (delta form only): correct the change.
 */
import { fmt } from '../l10n';
import { perContent, perObject } from '../memo';
import type { NumberSpan, Section, Week, WowClaim } from '../model';
import { formatIsoWeek, type IsoWeek } from '../weeks';
import { contextBlocks, normalizeText, projectKey, SectionLists, type ContextBlock } from '../workspace/match';
import type { TextEdit } from '../text';
import { decimalsOf, formatNumber, halfUnit, isPercentUnit, near, numberRangeIn, rangeKey, weekBlocks } from './numbers';
import type { Fix, Rule, RuleContext } from './types';
import type { Profile } from '../profile/schema';

const messages = {
  mismatch: {
    en: '{0}: last week\'s {1} {2} {3} makes {4}, but this week is written as {5}.',
    'zh-cn': '「{0}」对不上：上周 {1} {2} {3} 应为 {4}，但本周写的是 {5}。',
  },
  mismatchNoSubject: {
    en: 'Week-over-week claim: last week\'s {1} {2} {3} makes {4}, but this week is written as {5}.',
    'zh-cn': '环比数据对不上：上周 {1} {2} {3} 应为 {4}，但本周写的是 {5}。',
  },
  lastWeek: {
    en: '{0}: {1} {2} {3} makes {4}, but last week’s report ({5}) says {6}.',
    'zh-cn': '「{0}」与上周周报（{5}）不符：本周 {1} 按 {2}{3} 推算，上周应为 {4}，但上周周报写的是 {6}。',
  },
  lastWeekPrevious: {
    en: '{0}: last week’s value is written as {1}, but last week’s report ({2}) says {3}.',
    'zh-cn': '「{0}」写的上周数值为 {1}，但上周周报（{2}）写的是 {3}。',
  },
  fixDelta: {
    en: 'Correct the change to {0}',
    'zh-cn': '将变化量改为 {0}',
  },
  fixCurrent: {
    en: 'Correct this week\'s value to {0}',
    'zh-cn': '将本周数值改为 {0}',
  },
};

const normUnit = (u: string): string => (isPercentUnit(u) ? '%' : u);

/** A delta in the values' own unit (percentage points for percentages), not a relative change. */
function sameUnits(current: NumberSpan, previous: NumberSpan, delta: NumberSpan): boolean {
  const u = normUnit(current.unit);
  if (normUnit(previous.unit) !== u && previous.unit !== '') return false;
  const d = normUnit(delta.unit);
  return d === u || d === '' || (u === '%' && /百分点|pp/i.test(d));
}

/**
 * `转化率20%，较上周16%提升25%` may mean a relative change (16 × 1.25 = 20): a claim that holds
 * when read that way is not reported. The bound adds up the rounding of each written number.
 */
function relativeHolds(current: number, previous: number, deltaPercent: number, dc: number, dp: number, dd: number): boolean {
  const factor = 1 + deltaPercent / 100;
  const tolerance = halfUnit(dc) + halfUnit(dp) * Math.abs(factor) + (Math.abs(previous) * halfUnit(dd)) / 100;
  return near(current, previous * factor, tolerance);
}

/** Replaces the number in a span (its range may include the unit) with `value`. */
function replaceNumber(ctx: RuleContext, span: NumberSpan, value: string): TextEdit | undefined {
  const start = ctx.lines.offsetAt(span.range.start);
  const r = numberRangeIn(ctx.lines.textOf(span.range), start);
  return r ? { range: ctx.lines.rangeOf(r.start, r.end), newText: value } : undefined;
}

/** The in-sentence arithmetic of a claim with all three numbers holds (or is not checkable). */
function holdsInSentence(claim: WowClaim): boolean {
  const { current, previous, delta, direction } = claim;
  if (!current || !previous || !sameUnits(current, previous, delta)) return true;
  const dc = decimalsOf(current.raw);
  const dp = decimalsOf(previous.raw);
  const dd = decimalsOf(delta.raw);
  const expected = previous.value + direction * Math.abs(delta.value);
  return near(current.value, expected, halfUnit(Math.min(dc, dp, dd))) || (normUnit(delta.unit) === '%' && relativeHolds(current.value, previous.value, direction * Math.abs(delta.value), dc, dp, dd));
}

/** A number the rule can compute with and write back (toFixed turns 1e21 and above into `1e+21`). */
const checkable = (v: number): boolean => Number.isFinite(v) && Math.abs(v) < 1e15;

function check(ctx: RuleContext, claim: WowClaim): void {
  const { current, previous, delta, direction } = claim;
  if (!current || !previous) return;
  if (![current.value, previous.value, delta.value].every(checkable)) return;
  if (!sameUnits(current, previous, delta)) return;
  const dc = decimalsOf(current.raw);
  const dp = decimalsOf(previous.raw);
  const dd = decimalsOf(delta.raw);
  const expected = previous.value + direction * Math.abs(delta.value);
  if (near(current.value, expected, halfUnit(Math.min(dc, dp, dd)))) return;
  if (normUnit(delta.unit) === '%' && relativeHolds(current.value, previous.value, direction * Math.abs(delta.value), dc, dp, dd)) return;

  const unit = normUnit(current.unit);
  const expectedText = formatNumber(expected, Math.max(dp, dd));
  const fixes: Fix[] = [];
  const newDelta = direction * (current.value - previous.value);
  if (newDelta >= 0) {
    const text = formatNumber(newDelta, Math.max(dc, dp));
    const edit = replaceNumber(ctx, delta, text);
    if (edit) fixes.push({ title: fmt(messages.fixDelta, `${text}${normUnit(delta.unit)}`), edits: [edit], preferred: true });
  }
  if (!(unit === '%' && (expected < 0 || expected > 100))) {
    const edit = replaceNumber(ctx, current, expectedText);
    if (edit) fixes.push({ title: fmt(messages.fixCurrent, `${expectedText}${unit}`), edits: [edit], preferred: fixes.length === 0 });
  }
  const sign = direction > 0 ? '+' : '−';
  const subject = claim.subject.trim();
  const shown = (n: NumberSpan, u: string, value = n.value) => `${formatNumber(value, decimalsOf(n.raw))}${u}`;
  const args = [shown(previous, normUnit(previous.unit) || unit), sign, shown(delta, normUnit(delta.unit), Math.abs(delta.value)), `${expectedText}${unit}`, shown(current, unit)];
  const message = subject ? fmt(messages.mismatch, subject, ...args) : fmt(messages.mismatchNoSubject, '', ...args);
  ctx.emit({ range: claim.range, message, fixes });
}

/** `【智能审核】AI自动初审占比` → `ai自动初审占比` */
function subjectKey(subject: string): string {
  return normalizeText(subject.replace(/【[^】]*】/gu, '').replace(/[：:]\s*$/u, ''));
}

/** The metric id a subject names, by the profile's metric names and aliases. */
function metricIdOf(profile: Profile, subject: string): string | undefined {
  let ids = metricIds.get(profile);
  if (!ids) {
    // the first metric naming it wins, as a search in profile order would find it
    ids = new Map();
    for (const m of profile.metrics) for (const n of [m.name, ...m.aliases]) if (!ids.has(normalizeText(n))) ids.set(normalizeText(n), m.id);
    metricIds.set(profile, ids);
  }
  return ids.get(subject);
}

/** metric ids by normalised name and alias, per profile (profiles are never mutated) */
const metricIds = new WeakMap<object, Map<string, string>>();

interface LastValue {
  value: number;
  raw: string;
}

/**
 * A section's values by key, in order: its metrics' (by profile id), then its blocks'. Metric keys
 * and item keys never collide, so the order between them does not change the week's values.
 */
function sectionValues(section: Section): ReadonlyArray<readonly [string, LastValue]> {
  return perObject(valuesOfSection, section, (s) => {
    const out: Array<readonly [string, LastValue]> = [];
    for (const m of s.metrics) {
      if (m.id !== undefined && m.value.number !== undefined && Number.isFinite(m.value.number)) out.push([`metric:${m.id}`, { value: m.value.number, raw: m.value.raw }]);
    }
    for (const entry of valuesOfBlocks.section(s)) out.push(entry);
    return out;
  });
}

const valuesOfSection = new WeakMap<Section, ReadonlyArray<readonly [string, LastValue]>>();

/**
 * Last week's value of `key` (`metric:<id>`, `item:<project>|<lead>|<subject>`): its first value in
 * the week, or `null` when another value of it differs by more than 1e-9 (ambiguous). Read one key
 * at a time from lists kept per section: a claim asks for one or two keys, so the week's values are
 * never made into a map, and after an edit of last week only its edited section's list is made again.
 */
function lastWeekValue(week: Week, key: string): LastValue | null | undefined {
  let first: LastValue | undefined;
  for (const section of week.sections) {
    const values = perObject(valuesBySection, section, sectionValueLists).get(key);
    if (!values) continue;
    for (const v of values) {
      if (!first) first = v;
      else if (Math.abs(first.value - v.value) > 1e-9) return null;
    }
  }
  return first;
}

const valuesBySection = new WeakMap<Section, ReadonlyMap<string, readonly LastValue[]>>();

function sectionValueLists(section: Section): Map<string, LastValue[]> {
  const out = new Map<string, LastValue[]>();
  for (const [key, v] of sectionValues(section)) {
    const list = out.get(key);
    if (list) list.push(v);
    else out.set(key, [v]);
  }
  return out;
}

/**
 * The keys a week's claims look up in last week's values (`checkAgainstLastWeek`: the metric a
 * subject names, and the item's key): a function of the week's text and the profile, kept by the
 * week's content per profile.
 */
function lookupKeys(week: Week, profile: Profile): readonly string[] {
  let byContent = lookupsOf.get(profile);
  if (!byContent) lookupsOf.set(profile, (byContent = new WeakMap()));
  return perContent(byContent, week, (w) => {
    const out = new Set<string>();
    for (const cb of contextBlocks(w)) {
      for (const claim of cb.block.claims) {
        const subject = subjectKey(claim.subject);
        if (!subject) continue;
        const id = metricIdOf(profile, subject);
        if (id !== undefined) out.add(`metric:${id}`);
        const project = projectKey(cb.project);
        if (project || cb.lead) out.add(`item:${project}|${cb.lead}|${subject}`);
      }
    }
    return [...out];
  });
}

const lookupsOf = new WeakMap<Profile, WeakMap<object, readonly string[]>>();

/** a block's values by key, in order, kept per context block (those of unchanged sections survive an edit) */
const valuesOfBlock = new WeakMap<ContextBlock, ReadonlyArray<[string, LastValue]>>();
/** and the blocks' values of a section, kept per section and per top-level item */
const valuesOfBlocks = new SectionLists<readonly [string, LastValue]>((cb) => perObject(valuesOfBlock, cb, blockValues));

function blockValues(cb: ContextBlock): Array<[string, LastValue]> {
  const out: Array<[string, LastValue]> = [];
  const base = `item:${projectKey(cb.project)}|${cb.lead}|`;
  for (const c of cb.block.claims) if (c.current && Number.isFinite(c.current.value)) out.push([base + subjectKey(c.subject), { value: c.current.value, raw: c.current.raw }]);
  for (const p of cb.block.progress) out.push([base + subjectKey(p.label), { value: p.value, raw: `${p.value}%` }]);
  if (cb.block.claims.length === 0 && cb.block.progress.length === 0) {
    // a plain `身份证：95.69%` / `AI自动初审占比55.88%`: the value of its leading subject
    const m = /^([^\d\n]{1,30}?)[：:\s]*(\d+(?:\.\d+)?)\s*(%|％|分|条|笔|个)?/u.exec(cb.block.text.trim());
    if (m && subjectKey(m[1])) out.push([base + subjectKey(m[1]), { value: Number(m[2]), raw: m[2] + (m[3] ?? '') }]);
  }
  return out;
}

function checkAgainstLastWeek(ctx: RuleContext, claim: WowClaim, key: { project: string; lead: string }, last: Week, prevIso: IsoWeek): void {
  const { current, previous, delta, direction } = claim;
  if (!current || !checkable(current.value) || !checkable(delta.value)) return;
  const subject = subjectKey(claim.subject);
  if (!subject) return;
  const id = metricIdOf(ctx.profile, subject);
  let found: LastValue | null | undefined = id !== undefined ? lastWeekValue(last, `metric:${id}`) : undefined;
  if (found === undefined && (key.project || key.lead)) found = lastWeekValue(last, `item:${key.project}|${key.lead}|${subject}`);
  if (!found) return;
  const shownSubject = claim.subject.trim();
  const unit = normUnit(current.unit);
  const dl = decimalsOf(found.raw);
  if (previous) {
    if (!checkable(previous.value) || normUnit(previous.unit || current.unit) !== unit) return;
    if (near(previous.value, found.value, halfUnit(Math.min(decimalsOf(previous.raw), dl)))) return;
    ctx.emit({
      range: claim.range,
      message: fmt(messages.lastWeekPrevious, shownSubject, `${previous.raw.trim()}`, formatIsoWeek(prevIso), `${formatNumber(found.value, dl)}${unit}`),
    });
    return;
  }
  // a relative change, or a change in another unit than the values, is not checked
  if (normUnit(delta.unit) !== unit && !(unit === '%' && /百分点|pp/i.test(delta.unit))) return;
  const dc = decimalsOf(current.raw);
  const dd = decimalsOf(delta.raw);
  const expected = found.value + direction * Math.abs(delta.value);
  if (near(current.value, expected, halfUnit(Math.min(dc, dl, dd)))) return;
  if (unit === '%' && relativeHolds(current.value, found.value, direction * Math.abs(delta.value), dc, dl, dd)) return;
  const fixes: Fix[] = [];
  const newDelta = direction * (current.value - found.value);
  if (newDelta > 0) {
    const text = formatNumber(newDelta, Math.max(dc, dl));
    const edit = replaceNumber(ctx, delta, text);
    if (edit) fixes.push({ title: fmt(messages.fixDelta, `${text}${normUnit(delta.unit)}`), edits: [edit], preferred: true });
  }
  const sign = direction > 0 ? '+' : '−';
  ctx.emit({
    range: claim.range,
    message: fmt(
      messages.lastWeek,
      shownSubject,
      `${formatNumber(current.value, dc)}${unit}`,
      sign === '+' ? '−' : '+',
      `${formatNumber(Math.abs(delta.value), dd)}${normUnit(delta.unit)}`,
      `${formatNumber(current.value - direction * Math.abs(delta.value), Math.max(dc, dd))}${unit}`,
      formatIsoWeek(prevIso),
      `${formatNumber(found.value, dl)}${unit}`,
    ),
    fixes,
  });
}

export const wr025: Rule = {
  code: 'WR025',
  name: 'wow-mismatch',
  defaultSeverity: 'warning',
  description: { en: 'A week-over-week claim does not add up.', 'zh-cn': '环比（较上周）数据对不上。' },
  messages,
  fixable: true,
  scope: 'week',
  // what it reads of last week for a week: last week's value of each key the week's claims look up
  lastWeekKey: (prev, week, profile) => {
    let out = formatIsoWeek(prev.iso);
    for (const key of lookupKeys(week, profile)) {
      const v = lastWeekValue(prev.week, key);
      out += `\u0000${key}=${v === undefined ? '' : v === null ? 'null' : `${v.value}\u0001${v.raw}`}`;
    }
    return out;
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const week of ctx.report.weeks) {
      for (const block of weekBlocks(week)) {
        for (const claim of block.claims) {
          const key = rangeKey(claim.range);
          if (seen.has(key)) continue;
          seen.add(key);
          check(ctx, claim);
        }
      }
    }
    if (!ctx.history) return;
    for (const week of ctx.report.weeks) {
      if (!week.title?.valid) continue;
      const prev = ctx.history.previousWeek({ year: week.title.year, week: week.title.week });
      if (!prev) continue;
      const done = new Set<string>();
      for (const cb of contextBlocks(week)) {
        for (const claim of cb.block.claims) {
          const key = rangeKey(claim.range);
          if (done.has(key)) continue;
          done.add(key);
          // a claim that does not add up in its own sentence is reported by the check above
          if (claim.previous && ctx.text && !holdsInSentence(claim)) continue;
          checkAgainstLastWeek(ctx, claim, { project: projectKey(cb.project), lead: cb.lead }, prev.week, prev.iso);
        }
      }
    }
  },
};
