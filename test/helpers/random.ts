/**
 * Shared by the differential tests: a small deterministic PRNG (mulberry32), so a failure can be
 * replayed from its seed, and the example reports as one multi-week document.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');

/** The example reports, newest first, as one multi-week document (a team's yearly file in small). */
export function examplesDocument(): string {
  return fs
    .readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .reverse()
    .map((f) => fs.readFileSync(path.join(EXAMPLES, f), 'utf8'))
    .join('\n');
}

/** How many characters two texts share at their start and at their end (not overlapping): what an edit left unchanged. */
export function sameEnds(a: string, b: string): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}
