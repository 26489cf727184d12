/**
 * The line index after an edit (`LineIndex.edited`, kept in chunks of lines) against an index
 * built afresh for the same text: line starts, positions and offsets, on random edits of texts
 * long enough to span many chunks (one-character edits, line breaks typed and deleted, stretches
 * replaced across chunk boundaries, CRs).
 */
import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/text';
import { rng } from '../helpers/random';

/** `lines` lines of 0–40 characters (CJK and ASCII), blank ones among them */
function textOf(r: () => number, lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push('进度支付ab12 '.repeat(5).slice(0, Math.floor(r() * 40)));
  return out.join('\n');
}

/** an edit of `text`: what replaces which stretch, and what it left as it was */
function edit(r: () => number, text: string, crs: boolean): { text: string; unchanged: { prefix: number; suffix: number } } {
  const at = Math.floor(r() * (text.length + 1));
  const k = r();
  const [remove, insert] =
    k < 0.4
      ? [0, '1'] // a keystroke
      : k < 0.55
        ? [0, '\n'] // a line break typed
        : k < 0.7
          ? [Math.min(1, text.length - at), ''] // a character deleted (a line break, sometimes)
          : k < 0.85
            ? [Math.floor(r() * Math.min(3000, text.length - at)), textOf(r, Math.floor(r() * 4))] // a stretch pasted over, across chunks
            : [Math.floor(r() * Math.min(30, text.length - at)), crs && r() < 0.5 ? 'a\r\nb' : 'x\ny\nz'];
  const next = text.slice(0, at) + insert + text.slice(at + remove);
  return { text: next, unchanged: { prefix: at, suffix: text.length - at - remove } };
}

function assertSame(lines: LineIndex, text: string, r: () => number, what: string): void {
  const fresh = new LineIndex(text);
  assert.equal(lines.lineCount, fresh.lineCount, `${what}: line count`);
  assert.deepStrictEqual(lines.lineStarts, fresh.lineStarts, `${what}: line starts`);
  for (let i = 0; i < 40; i++) {
    const offset = Math.floor(r() * (text.length + 2)) - 1;
    assert.deepStrictEqual(lines.positionAt(offset), fresh.positionAt(offset), `${what}: position of ${offset}`);
    const position = { line: Math.floor(r() * (fresh.lineCount + 1)), character: Math.floor(r() * 50) };
    assert.equal(lines.offsetAt(position), fresh.offsetAt(position), `${what}: offset of ${JSON.stringify(position)}`);
    assert.equal(lines.lineText(position.line), fresh.lineText(position.line), `${what}: text of line ${position.line}`);
  }
}

describe('line index after edits', () => {
  it('equals an index built afresh, on random edits of long texts', function () {
    this.timeout(60_000);
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const r = rng(seed);
      const crs = seed === 6;
      let text = textOf(r, 1000 + Math.floor(r() * 3000));
      if (crs) text = text.replace(/\n/g, () => (r() < 0.3 ? '\r\n' : '\n'));
      let lines = new LineIndex(text);
      for (let step = 0; step < 150; step++) {
        const e = edit(r, text, crs);
        text = e.text;
        // what an editor reports is at most what really stayed the same
        const unchanged = r() < 0.2 ? { prefix: Math.floor(e.unchanged.prefix * r()), suffix: Math.floor(e.unchanged.suffix * r()) } : e.unchanged;
        lines = lines.edited(text, unchanged);
        assertSame(lines, text, r, `seed ${seed} step ${step}`);
      }
    }
  });

  it('keeps every chunk of line starts but the edited one after a keystroke', () => {
    const r = rng(9);
    const text = textOf(r, 5000);
    const lines = new LineIndex(text);
    const at = lines.offsetAt({ line: 2600, character: 0 });
    const next = lines.edited(text.slice(0, at) + '1' + text.slice(at), { prefix: at, suffix: text.length - at });
    // the chunks are private: read them as the index holds them
    const before = (lines as unknown as { chunks: unknown[] }).chunks;
    const after = (next as unknown as { chunks: unknown[] }).chunks;
    assert.ok(before.length >= 8, `a 5,000-line text has many chunks (${before.length})`);
    const copied = after.filter((c, i) => c !== before[i]).length;
    assert.equal(copied, 1, 'one chunk copied, the others kept (those after the edit moved by their shift)');
    assertSame(next, text.slice(0, at) + '1' + text.slice(at), r, 'keystroke');
  });
});
