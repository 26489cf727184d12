// What the offline runner needs from the machine: Debian packages (installed with apt-get when we
// are root and they are missing) and a Chromium binary for playwright-core.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { log, run } from './util.mjs';

/** Headers and tools node-gyp needs to compile code-server's native modules. */
export const BUILD_PACKAGES = ['python3', 'make', 'g++', 'pkg-config', 'libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'libx11-dev'];
/** The browser, and fonts so that Chinese text renders in screenshots (not empty boxes). */
export const BROWSER_PACKAGES = ['chromium', 'fonts-noto-cjk'];

function installed(pkg) {
  try {
    const s = execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return s.includes('install ok installed');
  } catch {
    return false;
  }
}

export function hasDpkg() {
  try {
    execFileSync('dpkg-query', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs the missing packages with apt-get (root only). Returns the packages still missing
 * (empty when all are there). Never throws: the caller decides whether a missing package matters.
 */
export async function ensureDebianPackages(pkgs) {
  if (!hasDpkg()) return pkgs;
  let missing = pkgs.filter((p) => !installed(p));
  if (!missing.length) return [];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    log(`missing Debian packages: ${missing.join(' ')} (not root: cannot apt-get install)`);
    return missing;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, timeoutMs: 900_000 });
  log(`apt-get install ${missing.join(' ')}`);
  try {
    await install();
  } catch {
    log('apt-get install failed; apt-get update and retry');
    try {
      await run('apt-get', ['update'], { env, timeoutMs: 300_000 });
      await install();
    } catch (e) {
      log(`apt-get failed: ${e.message.split('\n').slice(-3).join(' | ')}`);
    }
  }
  missing = missing.filter((p) => !installed(p));
  return missing;
}

/** A Chromium/Chrome executable: $CHROMIUM, else the usual Debian and distribution paths. */
export function findChromium() {
  const candidates = [
    process.env.CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ].filter(Boolean);
  return candidates.find((c) => {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
