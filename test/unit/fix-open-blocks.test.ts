/**
 * Quick fixes that append at the end of a document ending inside a block left open (an unclosed
 * code fence, HTML comment or `<pre>`): the fix closes the block after the author's last line and
 * inserts after it, so that the inserted section is read (before: it landed inside the block,
 * invisible to the parser, and the finding stayed). The author's text is kept as it is and reads
 * as before (the same masked text: code stays code, a comment stays a comment).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, defaultProfile, LineIndex, parseReport, type Finding } from '../../server/src/core';
import { insertSectionEdit, openEnd } from '../../server/src/core/rules/skeleton';
import { check, documentArb, mutatedDocumentArb, prose } from '../fuzz/gen';

const PROFILE = { profile: defaultProfile };

/** Each fix of `code` applied: the text after it, and how many findings of `code` are left. */
function applied(text: string, code: string): Array<{ title: string; fixed: string; before: number; after: number; inserted: string }> {
  const before = check(text).filter((f) => f.code === code);
  return before.flatMap((f: Finding) =>
    f.fixes.map((fix) => ({
      title: fix.title.en,
      fixed: applyEdits(text, fix.edits),
      before: before.length,
      after: check(applyEdits(text, fix.edits)).filter((x) => x.code === code).length,
      inserted: fix.edits.map((e) => e.newText).join('|'),
    })),
  );
}

/** The author's text is a prefix of the fixed text and is masked the same way (reads the same). */
function keepsAuthorText(text: string, fixed: string): void {
  const end = text.replace(/[ \t\r\n]+$/, '').length;
  assert.equal(fixed.slice(0, end), text.slice(0, end), 'the author’s text was changed');
  const a = parseReport(text, PROFILE).masked.slice(0, end);
  const b = parseReport(fixed, PROFILE).masked.slice(0, end);
  assert.equal(b, a, 'the author’s text reads differently after the fix');
}

const WEEK = '# 2024-W12\n\n## 【重点工作】\n\n- 【收银台】整体进度60%，预计4月底完成\n\n## 【系统运行数据】\n\n- 入金有效成功率：99.2%\n- 出金有效成功率：98.7%\n- 年度可用性：99.99%\n- 事故数：0\n\n## 【生产事件】\n\n3/19 10:02 代付通道超时，共持续12min【已复盘】\n\n';

