/**
 * `zhoubao new`: the built CLI as a process on temp dirs. Creates next week's report with last
 * week's goals, never overwrites, only adds what is missing, and says why when it cannot.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, REPORT_W20, removeDir, tempDir, zhoubao } from './cli-helpers';

const GOALS = ['连连通道上线', '计费服务灰度', '出金服务扩容验收'];

/** W20 with a pending postmortem. */
const W20 = REPORT_W20.replace('共持续15min', '共持续15min【待复盘】');

describe('zhoubao new', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  const dir = (files: Record<string, string> = {}) => {
    const d = tempDir(files);
    dirs.push(d);
    return d;
  };
  before(() => ensureBuilt());
  after(() => dirs.forEach(removeDir));

  it('creates the week after the latest report, with its goals and pending postmortems as tasks', () => {
    const d = dir({ 'reports/2024-W19.md': REPORT_W20.replace('2024-W20', '2024-W19'), 'reports/2024-W20.md': W20 });
    const r = zhoubao(['new', '--dir', 'reports'], d);
    assert.equal(r.status, 0, r.stderr);
    const file = path.join(d, 'reports', '2024-W21.md');
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /^# 2024-W21\n/);
    assert.match(text, /## 【上周目标回顾】\n\n- \[ \] 连连通道上线\n- \[ \] 计费服务灰度\n- \[ \] 出金服务扩容验收\n- \[ \] 跟进复盘：5\/14 10:05 对账文件延迟\n/);
    assert.match(r.stdout, /Created 2024-W21\.md for 2024-W21: carried over 3 goal\(s\) and 1 follow-up\(s\) from 2024-W20/);
    assert.match(r.stdout, /reports\/2024-W21\.md/);
    // the new report passes `check` but for the placeholders left to fill in
    const c = zhoubao(['check', 'reports/2024-W21.md', '--format', 'json'], d);
    const codes = (JSON.parse(c.stdout) as Array<{ diagnostics: Array<{ code: string }> }>).flatMap((f) => f.diagnostics.map((x) => x.code));
    assert.deepEqual([...new Set(codes)], ['WR060']);
  });

  it('a second run changes nothing and says so', () => {
    const d = dir({ '2024-W20.md': W20 });
    assert.equal(zhoubao(['new'], d).status, 0);
    const first = fs.readFileSync(path.join(d, '2024-W21.md'), 'utf8');
    const r = zhoubao(['new', '--week', '2024-W21'], d);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /already has all 4 goal\(s\) and follow-up\(s\) of 2024-W20: nothing to do/);
    assert.equal(fs.readFileSync(path.join(d, '2024-W21.md'), 'utf8'), first);
  });

  it('without --week, a second run changes nothing: the new report has no goals yet, so it stays the target', () => {
    const d = dir({ '2024-W20.md': W20 });
    assert.equal(zhoubao(['new'], d).status, 0);
    const created = fs.readFileSync(path.join(d, '2024-W21.md'), 'utf8');
    const r = zhoubao(['new'], d);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(d, '2024-W21.md'), 'utf8'), created);
    assert.ok(!fs.existsSync(path.join(d, '2024-W22.md')), 'no report for the week after the new one');
    assert.deepEqual(fs.readdirSync(d).sort(), ['2024-W20.md', '2024-W21.md']);
  });

  it('skipped weeks: carries from the latest earlier report, by title week, not file name', () => {
    const d = dir({ 'old-name.md': W20.replace('2024-W20', '2024-W17'), 'w20-final.md': W20 });
    const r = zhoubao(['new', '--week', '2024-W23', '--locale', 'zh-cn'], d);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /已为 2024-W23 新建 2024-W23\.md：从 2024-W20 承接了 3 个目标和 1 个复盘跟进/);
    assert.match(fs.readFileSync(path.join(d, '2024-W23.md'), 'utf8'), /- \[ \] 出金服务扩容验收/);
  });

  it('an existing file only gets the goals it lacks; everything else stays as it was (generated contents)', () => {
    const heads = ['# 2024-W21\n\n', '# 2024-W21\r\n\r\nCreated: 2024年5月24日 10:00\r\n\r\n', ''];
    const reviews = [
      '',
      '## 【上周目标回顾】\n\n- [x] 连连通道上线：已上线\n\n',
      '## 【上周目标回顾】\n\n- [ ] 计费服务灰度\n- [ ] 跟进复盘：5/14 10:05 对账文件延迟（已约定周五复盘）\n\n',
      '## 【上周目标回顾】\n\n本周进展见下。\n\n',
    ];
    const bodies = [
      '## 【重点工作】\n\n- 【计费】出金服务扩容验收：进行中\n\n# 下周工作及目标\n\n1. 结算对账\n',
      '# 下周工作及目标\n\n1. 连连通道上线\n',
      '',
    ];
    let n = 0;
    for (const head of heads) {
      for (const review of reviews) {
        for (const body of bodies) {
          const eol = head.includes('\r\n') ? '\r\n' : '\n';
          const existing = (head + review + body).replace(/\r?\n/g, eol);
          const d = dir({ '2024-W20.md': W20, '2024-W21.md': existing });
          const r = zhoubao(['new'.toString(), '--week', '2024-W21'], d);
          assert.equal(r.status, 0, r.stderr);
          const after = fs.readFileSync(path.join(d, '2024-W21.md'), 'utf8');
          // all of the original text is still there, in order (the edit only inserts)
          let at = 0;
          for (const line of existing.split(eol)) {
            const i = after.indexOf(line, at);
            assert.ok(i >= 0, `lost "${line}" in\n${after}`);
            at = i + line.length;
          }
          // every goal and the follow-up are there now, once as a task or as they were
          for (const g of [...GOALS, '跟进复盘：5/14 10:05']) {
            assert.ok(after.includes(g), `missing ${g} in\n${after}`);
            if (!existing.includes(g)) assert.equal(after.split(`- [ ] ${g}`).length - 1, 1, `${g} added once\n${after}`);
          }
          // only what was missing was added
          if (existing.includes('- [x] 连连通道上线')) assert.ok(!after.includes('- [ ] 连连通道上线'));
          // line breaks of the file are kept
          if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(after), 'mixed line breaks');
          const again = zhoubao(['new', '--week', '2024-W21'], d);
          assert.equal(again.status, 0, again.stderr);
          assert.match(again.stdout, /nothing to do/, JSON.stringify({ existing, after, again }));
          assert.equal(fs.readFileSync(path.join(d, '2024-W21.md'), 'utf8'), after);
          n++;
        }
      }
    }
    assert.equal(n, 36);
  });

  it('exits 1 with a clear message when there is no earlier report', () => {
    const empty = zhoubao(['new'], dir({ 'README.md': '# Notes\n' }));
    assert.equal(empty.status, 1);
    assert.match(empty.stderr, /There is no report in this workspace yet: nothing to carry over/);
    const early = zhoubao(['new', '--week', '2024-W10'], dir({ '2024-W20.md': W20 }));
    assert.equal(early.status, 1);
    assert.match(early.stderr, /There is no report before 2024-W10 in this workspace/);
  });

  it('exits 2 on an invalid week', () => {
    const r = zhoubao(['new', '--week', '2024-W54'], dir({ '2024-W20.md': W20 }));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Invalid week "2024-W54"/);
  });

  it('exits 2 when the target folder is not writable, and writes nothing', function () {
    if (process.platform === 'win32') this.skip();
    const as = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    const d = dir({ 'ro/2024-W20.md': W20 });
    fs.chmodSync(d, 0o755);
    fs.chmodSync(path.join(d, 'ro'), 0o555);
    try {
      const r = zhoubao(['new', '--dir', 'ro'], d, {}, as);
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /Cannot write ro\/2024-W21\.md: permission denied/);
      assert.ok(!fs.existsSync(path.join(d, 'ro', '2024-W21.md')));
    } finally {
      fs.chmodSync(path.join(d, 'ro'), 0o755);
    }
  });
});

