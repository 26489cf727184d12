import * as assert from 'node:assert/strict';
import { decodeReport } from '../../server/src/core/encoding';

const REPORT = '# 2024-W10\n\n## 【系统运行数据】\n\n- 入金有效成功率：99.981%\n';
/** the same text encoded as GBK (node has no GBK encoder; the bytes are those of python's `.encode('gbk')`) */
const REPORT_GBK_HEX =
  '2320323032342d5731300a0a232320a1becfb5cdb3d4cbd0d0cafdbedda1bf0a0a2d20c8ebbdf0d3d0d0a7b3c9b9a6c2caa3ba39392e393831250a';

describe('decodeReport (core/encoding)', () => {
  it('decodes UTF-8 text unchanged', () => {
    const out = decodeReport(new TextEncoder().encode(REPORT));
    assert.equal(out.text, REPORT);
    assert.equal(out.problem, undefined);
  });

  it('drops a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(REPORT)]);
    assert.equal(decodeReport(bytes).text, REPORT);
  });

  it('decodes an empty file to empty text', () => {
    assert.deepEqual(decodeReport(new Uint8Array()), { text: '' });
  });

  it('recognises a GBK report and says so in both languages', () => {
    const out = decodeReport(Buffer.from(REPORT_GBK_HEX, 'hex'));
    assert.equal(out.text, undefined);
    assert.equal(out.problem?.encoding, 'gbk');
    assert.equal(out.problem?.message.en, 'The file is not valid UTF-8 (it looks like GBK); save it as UTF-8');
    assert.match(out.problem?.message['zh-cn'] ?? '', /UTF-8.*GBK/);
    assert.equal(out.problem?.gbkText, REPORT);
  });

  it('points at the first byte that is not UTF-8', () => {
    const out = decodeReport(Buffer.from(REPORT_GBK_HEX, 'hex'));
    // "# 2024-W10\n\n## " is ASCII: the first GBK byte is at offset 15 (line 3, character 3)
    assert.equal(out.problem?.offset, 15);
    assert.equal(out.problem?.lossyText.slice(0, 15), '# 2024-W10\n\n## ');
    assert.equal(out.problem?.lossyText[15], '\uFFFD');
  });

  it('calls bytes that are neither UTF-8 nor GBK with Chinese an unknown encoding', () => {
    // Latin-1 "café" followed by a space: 0xE9 0x20 is no GBK pair either
    const out = decodeReport(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x0a]));
    assert.equal(out.problem?.encoding, 'unknown');
    assert.match(out.problem?.message.en ?? '', /not valid UTF-8/);
    assert.equal(out.problem?.offset, 3);
  });

  it('calls a file with NUL bytes binary, even when it is otherwise valid UTF-8', () => {
    const out = decodeReport(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]));
    assert.equal(out.problem?.encoding, 'binary');
    assert.equal(out.problem?.offset, 4);
    assert.match(out.problem?.message.en ?? '', /NUL/);
    assert.match(out.problem?.message['zh-cn'] ?? '', /二进制/);
  });

  it('calls a PNG image binary, not GBK', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    assert.equal(decodeReport(png).problem?.encoding, 'binary');
  });

  it('decodes UTF-16 with a byte order mark, as editors do', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REPORT, 'utf16le')]);
    assert.equal(decodeReport(le).text, REPORT);
    const be = Buffer.from(le);
    be[0] = 0xfe;
    be[1] = 0xff;
    be.subarray(2).swap16();
    assert.equal(decodeReport(be).text, REPORT);
  });

  it('never throws on random bytes', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let n = 0; n < 200; n++) {
      const bytes = new Uint8Array(1 + (n % 64)).map(() => next());
      const out = decodeReport(bytes);
      assert.ok((out.text === undefined) !== (out.problem === undefined), 'either text or a problem');
    }
  });
});
