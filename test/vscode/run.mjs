#!/usr/bin/env node
// `npm run test:vscode`: the real-VS-Code suite (test/vscode/suite) in a real extension host.
//
// Runner choice (one suite, two runners; harness/runner.mjs, shared with `npm run bench`):
//   1. @vscode/test-electron, when $VSCODE_EXECUTABLE names a VS Code, or when VS Code can be
//      downloaded here;
//   2. otherwise the offline runner: code-server (VS Code 1.100.3's server and web workbench,
//      installed from the npm registry into ~/.cache/zhoubao/code-server-<version>, reused by later
//      runs) with the workbench in headless Chromium (Debian's, driven by playwright-core).
//   $ZHOUBAO_E2E_RUNNER=electron|code-server forces one.
// Where neither can start, it says why and reports the suite as skipped (exit 0), except with
// CI=true, where that is a failure (exit 1).
//
// Options: --no-build (use the existing dist/), --grep PATTERN (mocha grep; also $MOCHA_GREP),
//          --vsix FILE (test the packaged extension: the .vsix unpacked, instead of the repository),
//          --keep (keep the temporary run folder).
// Artifacts (screenshot, logs, results.json): test-artifacts/vscode/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExtension, bundleSuite, cleanArtifacts, prepareRunDir, saveLogs } from './harness/prepare.mjs';
import { Unavailable, chooseRunner, runSuite } from './harness/runner.mjs';
import { ensureDebianPackages } from './harness/system.mjs';
import { elapsedMs, interrupted, log } from './harness/util.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const isCI = /^(1|true)$/i.test(process.env.CI ?? '');
const artifacts = path.join(root, 'test-artifacts', 'vscode');
const timings = {};

async function main() {
  if (!flag('--no-build') && !option('--vsix')) buildExtension(root);
  if (option('--grep')) process.env.MOCHA_GREP = option('--grep');
  cleanArtifacts(artifacts);
  const suiteIndex = await bundleSuite(root);

  const plan = await chooseRunner(root, timings);
  timings.prepareMs = elapsedMs();

  const dirs = prepareRunDir(root);
  let extension = root;
  if (option('--vsix')) {
    // a .vsix is a zip whose extension/ folder is what VS Code installs
    const unpacked = path.join(dirs.base, 'vsix');
    await ensureDebianPackages(['unzip']);
    execFileSync('unzip', ['-q', path.resolve(option('--vsix')), 'extension/*', '-d', unpacked]);
    extension = path.join(unpacked, 'extension');
  }
  log(`runner: ${plan.runner}; extension ${extension}; workspace ${dirs.workspace}`);
  let outcome;
  try {
    outcome = await runSuite({ plan, extension, dirs, suiteIndex, artifacts, timings });
  } finally {
    saveLogs(dirs, artifacts);
    if (!flag('--keep')) fs.rmSync(dirs.base, { recursive: true, force: true });
    else log(`kept ${dirs.base}`);
  }
  timings.totalMs = elapsedMs();
  fs.writeFileSync(path.join(artifacts, 'timings.json'), JSON.stringify({ runner: plan.runner, ...timings }, null, 2) + '\n');

  const r = outcome.results;
  if (r?.tests) {
    const failed = r.tests.filter((t) => t.state === 'failed');
    for (const t of failed) console.log(`FAILED: ${t.title}\n  ${String(t.error).split('\n').slice(0, 12).join('\n  ')}`);
  }
  log(`timings (ms): ${JSON.stringify(timings)}; artifacts in ${path.relative(process.cwd(), artifacts) || artifacts}`);
  if (!r?.stats) {
    console.log(`real-VS-Code suite (${plan.runner}): no results (exit ${outcome.exitCode}); see ${artifacts}`);
    return 1;
  }
  const { passes, failures, pending } = r.stats;
  console.log(`real-VS-Code suite: VS Code ${r.vscodeVersion} via ${plan.runner}`);
  console.log(`vscode: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
  return failures === 0 && outcome.exitCode === 0 ? 0 : 1;
}

let code;
try {
  code = await main();
} catch (e) {
  if (interrupted()) await new Promise(() => {}); // the signal handler cleans up and exits
  if (e instanceof Unavailable) {
    console.log(`real-VS-Code suite SKIPPED: neither runner can start here: ${e.message}`);
    code = isCI ? 1 : 0;
    if (isCI) console.log('CI=true: a suite that cannot run is a failure.');
  } else {
    console.error(e.stack || e);
    code = 1;
  }
}
process.exit(code);
