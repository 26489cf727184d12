import * as assert from 'node:assert/strict';
import { applyEdits, checkDocument, defaultProfile, LineIndex, parseReport, type Profile } from '../../server/src/core';
import { completionsAt, type CompletionEntry, type CompletionHistory } from '../../server/src/core/features/completion';
import { applyOverride } from '../../server/src/core/profile/load';
import { snippetToPlain } from '../../server/src/lsp/convert';

/** The cursor in a fixture text. */
const CURSOR = '‸';
const NOW = new Date(2024, 2, 21, 15, 43); // Thursday of 2024-W12

interface Options {
  fileName?: string;
  profile?: Profile;
  history?: CompletionHistory;
  now?: Date;
}

function split(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  assert.ok(offset >= 0, 'fixture without a cursor');
  return { text: marked.slice(0, offset) + marked.slice(offset + CURSOR.length), offset };
}

function complete(marked: string, options: Options = {}): CompletionEntry[] {
  const { text, offset } = split(marked);
  const profile = options.profile ?? defaultProfile;
  const lines = new LineIndex(text);
  const report = parseReport(text, { profile });
  return completionsAt({
    report,
    lines,
    position: lines.positionAt(offset),
    profile,
    now: options.now ?? NOW,
    fileName: options.fileName ?? '2024-W12.md',
    history: options.history,
  });
}

const labels = (entries: CompletionEntry[]): string[] => entries.map((e) => e.label);

/** Entries as the editor lists them: by sortText (stable). */
const sorted = (entries: CompletionEntry[]): CompletionEntry[] => [...entries].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));

function entry(entries: CompletionEntry[], label: string): CompletionEntry {
  const hit = entries.find((e) => e.label === label);
  assert.ok(hit, `no ${label} among ${JSON.stringify(labels(entries))}`);
  return hit;
}

/** The text after accepting an entry as is (snippet placeholders left with their defaults). */
function accept(marked: string, e: CompletionEntry): string {
  const { text } = split(marked);
  return applyEdits(text, [{ range: e.range, newText: e.snippet ? snippetToPlain(e.insertText) : e.insertText }]);
}

/** The line the cursor is on, with the cursor marker removed (what the range is measured in). */
function cursorLine(marked: string): string {
  const { text, offset } = split(marked);
  const lines = new LineIndex(text);
  return lines.lineText(lines.positionAt(offset).line);
}

const codes = (text: string, profile: Profile = defaultProfile, fileName = '2024-W12.md'): string[] =>
  checkDocument({ text, profile, fileName, now: NOW } as Parameters<typeof checkDocument>[0]).map((f) => f.code);

// ---------------------------------------------------------------- fixtures (our own reports)

/** A week in progress: key work, one OKR section, metrics half done; no incidents or goals yet. */
const PARTIAL = `# 2024-W12

Created: 2024年3月22日 10:05

## 【重点工作】
- 【聚合收银台】
    1. 新版收银台灰度10%，计划3/28全量
- 【清结算重构】整体进度45%，较上周40%新增5%进度

## 【O1 稳定运营】
- 渠道路由优化进度60%，预计4/10上线

## 【系统运行数据】

支付成功率：
- 入金有效成功率：99.981%
`;

