import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../server/src/core';
import { ensureBuilt, ROOT, removeDir, tempDir, zhoubao } from './cli-helpers';

const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('zhoubao rules, --help, --version (the built CLI as a process)', function () {
  let cwd: string;
  before(function () {
    this.timeout(120_000);
    ensureBuilt();
    cwd = tempDir();
  });
  after(() => removeDir(cwd));

  it('--version prints the version of package.json', () => {
    for (const flag of ['--version', '-v']) {
      const r = zhoubao([flag], cwd);
      assert.equal(r.status, 0);
      assert.equal(r.stdout, `${VERSION}\n`);
    }
  });

  it('--help describes the commands and options, in English and in Chinese', () => {
    const en = zhoubao(['--help'], cwd);
    assert.equal(en.status, 0);
    for (const word of ['check', 'rules', '--format', '--profile', '--locale', '--quiet', 'Exit codes']) assert.ok(en.stdout.includes(word), word);
    const zh = zhoubao(['check', '--help', '--locale', 'zh-cn'], cwd);
    assert.equal(zh.status, 0);
    assert.match(zh.stdout, /^用法：zhoubao/);
    assert.match(zh.stdout, /退出码/);
  });

  it('rules lists every rule of the catalogue with its severity, whether it is fixable and its description', () => {
    const r = zhoubao(['rules'], cwd);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^code +severity +fixable +description$/);
    const label = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };
    for (const rule of allRules) {
      const line = lines.find((l) => l.startsWith(rule.code + ' '));
      assert.ok(line, `${rule.code} is listed`);
      const [code, severity, fixable, ...description] = line.split(/ {2,}/);
      assert.deepEqual([code, severity, fixable, description.join('  ')], [rule.code, label[rule.defaultSeverity], rule.fixable ? 'yes' : 'no', rule.description.en]);
    }
    assert.ok(lines.some((l) => l.startsWith('WR000 ')), 'the encoding guard is listed');
  });

  it('rules --format json gives the catalogue as data, in the chosen language', () => {
    const r = zhoubao(['rules', '--format', 'json', '--locale', 'zh-cn'], cwd);
    assert.equal(r.status, 0);
    const list = JSON.parse(r.stdout) as Array<{ code: string; name: string; severity: string; fixable: boolean; description: string }>;
    for (const rule of allRules) {
      const entry = list.find((e) => e.code === rule.code);
      assert.deepEqual(
        entry && { name: entry.name, severity: entry.severity, fixable: entry.fixable, description: entry.description },
        { name: rule.name, severity: rule.defaultSeverity, fixable: rule.fixable, description: rule.description['zh-cn'] },
      );
    }
  });

  it('rules refuses files and the SARIF format', () => {
    assert.equal(zhoubao(['rules', 'x.md'], cwd).status, 2);
    assert.equal(zhoubao(['rules', '--format', 'sarif'], cwd).status, 2);
  });
});
