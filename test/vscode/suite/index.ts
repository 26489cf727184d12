/**
 * The test runner VS Code's extension host loads (`extensionTestsPath`), as @vscode/test-electron's
 * `runTests` expects: `run()` resolves when every test passed and rejects otherwise. Runs the
 * bundled `*.test.js` files beside it in name order. Results also go, as JSON, to the file named by
 * $ZHOUBAO_E2E_RESULTS, where the harness reads the counts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (process.env.MOCHA_GREP) mocha.grep(process.env.MOCHA_GREP);
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, f));

  const tests: TestResult[] = [];
  const write = (stats: Mocha.Stats | undefined) => {
    const out = process.env.ZHOUBAO_E2E_RESULTS;
    if (!out) return;
    const body = { vscodeVersion: require('vscode').version as string, stats, tests };
    fs.writeFileSync(`${out}.tmp`, JSON.stringify(body, null, 2));
    fs.renameSync(`${out}.tmp`, out);
  };
  // the harness forwards the extension host's console to the terminal from this line on
  console.log('zhoubao-e2e: suite starting');
  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        write(runner.stats);
        if (failures > 0) reject(new Error(`${failures} tests failed.`));
        else resolve();
      });
    } catch (e) {
      reject(e);
      return;
    }
    runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('fail', (t, err: Error) => tests.push({ title: t.fullTitle(), state: 'failed', error: String(err?.stack ?? err) }));
    runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending' }));
  });
}