describe('completion: week title', () => {
  it('offers the week of the file name on an empty first line', () => {
    const entries = complete(`${CURSOR}\n`, { fileName: '/home/me/reports/2024-W07.md' });
    assert.deepEqual(labels(entries), ['# 2024-W07']);
    assert.equal(entries[0].insertText, '# 2024-W07');
    assert.deepEqual(entries[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(entries[0].detail!.en, /file name.*2024-02-12 – 2024-02-18/);
  });

  it('offers the week of today when the file name names no week, in the profile title style', () => {
    assert.deepEqual(labels(complete(CURSOR, { fileName: 'untitled:Untitled-1' })), ['# 2024-W12']);
    const cn = applyOverride(defaultProfile, { titleStyle: 'cn' }).profile;
    assert.deepEqual(labels(complete(CURSOR, { fileName: 'notes.md', profile: cn })), ['# 第12周 2024-03-18']);
    // ISO week-based year: 2024-12-30 is in 2025-W01
    assert.deepEqual(labels(complete(CURSOR, { fileName: 'notes.md', now: new Date(2024, 11, 30, 9, 0) })), ['# 2025-W01']);
  });

  it('replaces a typed `#` or a partly typed title on the first line', () => {
    const e = complete(`#${CURSOR}`)[0];
    assert.equal(e.insertText, '# 2024-W12');
    assert.deepEqual(e.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
    const partial = complete(`# 2024-W${CURSOR}\n\n## 【生产事件】\n\n暂无\n`)[0];
    assert.equal(partial.label, '# 2024-W12');
    assert.equal(partial.range.end.character, 8);
    assert.ok(partial.filterText.startsWith('# 2024-W'), 'the typed text filters it in');
  });

  it('offers the title on the first non-blank line, and never a second title', () => {
    assert.deepEqual(labels(complete(`\n\n${CURSOR}\n## 【生产事件】\n`)), ['# 2024-W12']);
    // a title below: none above it
    assert.ok(!complete(`${CURSOR}\n# 2024-W12\n`).some((e) => e.kind === 'title'));
    // a title above: none on a later line
    assert.ok(!complete(`# 2024-W12\n\n#${CURSOR}\n`).some((e) => e.kind === 'title'));
    // a line with text is not a title being typed
    assert.deepEqual(complete(`hello${CURSOR}\n`), []);
  });
});

describe('completion: section headings', () => {
  it('offers only the sections the week lacks, in the profile order, each at its level', () => {
    const marked = `${PARTIAL}\n##${CURSOR}\n`;
    const entries = sorted(complete(marked));
    assert.deepEqual(labels(entries), ['【上周目标回顾】', '【O2 …】', '【生产事件】', '【其他】', '收获与反思', '下周工作及目标', '日报合集']);
    assert.deepEqual(
      entries.map((e) => e.insertText),
      ['## 【上周目标回顾】', '## 【O2 ${1}】', '## 【生产事件】', '## 【其他】', '## 收获与反思', '# 下周工作及目标', '# 日报合集'],
    );
    // the whole typed prefix is replaced: `##` becomes `#` for an H1 section
    const line = cursorLine(marked);
    for (const e of entries) assert.deepEqual([e.range.start.character, e.range.end.character], [0, line.length]);
    const accepted = accept(marked, entry(entries, '下周工作及目标'));
    assert.ok(accepted.includes('\n# 下周工作及目标\n'));
  });

  it('never offers a section the week has, even under an alias or at another level', () => {
    const text = `# 2024-W12\n\n### 【生产事故】\n\n暂无\n\n## 收获和反思\n\n暂无\n\n##${CURSOR}\n`;
    const offered = labels(complete(text));
    assert.ok(!offered.includes('【生产事件】'), 'incidents present under an alias at H3');
    assert.ok(!offered.includes('收获与反思'), 'reflections present under an alias');
    assert.ok(offered.includes('【系统运行数据】'));
  });

  it('looks at the cursor week only in a file with several weeks', () => {
    const text = `# 2024-W11\n\n## 【系统运行数据】\n\n暂无\n\n# 2024-W12\n\n##${CURSOR}\n`;
    assert.ok(labels(complete(text)).includes('【系统运行数据】'));
    const first = `# 2024-W11\n\n## 【系统运行数据】\n\n暂无\n\n##${CURSOR}\n\n# 2024-W12\n\n## 【生产事件】\n`;
    const offered = labels(complete(first));
    assert.ok(!offered.includes('【系统运行数据】'));
    assert.ok(offered.includes('【生产事件】'));
  });

  it('works while `## 【` is typed, and replaces a closing bracket already there', () => {
    const typed = complete(`# 2024-W12\n\n## 【${CURSOR}\n`);
    assert.ok(labels(typed).includes('【生产事件】'));
    const e = entry(typed, '【生产事件】');
    assert.equal(e.filterText, '## 【生产事件】');
    assert.deepEqual([e.range.start.character, e.range.end.character], [0, 4]);
    const closed = entry(complete(`# 2024-W12\n\n## 【${CURSOR}】\n`), '【生产事件】');
    assert.deepEqual([closed.range.start.character, closed.range.end.character], [0, 5]);
    // the filter text begins with what was typed, whatever the level
    assert.equal(entry(complete(`# 2024-W12\n\n###${CURSOR}\n`), '下周工作及目标').filterText, '### 下周工作及目标');
  });

  it('does not count the heading on the cursor line as present (completing it again)', () => {
    const offered = labels(complete(`# 2024-W12\n\n## 【生产事件${CURSOR}】\n\n暂无\n`));
    assert.ok(offered.includes('【生产事件】'));
  });

  it('offers nothing in the middle of a heading with text after the cursor', () => {
    assert.deepEqual(complete(`# 2024-W12\n\n## 【生产${CURSOR}事件】\n`), []);
  });

  it('offers no heading above text of a section (it would take that text from its section)', () => {
    const marked = `# 2024-W12\n\n## 【系统运行数据】\n\n支付成功率：\n##${CURSOR}\n- 入金有效成功率：99.99%\n`;
    assert.deepEqual(complete(marked), []);
    // above the next heading, with blank lines between: offered
    assert.ok(complete(`# 2024-W12\n\n##${CURSOR}\n\n## 【系统运行数据】\n\n暂无\n`).length > 0);
  });

  it('offers only 【重点工作】 above project items written right under the title', () => {
    const marked = `# 2024-W12\n\n##${CURSOR}\n- 【聚合收银台】进度30%\n- 【清结算重构】进度45%\n\n## 【生产事件】\n\n暂无\n`;
    const entries = complete(marked);
    assert.deepEqual(labels(entries), ['【重点工作】']);
    assert.equal(entries[0].insertText, '## 【重点工作】');
  });

  it('preselects the section whose canonical place is at the cursor', () => {
    const entries = complete(`${PARTIAL}\n##${CURSOR}\n`);
    assert.deepEqual(entries.filter((e) => e.preselect).map((e) => e.label), ['【生产事件】']);
  });

  it('offers the headings on an empty line of a section, after nothing else', () => {
    const entries = complete(`# 2024-W12\n\n## 【重点工作】\n- 【聚合收银台】进度30%\n\n${CURSOR}\n`);
    assert.ok(entries.length > 0 && entries.every((e) => e.kind === 'section' || e.kind === 'okr'));
    assert.equal(entry(entries, '【生产事件】').filterText, '【生产事件】');
  });
});

describe('completion: OKR headings', () => {
  it('offers the next O-number after the OKR sections above', () => {
    const text = `# 2024-W12\n\n## 【O1 稳定运营】\n\n暂无\n\n## 【O2 体验升级】\n\n暂无\n\n##${CURSOR}\n`;
    const e = entry(complete(text), '【O3 …】');
    assert.equal(e.insertText, '## 【O3 ${1}】');
    assert.equal(e.snippet, true);
    assert.equal(e.kind, 'okr');
  });

  it('fills a gap between two OKR sections, and offers none where every number would break the order', () => {
    const gap = `# 2024-W12\n\n## 【O1 稳定运营】\n\n暂无\n\n##${CURSOR}\n\n## 【O3 降本提效】\n\n暂无\n`;
    assert.deepEqual(complete(gap).filter((e) => e.kind === 'okr').map((e) => e.label), ['【O2 …】']);
    const tight = `# 2024-W12\n\n## 【O1 稳定运营】\n\n暂无\n\n##${CURSOR}\n\n## 【O2 降本提效】\n\n暂无\n`;
    assert.deepEqual(complete(tight).filter((e) => e.kind === 'okr'), []);
    const first = `# 2024-W12\n\n##${CURSOR}\n\n## 【系统运行数据】\n\n暂无\n`;
    assert.equal(complete(first).find((e) => e.kind === 'okr')?.label, '【O1 …】');
  });

  it("uses last week's title for that number when history is given", () => {
    const history: CompletionHistory = { okrTitles: new Map([[2, '体验升级'], [3, '降本$提效']]) };
    const text = `# 2024-W12\n\n## 【O1 稳定运营】\n\n暂无\n\n##${CURSOR}\n`;
    const e = complete(text, { history }).find((x) => x.kind === 'okr')!;
    assert.equal(e.label, '【O2 体验升级】');
    assert.equal(e.insertText, '## 【O2 ${1:体验升级}】');
    assert.match(e.documentation!['zh-cn'], /上周标题：体验升级/);
  });

  it('follows the profile prefix, level and bracketing', () => {
    const profile = applyOverride(defaultProfile, { okr: { prefix: 'KR' }, sections: [{ id: 'okr', level: 3, bracketed: false }] }).profile;
    const e = complete(`# 2024-W12\n\n#${CURSOR}\n`, { profile }).find((x) => x.kind === 'okr')!;
    assert.equal(e.insertText, '### KR1 ${1}');
  });
});

describe('completion: metrics', () => {
  const METRICS = `# 2024-W12

## 【系统运行数据】

支付成功率：
- 出金有效成功率：99.962% ，一次支付成功率：99.28%
系统可用性：
- 支付系统年度可用性：99.998%
`;

  it('offers the metrics not yet present, in profile order, with the cursor on the value', () => {
    const marked = `${METRICS}-${CURSOR}\n`;
    const entries = sorted(complete(marked));
    // 出金 and 一次支付 share a line; 年度可用性 is there under an alias
    assert.deepEqual(labels(entries), ['入金有效成功率', '事故数']);
    assert.equal(entries[0].insertText, '- 入金有效成功率：${1:xx}%');
    assert.equal(entries[1].insertText, '- 事故数AB级${1}次，CD级${2}次');
    assert.ok(entries.every((e) => e.snippet && e.kind === 'metric'));
    assert.deepEqual(entries[0].range, { start: { line: 8, character: 0 }, end: { line: 8, character: 1 } });
    assert.equal(entries[0].filterText, '- 入金有效成功率', 'typing a space after the marker keeps it listed');
    assert.match(entries[0].detail!.en, /Required metric/);
    assert.match(entries[0].documentation!['zh-cn'], /目标：≥ 99.95%/);
  });

  it('keeps the indentation and the typed marker, and filters by the typed name', () => {
    const entries = complete(`${METRICS}  * 入${CURSOR}\n`);
    const e = entry(entries, '入金有效成功率');
    assert.equal(e.insertText, '* 入金有效成功率：${1:xx}%');
    assert.deepEqual([e.range.start.character, e.range.end.character], [2, 5]);
    assert.equal(e.filterText, '* 入金有效成功率');
  });

  it('never offers a metric the week has, and offers nothing once a value is being typed', () => {
    const all = `${METRICS}- 入金有效成功率：99.99%\n- 事故数AB级0次，CD级0.5次\n${CURSOR}\n`;
    assert.deepEqual(complete(all).filter((e) => e.kind === 'metric'), []);
    assert.deepEqual(complete(`${METRICS}- 入金有效成功率：9${CURSOR}\n`), []);
  });

  it('offers the metric written on the cursor line again (it is the one being completed)', () => {
    const entries = complete(`${METRICS}- 入金有效成功率${CURSOR}\n`);
    assert.ok(labels(entries).includes('入金有效成功率'));
  });

  it('leaves values the rules report until filled in: xx% (WR060), empty counts (WR021)', () => {
    const marked = `${METRICS}${CURSOR}\n\n## 【生产事件】\n\n暂无\n\n# 下周工作及目标\n\n1. 复盘\n2. 上线\n3. 盘点\n`;
    const before = codes(split(marked).text);
    const afterPercent = codes(accept(marked, entry(complete(marked), '入金有效成功率')));
    assert.deepEqual(afterPercent.filter((c) => !before.includes(c)), ['WR060']);
    const afterGrades = codes(accept(marked, entry(complete(marked), '事故数')));
    assert.ok(afterGrades.includes('WR021'), afterGrades.join());
    // filled in, nothing is left
    const filled = accept(marked, entry(complete(marked), '入金有效成功率')).replace('xx%', '99.99%');
    assert.ok(!codes(filled).includes('WR060'));
  });

  it('uses an empty value when the profile has no percent placeholder', () => {
    const profile = applyOverride(defaultProfile, { placeholders: ['TODO'] }).profile;
    assert.equal(entry(complete(`${METRICS}-${CURSOR}\n`, { profile }), '入金有效成功率').insertText, '- 入金有效成功率：${1}%');
  });

  it("shows last week's value from history", () => {
    const history: CompletionHistory = { metricValues: new Map([['depositSuccessRate', '99.974%']]) };
    const e = entry(complete(`${METRICS}-${CURSOR}\n`, { history }), '入金有效成功率');
    assert.match(e.detail!['zh-cn'], /上周：99.974%/);
    assert.match(e.documentation!.en, /Last week: 99.974%/);
  });

  it('offers no metrics outside the metrics section', () => {
    const text = `# 2024-W12\n\n## 【重点工作】\n\n-${CURSOR}\n\n## 【系统运行数据】\n\n暂无\n`;
    assert.deepEqual(complete(text), []);
  });
});

describe('completion: incidents', () => {
  it('offers a timestamp for now at the start of a new entry', () => {
    const marked = `# 2024-W12\n\n## 【生产事件】\n\n${CURSOR}\n`;
    const entries = complete(marked);
    const e = entries[0];
    assert.equal(e.kind, 'timestamp');
    assert.equal(e.insertText, '3/21 15:43 ');
    assert.deepEqual(e.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } });
    assert.equal(e.preselect, true);
  });

  it('pads the time, not the date, and follows a section written as a list', () => {
    const marked = `# 2024-W12\n\n## 【生产事件】\n- 3/19 10:05 收单网关超时，10:30恢复\n${CURSOR}\n`;
    assert.equal(complete(marked, { now: new Date(2024, 2, 20, 8, 5) })[0].insertText, '- 3/20 08:05 ');
  });

  it('replaces a typed marker and a partly typed timestamp', () => {
    const e = complete(`# 2024-W12\n\n## 【生产事件】\n\n- 3/2${CURSOR}\n`)[0];
    assert.equal(e.insertText, '- 3/21 15:43 ');
    assert.deepEqual([e.range.start.character, e.range.end.character], [0, 5]);
    assert.equal(e.filterText, '- 3/21 15:43');
  });

  it('gives an entry without a timestamp one (what WR040 asks), and leaves a stamped one alone', () => {
    const marked = `# 2024-W12\n\n## 【生产事件】\n\n${CURSOR}退款回调积压，已扩容处理\n`;
    const e = complete(marked)[0];
    assert.equal(e.kind, 'timestamp');
    assert.equal(accept(marked, e).split('\n')[4], '3/21 15:43 退款回调积压，已扩容处理');
    assert.ok(!complete(`# 2024-W12\n\n## 【生产事件】\n\n${CURSOR}3/19 10:05 收单网关超时\n`).some((x) => x.kind === 'timestamp'));
  });

  it('works under an incidents heading at another level', () => {
    const text = `# 2024-W12\n\n## 【O1 稳定运营】\n\n暂无\n\n### 【生产事件】\n\n${CURSOR}\n`;
    assert.equal(complete(text)[0].kind, 'timestamp');
  });
});

describe('completion: project names', () => {
  const KEY_WORK = `# 2024-W12

## 【重点工作】
- 【聚合收银台】进度30%
- 【清结算重构】
    1. 【对账引擎】研发50%
- 【聚合收银台】
`;

  it('offers the projects of this document after `- 【`, latest first, once each', () => {
    const marked = `${KEY_WORK}- 【${CURSOR}\n`;
    const entries = sorted(complete(marked));
    assert.deepEqual(labels(entries), ['聚合收银台', '对账引擎', '清结算重构']);
    const e = entries[0];
    assert.equal(e.insertText, '聚合收银台】');
    assert.deepEqual([e.range.start.character, e.range.end.character], [3, 3]);
    assert.equal(accept(marked, e).split('\n').at(-2), '- 【聚合收银台】');
  });

  it('replaces the typed part and a closing bracket already there', () => {
    const e = complete(`${KEY_WORK}- 【清${CURSOR}】进度10%\n`).find((x) => x.label === '清结算重构')!;
    assert.deepEqual([e.range.start.character, e.range.end.character], [3, 5]);
    assert.equal(e.filterText, '清结算重构');
  });

  it('does not offer the name on the cursor line itself, and adds history after the document', () => {
    const history: CompletionHistory = { projects: ['风控中台', '聚合收银台'] };
    const entries = sorted(complete(`# 2024-W12\n\n## 【重点工作】\n- 【对账引擎】进度20%\n- 【聚合${CURSOR}】\n`, { history }));
    assert.deepEqual(labels(entries), ['对账引擎', '风控中台', '聚合收银台']);
    assert.match(entries[1].detail!.en, /earlier report/);
  });
});

describe('completion: never offers what creates a finding', () => {
  const REPORT = `# 2024-W12

## 【重点工作】
- 【聚合收银台】进度30%，计划3/28上线

## 【O1 稳定运营】
- 渠道路由优化进度60%

## 【O3 降本提效】
- 机房迁移进度20%

## 【系统运行数据】

支付成功率：
- 入金有效成功率：99.981%

## 【生产事件】
- 3/19 10:05 收单网关超时，10:30恢复，共持续25min

# 下周工作及目标
1. 灰度收银台
2. 迁移机房
3. 复盘超时
`;

  const count = (list: string[], code: string): number => list.filter((c) => c === code).length;

  /** Findings that only say "fill this in": an empty new section, a value left to fill. */
  const TO_FILL = new Set(['WR013', 'WR021', 'WR060']);

  it('accepting any item at any line adds no finding other than values left to fill in', () => {
    const base = codes(REPORT);
    const lines = REPORT.split('\n');
    let tried = 0;
    for (let line = 0; line < lines.length; line++) {
      for (const prefix of ['', '#', '##', '-', '- 【']) {
        if (lines[line] !== '' && prefix === '') continue;
        // the prefix typed on a new line inserted after `line`
        const marked = [...lines.slice(0, line + 1), `${prefix}${CURSOR}`, ...lines.slice(line + 1)].join('\n');
        const withLine = codes(split(marked).text);
        for (const e of complete(marked)) {
          tried++;
          const after = codes(accept(marked, e));
          const added = [...new Set(after)].filter((c) => !TO_FILL.has(c) && count(after, c) > Math.max(count(withLine, c), count(base, c)));
          assert.deepEqual(added, [], `${JSON.stringify(e.label)} after line ${line + 1} (${JSON.stringify(prefix)}) adds ${added.join()}`);
        }
      }
    }
    assert.ok(tried > 100, `only ${tried} items tried`);
  });

  it('fills the report up: the missing sections and metrics offered are exactly the ones WR010/WR020 ask for', () => {
    const marked = `${REPORT}\n##${CURSOR}\n`;
    const offered = labels(complete(marked));
    assert.ok(!offered.includes('【系统运行数据】') && !offered.includes('【生产事件】') && !offered.includes('下周工作及目标'));
    assert.ok(!offered.includes('【O1 …】') && !offered.includes('【O2 …】') && !offered.includes('【O3 …】'));
    assert.ok(offered.includes('【O4 …】'));
  });
});

describe('completion: ranges and robustness', () => {
  const ODD = '\uFEFF# 2024-W12\r\n\r\n## 【系统运行数据】\r\n\r\n支付成功率：\r\n- 入金有效成功率：99.99%\r\n-\r\n\r\n## 【生产事件】\r\n- \r\n\r\n## 【重点工作】\r\n- 【\r\n##\r\n#\r\n```\r\n## 【\r\n';

  it('answers every position of odd text (BOM, CRLF, open code fence) with ranges on the cursor line that contain the cursor', () => {
    const lines = new LineIndex(ODD);
    const report = parseReport(ODD, { profile: defaultProfile });
    let offered = 0;
    for (let line = 0; line < lines.lineCount; line++) {
      const length = lines.lineText(line).length;
      for (let character = 0; character <= length + 2; character++) {
        const position = { line, character };
        const entries = completionsAt({ report, lines, position, profile: defaultProfile, now: NOW, fileName: '2024-W12.md' });
        offered += entries.length;
        for (const e of entries) {
          assert.equal(e.range.start.line, line, `${e.label} at ${line}:${character}`);
          assert.equal(e.range.end.line, line);
          assert.ok(e.range.start.character <= Math.min(character, length) && Math.min(character, length) <= e.range.end.character, `${e.label} at ${line}:${character}`);
          assert.ok(e.range.end.character <= length);
        }
      }
    }
    assert.ok(offered > 0);
    // inside the code block: nothing
    assert.deepEqual(completionsAt({ report, lines, position: { line: lines.lineCount - 2, character: 4 }, profile: defaultProfile, now: NOW }), []);
    // positions outside the text
    assert.deepEqual(completionsAt({ report, lines, position: { line: 99, character: 0 }, profile: defaultProfile, now: NOW }), []);
    assert.deepEqual(completionsAt({ report, lines, position: { line: -1, character: 0 }, profile: defaultProfile, now: NOW }), []);
  });
});
