import * as assert from 'node:assert/strict';
import { applyOverride, checkDocument, defaultProfile, ENCODING_CODE, WorkspaceIndex } from '../../server/src/core';
import type { Finding } from '../../server/src/core/rules/types';

// "# 第12周 2024-03-18 / ## 【系统运行数据】 / - 入金有效成功率：99.99%" encoded as GBK
const GBK_HEX =
  '2320b5da3132d6dc20323032342d30332d31380a0a232320a1becfb5cdb3d4cbd0d0cafdbedda1bf0a0a2d20c8ebbdf0d3d0d0a7b3c9b9a6c2caa3ba39392e3939250a';

describe('check runner', () => {
  it('gives a GBK report decoded as UTF-8 one clear WR000 finding instead of findings about garbage', () => {
    const text = Buffer.from(GBK_HEX, 'hex').toString('utf8');
    const findings = checkDocument({ text, profile: defaultProfile, fileName: '2024-W12.md' });
    assert.deepEqual(findings.map((f) => f.code), [ENCODING_CODE]);
    assert.equal(findings[0].severity, 'error');
    assert.match(findings[0].message.en, /not valid UTF-8/);
    assert.match(findings[0].message['zh-cn'], /GBK/);
  });

  it('flags a binary file named like a report', () => {
    const findings = checkDocument({ text: 'PK\u0003\u0004\u0000\u0000garbage', profile: defaultProfile, fileName: '2024-W12.md' });
    assert.deepEqual(findings.map((f) => f.code), [ENCODING_CODE]);
  });

  it('leaves an ordinary Markdown file with one stray replacement character alone', () => {
    const findings = checkDocument({ text: '# Notes\n\nThe � sign shows a decoding error.\n', profile: defaultProfile, fileName: 'README.md' });
    assert.deepEqual(findings, []);
  });

  it('keeps a report in a file not named by week a report while a digit too many is typed in its week number', () => {
    const body = '\n\n## 【生产事件】\n\n无\n\n# 下周工作及目标\n\n1. 上线收银台\n';
    const before = checkDocument({ text: `# 2025-W20${body}`, profile: defaultProfile, fileName: 'report.md', now: new Date('2025-05-16T10:00:00Z') });
    assert.ok(before.length > 0);
    const typing = checkDocument({ text: `# 2025-W201${body}`, profile: defaultProfile, fileName: 'report.md', now: new Date('2025-05-16T10:00:00Z') });
    assert.ok(typing.some((f) => f.code === 'WR002' && /201/.test(f.message.en)), JSON.stringify(typing.map((f) => f.code)));
    // the findings the title does not decide are still there
    assert.deepEqual(before.filter((f) => f.code !== 'WR002').map((f) => f.code), typing.filter((f) => f.code !== 'WR002').map((f) => f.code));
  });

  it('keeps a report a report while its week title is typed again, or written in another spelling (WR001 says what is wrong)', () => {
    const body = '\n\n## 【生产事件】\n\n无\n\n# 下周工作及目标\n\n1. 上线收银台\n';
    const now = new Date('2025-05-16T10:00:00Z');
    const check = (title: string, fileName = 'report.md') => checkDocument({ text: `# ${title}${body}`, profile: defaultProfile, fileName, now });
    const others = (fs: Finding[]) => fs.filter((f) => f.code !== 'WR001').map((f) => f.code);
    const before = check('2025-W20');
    assert.ok(before.length > 0);
    // the week number deleted and typed again, and other spellings of a week title
    for (const title of ['2025-W', '2025-w', '2025 - W', '2025 W20', '2025W20', '2025_W20', '第四周', '第20周', '第20周 2025-05']) {
      const typing = check(title);
      const wr001 = typing.filter((f) => f.code === 'WR001');
      assert.equal(wr001.length, 1, `${title}: ${JSON.stringify(typing.map((f) => f.code))}`);
      assert.equal(wr001[0].range.start.line, 0);
      assert.ok(wr001[0].message.en.includes(`“${title}”`) && wr001[0].message['zh-cn'].includes(`“${title}”`), wr001[0].message.en);
      assert.equal(wr001[0].fixes.length, 0, 'no week to put in its place: the file is not named by week');
      // the findings the title does not decide are still there
      assert.deepEqual(others(typing), others(before), title);
    }
    // in a file named by week, the quick fix writes that week's title in its place
    const named = check('2025-W', 'reports/2025-W20.md').filter((f) => f.code === 'WR001');
    assert.equal(named.length, 1);
    assert.match(named[0].message.en, /2025-W20/);
    assert.deepEqual(named[0].fixes[0].edits, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } }, newText: '# 2025-W20' }]);
    // headings that only start like a title are other Markdown files' headings
    for (const title of ['2024 Wrap-up', '2025', '2025-', '第一章', 'W20 notes']) assert.deepEqual(check(title), [], title);
  });

  it('gives nothing to a Markdown file that is not a report', () => {
    const findings = checkDocument({ text: '# Project\n\n## Install\n\nnpm ci\n', profile: defaultProfile, fileName: 'README.md' });
    assert.deepEqual(findings, []);
  });
});

describe('check runner: history for cross-week rules', () => {
  const earlier = (title: string) => `# ${title}

## 【系统运行数据】

- 入金有效成功率：99.99%
- 出金有效成功率：99.99%
- 年度可用性：100%
- 事故数AB级0次，CD级0次

## 【生产事件】

暂无

# 下周工作及目标

1. 完成清结算对账改造评审
`;
  const now = earlier('2024-W12').replace('1. 完成清结算对账改造评审', '1. 推进跨境收款通道联调');
  const wr051 = (previousTitle: string, profile = defaultProfile) => {
    const index = new WorkspaceIndex();
    index.set('file:///r/prev.md', earlier(previousTitle), profile);
    return checkDocument({ text: now, profile, fileName: '2024-W12.md', history: index.historyFor('file:///r/2024-W12.md') }).filter((f) => f.code === 'WR051');
  };

  it('compares with last week, and with a report two weeks back (a skipped holiday week)', () => {
    assert.equal(wr051('2024-W11').length, 1);
    assert.equal(wr051('2024-W10').length, 1);
  });

  it('does not call a report from months ago "last week"', () => {
    assert.deepEqual(wr051('2023-W46'), []);
    assert.deepEqual(wr051('2024-W09'), []);
  });

  it('takes the window from the profile (history.maxWeeksBack)', () => {
    const wide = applyOverride(defaultProfile, { history: { maxWeeksBack: 4 } }).profile;
    assert.equal(wr051('2024-W08', wide).length, 1);
  });
});
