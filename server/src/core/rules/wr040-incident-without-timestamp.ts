/**
 * WR040: an incident entry that does not start with an `M/D HH:MM` timestamp.
 *
 * What is not an incident, and stays silent: `无` / `暂无` / `本周无生产事件`, a line that is only
 * links (`详细记录：[…](…)`), and a one-line lead-in ending with a colon (`本周事件如下：`).
 *
 * The finding says what is missing and the quick fix fills it in:
 * - nothing: inserts the current time (`ctx.now`) as `M/D HH:MM ` at the start of the entry's
 *   text (after the list marker);
 * - a date but no time (`3/21 监控发现…`): adds the current time after the date;
 * - a time but no date (`15:43 监控发现…`): adds today's date before it.
 * Other forms of a date and time (`3月21日 15:43`, `2024-03-21 15:43`, `3/21，15：43`) are read as
 * the stamp by the parser.
 */
import { fmt } from '../l10n';
import type { Incident } from '../model';
import { pad2 } from '../weeks';
import { incidentSections, weekIncidents } from './incidents';
import type { Fix, Rule, RuleContext } from './types';

const messages = {
  missing: {
    en: 'This incident entry does not start with a timestamp (M/D HH:MM).',
    'zh-cn': '该生产事件条目没有以时间戳（M/D HH:MM）开头。',
  },
  dateOnly: {
    en: 'This incident entry starts with the date {0} but no time (M/D HH:MM).',
    'zh-cn': '该生产事件条目以日期 {0} 开头，但缺少时间（应为 M/D HH:MM）。',
  },
  timeOnly: {
    en: 'This incident entry starts with the time {0} but no date (M/D HH:MM).',
    'zh-cn': '该生产事件条目以时间 {0} 开头，但缺少日期（应为 M/D HH:MM）。',
  },
  insertNow: { en: 'Insert the current time: {0}', 'zh-cn': '插入当前时间：{0}' },
  addTime: { en: 'Add the current time after the date: {0}', 'zh-cn': '在日期后补上当前时间：{0}' },
  addDate: { en: 'Add today’s date before the time: {0}', 'zh-cn': '在时间前补上今天的日期：{0}' },
};

/** Indentation, block quote, list marker and task box before an entry's text. */
const LEAD = /^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,3}、[ \t]*)?/;
const NONE = /^(?:无|暂无|没有|本周无.*|本周没有.*|无生产事件.*|暂无生产事件.*|N\/?A|none|—+|-+)[。.！!]?$/i;
const LINK = /!?\[[^\]]*\]\([^)]*\)|<[a-z][a-z0-9+.-]*:[^>\s]*>|\b(?:https?|ftp):\/\/\S+|\bwww\.\S+/gi;

/** `2024-03-21 15:43`, `3月21日 15:43`, `3/21，15：43`: year?, month, day, hour, minute. */
const DATE_TIME = /^(?:\d{4}\s*[-/.年]\s*)?(\d{1,2})\s*(?:月\s*(\d{1,2})\s*[日号]?|[-/]\s*(\d{1,2}))[ \t]*[,，]?[ \t]*(\d{1,2})[:：](\d{2})(?!\d)/;
/** `3/21`, `3月21日`, `2024-03-21` with no time after it */
const DATE_ONLY = /^(?:\d{4}\s*[-/.年]\s*)?(\d{1,2})\s*(?:月\s*(\d{1,2})\s*[日号]?|[-/]\s*(\d{1,2}))(?![\d/:：])/;
const LEAD_TAGS = /^(?:【[^】\n]{1,40}】[ \t]*)+/;
const TIME_ONLY = /^(\d{1,2})[:：](\d{2})(?!\d)/;

const okDate = (m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= 31;
const okTime = (h: number, m: number) => h >= 0 && h <= 24 && m >= 0 && m <= 59;

/** Entries that are not incidents: `暂无`, a links-only line, a lead-in ending with a colon. */
function notAnIncident(text: string): boolean {
  const t = text.trim();
  if (!t || NONE.test(t)) return true;
  const withoutLinks = t.replace(LINK, '').replace(/^[^：:\n]{0,20}[：:]/, '').replace(/[\s，。,.；;、:：|]/g, '');
  if (withoutLinks === '' && t !== withoutLinks) return true;
  return !t.includes('\n') && /[：:]$/.test(t) && t.length <= 40;
}

function check(ctx: RuleContext, incident: Incident): void {
  const { lines, text, now } = ctx;
  const entryStart = lines.offsetAt(incident.range.start);
  const entryEnd = lines.offsetAt(incident.range.end);
  const entry = text.slice(entryStart, entryEnd);
  const lead = LEAD.exec(entry)?.[0] ?? '';
  const at = entryStart + lead.length;
  const firstLine = entry.slice(lead.length).split(/\r?\n/)[0];
  const content = firstLine.trimEnd();
  if (!content.trim()) return;
  if (notAnIncident(text.slice(at, entryEnd))) return;

  // tags may come first (`【待复盘】3/21 15:43 …`): the stamp is looked for after them
  const tags = LEAD_TAGS.exec(content)?.[0] ?? '';
  const rest = content.slice(tags.length);
  const restAt = at + tags.length;

  const date = `${now.getMonth() + 1}/${now.getDate()}`;
  const time = `${pad2(now.getHours())}:${pad2(now.getMinutes())}`;
  const emit = (from: number, to: number, message: ReturnType<typeof fmt>, fix?: Fix) =>
    ctx.emit({ range: lines.rangeOf(from, to), message, fixes: fix ? [fix] : [] });

  // a date and time in any form: the parser reads these as the stamp; one it did not read (after a
  // `1、` written as text, say) is not reported as missing
  if (DATE_TIME.test(rest)) return;
  const d = DATE_ONLY.exec(rest);
  if (d) {
    const month = Number(d[1]);
    const day = Number(d[2] ?? d[3]);
    if (!okDate(month, day)) {
      emit(at, at + content.length, messages.missing);
      return;
    }
    const stamp = `${month}/${day} ${time}`;
    const edit = { range: lines.rangeOf(restAt, restAt + d[0].length), newText: stamp };
    emit(restAt, restAt + d[0].length, fmt(messages.dateOnly, d[0]), { title: fmt(messages.addTime, stamp), edits: [edit], preferred: true });
    return;
  }
  const t = TIME_ONLY.exec(rest);
  if (t && okTime(Number(t[1]), Number(t[2]))) {
    const stamp = `${date} ${t[1]}:${t[2]}`;
    const edit = { range: lines.rangeOf(restAt, restAt + t[0].length), newText: stamp };
    emit(restAt, restAt + t[0].length, fmt(messages.timeOnly, t[0]), { title: fmt(messages.addDate, stamp), edits: [edit], preferred: true });
    return;
  }
  const stamp = `${date} ${time}`;
  const edit = { range: lines.rangeOf(at, at), newText: `${stamp} ` };
  emit(at, at + content.length, messages.missing, { title: fmt(messages.insertNow, stamp), edits: [edit], preferred: true });
}

export const wr040: Rule = {
  code: 'WR040',
  name: 'incident-without-timestamp',
  defaultSeverity: 'warning',
  description: { en: 'An incident entry does not start with an M/D HH:MM timestamp.', 'zh-cn': '生产事件条目没有以 M/D HH:MM 时间戳开头。' },
  messages,
  fixable: true,
  scope: 'week',
  reads: incidentSections,
  check(ctx) {
    for (const { incident } of weekIncidents(ctx)) {
      if (!incident.start) check(ctx, incident);
    }
  },
};
