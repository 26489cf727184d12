/**
 * Hostile `.zhoubao.json`: random JSON values, wrong types, huge numbers, unknown keys, nesting
 * 10,000 levels deep, a huge file, include patterns reaching outside the workspace. Loading never
 * throws and gives a clear problem (en + zh-CN) or a valid profile; patterns leaving the folder
 * are rejected; the indexer's folder check drops files outside it.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkDocument, defaultProfile, loadProfileText, profileSchema } from '../../server/src/core';
import { insideFolder } from '../../server/src/lsp/workspace';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

function loads(text: string) {
  const r = loadProfileText(text);
  for (const p of r.problems) assert.ok(p.message.en.trim() && p.message['zh-cn'].trim(), 'a problem message in both languages');
  assert.ok(profileSchema.safeParse(r.profile).success, 'the loaded profile is always valid');
  return r;
}

describe('hostile profiles (.zhoubao.json)', function () {
  this.timeout(60_000);

  it('random JSON values never throw: a valid profile or problems, and the profile still checks a report', () => {
    const keys = ['filePattern', 'include', 'exclude', 'titleStyle', 'sections', 'okr', 'metrics', 'incidents', 'created', 'placeholders', 'rules', 'unknown', '__proto__', 'constructor'];
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, '', '{week}', '../../**', '/etc/**'), fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.constantFrom(...keys, 'id', 'min', 'max', 'level', 'WR020'), tie('v'), { maxKeys: 5 })),
    })).v;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 }), (obj) => {
        const r = loads(JSON.stringify(obj));
        checkDocument({ text: '# 2024-W12\n\n## 【系统运行数据】\n\n- 入金有效成功率：99.9%\n', profile: r.profile, fileName: '2024-W12.md' });
      }),
      { numRuns: RUNS },
    );
  });

  it('wrong types, huge numbers and unknown keys give problems on the profile file', () => {
    for (const text of [
      '{"include": "**/*.md"}',
      '{"titleStyle": 3}',
      '{"created": {"maxDaysAfter": 1e308}}',
      '{"incidents": {"weeksBefore": 99999999999999999999}}',
      '{"metrics": [{"id": "x", "min": 1e999}]}',
      '{"unknownKey": true}',
      '{"rules": {"WR020": "fatal"}}',
      '[]',
      'null',
      '"text"',
      '{',
      '',
    ]) {
      const r = loads(text);
      assert.ok(r.problems.length > 0, `no problem for ${text}`);
    }
  });

  it('nesting 10,000 levels deep and a 5 MB file load without a stack overflow', () => {
    assert.ok(loads('{"sections": ' + '['.repeat(10_000) + ']'.repeat(10_000) + '}').problems.length > 0);
    assert.ok(loads('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)).problems.length > 0);
    const huge = JSON.stringify({ placeholders: Array.from({ length: 200_000 }, (_, i) => `占位${i}`) });
    assert.ok(huge.length > 2_000_000);
    assert.ok(loads(huge).problems.length > 0, 'more than 50 placeholders is a problem');
  });

  it('include and exclude patterns that leave the workspace folder are rejected', () => {
    for (const g of ['../../**', '../*.md', 'reports/../../x/**', '/etc/**', '/home/**/*.md', 'C:/Users/**', 'C:\\\\x\\\\*.md', '~/notes/*.md', '..\\\\*.md']) {
      const r = loads(JSON.stringify({ include: [g] }));
      assert.ok(r.problems.length > 0, `accepted ${g}`);
      assert.deepEqual(r.profile.include, defaultProfile.include);
      assert.ok(loads(JSON.stringify({ exclude: [g] })).problems.length > 0, `accepted exclude ${g}`);
    }
    for (const g of ['**/*.md', 'reports/**/*.md', 'a..b/*.md', '周报/*.md']) assert.deepEqual(loads(JSON.stringify({ include: [g] })).problems, [], `rejected ${g}`);
  });

  it('the indexer keeps only files inside the folder', () => {
    const root = path.resolve('/tmp/ws');
    assert.ok(insideFolder(root, path.join(root, 'a/2024-W12.md')));
    assert.ok(!insideFolder(root, path.resolve(root, '../other/2024-W12.md')));
    assert.ok(!insideFolder(root, '/etc/passwd'));
    assert.ok(!insideFolder(root, root));
  });
});
