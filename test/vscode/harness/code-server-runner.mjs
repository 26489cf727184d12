// The offline runner: code-server (VS Code's server and web workbench) on 127.0.0.1, the workbench
// in headless Chromium driven by playwright-core, and the suite run in the real extension host the
// way @vscode/test-electron's runTests does it: the `payload` query names extensionDevelopmentPath
// and extensionTestsPath; the extension host calls the suite's run(); the workbench then calls
// window.codeAutomationExit(code), which we expose to the page.
//
// While waiting, it serves the suite's screenshot requests (a file in the handshake folder): it
// checks the page for squiggles and the Problems panel, takes the screenshot, and answers.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { fatal, freePort, log, onInterrupt, stopProcessGroup, waitFor, withTimeout } from './util.mjs';

/** printed by suite/index.ts when mocha starts */
const SUITE_START = 'zhoubao-e2e: suite starting';
const SUITE_TIMEOUT_MS = Number(process.env.ZHOUBAO_E2E_TIMEOUT_MS || 6 * 60_000);

/**
 * Runs the suite; returns { exitCode, results } where results is the suite's JSON (or undefined).
 * `env` is added to the extension host's environment. Every process it starts is stopped before
 * it returns.
 */
export async function runWithCodeServer({ extension, codeServer, chromium, dirs, suiteIndex, artifacts, timings, env: extraEnv = {} }) {
  const { chromium: pw } = await import('playwright-core');
  const T0 = Date.now();
  const mark = (k) => {
    timings[k] = Date.now() - T0;
  };
  let cs;
  let browser;
  const unregister = onInterrupt(async () => {
    if (browser) await withTimeout(browser.close(), 10_000, 'closing Chromium').catch(() => undefined);
    if (cs) await stopProcessGroup(cs, 'code-server');
  });
  const consoleLog = fs.createWriteStream(path.join(artifacts, 'browser-console.log'));
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const config = path.join(dirs.base, 'config.yaml');
    fs.writeFileSync(config, 'auth: none\ncert: false\n');
    const csLog = fs.openSync(path.join(artifacts, 'code-server.log'), 'w');
    const env = {
      ...process.env,
      ZHOUBAO_E2E_RESULTS: dirs.results,
      ZHOUBAO_E2E_HANDSHAKE: dirs.handshake,
      // no extension gallery: the workbench would query the marketplace (offline: noise)
      EXTENSIONS_GALLERY: '{}',
      // inherited by the extension host, where the suite reads it
      ...extraEnv,
    };
    delete env.NODE_OPTIONS;
    delete env.VSCODE_IPC_HOOK_CLI;
    delete env.ELECTRON_RUN_AS_NODE;
    const args = [
      '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--config', config,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      '--ignore-last-opened', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, dirs.workspace,
    ];
    cs = spawn(codeServer, args, { env, detached: true, stdio: ['ignore', csLog, csLog] });
    fs.closeSync(csLog);
    cs.on('error', (e) => log(`code-server: ${e.message}`));
    log(`code-server pid ${cs.pid} on ${base}`);
    await waitFor(async () => {
      if (cs.exitCode !== null) throw fatal(`code-server exited (${cs.exitCode}); see ${artifacts}/code-server.log`);
      const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      return r.ok;
    }, 60_000, 'code-server /healthz');
    mark('codeServerReady');

    browser = await pw.launchPersistentContext(dirs.browserProfile, {
      executablePath: chromium,
      headless: true,
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
      locale: 'en-US',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      timeout: 60_000,
      // our own handlers stop Chromium and code-server together (playwright's would exit first)
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const page = browser.pages()[0] || (await browser.newPage());
    // extension-host output reaches the page as console.log('%c…', css, …args)
    let suiteStarted = false;
    page.on('console', async (m) => {
      let text = m.text();
      let fromExtensionHost = false;
      try {
        const a = await Promise.all(m.args().map((h) => h.jsonValue().catch(() => '?')));
        if (typeof a[0] === 'string' && a[0].startsWith('%c')) {
          fromExtensionHost = true;
          text = util.format(...a.slice(2));
        }
      } catch {
        /* page gone */
      }
      consoleLog.write(`[${m.type()}] ${text}\n`);
      // the suite's own output (mocha's spec reporter) comes through the extension host; the
      // workbench's start-up chatter before the suite's first line is left in the log file
      if (text.includes(SUITE_START)) suiteStarted = true;
      else if (suiteStarted && fromExtensionHost && m.type() !== 'warning') process.stderr.write(`  ${text}\n`);
    });
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));

    let exit;
    await page.exposeFunction('codeAutomationExit', (code) => {
      exit = { code };
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
      ['extensionDevelopmentPath', remote(extension)],
      ['extensionTestsPath', remote(suiteIndex)],
    ];
    const url = `${base}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    mark('workbenchLoaded');

    const request = path.join(dirs.handshake, 'screenshot-request.json');
    await waitFor(async () => {
      if (cs.exitCode !== null) throw fatal(`code-server exited (${cs.exitCode}) during the tests`);
      if (fs.existsSync(request)) {
        const req = JSON.parse(fs.readFileSync(request, 'utf8'));
        fs.rmSync(request);
        const answer = await screenshot(page, req, artifacts).catch((e) => ({ error: String(e.message || e) }));
        fs.writeFileSync(path.join(dirs.handshake, 'screenshot-done.json.tmp'), JSON.stringify(answer));
        fs.renameSync(path.join(dirs.handshake, 'screenshot-done.json.tmp'), path.join(dirs.handshake, 'screenshot-done.json'));
        mark('screenshot');
      }
      return exit;
    }, SUITE_TIMEOUT_MS, 'the suite to finish (window.codeAutomationExit)');
    mark('suiteFinished');
    await page.screenshot({ path: path.join(artifacts, 'workbench-end.png'), timeout: 20_000 }).catch(() => undefined);
    const results = fs.existsSync(dirs.results) ? JSON.parse(fs.readFileSync(dirs.results, 'utf8')) : undefined;
    return { exitCode: exit.code, results };
  } finally {
    unregister();
    if (browser) await withTimeout(browser.close(), 15_000, 'closing Chromium').catch((e) => log(e.message));
    if (cs) await stopProcessGroup(cs, 'code-server');
    consoleLog.end();
  }
}

/** Waits until the page shows squiggles and the Problems panel, then takes the screenshot. */
async function screenshot(page, req, artifacts) {
  const squiggles = '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info';
  const panel = '.markers-panel';
  const count = (sel) => page.locator(sel).count();
  await waitFor(async () => (await count(squiggles)) > 0, 20_000, 'squiggles in the editor').catch((e) => log(e.message));
  await waitFor(async () => (await count(`${panel} .monaco-list-row`)) > 0, 20_000, 'rows in the Problems panel').catch((e) => log(e.message));
  // let the rendered frame settle: wait until two consecutive frames happened (no fixed sleep)
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const file = path.join(artifacts, `${req.name || 'workbench'}.png`);
  await page.screenshot({ path: file, timeout: 20_000 });
  const answer = {
    file,
    squiggles: await count(squiggles),
    problemsPanel: await page.locator(panel).first().isVisible().catch(() => false),
    problemRows: await count(`${panel} .monaco-list-row`),
  };
  log(`screenshot ${file} (${answer.squiggles} squiggles, ${answer.problemRows} rows in the Problems panel)`);
  return answer;
}
