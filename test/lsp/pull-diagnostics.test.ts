/**
 * Pulled diagnostics (LSP 3.17 `textDocument/diagnostic`), over stdio with real servers: offered
 * only to a client that can pull and be told to pull again; a result id per answer, `unchanged`
 * when an edit leaves the findings as they were; quick fixes that hold for the current version
 * after such answers; and `workspace/diagnostic/refresh` when another file or the settings change
 * what a document's findings are. A client that cannot pull still gets them pushed.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic, DocumentDiagnosticReport, FullDocumentDiagnosticReport, TextDocumentEdit } from 'vscode-languageserver/node';
import { applyEdits } from '../../server/src/core/text';
import { LspClient, positionOf, TempWorkspace } from '../helpers/lsp-client';
import { indexUntil, report } from './index-helpers';
import { WEEK_12 } from './reports';

const PULL = { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } };

function full(r: DocumentDiagnosticReport): FullDocumentDiagnosticReport {
  assert.equal(r.kind, 'full', `expected a full report, got ${JSON.stringify(r).slice(0, 300)}`);
  return r as FullDocumentDiagnosticReport;
}

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code).sort();
/** Diagnostics without the version they were made for (that differs by design). */
const comparable = (ds: Diagnostic[]) => ds.map((d) => ({ ...d, data: { ...(d.data as object), version: 0 } }));

/** Pulls `uri` (naming `previous`) until `ok` holds for the diagnostics the client then has. */
async function pullUntil(client: LspClient, uri: string, what: string, ok: (ds: Diagnostic[]) => boolean, deadlineMs = 15_000): Promise<{ items: Diagnostic[]; resultId?: string }> {
  const end = Date.now() + deadlineMs;
  let have: { items: Diagnostic[]; resultId?: string } = { items: [] };
  for (;;) {
    const r = await client.pull(uri, have.resultId);
    if (r.kind === 'full') have = { items: r.items, resultId: r.resultId };
    if (ok(have.items)) return have;
    if (Date.now() > end) throw new Error(`no ${what} within ${deadlineMs} ms; last: ${JSON.stringify(codes(have.items))}`);
    await new Promise((r) => setTimeout(r, 20)); // polling, with the deadline above
  }
}

