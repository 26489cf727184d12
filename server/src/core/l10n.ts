/**
 * Localisation for everything a user reads from the core (rule messages, fix titles, hovers).
 * Every text exists in English and Simplified Chinese; adapters pick one by the client's locale.
 * Templates use `{0}`, `{1}`… placeholders, as VS Code's l10n does.
 */

export type Locale = 'en' | 'zh-cn';

export interface Localized {
  en: string;
  'zh-cn': string;
}

/** Fills `{0}`, `{1}`… in both languages. */
export function fmt(template: Localized, ...args: Array<string | number>): Localized {
  return { en: fill(template.en, args), 'zh-cn': fill(template['zh-cn'], args) };
}

function fill(s: string, args: Array<string | number>): string {
  // rules fill their messages for every finding of a checked week on every keystroke: each
  // template is split at its placeholders once (templates are the rules' constant messages)
  let pieces = templates.get(s);
  if (!pieces) {
    pieces = s.split(/\{(\d+)\}/);
    if (templates.size < 10_000) templates.set(s, pieces);
  }
  let out = pieces[0];
  for (let k = 1; k < pieces.length; k += 2) {
    const i = Number(pieces[k]);
    out += (i < args.length ? String(args[i]) : `{${pieces[k]}}`) + pieces[k + 1];
  }
  return out;
}

/** templates split at their placeholders: text, index, text, index, …, text */
const templates = new Map<string, string[]>();

/** Maps any BCP-47-ish tag (`zh-CN`, `zh-Hans`, `zh`, `en-US`, `C.UTF-8`…) to a supported locale. */
export function toLocale(tag: string | undefined | null): Locale {
  const t = (tag ?? '').toLowerCase().replace('_', '-');
  return t.startsWith('zh') ? 'zh-cn' : 'en';
}

export function pick(text: Localized, locale: Locale): string {
  return text[locale] || text.en;
}

/** The placeholders used in a template, sorted: en and zh-cn of one message must use the same. */
export function placeholders(s: string): string[] {
  return [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();
}
