/**
 * The block scanner (core/parse/blocks.ts) against remark: for every document the parse with
 * the scanner must equal the parse with remark alone — the whole model (weeks, sections, items,
 * metrics, incidents, ranges) and the masked text. The documents: the fixtures, the benchmark's
 * generated reports, random line soups of the constructs the scanner knows and the ones it must
 * leave to remark, and fuzzed mutations of reports.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { defaultProfile, parseReport } from '../../server/src/core';
import { exceedsNesting, markdownConfig, markdownStats, parseMarkdown } from '../../server/src/core/parse/markdown';
import { mutatedDocumentArb } from '../fuzz/gen';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const params = (numRuns = RUNS): fc.Parameters<unknown> => ({
  numRuns,
  ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH } : {}),
});

function withScanner<T>(on: boolean, f: () => T): T {
  const was = markdownConfig.scanner;
  markdownConfig.scanner = on;
  try {
    return f();
  } finally {
    markdownConfig.scanner = was;
  }
}

/** The model as data (ranges included), parsed in one piece so every construct is compared. */
function model(text: string, scanner: boolean, split = false): string {
  return withScanner(scanner, () => {
    const r = parseReport(text, { profile: defaultProfile, split });
    return JSON.stringify({ weeks: r.weeks, titles: r.titles, lineCount: r.lineCount, masked: r.masked });
  });
}

function assertSame(text: string, split = false): void {
  const fast = model(text, true, split);
  const slow = model(text, false, split);
  if (fast !== slow) assert.equal(fast, slow, `scanner and remark differ on ${JSON.stringify(text.slice(0, 400))}`);
}

function mdFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...mdFiles(p));
    else if (e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

const ROOT = path.resolve(__dirname, '..', '..');

/** Lines of the dialect and of Markdown around it, the scanner's cases and its give-ups. */
const LINES = [
  '# 2024-W12',
  '# 第12周 2024/03/18',
  '## 【重点工作】',
  '## 【系统运行数据】 ##',
  '### 【生产事件】',
  '#### 其他 #',
  '#',
  '#no heading',
  '####### seven',
  'Created: 2024年3月22日 14:52',
  '- 【跨境收款】接口联调完成，进度80%',
  '* 项目二',
  '+ 项目三',
  '-',
  '- ',
  '1. 业务侧：',
  '2. 技术侧：',
  '1) 括号编号',
  '10. 十',
  '3. 计划4/17上线',
  '- 支付成功率：99.97%',
  '- 入金有效成功率：99.997%，较上周+0.01%',
  '支付成功率：',
  '3/22 11:38 监控发现超时，持续32min【待复盘】',
  '暂无',
  '无',
  '普通的一段话，带全角标点。',
  '详细记录：[https://wiki.example/a](https://wiki.example/a)',
  '见 [文档](https://doc.example/x) 与 `code` 和 <span>html</span>',
  '<https://auto.example/link>',
  '![图](https://img.example/a.png)',
  'a \\* escaped \\[not a link]',
  '[ref]: https://ref.example',
  '[ref] used',
  '```',
  '```js',
  '~~~',
  '``` `bad`',
  '<!-- 注释 -->',
  '<!--',
  '-->',
  '<!-->',
  '<div>',
  '</div>',
  '> 引用',
  '***',
  '---',
  '- - -',
  '___',
  '===',
  '| 表格 | 数值 |',
  '|---|---|',
  '\t- 制表符缩进',
  '-\t制表符',
  '尾随空格  ',
  '\\',
  '- [ ] 未完成目标',
  '- [x] 已完成目标',
  '- - 嵌套在同一行',
  '- # 标题在列表里',
  '-     五个空格',
  '      ',
  '',
  '',
  '',
];

/** Lines that make the scanner give up wherever they are: rarer, so most soups take the fast path. */
const GIVE_UP = new Set(['<div>', '</div>', '> 引用', '\t- 制表符缩进', '-\t制表符', '[ref]: https://ref.example', '-', '- ', '- - 嵌套在同一行', '- # 标题在列表里', '-     五个空格', '<!-->']);
const lineArb = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...LINES.filter((l) => !GIVE_UP.has(l))) },
  { weight: 1, arbitrary: fc.constantFrom(...GIVE_UP) },
);

