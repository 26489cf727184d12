import * as assert from 'node:assert/strict';
import { checkDocument, defaultProfile, ENCODING_CODE } from '../../server/src/core';

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

  it('gives nothing to a Markdown file that is not a report', () => {
    const findings = checkDocument({ text: '# Project\n\n## Install\n\nnpm ci\n', profile: defaultProfile, fileName: 'README.md' });
    assert.deepEqual(findings, []);
  });
});
