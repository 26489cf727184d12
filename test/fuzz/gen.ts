/**
 * fast-check generators for the fuzzers: documents in the weekly-report dialect (titles, created
 * lines, key-work projects with progress and plan dates, OKR sections, metrics, incidents,
 * reflections, goals; CJK and emoji text) and mutations of them (cut lines, swapped sections,
 * broken numbers, surrogate-pair splits, CRLF, tabs, BOM, NUL, very long lines), plus edit
 * streams for incremental parsing. Shared by test/unit/fuzz-core.test.ts (bounded) and
 * test/fuzz/run.ts (`npm run fuzz`).
 */
import fc from 'fast-check';
import { applyOverride, checkDocument, defaultProfile, LineIndex, type Finding, type Profile, type Range } from '../../server/src/core';
import { applyEdits, type TextEdit } from '../../server/src/core/text';

const CJK = [...'周报支付成功率出金入金系统可用性事故复盘进度计划上线目标收获反思沟通项目平台业务服务升级监控发现超时用户重试影响甲乙丙丁'];
const EMOJI = ['😀', '🚀', '✅', '❌', '🔥', '👍🏽', '🇨🇳', '👨‍👩‍👧'];
const ASCII = [...'abcXYZ019 -_:/.,()[]*#`>|'];
const PUNCT = [...'：，。、；【】（）％'];

/** Free text mixing CJK, emoji, ASCII and full-width punctuation. */
export const prose = (max = 20): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...CJK) }, { weight: 1, arbitrary: fc.constantFrom(...EMOJI) }, { weight: 2, arbitrary: fc.constantFrom(...ASCII) }, { weight: 1, arbitrary: fc.constantFrom(...PUNCT) }), { maxLength: max })
    .map((xs) => xs.join(''));

