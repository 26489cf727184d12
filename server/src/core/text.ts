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

/** Converts between string offsets and positions for one text. Built once per text (or from the index of the text before an edit: `edited`). */
export class LineIndex {
  /** offset of the first character of each line */
  readonly lineStarts: number[];
  /** the text has a CR (else its line breaks are LF only) */
  private readonly crs: boolean;

  /** (`starts` and `crs` are for `edited`, which knows them) */
  constructor(
    readonly text: string,
    starts?: number[],
    crs?: boolean,
  ) {
    if (starts) {
      this.lineStarts = starts;
      this.crs = crs!;
      return;
    }
    starts = [0];
    this.crs = text.includes('\r');
    if (!this.crs) {
      // LF only (the usual case): indexOf finds line breaks much faster than a loop
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
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
    const starts = this.lineStarts;
    // line starts whose line break (the character before) lies in the unchanged prefix: kept;
    // in the changed stretch: found again; in the unchanged suffix: moved
    const head = countAtOrBelow(starts, prefix);
    const tail = countAtOrBelow(starts, old.length - suffix);
    const found: number[] = [];
    for (let i = text.indexOf('\n', prefix); i >= 0 && i < changedEnd; i = text.indexOf('\n', i + 1)) found.push(i + 1);
    const out = new Array<number>(head + found.length + starts.length - tail);
    for (let k = 0; k < head; k++) out[k] = starts[k];
    for (let k = 0; k < found.length; k++) out[head + k] = found[k];
    for (let k = tail, o = head + found.length; k < starts.length; k++, o++) out[o] = starts[k] + d;
    return new LineIndex(text, out, false);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const end = this.lineEnd(pos.line);
    return Math.max(start, Math.min(start + pos.character, end));
  }

  /** offset just past the last character of the line, before its line break */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    if (line < 0 || line >= this.lineStarts.length) return '';
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  textOf(range: Range): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** the whole line as a range (without its line break) */
  lineRange(line: number): Range {
    return { start: { line, character: 0 }, end: { line, character: this.lineEnd(line) - this.lineStarts[line] } };
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
