/**
 * What is kept across edits must not keep earlier versions of the document alive: a session edits
 * a 1 MB report thousands of times. Memory, not time, is asserted (after a full garbage
 * collection heap figures are steady; these tests do not depend on the machine's speed).
 *
 * Two ways it went wrong, each a test here:
 * - a closure made in the parser held the whole parse call's scope, the previous report with it,
 *   so each report kept every report before it (a chain, growing with every keystroke);
 * - a part's text was a slice of the document, and V8 keeps the whole string a slice was cut
 *   from: each part re-parsed by an edit kept that version of the document, and so did the
 *   findings cache's keys of a re-checked week.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { checkDocument, defaultProfile, parseReport, type ParsedReport } from '../../server/src/core';
import { FindingsCache } from '../../server/src/core/check';
import { LineIndex } from '../../server/src/core/text';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const ROOT = path.resolve(__dirname, '..', '..');

async function generated(bytes: number): Promise<string> {
  const gen = (await import(path.join(ROOT, 'bench', 'generate.mjs'))) as { document(seed: number, bytes: number): string };
  return gen.document(3, bytes);
}

/** Types `1` at the end of `count` lines spread over the text, parsing (and checking) by position after each. */
function typeAlong(text: string, count: number, check: boolean): { text: string; report: ParsedReport; lines: LineIndex; cache: FindingsCache } {
  const profile = defaultProfile;
  let lines = new LineIndex(text);
  let report = parseReport(text, { profile, editing: true });
  const cache = new FindingsCache();
  const now = new Date('2025-06-01T00:00:00Z');
  if (check) checkDocument({ text, profile, report, lines, cache, fileName: 'report.md', now });
  for (let i = 0; i < count; i++) {
    let line = Math.floor(((i * 0.618 + 0.5) % 1) * (lines.lineCount - 1));
    while (line < lines.lineCount - 1 && lines.lineText(line).trim() === '') line++;
    const at = lines.lineEnd(line);
    const next = text.slice(0, at) + '1' + text.slice(at);
    const unchanged = { prefix: at, suffix: text.length - at };
    lines = lines.edited(next, unchanged);
    report = parseReport(next, { profile, previous: report, unchanged, editing: true });
    text = next;
    if (check) checkDocument({ text, profile, report, lines, cache, fileName: 'report.md', now });
  }
  return { text, report, lines, cache };
}

/**
 * Parses `text`, then a one-character edit of it from that parse; returns the second report and a
 * weak reference to the first. (Not in the async test itself: a suspended async function may keep
 * its temporaries, the first report among them, in its saved frame.)
 */
function parseTwice(text: string): { ref: WeakRef<ParsedReport>; second: ParsedReport } {
  const profile = defaultProfile;
  const first = parseReport(text, { profile, editing: true });
  const at = text.indexOf('\n', text.length >> 1);
  const next = text.slice(0, at) + '1' + text.slice(at);
  const second = parseReport(next, { profile, previous: first, unchanged: { prefix: at, suffix: text.length - at }, editing: true });
  return { ref: new WeakRef(first), second };
}

function heapMB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

/**
 * `heapMB` once the event loop has turned, the least of three: measured at once, the figure
 * jumped now and then by about the size of a whole parse of the document (in about one run in
 * four of the unit suite, with this session's code and the previous one's alike), most likely
 * what V8 was still holding for work on other threads (an optimising compile keeps the closures
 * it compiles, and their scopes, until it is done)
 */
async function settledHeapMB(): Promise<number> {
  let least = Infinity;
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    least = Math.min(least, heapMB());
  }
  return least;
}

describe('editing does not keep earlier versions of the document in memory', function () {
  this.timeout(120_000);

  it('a report parsed from an earlier one does not keep that one alive', async () => {
    const { ref, second } = parseTwice(await generated(60_000));
    // (WeakRef targets stay alive until the job that made the WeakRef ends)
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    assert.equal(ref.deref() === undefined, true, 'the report before the edit is still reachable from the report after it');
    assert.ok(second.weeks.length > 0);
  });

  it('60 keystrokes spread over a 400 KB report, parsed and checked by position, leave the heap about where one parse leaves it', async () => {
    const text = await generated(400_000);
    // the same document after one parse, and after 60 edits (each version is ~800 KB in memory)
    let kept: unknown = typeAlong(text, 0, true);
    const one = await settledHeapMB();
    kept = typeAlong(text, 60, true);
    const many = await settledHeapMB();
    assert.ok(kept);
    assert.ok(many - one < 12, `the heap grew by ${(many - one).toFixed(1)} MB over 60 edits (one version of the document is ~0.8 MB)`);
  });
});
