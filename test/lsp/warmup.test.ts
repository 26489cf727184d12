/**
 * The server's warm-up over real JSON-RPC (server/src/lsp/warmup.ts): an idle server types into a
 * report of its own so that V8 compiles the keystroke path before the user types. Seen from a
 * client it must be invisible: nothing published, nothing indexed, nothing asked of the client,
 * the same findings as a server without it, and requests answered while it runs.
 */
import * as assert from 'node:assert/strict';
import { LspClient, TempWorkspace } from '../helpers/lsp-client';
import type { IndexStatus, ServerStatus } from '../../server/src/lsp/protocol';
import { indexUntil, report } from './index-helpers';
import { WEEK_12 } from './reports';

/** Polls `zhoubao/serverStatus` (a monitoring request: it does not keep the warm-up waiting) until `ok` holds. */
async function statusUntil(client: LspClient, what: string, ok: (s: ServerStatus) => boolean, deadlineMs = 30_000): Promise<ServerStatus> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const status = await client.request<ServerStatus>('zhoubao/serverStatus', null);
    if (ok(status)) return status;
    if (Date.now() > end) throw new Error(`no ${what} within ${deadlineMs} ms; last: ${JSON.stringify(status)}\n${client.stderrText}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('LSP warm-up', () => {
  let ws: TempWorkspace;

  beforeEach(() => {
    ws = new TempWorkspace();
  });

  afterEach(() => ws.remove());

  it('runs once the server is idle, and leaves no trace a client can see', async () => {
    ws.write('2024-W10.md', report('2024-W10'));
    const client = await LspClient.start({ folders: [ws.fileUri('')] });
    try {
      await indexUntil(client, 'the folder indexed', (f) => f.reports === 1);
      const status = await statusUntil(client, 'warm-up done', (s) => s.warmUp?.state === 'done');
      assert.equal(status.warmUp?.keystrokes, status.warmUp?.total);
      assert.ok((status.warmUp?.total ?? 0) > 0);
      // nothing of its report reached the client or the workspace
      assert.deepEqual(client.published, []);
      assert.equal(status.documents, 0);
      const index = await client.request<IndexStatus>('zhoubao/indexStatus', null);
      assert.deepEqual(
        index.folders.flatMap((f) => f.weeks.map((w) => w.week)),
        ['2024-W10'],
      );
      const symbols = await client.request<unknown[]>('workspace/symbol', { query: '2024-W20' });
      assert.deepEqual(symbols, []);
      assert.equal(client.logs.filter((l) => /warm-up/.test(l)).length, 0, client.logs.join('\n'));
    } finally {
      await client.stop();
    }
  });

  it('is off with ZHOUBAO_WARMUP=0', async () => {
    const client = await LspClient.start({ env: { ZHOUBAO_WARMUP: '0' } });
    try {
      const status = await client.request<ServerStatus>('zhoubao/serverStatus', null);
      assert.equal(status.warmUp?.state, 'off');
      assert.equal(status.warmUp?.keystrokes, 0);
    } finally {
      await client.stop();
    }
  });

  it('answers while it runs, with the findings a server without it gives', async () => {
    const results: unknown[] = [];
    for (const warmUp of ['1', '0']) {
      const uri = ws.fileUri(`w${warmUp}/2024-W12.md`);
      const client = await LspClient.start({ env: { ZHOUBAO_WARMUP: warmUp } });
      try {
        // with the warm-up on: wait until it has begun (or, on a fast machine, already ended)
        if (warmUp === '1') await statusUntil(client, 'warm-up begun', (s) => (s.warmUp?.keystrokes ?? 0) > 0);
        await client.open(uri, WEEK_12);
        const opened = await client.pull(uri);
        // a keystroke while it may still be running: a digit at the end of the first line
        await client.replace(uri, { start: { line: 0, character: 10 }, end: { line: 0, character: 10 } }, '1');
        const edited = await client.pull(uri);
        const items = (r: unknown) => ((r as { items?: Array<{ code: unknown; range: unknown; message: string }> }).items ?? []).map((d) => [d.code, d.range, d.message]);
        results.push([items(opened), items(edited)]);
        if (warmUp === '1') await statusUntil(client, 'warm-up done', (s) => s.warmUp?.state === 'done');
      } finally {
        await client.stop();
      }
    }
    assert.ok(((results[0] as unknown[][])[0] as unknown[]).length > 0, 'the report has findings');
    assert.deepEqual(results[0], results[1]);
  });
});
