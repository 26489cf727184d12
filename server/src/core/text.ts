/**
 * Positions and ranges, LSP-compatible but independent of any LSP package:
 * lines and characters are 0-based, characters count UTF-16 code units
 * (the unit of JavaScript strings), so CJK text and emoji map exactly.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A plain-data text edit: replace `range` with `newText`. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** What an edit left as it was: the first `prefix` and the last `suffix` characters of the text. */
export interface Unchanged {
  prefix: number;
  suffix: number;
}

/** lines per chunk of a line index (a power of two) */
const CHUNK_BITS = 9;
const CHUNK = 1 << CHUNK_BITS;

/**
 * Converts between string offsets and positions for one text. Built once per text (or from the
 * index of the text before an edit: `edited`).
 *
 * The line starts are kept in chunks of `CHUNK` lines, each with a shift added to its entries.
 * A keystroke that adds or removes no line break then copies one chunk and moves the later ones by
 * their shift, where one array of every line start was copied whole: at 1 MB (27,000 lines) that
 * array lives in V8's large-object space, and a fresh one per keystroke took about 0.25 ms.
 */
export class LineIndex {
  /** the line starts, `CHUNK` per chunk (the last one may hold fewer), each less its chunk's shift */
  private readonly chunks: ReadonlyArray<readonly number[]>;
  private readonly shifts: readonly number[];
  readonly lineCount: number;
  /** the text has a CR (else its line breaks are LF only) */
  private readonly crs: boolean;

