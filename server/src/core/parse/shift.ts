/**
 * Moving a reused part's model down or up by whole lines: a copy of every object that holds a
 * position (the cached original is never mutated). Written per type rather than as a generic
 * deep walk: on a 1 MB document an Enter near the top moves thousands of parts, and this keeps
 * that in the tens of milliseconds. The differential test catches a field left unshifted.
 */
import type {
  CreatedLine,
  Goal,
  GradeCount,
  Heading,
  Incident,
  Item,
  Metric,
  NumberSpan,
  PlanDate,
  Progress,
  Section,
  SumClaim,
  TextBlock,
  TextSpan,
  TimeOfDay,
  Week,
  WeekTitle,
  WowClaim,
} from '../model';
import type { Range } from '../text';
import type { Segment } from './sections';

type Shift<T> = (v: T, d: number) => T;

/** maps an array, sharing it when empty (most phrase lists are): models are read-only */
function m<T>(xs: T[], f: Shift<T>, d: number): T[] {
  if (!xs.length) return xs;
  const out = new Array<T>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = f(xs[i], d);
  return out;
}

const r: Shift<Range> = (v, d) => ({
  start: { line: v.start.line + d, character: v.start.character },
  end: { line: v.end.line + d, character: v.end.character },
});

const span: Shift<TextSpan> = (v, d) => ({ ...v, range: r(v.range, d) });
const num: Shift<NumberSpan> = (v, d) => ({ ...v, range: r(v.range, d) });
const progress: Shift<Progress> = (v, d) => ({ ...v, range: r(v.range, d), valueRange: r(v.valueRange, d) });
const plan: Shift<PlanDate> = (v, d) => ({ ...v, range: r(v.range, d) });

const claim: Shift<WowClaim> = (v, d) => {
  const out: WowClaim = { ...v, range: r(v.range, d), delta: num(v.delta, d) };
  if (v.current) out.current = num(v.current, d);
  if (v.previous) out.previous = num(v.previous, d);
  return out;
};

const sum: Shift<SumClaim> = (v, d) => ({
  range: r(v.range, d),
  total: { ...v.total, range: r(v.total.range, d) },
  parts: m(v.parts, (p) => ({ ...p, range: r(p.range, d) }), d),
});

const block: Shift<TextBlock> = (v, d) => ({
  range: r(v.range, d),
  text: v.text,
  progress: m(v.progress, progress, d),
  plans: m(v.plans, plan, d),
  claims: m(v.claims, claim, d),
  sums: m(v.sums, sum, d),
});

const item: Shift<Item> = (v, d) => {
  const out: Item = {
    range: r(v.range, d),
    depth: v.depth,
    ordered: v.ordered,
    marker: v.marker,
    checked: v.checked,
    text: block(v.text, d),
    blocks: m(v.blocks, block, d),
    children: m(v.children, item, d),
  };
  if (v.project) out.project = span(v.project, d);
  return out;
};

const grade: Shift<GradeCount> = (v, d) => ({ ...v, range: r(v.range, d), countRange: r(v.countRange, d) });

const metric: Shift<Metric> = (v, d) => {
  const value = { ...v.value, range: r(v.value.range, d) };
  if (v.value.grades) value.grades = m(v.value.grades, grade, d);
  return { ...v, nameRange: r(v.nameRange, d), range: r(v.range, d), line: v.line + d, value };
};

const time: Shift<TimeOfDay> = (v, d) => ({ ...v, range: r(v.range, d) });

const incident: Shift<Incident> = (v, d) => {
  const out: Incident = {
    ...v,
    range: r(v.range, d),
    times: m(v.times, time, d),
    spans: m(v.spans, (x) => ({ from: time(x.from, d), to: time(x.to, d), range: r(x.range, d) }), d),
    durations: m(v.durations, (x) => ({ ...x, range: r(x.range, d) }), d),
    tags: m(v.tags, span, d),
  };
  if (v.start) out.start = { ...v.start, range: r(v.start.range, d) };
  return out;
};

const goal: Shift<Goal> = (v, d) => ({ ...v, range: r(v.range, d), textRange: r(v.textRange, d) });

const heading: Shift<Heading> = (v, d) => ({ ...v, range: r(v.range, d), textRange: r(v.textRange, d), nameRange: r(v.nameRange, d) });

const section: Shift<Section> = (v, d) => {
  const out: Section = {
    ...v,
    range: r(v.range, d),
    items: m(v.items, item, d),
    blocks: m(v.blocks, block, d),
    metrics: m(v.metrics, metric, d),
    metricGroups: m(v.metricGroups, span, d),
    incidents: m(v.incidents, incident, d),
    goals: m(v.goals, goal, d),
  };
  if (v.heading) out.heading = heading(v.heading, d);
  if (v.okr) out.okr = { ...v.okr, numberRange: r(v.okr.numberRange, d) };
  return out;
};

const title: Shift<WeekTitle> = (v, d) => {
  const out: WeekTitle = { ...v, range: r(v.range, d), textRange: r(v.textRange, d), weekRange: r(v.weekRange, d) };
  if (v.date) out.date = { ...v.date, range: r(v.date.range, d) };
  return out;
};

const created: Shift<CreatedLine> = (v, d) => ({ ...v, range: r(v.range, d), valueRange: r(v.valueRange, d) });

/**
 * A week of the previous parse moved by `d` lines (an edit above it added or removed lines): the
 * parser moves the weeks after an edit whole instead of making them again from their parts.
 */
export function shiftWeek(w: Week, d: number): Week {
  const out: Week = {
    ...(w.title ? { title: title(w.title, d) } : {}),
    duplicateTitles: m(w.duplicateTitles, title, d),
    created: m(w.created, created, d),
    sections: m(w.sections, section, d),
    range: r(w.range, d),
  };
  return out;
}

export function shiftSegment(v: Segment, d: number): Segment {
  const out: Segment = { ...v, created: m(v.created, created, d) };
  if (v.title) out.title = title(v.title, d);
  if (v.section) out.section = section(v.section, d);
  return out;
}