const int = (min: number, max: number) => fc.integer({ min, max });
/** Numbers as authors write them, and as they break them. */
const num = fc.oneof(
  { weight: 6, arbitrary: int(0, 100).map(String) },
  { weight: 3, arbitrary: fc.tuple(int(90, 100), int(0, 9999)).map(([a, b]) => `${a}.${b}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '.', '1..2', '99.9.9', '-5', '1e400', '９９.９', '999999999999999999999', 'NaN', '0x1f', '١٢') },
);

const week = int(0, 54).map((w) => String(w).padStart(2, '0'));
const year = fc.constantFrom(2023, 2024, 2025, 1970, 9999);

const titleLine = fc.oneof(
  fc.tuple(year, week).map(([y, w]) => `# ${y}-W${w}`),
  fc.tuple(year, week).map(([y, w]) => `# ${y}-w${w}`),
  fc.tuple(int(0, 54), year, int(0, 13), int(0, 32)).map(([n, y, m, d]) => `# 第${n}周 ${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.tuple(int(1, 53), int(1, 12), int(1, 31)).map(([n, m, d]) => `# 第${n}周 2024/${m}/${d}`),
  prose(10).map((t) => `# ${t}`),
);

const createdLine = fc.tuple(int(0, 13), int(0, 32), int(0, 25), int(0, 61)).map(([m, d, h, mi]) => `Created: 2024年${m}月${d}日 ${h}:${String(mi).padStart(2, '0')}`);

const sectionHeading = fc.oneof(
  fc.constantFrom('## 【重点工作】', '## 【系统运行数据】', '## 【生产事件】', '### 【生产事件】', '## 收获与反思', '# 下周工作及目标', '## 【其他】', '# 日报合集'),
  fc.tuple(int(0, 12), prose(8)).map(([o, t]) => `## 【O${o} ${t}】`),
  fc.tuple(fc.constantFrom('#', '##', '###', '####', '#######'), prose(8)).map(([h, t]) => `${h} ${t}`),
);

const itemLine = fc.oneof(
  fc.tuple(prose(6)).map(([p]) => `- 【${p}】`),
  fc.tuple(num, int(0, 13), int(0, 32)).map(([n, m, d]) => `        1. 进度${n}%，计划${m}/${d}上线`),
  fc.tuple(num, num).map(([a, b]) => `    总体进度${a}%，较上周${b}%新增5%进度`),
  fc.tuple(prose(6), num, int(0, 13)).map(([p, n, m]) => `- ${p}，整体进度${n}%，预计${m}月底完成`),
  fc.tuple(int(0, 13), int(0, 32), int(0, 13), int(0, 32)).map(([a, b, c, d]) => `- 其他，分别于${a}/${b}、${c}/${d}投产`),
  fc.tuple(prose(10)).map(([p]) => `    1. ${p}`),
  fc.tuple(prose(10)).map(([p]) => `1. ${p}`),
);

const metricLine = fc.oneof(
  fc.constantFrom('支付成功率：', '系统可用性：'),
  num.map((n) => `- 入金有效成功率：${n}%`),
  fc.tuple(num, num).map(([a, b]) => `- 出金有效成功率：${a}% ，一次支付成功率：${b}%`),
  num.map((n) => `- 支付系统年度可用性：${n}%`),
  fc.tuple(num, num).map(([a, b]) => `- 事故数AB级${a}次，CD级${b}次。复盘中，`),
  fc.tuple(num, num).map(([a, b]) => `- 入金有效成功率：${a}%，较上周${b}%提升`),
);

const incidentLine = fc.oneof(
  fc.tuple(int(0, 13), int(0, 32), int(0, 25), int(0, 61), int(0, 25), int(0, 61), int(0, 999)).map(
    ([m, d, h, mi, h2, mi2, dur]) => `${m}/${d} ${h}:${String(mi).padStart(2, '0')}，监控发现${h}:${mi}-${h2}:${mi2}期间超时，共持续${dur}min【待复盘】`,
  ),
  fc.tuple(int(1, 12), int(1, 31), int(0, 23), int(0, 59)).map(([m, d, h, mi]) => `${m}/${d} ${h}:${String(mi).padStart(2, '0')}`),
  prose(20),
  fc.constantFrom('详细记录：[https://wiki.example/a](https://wiki.example/a)', '用户重试，未产生影响', '暂无', 'xx', 'TODO'),
);

const oddLine = fc.constantFrom('```', '~~~', '<!--', '-->', '> 引用', '| a | b |', '|---|---|', '<div>', '[ref]: https://x.example', '    ', '', '---', '***', '\\', '- ', '* [ ] 任务');

/** One block of a week: a heading and some lines fitting it (or not). */
const block = fc.tuple(sectionHeading, fc.array(fc.oneof({ weight: 3, arbitrary: itemLine }, { weight: 3, arbitrary: metricLine }, { weight: 2, arbitrary: incidentLine }, { weight: 1, arbitrary: oddLine }), { maxLength: 8 })).map(([h, ls]) => [h, '', ...ls, ''].join('\n'));

const weekArb = fc
  .tuple(titleLine, fc.option(createdLine, { nil: undefined }), fc.array(block, { maxLength: 7 }))
  .map(([t, c, bs]) => [t, '', ...(c ? [c, ''] : []), ...bs].join('\n'));

/** A document in the dialect: zero to three weeks, maybe some text before the first title. */
export const documentArb: fc.Arbitrary<string> = fc
  .tuple(fc.option(prose(30), { nil: undefined }), fc.array(weekArb, { minLength: 0, maxLength: 3 }))
  .map(([pre, ws]) => [...(pre ? [pre, ''] : []), ...ws].join('\n'));

// ---------------------------------------------------------------- mutations

export type Mutation =
  | { kind: 'cutLines'; at: number; count: number }
  | { kind: 'swapSections'; a: number; b: number }
  | { kind: 'breakNumber'; at: number; with: string }
  | { kind: 'splitSurrogate'; at: number; how: 'cut' | 'lone-high' | 'lone-low' }
  | { kind: 'crlf' }
  | { kind: 'cr' }
  | { kind: 'tabs' }
  | { kind: 'bom' }
  | { kind: 'nul'; at: number }
  | { kind: 'longLine'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number };

const frac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const SNIPPETS = ['x', '进', '\n', '\n\n', '# ', '## 【其他】\n', '# 2024-W30\n', '```\n', '~~~', '<!--', '-->', '- ', '    ', '1. ', '【', '】', '：', '99.9%', '3/21 15:43 ', '\r\n', '`', '> ', '\t', '😀', '\uD83D', '\uDE00', '\uFEFF', '%', '。', '\\'];

export const mutationArb = (longLine = 5000): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ kind: fc.constant('cutLines' as const), at: frac, count: int(1, 6) }),
    fc.record({ kind: fc.constant('swapSections' as const), a: frac, b: frac }),
    fc.record({ kind: fc.constant('breakNumber' as const), at: frac, with: fc.constantFrom('', '.', '..', 'O', '０', '-', '%', '1e9', '٣') }),
    fc.record({ kind: fc.constant('splitSurrogate' as const), at: frac, how: fc.constantFrom('cut' as const, 'lone-high' as const, 'lone-low' as const) }),
    fc.constant({ kind: 'crlf' as const }),
    fc.constant({ kind: 'cr' as const }),
    fc.constant({ kind: 'tabs' as const }),
    fc.constant({ kind: 'bom' as const }),
    fc.record({ kind: fc.constant('nul' as const), at: frac }),
    fc.record({ kind: fc.constant('longLine' as const), at: frac, length: int(100, longLine) }),
    fc.record({ kind: fc.constant('insert' as const), at: frac, text: fc.oneof(fc.constantFrom(...SNIPPETS), prose(10)) }),
    fc.record({ kind: fc.constant('delete' as const), at: frac, length: int(1, 40) }),
  );