const soupArb = fc
  .array(fc.tuple(fc.constantFrom(0, 0, 0, 0, 0, 0, 1, 2, 2, 3, 3, 4, 4, 5, 8), lineArb), { minLength: 1, maxLength: 24 })
  .chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => lines.map(([i, l]) => (l ? ' '.repeat(i) + l : l)).join(eol) + (lines.length % 2 ? eol : '')));

describe('block scanner = remark', () => {
  it('on every fixture and example report, whole and split into parts', () => {
    const files = [...mdFiles(path.join(ROOT, 'test', 'fixtures')), ...mdFiles(path.join(ROOT, 'examples'))];
    assert.ok(files.length > 30, `only ${files.length} fixtures found`);
    markdownStats.scanned = markdownStats.fallback = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      assertSame(text);
      assertSame(text, true);
    }
    // the fixtures are mostly plain reports: most parts must take the fast path
    assert.ok(markdownStats.scanned > markdownStats.fallback, `scanned ${markdownStats.scanned}, fell back ${markdownStats.fallback}`);
  });

  it('on the cases the fuzzers found (micromark quirks around indented code, nested item ends)', () => {
    for (const text of [
      '    # 2024-W12\n3. 计划4/17上线\n# 2024-W12\n', // after indented code `3.` is a paragraph
      '     # 2024-W12\n      \n# 2024-W12\n', // a blank line indented 4+ inside the code
      '   10. 十\n\n     # 2024-W12\n      ', // indented code after a list, blank line at the end
      '10. 十\n     + 项目三\n#no heading\n', // a lazy line ends a nested item
      '# 第0周 2023-00-00\n\n## 【O0 】\n\n- 【】\n    1. 周\n    1. 周\n', // an item ends where its nested list ends
      // an ordered item interrupts a paragraph only when its number is written `1` (micromark), not `01`
      '- 【风控】\n    1. 业务对接：\n        01. 万里汇，进度58%\n        2. 微信支付\n',
      '业务对接：\n01. 万里汇\n',
      '业务对接：\n1. 万里汇\n',
    ]) {
      assertSame(text);
    }
  });

  it('on the benchmark’s generated reports (scanned, never left to remark)', async () => {
    const generator = path.join(ROOT, 'bench', 'generate.mjs'); // plain JavaScript, untyped
    const gen = (await import(generator)) as { document(seed: number, bytes: number): string };
    for (const seed of [1, 2, 3, 4, 5]) {
      const text = gen.document(seed, 60_000);
      markdownStats.scanned = markdownStats.fallback = 0;
      assertSame(text, true);
      assert.equal(markdownStats.fallback, 0, 'a generated report fell back to remark');
    }
  });

  it('on random line soups of known and unknown constructs', () => {
    markdownStats.scanned = markdownStats.fallback = 0;
    fc.assert(
      fc.property(soupArb, (text) => assertSame(text)),
      params(RUNS * 4),
    );
    if (process.env.SHOW_STATS) console.log(markdownStats);
    assert.ok(markdownStats.scanned > RUNS / 2, `the scanner took only ${markdownStats.scanned} documents`);
  });

  it('on fuzzed mutations of reports', () => {
    fc.assert(
      fc.property(mutatedDocumentArb(), ({ text }) => assertSame(text, true)),
      params(),
    );
  });

  it('knows, part by part, whether the text nests past the budget (the checker reads it instead of scanning again)', () => {
    const deep = '- a\n' + Array.from({ length: 40 }, (_, i) => ' '.repeat(2 * i + 2) + '- b').join('\n') + '\n';
    for (const text of ['# 2024-W12\n\n- a\n', `# 2024-W12\n\n${deep}\n## 【其他】\n`, deep]) {
      assert.equal(parseReport(text, { profile: defaultProfile }).tooDeep, exceedsNesting(text));
    }
    assert.equal(parseReport(`# 2024-W12\n\n${deep}`, { profile: defaultProfile }).tooDeep, true);
    fc.assert(
      fc.property(mutatedDocumentArb(), ({ text }) => parseReport(text, { profile: defaultProfile }).tooDeep === exceedsNesting(text)),
      params(),
    );
  });

  it('gives up on constructs it does not read (the fallback is taken, not guessed)', () => {
    for (const text of ['> 引用\n', '\t- a\n', '- a\n\n      code\n', 'a\n---\n', '- a\n  # h\n', '-\n  a\n', '<div>\n', '[x]: /u\n']) {
      markdownStats.scanned = markdownStats.fallback = 0;
      parseMarkdown(text);
      assert.equal(markdownStats.fallback, 1, JSON.stringify(text));
    }
  });
});
