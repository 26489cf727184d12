/**
 * Findings after random edits, from an incremental re-parse (parts reused, rule helpers reused per
 * parsed week), are identical to the findings of a fresh parse of the same text checked with
 * nothing kept per week (`weekMemo.enabled = false`). Rules walk per-week data (`weekBlocks`,
 * `keyedProgress`) kept per parsed week object: a stale entry shows up here as a difference.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument, defaultProfile, parseReport, type ParsedReport } from '../../server/src/core';
import { WorkspaceIndex } from '../../server/src/core';
import { weekMemo } from '../../server/src/core/memo';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const examples = path.resolve(__dirname, '..', '..', 'examples');
/** the example reports, newest first, as one multi-week document */
const base = fs
  .readdirSync(examples)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .reverse()
  .map((f) => fs.readFileSync(path.join(examples, f), 'utf8'))
  .join('\n');

const INSERTS = ['1', '9', '%', '0%', '进度', '，', '\n', '- ', '【', '】', '较上周', '5', '.', ' '];

function edit(r: () => number, text: string): string {
  const at = Math.floor(r() * (text.length + 1));
  if (r() < 0.3 && text.length > 0) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  // digits mostly next to existing digits, so progress, metric and date values change
  const digit = text.slice(at).search(/\d/);
  const pos = r() < 0.6 && digit >= 0 ? at + digit : at;
  return text.slice(0, pos) + INSERTS[Math.floor(r() * INSERTS.length)] + text.slice(pos);
}

const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

describe('findings after incremental re-parses equal the findings of a full parse', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`30 random edits (seed ${seed})`, () => {
      const r = rng(seed);
      const profile = defaultProfile;
      let text = base;
      let report: ParsedReport = parseReport(text, { profile });
      const now = new Date('2024-04-01T00:00:00Z');
      for (let i = 0; i < 30; i++) {
        // the previous parse is checked (twice) first, so its per-week helpers are cached
        checkDocument({ text, profile, report, fileName: 'reports.md', now });
        checkDocument({ text, profile, report, fileName: 'reports.md', now });
        text = edit(r, text);
        report = parseReport(text, { profile, previous: report });
        // history from an index holding the same parse, as the server does
        const index = new WorkspaceIndex();
        index.set('file:///w/reports.md', text, profile, 'editor', report);
        const history = index.historyFor('file:///w/reports.md');
        const incremental = checkDocument({ text, profile, report, fileName: 'reports.md', now, history });
        // the reference: a fresh parse, nothing kept per week
        weekMemo.enabled = false;
        let full;
        try {
          const fresh = parseReport(text, { profile });
          const freshIndex = new WorkspaceIndex();
          freshIndex.set('file:///w/reports.md', text, profile, 'editor');
          full = checkDocument({ text, profile, report: fresh, fileName: 'reports.md', now, history: freshIndex.historyFor('file:///w/reports.md') });
        } finally {
          weekMemo.enabled = true;
        }
        assert.deepEqual(plain(incremental), plain(full), `edit ${i} (seed ${seed})`);
      }
    });
  }
});
