/** Command-line arguments: `node:util` parseArgs, then validation into one typed request. */
import { parseArgs } from 'node:util';
import { fmt, toLocale, type Locale, type Localized } from '../core/l10n';
import { parsePeriod, type Period } from '../core/features/rollup';
import { isValidWeek, type IsoWeek } from '../core/weeks';
import { MSG } from './messages';

export type Format = 'text' | 'json' | 'sarif';

export type Request =
  | { command: 'help'; locale: Locale }
  | { command: 'version'; locale: Locale }
  | { command: 'check'; locale: Locale; format: Format; profile?: string; quiet: boolean; paths: string[] }
  | { command: 'rules'; locale: Locale; format: Exclude<Format, 'sarif'> }
  | { command: 'new'; locale: Locale; week?: IsoWeek; dir?: string; profile?: string }
  | { command: 'trend'; locale: Locale; format: 'html' | 'svg' | 'csv' | 'json'; from?: IsoWeek; to?: IsoWeek; out?: string; dir?: string; profile?: string }
  | { command: 'rollup'; locale: Locale; period: Period; out?: string; dir?: string; profile?: string };

/** A usage error: printed with a hint to `--help`, exit code 2. */
export interface UsageError {
  error: Localized;
  locale: Locale;
}

/** The locale of the messages: `--locale`, else LC_ALL, LC_MESSAGES, LANG (the first one set). */
export function localeFromEnv(env: NodeJS.ProcessEnv): Locale {
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return toLocale(tag);
}

export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv): Request | UsageError {
  let locale = localeFromEnv(env);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        profile: { type: 'string', short: 'p' },
        locale: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        week: { type: 'string', short: 'w' },
        dir: { type: 'string', short: 'd' },
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string', short: 'o' },
        month: { type: 'string' },
        quarter: { type: 'string' },
        half: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    // a wrong option must not hide a valid --locale given before it
    const i = argv.findIndex((a) => a === '--locale' || a.startsWith('--locale='));
    const given = i < 0 ? undefined : argv[i].startsWith('--locale=') ? argv[i].slice(9) : argv[i + 1];
    if (given && /^(en|zh)([-_]|$)/i.test(given)) locale = toLocale(given);
    return { error: fmt(MSG.badArgs, e instanceof Error ? e.message : String(e)), locale };
  }
  const { values, positionals } = parsed;

  if (values.locale !== undefined) {
    if (!/^(en|zh)([-_][a-z]+)?$/i.test(values.locale)) return { error: fmt(MSG.badLocale, values.locale), locale };
    locale = toLocale(values.locale);
  }
  if (values.help) return { command: 'help', locale };
  if (values.version) return { command: 'version', locale };

  const [command, ...paths] = positionals;
  if (command === undefined) return { error: MSG.noCommand, locale };
  if (command === 'help') return { command: 'help', locale };

  const weekArg = (v: string): IsoWeek | undefined => {
    const m = /^(\d{4})-?[wW](\d{1,2})$/.exec(v.trim());
    const w = m ? { year: Number(m[1]), week: Number(m[2]) } : undefined;
    return w && isValidWeek(w) ? w : undefined;
  };
  if (command === 'trend') {
    if (paths.length > 0) return { error: MSG.trendNoPaths, locale };
    const format = values.format ?? 'html';
    if (format !== 'html' && format !== 'svg' && format !== 'csv' && format !== 'json') return { error: fmt(MSG.badFormat, format, 'html, svg, csv, json'), locale };
    const from = values.from !== undefined ? weekArg(values.from) : undefined;
    if (values.from !== undefined && !from) return { error: fmt(MSG.badWeek, values.from), locale };
    const to = values.to !== undefined ? weekArg(values.to) : undefined;
    if (values.to !== undefined && !to) return { error: fmt(MSG.badWeek, values.to), locale };
    if (from && to && (from.year > to.year || (from.year === to.year && from.week > to.week))) return { error: fmt(MSG.fromAfterTo, values.from!, values.to!), locale };
    return { command, locale, format, from, to, out: values.out, dir: values.dir, profile: values.profile };
  }
  if (command === 'rollup') {
    if (paths.length > 0) return { error: MSG.rollupNoPaths, locale };
    const given = (['month', 'quarter', 'half'] as const).filter((k) => values[k] !== undefined);
    if (given.length !== 1) return { error: MSG.rollupOnePeriod, locale };
    const raw = values[given[0]]!;
    const period = parsePeriod(raw, given[0]);
    if (!period) return { error: fmt(MSG.badPeriod, raw, given[0] === 'month' ? '2024-06' : given[0] === 'quarter' ? '2024-Q2' : '2024-H1'), locale };
    return { command, locale, period, out: values.out, dir: values.dir, profile: values.profile };
  }

  const format = values.format ?? 'text';
  if (command === 'check') {
    if (format !== 'text' && format !== 'json' && format !== 'sarif') return { error: fmt(MSG.badFormat, format, 'text, json, sarif'), locale };
    return { command, locale, format, profile: values.profile, quiet: values.quiet ?? false, paths };
  }
  if (command === 'rules') {
    if (format !== 'text' && format !== 'json') return { error: fmt(MSG.badFormat, format, 'text, json'), locale };
    if (paths.length > 0) return { error: MSG.rulesNoPaths, locale };
    return { command, locale, format };
  }
  if (command === 'new') {
    if (paths.length > 0) return { error: MSG.newNoPaths, locale };
    let week: IsoWeek | undefined;
    if (values.week !== undefined) {
      const m = /^(\d{4})-?[wW](\d{1,2})$/.exec(values.week.trim());
      week = m ? { year: Number(m[1]), week: Number(m[2]) } : undefined;
      if (!week || !isValidWeek(week)) return { error: fmt(MSG.badWeek, values.week), locale };
    }
    return { command, locale, week, dir: values.dir, profile: values.profile };
  }
  return { error: fmt(MSG.unknownCommand, command), locale };
}
