/**
 * Warming up the keystroke path. A fresh server runs its first few hundred keystrokes about twice
 * as slowly as later ones: the code that parses a change, checks the edited week and answers
 * hover and completion is still interpreted until V8's JIT has seen it run often enough
 * (docs/performance.md, item 45). `warmUp` types into a report of its own, keystroke by keystroke,
 * doing what an edit in the editor does, so that an idle server can get that compiling done
 * before the user's first keystroke.
 *
 * Pure and private: its own text, line index, workspace index and findings cache, none of which
 * any caller sees; the document is the same at the end as at the start (every character typed is
 * deleted again).
 */
import { checkDocument, FindingsCache } from './check';
import { completionHistory, completionsAt, type CompletionEntry } from './features/completion';
import { historyHoverAt, withHistory, type HistoryHover } from './features/history';
import { hoverAt } from './features/hover';
import { documentSymbols } from './features/symbols';
import { parseReport, type ParsedReport } from './parse';
import type { Profile } from './profile/schema';
import type { Finding } from './rules/types';
import { LineIndex, type Position } from './text';
import { WorkspaceIndex } from './workspace';

/** What one keystroke of the warm-up produced, for the caller to convert as it would an editor's. */
export interface WarmUpStep {
  findings: Finding[];
  hover: HistoryHover | undefined;
  completions: CompletionEntry[];
  /** the position typed at (after the character typed) */
  position: Position;
  /** the document after this keystroke */
  text: string;
  /** what was typed (a digit or a line break), or '' for a deletion */
  typed: string;
}

/** Keystrokes typed (and deleted again) by one warm-up. */
export const WARM_UP_KEYSTROKES = 320;

const URI = 'zhoubao-warm-up:/2024-W20.md';
const FILE_NAME = '2024-W20.md';

/**
 * The warm-up's keystrokes, one per `next()`: a character typed at the end of a line (a digit,
 * now and then a line break), then deleted again, at lines spread over the sample report.
 */
export function* warmUp(profile: Profile, now: Date = new Date()): Generator<WarmUpStep, void, undefined> {
  let text = warmUpReport();
  let lines = new LineIndex(text);
  let report: ParsedReport = parseReport(text, { profile, editing: true });
  const index = new WorkspaceIndex();
  const cache = new FindingsCache();
  const history = index.historyFor(URI);
  const check = (): Finding[] => {
    index.set(URI, text, profile, 'editor', report);
    return checkDocument({ text, profile, fileName: FILE_NAME, report, lines, cache, history, now });
  };
  check();
  const targets = typingLines(text);
  for (let i = 0; i < WARM_UP_KEYSTROKES / 2; i++) {
    const line = targets[i % targets.length]!;
    const typed = i % 6 === 5 ? '\n' : String(i % 10);
    const at = lines.lineEnd(line);
    for (const [prefix, removed, inserted] of [
      [at, 0, typed],
      [at, typed.length, ''],
    ] as const) {
      const before = text.length;
      text = text.slice(0, prefix) + inserted + text.slice(prefix + removed);
      const unchanged = { prefix, suffix: before - prefix - removed };
      lines = lines.edited(text, unchanged);
      report = parseReport(text, { profile, previous: report, unchanged, editing: true });
      const findings = check();
      const position = lines.positionAt(prefix + inserted.length);
      const hover = withHistory(hoverAt(report, position, profile), historyHoverAt(report, position, index));
      const completions = completionsAt({ report, lines, position, profile, now, fileName: FILE_NAME, history: completionHistory(index, report, position, profile, FILE_NAME) });
      documentSymbols(report, lines, profile);
      yield { findings, hover, completions, position, text, typed: inserted };
    }
  }
}

/** Lines to type at, spread over the report (not blank lines, not headings: the weeks stay as they are). */
function typingLines(text: string): number[] {
  const all = text.split('\n');
  const out: number[] = [];
  for (let i = 0; i < 97; i++) {
    let l = Math.floor(((i * 0.618 + 0.3) % 1) * all.length);
    while (l < all.length - 1 && (all[l]!.trim() === '' || all[l]!.startsWith('#'))) l++;
    out.push(l);
  }
  return out;
}