describe('quick fixes at the end of a document left inside a block', () => {
  it('WR050 closes an unclosed ``` fence first, then inserts the goals after it', () => {
    const text = `${WEEK}\`\`\`\n对账脚本输出\n`;
    const [fix] = applied(text, 'WR050');
    assert.ok(fix, 'WR050 offers a fix');
    assert.equal(fix.fixed, `${WEEK}\`\`\`\n对账脚本输出\n\`\`\`\n\n# 下周工作及目标\n\n1. \n`);
    assert.equal(fix.after, 0);
    keepsAuthorText(text, fix.fixed);
  });

  it('an unclosed HTML comment after the last section: the goals go before it, and it stays hidden at the end', () => {
    // a comment is not section content: the goals' place is after the incidents, before it
    const text = `${WEEK}<!-- 草稿：\n下周再补充\n`;
    const [fix] = applied(text, 'WR050');
    assert.ok(fix.fixed.endsWith('\n\n<!-- 草稿：\n下周再补充\n'), JSON.stringify(fix.fixed));
    assert.equal(fix.after, 0);
    const masked = parseReport(fix.fixed, PROFILE).masked;
    assert.equal(masked.slice(fix.fixed.indexOf('<!--')).trim(), '', 'the comment is still a comment');
  });

  it('openEnd: which blocks are left open at the end, and the line that closes each', () => {
    const cases: Array<[string, string | null]> = [
      ['```\n代码\n', '```'],
      ['```js\n代码\n\n', '```'],
      ['````\n```\n', '````'],
      ['~~~~ sql\n~~~\n', '~~~~'],
      ['<!-- 草稿\n', '-->'],
      ['<!--\n-- 还没完 --\n', '-->'],
      ['<pre>\n日志\n', '</pre>'],
      ['<script>\nx\n', '</script>'],
      ['<?php\n', '?>'],
      ['<![CDATA[\n', ']]>'],
      ['<!DOCTYPE\n', '>'],
      ['```\n代码\n```\n', null],
      ['<!-- 说明 -->\n', null],
      ['<pre>日志</pre>\n', null],
      ['- 附注\n\n  ```\n  代码\n', null],
      ['> <!--\n> 引用\n', null],
      ['`代码`\n', null],
    ];
    for (const [tail, closer] of cases) {
      const text = `${WEEK}${tail}`;
      const open = openEnd(text, parseReport(text, PROFILE), defaultProfile);
      if (open === 'stuck') assert.fail(`no closing line found for ${JSON.stringify(tail)}`);
      assert.equal(open && open.closer, closer, JSON.stringify(tail));
      if (open) assert.equal(open.start, WEEK.length, `${JSON.stringify(tail)}: the block opens on its first line`);
    }
  });

  it('regression (fuzz): spaces at the end of the last line stay on it (the line is not cut by the closing line)', () => {
    const text = `${WEEK}\`\`\`\n- \t\n\n`;
    const [fix] = applied(text, 'WR050');
    assert.ok(fix, 'WR050 offers a fix');
    assert.equal(fix.fixed, `${WEEK}\`\`\`\n- \t\n\`\`\`\n\n# 下周工作及目标\n\n1. \n\n`);
    assert.ok(fix.fixed.split('\n').includes('- \t'), 'the line “- ” is kept whole');
  });

  it('a longer fence is closed by a fence as long (a shorter one inside it does not close it)', () => {
    const text = `${WEEK}\`\`\`\`md\n\`\`\`\n示例\n\`\`\`\n`;
    const [fix] = applied(text, 'WR050');
    assert.ok(fix.inserted.startsWith('\n````\n\n#'), JSON.stringify(fix.inserted));
    assert.equal(fix.after, 0);
    keepsAuthorText(text, fix.fixed);
  });

  it('a tilde fence, <pre> and CRLF line ends are closed the same way', () => {
    for (const [tail, closer] of [
      ['~~~ sql\nselect 1;\n\n\n', '~~~'],
      ['<pre>\n日志\n', '</pre>'],
    ] as const) {
      const text = `${WEEK}${tail}`;
      const [fix] = applied(text, 'WR050');
      assert.ok(fix.inserted.startsWith(`\n${closer}\n\n#`), `${closer}: ${JSON.stringify(fix.inserted)}`);
      assert.equal(fix.after, 0, closer);
      keepsAuthorText(text, fix.fixed);
    }
    const crlf = `${WEEK}\`\`\`\n日志\n`.replace(/\n/g, '\r\n');
    const [fix] = applied(crlf, 'WR050');
    assert.ok(fix.inserted.startsWith('\r\n```\r\n\r\n#'), JSON.stringify(fix.inserted));
    assert.equal(fix.after, 0);
    keepsAuthorText(crlf, fix.fixed);
  });

  it('WR010 and WR020 close the block too (a missing section, a missing metric)', () => {
    const noIncidents = '# 2024-W12\n\n## 【系统运行数据】\n\n- 入金有效成功率：99.2%\n- 出金有效成功率：98.7%\n- 年度可用性：99.99%\n- 事故数：0\n\n```\n备注\n';
    const wr010 = applied(noIncidents, 'WR010');
    assert.ok(wr010.length > 0);
    for (const fix of wr010) {
      assert.ok(fix.inserted.startsWith('\n```\n\n## 【生产事件】'), JSON.stringify(fix.inserted));
      assert.ok(fix.after < fix.before, fix.title);
      keepsAuthorText(noIncidents, fix.fixed);
    }
    const metrics = '# 2024-W12\n\n## 【系统运行数据】\n\n- 入金有效成功率：99.2%\n\n~~~\n其余指标待数据组提供\n';
    const wr020 = applied(metrics, 'WR020');
    assert.ok(wr020.length > 0);
    for (const fix of wr020) {
      assert.ok(fix.after < fix.before, fix.title);
      keepsAuthorText(metrics, fix.fixed);
    }
  });

  it('insertSectionEdit without a parse at hand (carry-over’s entry point) closes the block too', () => {
    const text = `${WEEK}\`\`\`\n日志\n`;
    const report = parseReport(text, PROFILE);
    const spec = defaultProfile.sections.find((x) => x.role === 'goals')!;
    const edit = insertSectionEdit(report.weeks[0], spec, ['# 下周工作及目标', '', '1. 上线收银台'], defaultProfile, new LineIndex(text));
    const fixed = applyEdits(text, [edit]);
    assert.equal(fixed, `${WEEK}\`\`\`\n日志\n\`\`\`\n\n# 下周工作及目标\n\n1. 上线收银台\n`);
    assert.deepEqual(parseReport(fixed, PROFILE).weeks[0].sections.find((x) => x.role === 'goals')?.goals.map((g) => g.text), ['上线收银台']);
  });

  it('no closing line when none is needed: a closed fence, a fence in a list item or a quote', () => {
    for (const tail of ['```\n日志\n```\n', '- 附注\n\n  ```\n  日志\n', '> ```\n> 日志\n', '<!-- 说明 -->\n']) {
      const text = `${WEEK}${tail}`;
      const [fix] = applied(text, 'WR050');
      assert.ok(fix.inserted.startsWith('\n\n# 下周工作及目标'), `${JSON.stringify(tail)}: ${JSON.stringify(fix.inserted)}`);
      assert.equal(fix.after, 0, tail);
    }
  });

  it('a section inserted before the block (its place is earlier) leaves the block alone', () => {
    // the comment follows the incidents section's text; 【系统运行数据】 goes before 【生产事件】
    const text = '# 2024-W12\n\n## 【生产事件】\n\n暂无\n\n# 下周工作及目标\n\n1. 上线收银台\n\n<!-- 模板说明\n';
    const [fix] = applied(text, 'WR010');
    assert.ok(!fix.inserted.includes('-->'), JSON.stringify(fix.inserted));
    assert.equal(fix.after, 0);
  });

  it('regression (fuzz): a section inserted before the first line goes after a byte-order mark', () => {
    // the heading right after the BOM was no longer read as one once text was inserted before it
    const text = '\uFEFF## 【生产事件】\n\n暂无\n';
    for (const code of ['WR010', 'WR001']) {
      for (const fix of applied(text, code)) {
        assert.ok(fix.fixed.startsWith('\uFEFF'), `${code}: ${JSON.stringify(fix.fixed.slice(0, 20))}`);
        assert.ok(!check(fix.fixed).some((f) => f.code === 'WR010' && /生产事件/.test(f.message.en)), `${code} made 【生产事件】 disappear`);
      }
    }
  });

  it('property: any report ending inside an open fence or comment: every fix removes its finding and keeps the author’s text', function () {
    this.timeout(60_000);
    const opening = fc.constantFrom('```', '```js', '````', '~~~', '<!--', '<!-- 草稿', '<pre>', '<?', '<![CDATA[');
    let closed = 0;
    fc.assert(
      fc.property(fc.oneof(documentArb, mutatedDocumentArb().map((m) => m.text)), opening, fc.array(prose(20), { maxLength: 3 }), fc.constantFrom('\n', '\r\n'), (doc, open, body, eol) => {
        const head = `${doc}\n\n`.replace(/\r?\n/g, eol);
        const text = head + `${[open, ...body].join('\n')}\n`.replace(/\r?\n/g, eol);
        const lines = new LineIndex(text);
        const before = check(text);
        for (const f of before) {
          for (const fix of f.fixes) {
            const fixed = applyEdits(text, fix.edits);
            const after = check(fixed);
            const n = (list: Finding[]) => list.filter((x) => x.code === f.code).length;
            assert.ok(n(after) < n(before), `"${fix.title.en}" did not remove ${f.code}\n--- text ---\n${text}\n--- fixed ---\n${fixed}`);
            // a fix appending in the block's stretch (nothing but blank lines after it): the author's
            // text stays as it is and reads the same
            if (fix.edits.every((e) => lines.offsetAt(e.range.start) >= head.length && !/[^ \t\r\n]/.test(text.slice(lines.offsetAt(e.range.start))))) {
              keepsAuthorText(text, fixed);
              if (/```|~~~|-->|<\/pre>|\?>|\]\]>/.test(fix.edits.map((e) => e.newText).join(''))) closed++;
            }
          }
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    );
    assert.ok(closed > 0, 'the property reached fixes that close a block');
  });
});
