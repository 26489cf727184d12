/**
 * The server parses an edited document by position: what each change left unchanged is noted
 * from the change events (lsp/edits.ts), and only the changed stretch is split and parsed again.
 * Here two real servers over stdio get the same texts: one through small incremental changes
 * (several per notification, as editors batch them), the other as whole-document replacements
 * (nothing is known to be unchanged: every part is looked up by its text). After every
 * notification both must publish the same diagnostics.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { LspClient, TempWorkspace } from '../helpers/lsp-client';
import { examplesDocument, rng } from '../helpers/random';

const example = examplesDocument();
const START = example + '\n' + example.replace(/2024-W1(\d)/g, '2023-W2$1');

function positionAt(text: string, offset: number): Range['start'] {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const TYPED = ['1', '%', '\n', '\n\n', '进度', '【', '】', '- ', '# 2024-W30\n', '## 【其他】\n', '```\n', '<!--', '-->', '[a]: https://x.example\n', '\r\n', '99.9%'];

/** A batch of changes, each against the text the changes before it left; the text after them. */
function randomBatch(r: () => number, text: string): { changes: TextDocumentContentChangeEvent[]; text: string } {
  const changes: TextDocumentContentChangeEvent[] = [];
  for (let k = 0, n = 1 + Math.floor(r() * 3); k < n; k++) {
    const at = Math.floor(r() * (text.length + 1));
    const del = r() < 0.3 ? Math.floor(r() * 40) : 0;
    const end = Math.min(text.length, at + del);
    const insert = r() < 0.8 ? TYPED[Math.floor(r() * TYPED.length)] : '';
    changes.push({ range: { start: positionAt(text, at), end: positionAt(text, end) }, text: insert });
    text = text.slice(0, at) + insert + text.slice(end);
  }
  return { changes, text };
}

/** Diagnostics without what differs by design between the two documents (the version they were made for). */
const comparable = (ds: Diagnostic[]) => ds.map((d) => ({ ...d, data: { ...(d.data as object), version: 0 } }));

describe('diagnostics after incremental changes equal those after whole-text replacements (two real servers over stdio)', () => {
  const ws = { a: undefined as TempWorkspace | undefined, b: undefined as TempWorkspace | undefined };
  const client = { a: undefined as LspClient | undefined, b: undefined as LspClient | undefined };

  before(async () => {
    ws.a = new TempWorkspace();
    ws.b = new TempWorkspace();
    client.a = await LspClient.start({ folders: [ws.a.uri] });
    client.b = await LspClient.start({ folders: [ws.b.uri] });
  });

  after(async () => {
    await client.a?.stop();
    await client.b?.stop();
    ws.a?.remove();
    ws.b?.remove();
  });

  for (const seed of [1, 2]) {
    it(`25 batches of random changes (seed ${seed})`, async function () {
      this.timeout(120_000);
      const r = rng(seed);
      const a = ws.a!.write(`year-${seed}.md`, START);
      const b = ws.b!.write(`year-${seed}.md`, START);
      let text = START;
      await client.a!.open(a, text);
      await client.b!.open(b, text);
      for (let step = 0; step < 25; step++) {
        const batch = randomBatch(r, text);
        const whole: Range = { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
        text = batch.text;
        const va = await client.a!.change(a, batch.changes);
        const vb = await client.b!.replace(b, whole, text);
        const [da, db] = await Promise.all([client.a!.diagnosticsFor(a, va), client.b!.diagnosticsFor(b, vb)]);
        assert.deepEqual(comparable(da), comparable(db), `step ${step}: ${JSON.stringify(batch.changes)}`);
      }
      await client.a!.close(a);
      await client.b!.close(b);
    });
  }
});
