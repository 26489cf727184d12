/**
 * Property tests of the core (fast-check, bounded runs so `npm run test:unit` stays fast;
 * `npm run fuzz` runs the same properties over 100,000+ inputs): parsing and every rule never
 * throw, every range lies inside the document, results are deterministic, incremental parsing
 * after an edit stream equals a full parse, and every quick fix removes the finding it fixes.
 * A failure prints fast-check's seed and path: replay with `FUZZ_SEED=… FUZZ_PATH=…`.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseReport, type ParsedReport } from '../../server/src/core';
import { parseStats } from '../../server/src/core/parse';
import { allRules } from '../../server/src/core/rules';
import { checkDocument } from '../../server/src/core/check';
import { applyEdits } from '../../server/src/core/text';
import { applyStreamEdit, check, documentArb, editStreamArb, fixProblems, mutatedDocumentArb, NOW, profiles, rangeProblems } from '../fuzz/gen';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const params = (numRuns = RUNS): fc.Parameters<unknown> => ({
  numRuns,
  ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH } : {}),
});

describe('core fuzzing (fast-check, bounded)', () => {
  let failures = 0;
  beforeEach(() => (failures = parseStats.failures));
  afterEach(() => assert.equal(parseStats.failures, failures, 'a parse fell back to the empty model (an internal error was swallowed)'));

  it('parsing and every rule never throw on dialect documents and their mutations', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(mutatedDocumentArb(), fc.integer({ min: 0, max: profiles.length - 1 }), ({ text }, p) => {
        const errors = [] as string[];
        checkDocument({ text, profile: profiles[p], fileName: '2024-W12.md', now: NOW, onRuleError: (r, e) => errors.push(`${r.code}: ${String(e)}`) });
        assert.equal(errors.join('\n'), '');
        // also as a file that is only a report by its title, and under a non-report name
        checkDocument({ text, profile: profiles[p], fileName: 'notes/README.md', now: NOW, onRuleError: (r, e) => errors.push(`${r.code}: ${String(e)}`) });
        assert.deepEqual(errors, []);
      }),
      params(),
    );
  });

  it('every finding range and every fix edit range lies inside the document', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(mutatedDocumentArb(), fc.integer({ min: 0, max: profiles.length - 1 }), ({ text }, p) => {
        assert.deepEqual(rangeProblems(text, check(text, profiles[p])), []);
      }),
      params(),
    );
  });

  it('results are deterministic (same text, same findings; a fresh parse equals a reused one)', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(mutatedDocumentArb(), ({ text }) => {
        assert.deepStrictEqual(check(text), check(text));
        const a = parseReport(text, { profile: profiles[0] });
        assert.deepStrictEqual(parseReport(text, { profile: profiles[0], previous: a }), a);
      }),
      params(),
    );
  });

  it('incremental parsing after any edit sequence equals a full parse of the final text', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(editStreamArb(15), ({ start, edits }) => {
        let text = start;
        let prev: ParsedReport = parseReport(text, { profile: profiles[0] });
        for (const e of edits) {
          text = applyStreamEdit(text, e).next;
          prev = parseReport(text, { profile: profiles[0], previous: prev });
        }
        assert.deepStrictEqual(prev, parseReport(text, { profile: profiles[0] }));
        assert.deepStrictEqual(prev, parseReport(text, { profile: profiles[0], split: false }));
      }),
      params(Math.ceil(RUNS / 2)),
    );
  });

  it('every quick fix, applied, removes the finding it fixes', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(fc.oneof(documentArb.map((text) => ({ text })), mutatedDocumentArb()), fc.integer({ min: 0, max: profiles.length - 1 }), ({ text }, p) => {
        const problems = check(text, profiles[p]).flatMap((f) => fixProblems(text, f, p).notRemoved);
        assert.deepEqual(problems, [], `--- text ---\n${text}`);
      }),
      params(Math.ceil(RUNS / 3)),
    );
  });

  it('regression (fuzz): a number cut out of a broken one (99.9.9%) is not a week-over-week value', () => {
    // found by the fix property: WR025 read 9.9 out of 99.9.9% and its fix wrote 99.85%
    const text = '# 2024-W12\n\n## 【O1 业务】\n\n- 总体进度99.9.9%，较上周80%新增5%进度\n';
    const wr025 = check(text).filter((f) => f.code === 'WR025');
    assert.deepEqual(wr025.map((f) => f.message.en), []);
  });

  it('regression (fuzz): WR025 and WR026 stay silent on numbers too large to write back (no 1e+21 fix)', () => {
    const text = '# 2024-W12\n\n## 【O1 业务】\n\n- 总体进度99%，较上周999999999999999999999%新增5%进度\n- 总体进度50%，较上周20%新增999999999999999999999%进度\n- 交易量1000笔，其中甲999999999999999999999笔，乙20笔\n';
    const found = check(text).filter((f) => f.code === 'WR025' || f.code === 'WR026');
    assert.deepEqual(found.flatMap((f) => f.fixes.map((x) => x.title.en)).filter((t) => /e\+/.test(t)), []);
    assert.deepEqual(found.map((f) => f.message.en).filter((m) => /e\+/.test(m)), []);
  });

  it('regression (fuzz): WR002 offers no date in year 10000 for a title of 9999', () => {
    const found = check('# 第2周 9999-12-15\n').filter((f) => f.code === 'WR002');
    assert.ok(found.length > 0);
    assert.deepEqual(found.flatMap((f) => f.fixes.map((x) => x.title.en)).filter((t) => /10000/.test(t)), []);
  });

  it('regression (fuzz): a metric inserted at the end of its section leaves the next section’s setext heading a heading', () => {
    // WR020 inserted `- 入金有效成功率：xx%` right before `系统可用性：` / `---`: the heading became a
    // lazy continuation of the new item, its section merged into the metrics (WR023/WR024 appeared)
    const text = '# 2024-W12\n\n## 【系统运行数据】\n\n- 出金有效成功率：99.95%\n\n---\n其他指标\n---\n- 入金有效成功率：3%\n';
    const before = check(text);
    const fixes = before.filter((f) => f.code === 'WR020').flatMap((f) => f.fixes);
    assert.ok(fixes.length > 0);
    for (const fix of fixes) {
      const fixed = applyEdits(text, fix.edits);
      assert.ok(fixed.includes('\n\n其他指标\n---\n'), JSON.stringify(fixed));
      const codes = (list: typeof before) => list.filter((f) => f.code === 'WR023' || f.code === 'WR024').length;
      assert.equal(codes(check(fixed)), codes(before), `"${fix.title.en}" changed how the following text reads`);
    }
  });

  it('covers every rule: the generators reach findings of most of the catalogue', function () {
    this.timeout(60_000);
    const seen = new Set<string>();
    fc.assert(fc.property(mutatedDocumentArb(), ({ text }) => void check(text).forEach((f) => seen.add(f.code))), { numRuns: RUNS, seed: 7 });
    const cross = new Set(['WR006', 'WR025', 'WR031', 'WR051']); // need a workspace history
    const missing = allRules.map((r) => r.code).filter((c) => !seen.has(c) && !cross.has(c));
    assert.ok(missing.length <= 6, `the generators never produce ${missing.join(', ')}`);
  });
});