const lineStarts = (t: string): number[] => {
  const s = [0];
  for (let i = 0; i < t.length; i++) if (t[i] === '\n') s.push(i + 1);
  return s;
};

export function mutate(text: string, m: Mutation): string {
  const at = 'at' in m ? Math.floor(m.at * (text.length + 1)) : 0;
  switch (m.kind) {
    case 'cutLines': {
      const ls = text.split('\n');
      const i = Math.floor(m.at * ls.length);
      ls.splice(i, m.count);
      return ls.join('\n');
    }
    case 'swapSections': {
      // sections: runs of lines starting at a heading line
      const ls = text.split('\n');
      const heads = ls.map((l, i) => (/^#{1,6} /.test(l) ? i : -1)).filter((i) => i >= 0);
      if (heads.length < 2) return text;
      const blocks: string[][] = [ls.slice(0, heads[0])];
      heads.forEach((h, k) => blocks.push(ls.slice(h, heads[k + 1] ?? ls.length)));
      const a = 1 + Math.floor(m.a * heads.length);
      const b = 1 + Math.floor(m.b * heads.length);
      [blocks[a], blocks[b]] = [blocks[b], blocks[a]];
      return blocks.flat().join('\n');
    }
    case 'breakNumber': {
      const digits = [...text.matchAll(/\d/g)].map((x) => x.index);
      if (!digits.length) return text;
      const i = digits[Math.floor(m.at * digits.length)];
      return text.slice(0, i) + m.with + text.slice(i + 1);
    }
    case 'splitSurrogate': {
      const pairs = [...text.matchAll(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)].map((x) => x.index);
      if (m.how === 'cut' && pairs.length) {
        const i = pairs[Math.floor(m.at * pairs.length)];
        return text.slice(0, i + 1) + (m.at < 0.5 ? '' : '\n') + text.slice(m.at < 0.5 ? i + 2 : i + 1);
      }
      return text.slice(0, at) + (m.how === 'lone-low' ? '\uDE00' : '\uD83D') + text.slice(at);
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'cr':
      return text.replace(/\r?\n/g, '\r');
    case 'tabs':
      return text.replace(/^( {4})+/gm, (s) => '\t'.repeat(s.length / 4));
    case 'bom':
      return '\uFEFF' + text;
    case 'nul':
      return text.slice(0, at) + '\0' + text.slice(at);
    case 'longLine': {
      const starts = lineStarts(text);
      const i = starts[Math.floor(m.at * starts.length)];
      return text.slice(0, i) + '- 入金有效成功率：99.9%'.padEnd(m.length, '长') + text.slice(i);
    }
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
  }
}

export const mutatedDocumentArb = (longLine?: number): fc.Arbitrary<{ text: string; mutations: Mutation[] }> =>
  fc.tuple(documentArb, fc.array(mutationArb(longLine), { maxLength: 5 })).map(([doc, ms]) => ({ text: ms.reduce(mutate, doc), mutations: ms }));

// ---------------------------------------------------------------- edit streams

/** An edit as an editor sends it: a range (by fractions of the text) and new text. */
export interface StreamEdit {
  at: number;
  length: number;
  text: string;
}

export const streamEditArb: fc.Arbitrary<StreamEdit> = fc.record({
  at: frac,
  length: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: int(1, 10) }, { weight: 1, arbitrary: int(10, 300) }),
  text: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SNIPPETS) }, { weight: 1, arbitrary: prose(12) }, { weight: 1, arbitrary: fc.constant('') }),
});

