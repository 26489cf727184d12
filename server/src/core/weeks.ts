/**
 * ISO weeks, file-name patterns and title formatting: shared by rules, completion and carry-over.
 * Dates are calendar dates (no time zone): a `YMD` is turned into a UTC Date only to compute.
 */
import { addDays, getISOWeek, getISOWeekYear, getISOWeeksInYear, isValid, setISOWeek, startOfISOWeek } from 'date-fns';
import type { YMD } from './model';
import type { Profile } from './profile/schema';

export interface IsoWeek {
  year: number;
  week: number;
}

/** A calendar date as a Date at local midnight (date-fns works in local time; only the calendar matters). */
export function toDate(d: YMD): Date {
  return new Date(d.year, d.month - 1, d.day);
}

export function fromDate(d: Date): YMD {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

/** The date exists in the calendar (2/30 and 13/5 do not). */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const d = new Date(year, month - 1, day);
  return isValid(d) && d.getMonth() === month - 1 && d.getDate() === day;
}

export function isoWeekOf(d: YMD): IsoWeek {
  const date = toDate(d);
  return { year: getISOWeekYear(date), week: getISOWeek(date) };
}

export function weeksInYear(year: number): number {
  return getISOWeeksInYear(new Date(year, 5, 1));
}

export function isValidWeek(w: IsoWeek): boolean {
  return Number.isInteger(w.week) && w.week >= 1 && w.week <= weeksInYear(w.year);
}

/** Monday of an ISO week. */
export function mondayOf(w: IsoWeek): YMD {
  // the 4th of January is always in week 1 of its ISO year
  const jan4 = new Date(w.year, 0, 4);
  return fromDate(startOfISOWeek(setISOWeek(jan4, w.week)));
}

export function sundayOf(w: IsoWeek): YMD {
  return fromDate(addDays(toDate(mondayOf(w)), 6));
}

export function addWeeks(w: IsoWeek, n: number): IsoWeek {
  // asked for every week of a document on every check (the history window): kept, as it is pure
  // (a number, not a string: no allocation per look-up)
  const key = Math.abs(n) < 4096 && Number.isInteger(n) && Number.isInteger(w.year) && Number.isInteger(w.week) && w.week >= 0 && w.week < 64 && Math.abs(w.year) < 1e7 ? (w.year * 64 + w.week) * 8192 + n + 4096 : `${w.year}:${w.week}:${n}`;
  let r = addedWeeks.get(key);
  if (!r) {
    r = isoWeekOf(fromDate(addDays(toDate(mondayOf(w)), 7 * n)));
    if (addedWeeks.size >= 10_000) addedWeeks.clear();
    addedWeeks.set(key, r);
  }
  return { year: r.year, week: r.week };
}

const addedWeeks = new Map<number | string, IsoWeek>();

export function compareWeeks(a: IsoWeek, b: IsoWeek): number {
  return a.year - b.year || a.week - b.week;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: YMD, b: YMD): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');

export function formatIsoWeek(w: IsoWeek): string {
  return `${w.year}-W${pad2(w.week)}`;
}

/** The canonical title text in the profile's style: `2024-W12` or `第12周 2024-03-18`. */
export function formatTitle(w: IsoWeek, style: Profile['titleStyle']): string {
  if (style === 'iso') return formatIsoWeek(w);
  const m = mondayOf(w);
  return `第${w.week}周 ${m.year}-${pad2(m.month)}-${pad2(m.day)}`;
}

/** `2024-03-18 – 2024-03-24` */
export function formatWeekRange(w: IsoWeek): string {
  const a = mondayOf(w);
  const b = sundayOf(w);
  return `${a.year}-${pad2(a.month)}-${pad2(a.day)} – ${b.year}-${pad2(b.month)}-${pad2(b.day)}`;
}

function patternRegExp(pattern: string): RegExp {
  let re = patternRegExps.get(pattern);
  if (!re) {
    if (patternRegExps.size >= 100) patternRegExps.clear();
    patternRegExps.set(pattern, (re = buildPatternRegExp(pattern)));
  }
  return re;
}

/** built once per pattern: asked on every check (is this file a report?) */
const patternRegExps = new Map<string, RegExp>();

function buildPatternRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  const src = escaped.replace(/\{year\}/g, '(?<year>\\d{4})').replace(/\{week\}/g, '(?<week>\\d{1,2})');
  return new RegExp(`(?:^|/)${src}$`, 'i');
}

/** The week named by a file name or path under the profile's pattern, if it matches. */
export function weekFromFileName(fileName: string | undefined, profile: Profile): IsoWeek | undefined {
  if (!fileName) return undefined;
  const path = decodeURIComponent(fileName).replace(/\\/g, '/');
  const m = patternRegExp(profile.filePattern).exec(path);
  if (!m?.groups?.week) return undefined;
  const w = { year: Number(m.groups.year ?? NaN), week: Number(m.groups.week) };
  if (!Number.isFinite(w.year)) return undefined;
  return isValidWeek(w) ? w : undefined;
}

/** The file name (relative path) for a week under the profile's pattern. */
export function fileNameForWeek(w: IsoWeek, profile: Profile): string {
  return profile.filePattern.replace(/\{year\}/g, String(w.year)).replace(/\{week\}/g, pad2(w.week));
}

/** `2024-03-21` */
export function formatYMD(d: YMD): string {
  return `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
}

/**
 * A month and day written without a year (`12/30` in an incident), placed in the year that puts
 * it closest to `near` (a report of 2024-W01 that mentions 12/30 means 2023-12-30). Undefined when
 * the month and day exist in none of the candidate years (2/30).
 */
export function nearestDate(month: number, day: number, near: YMD): YMD | undefined {
  let best: YMD | undefined;
  let bestDistance = Infinity;
  for (const year of [near.year - 1, near.year, near.year + 1]) {
    if (!isValidDate(year, month, day)) continue;
    const candidate = { year, month, day };
    const distance = Math.abs(daysBetween(near, candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
