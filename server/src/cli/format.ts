/**
 * The three output formats of `zhoubao check` and the rule listing. Lines and columns are
 * 1-based in every format (the core's are 0-based); columns count UTF-16 code units, as LSP
 * and SARIF's default `utf16CodeUnits` do; end columns are exclusive.
 */
import { pathToFileURL } from 'node:url';
import { fmt, pick, type Locale, type Localized } from '../core/l10n';
import { allRules } from '../core/rules';
import type { Severity } from '../core/rules/types';
import { counted, MSG, SEVERITY_LABEL } from './messages';
import { packageInfo, ruleHelpUri } from './package-info';
import { ENCODING_CODE, PROFILE_CODE, type CliDiagnostic, type FileResult } from './run';

// ---------------------------------------------------------------- text

const ANSI = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', underline: '\u001b[4m', red: '\u001b[31m', yellow: '\u001b[33m', blue: '\u001b[34m', gray: '\u001b[90m' };
const SEVERITY_COLOUR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, information: ANSI.blue, hint: ANSI.gray };

/** Display width: CJK and full-width characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

export function formatText(results: FileResult[], checked: number, locale: Locale, colour: boolean): string {
  const paint = (code: string, s: string) => (colour ? code + s + ANSI.reset : s);
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let files = 0;
  for (const r of results) {
    if (r.diagnostics.length === 0) continue;
    files++;
    const rows = r.diagnostics.map((d) => ({
      d,
      where: `${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}`,
      label: pick(SEVERITY_LABEL[d.severity], locale),
    }));
    const whereWidth = Math.max(...rows.map((x) => width(x.where)));
    const labelWidth = Math.max(...rows.map((x) => width(x.label)));
    const codeWidth = Math.max(...rows.map((x) => x.d.code.length));
    if (out.length > 0) out.push('');
    for (const { d, where, label } of rows) {
      counts[d.severity]++;
      out.push(
        [paint(ANSI.underline, where) + ' '.repeat(whereWidth - width(where)), paint(SEVERITY_COLOUR[d.severity], padEnd(label, labelWidth)), paint(ANSI.dim, padEnd(d.code, codeWidth)), d.message].join('  '),
      );
    }
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  if (out.length > 0) out.push('');
  if (total === 0) {
    out.push(pick(fmt(MSG.noProblems, counted(checked, 'file', locale)), locale));
  } else {
    const summary = pick(
      fmt(
        MSG.summary,
        counted(total, 'problem', locale),
        counted(counts.error, 'error', locale),
        counted(counts.warning, 'warning', locale),
        counted(counts.information, 'information', locale),
        counted(counts.hint, 'hint', locale),
        counted(files, 'file', locale),
        String(checked),
      ),
      locale,
    );
    out.push(paint(ANSI.bold + (counts.error > 0 ? ANSI.red : counts.warning > 0 ? ANSI.yellow : ''), summary));
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- json

export interface JsonDiagnostic {
  code: string;
  severity: Severity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export function formatJson(results: FileResult[]): string {
  const out = results.map((r) => ({
    file: r.file,
    diagnostics: r.diagnostics.map(
      (d): JsonDiagnostic => ({
        code: d.code,
        severity: d.severity,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        message: d.message,
      }),
    ),
  }));
  return JSON.stringify(out, null, 2) + '\n';
}

// ---------------------------------------------------------------- sarif

interface CatalogueEntry {
  code: string;
  name: string;
  severity: Severity;
  fixable: boolean;
  description: Localized;
}

/** The rules of the core plus the two guards of the tool: WR000 (encoding) and the profile check. */
export function catalogue(): CatalogueEntry[] {
  return [
    { code: ENCODING_CODE, name: 'encoding', severity: 'error', fixable: false, description: MSG.encodingRule },
    ...allRules.map((r) => ({ code: r.code, name: r.name, severity: r.defaultSeverity, fixable: r.fixable, description: r.description })),
    { code: PROFILE_CODE, name: 'profile', severity: 'error', fixable: false, description: MSG.profileRule },
  ];
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function uriOf(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

export function formatSarif(results: FileResult[], locale: Locale, cwd: string): string {
  const info = packageInfo();
  const rules = catalogue();
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const sarifResults = results.flatMap((r) =>
    r.diagnostics.map((d: CliDiagnostic) => ({
      ruleId: d.code,
      ...(index.has(d.code) ? { ruleIndex: index.get(d.code) } : {}),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uriOf(r.file), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'zhoubao',
            version: info.version,
            semanticVersion: info.version,
            informationUri: info.informationUri,
            language: locale === 'zh-cn' ? 'zh-CN' : 'en',
            rules: rules.map((r) => ({
              id: r.code,
              name: r.name,
              shortDescription: { text: pick(r.description, locale) },
              helpUri: ruleHelpUri(r.code),
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
              properties: { fixable: r.fixable },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : cwd + '/').href } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

// ---------------------------------------------------------------- rules

export function formatRules(locale: Locale, format: 'text' | 'json'): string {
  const rules = catalogue();
  if (format === 'json') {
    return (
      JSON.stringify(
        rules.map((r) => ({ code: r.code, name: r.name, severity: r.severity, fixable: r.fixable, description: pick(r.description, locale), helpUri: ruleHelpUri(r.code) })),
        null,
        2,
      ) + '\n'
    );
  }
  const header = pick(MSG.rulesHeader, locale).split('\t');
  const rows = rules.map((r) => [r.code, pick(SEVERITY_LABEL[r.severity], locale), pick(r.fixable ? MSG.yes : MSG.no, locale), pick(r.description, locale)]);
  const widths = [0, 1, 2].map((i) => Math.max(width(header[i]), ...rows.map((row) => width(row[i]))));
  return [header, ...rows].map((row) => row.map((cell, i) => (i < 3 ? padEnd(cell, widths[i]) : cell)).join('  ')).join('\n') + '\n';
}
