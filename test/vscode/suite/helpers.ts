/**
 * Helpers for the suite that runs inside VS Code's extension host: the workspace, the extension's
 * API, Zhoubao's diagnostics, and waiting by polling with a deadline (never a fixed sleep).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ZhoubaoApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'zhoubao.zhoubao';

/** Resolves with the first truthy value of `fn`; fails after `ms` with `what` and `detail()`. */
export async function waitFor<T>(
  what: string,
  fn: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { ms = 20_000, every = 100, detail }: { ms?: number; every?: number; detail?: () => string } = {},
): Promise<T> {
  const end = Date.now() + ms;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) {
      const extra = [detail?.(), lastError ? `last error: ${String((lastError as Error).message ?? lastError)}` : ''].filter(Boolean).join('\n');
      throw new Error(`timed out after ${ms} ms waiting for ${what}${extra ? `\n${extra}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, every));
  }
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test instance has a workspace folder');
  return folder.uri;
}

export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'));
}

export async function open(rel: string, preview = false): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  return vscode.window.showTextDocument(doc, { preview });
}

/** The extension's API (activating it if needed). */
export async function zhoubao(): Promise<ZhoubaoApi> {
  const ext = vscode.extensions.getExtension<ZhoubaoApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
  return ext.activate();
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** Diagnostics of Zhoubao's rules (codes WR0xx) on `uri`. */
export function ruleDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => /^WR\d{3}$/.test(codeOf(d) ?? ''));
}

/** Diagnostics that come from Zhoubao (its source), whatever their code. */
export function zhoubaoDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => /zhoubao|周报/i.test(d.source ?? '') || /^WR\d{3}$/.test(codeOf(d) ?? ''));
}

export function describeDiagnostics(uri: vscode.Uri, doc?: vscode.TextDocument): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (!all.length) return `no diagnostics on ${path.basename(uri.path)}`;
  return `diagnostics on ${path.basename(uri.path)}:\n` + all
    .map((d) => `  ${codeOf(d) ?? '-'} [${d.source ?? ''}] L${d.range.start.line}:${d.range.start.character}-L${d.range.end.line}:${d.range.end.character}${doc ? ` "${doc.getText(d.range)}"` : ''} ${d.message}`)
    .join('\n');
}

/** Waits until Zhoubao published diagnostics with every code in `codes` on `uri`. */
export function waitForCodes(uri: vscode.Uri, codes: string[], ms = 30_000): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `diagnostics ${codes.join(', ')} on ${path.basename(uri.path)}`,
    () => {
      const ds = ruleDiagnostics(uri);
      return codes.every((c) => ds.some((d) => codeOf(d) === c)) ? ds : undefined;
    },
    { ms, detail: () => describeDiagnostics(uri) },
  );
}

/** Writes a file of the workspace through VS Code's file service (open editors follow at once). */
export async function writeWorkspaceFile(rel: string, text: string): Promise<vscode.Uri> {
  const uri = wsUri(rel);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

export async function deleteWorkspaceFile(rel: string): Promise<void> {
  await vscode.workspace.fs.delete(wsUri(rel), { useTrash: false }).then(undefined, () => undefined);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Every symbol of a DocumentSymbol tree, depth first. */
export function flattenSymbols(symbols: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flattenSymbols(s.children ?? [])]);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}
