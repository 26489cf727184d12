// The desktop runner: @vscode/test-electron's runTests with a VS Code named by $VSCODE_EXECUTABLE,
// or one it downloads (where the machine can). Same suite, same workspace; no screenshot (the
// suite skips that test when no harness answers it).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureDebianPackages } from './system.mjs';
import { fatal, log, onInterrupt, stopProcessGroup, waitFor, withTimeout } from './util.mjs';

export const VSCODE_VERSION = process.env.ZHOUBAO_VSCODE_VERSION || '1.100.3';

/** The VS Code to use: $VSCODE_EXECUTABLE, or a download (undefined when that is impossible). */
export async function findOrDownloadVSCode(root) {
  const given = process.env.VSCODE_EXECUTABLE;
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`VSCODE_EXECUTABLE=${given} does not exist`);
    return given;
  }
  if (process.env.ZHOUBAO_E2E_NO_DOWNLOAD === '1') return undefined;
  const { downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  try {
    // bounded: offline machines fail fast, and a hanging connection must not eat the budget
    return await withTimeout(
      downloadAndUnzipVSCode({ version: VSCODE_VERSION, cachePath: path.join(root, '.vscode-test'), timeout: 15_000 }),
      10 * 60_000,
      'VS Code download',
    );
  } catch (e) {
    log(`VS Code ${VSCODE_VERSION} cannot be downloaded here: ${String(e.message || e).split('\n')[0]}`);
    return undefined;
  }
}

const xvfbPath = () => ['/usr/bin/Xvfb', '/usr/local/bin/Xvfb'].find((p) => fs.existsSync(p));

/** Whether a desktop VS Code can show a window here (installs Debian's xvfb when root and needed). */
export async function canDisplay() {
  if (process.platform !== 'linux' || process.env.DISPLAY || xvfbPath()) return true;
  await ensureDebianPackages(['xvfb']);
  return !!xvfbPath();
}

/** Electron needs a display on Linux: the current one, or an Xvfb we start (and stop). */
async function ensureDisplay() {
  if (process.platform !== 'linux' || process.env.DISPLAY) return { env: {}, stop: async () => {} };
  const xvfb = xvfbPath();
  if (!xvfb) throw new Error('no DISPLAY and no Xvfb (apt-get install xvfb) for the desktop VS Code');
  const display = `:${90 + Math.floor(Math.random() * 100)}`;
  const child = spawn(xvfb, [display, '-screen', '0', '1440x900x24', '-nolisten', 'tcp'], { detached: true, stdio: 'ignore' });
  await waitFor(() => {
    if (child.exitCode !== null) throw fatal(`Xvfb exited (${child.exitCode})`);
    return fs.existsSync(`/tmp/.X11-unix/X${display.slice(1)}`);
  }, 15_000, 'Xvfb to listen');
  const unregister = onInterrupt(() => stopProcessGroup(child, 'Xvfb'));
  return {
    env: { DISPLAY: display },
    stop: async () => {
      unregister();
      await stopProcessGroup(child, 'Xvfb');
    },
  };
}

export async function runWithElectron({ extension, vscodeExecutablePath, dirs, suiteIndex, env = {} }) {
  const { runTests } = await import('@vscode/test-electron');
  const display = await ensureDisplay();
  try {
    const exitCode = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: extension,
      extensionTestsPath: suiteIndex,
      extensionTestsEnv: { ...display.env, ...env, ZHOUBAO_E2E_RESULTS: dirs.results },
      launchArgs: [
        dirs.workspace,
        '--user-data-dir', dirs.userData,
        '--extensions-dir', dirs.extensions,
        '--disable-gpu',
      ],
    }).catch((e) => {
      log(`test-electron: ${String(e.message || e)}`);
      return 1;
    });
    const results = fs.existsSync(dirs.results) ? JSON.parse(fs.readFileSync(dirs.results, 'utf8')) : undefined;
    return { exitCode, results };
  } finally {
    await display.stop();
  }
}
