import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DocumentSymbol, MarkupContent } from 'vscode-languageserver/node';
import { LspClient, positionOf, REPO_ROOT, TempWorkspace, textAt } from '../helpers/lsp-client';
import { README, WEEK_12 } from './reports';

const hoverText = (h: { contents: unknown } | null): string => (h ? (h.contents as MarkupContent).value : '');

function find(symbols: DocumentSymbol[], name: string): DocumentSymbol {
  const hit = symbols.find((s) => s.name === name);
  assert.ok(hit, `no symbol ${name} among ${JSON.stringify(symbols.map((s) => s.name))}`);
  return hit;
}

describe('LSP editor features (real server over stdio)', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  let uri: string;

  before(async () => {
    ws = new TempWorkspace();
    client = await LspClient.start({ folders: [ws.uri] });
    uri = ws.write('2024-W12.md', WEEK_12);
    await client.open(uri, WEEK_12);
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it('outlines the report: week title → sections → projects, metrics, incidents and goals', async () => {
    const symbols = (await client.documentSymbols(uri)) as DocumentSymbol[];
    assert.equal(symbols.length, 1);
    const [week] = symbols;
    assert.equal(week.name, '2024-W12');
    assert.equal(week.detail, '2024-03-18 – 2024-03-24');
    assert.equal(textAt(WEEK_12, week.selectionRange), '2024-W12');
    const sections = week.children ?? [];
    assert.deepEqual(
      sections.map((s) => s.name),
      ['重点工作', 'O1 业务服务', '系统运行数据', '生产事件', '收获与反思', '下周工作及目标'],
    );
    const keyWork = find(sections, '重点工作');
    assert.deepEqual(keyWork.children?.map((c) => c.name), ['收银台改版', '对账平台']);
    assert.equal(textAt(WEEK_12, keyWork.children![0].selectionRange), '收银台改版');
    assert.match(keyWork.children![0].detail ?? '', /40%/);
    const metrics = find(sections, '系统运行数据');
    assert.deepEqual(metrics.children?.map((c) => c.name), ['入金有效成功率', '出金有效成功率', '年度可用性', '事故数']);
    assert.equal(find(metrics.children!, '出金有效成功率').detail, '99.912%');
    const incidents = find(sections, '生产事件');
    assert.deepEqual(incidents.children?.map((c) => c.name), ['3/19 10:05']);
    assert.equal(find(sections, '下周工作及目标').children?.length, 3);
    // every child lies inside its parent, every selection inside its symbol
    const inside = (outer: DocumentSymbol['range'], inner: DocumentSymbol['range']) =>
      (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
      (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));
    const walk = (s: DocumentSymbol): void => {
      assert.ok(inside(s.range, s.selectionRange), `${s.name}: selectionRange outside range`);
      for (const c of s.children ?? []) {
        assert.ok(inside(s.range, c.range), `${c.name} outside ${s.name}`);
        walk(c);
      }
    };
    symbols.forEach(walk);
  });

  it('folds sections, multi-line project items and a multi-paragraph incident', async () => {
    const ranges = (await client.foldingRanges(uri)) ?? [];
    const lineOf = (needle: string) => positionOf(WEEK_12, needle).line;
    const has = (start: number, end: number) =>
      assert.ok(ranges.some((r) => r.startLine === start && r.endLine === end), `no fold ${start}-${end} in ${JSON.stringify(ranges)}`);
    has(lineOf('## 【系统运行数据】'), lineOf('- 事故数'));
    has(lineOf('- 【收银台改版】'), lineOf('2. 与风控'));
    has(lineOf('3/19 10:05'), lineOf('监控发现'));
    has(lineOf('# 下周工作及目标'), lineOf('3. 分期收款灰度'));
    assert.ok(ranges.every((r) => r.endLine > r.startLine));
  });

  it('shows the ISO week and its Monday–Sunday dates on the week title', async () => {
    const h = await client.hover(uri, { line: 0, character: 4 });
    assert.match(hoverText(h), /2024-W12: 2024-03-18 – 2024-03-24/);
    assert.deepEqual(h?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } });
  });

  it('shows a metric’s target, whether it is met, and its valid range', async () => {
    const below = hoverText(await client.hover(uri, positionOf(WEEK_12, '出金有效成功率', 2)));
    assert.match(below, /Target: ≥ 99\.95%/);
    assert.match(below, /99\.912% is below target/);
    assert.match(below, /Valid range: 0% – 100%/);
    const met = hoverText(await client.hover(uri, positionOf(WEEK_12, '99.991%', 2)));
    assert.match(met, /✓ 99\.991% meets the target/);
    const grades = hoverText(await client.hover(uri, positionOf(WEEK_12, 'CD级1次')));
    assert.match(grades, /AB 0, CD 1/);
  });

  it('outlines a repeated title under the first and explains a title whose date lies in another week', async () => {
    const text = '# 第46周 2023-11-13\n# 第47周 2023/11/13\n\n## 【系统运行数据】\n\n- 入金有效成功率：99.98%\n';
    const other = ws.write('2023-W46.md', text);
    await client.open(other, text);
    const [week] = (await client.documentSymbols(other)) as DocumentSymbol[];
    assert.equal(week.name, '第46周 2023-11-13');
    assert.equal(week.detail, '2023-11-13 – 2023-11-19');
    assert.deepEqual(
      week.children?.map((c) => [c.name, c.detail]),
      [
        ['第47周 2023/11/13', 'duplicate title'],
        ['系统运行数据', '1 metric'],
      ],
    );
    const h = hoverText(await client.hover(other, { line: 1, character: 3 }));
    assert.match(h, /2023-W47: 2023-11-20 – 2023-11-26/);
    assert.match(h, /The date 2023-11-13 lies in 2023-W46, not in 2023-W47/);
    await client.close(other);
  });

  it('shows nothing on ordinary text', async () => {
    assert.equal(await client.hover(uri, positionOf(WEEK_12, '与风控对齐')), null);
  });

  it('gives no outline, folding or hover to a Markdown file that is not a report', async () => {
    const readme = ws.write('README.md', README);
    await client.open(readme, README);
    assert.deepEqual(await client.documentSymbols(readme), []);
    assert.deepEqual(await client.foldingRanges(readme), []);
    assert.equal(await client.hover(readme, { line: 0, character: 2 }), null);
  });

  it('answers zhoubao/serverStatus with its pid, version and open documents', async () => {
    const status = await client.request<{ pid: number; version: string; documents: number }>('zhoubao/serverStatus', undefined);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(status.pid, client.pid);
    assert.equal(status.version, pkg.version);
    assert.equal(status.documents, 2);
    assert.equal(client.initializeResult?.serverInfo?.version, pkg.version);
  });

  it('answers zhoubao/serverStatus sent without params and with null params (as the VS Code client sends it)', async () => {
    const bare = await client.connection.sendRequest<{ pid: number } | null>('zhoubao/serverStatus');
    const withNull = await client.connection.sendRequest<{ pid: number } | null>('zhoubao/serverStatus', null);
    assert.equal(bare?.pid, client.pid);
    assert.equal(withNull?.pid, client.pid);
  });

  it('advertises incremental sync and the features it serves', () => {
    const caps = client.initializeResult!.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.ok(caps.documentSymbolProvider && caps.foldingRangeProvider && caps.hoverProvider);
    assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix']);
  });
});