describe('pulled diagnostics (real server over stdio)', () => {
  it('offers a diagnostic provider only to a client that can pull and be asked to pull again', async () => {
    const push = await LspClient.start();
    const noRefresh = await LspClient.start({ capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } } });
    const pull = await LspClient.start({ capabilities: PULL });
    try {
      assert.equal(push.initializeResult?.capabilities.diagnosticProvider, undefined);
      assert.equal(noRefresh.initializeResult?.capabilities.diagnosticProvider, undefined);
      assert.deepEqual(pull.initializeResult?.capabilities.diagnosticProvider, { identifier: 'zhoubao', interFileDependencies: true, workspaceDiagnostics: false });
    } finally {
      await push.stop();
      await noRefresh.stop();
      await pull.stop();
    }
  });

  describe('one report', () => {
    let ws: TempWorkspace;
    let client: LspClient;
    let pusher: LspClient;
    const uri = () => ws.fileUri('2024-W12.md');

    before(async () => {
      ws = new TempWorkspace();
      client = await LspClient.start({ folders: [ws.uri], capabilities: PULL });
      pusher = await LspClient.start({ folders: [ws.uri] });
    });

    after(async () => {
      await client?.stop();
      await pusher?.stop();
      ws?.remove();
    });

    it('answers with a result id, `unchanged` while the findings stay the same, and pushes nothing', async () => {
      await client.open(uri(), WEEK_12);
      const first = full(await client.pull(uri()));
      assert.deepEqual(codes(first.items), ['WR023', 'WR044']);
      assert.ok(first.resultId, 'a result id');
      // a word typed in prose: the same findings
      const at = positionOf(WEEK_12, '与风控对齐限额策略');
      await client.replace(uri(), { start: at, end: at }, '再次');
      assert.deepEqual(await client.pull(uri(), first.resultId), { kind: 'unchanged', resultId: first.resultId });
      // a client that names no result (or another one) gets the whole report again
      assert.deepEqual(full(await client.pull(uri())).items, first.items);
      assert.deepEqual(full(await client.pull(uri(), 'not-a-result')).items, first.items);
      // the metric lifted above its target: WR023 goes, and the answer is a new full report
      const metric = positionOf(WEEK_12, '99.912%');
      await client.replace(uri(), { start: metric, end: { line: metric.line, character: metric.character + 7 } }, '99.992%');
      const second = full(await client.pull(uri(), first.resultId));
      assert.notEqual(second.resultId, first.resultId);
      assert.deepEqual(codes(second.items), ['WR044']);
      assert.equal(client.publishedFor(uri()).length, 0, 'nothing pushed for a report to a pulling client');
      await client.close(uri());
    });

    it('gives the same diagnostics as a pushing client, edit after edit', async () => {
      const edits = ['99.912%', '整体进度40%', '3/19 10:05', '年度可用性：100%', '【待复盘】'];
      let text = WEEK_12;
      await client.open(uri(), text);
      await pusher.open(uri(), text);
      let resultId: string | undefined;
      let items: Diagnostic[] = [];
      for (const [i, needle] of edits.entries()) {
        const at = positionOf(text, needle);
        const change = { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: String(i) };
        text = applyEdits(text, [{ range: change.range, newText: change.text }]);
        await client.change(uri(), [change]);
        const v = await pusher.change(uri(), [change]);
        const r = await client.pull(uri(), resultId);
        if (r.kind === 'full') items = r.items;
        resultId = r.resultId;
        assert.deepEqual(comparable(items), comparable(await pusher.diagnosticsFor(uri(), v)), `after editing ${needle}`);
      }
      await client.close(uri());
      await pusher.close(uri());
    });

    it('offers a quick fix that holds for the current version after `unchanged` answers', async () => {
      // a missing required section has a fix (WR010)
      const text = WEEK_12.replace('## 【生产事件】', '## 生产事情');
      await client.open(uri(), text);
      const first = full(await client.pull(uri()));
      const wr010 = first.items.find((d) => d.code === 'WR010');
      assert.ok(wr010, `WR010 in ${JSON.stringify(codes(first.items))}`);
      const at = positionOf(text, '与风控对齐限额策略');
      const fixedFor = async () => ((await client.codeActions(uri(), wr010.range, [wr010]))?.[0]?.edit?.documentChanges?.[0] as TextDocumentEdit | undefined)?.textDocument.version;
      // the client still has the diagnostic made for the first version: asked for its fix right
      // after typing, before pulling, the server checks the new version and the fix names it
      let version = await client.replace(uri(), { start: at, end: at }, '再次');
      assert.equal(await fixedFor(), version);
      assert.equal((await client.pull(uri(), first.resultId)).kind, 'unchanged');
      // and after an `unchanged` answer
      version = await client.replace(uri(), { start: at, end: at }, '再');
      assert.equal((await client.pull(uri(), first.resultId)).kind, 'unchanged');
      assert.equal(await fixedFor(), version);
      // after an edit that changed the findings, the old diagnostic's fix names its own version (a client refuses it)
      const metric = positionOf(text, '99.912%');
      await client.replace(uri(), { start: metric, end: { line: metric.line, character: metric.character + 7 } }, '99.992%');
      assert.equal((await client.pull(uri(), first.resultId)).kind, 'full');
      const stale = (await client.codeActions(uri(), wr010.range, [wr010])) ?? [];
      assert.equal((stale[0].edit?.documentChanges?.[0] as TextDocumentEdit).textDocument.version, (wr010.data as { version: number }).version);
      await client.close(uri());
    });

    it('asks the client to pull again when the settings change, and answers with the new findings', async () => {
      await client.open(uri(), WEEK_12);
      const first = full(await client.pull(uri()));
      assert.ok(first.items.some((d) => d.code === 'WR023'));
      const before = client.refreshes;
      await client.configurationChanged({ rules: { WR023: 'off' } });
      await client.waitFor('a diagnostic refresh', () => (client.refreshes > before ? true : undefined));
      const after = full(await client.pull(uri(), first.resultId));
      assert.deepEqual(codes(after.items), ['WR044']);
      await client.configurationChanged({});
      await client.close(uri());
    });
  });

  it('does not keep findings made under settings that changed while the pull read them', async () => {
    // no workspace folder: nothing is indexed, so nothing else asks the client to pull again
    const ws = new TempWorkspace();
    const client = await LspClient.start({ capabilities: PULL, settings: {} });
    // the client answers `workspace/configuration` with the settings as they were when asked; the
    // one request `held` names is answered only when the test releases it
    let held: Promise<void> | undefined;
    client.connection.onRequest('workspace/configuration', async (p: { items: Array<{ section?: string }> }) => {
      client.configurationRequests++;
      client.wake(); // the `waitFor` below checks again now, not only on the next message
      const asked = client.settings;
      const wait = held;
      held = undefined;
      await wait;
      return p.items.map((item) => (item.section === 'zhoubao' ? asked : null));
    });
    try {
      const uri = ws.fileUri('2024-W12.md');
      await client.open(uri, WEEK_12);
      const first = full(await client.pull(uri));
      assert.deepEqual(codes(first.items), ['WR023', 'WR044']);
      // a change that leaves the findings as they are; the pull after it asks for the settings (held)
      let release!: () => void;
      held = new Promise((r) => (release = r));
      const asked = client.configurationRequests;
      await client.configurationChanged({ rules: { WR060: 'warning' } });
      const pulling = client.pull(uri, first.resultId);
      await client.waitFor('a settings request', () => (client.configurationRequests > asked ? true : undefined));
      // Zhoubao is turned off before that answer arrives
      await client.configurationChanged({ enable: false });
      await client.request('zhoubao/serverStatus', undefined);
      // then the answer with the old settings arrives, and the pull completes with the old findings
      release();
      await pulling;
      // the pulls after it give the findings under the latest settings: none
      const last = await pullUntil(client, uri, 'empty list (Zhoubao off)', (ds) => ds.length === 0, 5_000);
      assert.deepEqual(last.items, []);
    } finally {
      await client.stop();
      ws.remove();
    }
  });

  it('asks the client to pull again when an edit of last week changes what this week is checked against', async () => {
    const ws = new TempWorkspace();
    ws.write('2024-W12.md', report('2024-W12', { goals: ['收银台全量上线'] }));
    ws.write('2024-W13.md', report('2024-W13', { goals: ['对账平台压测'] }));
    const client = await LspClient.start({ folders: [ws.uri], capabilities: PULL });
    try {
      await indexUntil(client, 'both weeks', (f) => f.weeks.length === 2);
      const w12 = ws.fileUri('2024-W12.md');
      const w13 = ws.fileUri('2024-W13.md');
      const w12Text = report('2024-W12', { goals: ['收银台全量上线'] });
      await client.open(w12, w12Text);
      await client.open(w13, report('2024-W13', { goals: ['对账平台压测'] }));
      const has051 = (ds: Diagnostic[]) => ds.some((d) => d.code === 'WR051');
      // W13 does not follow up W12's goal
      const before = await pullUntil(client, w13, 'WR051 on W13', has051);
      full(await client.pull(w12));
      // W12's goal is renamed to what W13 says (unsaved): W13's finding goes, and the client is told to pull
      const refreshes = client.refreshes;
      const at = positionOf(w12Text, '收银台全量上线');
      await client.replace(w12, { start: at, end: { line: at.line, character: at.character + '收银台全量上线'.length } }, '收银台改版');
      full(await client.pull(w12));
      await client.waitFor('a diagnostic refresh', () => (client.refreshes > refreshes ? true : undefined));
      const after = full(await client.pull(w13, before.resultId));
      assert.ok(!has051(after.items), `no WR051 once last week's goal is followed up: ${JSON.stringify(codes(after.items))}`);
    } finally {
      await client.stop();
      ws.remove();
    }
  });
});