/**
 * The warm-up's report: three consecutive weeks in one file, newest first, with what the rules
 * read (projects with progress and plan dates, OKR sections, metrics, incidents with timestamps
 * and durations, goals carried from week to week) and a few findings of their own.
 */
export function warmUpReport(): string {
  return [
    week(20, '2024年5月17日 18:30', [82, 64, 45], ['99.981%', '99.962%'], '99.995%', ['05/14 09:12 清算文件延迟生成，09:40 恢复，共持续28min', '05/16 21:05 出款通道超时率升高，切换备用通道，21:35 恢复，共持续20min【待复盘】'], ['账户系统冷热分离二期评审', '对账差错规则上线', '大促容量评估初稿']),
    week(19, '2024年5月10日 17:45', [70, 66, 30], ['99.978%', '99.941%'], '99.996%', ['无'], ['账户系统冷热分离二期评审', '对账差错规则灰度', '证书到期监控上线']),
    week(18, '2024年5月3日 19:02', [55, 48, 20], ['99.990%', '99.970%'], '99.997%', ['04/29 14:20 营销配置错误导致部分订单立减异常，14:45 回滚，共持续25min'], ['对账差错规则灰度', '收银台小程序版本上线']),
  ].join('\n');
}

function week(n: number, created: string, progress: readonly number[], rates: readonly string[], availability: string, incidents: readonly string[], goals: readonly string[]): string {
  const [a, b, c] = progress;
  return `# 2024-W${n}

Created: ${created}

## 【重点工作】

${projects(n, progress)}
## 【O1 业务服务】

- 租金分期，新增城市接入，本周完成${n - 10}项，剩余${30 - n}项
- 商户开票：电子发票接入，进度${c}%，计划7/${n % 20 + 5}上线

## 【O2 能力升级】

- 账户系统，冷热分离一期迁移进度${a}%，较上周提升${n % 7 + 3}%
- 对账平台，差错自动处理规则，进度${b}%，计划6/9上线

## 【系统运行数据】

支付成功率：

- 入金有效成功率：${rates[0]}
- 出金有效成功率：${rates[1]}

系统可用性：

- 年度可用性：${availability}
- 事故数AB级0次，C级${incidents[0] === '无' ? 0 : 1}次，D级${incidents.length > 1 ? 1 : 0}次

## 【生产事件】

${incidents.join('\n\n')}

## 【其他】

1. Q2 OKR 复盘会
2. 新人导师结对安排

## 收获与反思

灰度期间指标平稳，回滚预案要在预发环境演练一遍再上线。

# 下周工作及目标

${goals.map((g, i) => `${i + 1}. ${g}`).join('\n')}
`;
}

const PROJECTS = ['清结算重构', '跨境收款', '风控规则引擎', '对账平台', '账户系统升级', '营销券平台', '资金归集', '收银台改版'];
const PARTNERS = ['万里汇', '连连', '银联', '网联', '招行直连', '支付宝'];
const STAGES = ['联调完成', '代码走查完成', '压测完成', '方案评审通过', '灰度放量到30%', '需求确认'];

/** The key-work section's projects: numbered sub-lists two levels deep, or a paragraph with the whole project's progress. */
function projects(n: number, progress: readonly number[]): string {
  return PROJECTS.map((name, p) => {
    const pct = (k: number): number => (progress[(p + k) % progress.length]! + p * 7 + k * 3) % 100;
    const head = p % 3 === 2 ? `- ${name}` : `- 【${name}】`;
    if (p % 4 === 3) return `${head}\n\n    ${name}本周完成服务边界评审，${PARTNERS[(n + p) % PARTNERS.length]}侧${STAGES[p % STAGES.length]}，整体进度${pct(0)}%，计划6/${(n + p) % 27 + 1}上线。\n`;
    const groups = ['业务对接', '技术改造'].map((g, k) => {
      const items = [0, 1].map((i) => `        ${i + 1}. ${PARTNERS[(n + p + k + i) % PARTNERS.length]}，${STAGES[(p + k + i) % STAGES.length]}，进度${pct(k + i)}%，计划${6 + ((p + i) % 2)}/${(n + p * 3 + i) % 27 + 1}`);
      return `    ${k + 1}. ${g}：\n${items.join('\n')}`;
    });
    return `${head}\n${groups.join('\n')}`;
  }).join('\n');
}