  /** (`built` is for `edited`, which knows the line starts) */
  constructor(
    readonly text: string,
    built?: { chunks: ReadonlyArray<readonly number[]>; shifts: readonly number[]; count: number; crs: boolean },
  ) {
    if (built) {
      this.chunks = built.chunks;
      this.shifts = built.shifts;
      this.lineCount = built.count;
      this.crs = built.crs;
      return;
    }
    const starts = new ChunkedStarts();
    starts.push(0);
    this.crs = text.includes('\r');
    if (!this.crs) {
      // LF only (the usual case): indexOf finds line breaks much faster than a loop
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */) starts.push(i + 1);
        else if (c === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.chunks = starts.chunks;
    this.shifts = starts.chunks.map(() => 0);
    this.lineCount = starts.count;
  }

  /** the offset of the first character of `line` (0 ≤ line < lineCount) */
  lineStart(line: number): number {
    const c = line >> CHUNK_BITS;
    return this.chunks[c][line & (CHUNK - 1)] + this.shifts[c];
  }

  /** every line start, in order (a copy) */
  get lineStarts(): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.lineCount; k++) out.push(this.lineStart(k));
    return out;
  }

  /** the number of lines that start at or before `offset` */
  private linesUpTo(offset: number): number {
    if (offset < 0) return 0;
    const { chunks, shifts } = this;
    // the last chunk whose first line starts at or before the offset (chunk 0 starts at 0)
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid][0] + shifts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return (lo << CHUNK_BITS) + countAtOrBelow(chunks[lo], offset - shifts[lo]);
  }

  /**
   * The index of `text`, an edit of this index's text that left its first `prefix` and last
   * `suffix` characters as they were: line starts in those stretches are kept (those after the
   * change moved), and only the changed stretch is searched for line breaks. Text with CRs is
   * indexed afresh.
   */
  edited(text: string, unchanged: Unchanged): LineIndex {
    const old = this.text;
    const prefix = Math.max(0, Math.min(unchanged.prefix, old.length, text.length));
    const suffix = Math.max(0, Math.min(unchanged.suffix, old.length - prefix, text.length - prefix));
    const changedEnd = text.length - suffix;
    // (the changed stretch alone is searched: a search of the whole of a long text is what this avoids)
    if (this.crs || text.slice(prefix, changedEnd).includes('\r')) return new LineIndex(text);
    const d = text.length - old.length;
    // line starts whose line break (the character before) lies in the unchanged prefix: kept;
    // in the changed stretch: found again; in the unchanged suffix: moved
    const head = this.linesUpTo(prefix);
    const tail = this.linesUpTo(old.length - suffix);
    const found: number[] = [];
    for (let i = text.indexOf('\n', prefix); i >= 0 && i < changedEnd; i = text.indexOf('\n', i + 1)) found.push(i + 1);
    // the start of line k after the edit (the lines after the change are those from `tail` on, moved)
    const at = (k: number): number => (k < head ? this.lineStart(k) : k < head + found.length ? found[k - head] : this.lineStart(k - found.length + (tail - head)) + d);
    if (found.length !== tail - head) {
      // lines were added or removed: the chunks from the change on hold other lines, built again
      const kept = head >> CHUNK_BITS;
      const count = this.lineCount - (tail - head) + found.length;
      const fresh = new ChunkedStarts();
      for (let k = kept << CHUNK_BITS; k < count; k++) fresh.push(at(k));
      const chunks = [...this.chunks.slice(0, kept), ...fresh.chunks];
      const shifts = [...this.shifts.slice(0, kept), ...fresh.chunks.map(() => 0)];
      return new LineIndex(text, { chunks, shifts, count, crs: false });
    }
    // as many lines as before: the chunks before the change are kept, the one(s) it falls in
    // copied, and those after it moved by their shift
    const chunks = this.chunks.slice();
    const shifts = this.shifts.slice();
    for (let c = head >> CHUNK_BITS; c < chunks.length; c++) {
      const first = c << CHUNK_BITS;
      if (first >= tail) {
        shifts[c] += d;
        continue;
      }
      const end = Math.min(first + CHUNK, this.lineCount);
      if (end <= head) continue;
      const copy = new Array<number>(end - first);
      for (let k = first; k < end; k++) copy[k - first] = at(k);
      chunks[c] = copy;
      shifts[c] = 0;
    }
    return new LineIndex(text, { chunks, shifts, count: this.lineCount, crs: false });
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    const line = this.linesUpTo(offset) - 1;
    return { line, character: offset - this.lineStart(line) };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineCount) return this.text.length;
    const start = this.lineStart(pos.line);
    const end = this.lineEnd(pos.line);
    return Math.max(start, Math.min(start + pos.character, end));
  }

  /** offset just past the last character of the line, before its line break */
  lineEnd(line: number): number {
    const start = this.lineStart(line);
    let end = line + 1 < this.lineCount ? this.lineStart(line + 1) : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    if (line < 0 || line >= this.lineCount) return '';
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  textOf(range: Range): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** the whole line as a range (without its line break) */
  lineRange(line: number): Range {
    return { start: { line, character: 0 }, end: { line, character: this.lineEnd(line) - this.lineStart(line) } };
  }
}

/** Line starts pushed in order, into chunks of `CHUNK`. */
class ChunkedStarts {
  readonly chunks: number[][] = [];
  count = 0;
  push(offset: number): void {
    const last = this.chunks[this.chunks.length - 1];
    if (last !== undefined && last.length < CHUNK) last.push(offset);
    else this.chunks.push([offset]);
    this.count++;
  }
}

/**
 * `s` as a string of its own. A slice of a long string keeps the whole of that string alive in V8
 * (it points into it), and so does everything sliced from the slice or joined with it: what is
 * kept across edits (the parts of a parse, the cache keys of a week's findings) must not point
 * into the document of the version it was cut from, or every edited version of a 1 MB document
 * stays in memory. Joining one character in front and slicing it off again makes V8 copy the
 * characters into a new string.
 */
export function detached(s: string): string {
  return (' ' + s).slice(1);
}

/** The number of entries of the non-decreasing `xs` that are ≤ `x` (a binary search). */
export function countAtOrBelow(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(range: Range, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}

export function shiftRange(range: Range, lines: number): Range {
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}

/** Applies non-overlapping edits to a text (edits may come in any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let last = 0;
  for (const e of sorted) {
    if (e.start < last) throw new Error('overlapping edits');
    out += text.slice(last, e.start) + e.newText;
    last = e.end;
  }
  return out + text.slice(last);
}
