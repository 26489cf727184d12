/**
 * One carry-over core, two entry points: the file `zhoubao new` writes is the file the editor
 * command writes (the text of the server's `zhoubao/newReport` plan), for the same folder.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, TempWorkspace } from '../helpers/lsp-client';
import type { NewReportResult } from '../../server/src/lsp/protocol';
import { indexUntil, report } from '../lsp/index-helpers';
import { ensureBuilt, zhoubao } from './cli-helpers';

describe('zhoubao new and the editor command produce the same file', () => {
  let ws: TempWorkspace;
  let client: LspClient | undefined;

  before(() => {
    ensureBuilt();
    ws = new TempWorkspace();
    ws.write('2024-W09.md', report('2024-W09', { goals: ['旧目标不应带入'] }));
    ws.write('2024-W11.md', report('2024-W11', { project: '跨境收款通道', goals: ['收银台全量上线', '完成 O1 季度复盘'] }));
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it('writes byte for byte what the server plans, at the same place', async () => {
    client = await LspClient.start({ folders: [ws.uri], locale: 'en' });
    await indexUntil(client, 'two weeks', (f) => f.weeks.length === 2);
    const plan = await client.request<NewReportResult>('zhoubao/newReport', { folderUri: ws.uri });
    assert.equal(plan.kind, 'create', JSON.stringify(plan));
    if (plan.kind !== 'create') return;
    await client.stop();
    client = undefined;

    const run = zhoubao(['new'], ws.dir);
    assert.equal(run.status, 0, run.stderr);
    const written = path.join(ws.dir, '2024-W12.md');
    assert.equal(plan.uri, ws.fileUri('2024-W12.md'));
    assert.equal(fs.readFileSync(written, 'utf8'), plan.text);
  });
});
