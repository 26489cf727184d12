/**
 * Shared by the incident rules (WR040–WR044): walking the incidents of each week, and clock
 * arithmetic on the times of an entry.
 *
 * Midnight: incident times carry no date. A later time that is earlier on the clock than the time
 * it follows by 12 hours or more (`23:50 … 00:20 恢复`, `22:10-01:30`) is read as the next day;
 * one that is earlier by less than 12 hours (`18:42 … 17:13 恢复`) is read as the same day, i.e.
 * as out of order. A time written after `次日`/`第二天`/`翌日`/`隔天` is always the next day.
 */
import type { Incident, Section, Week } from '../model';
import type { RuleContext } from './types';

export interface Clock {
  hour: number;
  minute: number;
}

export const DAY_MINUTES = 24 * 60;
/** a later time earlier on the clock by this much or more is taken to be on the next day */
export const NEXT_DAY_GAP = 12 * 60;

export function minutesOf(t: Clock): number {
  return t.hour * 60 + t.minute;
}

/**
 * Minutes from `from` to `to`, reading `to` as the next day when it is 12 hours or more earlier
 * on the clock (`nextDay` forces the next day). Negative: `to` is before `from` on the same day.
 */
export function clockDiff(from: Clock, to: Clock, nextDay = false): number {
  let d = minutesOf(to) - minutesOf(from);
  if (nextDay || d <= -NEXT_DAY_GAP) d += DAY_MINUTES;
  return d;
}

/** `15:43`, `8:31`, `09:05` */
export function formatClock(t: Clock): string {
  return `${t.hour}:${String(t.minute).padStart(2, '0')}`;
}

/** Every section of a week that holds incidents (the incidents section at whatever heading level). */
export function incidentSections(week: Week): Section[] {
  return week.sections.filter((s) => s.role === 'incidents' || s.incidents.length > 0);
}

/** Every incident of the report with the week it belongs to, in document order. */
export function* weekIncidents(ctx: RuleContext): Generator<{ week: Week; incident: Incident }> {
  for (const week of ctx.report.weeks) {
    for (const section of incidentSections(week)) {
      for (const incident of section.incidents) yield { week, incident };
    }
  }
}

/** Words right before a time that put it on the day after the entry's start. */
export const NEXT_DAY_BEFORE = /(?:次日|第二天|第2天|翌日|隔天|次晨)[\s，,]*(?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜间|夜里)?[\s约于在]*$/;
