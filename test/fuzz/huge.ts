/**
 * Huge and strange inputs (issue 7, point 3), shared by the fuzz runner, the huge-input tests and
 * the CLI tests: a 10 MB report, a 1 MB single line, lists nested thousands deep, a binary file,
 * a GBK-encoded report, an empty file, a title-only file.
 */
const WEEK = (n: number) => [
  `# 2024-W${String((n % 52) + 1).padStart(2, '0')}`,
  '',
  'Created: 2024年3月22日 15:00',
  '',
  '## 【重点工作】',
  '',
  `- 【项目${n}】`,
  '    1. 业务侧：',
  `        1. 进度${n % 100}%，计划4/30上线`,
  '',
  '## 【O1 业务服务】',
  '',
  '- 事项一，整体进度40.5%，预计3月底完成',
  '',
  '## 【系统运行数据】',
  '',
  '支付成功率：',
  '',
  '- 入金有效成功率：99.997%',
  '- 出金有效成功率：99.962% ，一次支付成功率：99.28%',
  '',
  '系统可用性：',
  '',
  '- 支付系统年度可用性：99.998%',
  '- 事故数AB级0次，CD级1次。复盘中，',
  '',
  '## 【生产事件】',
  '',
  '3/21 15:43，监控发现15:43-16:15期间超时，共持续32min【待复盘】',
  '',
  '## 收获与反思',
  '',
  '多沟通，少假设。😀',
  '',
  '# 下周工作及目标',
  '',
  '1. 目标一',
  '2. 目标二',
  '',
].join('\n');

/** A report of about `bytes` UTF-8 bytes: weeks one after another. */
export function bigReport(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let n = 0; size < bytes; n++) {
    const w = WEEK(n);
    parts.push(w);
    size += Buffer.byteLength(w) + 1;
  }
  return parts.join('\n');
}

/** One line of about `chars` characters, inside a report. */
export function longLine(chars: number): string {
  return `# 2024-W12\n\n## 【重点工作】\n\n- ${'进度50%，计划4/30上线，'.repeat(Math.ceil(chars / 15)).slice(0, chars)}\n`;
}

/** A list nested `depth` levels deep (each level indented two more spaces), or block quotes. */
export function deepList(depth: number, kind: 'list' | 'quote' | 'ordered' = 'list'): string {
  const lines = ['# 2024-W12', '', '## 【重点工作】', ''];
  for (let i = 0; i < depth; i++) {
    if (kind === 'quote') lines.push(`${'> '.repeat(i + 1)}第${i}层`);
    else lines.push(`${'  '.repeat(i)}${kind === 'list' ? '-' : '1.'} 第${i}层，进度${i % 100}%`);
  }
  return lines.join('\n') + '\n';
}

/** Bytes of a binary file (a PNG header then pseudo-random bytes, NULs included). */
export function binaryBytes(size: number, seed = 1): Buffer {
  const b = Buffer.alloc(size);
  let a = seed >>> 0;
  for (let i = 0; i < size; i++) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    b[i] = a >>> 24;
  }
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).copy(b);
  return b;
}

let gbkTable: Map<string, number[]> | undefined;
/** `text` encoded as GBK (characters GBK lacks become `?`); Node only decodes GBK. */
export function gbkBytes(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let hi = 0x81; hi <= 0xfe; hi++)
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const c = dec.decode(Uint8Array.of(hi, lo));
        if (c.length === 1 && c !== '\uFFFD' && !gbkTable.has(c)) gbkTable.set(c, [hi, lo]);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else out.push(...(gbkTable.get(ch) ?? [0x3f]));
  }
  return Buffer.from(out);
}

export const GBK_REPORT = WEEK(11);
export const TITLE_ONLY = '# 2024-W12\n';

/** The classes, as texts the editor would hold (binary and GBK decoded as UTF-8, as VS Code does). */
export function strangeInputs(): Array<{ name: string; text: string }> {
  return [
    { name: 'empty file', text: '' },
    { name: 'title only', text: TITLE_ONLY },
    { name: 'binary .md (64 KB)', text: binaryBytes(64 * 1024).toString('utf8') },
    { name: 'GBK report read as UTF-8', text: gbkBytes(GBK_REPORT).toString('utf8') },
    { name: '1 MB single line', text: longLine(1024 * 1024) },
    { name: 'list nested 900 deep (0.8 M characters)', text: deepList(900) },
    { name: 'list nested 5,000 deep (25 M characters)', text: deepList(5000) },
    { name: 'ordered list nested 900 deep', text: deepList(900, 'ordered') },
    { name: 'block quotes nested 900 deep', text: deepList(900, 'quote') },
    { name: '10 MB report', text: bigReport(10 * 1024 * 1024) },
  ];
}
