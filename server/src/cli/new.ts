/**
 * `zhoubao new [--week 2024-W13] [--dir DIR] [--profile F]`: next week's report, the CLI adapter of
 * the carry-over planner (core/features/carryover.ts). Scans DIR (default: the current directory)
 * with the profile's include/exclude globs, indexes the reports by title week, plans, and then
 * creates the file with an exclusive create (never overwriting a file that appeared meanwhile), or
 * inserts the missing goals into the existing file (its other text unchanged).
 *
 * Exit codes: 0 created, updated or nothing to do; 1 no earlier report to carry over from;
 * 2 bad arguments, unreadable input, or a target that cannot be written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeReport } from '../core/encoding';
import { planCarryOver, CARRY_MESSAGES } from '../core/features/carryover';
import { fmt, pick, type Locale, type Localized } from '../core/l10n';
import { applyEdits } from '../core/text';
import type { IsoWeek } from '../core/weeks';
import { WorkspaceIndex } from '../core/workspace';
import { displayPath, resolveFiles } from './files';
import { loadProfile, readBytes } from './run';

export const NEW_MSG = {
  notWritable: {
    en: 'Cannot write {0}: {1}. Check that the folder exists and is writable.',
    'zh-cn': '无法写入 {0}：{1}。请确认目录存在且可写。',
  },
  changedMeanwhile: {
    en: '{0} appeared while planning; run again to add the missing goals to it.',
    'zh-cn': '{0} 在规划期间被创建；请再运行一次以补充缺少的目标。',
  },
  notDirectory: { en: 'Not a directory: {0}', 'zh-cn': '不是目录：{0}' },
  unreadableTarget: { en: 'Cannot read {0}: {1}', 'zh-cn': '无法读取 {0}：{1}' },
  undecodableTarget: {
    en: '{0} is not valid UTF-8 text: not touched.',
    'zh-cn': '{0} 不是有效的 UTF-8 文本：未作改动。',
  },
} satisfies Record<string, Localized>;

export interface NewOptions {
  cwd: string;
  dir?: string;
  week?: IsoWeek;
  profile?: string;
  locale: Locale;
}

export interface NewOutcome {
  code: number;
  stdout: string[];
  stderr: string[];
  /** what was done, for tests and JSON-minded callers */
  action?: 'create' | 'insert' | 'nothing';
  file?: string;
}

function errText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'EACCES' || err?.code === 'EPERM' || err?.code === 'EROFS') return 'permission denied';
  return err?.code ?? (e instanceof Error ? e.message : String(e));
}

export function runNew(options: NewOptions): NewOutcome {
  const { cwd, locale } = options;
  const say = (m: Localized) => pick(m, locale);
  const dir = path.resolve(cwd, options.dir ?? '.');
  const out: NewOutcome = { code: 0, stdout: [], stderr: [] };
  try {
    if (!fs.statSync(dir).isDirectory()) return { ...out, code: 2, stderr: [say(fmt(NEW_MSG.notDirectory, options.dir ?? '.'))] };
  } catch (e) {
    return { ...out, code: 2, stderr: [say(fmt(NEW_MSG.unreadableTarget, options.dir ?? '.', errText(e)))] };
  }
  // the profile: --profile (relative to the current directory), else .zhoubao.json in DIR
  const loaded = loadProfile({ cwd: options.profile !== undefined ? cwd : dir, profile: options.profile, locale });
  if (loaded.error) return { ...out, code: 2, stderr: [loaded.error] };
  for (const d of loaded.result?.diagnostics ?? []) out.stderr.push(`${loaded.result!.file}: ${d.message}`);
  const profile = loaded.profile;

  const resolved = resolveFiles([], dir, profile);
  // an empty folder is not an input error here: it just has no earlier report
  const index = new WorkspaceIndex();
  for (const file of resolved.files) {
    const read = readBytes(file);
    if (!read.bytes) continue; // an unreadable file is not a report we can carry from
    const decoded = decodeReport(read.bytes);
    if (decoded.problem) continue;
    index.set(file.split(path.sep).join('/'), decoded.text ?? '', profile);
  }

  const where = planCarryOver({ index, profile, week: options.week });
  if (where.kind === 'error') return { ...out, code: where.reason === 'invalidWeek' ? 2 : 1, stderr: [...out.stderr, say(where.message)] };
  const target = where.path.split('/').join(path.sep);
  const shown = displayPath(target, cwd);

  let existing: string | undefined;
  let bom = '';
  try {
    const bytes = fs.readFileSync(target);
    const decoded = decodeReport(bytes);
    // UTF-16 files are read but not rewritten (the tool writes UTF-8 only); a UTF-8 BOM is kept
    const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
    if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bom = '\ufeff';
    if (decoded.problem || utf16) return { ...out, code: 2, stderr: [...out.stderr, say(fmt(NEW_MSG.undecodableTarget, shown))] };
    existing = decoded.text ?? '';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return { ...out, code: 2, stderr: [...out.stderr, say(fmt(NEW_MSG.unreadableTarget, shown, errText(e)))] };
  }

  const plan = existing === undefined ? where : planCarryOver({ index, profile, week: where.target, existing });
  if (plan.kind === 'error') return { ...out, code: 1, stderr: [...out.stderr, say(plan.message)] };
  if (plan.kind === 'nothing') return { ...out, action: 'nothing', file: shown, stdout: [say(plan.message)] };
  try {
    if (plan.kind === 'create') {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, plan.text, { flag: 'wx' });
    } else {
      // the edits are against the text just read; the file is rewritten with that text plus the
      // insertion (line breaks and everything else kept as they are)
      fs.writeFileSync(target, bom + applyEdits(existing!, plan.edits));
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return { ...out, code: 2, stderr: [...out.stderr, say(fmt(NEW_MSG.changedMeanwhile, shown))] };
    return { ...out, code: 2, stderr: [...out.stderr, say(fmt(NEW_MSG.notWritable, shown, errText(e)))] };
  }
  return { ...out, action: plan.kind, file: shown, stdout: [`${say(plan.message)}\n  → ${shown}`] };
}

export { CARRY_MESSAGES };
