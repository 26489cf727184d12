/**
 * The warm-up (docs/performance.md, item 45): the core's keystrokes on a report of its own, and
 * the server's runner that does them only while the server is idle. What it must hold to: it does
 * what an edit in the editor does (incremental parses and checks that give what a full check
 * gives, on a report with findings of many rules), it leaves its document as it found it, and the
 * runner does nothing while the server is busy. How much faster it makes the first keystrokes is
 * measured by the benchmark, not here.
 */
import * as assert from 'node:assert/strict';
import { checkDocument, defaultProfile, isReport, parseReport, WorkspaceIndex } from '../../server/src/core';
import { WARM_UP_KEYSTROKES, warmUp, warmUpReport } from '../../server/src/core/warmup';
import { WarmUp, warmUpEnabled } from '../../server/src/lsp/warmup';
import type { WarmUpStatus } from '../../server/src/lsp/protocol';

const NOW = new Date('2024-05-20T10:00:00+08:00');

/** A whole-document check of `text` (a full parse, no findings cache), with itself as the history, as the server's workspace index holds it. */
function fullCheck(text: string) {
  const uri = 'file:///ws/2024-W20.md';
  const report = parseReport(text, { profile: defaultProfile });
  const index = new WorkspaceIndex();
  index.set(uri, text, defaultProfile, 'editor', report);
  return checkDocument({ text, profile: defaultProfile, fileName: '2024-W20.md', report, history: index.historyFor(uri), now: NOW });
}

/** Resolves once `probe` holds, checked every few milliseconds, or fails at the deadline. */
async function eventually(what: string, probe: () => boolean, deadlineMs = 15_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('warm-up: the keystrokes (core)', () => {
  it('types into a report of three weeks with findings of many rules', () => {
    const text = warmUpReport();
    const report = parseReport(text, { profile: defaultProfile });
    assert.ok(isReport(report, '2024-W20.md', defaultProfile));
    assert.deepEqual(report.weeks.map((w) => w.title?.text), ['2024-W20', '2024-W19', '2024-W18']);
    const codes = new Set(fullCheck(text).map((f) => f.code));
    // the rules a keystroke runs most: last week's values, progress and goals, metrics, incidents
    for (const code of ['WR023', 'WR025', 'WR031', 'WR044', 'WR051']) assert.ok(codes.has(code), `${code} in ${[...codes].join(', ')}`);
  });

  it('gives at every keystroke the findings a full check of that text gives', () => {
    let steps = 0;
    for (const step of warmUp(defaultProfile, NOW)) {
      steps++;
      // every fifth keystroke, to keep the test short
      if (steps % 5 !== 0) continue;
      const full = fullCheck(step.text);
      const key = (f: { code: string; range: unknown; message: unknown }) => JSON.stringify([f.code, f.range, f.message]);
      assert.deepEqual(step.findings.map(key).sort(), full.map(key).sort(), `keystroke ${steps}`);
    }
    assert.equal(steps, WARM_UP_KEYSTROKES);
  });

  it('types digits and line breaks, deletes each again, and ends with the report it began with', () => {
    const typed = new Set<string>();
    let last = '';
    let hovers = 0;
    let completions = 0;
    for (const step of warmUp(defaultProfile, NOW)) {
      typed.add(step.typed === '' ? 'deletion' : step.typed === '\n' ? 'line break' : 'digit');
      if (step.hover) hovers++;
      if (step.completions.length) completions++;
      last = step.text;
    }
    assert.deepEqual([...typed].sort(), ['deletion', 'digit', 'line break']);
    assert.equal(last, warmUpReport());
    // hover and completion answer at the keystrokes too (they are timed against the floor as well)
    assert.ok(hovers > 0 && completions > 0, `${hovers} hovers, ${completions} completions`);
  });
});

describe('warm-up: the runner (server)', () => {
  it('is on unless ZHOUBAO_WARMUP turns it off', () => {
    assert.equal(warmUpEnabled(undefined), true);
    assert.equal(warmUpEnabled(''), true);
    assert.equal(warmUpEnabled('1'), true);
    for (const off of ['0', 'false', 'off', 'no', ' OFF ']) assert.equal(warmUpEnabled(off), false, off);
  });

  it('does nothing while the server is busy, then runs every keystroke once it is idle', async () => {
    let busy = true;
    let asked = 0;
    const seen: WarmUpStatus[] = [];
    const runner: WarmUp = new WarmUp({
      profile: defaultProfile,
      locale: 'zh-cn',
      enabled: true,
      busy: () => {
        asked++;
        seen.push(runner.status());
        return busy;
      },
    });
    try {
      runner.start();
      await eventually('three checks while busy', () => asked >= 3);
      assert.ok(seen.every((s) => s.keystrokes === 0 && s.state === 'waiting'), JSON.stringify(seen));
      busy = false;
      await eventually('the warm-up done', () => runner.status().state === 'done');
      assert.equal(runner.status().keystrokes, WARM_UP_KEYSTROKES);
    } finally {
      runner.dispose();
    }
  });

  it('waits while a request is being answered, and goes on where it stopped', async () => {
    const runner = new WarmUp({ profile: defaultProfile, locale: 'en', enabled: true });
    try {
      runner.begin();
      runner.start();
      // a request in flight: the runner checks again after IDLE_MS, and still waits
      const t0 = Date.now();
      await eventually('some time to pass', () => Date.now() - t0 > 250);
      assert.deepEqual([runner.status().state, runner.status().keystrokes], ['waiting', 0]);
      runner.end();
      await eventually('the warm-up started', () => runner.status().keystrokes > 0);
      runner.begin();
      const at = runner.status().keystrokes;
      const t1 = Date.now();
      await eventually('some time to pass', () => Date.now() - t1 > 250);
      assert.equal(runner.status().keystrokes, at, 'no keystroke while a request is in flight');
      runner.end();
      await eventually('the warm-up done', () => runner.status().state === 'done');
      assert.equal(runner.status().keystrokes, WARM_UP_KEYSTROKES);
    } finally {
      runner.dispose();
    }
  });

  it('stays off when turned off', () => {
    const runner = new WarmUp({ profile: defaultProfile, locale: 'en', enabled: false });
    runner.start();
    assert.equal(runner.status().state, 'off');
    runner.dispose();
  });
});