describe('LSP editor features for a zh-CN client', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  let uri: string;

  before(async () => {
    ws = new TempWorkspace();
    client = await LspClient.start({ folders: [ws.uri], locale: 'zh-CN' });
    uri = ws.write('2024-W12.md', WEEK_12);
    await client.open(uri, WEEK_12);
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it('shows the week in Chinese on the title', async () => {
    const text = hoverText(await client.hover(uri, { line: 0, character: 2 }));
    assert.match(text, /2024-W12: 2024-03-18 – 2024-03-24/);
    assert.match(text, /周一至周日/);
  });

  it('shows the metric status in Chinese', async () => {
    const text = hoverText(await client.hover(uri, positionOf(WEEK_12, '出金有效成功率')));
    assert.match(text, /目标：≥ 99\.95%/);
    assert.match(text, /低于目标/);
    assert.match(text, /有效范围/);
  });

  it('writes outline details in Chinese', async () => {
    const [week] = (await client.documentSymbols(uri)) as DocumentSymbol[];
    assert.equal(find(week.children!, '系统运行数据').detail, '4 项指标');
  });
});

describe('LSP features for a client without hierarchical symbols or Markdown hovers', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace();
    client = await LspClient.start({
      folders: [ws.uri],
      capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: false }, hover: { contentFormat: ['plaintext'] } } },
    });
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it('answers a flat symbol list with container names and plain-text hovers', async () => {
    const uri = ws.write('2024-W12.md', WEEK_12);
    await client.open(uri, WEEK_12);
    const symbols = (await client.documentSymbols(uri)) as unknown as Array<{ name: string; containerName?: string; location: { uri: string } }>;
    const project = symbols.find((s) => s.name === '收银台改版');
    assert.equal(project?.containerName, '重点工作');
    assert.equal(project?.location.uri, uri);
    const h = await client.hover(uri, { line: 0, character: 2 });
    assert.equal((h?.contents as MarkupContent).kind, 'plaintext');
    assert.ok(!hoverText(h).includes('**'));
  });
});
