/**
 * Fixture-driven rule tests: every fixture in test/fixtures/rules produces exactly the findings
 * it lists, and every quick fix offered, applied, removes its finding without adding new ones.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyOverride, checkDocument, defaultProfile, LineIndex, placeholders, type Finding, type Profile } from '../../server/src/core';
import { allRules } from '../../server/src/core/rules';
import { applyEdits, type TextEdit } from '../../server/src/core/text';
import { listFixtures, readFixture, type Fixture } from '../helpers/fixtures';
import { checkCase, weekCases } from '../helpers/weeks';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/rules');
const RULES_DIR = path.join(ROOT, 'server/src/core/rules');

function profileFor(f: Fixture): Profile {
  if (!f.profile) return defaultProfile;
  const loaded = applyOverride(defaultProfile, f.profile);
  assert.deepEqual(loaded.problems, [], `${f.name}: the fixture's profile is invalid`);
  return loaded.profile;
}

function run(f: Fixture, text = f.text): Finding[] {
  return checkDocument({ text, profile: profileFor(f), fileName: f.fileName, now: f.now ?? new Date(2024, 2, 22, 15, 0) });
}

function describeFinding(lines: LineIndex, f: Finding): string {
  return `${f.code} L${f.range.start.line + 1} "${lines.textOf(f.range)}" (${f.message.en})`;
}

const PLACEHOLDER_CODE = 'WR060';

/** Offsets, in the text after the edits, of the text each edit inserted. */
function insertedRanges(text: string, edits: readonly TextEdit[]): Array<[number, number]> {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), length: e.newText.length }))
    .sort((a, b) => a.start - b.start);
  let delta = 0;
  return sorted.map((e) => {
    const at = e.start + delta;
    delta += e.length - (e.end - e.start);
    return [at, at + e.length];
  });
}

const fixtures = fs.existsSync(FIXTURES) ? listFixtures(FIXTURES).map(readFixture) : [];

describe('rule fixtures', () => {
  for (const f of fixtures) {
    describe(f.name, () => {
      it('produces exactly the findings listed in the fixture', () => {
        const lines = new LineIndex(f.text);
        const found = run(f).filter((x) => !f.codes || f.codes.includes(x.code));
        const actual = found.map((x) => `${x.code} L${x.range.start.line + 1}`).sort();
        const expected = f.expected.map((e) => `${e.code} L${e.line}`).sort();
        assert.deepEqual(actual, expected, `findings:\n  ${found.map((x) => describeFinding(lines, x)).join('\n  ')}`);
        for (const e of f.expected.filter((x) => x.text !== undefined)) {
          const match = found.find((x) => x.code === e.code && x.range.start.line + 1 === e.line && lines.textOf(x.range) === e.text);
          assert.ok(match, `${e.code} L${e.line}: no finding covers exactly "${e.text}"; found ${found.filter((x) => x.code === e.code).map((x) => `"${lines.textOf(x.range)}"`).join(', ')}`);
        }
      });

      it('every quick fix, applied, removes its finding and adds none', () => {
        const before = run(f);
        for (const finding of before) {
          for (const fix of finding.fixes) {
            const fixed = applyEdits(f.text, fix.edits);
            const after = run(f, fixed);
            const count = (list: Finding[], code: string) => list.filter((x) => x.code === code).length;
            assert.ok(
              count(after, finding.code) < count(before, finding.code),
              `${f.name}: "${fix.title.en}" did not remove ${finding.code} at L${finding.range.start.line + 1}\n--- fixed text ---\n${fixed}`,
            );
            // a fix may leave placeholders for the author to fill in (`- 入金有效成功率：xx%`), and WR060
            // is what reminds of them; any other new finding, or a placeholder outside the inserted
            // text, is a broken fix
            const inserted = insertedRanges(f.text, fix.edits);
            const fixedLines = new LineIndex(fixed);
            const leftForAuthor = (x: Finding) =>
              x.code === PLACEHOLDER_CODE &&
              inserted.some(([a, b]) => fixedLines.offsetAt(x.range.start) >= a && fixedLines.offsetAt(x.range.end) <= b);
            const remaining = after.filter((x) => !leftForAuthor(x));
            const newCodes = [...new Set(remaining.map((x) => x.code))].filter((c) => count(remaining, c) > count(before, c));
            assert.deepEqual(newCodes, [], `${f.name}: "${fix.title.en}" introduced new findings\n--- fixed text ---\n${fixed}`);
          }
        }
      });
    });
  }
});

