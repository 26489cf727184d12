/** Everything the command-line tool itself prints, in English and Simplified Chinese. */
import type { Localized } from '../core/l10n';

export const HELP: Localized = {
  en: `Usage: zhoubao <command> [options]

Commands:
  check [files, directories or globs…]   check weekly reports (default: every *.md under the
                                         current directory, filtered by the profile's include
                                         and exclude globs)
  rules                                  list the rule catalogue
  new [--week 2024-W13] [--dir DIR]      create next week's report from the latest one (its goals
                                         and pending postmortems carried over); an existing file
                                         only gets the goals it lacks, nothing is overwritten
  trend [--from 2024-W01] [--to 2024-W34] [--format html|svg|csv|json] [--out FILE] [--dir DIR]
                                         metric trends, incidents per week by grade and project
                                         progress across the weeks (default: a standalone HTML page)
  rollup --month 2024-06 | --quarter 2024-Q2 | --half 2024-H1 [--out FILE] [--dir DIR]
                                         a Markdown draft summarising the period's reports (the
                                         ISO weeks whose Thursday falls in the period)

Options:
  -f, --format <text|json|sarif>   output format (default: text; rules: text or json)
  -p, --profile <file>             team profile (default: .zhoubao.json in the current directory)
      --locale <en|zh-cn>          language of the messages (default: from LC_ALL, LC_MESSAGES, LANG)
  -q, --quiet                      report errors only
  -w, --week <2024-W13>            new: the week to create (default: after the latest report)
  -d, --dir <DIR>                  new, trend, rollup: the folder of the reports (default: current directory)
  -o, --out <FILE>                 trend, rollup: write to FILE instead of the standard output
  -h, --help                       show this help
  -v, --version                    show the version

Exit codes: 0 no error-level finding, 1 at least one error-level finding,
            2 bad arguments or unreadable input.
  new: 0 created, updated or nothing to do, 1 no earlier report, 2 cannot write.
  trend, rollup: 0 written, 1 no report (in the folder or the period), 2 cannot write.
Cross-week checks (WR006, WR025, WR031, WR051) compare the files checked together.
Colour: only when the output is a terminal; NO_COLOR turns it off, FORCE_COLOR on.
`,
  'zh-cn': `用法：zhoubao <命令> [选项]

命令：
  check [文件、目录或 glob…]             检查周报（默认：当前目录下所有 *.md，
                                         按配置文件的 include 和 exclude 过滤）
  rules                                  列出规则清单
  new [--week 2024-W13] [--dir 目录]     根据最近一份周报新建下周周报（承接其下周目标和
                                         待复盘事件）；文件已存在时只补充缺少的目标，不覆盖
  trend [--from 2024-W01] [--to 2024-W34] [--format html|svg|csv|json] [--out 文件] [--dir 目录]
                                         各周的指标趋势、按等级的每周事故数和项目进度
                                         （默认输出独立的 HTML 页面）
  rollup --month 2024-06 | --quarter 2024-Q2 | --half 2024-H1 [--out 文件] [--dir 目录]
                                         汇总该周期周报的 Markdown 草稿（周四落在该周期内的
                                         ISO 周）

选项：
  -f, --format <text|json|sarif>   输出格式（默认 text；rules 命令支持 text 或 json）
  -p, --profile <文件>             团队配置文件（默认：当前目录下的 .zhoubao.json）
      --locale <en|zh-cn>          消息语言（默认取自 LC_ALL、LC_MESSAGES、LANG）
  -q, --quiet                      只报告错误
  -w, --week <2024-W13>            new：要新建的周（默认：最近一份周报的下一周）
  -d, --dir <目录>                 new、trend、rollup：周报所在目录（默认：当前目录）
  -o, --out <文件>                 trend、rollup：写入文件，而不是标准输出
  -h, --help                       显示本帮助
  -v, --version                    显示版本号

退出码：0 没有错误级别的问题，1 至少有一个错误级别的问题，
        2 参数错误或输入无法读取。
  new：0 已新建、已补充或无需改动，1 没有更早的周报，2 无法写入。
  trend、rollup：0 已写入，1 没有周报（目录或周期内），2 无法写入。
跨周检查（WR006、WR025、WR031、WR051）在一同检查的文件之间进行比较。
颜色：仅在输出到终端时启用；设置 NO_COLOR 关闭，设置 FORCE_COLOR 强制开启。
`,
};

