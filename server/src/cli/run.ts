/**
 * `zhoubao check`: the profile, the files, the core's checks, one result per file. The only
 * place of the tool that reads the disk besides files.ts; everything about reports is the core's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument, ENCODING_CODE, isReport } from '../core/check';
import { decodeReport, type EncodingProblem } from '../core/encoding';
import { fmt, pick, type Locale } from '../core/l10n';
import { parseReport } from '../core/parse';
import { defaultProfile } from '../core/profile/defaults';
import { loadProfileText } from '../core/profile/load';
import type { Profile } from '../core/profile/schema';
import type { Rule, Severity } from '../core/rules/types';
import { LineIndex, type Range } from '../core/text';
import { weekFromFileName } from '../core/weeks';
import { WorkspaceIndex } from '../core/workspace';
import { displayPath, resolveFiles } from './files';
import { MSG } from './messages';

export { ENCODING_CODE };
export const PROFILE_CODE = 'profile';
export const PROFILE_FILE = '.zhoubao.json';

export interface CliDiagnostic {
  code: string;
  severity: Severity;
  /** 0-based, UTF-16 code units, as in the core */
  range: Range;
  message: string;
}

export interface FileResult {
  /** relative to cwd, `/` separators */
  file: string;
  diagnostics: CliDiagnostic[];
}

export interface CheckOutcome {
  results: FileResult[];
  /** input errors: the run stops with exit code 2 */
  errors: string[];
  /** internal errors worth telling (a rule that threw); the run goes on */
  warnings: string[];
}

export interface CheckOptions {
  paths: readonly string[];
  cwd: string;
  locale: Locale;
  profile?: string;
  now?: Date;
}

/** Reads a whole file, or says why not. */
function readBytes(file: string): { bytes?: Uint8Array; error?: string } {
  try {
    return { bytes: fs.readFileSync(file) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { error: err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : (err.code ?? String(e)) };
  }
}

interface LoadedProfileFile {
  profile: Profile;
  result?: FileResult;
  error?: string;
}

export function loadProfile(options: { cwd: string; profile?: string; locale: Locale }): LoadedProfileFile {
  const explicit = options.profile !== undefined;
  const file = path.resolve(options.cwd, options.profile ?? PROFILE_FILE);
  if (!explicit && !fs.existsSync(file)) return { profile: defaultProfile };
  const read = readBytes(file);
  const shown = options.profile ?? PROFILE_FILE;
  if (!read.bytes) return { profile: defaultProfile, error: pick(fmt(MSG.unreadableProfile, shown, read.error ?? ''), options.locale) };
  const decoded = decodeReport(read.bytes);
  const rel = displayPath(file, options.cwd);
  if (decoded.problem) {
    return { profile: defaultProfile, result: { file: rel, diagnostics: [encodingDiagnostic(decoded.problem, options.locale)] } };
  }
  const loaded = loadProfileText(decoded.text ?? '');
  const diagnostics = loaded.problems.map(
    (p): CliDiagnostic => ({
      code: PROFILE_CODE,
      severity: 'error',
      range: p.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: pick(p.message, options.locale),
    }),
  );
  return { profile: loaded.profile, result: diagnostics.length ? { file: rel, diagnostics } : undefined };
}

function encodingDiagnostic(problem: EncodingProblem, locale: Locale): CliDiagnostic {
  const lines = new LineIndex(problem.lossyText);
  return { code: ENCODING_CODE, severity: 'error', range: lines.rangeOf(problem.offset, problem.offset + 1), message: pick(problem.message, locale) };
}

/**
 * Whether an undecodable file gets its WR000 finding. As in the editor (check.ts), only files
 * that are reports get findings, with the same exceptions: binary files, and text that is
 * clearly mis-decoded. A GBK file is a report when its GBK-decoded text is one.
 */
function flagsEncoding(problem: EncodingProblem, rel: string, profile: Profile): boolean {
  if (problem.encoding === 'binary' || weekFromFileName(rel, profile)) return true;
  if (problem.gbkText !== undefined && isReport(parseReport(problem.gbkText, { profile }), rel, profile)) return true;
  return checkDocument({ text: problem.lossyText, profile, fileName: rel, rules: [] }).length > 0;
}

export { readBytes };

export function runCheck(options: CheckOptions): CheckOutcome {
  const { cwd, locale } = options;
  const warnings: string[] = [];
  const loaded = loadProfile(options);
  if (loaded.error) return { results: [], errors: [loaded.error], warnings };
  const profile = loaded.profile;

  const resolved = resolveFiles(options.paths, cwd, profile);
  const errors = resolved.errors.map((e) => pick(e, locale));
  const inputs: Array<{ file: string; rel: string; bytes: Uint8Array }> = [];
  for (const file of resolved.files) {
    const rel = displayPath(file, cwd);
    const read = readBytes(file);
    if (read.bytes) inputs.push({ file, rel, bytes: read.bytes });
    else errors.push(pick(fmt(MSG.unreadableFile, rel, read.error ?? ''), locale));
  }
  if (errors.length > 0) return { results: [], errors, warnings };

  const results: FileResult[] = loaded.result ? [loaded.result] : [];
  // the files checked together are each other's history (cross-week rules: WR006, WR025, WR031, WR051)
  const index = new WorkspaceIndex();
  const decodedInputs = inputs.map((input) => ({ input, decoded: decodeReport(input.bytes) }));
  for (const { input, decoded } of decodedInputs) if (!decoded.problem) index.set(input.rel, decoded.text ?? '', profile);
  for (const { input, decoded } of decodedInputs) {
    if (decoded.problem) {
      const flagged = flagsEncoding(decoded.problem, input.rel, profile);
      results.push({ file: input.rel, diagnostics: flagged ? [encodingDiagnostic(decoded.problem, locale)] : [] });
      continue;
    }
    const findings = checkDocument({
      text: decoded.text ?? '',
      profile,
      fileName: input.rel,
      report: index.get(input.rel)?.report,
      history: index.historyFor(input.rel),
      now: options.now,
      onRuleError: (rule: Rule, e: unknown) =>
        warnings.push(pick(fmt(MSG.ruleFailed, rule.code, input.rel, e instanceof Error ? e.message : String(e)), locale)),
    });
    results.push({
      file: input.rel,
      diagnostics: findings.map((f) => ({ code: f.code, severity: f.severity, range: f.range, message: pick(f.message, locale) })),
    });
  }
  return { results, errors: [], warnings };
}
