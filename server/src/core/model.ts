/**
 * The typed model of a weekly report, produced by `parse/` and read by rules and features.
 * All ranges are 0-based LSP-style positions in the whole document (UTF-16 characters).
 * Parsing never fails: whatever the text, a `Report` comes out; odd constructs are kept
 * with `valid: false` or simply not recognised, and the rules turn them into findings.
 */
import type { Range } from './text';

/** The role a known section plays; a profile section has at most one role. */
export type SectionRole =
  | 'review' // 上周目标回顾 (carried-over goals as a task list)
  | 'keyWork' // 重点工作
  | 'okr' // 【O1 业务服务】… (numbered)
  | 'metrics' // 系统运行数据
  | 'incidents' // 生产事件
  | 'other' // 其他
  | 'reflection' // 收获与反思
  | 'goals' // 下周工作及目标
  | 'daily'; // 日报合集

export interface YMD {
  year: number;
  month: number;
  day: number;
}

export interface TextSpan {
  text: string;
  range: Range;
}

// ------------------------------------------------------------------ titles and metadata

export interface WeekTitle {
  /** the whole heading line, `# ` included */
  range: Range;
  /** the heading's text (after `# `) */
  textRange: Range;
  text: string;
  level: number;
  /** `iso`: `2024-W12` / `2024-w25`; `cn`: `第46周 2023-11-13` */
  style: 'iso' | 'cn';
  /** ISO week-based year and week number as written in the title */
  year: number;
  week: number;
  /** the `2024-W12` or `第46周` part */
  weekRange: Range;
  /** `2024-w25`: a lowercase w (non-canonical) */
  lowercaseW: boolean;
  /** cn style: the date written after the week number (meant to be that week's Monday) */
  date?: TitleDate;
  /** the week is a real ISO week (1..52/53 of that year) */
  valid: boolean;
}

export interface TitleDate extends YMD {
  range: Range;
  raw: string;
  /** `-` in `2023-11-13`, `/` in `2023/11/13`, `.` in `2023.11.13` */
  separator: string;
  /** the date exists in the calendar */
  valid: boolean;
}

/** `Created: 2024年3月22日 14:52` */
export interface CreatedLine {
  range: Range;
  /** the part after `Created:` */
  valueRange: Range;
  raw: string;
  date?: YMD;
  time?: { hour: number; minute: number };
  /** the date and time exist (no 2/30, no 25:61) */
  valid: boolean;
}

// ------------------------------------------------------------------ phrases inside text

/** `进度95%`, `整体进度21.95%`, `测试进度 80%`, `研发30%`, `进度约80%`, `项目总体进度：55%` */
export interface Progress {
  /** the percentage as written (may be out of 0..100: rules check) */
  value: number;
  /** the label before the number: `进度`, `整体进度`, `测试进度`, `研发`… */
  label: string;
  /** the whole phrase */
  range: Range;
  /** the number with its `%` */
  valueRange: Range;
  approximate: boolean;
}

/**
 * A plan date: `计划3/28上线`, `预计4/16上线`, `预计7月25日上线`, `预计617上线` (= 6/17),
 * `计划上线时间11月16日`, `预计5月底`, `4月初`, `12月中旬`, `预计11/28.`, `分别于11/9、12/5投产`.
 * One entry per date (`11/9、12/5` gives two).
 */
export interface PlanDate {
  raw: string;
  range: Range;
  year?: number;
  month: number;
  /** absent for month-precision dates (`5月底`) */
  day?: number;
  /** `day`: a day; `early`/`mid`/`late`: 初/中旬/底; `month`: just a month */
  precision: 'day' | 'early' | 'mid' | 'late' | 'month';
  /** the date exists in the calendar (no 2/30, no 13/5) */
  valid: boolean;
}

export interface NumberSpan {
  value: number;
  raw: string;
  range: Range;
  unit: string; // '%', '分', '条', '' …
}

/**
 * Week-over-week claims: `总体进度85%，较上周70%新增15%进度` (current, previous and delta),
 * `AI自动初审占比61.09%，较上周提升5.21%` (current and delta), `健康分664分，相比上周提升10分`.
 */
export interface WowClaim {
  range: Range;
  /** what the claim is about, as written before the current value (`总体进度`, `身份证`, `健康分`) */
  subject: string;
  current?: NumberSpan;
  previous?: NumberSpan;
  delta: NumberSpan;
  /** +1 for 提升/上涨/新增/增加/增长, -1 for 下降/下跌/减少/降低 */
  direction: 1 | -1;
}

/** `金额 322 。 其中 账户已沉淀金额：128.8 待追回：193.2`: the parts should add up to the total
 *  (only recognised with at least two parts). */
export interface SumClaim {
  range: Range;
  total: NumberSpan & { label: string };
  parts: Array<NumberSpan & { label: string }>;
}

/**
 * A run of text: a paragraph, or the first paragraph of a list item. `text` is the source slice
 * with link destinations, inline code and HTML replaced by spaces of equal length, so that any
 * index into it maps back to the document exactly.
 */
export interface TextBlock {
  range: Range;
  text: string;
  progress: Progress[];
  plans: PlanDate[];
  claims: WowClaim[];
  sums: SumClaim[];
}

// ------------------------------------------------------------------ lists and projects

export interface Item {
  /** the whole item, marker to the end of its last child */
  range: Range;
  /** nesting depth: 0 for a top-level item of the section */
  depth: number;
  ordered: boolean;
  /** `-`, `*`, `1.`, `2、` (Chinese enumerator written as text) */
  marker: string;
  /** task list item: `- [ ]` false, `- [x]` true, otherwise null */
  checked: boolean | null;
  /** the item's first paragraph, after the task box if any (empty text when there is none) */
  text: TextBlock;
  /** `【贝易转（C转）】` at the start of the item: the name inside the brackets */
  project?: TextSpan;
  /** further paragraphs of the item, after the first */
  blocks: TextBlock[];
  children: Item[];
}

