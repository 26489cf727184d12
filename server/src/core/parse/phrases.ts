/**
 * Phrases inside free text (a TextBlock's masked text): progress, plan dates, week-over-week
 * claims and sums. Every function takes the text and a mapper from [start, end) indices of that
 * text to document ranges.
 */
import type { NumberSpan, PlanDate, Progress, SumClaim, WowClaim } from '../model';
import type { Range } from '../text';

export type RangeAt = (start: number, end: number) => Range;

export interface Phrases {
  progress: Progress[];
  plans: PlanDate[];
  claims: WowClaim[];
  sums: SumClaim[];
}

export function extractPhrases(text: string, at: RangeAt, memo?: PhraseMemo): Phrases {
  if (!/\d/.test(text)) return { progress: [], plans: [], claims: [], sums: [] };
  if (!memo) return { progress: findProgress(text, at), plans: findPlans(text, at), claims: findClaims(text, at), sums: findSums(text, at) };
  // The phrases are a function of the text: an edit re-parses a whole part, but most of its
  // blocks are unchanged, so the phrases of a part's blocks are kept by text with ranges as
  // offsets into it (`line` -1 marks such a range) and placed through `at` on every use.
  let found = memo.current.get(text) ?? memo.previous?.(text);
  if (!found) found = { progress: findProgress(text, offsets), plans: findPlans(text, offsets), claims: findClaims(text, offsets), sums: findSums(text, offsets) };
  memo.current.set(text, found);
  return place(found, at);
}

/**
 * The phrases of one part's blocks by their text, kept with the part while a document is edited:
 * when the part changes, its new parse finds the phrases of its unchanged blocks in the old
 * part's (`previous`) and records its own (`current`).
 */
export interface PhraseMemo {
  previous?: (text: string) => Phrases | undefined;
  current: Map<string, Phrases>;
}

/** Ranges as offsets into the text, to be placed by `place`. */
const offsets: RangeAt = (start, end) => ({ start: { line: -1, character: start }, end: { line: -1, character: end } });

function place(p: Phrases, at: RangeAt): Phrases {
  const r = (x: Range): Range => at(x.start.character, x.end.character);
  const span = <T extends NumberSpan>(n: T): T => ({ ...n, range: r(n.range) });
  return {
    progress: p.progress.map((x) => ({ ...x, range: r(x.range), valueRange: r(x.valueRange) })),
    plans: p.plans.map((x) => ({ ...x, range: r(x.range) })),
    claims: p.claims.map((x) => ({
      ...x,
      range: r(x.range),
      ...(x.current ? { current: span(x.current) } : {}),
      ...(x.previous ? { previous: span(x.previous) } : {}),
      delta: span(x.delta),
    })),
    sums: p.sums.map((x) => ({ ...x, range: r(x.range), total: span(x.total), parts: x.parts.map(span) })),
  };
}

// ------------------------------------------------------------------ progress

const PROGRESS =
  /((?:项目)?(?:总迁移|整体|总体|测试|开发|研发|联调|迁移|实施|建设|对接|改造|总)?进度|研发|开发|测试)[ \t]{0,8}(?:[：:]|为|是|达到|达)?[ \t]{0,8}(约|大约|近|接近)?[ \t]{0,8}([-－−]?\d+(?:\.\d+)?)[ \t]{0,8}[%％]/dg;

function findProgress(text: string, at: RangeAt): Progress[] {
  const out: Progress[] = [];
  for (const m of text.matchAll(PROGRESS)) {
    const idx = m.indices!;
    out.push({
      value: Number(m[3].replace(/^[－−]/, '-')), // a negative figure is kept: WR030 reports it
      label: m[1],
      range: at(m.index, m.index + m[0].length),
      valueRange: at(idx[3][0], m.index + m[0].length),
      approximate: m[2] !== undefined,
    });
  }
  return out;
}

// ------------------------------------------------------------------ plan dates

