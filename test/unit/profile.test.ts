import * as assert from 'node:assert/strict';
import { applyOverride, defaultProfile, LineIndex, loadProfileText } from '../../server/src/core';

describe('team profile', () => {
  it('merges sections and metrics by id and keeps every other default', () => {
    const text = `{
      // renamed metrics section, a new metric, a severity
      "sections": [{ "id": "metrics", "title": "风险指标" }, { "id": "risk", "title": "风险复盘" }],
      "metrics": [{ "id": "annualAvailability", "target": { "min": 99.9 } },
                  { "id": "fraudRate", "name": "欺诈率", "unit": "percent", "required": true }],
      "rules": { "WR005": "off" },
    }`;
    const { profile, problems } = loadProfileText(text);
    assert.deepEqual(problems, []);
    const metrics = profile.sections.find((s) => s.id === 'metrics')!;
    assert.equal(metrics.title, '风险指标');
    assert.equal(metrics.required, true, 'untouched keys of a merged section stay');
    assert.equal(profile.sections.at(-1)!.id, 'risk');
    assert.equal(profile.sections.at(-1)!.level, 2, 'a new section gets sensible defaults');
    assert.deepEqual(profile.metrics.find((m) => m.id === 'annualAvailability')!.target, { min: 99.9 });
    assert.equal(profile.metrics.find((m) => m.id === 'annualAvailability')!.name, '年度可用性');
    assert.equal(profile.metrics.find((m) => m.id === 'fraudRate')!.aliases.length, 0);
    assert.equal(profile.rules.WR005, 'off');
    assert.equal(profile.filePattern, defaultProfile.filePattern);
  });

  it('reports a wrongly typed key at its place in the file and keeps the defaults in force', () => {
    const text = '{\n  "metrics": [\n    { "id": "annualAvailability", "target": { "min": "high" } }\n  ]\n}\n';
    const { profile, problems } = loadProfileText(text);
    assert.equal(profile, defaultProfile);
    assert.equal(problems.length, 1);
    assert.deepEqual(problems[0].path, ['metrics', 0, 'target', 'min']);
    assert.match(problems[0].message.en, /metrics\[0\]\.target\.min/);
    assert.match(problems[0].message['zh-cn'], /默认配置/);
    assert.equal(new LineIndex(text).textOf(problems[0].range!), '"min"');
  });

  it('reports unknown keys, bad severities and bad patterns', () => {
    const { problems } = loadProfileText('{ "sectoins": [], "rules": { "WR005": "loud" }, "filePattern": "report.md" }');
    const paths = problems.map((p) => p.path.join('.')).sort();
    assert.ok(paths.includes('filePattern'), paths.join(', '));
    assert.ok(paths.includes('rules.WR005'), paths.join(', '));
    assert.ok(problems.some((p) => /sectoins/.test(p.message.en)), problems.map((p) => p.message.en).join('\n'));
  });

  it('reports a JSON syntax error with its position', () => {
    const text = '{ "rules": { "WR005": "off" ';
    const { profile, problems } = loadProfileText(text);
    assert.equal(profile, defaultProfile);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message.en, /Invalid JSON/);
    assert.ok(problems[0].range);
  });

  it('rejects a file that is not an object', () => {
    assert.equal(loadProfileText('[1, 2]').problems.length, 1);
    assert.equal(loadProfileText('').problems.length, 1);
  });

  it('applies settings over a loaded profile', () => {
    const file = loadProfileText('{ "rules": { "WR005": "off" }, "titleStyle": "cn" }').profile;
    const { profile, problems } = applyOverride(file, { rules: { WR013: 'off' }, titleStyle: 'iso' });
    assert.deepEqual(problems, []);
    assert.deepEqual(profile.rules, { WR005: 'off', WR013: 'off' });
    assert.equal(profile.titleStyle, 'iso');
  });

  it('never throws on hostile values', () => {
    for (const v of [null, 42, 'x', [], { sections: 'x' }, { metrics: [{}] }, { rules: { WR001: 1e308 } }, { okr: { prefix: '(a+)+$' } }]) {
      const r = applyOverride(defaultProfile, v);
      assert.equal(r.profile, defaultProfile);
      assert.ok(r.problems.length > 0, JSON.stringify(v));
    }
  });
});
