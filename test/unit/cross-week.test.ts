/**
 * Cross-week fixtures (test/fixtures/weeks/<case>/): the last report of each folder is checked with
 * the index of the folder as history; see test/helpers/weeks.ts.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { checkDocument, LineIndex, type Finding } from '../../server/src/core';
import { applyEdits } from '../../server/src/core/text';
import { checkCase, profileFor, weekCases } from '../helpers/weeks';

const cases = weekCases();

describe('cross-week fixtures', () => {
  it('there are cross-week fixtures, each with at least two reports', () => {
    assert.ok(cases.length > 0);
    for (const c of cases) assert.ok(c.files.length >= 2, `${c.name} has ${c.files.length} file(s)`);
  });

  for (const c of cases) {
    describe(`${c.name}/${path.basename(c.last.file)}`, () => {
      it('produces exactly the findings listed in the last report', () => {
        const lines = new LineIndex(c.last.text);
        const found = checkCase(c).filter((x) => !c.last.codes || c.last.codes.includes(x.code));
        const actual = found.map((x) => `${x.code} L${x.range.start.line + 1}`).sort();
        const expected = c.last.expected.map((e) => `${e.code} L${e.line}`).sort();
        const shown = found.map((x) => `${x.code} L${x.range.start.line + 1} "${lines.textOf(x.range)}" (${x.message.en})`).join('\n  ');
        assert.deepEqual(actual, expected, `findings:\n  ${shown}`);
        for (const e of c.last.expected.filter((x) => x.text !== undefined)) {
          assert.ok(
            found.some((x) => x.code === e.code && x.range.start.line + 1 === e.line && lines.textOf(x.range) === e.text),
            `${e.code} L${e.line}: no finding covers exactly "${e.text}"`,
          );
        }
      });

      it('without history, the cross-week findings are gone', () => {
        const profile = profileFor(c.last);
        const alone = checkDocument({ text: c.last.text, profile, fileName: c.last.fileName, now: new Date(2024, 2, 22, 15, 0) });
        for (const code of ['WR006', 'WR031', 'WR051']) assert.equal(alone.filter((x) => x.code === code).length, 0, code);
      });

      it('every quick fix, applied, removes its finding and adds none', () => {
        const before = checkCase(c);
        const count = (list: Finding[], code: string) => list.filter((x) => x.code === code).length;
        for (const finding of before) {
          for (const fix of finding.fixes) {
            const fixed = applyEdits(c.last.text, fix.edits);
            const after = checkCase(c, fixed);
            assert.ok(count(after, finding.code) < count(before, finding.code), `"${fix.title.en}" did not remove ${finding.code}\n${fixed}`);
            const added = [...new Set(after.map((x) => x.code))].filter((code) => count(after, code) > count(before, code));
            assert.deepEqual(added, [], `"${fix.title.en}" introduced new findings\n${fixed}`);
          }
        }
      });
    });
  }
});
