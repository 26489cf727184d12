/**
 * `zhoubao`: the command-line tool for CI and for editors without LSP wiring.
 *   zhoubao check [files, directories or globs…] [--format text|json|sarif] [--profile F] [--locale en|zh-cn] [--quiet]
 *   zhoubao rules [--format text|json]
 *   zhoubao new [--week 2024-W13] [--dir DIR] [--profile F]
 *   zhoubao trend [--from W] [--to W] [--format html|svg|csv|json] [--out FILE] [--dir DIR]
 *   zhoubao rollup --month 2024-06 | --quarter 2024-Q2 | --half 2024-H1 [--out FILE] [--dir DIR]
 * Exit codes: 0 no error-level finding, 1 some error-level finding, 2 bad arguments or unreadable input.
 * A thin adapter: argument parsing, files, output; every check is the core's.
 */
import { fmt, pick } from '../core/l10n';
import { localeFromEnv, parseCommandLine } from './args';
import { formatJson, formatRules, formatSarif, formatText } from './format';
import { HELP, MSG } from './messages';
import { packageInfo } from './package-info';
import { runNew } from './new';
import { runCheck } from './run';
import { runRollup, runTrend, type Outcome } from './trend';

function report(io: Io, outcome: Outcome): number {
  for (const line of outcome.stdout) io.stdout(`${line}\n`);
  for (const line of outcome.stderr) io.stderr(`zhoubao: ${line}\n`);
  return outcome.code;
}

export interface Io {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdoutIsTTY: boolean;
}

function useColour(io: Io): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return io.stdoutIsTTY;
}

/** Runs one command line; returns the exit code (a promise for `trend`, which renders charts asynchronously). */
export function main(io: Io): number | Promise<number> {
  const request = parseCommandLine(io.argv, io.env);
  if ('error' in request) {
    io.stderr(`zhoubao: ${pick(request.error, request.locale)}\n${pick(MSG.usageHint, request.locale)}\n`);
    return 2;
  }
  const { locale } = request;
  switch (request.command) {
    case 'help':
      io.stdout(pick(HELP, locale));
      return 0;
    case 'version':
      io.stdout(`${packageInfo().version}\n`);
      return 0;
    case 'rules':
      io.stdout(formatRules(locale, request.format));
      return 0;
    case 'new': {
      const outcome = runNew({ cwd: io.cwd, dir: request.dir, week: request.week, profile: request.profile, locale });
      for (const line of outcome.stdout) io.stdout(`${line}\n`);
      for (const line of outcome.stderr) io.stderr(`zhoubao: ${line}\n`);
      return outcome.code;
    }
    case 'trend': {
      const { format, from, to, out, dir, profile } = request;
      return runTrend({ cwd: io.cwd, dir, profile, locale, format, from, to, out }).then((o) => report(io, o));
    }
    case 'rollup':
      return report(io, runRollup({ cwd: io.cwd, dir: request.dir, profile: request.profile, locale, period: request.period, out: request.out }));
    case 'check': {
      const outcome = runCheck({ paths: request.paths, cwd: io.cwd, locale, profile: request.profile });
      for (const w of outcome.warnings) io.stderr(`zhoubao: ${w}\n`);
      if (outcome.errors.length > 0) {
        for (const e of outcome.errors) io.stderr(`zhoubao: ${e}\n`);
        return 2;
      }
      const results = request.quiet
        ? outcome.results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') }))
        : outcome.results;
      const checked = outcome.results.length;
      const anyError = outcome.results.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
      if (request.format === 'json') io.stdout(formatJson(results));
      else if (request.format === 'sarif') io.stdout(formatSarif(results, locale, io.cwd));
      else if (!(request.quiet && results.every((r) => r.diagnostics.length === 0))) io.stdout(formatText(results, checked, locale, useColour(io)));
      return anyError ? 1 : 0;
    }
  }
}

if (require.main === module) {
  // a closed pipe (`zhoubao check | head`) is not an error of the tool
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const fail = (e: unknown) => {
    process.stderr.write(`zhoubao: ${pick(fmt({ en: 'Internal error: {0}', 'zh-cn': '内部错误：{0}' }, e instanceof Error ? (e.stack ?? e.message) : String(e)), localeFromEnv(process.env))}\n`);
    process.exitCode = 2;
  };
  try {
    const code = main({
      argv: process.argv.slice(2),
      cwd: process.cwd(),
      env: process.env,
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      stdoutIsTTY: process.stdout.isTTY === true,
    });
    if (typeof code === 'number') process.exitCode = code;
    else code.then((c) => (process.exitCode = c), fail);
  } catch (e) {
    fail(e);
  }
}
