/**
 * Runs the rules over one document: which files are reports, severities from the profile,
 * a rule that throws is skipped (and reported to `onRuleError`), findings sorted by position.
 */
import type { Report } from './model';
import { parseReport, type ParsedReport } from './parse';
import type { Profile } from './profile/schema';
import { allRules } from './rules';
import type { Finding, FindingInput, Rule, RuleContext, Severity } from './rules/types';
import { comparePositions, LineIndex } from './text';
import { weekFromFileName } from './weeks';

export interface CheckInput {
  text: string;
  profile: Profile;
  fileName?: string;
  /** an already parsed model of `text` (the server keeps one per document version) */
  report?: ParsedReport;
  now?: Date;
  rules?: readonly Rule[];
  onRuleError?: (rule: Rule, error: unknown) => void;
}

/**
 * A Markdown file is a report when its first heading is a week title, or its name matches the
 * profile's file pattern. Other Markdown files (README.md…) get nothing from Zhoubao.
 */
export function isReport(report: Report, fileName: string | undefined, profile: Profile): boolean {
  if (weekFromFileName(fileName, profile)) return true;
  const first = report.weeks[0];
  if (!first) return false;
  if (first.title) return true;
  // content before the first title: a report only if that content has no heading of its own
  return first.sections.every((s) => !s.heading) && report.weeks.length > 1;
}

export function checkDocument(input: CheckInput): Finding[] {
  const { text, profile } = input;
  const report = input.report ?? parseReport(text, { profile });
  if (!isReport(report, input.fileName, profile)) return [];
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  for (const rule of input.rules ?? allRules) {
    const configured = profile.rules[rule.code];
    if (configured === 'off') continue;
    const severity: Severity = configured ?? rule.defaultSeverity;
    const ctx: RuleContext = {
      report,
      text,
      lines,
      profile,
      fileName: input.fileName,
      now: input.now ?? new Date(),
      emit(f: FindingInput) {
        findings.push({
          code: rule.code,
          severity: configured ?? f.severity ?? severity,
          range: f.range,
          message: f.message,
          fixes: f.fixes ?? [],
          ...(f.tags ? { tags: f.tags } : {}),
        });
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      input.onRuleError?.(rule, e);
    }
  }
  return findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.code.localeCompare(b.code));
}
