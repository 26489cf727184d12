/**
 * The outline and folding ranges are kept per parsed report and per week (core) and converted to
 * LSP once per week (server): after edits, what the server answers for the edited document equals
 * what it answers for the same text opened fresh, for clients with and without hierarchical
 * symbols. A week kept from before an edit that should have changed shows up as a difference.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Range } from 'vscode-languageserver/node';
import { LspClient, REPO_ROOT, TempWorkspace } from '../helpers/lsp-client';
import { examplesDocument, rng } from '../helpers/random';

const examples = path.join(REPO_ROOT, 'examples');
/** the example reports, newest first, twice over with other week numbers: a multi-week file */
const example = examplesDocument();
const START = example + '\n' + example.replace(/2024-W1(\d)/g, '2023-W2$1');


/** A random edit as an editor sends it: a character typed inside a line, a line added or removed. */
function randomEdit(r: () => number, text: string): { range: Range; text: string } {
  const lines = text.split('\n');
  const line = Math.floor(r() * lines.length);
  const k = r();
  if (k < 0.6) {
    const character = Math.floor(r() * (lines[line].length + 1));
    const typed = ['1', '%', '【', '进', ' ', 'x'][Math.floor(r() * 6)];
    return { range: { start: { line, character }, end: { line, character } }, text: typed };
  }
  if (k < 0.8 && line + 1 < lines.length) return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' };
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ['- 【新项目】进度10%\n', '## 【其他】\n', '\n', '# 2024-W30\n'][Math.floor(r() * 4)] };
}

function applyEdit(text: string, e: { range: Range; text: string }): string {
  const lines = text.split('\n');
  const offset = (p: Range['start']) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, offset(e.range.start)) + e.text + text.slice(offset(e.range.end));
}

for (const hierarchical of [true, false]) {
  describe(`outline and folding after edits equal those of the same text opened fresh (${hierarchical ? 'hierarchical' : 'flat'} symbols, real server over stdio)`, () => {
    let ws: TempWorkspace;
    let client: LspClient;

    before(async () => {
      ws = new TempWorkspace();
      client = await LspClient.start({ folders: [ws.uri], capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: hierarchical } } } });
    });

    after(async () => {
      await client?.stop();
      ws?.remove();
    });

    it('12 random edits', async function () {
      this.timeout(60_000);
      const r = rng(hierarchical ? 1 : 2);
      const uri = ws.write('year.md', START);
      let text = START;
      await client.open(uri, text);
      for (let i = 0; i <= 12; i++) {
        // asked twice: the second answer comes from what the server kept for this version
        const symbols = await client.documentSymbols(uri);
        assert.deepEqual(await client.documentSymbols(uri), symbols);
        const folding = await client.foldingRanges(uri);
        // the same text as a new document: nothing kept from an earlier version
        const fresh = ws.fileUri(`fresh-${i}.md`);
        await client.open(fresh, text);
        const freshSymbols = await client.documentSymbols(fresh);
        assert.ok(Array.isArray(freshSymbols) && freshSymbols.length > 0);
        const withUri = (s: unknown) => JSON.parse(JSON.stringify(s).split(JSON.stringify(fresh).slice(1, -1)).join(JSON.stringify(uri).slice(1, -1)));
        assert.deepEqual(symbols, hierarchical ? freshSymbols : withUri(freshSymbols), `symbols after ${i} edits`);
        assert.deepEqual(folding, await client.foldingRanges(fresh), `folding ranges after ${i} edits`);
        await client.close(fresh);
        const edit = randomEdit(r, text);
        text = applyEdit(text, edit);
        await client.replace(uri, edit.range, edit.text);
      }
    });
  });
}
