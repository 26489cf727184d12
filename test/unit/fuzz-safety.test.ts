/**
 * Data safety (issue 7, point 5), as properties: carry-over into any existing content (a week's
 * report as it may be, unsaved, mutated, edited meanwhile) only inserts: every line of the text
 * before is still there, in order, after the plan's edits; a second plan on the result changes
 * nothing more. Quick fixes keep every line they do not touch: the text outside their edit ranges
 * is unchanged.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, defaultProfile, LineIndex, WorkspaceIndex } from '../../server/src/core';
import { planCarryOver } from '../../server/src/core/features/carryover';
import { check, documentArb, mutatedDocumentArb } from '../fuzz/gen';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

const LAST_WEEK = `# 2024-W11

## 【O1 业务服务】

- 收银台进度60%

## 【生产事件】

3/12 15:43 代付超时，共持续32min【待复盘】

# 下周工作及目标

1. 完成收银台灰度
2. 推进银行直连对接
`;

/** Whether every element of `a` occurs in `b` in the same order. */
function subsequence(a: readonly string[], b: readonly string[]): boolean {
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j] !== x) j++;
    if (j++ >= b.length) return false;
  }
  return true;
}

describe('data safety (property tests)', function () {
  this.timeout(60_000);

  it('carry-over into any existing content of the target week only inserts, and a second run adds nothing', () => {
    const idx = new WorkspaceIndex();
    idx.set('file:///ws/2024-W11.md', LAST_WEEK, defaultProfile);
    let inserts = 0;
    fc.assert(
      fc.property(fc.oneof(documentArb.map((text) => ({ text })), mutatedDocumentArb()), ({ text }) => {
        const existing = `# 2024-W12\n\n${text}`;
        const plan = planCarryOver({ index: idx, profile: defaultProfile, week: { year: 2024, week: 12 }, existing });
        if (plan.kind !== 'insert') return;
        for (const e of plan.edits) assert.deepEqual(e.range.start, e.range.end, 'a carry-over edit replaces text');
        const after = applyEdits(existing, plan.edits);
        assert.ok(subsequence(existing.split(/\r\n|\r|\n/), after.split(/\r\n|\r|\n/)), 'a line of the existing text was dropped or cut');
        inserts++;
        assert.ok(after.length > existing.length);
        const again = planCarryOver({ index: idx, profile: defaultProfile, week: { year: 2024, week: 12 }, existing: after });
        assert.notEqual(again.kind, 'insert', `a second run inserts again: ${JSON.stringify(again.kind === 'insert' ? again.added : [])}`);
      }),
      { numRuns: RUNS },
    );
    assert.ok(inserts > RUNS / 4, `the property was exercised: ${inserts} inserting plans`);
  });

  it('a quick fix changes nothing outside its edit ranges', () => {
    fc.assert(
      fc.property(mutatedDocumentArb(), ({ text }) => {
        const lines = new LineIndex(text);
        for (const f of check(text)) {
          for (const fix of f.fixes) {
            const spans = fix.edits.map((e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)] as const).sort((a, b) => a[0] - b[0]);
            for (let i = 1; i < spans.length; i++) assert.ok(spans[i][0] >= spans[i - 1][1], `${f.code}: overlapping edits in "${fix.title.en}"`);
            const fixed = applyEdits(text, fix.edits);
            // the text before the first edit and after the last one is intact
            assert.ok(fixed.startsWith(text.slice(0, spans[0]?.[0] ?? 0)), `${f.code}: "${fix.title.en}" changed text before its edits`);
            assert.ok(fixed.endsWith(text.slice(spans.at(-1)?.[1] ?? text.length)), `${f.code}: "${fix.title.en}" changed text after its edits`);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