const PLAN_WORD = /(?:计划|预计|预期|目标|延期至|延期到|推迟至|推迟到|延迟至|延迟到|延后至|分别于|争取|定于|拟于)/g;
const TRIGGER_AFTER = /^[ \t]{0,8}(?:前|之前|以前)?[ \t]{0,8}(?:完成|全部|正式|陆续|全量|开始)?[ \t]{0,8}(?:上线|投产|提测|发布|上架|交付|转测|灰度|切量)/;
const CLAUSE_BREAK = /[，,。；;！!？?\n]/;
/** how many characters may stand between a plan word and its date (`计划上线时间11月16日`) */
const PLAN_GAP = 8;

interface DateCandidate {
  start: number;
  end: number;
  year?: number;
  month: number;
  day?: number;
  precision: PlanDate['precision'];
  kind: 'cn' | 'slash' | 'dot' | 'compact';
}

const CN_DAY = /(?:(\d{4})[ \t]{0,8}年[ \t]{0,8})?(\d{1,2})[ \t]{0,8}月[ \t]{0,8}(\d{1,2})[ \t]{0,8}[日号]/y;
const CN_MONTH = /(?:(\d{4})[ \t]{0,8}年[ \t]{0,8})?(\d{1,2})[ \t]{0,8}月(?:份)?(初|上旬|中旬|中|下旬|底|末)?(?![ \t]{0,8}\d)/y;
const SLASH = /(?:(\d{4})\/)?(\d{1,2})\/(\d{1,2})(?![\d/])/y;
const DOT = /(\d{1,2})\.(\d{1,2})(?![\d.])/y;
const COMPACT = /(\d{3,4})(?![\d.%％/])/y;

const PRECISION: Record<string, PlanDate['precision']> = {
  初: 'early',
  上旬: 'early',
  中: 'mid',
  中旬: 'mid',
  下旬: 'late',
  底: 'late',
  末: 'late',
};

function dateAt(text: string, i: number): DateCandidate | undefined {
  const prev = i > 0 ? text[i - 1] : '';
  if (/[\d/.\-:：]/.test(prev)) return undefined;
  let m: RegExpExecArray | null;
  CN_DAY.lastIndex = i;
  if ((m = CN_DAY.exec(text))) {
    return { start: i, end: CN_DAY.lastIndex, year: m[1] ? Number(m[1]) : undefined, month: Number(m[2]), day: Number(m[3]), precision: 'day', kind: 'cn' };
  }
  CN_MONTH.lastIndex = i;
  if ((m = CN_MONTH.exec(text))) {
    return {
      start: i,
      end: CN_MONTH.lastIndex,
      year: m[1] ? Number(m[1]) : undefined,
      month: Number(m[2]),
      precision: m[3] ? PRECISION[m[3]] : 'month',
      kind: 'cn',
    };
  }
  SLASH.lastIndex = i;
  if ((m = SLASH.exec(text))) {
    return { start: i, end: SLASH.lastIndex, year: m[1] ? Number(m[1]) : undefined, month: Number(m[2]), day: Number(m[3]), precision: 'day', kind: 'slash' };
  }
  DOT.lastIndex = i;
  if ((m = DOT.exec(text))) {
    return { start: i, end: DOT.lastIndex, month: Number(m[1]), day: Number(m[2]), precision: 'day', kind: 'dot' };
  }
  COMPACT.lastIndex = i;
  if ((m = COMPACT.exec(text))) {
    const s = m[1];
    const month = Number(s.length === 3 ? s.slice(0, 1) : s.slice(0, 2));
    const day = Number(s.slice(-2));
    return { start: i, end: COMPACT.lastIndex, month, day, precision: 'day', kind: 'compact' };
  }
  return undefined;
}

function validYMD(year: number | undefined, month: number, day: number | undefined): boolean {
  if (!(month >= 1 && month <= 12)) return false;
  if (day === undefined) return true;
  const y = year ?? 2000; // unknown year: allow 2/29
  const days = new Date(Date.UTC(y, month, 0)).getUTCDate();
  return day >= 1 && day <= days;
}