describe('rule catalogue', () => {
  it('the index lists every rule file in the rules folder, once', () => {
    const files = fs.readdirSync(RULES_DIR).filter((f) => /^wr\d{3}-.*\.ts$/.test(f)).sort();
    const listed = allRules.map((r) => `${r.code.toLowerCase()}-${r.name}.ts`).sort();
    assert.deepEqual(listed, files);
    assert.equal(new Set(allRules.map((r) => r.code)).size, allRules.length);
  });

  it('the rules page lists every rule of the index', () => {
    const index = fs.readFileSync(path.join(ROOT, 'docs/rules/README.md'), 'utf8');
    const missing = allRules.filter((r) => !index.includes(`(${r.code}.md)`) || !index.includes(r.name));
    assert.deepEqual(missing.map((r) => r.code), [], 'docs/rules/README.md misses these rules (link and name)');
  });

  for (const rule of allRules) {
    describe(rule.code, () => {
      it('has a description and messages in en and zh-CN with the same placeholders', () => {
        for (const text of [rule.description, ...Object.values(rule.messages)]) {
          assert.ok(text.en.trim() && text['zh-cn'].trim(), `${rule.code}: empty text`);
          assert.match(text['zh-cn'], /[\u4e00-\u9fff]/, `${rule.code}: zh-cn text is not Chinese: ${text['zh-cn']}`);
          assert.deepEqual(placeholders(text.en), placeholders(text['zh-cn']), `${rule.code}: ${text.en}`);
        }
        assert.ok(Object.keys(rule.messages).length > 0, `${rule.code} has no messages`);
      });

      it('has a documentation page with a wrong and a right example', () => {
        const doc = path.join(ROOT, 'docs/rules', `${rule.code}.md`);
        assert.ok(fs.existsSync(doc), `missing ${doc}`);
        const text = fs.readFileSync(doc, 'utf8');
        assert.match(text, new RegExp(`^# ${rule.code}`, 'm'));
        assert.match(text, /##+ .*(Wrong|错误)/i);
        assert.match(text, /##+ .*(Right|Correct|正确)/i);
      });

      it('has a fixture where it fires and one where it stays silent', () => {
        // cross-week rules fire only with history: their fixtures are folders of test/fixtures/weeks
        const weekFixtures = weekCases().map((c) => ({ ...c.last, name: c.name }));
        const own = [...fixtures, ...weekFixtures].filter((f) => f.name.toLowerCase().startsWith(rule.code.toLowerCase()));
        assert.ok(own.some((f) => f.expected.some((e) => e.code === rule.code)), `no fixture ${rule.code.toLowerCase()}-*.md expects ${rule.code}`);
        assert.ok(
          own.some((f) => !f.expected.some((e) => e.code === rule.code) && (!f.codes || f.codes.includes(rule.code))),
          `no fixture ${rule.code.toLowerCase()}-*.md shows ${rule.code} silent`,
        );
      });

      if (rule.fixable) {
        it('has a fixture that exercises its quick fix', () => {
          const exercised =
            fixtures.some((f) => run(f).some((x) => x.code === rule.code && x.fixes.length > 0)) ||
            weekCases().some((c) => checkCase(c).some((x) => x.code === rule.code && x.fixes.length > 0));
          assert.ok(exercised, `${rule.code} is fixable but no fixture produces a fix`);
        });
      }
    });
  }
});
