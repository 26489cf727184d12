/**
 * The server hands its own parse of an open document to the workspace index, so a keystroke in a
 * large file is not parsed twice. The index must then hold exactly what parsing the text itself
 * would give.
 */
import * as assert from 'node:assert/strict';
import { defaultProfile, parseReport, WorkspaceIndex } from '../../server/src/core';

const text = `# 2024-W11

## 【重点工作】
- 【收银台改版】
    1. 新版收银台灰度，整体进度40%，计划5/30全量

## 【系统运行数据】
支付成功率：
- 入金有效成功率：99.981%

# 下周工作及目标
1. 收银台全量上线
`;

describe('WorkspaceIndex.set with a parse supplied by the caller', () => {
  it('keeps the supplied parse instead of parsing the text again', () => {
    const index = new WorkspaceIndex();
    const parsed = parseReport(text, { profile: defaultProfile });
    const entry = index.set('file:///w/2024-W11.md', text, defaultProfile, 'editor', parsed);
    assert.equal(entry?.report, parsed);
  });

  it('holds the same weeks, metrics and history as when it parses the text itself', () => {
    const own = new WorkspaceIndex();
    const given = new WorkspaceIndex();
    own.set('file:///w/2024-W11.md', text, defaultProfile, 'editor');
    given.set('file:///w/2024-W11.md', text, defaultProfile, 'editor', parseReport(text, { profile: defaultProfile }));
    assert.deepEqual(JSON.parse(JSON.stringify(given.weeks())), JSON.parse(JSON.stringify(own.weeks())));
    assert.deepEqual(JSON.parse(JSON.stringify(given.get('file:///w/2024-W11.md')?.report)), JSON.parse(JSON.stringify(own.get('file:///w/2024-W11.md')?.report)));
  });
});

describe('WorkspaceIndex.projectNames, kept between changes', () => {
  const withProject = (week: string, project: string) => text.replace('# 2024-W11', `# ${week}`).replace('【收银台改版】', `【${project}】`);

  it('follows every set, replacement, rename and delete', () => {
    const index = new WorkspaceIndex();
    index.set('file:///w/a.md', withProject('2024-W10', '对账平台'), defaultProfile);
    assert.deepEqual(index.projectNames(), ['对账平台']);
    index.set('file:///w/b.md', withProject('2024-W11', '跨境收款'), defaultProfile);
    assert.deepEqual(index.projectNames(), ['跨境收款', '对账平台']);
    index.set('file:///w/b.md', withProject('2024-W11', '风控规则引擎'), defaultProfile);
    assert.deepEqual(index.projectNames(), ['风控规则引擎', '对账平台']);
    index.rename('file:///w/b.md', 'file:///w/c.md');
    assert.deepEqual(index.projectNames(), ['风控规则引擎', '对账平台']);
    index.delete('file:///w/c.md');
    assert.deepEqual(index.projectNames(), ['对账平台']);
  });

  it('hands out a copy: changing it does not change the index', () => {
    const index = new WorkspaceIndex();
    index.set('file:///w/a.md', withProject('2024-W10', '对账平台'), defaultProfile);
    index.projectNames().push('x');
    assert.deepEqual(index.projectNames(), ['对账平台']);
  });
});
