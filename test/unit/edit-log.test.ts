import * as assert from 'node:assert/strict';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { EditLog } from '../../server/src/lsp/edits';
import { rng } from '../helpers/random';

describe('the edit log (what edits left unchanged, for incremental parsing)', () => {
  it('never claims more of the text unchanged than really is, over random change batches', () => {
    const r = rng(7);
    const log = new EditLog();
    const uri = 'file:///w/2024-W10.md';
    let doc = log.create(uri, 'markdown', 1, '# 2024-W10\n\n## 【重点工作】\n\n- 【甲】进度50%\n');
    assert.equal(log.take(uri), undefined, 'nothing is known of a document just opened');
    let taken = doc.getText();
    let version = 1;
    let narrowed = 0;
    const at = (o: number, text: string) => {
      const before = text.slice(0, o).split('\n');
      return { line: before.length - 1, character: before[before.length - 1].length };
    };
    for (let step = 0; step < 400; step++) {
      // a batch of changes, each against the text the changes before it left (as LSP orders them)
      const changes: TextDocumentContentChangeEvent[] = [];
      let text = doc.getText();
      for (let k = 0, n = 1 + Math.floor(r() * 3); k < n; k++) {
        if (r() < 0.03) {
          text += '\n';
          changes.push({ text }); // a full-text change
          continue;
        }
        const s = Math.floor(r() * (text.length + 1));
        const e = Math.min(text.length, s + Math.floor(r() * 6));
        const insert = ['x', '\n', '进度', '', '\n\n# 2024-W11\n'][Math.floor(r() * 5)];
        changes.push({ range: { start: at(s, text), end: at(e, text) }, text: insert });
        text = text.slice(0, s) + insert + text.slice(e);
      }
      doc = log.update(doc, changes, ++version);
      assert.equal(doc.getText(), text);
      if (r() < 0.4) {
        const now = doc.getText();
        const u = log.take(uri);
        assert.ok(u, 'known after the first take');
        const prefix = Math.min(u.prefix, taken.length, now.length);
        const suffix = Math.min(u.suffix, taken.length - prefix, now.length - prefix);
        assert.equal(now.slice(0, prefix), taken.slice(0, prefix), `step ${step}: prefix`);
        assert.equal(now.slice(now.length - suffix), taken.slice(taken.length - suffix), `step ${step}: suffix`);
        if (prefix + suffix < Math.min(taken.length, now.length)) narrowed++;
        taken = now;
      }
    }
    assert.ok(narrowed > 50, 'edits were seen');
  });

  it('forgets a closed document and knows nothing of one opened again', () => {
    const log = new EditLog();
    const uri = 'file:///w/a.md';
    let doc = log.create(uri, 'markdown', 1, 'a\n');
    log.take(uri);
    doc = log.update(doc, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: 'b' }], 2);
    assert.deepEqual(log.take(uri), { prefix: 1, suffix: 1 });
    log.forget(uri);
    assert.equal(log.take(uri), undefined);
    log.create(uri, 'markdown', 1, 'c\n');
    assert.equal(log.take(uri), undefined);
  });
});
