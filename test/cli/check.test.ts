import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkDocument, defaultProfile } from '../../server/src/core';
import { CLEAN_W20, ensureBuilt, ERROR_W20, REPORT_W20, ROOT, removeDir, tempDir, zhoubao, type JsonOutput } from './cli-helpers';

const GBK_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'cli', 'gbk-report.md');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const ESC = '\u001b[';

describe('zhoubao check (the built CLI as a process)', function () {
  const dirs: string[] = [];
  const dir = (files: Record<string, string | Uint8Array> = {}) => {
    const d = tempDir(files);
    dirs.push(d);
    return d;
  };

  before(function () {
    this.timeout(120_000);
    ensureBuilt();
  });
  after(() => dirs.forEach(removeDir));

  describe('exit codes', () => {
    it('exits 0 on a clean report and says there is no problem', () => {
      const r = zhoubao(['check', '2024-W20.md'], dir({ '2024-W20.md': CLEAN_W20 }));
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^No problems \(1 file checked\)\.$/m);
    });

    it('exits 0 when the findings are warnings only', () => {
      const r = zhoubao(['check', '2024-W20.md'], dir({ '2024-W20.md': REPORT_W20 }));
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /WR023/);
    });

    it('exits 1 when any finding is an error', () => {
      const r = zhoubao(['check', '.'], dir({ '2024-W20.md': ERROR_W20, 'sub/2024-W19.md': CLEAN_W20 }));
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /2024-W20\.md:\d+:\d+ +error +WR022/);
    });

    it('exits 2 with a clear message for a file that does not exist, and prints no report', () => {
      const r = zhoubao(['check', '2024-W20.md', 'nope.md'], dir({ '2024-W20.md': ERROR_W20 }));
      assert.equal(r.status, 2);
      assert.match(r.stderr, /No such file or directory: nope\.md/);
      assert.equal(r.stdout, '');
    });

    it('exits 2 when an explicit glob matches nothing', () => {
      const r = zhoubao(['check', 'reports/**/*.md'], dir({ '2024-W20.md': CLEAN_W20 }));
      assert.equal(r.status, 2);
      assert.match(r.stderr, /No files match the pattern "reports\/\*\*\/\*\.md"/);
    });

    it('exits 2 when there is nothing to check in the current directory', () => {
      const r = zhoubao(['check'], dir({ 'notes.txt': 'hello' }));
      assert.equal(r.status, 2);
      assert.match(r.stderr, /No Markdown files found in \./);
    });

    it('exits 2 for a directory or a file it may not read', function () {
      // permissions do not bind root: as root, run the tool as the unprivileged user "nobody"
      const as = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
      if (process.platform === 'win32') this.skip();
      const d = dir({ 'locked/2024-W20.md': ERROR_W20, 'secret/2024-W21.md': ERROR_W20 });
      fs.chmodSync(d, 0o755);
      fs.chmodSync(path.join(d, 'secret'), 0o755);
      fs.chmodSync(path.join(d, 'locked'), 0o000);
      fs.chmodSync(path.join(d, 'secret', '2024-W21.md'), 0o000);
      try {
        const r = zhoubao(['check', 'locked'], d, {}, as);
        assert.equal(r.status, 2, r.stdout + r.stderr);
        assert.match(r.stderr, /Cannot read the directory locked: permission denied/);
        const f = zhoubao(['check', 'secret'], d, {}, as);
        assert.equal(f.status, 2, f.stdout + f.stderr);
        assert.match(f.stderr, /Cannot read the file secret\/2024-W21\.md: permission denied/);
        assert.equal(f.stdout, '');
      } finally {
        fs.chmodSync(path.join(d, 'locked'), 0o755);
        fs.chmodSync(path.join(d, 'secret', '2024-W21.md'), 0o644);
      }
    });

    it('exits 2 on an unknown option, an unknown format or no command', () => {
      const d = dir({ '2024-W20.md': CLEAN_W20 });
      for (const args of [['check', '--fix'], ['check', '--format', 'xml'], [], ['lint']]) {
        const r = zhoubao(args, d);
        assert.equal(r.status, 2, args.join(' '));
        assert.match(r.stderr, /^zhoubao: .+\nRun 'zhoubao --help' for usage\.\n$/, args.join(' '));
      }
    });
  });

  describe('which files', () => {
    it('checks every Markdown file under the current directory but gives findings only to reports', () => {
      const d = dir({
        'README.md': '# Team reports\n\nOne file per week, see 2024-W20.md.\n\n## How to write\n\n- 入金有效成功率：50%\n',
        'reports/2024-W20.md': REPORT_W20,
        'node_modules/pkg/2024-W20.md': ERROR_W20,
      });
      const r = zhoubao(['check', '--format', 'json'], d);
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout) as JsonOutput;
      assert.deepEqual(
        out.map((f) => f.file),
        ['README.md', 'reports/2024-W20.md'],
      );
      assert.deepEqual(out[0].diagnostics, []);
      assert.ok(out[1].diagnostics.some((x) => x.code === 'WR023'));
    });

    it('takes directories, globs and files, each file once', () => {
      const d = dir({ 'a/2024-W19.md': CLEAN_W20, 'a/2024-W20.md': REPORT_W20, 'b/2024-W21.md': CLEAN_W20 });
      const r = zhoubao(['check', 'a', 'a/*.md', 'b/2024-W21.md', '--format', 'json'], d);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(
        (JSON.parse(r.stdout) as JsonOutput).map((f) => f.file),
        ['a/2024-W19.md', 'a/2024-W20.md', 'b/2024-W21.md'],
      );
    });

    it('reports paths relative to the current directory with "/" even outside it', () => {
      const d = dir({ 'reports/2024-W20.md': REPORT_W20, 'work/.keep': '' });
      const r = zhoubao(['check', '../reports', '--format', 'json'], path.join(d, 'work'));
      assert.deepEqual(
        (JSON.parse(r.stdout) as JsonOutput).map((f) => f.file),
        ['../reports/2024-W20.md'],
      );
    });
  });

  describe('--format json', () => {
    it('prints file and diagnostics with 1-based lines and UTF-16 columns that point at the finding', () => {
      const d = dir({ '2024-W20.md': REPORT_W20 });
      const r = zhoubao(['check', '2024-W20.md', '--format', 'json'], d);
      const out = JSON.parse(r.stdout) as JsonOutput;
      assert.equal(out.length, 1);
      assert.deepEqual(Object.keys(out[0]), ['file', 'diagnostics']);
      const wr023 = out[0].diagnostics.find((x) => x.code === 'WR023');
      assert.ok(wr023, r.stdout);
      assert.deepEqual(Object.keys(wr023), ['code', 'severity', 'line', 'column', 'endLine', 'endColumn', 'message']);
      assert.equal(wr023.severity, 'warning');
      const lines = REPORT_W20.split('\n');
      assert.equal(wr023.line, lines.findIndex((l) => l.includes('出金有效成功率')) + 1);
      const marked = lines[wr023.line - 1].slice(wr023.column - 1, wr023.endColumn - 1);
      assert.ok(marked.includes('99.938') || marked.includes('出金有效成功率'), `the range marks "${marked}"`);
      assert.match(wr023.message, /99\.938%/);
    });

    it('gives exactly the core findings, shifted by one', () => {
      const d = dir({ '2024-W20.md': ERROR_W20 });
      const out = JSON.parse(zhoubao(['check', '--format', 'json'], d).stdout) as JsonOutput;
      const core = checkDocument({ text: ERROR_W20, profile: defaultProfile, fileName: '2024-W20.md' });
      assert.ok(core.length >= 2);
      assert.deepEqual(
        out[0].diagnostics,
        core.map((f) => ({
          code: f.code,
          severity: f.severity,
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
          message: f.message.en,
        })),
      );
    });

    it('gives a report with a UTF-8 byte order mark the same positions', () => {
      const d = dir({ 'plain/2024-W20.md': REPORT_W20, 'bom/2024-W20.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(REPORT_W20)]) });
      const out = JSON.parse(zhoubao(['check', '--format', 'json'], d).stdout) as JsonOutput;
      assert.equal(out.length, 2);
      assert.deepEqual(out[0].diagnostics, out[1].diagnostics);
      assert.ok(out[0].diagnostics.length > 0);
    });
  });

  describe('--format sarif', () => {
    it('writes a SARIF 2.1.0 log whose results match the JSON findings', () => {
      const d = dir({ '周报/2024-W20 copy.md': ERROR_W20 });
      const sarif = JSON.parse(zhoubao(['check', '--format', 'sarif'], d).stdout);
      const json = JSON.parse(zhoubao(['check', '--format', 'json'], d).stdout) as JsonOutput;
      assert.equal(sarif.version, '2.1.0');
      assert.match(sarif.$schema, /sarif-2\.1\.0/);
      assert.equal(sarif.runs.length, 1);
      const run = sarif.runs[0];
      assert.equal(run.tool.driver.name, 'zhoubao');
      assert.equal(run.tool.driver.version, VERSION);
      assert.match(run.tool.driver.informationUri, /^https?:\/\//);
      assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(fs.realpathSync(d) + '/').href);

      const expected = json[0].diagnostics;
      assert.equal(run.results.length, expected.length);
      run.results.forEach((res: any, i: number) => {
        const j = expected[i];
        assert.equal(res.ruleId, j.code);
        assert.equal(res.level, { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[j.severity]);
        assert.equal(res.message.text, j.message);
        assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
        const loc = res.locations[0].physicalLocation;
        assert.equal(loc.artifactLocation.uri, '%E5%91%A8%E6%8A%A5/2024-W20%20copy.md');
        assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
        assert.deepEqual(loc.region, { startLine: j.line, startColumn: j.column, endLine: j.endLine, endColumn: j.endColumn });
      });
      assert.ok(run.results.some((res: any) => res.ruleId === 'WR022' && res.level === 'error'));
    });

    it('describes every rule with a help link to its page next to the bundle', () => {
      const d = dir({ '2024-W20.md': CLEAN_W20 });
      const run = JSON.parse(zhoubao(['check', '--format', 'sarif'], d).stdout).runs[0];
      assert.deepEqual(run.results, []);
      const wr023 = run.tool.driver.rules.find((r: any) => r.id === 'WR023');
      assert.equal(wr023.name, 'metric-below-target');
      assert.ok(wr023.shortDescription.text.length > 0);
      assert.equal(wr023.helpUri, pathToFileURL(path.join(ROOT, 'docs', 'rules', 'WR023.md')).href);
      const ids = run.tool.driver.rules.map((r: any) => r.id);
      assert.ok(ids.includes('WR000') && ids.includes('WR001') && ids.includes('profile'), ids.join(' '));
      const wr000 = run.tool.driver.rules.find((r: any) => r.id === 'WR000');
      assert.ok(fs.existsSync(new URL(wr000.helpUri)), wr000.helpUri);
    });
  });

  describe('--format text', () => {
    it('prints file:line:col, severity, code and message, then a summary, without colour when piped', () => {
      // last week's report (files checked together are each other's history: its goals are followed up)
      const w19 = CLEAN_W20.replace('# 2024-W20', '# 2024-W19').replace('05/14 10:05', '05/09 10:05').replace(/1\. 连连通道上线[\s\S]*$/, '1. 连连通道联调\n2. 对账文件延迟排查\n');
      const d = dir({ '2024-W20.md': ERROR_W20, '2024-W19.md': w19 });
      const r = zhoubao(['check'], d);
      const json = JSON.parse(zhoubao(['check', '--format', 'json'], d).stdout) as JsonOutput;
      const diags = json.find((f) => f.file === '2024-W20.md')!.diagnostics;
      for (const x of diags) {
        const label = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' }[x.severity];
        assert.ok(r.stdout.includes(`2024-W20.md:${x.line}:${x.column}`), r.stdout);
        assert.match(r.stdout, new RegExp(`^2024-W20\\.md:${x.line}:${x.column} +${label} +${x.code} +\\S`, 'm'));
      }
      const errors = diags.filter((x) => x.severity === 'error').length;
      const warnings = diags.filter((x) => x.severity === 'warning').length;
      assert.match(
        r.stdout,
        new RegExp(`^${diags.length} problems? \\(${errors} errors?, ${warnings} warnings?, \\d+ infos?, \\d+ hints?\\) in 1 file \\(2 checked\\)$`, 'm'),
      );
      assert.ok(!r.stdout.includes(ESC), 'no ANSI escapes when stdout is not a terminal');
    });

    it('colours with FORCE_COLOR, and NO_COLOR wins over it', () => {
      const d = dir({ '2024-W20.md': ERROR_W20 });
      assert.ok(zhoubao(['check'], d, { FORCE_COLOR: '1' }).stdout.includes(`${ESC}31m`));
      assert.ok(!zhoubao(['check'], d, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout.includes(ESC));
    });

    it('--quiet prints errors only and nothing at all when there is none', () => {
      const d = dir({ '2024-W20.md': ERROR_W20, 'ok/2024-W20.md': REPORT_W20 });
      const r = zhoubao(['check', '--quiet'], d);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /WR022/);
      assert.doesNotMatch(r.stdout, /WR023/);
      assert.match(r.stdout, /\(1 error, 0 warnings, 0 infos, 0 hints\)/);
      const ok = zhoubao(['check', 'ok', '-q'], d);
      assert.equal(ok.status, 0);
      assert.equal(ok.stdout, '');
    });
  });

  describe('encodings', () => {
    it('gives a GBK report one WR000 finding at its first non-UTF-8 byte and no other', () => {
      const d = dir({ 'gbk-report.md': fs.readFileSync(GBK_FIXTURE) });
      const r = zhoubao(['check', '--format', 'json'], d);
      assert.equal(r.status, 1);
      assert.deepEqual(JSON.parse(r.stdout), [
        {
          file: 'gbk-report.md',
          diagnostics: [
            // "# 第15周": the GBK bytes of 第 start after "# " (line 1, column 3)
            { code: 'WR000', severity: 'error', line: 1, column: 3, endLine: 1, endColumn: 4, message: 'The file is not valid UTF-8 (it looks like GBK); save it as UTF-8' },
          ],
        },
      ]);
    });

    it('says it in Chinese with --locale zh-cn', () => {
      const d = dir({ 'gbk-report.md': fs.readFileSync(GBK_FIXTURE) });
      const r = zhoubao(['check', '--locale', 'zh-cn'], d);
      assert.match(r.stdout, /^gbk-report\.md:1:3 +错误 +WR000 +文件不是有效的 UTF-8 编码（看起来是 GBK）；请另存为 UTF-8$/m);
    });

    it('gives a binary file named .md one clear finding instead of crashing', () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
      const d = dir({ '2024-W20.md': png, 'logo.md': png });
      const r = zhoubao(['check', '--format', 'json'], d);
      assert.equal(r.status, 1, r.stderr);
      const out = JSON.parse(r.stdout) as JsonOutput;
      assert.deepEqual(
        out.map((f) => [f.file, f.diagnostics.map((x) => x.code)]),
        [
          ['2024-W20.md', ['WR000']],
          ['logo.md', ['WR000']],
        ],
      );
      assert.match(out[0].diagnostics[0].message, /binary/);
      assert.equal(r.stderr, '');
    });

    it('leaves a Latin-1 README that is not a report alone', () => {
      const d = dir({ 'README.md': Buffer.from('# Caf\xe9 notes\n\nNothing here.\n', 'latin1') });
      const r = zhoubao(['check', '--format', 'json'], d);
      assert.equal(r.status, 0);
      assert.deepEqual(JSON.parse(r.stdout), [{ file: 'README.md', diagnostics: [] }]);
    });
  });

  describe('profiles', () => {
    it('reads .zhoubao.json from the current directory', () => {
      const d = dir({ '2024-W20.md': REPORT_W20, '.zhoubao.json': '// team profile\n{ "rules": { "WR023": "error" } }\n' });
      const r = zhoubao(['check', '--format', 'json'], d);
      assert.equal(r.status, 1);
      const out = JSON.parse(r.stdout) as JsonOutput;
      assert.equal(out[0].diagnostics.find((x) => x.code === 'WR023')?.severity, 'error');
    });

    it('--profile wins over .zhoubao.json', () => {
      const d = dir({
        '2024-W20.md': REPORT_W20,
        '.zhoubao.json': '{ "rules": { "WR023": "error" } }',
        'team/relaxed.json': '{ "metrics": [{ "id": "withdrawalSuccessRate", "target": { "min": 99.9 } }] }',
      });
      const r = zhoubao(['check', '2024-W20.md', '--profile', 'team/relaxed.json', '--format', 'json'], d);
      assert.equal(r.status, 0, r.stdout);
      assert.ok(!(JSON.parse(r.stdout) as JsonOutput)[0].diagnostics.some((x) => x.code === 'WR023'));
    });

    it('reports an invalid profile on the profile file and keeps the defaults in force', () => {
      const profile = '{\n  "metrics": [\n    { "id": "withdrawalSuccessRate", "target": { "min": "high" } }\n  ]\n}\n';
      const d = dir({ '2024-W20.md': REPORT_W20, 'team.json': profile });
      const r = zhoubao(['check', '2024-W20.md', '--profile', 'team.json', '--format', 'json'], d);
      assert.equal(r.status, 1, 'a profile problem is an error');
      const out = JSON.parse(r.stdout) as JsonOutput;
      assert.equal(out[0].file, 'team.json');
      assert.ok(out[0].diagnostics.length >= 1);
      for (const x of out[0].diagnostics) {
        assert.equal(x.code, 'profile');
        assert.equal(x.severity, 'error');
        assert.match(x.message, /metrics\[0\]\.target\.min/);
      }
      assert.equal(out[0].diagnostics[0].line, 3, 'points into the profile file at the offending key');
      // the default target (99.95%) still applies to the report
      assert.equal(out[1].file, '2024-W20.md');
      assert.ok(out[1].diagnostics.some((x) => x.code === 'WR023'));
    });

    it('reports JSON syntax errors in .zhoubao.json as a finding too', () => {
      const d = dir({ '2024-W20.md': CLEAN_W20, '.zhoubao.json': '{ "rules": { "WR023": "error" ' });
      const r = zhoubao(['check', '--format', 'json'], d);
      assert.equal(r.status, 1);
      const out = JSON.parse(r.stdout) as JsonOutput;
      assert.equal(out[0].file, '.zhoubao.json');
      assert.equal(out[0].diagnostics[0].code, 'profile');
      assert.match(out[0].diagnostics[0].message, /Invalid JSON/);
    });

    it('exits 2 when the --profile file does not exist', () => {
      const r = zhoubao(['check', '--profile', 'missing.json'], dir({ '2024-W20.md': CLEAN_W20 }));
      assert.equal(r.status, 2);
      assert.match(r.stderr, /Cannot read the profile missing\.json: ENOENT/);
    });
  });

  describe('locale', () => {
    it('--locale zh-cn gives Chinese messages and summary', () => {
      const d = dir({ '2024-W20.md': REPORT_W20 });
      const r = zhoubao(['check', '--locale', 'zh-cn'], d);
      const core = checkDocument({ text: REPORT_W20, profile: defaultProfile, fileName: '2024-W20.md' });
      const wr023 = core.find((f) => f.code === 'WR023')!;
      assert.ok(r.stdout.includes(`警告  WR023  ${wr023.message['zh-cn']}`), r.stdout);
      assert.match(r.stdout, /^\d+ 个问题（0 个错误，\d+ 个警告，\d+ 个信息，\d+ 个提示），涉及 1 个文件（共检查 1 个文件）$/m);
    });

    it('follows LANG, LC_MESSAGES and LC_ALL, and --locale overrides them', () => {
      const d = dir({ '2024-W20.md': CLEAN_W20 });
      assert.match(zhoubao(['check'], d, { LANG: 'zh_CN.UTF-8' }).stdout, /没有发现问题/);
      assert.match(zhoubao(['check'], d, { LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' }).stdout, /没有发现问题/);
      assert.match(zhoubao(['check'], d, { LANG: 'zh_CN.UTF-8', LC_ALL: 'C' }).stdout, /No problems/);
      assert.match(zhoubao(['check', '--locale', 'en'], d, { LANG: 'zh_CN.UTF-8' }).stdout, /No problems/);
      assert.match(zhoubao(['nope'], d, { LANG: 'zh_CN.UTF-8' }).stderr, /未知命令“nope”/);
    });

    it('rejects an unknown locale', () => {
      const r = zhoubao(['check', '--locale', 'fr'], dir({ '2024-W20.md': CLEAN_W20 }));
      assert.equal(r.status, 2);
      assert.match(r.stderr, /Unknown locale "fr"/);
    });
  });

  describe('the example reports', () => {
    it('have findings but no error, so `npm start` exits 0', () => {
      const r = zhoubao(['check', 'examples', '--format', 'json'], ROOT);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      const out = JSON.parse(r.stdout) as JsonOutput;
      assert.ok(out.length >= 3);
      const all = out.flatMap((f) => f.diagnostics);
      assert.ok(all.length >= 4, `a handful of findings, got ${all.length}`);
      assert.ok(all.every((x) => x.severity !== 'error'));
    });
  });
});
