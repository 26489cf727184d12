/**
 * The workspace index of the language server, on real folders in temp directories: what it finds
 * at start, how file events and open documents keep it current, and that a large folder does not
 * keep the server from answering.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Hover } from 'vscode-languageserver/node';
import { LspClient, TempWorkspace } from '../helpers/lsp-client';
import type { IndexStatus } from '../../server/src/lsp/protocol';
import { indexUntil, report } from './index-helpers';

const weeksOf = (f: IndexStatus['folders'][number]): string[] => f.weeks.map((w) => w.week);
const fileOf = (uri: string): string => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));

describe('workspace index (real server over stdio, real folders)', () => {
  describe('a folder with gaps, a misnamed file, a non-report and an excluded folder', () => {
    let ws: TempWorkspace;
    let client: LspClient;

    before(async () => {
      ws = new TempWorkspace();
      ws.write('2024-W09.md', report('2024-W09'));
      ws.write('2024-W10.md', report('2024-W10'));
      // W11 skipped; W12 written in a file whose name says nothing: the title decides
      ws.write('notes/third.md', report('2024-W12'));
      ws.write('README.md', '# 周报目录\n\n每周一份。\n');
      ws.write('node_modules/pkg/2024-W13.md', report('2024-W13'));
      client = await LspClient.start({ folders: [ws.uri] });
    });

    after(async () => {
      await client?.stop();
      ws?.remove();
    });

    it('indexes every report by its title week, skipping non-reports and excluded folders', async () => {
      const f = await indexUntil(client, 'three weeks', (x) => x.weeks.length === 3);
      assert.deepEqual(weeksOf(f), ['2024-W09', '2024-W10', '2024-W12']);
      assert.equal(fileOf(f.weeks[2].uri), 'third.md');
      assert.equal(f.reports, 3);
    });

    it('asks the client to watch Markdown files', async () => {
      await client.waitFor('a **/*.md watcher', () =>
        client.registrationOptions.some((r) => r.method === 'workspace/didChangeWatchedFiles' && JSON.stringify(r.registerOptions).includes('**/*.md')) ? true : undefined,
      );
    });

    it('adds a created file, follows a changed title, drops a deleted file', async () => {
      const created = ws.write('2024-W11.md', report('2024-W11'));
      await client.watchedFilesChanged([{ uri: created, type: 1 }]);
      await indexUntil(client, 'W11 after creation', (x) => weeksOf(x).includes('2024-W11'));

      fs.writeFileSync(ws.path('2024-W11.md'), report('2024-W14'));
      await client.watchedFilesChanged([{ uri: created, type: 2 }]);
      let f = await indexUntil(client, 'W14 after the title changed', (x) => weeksOf(x).includes('2024-W14'));
      assert.ok(!weeksOf(f).includes('2024-W11'), 'the old week is gone');

      fs.rmSync(ws.path('2024-W11.md'));
      await client.watchedFilesChanged([{ uri: created, type: 3 }]);
      f = await indexUntil(client, 'W14 gone after deletion', (x) => !weeksOf(x).includes('2024-W14'));
      assert.deepEqual(weeksOf(f), ['2024-W09', '2024-W10', '2024-W12']);
    });

    it('follows a rename (delete + create) to the new file', async () => {
      const oldUri = ws.fileUri('notes/third.md');
      fs.renameSync(ws.path('notes/third.md'), ws.path('2024-W12.md'));
      const newUri = ws.fileUri('2024-W12.md');
      await client.watchedFilesChanged([
        { uri: oldUri, type: 3 },
        { uri: newUri, type: 1 },
      ]);
      const f = await indexUntil(client, 'W12 under its new name', (x) => x.weeks.some((w) => w.uri === newUri));
      assert.ok(!f.weeks.some((w) => w.uri === oldUri), 'the old name is gone');
      assert.equal(f.weeks.filter((w) => w.week === '2024-W12').length, 1);
    });

    it('drops every report under a deleted folder', async () => {
      ws.write('archive/2023-W50.md', report('2023-W50'));
      await client.watchedFilesChanged([{ uri: ws.fileUri('archive/2023-W50.md'), type: 1 }]);
      await indexUntil(client, 'W50 of 2023', (x) => weeksOf(x).includes('2023-W50'));
      fs.rmSync(ws.path('archive'), { recursive: true });
      await client.watchedFilesChanged([{ uri: ws.fileUri('archive'), type: 3 }]);
      await indexUntil(client, 'W50 of 2023 gone with its folder', (x) => !weeksOf(x).includes('2023-W50'));
    });

    it('uses unsaved editor content over the disk, and the disk again once closed', async () => {
      const uri = ws.fileUri('2024-W10.md');
      await client.open(uri, report('2024-W10'));
      await client.replace(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } }, '# 2024-W15');
      let f = await indexUntil(client, 'the unsaved title W15', (x) => weeksOf(x).includes('2024-W15'));
      assert.ok(!weeksOf(f).includes('2024-W10'));
      assert.equal(f.weeks.find((w) => w.week === '2024-W15')?.source, 'editor');

      // a change on disk of an open file does not override what the editor shows
      fs.writeFileSync(ws.path('2024-W10.md'), report('2024-W16'));
      await client.watchedFilesChanged([{ uri, type: 2 }]);
      await client.hover(uri, { line: 0, character: 3 }); // a round trip after the event
      f = await indexUntil(client, 'still W15', (x) => weeksOf(x).includes('2024-W15'));
      assert.ok(!weeksOf(f).includes('2024-W16'));

      await client.close(uri);
      f = await indexUntil(client, 'the disk content W16 after close', (x) => weeksOf(x).includes('2024-W16'));
      assert.ok(!weeksOf(f).includes('2024-W15'));
      assert.equal(f.weeks.find((w) => w.week === '2024-W16')?.source, 'disk');
    });
  });

  describe('a folder of 1,000 reports', () => {
    let ws: TempWorkspace;
    let client: LspClient;

    before(function () {
      this.timeout(60_000);
      ws = new TempWorkspace();
      // twenty years of weekly reports, 50 a year, in year folders
      for (let i = 0; i < 1000; i++) {
        const year = 2000 + Math.floor(i / 50);
        const week = String((i % 50) + 1).padStart(2, '0');
        ws.write(`${year}/${year}-W${week}.md`, report(`${year}-W${week}`, { project: `项目${i % 37}`, progress: i % 100 }));
      }
    });

    after(async () => {
      await client?.stop();
      ws?.remove();
    });

    it('answers a hover while it indexes, and the index completes with every week', async function () {
      this.timeout(60_000);
      client = await LspClient.start({ folders: [ws.uri] });
      const uri = ws.fileUri('2019/2019-W50.md');
      const text = fs.readFileSync(ws.path('2019/2019-W50.md'), 'utf8');
      await client.open(uri, text);
      const hover = await client.hover(uri, { line: 0, character: 4 });
      assert.match(JSON.stringify((hover as Hover | null)?.contents ?? ''), /2019-W50/);
      const f = await indexUntil(client, '1,000 weeks', (x) => x.weeks.length === 1000, undefined, 60_000);
      assert.equal(f.weeks[0].week, '2000-W01');
      assert.equal(f.weeks.at(-1)?.week, '2019-W50');
    });
  });

  describe('history in checks and hovers', () => {
    let ws: TempWorkspace;
    let client: LspClient;

    before(async () => {
      ws = new TempWorkspace();
      ws.write('2024-W10.md', report('2024-W10', { progress: 20, metric: '99.950%' }));
      ws.write('2024-W11.md', report('2024-W11', { progress: 40, metric: '99.981%' }));
      client = await LspClient.start({ folders: [ws.uri], locale: 'en' });
      await indexUntil(client, 'two weeks', (x) => x.weeks.length === 2);
    });

    after(async () => {
      await client?.stop();
      ws?.remove();
    });

    it("shows the last weeks' values and changes when hovering a metric and a progress figure", async () => {
      const text = report('2024-W12', { progress: 55, metric: '99.990%' });
      const uri = ws.write('2024-W12.md', text);
      await client.open(uri, text);
      const at = (needle: string) => {
        const lines = text.split('\n');
        const line = lines.findIndex((l) => l.includes(needle));
        return { line, character: lines[line].indexOf(needle) + 1 };
      };
      const metric = JSON.stringify((await client.hover(uri, at('入金有效成功率')))?.contents ?? '');
      assert.match(metric, /2024-W10: 99\.950%/);
      assert.match(metric, /2024-W11: 99\.981% \(\+0\.031 pp from 2024-W10\)/);
      assert.match(metric, /2024-W12: 99\.990% \(\+0\.009 pp from 2024-W11\)/);
      const progress = JSON.stringify((await client.hover(uri, at('进度55%')))?.contents ?? '');
      assert.match(progress, /2024-W10: 20%[\s\S]*2024-W11: 40% \(\+20 pp from 2024-W10\)[\s\S]*2024-W12: 55% \(\+15 pp from 2024-W11\)/);
      await client.close(uri);
    });

    it('reports two files claiming the same week on both, and on neither once one is retitled', async () => {
      const text = report('2024-W11', { progress: 45 });
      const copy = ws.write('2024-W11 copy.md', text);
      const original = ws.fileUri('2024-W11.md');
      const originalText = fs.readFileSync(ws.path('2024-W11.md'), 'utf8');
      await client.watchedFilesChanged([{ uri: copy, type: 1 }]);
      await indexUntil(client, 'two files for W11', (x) => x.weeks.filter((w) => w.week === '2024-W11').length === 2);
      await client.open(original, originalText);
      await client.open(copy, text);
      await client.latestDiagnostics(original, (d) => d.some((x) => x.code === 'WR006'), 'WR006 on the original');
      await client.latestDiagnostics(copy, (d) => d.some((x) => x.code === 'WR006'), 'WR006 on the copy');
      // retitling the copy (unsaved) clears the finding on the other, open report too
      await client.replace(copy, { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } }, '# 2024-W13');
      await client.latestDiagnostics(original, (d) => !d.some((x) => x.code === 'WR006'), 'no WR006 on the original');
      await client.latestDiagnostics(copy, (d) => !d.some((x) => x.code === 'WR006'), 'no WR006 on the retitled copy');
    });
  });
});
