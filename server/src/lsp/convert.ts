/**
 * The one adapter between the core's plain results and LSP objects: findings → Diagnostics
 * (code, link to the rule's page, localized message, fixes in `data`), fixes → CodeActions,
 * outline → DocumentSymbols, folding, hovers, completion entries → CompletionItems, profile
 * problems → Diagnostics.
 */
import {
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  FoldingRange,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { FoldingRegion, HoverInfo, OutlineKind, OutlineSymbol } from '../core/features';
import type { CompletionEntry, CompletionKind } from '../core/features/completion';
import { pick, type Locale } from '../core/l10n';
import type { ProfileProblem } from '../core/profile/load';
import type { Finding, Severity } from '../core/rules/types';
import type { Range } from '../core/text';
import { ruleDocUri } from './paths';

export const SOURCE = 'zhoubao';
export const PROFILE_CODE = 'profile';

/** What a Zhoubao diagnostic carries so that the quick fix needs nothing else. */
export interface DiagnosticData {
  /** the document version the diagnostic (and its edits) were computed for */
  version: number;
  fixes: Array<{ title: string; edits: TextEdit[]; preferred?: boolean }>;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The diagnostic of a finding for a document version. Findings of unchanged weeks are the very
 * same objects from one check to the next (core/check.ts), so their conversion is kept and only
 * the version is stamped again.
 */
export function toDiagnostic(f: Finding, locale: Locale, version: number): Diagnostic {
  let kept = converted.get(f);
  if (!kept || kept.locale !== locale) converted.set(f, (kept = { locale, diagnostic: convert(f, locale, version) }));
  const d = kept.diagnostic;
  const data = d.data as DiagnosticData;
  return data.version === version ? d : { ...d, data: { version, fixes: data.fixes } };
}

const converted = new WeakMap<Finding, { locale: Locale; diagnostic: Diagnostic }>();

function convert(f: Finding, locale: Locale, version: number): Diagnostic {
  const href = ruleDocUri(f.code);
  const data: DiagnosticData = {
    version,
    fixes: f.fixes.map((fix) => ({ title: pick(fix.title, locale), edits: fix.edits.map((e) => ({ range: safeRange(e.range), newText: e.newText })), ...(fix.preferred ? { preferred: true } : {}) })),
  };
  return {
    range: safeRange(f.range),
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    code: f.code,
    ...(href ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message: pick(f.message, locale),
    ...(f.tags?.includes('unnecessary') ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    data,
  };
}

export function profileDiagnostic(p: ProfileProblem, locale: Locale): Diagnostic {
  return {
    range: safeRange(p.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }),
    severity: DiagnosticSeverity.Error,
    code: PROFILE_CODE,
    source: SOURCE,
    message: pick(p.message, locale),
  };
}

function isData(d: unknown): d is DiagnosticData {
  const x = d as DiagnosticData | undefined;
  return !!x && typeof x === 'object' && typeof x.version === 'number' && Array.isArray(x.fixes);
}

/**
 * Quick fixes for the diagnostics the client sends back, from their `data` alone. With
 * `documentChanges` the edit names the version it was computed for, so a client refuses it
 * rather than applying it to text that has changed since; `holdsFor` maps that version to a newer
 * one the server knows the same edits hold for (a pulled result confirmed unchanged since).
 */
export function toCodeActions(uri: string, diagnostics: Diagnostic[], documentChanges: boolean, holdsFor: (version: number) => number = (v) => v): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== SOURCE || !isData(d.data)) continue;
    const { fixes } = d.data;
    const version = holdsFor(d.data.version);
    fixes.forEach((fix, i) => {
      if (!fix || typeof fix.title !== 'string' || !Array.isArray(fix.edits)) return;
      const edit: WorkspaceEdit = documentChanges
        ? { documentChanges: [{ textDocument: { uri, version }, edits: fix.edits }] }
        : { changes: { [uri]: fix.edits } };
      const action = CodeAction.create(fix.title, edit, CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = fix.preferred ?? (fixes.length === 1 && i === 0);
      actions.push(action);
    });
  }
  return actions;
}

const KIND: Record<OutlineKind, SymbolKind> = {
  week: SymbolKind.Namespace,
  section: SymbolKind.Module,
  okr: SymbolKind.Module,
  project: SymbolKind.Package,
  item: SymbolKind.String,
  metric: SymbolKind.Number,
  incident: SymbolKind.Event,
  goal: SymbolKind.Key,
};

export function toDocumentSymbols(outline: OutlineSymbol[]): DocumentSymbol[] {
  return outline.map((s) => ({
    name: s.name,
    ...(s.detail ? { detail: s.detail } : {}),
    kind: KIND[s.kind],
    range: safeRange(s.range),
    selectionRange: safeRange(s.selectionRange),
    children: toDocumentSymbols(s.children),
  }));
}

/** For clients without hierarchical symbol support: a flat list with container names. */
export function toSymbolInformation(outline: OutlineSymbol[], uri: string, container?: string): SymbolInformation[] {
  return outline.flatMap((s) => [
    { name: s.name, kind: KIND[s.kind], location: { uri, range: safeRange(s.range) }, ...(container ? { containerName: container } : {}) },
    ...toSymbolInformation(s.children, uri, s.name),
  ]);
}

export function toFoldingRanges(regions: FoldingRegion[]): FoldingRange[] {
  return regions.map((r) => FoldingRange.create(r.startLine, r.endLine));
}

export function toHover(info: HoverInfo, locale: Locale, markdown: boolean): Hover {
  const text = pick(info.contents, locale);
  return {
    contents: markdown ? { kind: MarkupKind.Markdown, value: text } : { kind: MarkupKind.PlainText, value: text.replace(/\*\*|`/g, '') },
    range: safeRange(info.range),
  };
}

/** LSP positions are unsigned integers. */
function safeRange(r: Range): Range {
  const p = (x: { line: number; character: number }) => ({
    line: Math.max(0, Math.floor(x.line) || 0),
    character: Math.max(0, Math.floor(x.character) || 0),
  });
  return { start: p(r.start), end: p(r.end) };
}

// ------------------------------------------------------------------ completion

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  title: CompletionItemKind.Constant,
  section: CompletionItemKind.Module,
  okr: CompletionItemKind.Module,
  metric: CompletionItemKind.Field,
  timestamp: CompletionItemKind.Event,
  project: CompletionItemKind.Reference,
};

/** Snippet text as plain text, for clients without snippet support: `${1:xx}` → `xx`, `${1}` → ``. */
export function snippetToPlain(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1])) {
      out += snippet[++i];
    } else if (c === '$') {
      const simple = /^\$\d+/.exec(snippet.slice(i));
      const braced = /^\$\{\d+(?::|\})/.exec(snippet.slice(i));
      if (simple) i += simple[0].length - 1;
      else if (braced) i += braced[0].length - 1;
      else out += c;
    } else if (c === '}') {
      // the end of a `${1:…}` (literal braces are escaped in our snippets)
    } else out += c;
  }
  return out;
}

export function toCompletionItems(entries: CompletionEntry[], locale: Locale, snippetSupport: boolean, markdown: boolean): CompletionItem[] {
  return entries.map((e) => {
    const snippet = e.snippet && snippetSupport;
    const newText = e.snippet && !snippetSupport ? snippetToPlain(e.insertText) : e.insertText;
    const doc = e.documentation ? pick(e.documentation, locale) : undefined;
    return {
      label: e.label,
      kind: COMPLETION_KIND[e.kind],
      ...(e.detail ? { detail: pick(e.detail, locale) } : {}),
      ...(doc ? { documentation: markdown ? { kind: MarkupKind.Markdown, value: doc } : { kind: MarkupKind.PlainText, value: doc } } : {}),
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range: safeRange(e.range), newText },
      sortText: e.sortText,
      filterText: e.filterText,
      ...(e.preselect ? { preselect: true } : {}),
    };
  });
}
