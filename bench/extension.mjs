/**
 * The "Extension" part of `npm run bench`: the size of the production .vsix, and the extension's
 * activation in a real VS Code (the runners of the real-VS-Code tests, test/vscode/harness: the
 * desktop VS Code through @vscode/test-electron where it can start, otherwise code-server in
 * headless Chromium), next to VS Code's built-in Markdown extension.
 *
 * - .vsix: `scripts/build.mjs --production` into a temporary folder (the repository's dist/ is left
 *   alone), then `vsce package --no-dependencies` there: the package `npm run package` makes.
 * - Activation: the packaged extension (the .vsix unpacked) in fresh windows, one VS Code per
 *   window, each running test/vscode/bench/activation.test.ts on a workspace with one generated
 *   report (7 KB, one finding). Windows alternate between two modes:
 *   `activate`: Zhoubao and the built-in Markdown extension activated through the API before
 *   anything is opened (order alternating), timed from the suite (code loading + activate); then
 *   the report is opened with the extension already running;
 *   `open`: the report opened in the fresh window (this activates both extensions), timed to
 *   Zhoubao's first diagnostics in VS Code.
 *   Zhoubao's activate() also times itself (its exports' `activation`). One more window first,
 *   not counted, warms the disk cache.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { document } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = 'reports/2025-W20.md';
/** what the .vsix is made of besides dist/ (the whitelist of .vscodeignore picks from these) */
const PACKAGED = ['package.json', '.vscodeignore', 'package.nls.json', 'package.nls.zh-cn.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'docs', 'l10n', 'schemas', 'snippets', 'syntaxes'];

function stats(xs) {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { median: q(0.5), p95: q(0.95), n: s.length };
}

/**
 * Builds the production .vsix in a temporary folder. Returns { dir, file, bytes, bundles } (bundles:
 * bytes of each dist/*.js) or { error }. The caller removes `dir`.
 */
export function productionVsix(log) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zhoubao-bench-vsix-')));
  try {
    const t = performance.now();
    // scripts/build.mjs builds relative to its working directory: the sources through links
    const links = ['client', 'server', 'node_modules'];
    for (const l of links) fs.symlinkSync(path.join(ROOT, l), path.join(dir, l));
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--production'], { cwd: dir, stdio: 'pipe', timeout: 300_000 });
    for (const l of links) fs.rmSync(path.join(dir, l));
    for (const f of PACKAGED) {
      if (fs.existsSync(path.join(ROOT, f))) fs.cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
    }
    const file = path.join(dir, 'zhoubao.vsix');
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--no-rewrite-relative-links', '-o', file], { cwd: dir, stdio: 'pipe', timeout: 300_000 });
    // the bundles the .vsix holds (dist/cli.js is for npm, not packaged), at their unpacked size
    const entries = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n');
    const bundles = {};
    for (const e of entries.filter((e) => /^extension\/dist\/[^/]+\.js$/.test(e)).sort()) bundles[path.basename(e)] = fs.statSync(path.join(dir, 'dist', path.basename(e))).size;
    log?.(`production .vsix: ${(fs.statSync(file).size / 1024).toFixed(0)} KB (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    return { dir, file, bytes: fs.statSync(file).size, bundles };
  } catch (e) {
    log?.(`production .vsix failed: ${String(e.stderr || e.message || e).slice(0, 500)}`);
    return { dir, error: String(e.message || e).split('\n')[0] };
  }
}

/** The .vsix's extension/ folder, unpacked into `dir`/unpacked (what VS Code installs). */
function unpack(vsix, dir) {
  const out = path.join(dir, 'unpacked');
  execFileSync('unzip', ['-q', vsix, 'extension/*', '-d', out]);
  return path.join(out, 'extension');
}

/**
 * Activation in fresh VS Code windows. `windows` per mode (plus one warm-up window). Returns the
 * figures, or { skipped: reason } where no VS Code can start.
 */
export async function activationBench({ extension, windows = 5, log }) {
  const { Unavailable, chooseRunner, runSuite } = await import('../test/vscode/harness/runner.mjs');
  const { bundleSuite, cleanArtifacts, prepareRunDir, saveLogs } = await import('../test/vscode/harness/prepare.mjs');
  let plan;
  try {
    plan = await chooseRunner(ROOT);
  } catch (e) {
    if (e instanceof Unavailable) return { skipped: `no VS Code can start here: ${e.message}` };
    throw e;
  }
  const suiteIndex = await bundleSuite(ROOT, { dir: 'bench', outName: 'vscode-bench' });
  const artifacts = path.join(ROOT, 'test-artifacts', 'vscode-bench');
  cleanArtifacts(artifacts);
  // one week (7 KB, the benchmark's small document) with one finding: a progress of 1xx%
  const text = document(100, 7 * 1024).replace(/进度(\d+)%/, '进度1$1%');

  const schedule = [{ mode: 'open', warmup: true }];
  for (let i = 0; i < windows; i++) {
    schedule.push({ mode: 'activate', order: i % 2 ? 'markdown-first' : 'zhoubao-first' }, { mode: 'open' });
  }
  const runs = [];
  const failures = [];
  for (const [i, w] of schedule.entries()) {
    const dirs = prepareRunDir(ROOT, { files: [{ name: REPORT, text }] });
    const out = path.join(dirs.base, 'bench-figures.json');
    const windowArtifacts = path.join(artifacts, `window-${i}-${w.mode}`);
    fs.mkdirSync(windowArtifacts, { recursive: true });
    const env = { ZHOUBAO_BENCH_MODE: w.mode, ZHOUBAO_BENCH_ORDER: w.order ?? '', ZHOUBAO_BENCH_REPORT: REPORT, ZHOUBAO_BENCH_OUT: out };
    const t = performance.now();
    try {
      const outcome = await runSuite({ plan, extension, dirs, suiteIndex, artifacts: windowArtifacts, env });
      if (fs.existsSync(out)) {
        const f = JSON.parse(fs.readFileSync(out, 'utf8'));
        if (!w.warmup) runs.push(f);
        log?.(`window ${i} (${w.mode}${w.order ? `, ${w.order}` : ''}${w.warmup ? ', warm-up' : ''}): open → diagnostics ${f.openToDiagnosticsMs?.toFixed(0)} ms, activate() ${f.zhoubaoActivation?.activateMs?.toFixed(0)} ms${f.apiActivateMs?.zhoubao ? `, API activate Zhoubao ${f.apiActivateMs.zhoubao.toFixed(0)} / Markdown ${f.apiActivateMs.markdown?.toFixed(0) ?? f.apiActivateMs.markdownError}` : ''} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
      } else {
        const failed = outcome.results?.tests?.find((x) => x.state === 'failed');
        failures.push(`window ${i}: ${failed ? String(failed.error).split('\n')[0] : `no figures (exit ${outcome.exitCode})`}`);
        log?.(`window ${i} (${w.mode}): ${failures.at(-1)}; logs in ${windowArtifacts}`);
      }
    } catch (e) {
      failures.push(`window ${i}: ${String(e.message || e).split('\n')[0]}`);
      log?.(failures.at(-1));
    } finally {
      saveLogs(dirs, windowArtifacts);
      fs.rmSync(dirs.base, { recursive: true, force: true });
    }
  }
  if (!runs.length) return { skipped: `no window gave figures: ${failures.join('; ')}`, runner: plan.runner };
  const activate = runs.filter((r) => r.mode === 'activate');
  const open = runs.filter((r) => r.mode === 'open');
  const nums = (rs, f) => rs.map(f).filter((x) => typeof x === 'number');
  return {
    runner: plan.runner,
    vscodeVersion: runs[0].vscodeVersion,
    markdownVersion: runs[0].markdownVersion,
    windows: { activate: activate.length, open: open.length },
    failures,
    // Zhoubao's activate() timing itself: alone (activated through the API) and on opening a report
    selfActivateMs: stats(nums(activate, (r) => r.zhoubaoActivation?.activateMs)),
    selfServerStartMs: stats(nums(activate, (r) => r.zhoubaoActivation?.serverStartMs)),
    selfActivateOnOpenMs: stats(nums(open, (r) => r.zhoubaoActivation?.activateMs)),
    // `await extension.activate()` from the extension host: code loading + activate()
    apiActivateMs: {
      zhoubao: stats(nums(activate, (r) => r.apiActivateMs?.zhoubao)),
      markdown: stats(nums(activate, (r) => r.apiActivateMs?.markdown)),
      markdownError: activate.map((r) => r.apiActivateMs?.markdownError).find(Boolean),
      markdownActiveAtStart: runs.some((r) => r.activeAtStart?.markdown),
    },
    openColdMs: stats(nums(open, (r) => r.openToDiagnosticsMs)),
    openToActivateMs: stats(nums(open, (r) => r.openToActivateMs)),
    activatedToDiagnosticsMs: stats(nums(open, (r) => r.zhoubaoActivation && r.openToActivateMs !== undefined ? r.openToDiagnosticsMs - r.openToActivateMs - r.zhoubaoActivation.activateMs : undefined)),
    openWarmMs: stats(nums(activate, (r) => r.openToDiagnosticsMs)),
    raw: runs,
  };
}