function findPlans(text: string, at: RangeAt): PlanDate[] {
  // where plan words end
  const planEnds: number[] = [];
  for (const m of text.matchAll(PLAN_WORD)) planEnds.push(m.index + m[0].length);
  const out: PlanDate[] = [];
  let lastPlanEnd = -1; // end of the previous accepted date, for lists `11/9、12/5`
  let pi = -1; // index of the last plan word ending at or before the current date
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    const d = dateAt(text, i);
    if (!d) {
      while (i + 1 < text.length && /\d/.test(text[i + 1])) i++;
      continue;
    }
    const after = text.slice(d.end, d.end + 12);
    const triggered = TRIGGER_AFTER.test(after);
    // the nearest plan word before the date decides (dates come in order: move a pointer)
    while (pi + 1 < planEnds.length && planEnds[pi + 1] <= d.start) pi++;
    let planned = false;
    if (pi >= 0 && planEnds[pi] <= d.start) {
      const gap = text.slice(planEnds[pi], d.start);
      planned = d.kind === 'compact' ? /^[ \t]{0,8}(?:在|于)?[ \t]{0,8}$/.test(gap) : gap.length <= PLAN_GAP && !CLAUSE_BREAK.test(gap);
    }
    const listed = lastPlanEnd >= 0 && /^[ \t]{0,8}[、和及与][ \t]{0,8}$/.test(text.slice(lastPlanEnd, d.start));
    let accept: boolean;
    // `617` and `3.22` are dates only when they are possible ones: `2.0上线`, `V2.1上线` and
    // `目标2000` are version numbers and amounts, not impossible dates (WR032 would cry wolf)
    const ambiguous = d.kind === 'compact' || d.kind === 'dot';
    if (ambiguous && (!validYMD(d.year, d.month, d.day) || /[A-Za-z.]/.test(text[d.start - 1] ?? ''))) accept = false;
    else if (d.kind === 'compact') accept = planned || /^(?:上线|投产|提测)/.test(after);
    else if (d.kind === 'dot') accept = /^(?:上线|投产|提测|发布)/.test(after);
    else accept = planned || triggered || listed;
    if (accept) {
      out.push({
        raw: text.slice(d.start, d.end),
        range: at(d.start, d.end),
        ...(d.year !== undefined ? { year: d.year } : {}),
        month: d.month,
        ...(d.day !== undefined ? { day: d.day } : {}),
        precision: d.precision,
        valid: validYMD(d.year, d.month, d.day),
      });
      lastPlanEnd = d.end;
    }
    i = d.end - 1;
  }
  return out;
}

// ------------------------------------------------------------------ week-over-week claims

const WOW_KEY = /(?:较|相比|相较于?|比起|对比|环比)[ \t]{0,8}(?:于)?[ \t]{0,8}上周/g;
const UNIT = '(%|％|个百分点|分|条|次|笔|个|ms|毫秒)';
const WOW_TAIL = new RegExp(
  `^[ \\t]{0,8}(?:(\\d+(?:\\.\\d+)?)[ \\t]{0,8}${UNIT}?[ \\t]{0,8}[，,]?[ \\t]{0,8})?(提升|上涨|新增|增加|增长|上升|提高|下降|下跌|减少|降低|回落)(?:了)?[ \\t]{0,8}(\\d+(?:\\.\\d+)?)[ \\t]{0,8}${UNIT}?(进度)?`,
  'd',
);
// not a number cut out of a broken one (`99.9.9%` is no 9.9%): no digit or point before it
const WOW_CURRENT = new RegExp(`(?<![\\d.])(\\d+(?:\\.\\d+)?)[ \\t]{0,8}${UNIT}?[ \\t]{0,8}[，,、]?[ \\t]{0,8}$`, 'd');
const WOW_SUBJECT = /([^\s，,。；;！？!?、：:（）()]{1,30})[ \t]{0,8}[：:]?[ \t]{0,8}$/;
const NEG = new Set(['下降', '下跌', '减少', '降低', '回落']);

