/**
 * Values derived from one parsed week (its text blocks, its keyed progress figures), kept per
 * week object: parsed weeks are never mutated, so a value stays right for as long as its week
 * lives. Rules ask for them for every week on every check, and cross-week rules ask again for the
 * week that is another week's "last week".
 *
 * `weekMemo.enabled = false` computes every value afresh (the differential test compares both).
 */
import type { Week } from './model';

export const weekMemo = { enabled: true };

export function perWeek<T>(cache: WeakMap<Week, T>, week: Week, compute: (week: Week) => T): T {
  if (!weekMemo.enabled) return compute(week);
  let value = cache.get(week);
  if (value === undefined) cache.set(week, (value = compute(week)));
  return value;
}
