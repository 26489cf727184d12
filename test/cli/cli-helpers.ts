/**
 * Running the built CLI (`dist/cli.js`) as a real child process on real files in temp dirs.
 * The bundle is rebuilt first when it is missing or older than the sources.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

let built = false;
/** Builds the bundles (`npm run build`) unless dist/cli.js is newer than every source file. */
export function ensureBuilt(): void {
  if (built) return;
  const stale = !fs.existsSync(CLI) || fs.statSync(CLI).mtimeMs < newestMtime(path.join(ROOT, 'server', 'src'));
  if (stale) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** An environment without locale or colour settings of the machine running the tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE', 'NO_COLOR', 'FORCE_COLOR']) delete env[k];
  return { ...env, ...extra };
}

export function zhoubao(args: string[], cwd: string, env: Record<string, string> = {}, as?: { uid: number; gid: number }): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: cleanEnv(env), encoding: 'utf8', ...as });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temp dir with the given files (text is written as UTF-8, buffers as they are). */
export function tempDir(files: Record<string, string | Uint8Array> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhoubao-cli-'));
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export interface JsonDiagnostic {
  code: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}
export type JsonOutput = Array<{ file: string; diagnostics: JsonDiagnostic[] }>;

/** A report of week 2024-W20 with one known finding of each kind used by the tests. */
export const REPORT_W20 = `# 2024-W20

Created: 2024年5月17日 18:00

## 【O1 业务服务】

- 跨境收款，连连通道联调进度80%，计划5/30上线

## 【系统运行数据】

支付成功率：

- 入金有效成功率：99.991%
- 出金有效成功率：99.938%

系统可用性：

- 年度可用性：99.995%
- 事故数AB级0次，CD级0次

## 【生产事件】

05/14 10:05 对账文件延迟，10:05-10:20期间重试，共持续15min

# 下周工作及目标

1. 连连通道上线
2. 计费服务灰度
3. 出金服务扩容验收
`;

/** The same report without a problem. */
export const CLEAN_W20 = REPORT_W20.replace('99.938%', '99.978%');

/** The same report with an error-level finding: a success rate above 100% (WR022). */
export const ERROR_W20 = REPORT_W20.replace('99.991%', '100.5%');