function span(text: string, at: RangeAt, start: number, numRaw: string, unit: string | undefined, end: number): NumberSpan {
  return { value: Number(numRaw), raw: text.slice(start, end), range: at(start, end), unit: unit ?? '' };
}

function findClaims(text: string, at: RangeAt): WowClaim[] {
  const out: WowClaim[] = [];
  for (const k of text.matchAll(WOW_KEY)) {
    const keyEnd = k.index + k[0].length;
    const tail = WOW_TAIL.exec(text.slice(keyEnd, keyEnd + 80));
    if (!tail) continue;
    const ti = tail.indices!;
    const previous =
      tail[1] !== undefined ? span(text, at, keyEnd + ti[1][0], tail[1], tail[2], keyEnd + (ti[2] ? ti[2][1] : ti[1][1])) : undefined;
    const delta = span(text, at, keyEnd + ti[4][0], tail[4], tail[5], keyEnd + (ti[5] ? ti[5][1] : ti[4][1]));
    // only the few characters before the keyword matter (and a bounded window keeps this linear)
    const winStart = Math.max(0, k.index - 80);
    const before = text.slice(winStart, k.index);
    const cur = WOW_CURRENT.exec(before);
    let start = k.index;
    let current: NumberSpan | undefined;
    let subject = '';
    if (cur) {
      const ci = cur.indices!;
      const cs = winStart + ci[1][0];
      current = span(text, at, cs, cur[1], cur[2], winStart + (ci[2] ? ci[2][1] : ci[1][1]));
      start = cs;
      const subj = WOW_SUBJECT.exec(before.slice(0, cs - winStart));
      if (subj) {
        let s = subj[1];
        let sStart = winStart + subj.index;
        const cut = s.lastIndexOf('本周');
        if (cut >= 0 && cut + 2 < s.length) {
          sStart += cut + 2;
          s = s.slice(cut + 2);
        }
        subject = s;
        start = sStart;
      }
    }
    out.push({
      range: at(start, keyEnd + tail[0].length),
      subject,
      ...(current ? { current } : {}),
      ...(previous ? { previous } : {}),
      delta,
      direction: NEG.has(tail[3]) ? -1 : 1,
    });
  }
  return out;
}

// ------------------------------------------------------------------ sums

const SUM_HEAD = /([^\s，,。；;：:！？!?、\d（）()]{1,20})[ \t]{0,8}[：:]?[ \t]{0,8}(\d+(?:\.\d+)?)[ \t]{0,8}(元|万元|万|笔|个)?[ \t]{0,8}[。，,；;]?[ \t]{0,8}其中[ \t]{0,8}[：:，,]?/dg;
const SUM_PART = /[ \t]{0,8}[，,、；;]?[ \t]{0,8}([^\s，,。；;：:！？!?、\d（）()]{1,20})[ \t]{0,8}[：:]?[ \t]{0,8}(\d+(?:\.\d+)?)[ \t]{0,8}(元|万元|万|笔|个)?/dy;

function findSums(text: string, at: RangeAt): SumClaim[] {
  const out: SumClaim[] = [];
  for (const m of text.matchAll(SUM_HEAD)) {
    const mi = m.indices!;
    const parts: SumClaim['parts'] = [];
    SUM_PART.lastIndex = m.index + m[0].length;
    let end = SUM_PART.lastIndex;
    let p: RegExpExecArray | null;
    while ((p = SUM_PART.exec(text))) {
      const pi = p.indices!;
      parts.push({ ...span(text, at, pi[2][0], p[2], p[3], pi[3] ? pi[3][1] : pi[2][1]), label: p[1] });
      end = SUM_PART.lastIndex;
    }
    if (parts.length < 2) continue; // one part cannot add up to anything: not a sum claim
    out.push({
      range: at(m.index, end),
      total: { ...span(text, at, mi[2][0], m[2], m[3], mi[3] ? mi[3][1] : mi[2][1]), label: m[1] },
      parts,
    });
  }
  return out;
}
