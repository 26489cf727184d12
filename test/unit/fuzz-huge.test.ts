/**
 * Huge and strange input through the core: a 10 MB report, a 1 MB single line, lists and quotes
 * nested 900 and 5,000 deep, a binary file, a GBK report read as UTF-8, an empty file, a title-only file.
 * Each is checked without throwing; over the budgets the checker says so with WR090 (before the
 * nesting budget, a list nested 800 deep took 25 s in micromark, 5,000 deep did not finish).
 */
import * as assert from 'node:assert/strict';
import { checkDocument, defaultProfile, LineIndex } from '../../server/src/core';
import { LIMIT_CODE } from '../../server/src/core/check';
import { parseStats } from '../../server/src/core/parse';
import { bigReport, deepList, strangeInputs } from '../fuzz/huge';
import { check, rangeProblems } from '../fuzz/gen';

describe('huge and strange input (core)', function () {
  this.timeout(60_000);
  const inputs = strangeInputs();
  const codes = (name: string) => check(inputs.find((i) => i.name === name)!.text).map((f) => f.code);

  for (const { name, text } of inputs) {
    it(`${name}: checked without an error, every range inside the text`, () => {
      const failures = parseStats.failures;
      const errors: string[] = [];
      const found = checkDocument({ text, profile: defaultProfile, fileName: '2024-W12.md', onRuleError: (r, e) => errors.push(`${r.code}: ${String(e)}`) });
      assert.deepEqual(errors, []);
      assert.deepEqual(rangeProblems(text, found), []);
      assert.equal(parseStats.failures, failures);
    });
  }

  it('a text over the size budget gets one WR090 information finding on line 1 and nothing else', () => {
    const found = codes('10 MB report');
    assert.deepEqual(found, [LIMIT_CODE]);
    const f = check(bigReport(10 * 1024 * 1024))[0];
    assert.equal(f.severity, 'information');
    assert.equal(f.range.start.line, 0);
    assert.match(f.message['zh-cn'], /太大/);
  });

  it('deep nesting gets WR090 and the rest of the report is still checked', () => {
    assert.ok(codes('list nested 900 deep (0.8 M characters)').includes(LIMIT_CODE));
    assert.ok(codes('block quotes nested 900 deep').includes(LIMIT_CODE));
    assert.deepEqual(codes('list nested 5,000 deep (25 M characters)'), [LIMIT_CODE], 'over the size budget too');
    const found = check(deepList(900));
    assert.ok(found.some((f) => f.code === 'WR010'), 'missing sections are still reported');
    assert.ok(!check(deepList(10)).some((f) => f.code === LIMIT_CODE), 'ordinary nesting is within the budget');
  });

  it('binary and GBK files get the encoding finding (WR000), empty and title-only files no WR090', () => {
    assert.ok(codes('binary .md (64 KB)').includes('WR000'));
    assert.ok(codes('GBK report read as UTF-8').includes('WR000'));
    assert.ok(!codes('empty file').includes(LIMIT_CODE));
    assert.ok(!codes('title only').includes(LIMIT_CODE));
    assert.equal(new LineIndex('').lineCount, 1);
  });
});
