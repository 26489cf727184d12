/**
 * Where the server finds what ships beside it (package.json, docs/rules), and URI ↔ path.
 * The bundle is dist/server.js: its package root is one level up. Found by walking up from
 * `__dirname`, so the same code works from the bundle and from sources under test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function findUp(start: string, relative: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

let cachedVersion: string | undefined;

/** The version in the extension's package.json ('0.0.0' if it cannot be read). */
export function serverVersion(): string {
  if (cachedVersion === undefined) {
    cachedVersion = '0.0.0';
    try {
      const file = findUp(__dirname, 'package.json');
      if (file) cachedVersion = String((JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown }).version ?? '0.0.0');
    } catch {
      // keep 0.0.0
    }
  }
  return cachedVersion;
}

let rulesDir: string | null | undefined;
const docLinks = new Map<string, string | undefined>();

/** file URI of docs/rules/<code>.md next to the bundle, or undefined when that page does not exist */
export function ruleDocUri(code: string): string | undefined {
  if (!/^WR\d{3}$/.test(code)) return undefined;
  if (!docLinks.has(code)) {
    if (rulesDir === undefined) rulesDir = findUp(__dirname, path.join('docs', 'rules')) ?? null;
    const file = rulesDir ? path.join(rulesDir, `${code}.md`) : undefined;
    docLinks.set(code, file && fs.existsSync(file) ? pathToFileURL(file).href : undefined);
  }
  return docLinks.get(code);
}

/** The file-system path of a `file:` URI; undefined for other schemes or malformed URIs. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** A path-like name for any URI (`untitled:Untitled-1` → `Untitled-1`), for report detection by file name. */
export function uriToFileName(uri: string): string {
  // asked on every keystroke: the last ones are kept
  let name = fileNames.get(uri);
  if (name === undefined) {
    if (fileNames.size >= 256) fileNames.clear();
    fileNames.set(uri, (name = fileNameOf(uri)));
  }
  return name;
}

const fileNames = new Map<string, string>();

function fileNameOf(uri: string): string {
  const p = uriToPath(uri);
  if (p) return p.replace(/\\/g, '/');
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

/** Two URIs name the same file (encoding differences like %3A or case of a drive letter aside). */
export function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  const pa = uriToPath(a);
  const pb = uriToPath(b);
  if (!pa || !pb) return false;
  return process.platform === 'win32' || process.platform === 'darwin' ? pa.toLowerCase() === pb.toLowerCase() : pa === pb;
}
