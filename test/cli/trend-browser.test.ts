/**
 * The page of `zhoubao trend` opened in headless Debian Chromium (playwright-core with the
 * machine's Chromium, no browser download; installed with apt-get when missing and run as root, as
 * the real-VS-Code suite does; ZHOUBAO_CHROMIUM names another): the expected series and points
 * are in the page, a point shows its week and value on hover (SVG <title>) and links to its
 * report, the page loads nothing but itself and violates no CSP. A screenshot is saved to
 * test-artifacts/trends/. Without Chromium (and none installable) the test is skipped with a
 * message, except under CI=true, where it fails.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, removeDir, ROOT, tempDir, zhoubao } from './cli-helpers';

/** What the real-VS-Code runner uses to find Chromium, and to install it with apt-get (as root) when it is missing. */
interface System {
  BROWSER_PACKAGES: string[];
  ensureDebianPackages(pkgs: string[]): Promise<string[]>;
  findChromium(): string | undefined;
}

/** ZHOUBAO_CHROMIUM, else a Chromium of the machine, installed first when missing and possible. */
async function chromiumPath(): Promise<string | undefined> {
  if (process.env.ZHOUBAO_CHROMIUM) return fs.existsSync(process.env.ZHOUBAO_CHROMIUM) ? process.env.ZHOUBAO_CHROMIUM : undefined;
  const system = (await import(pathToFileURL(path.join(ROOT, 'test', 'vscode', 'harness', 'system.mjs')).href)) as System;
  const found = system.findChromium();
  if (found) return found;
  await system.ensureDebianPackages(system.BROWSER_PACKAGES);
  return system.findChromium();
}

let CHROMIUM = '';
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'trends');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'trends', 'basic');

function fixtureCopy(): string {
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(FIXTURE)) files[`reports/${f}`] = fs.readFileSync(path.join(FIXTURE, f), 'utf8');
  return tempDir(files);
}

describe('zhoubao trend: the HTML page in headless Chromium', function () {
  this.timeout(60_000);
  let dir = '';
  before(async function () {
    this.timeout(1_200_000); // apt-get install chromium on a fresh machine
    const found = await chromiumPath();
    if (!found) {
      if (process.env.CI === 'true') throw new Error(`Chromium not found and not installable (${process.env.ZHOUBAO_CHROMIUM ?? 'apt-get install chromium'}; CI=true: the browser test must run)`);
      console.log('    (skipped: no Chromium; set ZHOUBAO_CHROMIUM or install the chromium package)');
      this.skip();
    }
    CHROMIUM = found;
    ensureBuilt();
    dir = fixtureCopy();
  });
  after(() => dir && removeDir(dir));

  it('shows every series with its points, hover titles and links, loading nothing else', async () => {
    for (const locale of ['zh-cn', 'en'] as const) {
      const r = zhoubao(['trend', '--dir', 'reports', '--out', `trend-${locale}.html`, '--locale', locale], dir);
      assert.equal(r.status, 0, r.stderr);
    }
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 1200 }, deviceScaleFactor: 1 });
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (q) => requests.push(q.url()));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      const url = pathToFileURL(path.join(dir, 'trend-zh-cn.html')).href;
      await page.goto(url, { waitUntil: 'load' });

      assert.equal(await page.title(), '周报指标趋势');
      const sections = await page.$$eval('section.chart', (els) => els.map((e) => e.id));
      assert.deepEqual(sections, ['metric-depositSuccessRate', 'metric-withdrawalSuccessRate', 'metric-annualAvailability', 'incidents', 'progress']);

      // the points of one metric: the weeks with a number (not the gap W25, not W27's N/A)
      const deposit = await page.$$eval('#metric-depositSuccessRate a > path', (els) => els.map((e) => e.querySelector('title')?.textContent));
      assert.deepEqual(deposit, ['入金有效成功率 2024-W22：99.981%', '入金有效成功率 2024-W23：99.942%', '入金有效成功率 2024-W24：99.975%', '入金有效成功率 2024-W26：99.990%']);
      // below target in red
      const fills = await page.$$eval('#metric-depositSuccessRate a > path', (els) => els.map((e) => e.getAttribute('fill')));
      assert.deepEqual(fills, ['#1f77b4', '#d62728', '#1f77b4', '#1f77b4']);
      // each point links to its report at the line
      const href = await page.$eval('#metric-depositSuccessRate a', (a) => a.getAttribute('xlink:href') ?? a.getAttribute('href'));
      assert.equal(href, `${pathToFileURL(path.join(dir, 'reports', '2024-W22.md')).href}#L13`);
      // the line of a metric is drawn and rendered with a size
      const box = await page.$eval('#metric-depositSuccessRate svg', (s) => {
        const r = s.getBoundingClientRect();
        return { w: r.width, h: r.height };
      });
      assert.ok(box.w > 300 && box.h > 100, JSON.stringify(box));

      const bars = await page.$$eval('#incidents a > path title', (els) => els.map((e) => e.textContent));
      assert.deepEqual(bars, ['2024-W23 CD级：1', '2024-W24 CD级：0.5', '2024-W26 AB级：1']);
      const progress = await page.$$eval('#progress a > path title', (els) => els.map((e) => e.textContent));
      assert.equal(progress.length, 10);
      assert.ok(progress.includes('【聚合收银台】 前端改版 进度 2024-W27：100%'));
      assert.match(await page.textContent('ul.notes') ?? '', /缺少周报的周：2024-W25/);

      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'trends-zh-cn.png'), fullPage: true });

      await page.goto(pathToFileURL(path.join(dir, 'trend-en.html')).href, { waitUntil: 'load' });
      assert.equal(await page.title(), 'Weekly report trends');
      assert.match(await page.textContent('#incidents svg') ?? '', /Incidents per week by grade/);

      assert.deepEqual(problems, [], 'no console error, no CSP violation');
      assert.ok(
        requests.every((u) => u.startsWith('file://')),
        `only the page itself is loaded: ${requests.join(', ')}`,
      );
    } finally {
      await browser.close();
    }
  });
});