// ------------------------------------------------------------------ metrics

export interface Metric {
  /** the name as written (`支付系统年度可用性`) */
  name: string;
  nameRange: Range;
  /** the profile metric id it was matched to (by name, alias or suffix); undefined if unknown */
  id?: string;
  /** name through value */
  range: Range;
  /** the label of the group it is under (`支付成功率`), if any */
  group?: string;
  /** the 0-based line it is on (two metrics may share a line) */
  line: number;
  value: MetricValue;
}

export interface MetricValue {
  /** the value as written, trimmed (`99.997%`, `99,997%`, `N/A`, `xx%`, ``) */
  raw: string;
  /** range of `raw`; an empty range just after the colon when the value is missing */
  range: Range;
  /** the number, when `raw` is a well-formed number (with or without unit) */
  number?: number;
  /** the unit written after the number (`%`, `次`), '' if none */
  unit: string;
  /** incident counts by grade: `事故数AB级0次，CD级1次`, `C级0.5次` */
  grades?: GradeCount[];
}

export interface GradeCount {
  /** `AB`, `CD`, `C`, `D`… */
  grade: string;
  /** the count; NaN when not a number */
  count: number;
  raw: string;
  range: Range;
  /** the number alone */
  countRange: Range;
}

// ------------------------------------------------------------------ incidents

export interface TimeOfDay {
  hour: number;
  minute: number;
  raw: string;
  range: Range;
  /** 0 ≤ hour ≤ 24, 0 ≤ minute ≤ 59 */
  valid: boolean;
}

export interface Incident {
  /** the whole entry (paragraph or list item, plus a separate description paragraph if the
   *  timestamp stood alone on its line) */
  range: Range;
  /** the entry's masked text (as `Report.masked`), from its first character after the list
   *  marker to the end of the entry: index i is the document offset of that start plus i */
  text: string;
  /** `3/21 15:43`, `06/03 8:31`, `11/6 11:52`; absent when the entry does not start with one */
  start?: IncidentStamp;
  /** later times in the entry, in order of appearance (a repeat of the start time right after
   *  it, as in `7/12 10:30 10:30`, is not included) */
  times: TimeOfDay[];
  /** `15:43-16:15期间` */
  spans: Array<{ from: TimeOfDay; to: TimeOfDay; range: Range }>;
  /** `共持续32min`, `持续1min左右`, `持续2小时` in minutes */
  durations: Array<{ minutes: number; raw: string; range: Range; approximate: boolean }>;
  /** `【待复盘】` and other `【…】` tags in the entry */
  tags: TextSpan[];
  /** the entry has the profile's pending-postmortem tag */
  pendingReview: boolean;
  /** written as a list item (`- 11/6 11:52 …`) rather than a paragraph */
  listItem: boolean;
}

export interface IncidentStamp {
  month: number;
  day: number;
  hour: number;
  minute: number;
  raw: string;
  range: Range;
  /** the date and the time exist */
  valid: boolean;
}

// ------------------------------------------------------------------ goals

export interface Goal {
  /** the goal's text, without the list marker and the task box */
  text: string;
  range: Range;
  textRange: Range;
  /** `- [ ]` false, `- [x]` true, null when not a task item */
  checked: boolean | null;
}

// ------------------------------------------------------------------ sections and weeks

export interface Heading {
  level: number;
  /** the text after the `#`s, trimmed (`【O1 业务服务】`) */
  text: string;
  /** the text without the full-width brackets (`O1 业务服务`) */
  name: string;
  /** written as `【…】` */
  bracketed: boolean;
  /** the whole heading line */
  range: Range;
  textRange: Range;
  nameRange: Range;
}

export interface Section {
  /** the id of the profile section it was recognised as (by title or alias); undefined if unknown */
  sectionId?: string;
  role?: SectionRole;
  /** absent for the implicit key-work section: project items written right under the title */
  heading?: Heading;
  /** OKR sections: `O1` → 1; the title is the rest (`业务服务`) */
  okr?: { number: number; title: string; numberRange: Range };
  /** from the heading to the last non-blank line before the next heading */
  range: Range;
  /** top-level list items, in order */
  items: Item[];
  /** paragraphs outside lists, in order (metric group labels included) */
  blocks: TextBlock[];
  /** role `metrics`: every `NAME：VALUE` found in its list items, in order */
  metrics: Metric[];
  /** role `metrics`: the group labels (`支付成功率：`) */
  metricGroups: TextSpan[];
  /** role `incidents` (or an incidents heading at any level) */
  incidents: Incident[];
  /** roles `goals` and `review`: the list items */
  goals: Goal[];
  /** nothing but blank lines and HTML comments under the heading */
  empty: boolean;
}

export interface Week {
  /** absent for content before the first title, or in a file without a title */
  title?: WeekTitle;
  /** titles that follow this one with no section in between (2023-W46 has two in a row) */
  duplicateTitles: WeekTitle[];
  created: CreatedLine[];
  sections: Section[];
  range: Range;
}

export interface Report {
  /** in document order; a typical file has one, a year-in-one-file has one per week */
  weeks: Week[];
  /** every week title in the document, in order (duplicates included) */
  titles: WeekTitle[];
  lineCount: number;
  /** the whole text with link destinations, inline code, code blocks and HTML comments blanked
   *  out (same length and line breaks as the text): for rules that scan text */
  masked: string;
}
