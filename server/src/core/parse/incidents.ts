/**
 * Production incident entries: the leading stamp (`3/21 15:43，…`, `06/03 8:31 …`), later times,
 * spans (`15:43-16:15期间`), durations (`共持续32min`, `持续2小时`), tags (`【待复盘】`).
 */
import type { Incident, IncidentStamp, TimeOfDay } from '../model';
import type { RangeAt } from './phrases';

const STAMP =
  /^[ \t]{0,8}(?:(?:(\d{4})[/.-])?(\d{1,2})[/.-](\d{1,2})|(?:(\d{4})[ \t]{0,8}年[ \t]{0,8})?(\d{1,2})[ \t]{0,8}月[ \t]{0,8}(\d{1,2})[ \t]{0,8}[日号]?)[ \t，,]*(\d{1,2})[:：](\d{2})(?![\d:：])/d;
const TIME = /(?<![\d:：./\-])(\d{1,2})[:：](\d{2})(?![\d:：])/dg;
const SPAN = /(?<![\d:：./])(\d{1,2})[:：](\d{2})[ \t]{0,8}[-~～—–至到][ \t]{0,8}(\d{1,2})[:：](\d{2})(?![\d:：])/dg;
const DURATION =
  /(?:共|总共|累计|一共)?(?:持续|耗时|历时|时长|影响时长|影响时间)[ \t]{0,8}(?:了|约|大约|近|共)?[ \t]{0,8}(\d+(?:\.\d+)?)[ \t]{0,8}(分钟|mins?|minutes?|小时|个小时|hours?|hrs?|h|秒钟|秒|seconds?|secs?|s)(?![A-Za-z])[ \t]{0,8}(左右|多)?/dgi;
const TAG = /【([^】\n]{1,40})】/g;
const NONE = /^(?:本周)?(?:暂)?(?:无|没有)(?:生产事件|生产事故|事件|事故|线上问题)?[。.！!]?$/;

export function isStampLine(text: string): boolean {
  return STAMP.test(text);
}

/** The text is only a stamp (`08/19 15:00`): its description follows in the next paragraph. */
export function isStampOnly(text: string): boolean {
  const m = STAMP.exec(text);
  return !!m && !text.slice(m[0].length).trim();
}

export function isNoIncident(text: string): boolean {
  return NONE.test(text.replace(/\s+/g, ''));
}

function validTime(h: number, m: number): boolean {
  return h >= 0 && h <= 24 && m >= 0 && m <= 59 && !(h === 24 && m > 0);
}

function validMonthDay(month: number, day: number): boolean {
  if (month < 1 || month > 12) return false;
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day >= 1 && day <= days;
}

function unitMinutes(unit: string): number {
  const u = unit.toLowerCase();
  if (u.startsWith('min') || u === '分钟') return 1;
  if (u === '小时' || u === '个小时' || u.startsWith('h')) return 60;
  return 1 / 60;
}

/**
 * Analyses one incident entry. `text` is the entry's masked text from its first character after
 * the list marker; `at` maps its indices to document ranges; `range` is the whole entry.
 */
export function analyzeIncident(
  text: string,
  at: RangeAt,
  range: Incident['range'],
  listItem: boolean,
  pendingTag: string,
): Incident {
  const incident: Incident = { range, text, times: [], spans: [], durations: [], tags: [], pendingReview: false, listItem };
  let from = 0;
  const s = STAMP.exec(text);
  if (s) {
    const si = s.indices!;
    const month = Number(s[2] ?? s[5]);
    const day = Number(s[3] ?? s[6]);
    const hour = Number(s[7]);
    const minute = Number(s[8]);
    const dStart = (si[1] ?? si[2] ?? si[4] ?? si[5])![0];
    const stamp: IncidentStamp = {
      month,
      day,
      hour,
      minute,
      raw: text.slice(dStart, si[8][1]),
      range: at(dStart, si[8][1]),
      valid: validMonthDay(month, day) && validTime(hour, minute),
    };
    incident.start = stamp;
    from = si[8][1];
  }
  let first = true;
  for (const m of text.slice(from).matchAll(TIME)) {
    const mi = m.indices!;
    const a = from + mi[0][0];
    const b = from + mi[0][1];
    const hour = Number(m[1]);
    const minute = Number(m[2]);
    if (first && incident.start && /^[ \t，,]*$/.test(text.slice(from, a)) && hour === incident.start.hour && minute === incident.start.minute) {
      first = false;
      continue; // `7/12 10:30 10:30 …`: the start time written twice
    }
    first = false;
    incident.times.push(time(text, at, a, b, hour, minute));
  }
  for (const m of text.slice(from).matchAll(SPAN)) {
    const mi = m.indices!;
    const a = from + mi[0][0];
    const b = from + mi[0][1];
    incident.spans.push({
      from: time(text, at, from + mi[1][0], from + mi[2][1], Number(m[1]), Number(m[2])),
      to: time(text, at, from + mi[3][0], from + mi[4][1], Number(m[3]), Number(m[4])),
      range: at(a, b),
    });
  }
  for (const m of text.matchAll(DURATION)) {
    const end = m.index + m[0].trimEnd().length;
    const approx = m[3] !== undefined || /约|近/.test(m[0].slice(0, m.indices![1][0] - m.index));
    incident.durations.push({
      minutes: Number(m[1]) * unitMinutes(m[2]),
      raw: text.slice(m.index, end),
      range: at(m.index, end),
      approximate: approx,
    });
  }
  for (const m of text.matchAll(TAG)) {
    const name = m[1].trim();
    incident.tags.push({ text: name, range: at(m.index + 1, m.index + 1 + m[1].length) });
    if (name === pendingTag) incident.pendingReview = true;
  }
  return incident;
}

function time(text: string, at: RangeAt, a: number, b: number, hour: number, minute: number): TimeOfDay {
  return { hour, minute, raw: text.slice(a, b), range: at(a, b), valid: validTime(hour, minute) };
}
