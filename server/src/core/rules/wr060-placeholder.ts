/**
 * WR060: text left from a template (`xx%`, `TODO`, `待补充`, `${1:…}`): every occurrence of a
 * `profile.placeholders` entry in the text, case-sensitive. Link destinations, inline code,
 * code blocks and HTML comments do not count (the rule reads `report.masked`). An entry that
 * starts or ends with an ASCII letter or digit only matches as a whole word on that side
 * (`TODO` fires in `TODO：` and `TODO补充`, not in `TODOS` or `autoTODO`). An entry ending
 * in `${` covers the whole snippet tab stop (`${1}`, `${2:名称}`).
 */
import { fmt } from '../l10n';
import { lastStartingAtOrBefore, maskedParts } from '../parse';
import type { Rule } from './types';

const messages = {
  placeholder: {
    en: 'Template placeholder “{0}” left in the text: write the real content.',
    'zh-cn': '文本中遗留了模板占位符“{0}”，请填写实际内容。',
  },
};

const WORD = /[A-Za-z0-9_]/;

interface Match {
  start: number;
  end: number;
}

export function findPlaceholders(masked: string, placeholders: readonly string[]): Match[] {
  const found: Match[] = [];
  for (const p of placeholders) {
    if (!p) continue;
    const wordStart = WORD.test(p[0]);
    const wordEnd = WORD.test(p[p.length - 1]);
    for (let i = masked.indexOf(p); i >= 0; i = masked.indexOf(p, i + 1)) {
      let end = i + p.length;
      if (wordStart && i > 0 && WORD.test(masked[i - 1])) continue;
      if (wordEnd && end < masked.length && WORD.test(masked[end])) continue;
      if (p.endsWith('${')) {
        const tabStop = /^[^}\n]{0,50}\}/.exec(masked.slice(end));
        if (tabStop) end += tabStop[0].length;
      }
      found.push({ start: i, end });
    }
  }
  // one finding per place: the longest of overlapping matches
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Match[] = [];
  for (const m of found) {
    if (out.length > 0 && m.start < out[out.length - 1].end) continue;
    out.push(m);
  }
  return out;
}

export const wr060: Rule = {
  code: 'WR060',
  name: 'placeholder',
  defaultSeverity: 'warning',
  description: { en: 'A template placeholder was left in the text.', 'zh-cn': '文本中遗留了模板占位符。' },
  messages,
  fixable: false,
  // every line with text outside masked stretches belongs to a week (the parser starts an untitled
  // week for text before the first title), so week by week the rule reads all there is to read
  scope: 'week',
  check(ctx) {
    const { report, lines, profile } = ctx;
    const emit = (m: Match) => ctx.emit({ range: lines.rangeOf(m.start, m.end), message: fmt(messages.placeholder, ctx.text.slice(m.start, m.end)) });
    const parts = profile.placeholders.some((p) => /[\r\n]/.test(p)) ? undefined : maskedParts(report);
    for (const week of report.weeks) {
      // the week's lines: a placeholder does not span lines (entries with a line break read the joined text)
      const from = lines.lineStart(week.range.start.line);
      const to = lines.lineEnd(week.range.end.line);
      const within = (m: Match) => m.start >= from && m.end <= to;
      if (!parts) {
        for (const m of findPlaceholders(report.masked, profile.placeholders)) if (within(m)) emit(m);
        continue;
      }
      // part by part, each part's matches kept while it is unchanged: a match never spans parts
      // (they start at a heading line, and a placeholder or tab stop does not span lines)
      for (let i = lastStartingAtOrBefore(parts, from); i < parts.length && parts[i].start < to; i++) {
        const p = parts[i];
        let kept = perPart.get(p.result);
        if (!kept || kept.placeholders !== profile.placeholders) perPart.set(p.result, (kept = { placeholders: profile.placeholders, matches: findPlaceholders(p.result.masked, profile.placeholders) }));
        for (const m of kept.matches) {
          const at = { start: p.start + m.start, end: p.start + m.end };
          if (within(at)) emit(at);
        }
      }
    }
  },
};

const perPart = new WeakMap<object, { placeholders: readonly string[]; matches: Match[] }>();
