/**
 * Week titles (`# 2024-W12`, `# 2024-w25`, `# 第46周 2023-11-13`, `# 第47周 2023/11/13`) and the
 * `Created: 2024年3月22日 14:52` metadata line.
 */
import type { CreatedLine, TitleDate, WeekTitle } from '../model';
import type { Range } from '../text';
import { isValidDate, weeksInYear } from '../weeks';
import type { RangeAt } from './phrases';

// a third digit (`# 2025-W201`, a digit typed too many while editing the title) is still a title,
// an invalid one (WR002): the file stays a report and keeps its findings
const ISO_TITLE = /^(\d{4})[ \t]{0,8}-[ \t]{0,8}([Ww])[ \t]{0,8}(\d{1,3})(?!\d)/d;
const CN_TITLE =
  /^第[ \t]{0,8}(\d{1,2})[ \t]{0,8}周[ \t]{0,8}[（(]?[ \t]{0,8}(?:(\d{4})[ \t]{0,8}([-/.])[ \t]{0,8}(\d{1,2})[ \t]{0,8}\3[ \t]{0,8}(\d{1,2})|(\d{4})[ \t]{0,8}年[ \t]{0,8}(\d{1,2})[ \t]{0,8}月[ \t]{0,8}(\d{1,2})[ \t]{0,8}日?)(?!\d)/d;

// what a week title looks like halfway through typing it, or in a spelling the dialect does not
// have: a year and a W (`2025-W`, `2024 W04`, `2024W4`), or 第, a number and 周 without its date
// (`第46周`, `第四周`). Not `2024 Wrap-up`: a letter after the W is another word.
const ISO_LIKE = /^\d{4}[ \t]{0,8}[-–—_/.]?[ \t]{0,8}[Ww][ \t]{0,8}\d*(?![A-Za-z\d])/;
const CN_LIKE = /^第[ \t]{0,8}[\d一二三四五六七八九十百零〇两]{1,6}[ \t]{0,8}周/;

/**
 * An H1 heading's text that looks like a week title but is not one (`matchTitle` finds none):
 * the file is still a report, and WR001 says what is wrong with the title.
 */
export function looksLikeWeekTitle(text: string, level: number): boolean {
  return level === 1 && (ISO_LIKE.test(text) || CN_LIKE.test(text));
}

/**
 * Recognises a week title in the text of an H1 heading. `text` is the heading's text (trimmed),
 * `at` maps indices of it to document ranges; `range` is the whole heading line.
 */
export function matchTitle(text: string, at: RangeAt, range: Range, textRange: Range, level: number): WeekTitle | undefined {
  if (level !== 1) return undefined;
  let m = ISO_TITLE.exec(text);
  if (m) {
    const year = Number(m[1]);
    const week = Number(m[3]);
    return {
      range,
      textRange,
      text,
      level,
      style: 'iso',
      year,
      week,
      weekRange: at(0, m.indices![3][1]),
      lowercaseW: m[2] === 'w',
      valid: week >= 1 && week <= weeksInYear(year),
    };
  }
  m = CN_TITLE.exec(text);
  if (m) {
    const idx = m.indices!;
    const week = Number(m[1]);
    const cnDate = m[6] !== undefined;
    const dy = Number(cnDate ? m[6] : m[2]);
    const dm = Number(cnDate ? m[7] : m[4]);
    const dd = Number(cnDate ? m[8] : m[5]);
    const dStart = cnDate ? idx[6][0] : idx[2][0];
    const dEnd = cnDate ? m.index + m[0].length : idx[5][1];
    const date: TitleDate = {
      year: dy,
      month: dm,
      day: dd,
      range: at(dStart, dEnd),
      raw: text.slice(dStart, dEnd),
      separator: cnDate ? '年' : m[3],
      valid: isValidDate(dy, dm, dd),
    };
    // the ISO week-based year: a week 1 dated in late December belongs to the next year
    let year = dy;
    if (week <= 2 && dm === 12) year++;
    else if (week >= 52 && dm === 1) year--;
    return {
      range,
      textRange,
      text,
      level,
      style: 'cn',
      year,
      week,
      weekRange: at(0, text.indexOf('周', idx[1][1]) + 1),
      lowercaseW: false,
      date,
      valid: week >= 1 && week <= weeksInYear(year),
    };
  }
  return undefined;
}

const CREATED = /^([ \t]{0,8})(created|created at|创建时间|创建于|创建日期)[ \t]{0,8}[:：][ \t]{0,8}/i;
const CN_DATE = /^(\d{4})[ \t]{0,8}年[ \t]{0,8}(\d{1,2})[ \t]{0,8}月[ \t]{0,8}(\d{1,2})[ \t]{0,8}[日号]?/;
const NUM_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/;
const EN_DATE = /^(January|February|March|April|May|June|July|August|September|October|November|December)[ \t]+(\d{1,2}),[ \t]{0,8}(\d{4})/i;
const TIME = /^[ \t]{0,8}(?:T|[ \t])?[ \t]{0,8}(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?(?:[ \t]{0,8}([AaPp][Mm]))?/;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Is this line a `Created:` line? */
export function isCreatedLine(line: string): boolean {
  return CREATED.test(line);
}

/** Parses one `Created:` line; `at` maps indices of `line` to document ranges. */
export function parseCreated(line: string, at: RangeAt): CreatedLine | undefined {
  const head = CREATED.exec(line);
  if (!head) return undefined;
  const vStart = head[0].length;
  const value = line.slice(vStart).trimEnd();
  const out: CreatedLine = {
    range: at(head[1].length, line.trimEnd().length),
    valueRange: at(vStart, vStart + value.length),
    raw: value,
    valid: false,
  };
  let m: RegExpExecArray | null;
  let rest = '';
  if ((m = CN_DATE.exec(value)) || (m = NUM_DATE.exec(value))) {
    out.date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    rest = value.slice(m[0].length);
  } else if ((m = EN_DATE.exec(value))) {
    out.date = { year: Number(m[3]), month: MONTHS.indexOf(m[1].toLowerCase()) + 1, day: Number(m[2]) };
    rest = value.slice(m[0].length);
  }
  if (!out.date) return out;
  let timeOk = true;
  const t = TIME.exec(rest);
  if (t) {
    let hour = Number(t[1]);
    const minute = Number(t[2]);
    if (t[4]) {
      const pm = t[4].toLowerCase() === 'pm';
      timeOk = hour >= 1 && hour <= 12;
      hour = (hour % 12) + (pm ? 12 : 0);
    }
    out.time = { hour, minute };
    timeOk = timeOk && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && (t[3] === undefined || Number(t[3]) <= 59);
  }
  out.valid = isValidDate(out.date.year, out.date.month, out.date.day) && timeOk;
  return out;
}