export const MSG = {
  usageHint: { en: "Run 'zhoubao --help' for usage.", 'zh-cn': '运行 “zhoubao --help” 查看用法。' },
  noCommand: { en: 'No command given.', 'zh-cn': '没有指定命令。' },
  unknownCommand: { en: 'Unknown command "{0}".', 'zh-cn': '未知命令“{0}”。' },
  badArgs: { en: 'Invalid arguments: {0}', 'zh-cn': '参数无效：{0}' },
  badFormat: { en: 'Unknown format "{0}": use {1}.', 'zh-cn': '未知的输出格式“{0}”：请使用 {1}。' },
  badLocale: { en: 'Unknown locale "{0}": use en or zh-cn.', 'zh-cn': '未知的语言“{0}”：请使用 en 或 zh-cn。' },
  newNoPaths: { en: 'The new command takes no files: use --dir DIR.', 'zh-cn': 'new 命令不接受文件参数：请使用 --dir 目录。' },
  badWeek: { en: 'Invalid week "{0}": write it as 2024-W13.', 'zh-cn': '无效的周“{0}”：请写成 2024-W13 的形式。' },
  trendNoPaths: { en: 'The trend command takes no files: use --dir DIR.', 'zh-cn': 'trend 命令不接受文件参数：请使用 --dir 目录。' },
  rollupNoPaths: { en: 'The rollup command takes no files: use --dir DIR.', 'zh-cn': 'rollup 命令不接受文件参数：请使用 --dir 目录。' },
  rollupOnePeriod: {
    en: 'The rollup command needs exactly one of --month 2024-06, --quarter 2024-Q2, --half 2024-H1.',
    'zh-cn': 'rollup 命令需要且只需要 --month 2024-06、--quarter 2024-Q2、--half 2024-H1 之一。',
  },
  badPeriod: { en: 'Invalid period "{0}": write it as {1}.', 'zh-cn': '无效的周期“{0}”：请写成 {1} 的形式。' },
  fromAfterTo: { en: '--from {0} is after --to {1}.', 'zh-cn': '--from {0} 晚于 --to {1}。' },
  rulesNoPaths: { en: 'The rules command takes no files.', 'zh-cn': 'rules 命令不接受文件参数。' },
  notFound: { en: 'No such file or directory: {0}', 'zh-cn': '文件或目录不存在：{0}' },
  noMatch: { en: 'No files match the pattern "{0}".', 'zh-cn': '没有文件匹配 “{0}”。' },
  emptyDir: { en: 'No Markdown files found in {0}.', 'zh-cn': '在 {0} 中没有找到 Markdown 文件。' },
  unreadableDir: { en: 'Cannot read the directory {0}: {1}', 'zh-cn': '无法读取目录 {0}：{1}' },
  unreadableFile: { en: 'Cannot read the file {0}: {1}', 'zh-cn': '无法读取文件 {0}：{1}' },
  unreadableProfile: { en: 'Cannot read the profile {0}: {1}', 'zh-cn': '无法读取配置文件 {0}：{1}' },
  ruleFailed: {
    en: 'Internal error: rule {0} failed on {1} and was skipped: {2}',
    'zh-cn': '内部错误：规则 {0} 在 {1} 上执行失败，已跳过：{2}',
  },
  summary: {
    en: '{0} ({1}, {2}, {3}, {4}) in {5} ({6} checked)',
    'zh-cn': '{0}（{1}，{2}，{3}，{4}），涉及 {5}（共检查 {6} 个文件）',
  },
  noProblems: { en: 'No problems ({0} checked).', 'zh-cn': '没有发现问题（共检查 {0} 个文件）。' },
  rulesHeader: { en: 'code\tseverity\tfixable\tdescription', 'zh-cn': '代码\t级别\t可修复\t说明' },
  yes: { en: 'yes', 'zh-cn': '是' },
  no: { en: 'no', 'zh-cn': '否' },
  profileRule: {
    en: 'The team profile (.zhoubao.json) is invalid; the defaults stay in force.',
    'zh-cn': '团队配置文件（.zhoubao.json）无效，继续使用默认配置。',
  },
  encodingRule: {
    en: 'The file is not valid UTF-8 text, or it is binary.',
    'zh-cn': '文件不是有效的 UTF-8 文本，或者是二进制文件。',
  },
} satisfies Record<string, Localized>;

/** Severity words of the text format. */
export const SEVERITY_LABEL = {
  error: { en: 'error', 'zh-cn': '错误' },
  warning: { en: 'warning', 'zh-cn': '警告' },
  information: { en: 'info', 'zh-cn': '信息' },
  hint: { en: 'hint', 'zh-cn': '提示' },
} satisfies Record<string, Localized>;

/** Counted nouns: `1 problem`, `2 problems`, `2 个问题`. */
export const COUNTED = {
  problem: { en: ['problem', 'problems'], 'zh-cn': '个问题' },
  error: { en: ['error', 'errors'], 'zh-cn': '个错误' },
  warning: { en: ['warning', 'warnings'], 'zh-cn': '个警告' },
  information: { en: ['info', 'infos'], 'zh-cn': '个信息' },
  hint: { en: ['hint', 'hints'], 'zh-cn': '个提示' },
  file: { en: ['file', 'files'], 'zh-cn': '个文件' },
} as const;

export function counted(n: number, noun: keyof typeof COUNTED, locale: 'en' | 'zh-cn'): string {
  const c = COUNTED[noun];
  return locale === 'zh-cn' ? `${n} ${c['zh-cn']}` : `${n} ${n === 1 ? c.en[0] : c.en[1]}`;
}
