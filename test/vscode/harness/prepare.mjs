// What both runners share: the bundled extension and suite, a fresh workspace of fixture reports
// and a fresh user-data folder with quiet settings, under one temporary directory.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log } from './util.mjs';

export function buildExtension(root) {
  log('building the extension (scripts/build.mjs)');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  for (const f of ['dist/client.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} missing after the build`);
  }
}

/**
 * Bundles test/vscode/suite/index.ts (the mocha runner the extension host loads) and the
 * `*.test.ts` files of test/vscode/<dir> into out/<outName>/*.js (CommonJS; `vscode` and mocha
 * external). The test suite is dir `suite`; the extension benchmark's is `bench`.
 */
export async function bundleSuite(root, { dir = 'suite', outName = 'vscode-suite' } = {}) {
  const src = path.join(root, 'test', 'vscode', dir);
  const outdir = path.join(root, 'out', outName);
  fs.rmSync(outdir, { recursive: true, force: true });
  // flat output names: index.js beside the *.test.js files it loads
  const entryPoints = [
    { in: path.join(root, 'test', 'vscode', 'suite', 'index.ts'), out: 'index' },
    ...fs.readdirSync(src).filter((f) => f.endsWith('.test.ts')).map((f) => ({ in: path.join(src, f), out: f.replace(/\.ts$/, '') })),
  ];
  await esbuild.build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(outdir, 'index.js');
}

/**
 * A fresh run directory: workspace (a copy of the fixtures, or `files`: [{ name, text }] when
 * given), user data, extensions, handshake.
 */
export function prepareRunDir(root, { files } = {}) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'zhoubao-vscode-'));
  const dirs = {
    base,
    workspace: path.join(base, 'workspace'),
    userData: path.join(base, 'user-data'),
    extensions: path.join(base, 'extensions'),
    browserProfile: path.join(base, 'chromium-profile'),
    handshake: path.join(base, 'handshake'),
    results: path.join(base, 'results.json'),
  };
  for (const d of [dirs.userData, dirs.extensions, dirs.browserProfile, dirs.handshake]) fs.mkdirSync(d, { recursive: true });
  if (files) {
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(dirs.workspace, f.name)), { recursive: true });
      fs.writeFileSync(path.join(dirs.workspace, f.name), f.text);
    }
  } else {
    fs.cpSync(path.join(root, 'test', 'vscode', 'fixtures', 'workspace'), dirs.workspace, { recursive: true });
  }
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'update.mode': 'none',
        'git.enabled': false,
        'chat.commandCenter.enabled': false,
        'editor.minimap.enabled': false,
        'editor.fontSize': 15,
        'window.title': 'Zhoubao e2e',
        'zhoubao.trace.server': process.env.ZHOUBAO_TRACE || 'off',
      },
      null,
      2,
    ),
  );
  return dirs;
}

export function cleanArtifacts(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
}

/** Copies VS Code's logs (extension host, the "Zhoubao" output channel…) into the artifacts. */
export function saveLogs(dirs, artifacts) {
  const logs = path.join(dirs.userData, 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, path.join(artifacts, 'vscode-logs'), { recursive: true });
  if (fs.existsSync(dirs.results)) fs.copyFileSync(dirs.results, path.join(artifacts, 'results.json'));
}