/** The whole Extension section: .vsix size, and activation unless `vscode` is false. */
export async function benchExtension({ vscode = true, windows = 5, log } = {}) {
  const vsix = productionVsix(log);
  try {
    let activation = { skipped: 'the run had --no-vscode' };
    if (vscode && vsix.error) activation = { skipped: `the production .vsix could not be built: ${vsix.error}` };
    else if (vscode) activation = await activationBench({ extension: unpack(vsix.file, vsix.dir), windows, log });
    const { dir, file, ...size } = vsix;
    return { vsix: size, activation };
  } finally {
    fs.rmSync(vsix.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- report

const f1 = (x) => (x === undefined ? '–' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ms = (s) => (s ? `${f1(s.median)} / ${f1(s.p95)} (${s.n})` : '–');
const kb = (b) => `${(b / 1024).toFixed(0)} KB`;

/** The "## Extension" section of docs/performance.md. */
export function renderExtension(ext, { note } = {}) {
  const out = ['## Extension', ''];
  const v = ext.vsix;
  if (v.error) out.push(`- .vsix size: not measured (the production build or \`vsce package\` failed: ${v.error})`);
  else {
    const parts = Object.entries(v.bundles).map(([f, b]) => `${f} ${kb(b)}`).join(', ');
    out.push(`- .vsix size: ${kb(v.bytes)} (production build, minified, as \`npm run package\` makes it; \`vsce package --no-dependencies\`). Bundles: ${parts}.`);
  }
  const a = ext.activation;
  if (a.skipped) {
    out.push(`- Activation: not measured in this run: ${a.skipped}.`);
  } else {
    const ratio = (x, y) => (x && y ? `${(x.median / y.median).toFixed(2)}×` : '–');
    out.push(`- Activation, in VS Code ${a.vscodeVersion} (${a.runner === 'code-server' ? 'code-server in headless Chromium' : 'desktop, @vscode/test-electron'}), the packaged extension, ${a.windows.activate + a.windows.open} fresh windows (${a.windows.activate} activating through the API, ${a.windows.open} opening a report; one warm-up window before them not counted). Times in ms, median / p95 (n).`);
    out.push('');
    out.push('| measure | Zhoubao | built-in Markdown | Zhoubao ÷ Markdown |');
    out.push('| --- | ---: | ---: | ---: |');
    const md = a.apiActivateMs.markdown;
    const mdCell = md ? ms(md) : a.apiActivateMs.markdownActiveAtStart ? 'active at start' : a.apiActivateMs.markdownError ? 'not measurable' : '–';
    out.push(`| \`await extension.activate()\` from the extension host (code loading + \`activate()\`) | ${ms(a.apiActivateMs.zhoubao)} | ${mdCell} | ${ratio(a.apiActivateMs.zhoubao, md)} |`);
    out.push(`| Zhoubao's \`activate()\` as it times itself | ${ms(a.selfActivateMs)} | | |`);
    out.push(`| … of which starting the language server (spawn → initialize result) | ${ms(a.selfServerStartMs)} | | |`);
    out.push(`| open a report (7 KB) in a fresh window → first Zhoubao diagnostics in VS Code | ${ms(a.openColdMs)} | | |`);
    out.push(`| … open → Zhoubao's \`activate()\` entered (VS Code loading the extension) | ${ms(a.openToActivateMs)} | | |`);
    out.push(`| … Zhoubao's \`activate()\` (the Markdown extension activating at the same time) | ${ms(a.selfActivateOnOpenMs)} | | |`);
    out.push(`| … \`activate()\` returned → first diagnostics | ${ms(a.activatedToDiagnosticsMs)} | | |`);
    out.push(`| open a report (7 KB), extension already active → first Zhoubao diagnostics | ${ms(a.openWarmMs)} | | |`);
    if (a.apiActivateMs.markdownError) out.push('', `The built-in Markdown extension could not be timed: ${a.apiActivateMs.markdownError}.`);
    if (a.failures?.length) out.push('', `Windows without figures: ${a.failures.join('; ')}.`);
  }
  if (note) out.push('', note);
  return out.join('\n');
}
