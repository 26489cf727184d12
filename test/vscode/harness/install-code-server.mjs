// Installs code-server (the real VS Code server and web workbench) from the npm registry alone,
// into a cache directory outside the repository keyed by version, and reuses it on later runs.
//
// Offline tricks (nothing is downloaded but npm packages):
// - the only non-npm download in code-server's install is @vscode/ripgrep's postinstall (a GitHub
//   release). Its download.js first looks in $TMPDIR/vscode-ripgrep-cache-<pkgver>/<asset>.tar.gz,
//   so we pre-seed that file with a real `rg` (Debian's /usr/bin/rg, else the static one that the
//   npm package @vscode/ripgrep-linux-<arch> ships);
// - node-gyp compiles the native modules against the local Node headers (npm_config_nodedir) instead
//   of downloading them; node-pty's postinstall runs `npx node-gyp`, which needs npm_config_yes.
//
// code-server 4.100.3 (= VS Code 1.100.3) is the newest that runs on Node 20.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log, run } from './util.mjs';

export const CODE_SERVER_VERSION = process.env.ZHOUBAO_CODE_SERVER_VERSION || '4.100.3';

export function defaultInstallDir(version = CODE_SERVER_VERSION) {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'zhoubao', `code-server-${version}`);
}

function binOf(dir) {
  return path.join(dir, 'node_modules', '.bin', 'code-server');
}

function works(bin) {
  try {
    execFileSync(bin, ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** The installed binary when the cache holds a finished install, else undefined. */
export function cachedCodeServer(dir = defaultInstallDir()) {
  const marker = path.join(dir, `.code-server-${CODE_SERVER_VERSION}.ok`);
  const bin = binOf(dir);
  return fs.existsSync(marker) && works(bin) ? bin : undefined;
}

function nodeDir() {
  const fromEnv = process.env.npm_config_nodedir;
  if (fromEnv && fs.existsSync(path.join(fromEnv, 'include', 'node', 'node_api.h'))) return fromEnv;
  const dir = path.dirname(path.dirname(fs.realpathSync(process.execPath)));
  if (fs.existsSync(path.join(dir, 'include', 'node', 'node_api.h'))) return dir;
  return undefined;
}

function tarRead(tgz, member) {
  return execFileSync('tar', ['-xzOf', tgz, member], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

async function npmPack(spec, dir, env) {
  const out = await run('npm', ['pack', spec, '--loglevel=error', '--pack-destination', dir], { env, timeoutMs: 300_000 });
  const name = out.trim().split('\n').pop().trim();
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) throw new Error(`npm pack ${spec} did not produce ${file}`);
  return file;
}

/**
 * Returns the path of a working code-server binary, installing it into `dir` when needed.
 * Throws with a clear message when it cannot (missing headers, no registry…).
 */
export async function installCodeServer(dir = defaultInstallDir()) {
  const ready = cachedCodeServer(dir);
  if (ready) {
    log(`code-server ${CODE_SERVER_VERSION}: cached in ${dir}`);
    return ready;
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node 20 (its postinstall checks it); this is ${process.version}`);
  const nd = nodeDir();
  if (!nd) throw new Error('Node headers (include/node/node_api.h) not found: node-gyp cannot build code-server\'s native modules offline');

  const t0 = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (first run only; a few minutes)`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, '.tmp');
  const pack = path.join(dir, '.pack');
  fs.mkdirSync(tmp, { recursive: true });
  fs.mkdirSync(pack, { recursive: true });
  const env = {
    ...process.env,
    npm_config_nodedir: nd,
    npm_config_unsafe_perm: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_progress: 'false',
    npm_config_yes: 'true',
    // the ripgrep download cache lives in os.tmpdir(): a private one that we pre-seed
    TMPDIR: tmp,
  };
  delete env.NODE_OPTIONS;

  const tgz = await npmPack(`code-server@${CODE_SERVER_VERSION}`, pack, env);

  // ---- pre-seed ripgrep's download cache
  const shrink = JSON.parse(tarRead(tgz, 'package/lib/vscode/npm-shrinkwrap.json'));
  const rgVersion = shrink.packages?.['node_modules/@vscode/ripgrep']?.version;
  if (!rgVersion) throw new Error('cannot find the @vscode/ripgrep version in code-server\'s lib/vscode/npm-shrinkwrap.json');
  const rgTgz = await npmPack(`@vscode/ripgrep@${rgVersion}`, pack, env);
  let postinstall = '';
  try {
    postinstall = tarRead(rgTgz, 'package/lib/postinstall.js');
  } catch {
    /* newer packages have no download step */
  }
  const tag = /^const VERSION = '(v[^']+)'/m.exec(postinstall)?.[1];
  if (tag) {
    const arch = { x64: 'x86_64', arm64: 'aarch64' }[process.arch];
    if (!arch) throw new Error(`unsupported architecture ${process.arch}`);
    const asset = `ripgrep-${tag}-${arch}-unknown-linux-musl.tar.gz`;
    let rg = process.env.RG_BINARY && process.env.RG_BINARY !== 'npm' ? process.env.RG_BINARY : undefined;
    if (!rg && process.env.RG_BINARY !== 'npm' && fs.existsSync('/usr/bin/rg')) rg = '/usr/bin/rg';
    if (!rg) {
      const rgPkg = await npmPack(`@vscode/ripgrep-linux-${process.arch}`, pack, env);
      const unpacked = path.join(pack, 'rgpkg');
      fs.mkdirSync(unpacked, { recursive: true });
      execFileSync('tar', ['-xzf', rgPkg, '-C', unpacked]);
      rg = path.join(unpacked, 'package', 'bin', 'rg');
    }
    execFileSync(rg, ['--version'], { stdio: 'ignore' });
    const stage = path.join(pack, 'rgstage');
    fs.mkdirSync(stage, { recursive: true });
    fs.copyFileSync(rg, path.join(stage, 'rg'));
    fs.chmodSync(path.join(stage, 'rg'), 0o755);
    const cacheDir = path.join(tmp, `vscode-ripgrep-cache-${rgVersion}`);
    fs.mkdirSync(cacheDir, { recursive: true });
    execFileSync('tar', ['-czf', path.join(cacheDir, asset), '-C', stage, 'rg']);
    log(`pre-seeded ripgrep ${tag} cache with ${rg}`);
  }

  // ---- install (postinstall compiles native modules)
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "zhoubao-code-server-host", "private": true }\n');
  const logPath = path.join(dir, 'install.log');
  const logFile = fs.createWriteStream(logPath);
  try {
    await run('npm', ['install', '--no-save', '--foreground-scripts', tgz], { env, cwd: dir, timeoutMs: 1_200_000, logFile });
  } catch (e) {
    throw new Error(`npm install code-server failed (log: ${logPath}): ${e.message.split('\n').slice(-15).join('\n')}`);
  } finally {
    logFile.end();
  }

  // ---- verify: the native modules load, the binary runs
  const vscodeDir = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  if (!fs.existsSync(path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'))) throw new Error('ripgrep missing after install');
  execFileSync(process.execPath, ['-e', 'for (const m of ["@vscode/spdlog","node-pty","native-watchdog","kerberos","@parcel/watcher"]) require(m)'], {
    cwd: vscodeDir,
    stdio: 'pipe',
  });
  const bin = binOf(dir);
  if (!works(bin)) throw new Error(`${bin} --version fails after install`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(pack, { recursive: true, force: true });
  fs.writeFileSync(path.join(dir, `.code-server-${CODE_SERVER_VERSION}.ok`), new Date().toISOString() + '\n');
  log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return bin;
}