export const editStreamArb = (maxEdits = 20): fc.Arbitrary<{ start: string; edits: StreamEdit[] }> =>
  fc.record({ start: documentArb, edits: fc.array(streamEditArb, { minLength: 1, maxLength: maxEdits }) });

/** The edit as offsets in `text`, and the text after it. */
export function applyStreamEdit(text: string, e: StreamEdit): { start: number; end: number; next: string } {
  const start = Math.floor(e.at * (text.length + 1));
  const end = Math.min(text.length, start + e.length);
  return { start, end, next: text.slice(0, start) + e.text + text.slice(end) };
}

// ---------------------------------------------------------------- checks shared by the properties

/** Profiles the fuzzers check with: the default one and a strict, renamed one. */
export const profiles: Profile[] = [
  defaultProfile,
  applyOverride(defaultProfile, { titleStyle: 'cn', filePattern: '{year}-W{week}.md', rules: { WR005: 'error', WR060: 'warning' }, placeholders: ['xx', 'TODO', '待补充'] }).profile,
];

export const NOW = new Date(2024, 2, 22, 15, 0);

export function check(text: string, profile: Profile = defaultProfile, fileName = '2024-W12.md'): Finding[] {
  return checkDocument({ text, profile, fileName, now: NOW });
}

/** Why a range does not lie inside the text (undefined: it does). */
export function rangeProblem(lines: LineIndex, r: Range): string | undefined {
  const ok = (p: { line: number; character: number }) =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line < lines.lineCount && p.character <= lines.lineText(p.line).length;
  if (!ok(r.start)) return `start ${JSON.stringify(r.start)} outside the text`;
  if (!ok(r.end)) return `end ${JSON.stringify(r.end)} outside the text`;
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return `range ends before it starts: ${JSON.stringify(r)}`;
  return undefined;
}

/** Every problem with the ranges of findings and fix edits (empty: all inside the text). */
export function rangeProblems(text: string, findings: readonly Finding[]): string[] {
  const lines = new LineIndex(text);
  const out: string[] = [];
  for (const f of findings) {
    const p = rangeProblem(lines, f.range);
    if (p) out.push(`${f.code}: ${p}`);
    for (const fix of f.fixes) for (const e of fix.edits) {
      const q = rangeProblem(lines, e.range);
      if (q) out.push(`${f.code} fix "${fix.title.en}": ${q}`);
    }
  }
  return out;
}

/** Offsets, in the text after the edits, of the text each edit inserted. */
export function insertedRanges(text: string, edits: readonly TextEdit[]): Array<[number, number]> {
  const lines = new LineIndex(text);
  const sorted = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), length: e.newText.length })).sort((a, b) => a.start - b.start);
  let delta = 0;
  return sorted.map((e) => {
    const at = e.start + delta;
    delta += e.length - (e.end - e.start);
    return [at, at + e.length];
  });
}

/**
 * What is wrong with the quick fixes of a finding: `notRemoved` (the fix, applied, leaves as many
 * findings of its code: a broken fix) and `added` (other codes that appear; often legitimate: a
 * corrected week number reveals a Created date far from the week). WR060 inside text a fix
 * inserted is left for the author, as in test/unit/rules.test.ts.
 */
export function fixProblems(text: string, finding: Finding, profileIndex: number): { notRemoved: string[]; added: string[] } {
  const profile = profiles[profileIndex];
  const before = check(text, profile);
  const count = (list: Finding[], code: string) => list.filter((x) => x.code === code).length;
  const notRemoved: string[] = [];
  const added: string[] = [];
  for (const fix of finding.fixes) {
    const fixed = applyEdits(text, fix.edits);
    const after = check(fixed, profile);
    if (count(after, finding.code) >= count(before, finding.code)) notRemoved.push(`"${fix.title.en}" did not remove ${finding.code} at L${finding.range.start.line + 1}`);
    const inserted = insertedRanges(text, fix.edits);
    const lines = new LineIndex(fixed);
    const left = (x: Finding) => x.code === 'WR060' && inserted.some(([a, b]) => lines.offsetAt(x.range.start) >= a && lines.offsetAt(x.range.end) <= b);
    const remaining = after.filter((x) => !left(x));
    const codes = [...new Set(remaining.map((x) => x.code))].filter((c) => count(remaining, c) > count(before, c));
    if (codes.length) added.push(`${finding.code} → ${codes.join(', ')}`);
  }
  return { notRemoved, added };
}
