/**
 * STUB — replaced by the parser. Contract:
 *   parseReport(text, { profile, previous }) → Report
 * `previous` is the ParsedReport of an earlier version of the same document: unchanged parts
 * (the text between two top-level headings) are reused instead of re-parsed.
 */
import type { Report } from '../model';
import type { Profile } from '../profile/schema';
import { LineIndex } from '../text';

export interface ParseOptions {
  profile: Profile;
  /** the result for an earlier version of the same document, for incremental re-parsing */
  previous?: ParsedReport;
}

/** A Report plus what incremental parsing needs to reuse it. */
export interface ParsedReport extends Report {
  /** opaque: cached parts of the document for reuse by the next parse */
  readonly cache?: unknown;
}

export function parseReport(text: string, options: ParseOptions): ParsedReport {
  void options;
  const lines = new LineIndex(text);
  return { weeks: [], titles: [], lineCount: lines.lineCount, masked: text };
}