describe('zhoubao check across weeks', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  it('files checked together see each other: a goal not followed up, progress gone down; alone, neither', () => {
    const w21 = `# 2024-W21

## 【上周目标回顾】

- [x] 连连通道上线
- [x] 计费服务灰度

## 【O1 业务服务】

- 跨境收款，连连通道联调进度70%，计划5/30上线

## 【系统运行数据】

支付成功率：

- 入金有效成功率：99.991%
- 出金有效成功率：99.978%

系统可用性：

- 年度可用性：99.995%
- 事故数AB级0次，CD级0次

## 【生产事件】

暂无

# 下周工作及目标

1. 结算对账
`;
    const d = tempDir({ '2024-W20.md': W20.replace('99.938%', '99.978%'), '2024-W21.md': w21 });
    try {
      const both = zhoubao(['check', '--format', 'json'], d);
      const out = JSON.parse(both.stdout) as Array<{ file: string; diagnostics: Array<{ code: string; line: number }> }>;
      const codes = out.find((f) => f.file === '2024-W21.md')!.diagnostics.map((x) => x.code).sort();
      assert.deepEqual(codes, ['WR031', 'WR051']);
      const alone = JSON.parse(zhoubao(['check', '2024-W21.md', '--format', 'json'], d).stdout) as typeof out;
      assert.deepEqual(alone[0].diagnostics.map((x) => x.code), []);
    } finally {
      removeDir(d);
    }
  });
});
