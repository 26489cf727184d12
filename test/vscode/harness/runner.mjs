// Which runner starts a real VS Code here, and running a bundled suite in it once. Shared by the
// test suite (test/vscode/run.mjs) and the extension benchmark (bench/extension.mjs).
//
//   1. @vscode/test-electron, when $VSCODE_EXECUTABLE names a VS Code, or when VS Code can be
//      downloaded here (and there is a display or Xvfb);
//   2. otherwise the offline runner: code-server (cached in ~/.cache/zhoubao) with the workbench in
//      headless Chromium (Debian's, driven by playwright-core).
//   $ZHOUBAO_E2E_RUNNER=electron|code-server forces one.
import { runWithCodeServer } from './code-server-runner.mjs';
import { canDisplay, findOrDownloadVSCode, runWithElectron } from './electron-runner.mjs';
import { CODE_SERVER_VERSION, cachedCodeServer, installCodeServer } from './install-code-server.mjs';
import { BROWSER_PACKAGES, BUILD_PACKAGES, ensureDebianPackages, findChromium } from './system.mjs';
import { log } from './util.mjs';

/** Neither runner can start here (the message says why). */
export class Unavailable extends Error {}

/** The offline runner's prerequisites: Chromium (+ CJK fonts) and a cached or fresh code-server. */
async function prepareCodeServer(timings) {
  const cached = cachedCodeServer();
  const stillMissing = await ensureDebianPackages(cached ? BROWSER_PACKAGES : [...BROWSER_PACKAGES, ...BUILD_PACKAGES]);
  const chromium = findChromium();
  if (!chromium) throw new Unavailable('no Chromium (apt-get install chromium, or set CHROMIUM=/path/to/chrome)');
  if (stillMissing.includes('fonts-noto-cjk')) log('fonts-noto-cjk is missing: Chinese text renders as boxes in the screenshot');
  const t = Date.now();
  let codeServer;
  try {
    codeServer = process.env.CODE_SERVER || (await installCodeServer());
  } catch (e) {
    const missingBuild = stillMissing.filter((p) => BUILD_PACKAGES.includes(p));
    throw new Unavailable(`code-server ${CODE_SERVER_VERSION} cannot be installed: ${e.message}${missingBuild.length ? ` (missing: ${missingBuild.join(' ')})` : ''}`);
  }
  timings.codeServerInstallMs = Date.now() - t;
  return { codeServer, chromium };
}

/**
 * Picks the runner: { runner: 'test-electron', exe } or { runner: 'code-server', codeServer, chromium }.
 * Throws Unavailable when neither can start.
 */
export async function chooseRunner(root, timings = {}) {
  const forced = process.env.ZHOUBAO_E2E_RUNNER;
  if (forced !== 'code-server') {
    const exe = await findOrDownloadVSCode(root);
    const wanted = forced === 'electron' || !!process.env.VSCODE_EXECUTABLE;
    if (exe && (await canDisplay())) return { runner: 'test-electron', exe };
    if (exe && wanted) throw new Unavailable('the desktop VS Code needs a display: no DISPLAY and no Xvfb (apt-get install xvfb)');
    if (exe) log('a desktop VS Code is available but there is no display (DISPLAY or Xvfb); using code-server');
    else if (wanted) throw new Unavailable('ZHOUBAO_E2E_RUNNER=electron, but no VS Code is given (VSCODE_EXECUTABLE) or downloadable');
  }
  return { runner: 'code-server', ...(await prepareCodeServer(timings)) };
}

/**
 * Runs the bundled suite (`suiteIndex`) once in a fresh VS Code window on `dirs.workspace`, with
 * `env` added to the extension host's environment. Returns { exitCode, results }.
 */
export function runSuite({ plan, extension, dirs, suiteIndex, artifacts, timings = {}, env = {} }) {
  return plan.runner === 'code-server'
    ? runWithCodeServer({ extension, codeServer: plan.codeServer, chromium: plan.chromium, dirs, suiteIndex, artifacts, timings, env })
    : runWithElectron({ extension, vscodeExecutablePath: plan.exe, dirs, suiteIndex, env });
}
