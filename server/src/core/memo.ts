/**
 * Values derived from one parsed week (its text blocks, its keyed progress figures), kept per
 * week object: parsed weeks are never mutated, so a value stays right for as long as its week
 * lives. Rules ask for them for every week on every check, and cross-week rules ask again for the
 * week that is another week's "last week".
 *
 * `weekMemo.enabled = false` computes every value afresh (the differential test compares both).
 */
import type { Week } from './model';
import { weekContent } from './parse';

export const weekMemo = { enabled: true };

export function perWeek<T>(cache: WeakMap<Week, T>, week: Week, compute: (week: Week) => T): T {
  if (!weekMemo.enabled) return compute(week);
  let value = cache.get(week);
  if (value === undefined) cache.set(week, (value = compute(week)));
  return value;
}

/**
 * As `perWeek`, for values that hold no positions: kept by the week's content (`weekContent`),
 * so a week moved by lines inserted above it gets the value without computing it again.
 */
export function perContent<T>(cache: WeakMap<object, T>, week: Week, compute: (week: Week) => T): T {
  if (!weekMemo.enabled) return compute(week);
  const key = weekContent(week);
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = compute(week)));
  return value;
}

/**
 * As `perWeek`, for values derived from a part of a week (a section, a block): sections and
 * blocks of the parts an edit did not touch are the same objects in the next parse, so a week
 * that changed recomputes only what its changed part holds.
 */
export function perObject<K extends object, T>(cache: WeakMap<K, T>, key: K, compute: (key: K) => T): T {
  if (!weekMemo.enabled) return compute(key);
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = compute(key)));
  return value;
}
