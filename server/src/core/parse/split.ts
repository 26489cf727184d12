/**
 * Splitting a document into parts that parse independently: remark's list handling is
 * superlinear (≈12 s for 1 MB in one piece), and an edit should re-parse only what changed.
 *
 * A part starts at an ATX heading at column 0 (`#`…`######` then a space or the end of the
 * line). Such a line always starts a top-level heading, closing every open block, unless it
 * sits inside a top-level fenced code block or HTML block; the splitter tracks those
 * (conservatively: when unsure it does not split). index.ts double-checks every cut with the
 * part's own parse (a part whose last block is fenced code or HTML is merged with the next),
 * so the parts always give the same tree as the whole document.
 */

export interface RawPart {
  start: number;
  end: number;
}

const HEADING = /^#{1,6}(?:[ \t]|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const COMMENT_OPEN = /^ {0,3}<!--/;
const HTML1_OPEN = /^ {0,3}<(script|pre|style|textarea)(?:[\s>]|$)/i;
const HTML_OTHER_OPEN = /^ {0,3}<(?:\?|![A-Za-z]|!\[CDATA\[|\/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$))/;
/** a link reference definition could be used anywhere in the document: do not split */
const DEFINITION = /^[ \t>*+\-\d.)]*\[[^\]\n]+\]:/m;

type State =
  | { kind: 'normal' }
  | { kind: 'fence'; char: string; len: number }
  | { kind: 'until'; end: RegExp }
  | { kind: 'blank' };

export function splitParts(text: string): RawPart[] {
  if (!text) return [];
  if (hasDefinition(text)) return [{ start: 0, end: text.length }];
  return partsOf(scanCuts(text, 0, text.length).cuts, text.length);
}

/** Whether the text has a link reference definition (then it is parsed in one piece). */
export function hasDefinition(text: string): boolean {
  return text.includes(']:') && DEFINITION.test(text);
}

function partsOf(cuts: number[], end: number): RawPart[] {
  const parts: RawPart[] = [];
  for (let i = 0; i < cuts.length; i++) parts.push({ start: cuts[i], end: i + 1 < cuts.length ? cuts[i + 1] : end });
  return parts;
}

/**
 * The parts of `text` from `start` to `end`, both at the start of a line, where `start` is the
 * start of a part of the whole text (the splitter is in its normal state there). `undefined` when
 * the splitter is not in its normal state at `end` (inside a fence or HTML block): then a cut at
 * `end` would not hold.
 * For re-splitting only the changed stretch of a document (index.ts).
 */
export function splitRange(text: string, start: number, end: number): RawPart[] | undefined {
  const { cuts, normal } = scanCuts(text, start, end);
  return normal || end >= text.length ? partsOf(cuts, end) : undefined;
}

function scanCuts(text: string, from: number, to: number): { cuts: number[]; normal: boolean } {
  const cuts: number[] = [from];
  let state: State = { kind: 'normal' };
  const re = /\r\n|\r|\n/g;
  const cr = text.indexOf('\r', from);
  const lfOnly = cr < 0 || cr >= to; // then line breaks are found with indexOf, much faster
  let pos = from;
  // every line that starts before `to` (and, at the end of the text, the empty last line)
  while (pos < to || (to === text.length && pos === to)) {
    let lineEnd: number;
    let next: number;
    if (lfOnly) {
      const i = text.indexOf('\n', pos);
      lineEnd = i < 0 ? text.length : i;
      next = i < 0 ? text.length + 1 : i + 1;
    } else {
      re.lastIndex = pos;
      const m = re.exec(text);
      lineEnd = m ? m.index : text.length;
      next = m ? m.index + m[0].length : text.length + 1;
    }
    if (state.kind === 'normal' && !mayMatter(text, pos, lineEnd)) {
      pos = next;
      continue;
    }
    const line = text.slice(pos, lineEnd);
    switch (state.kind) {
      case 'normal': {
        if (HEADING.test(line)) {
          if (pos > from) cuts.push(pos);
          break;
        }
        const f = FENCE_OPEN.exec(line);
        if (f && !(f[1][0] === '`' && f[2].includes('`'))) {
          state = { kind: 'fence', char: f[1][0], len: f[1].length };
          break;
        }
        if (COMMENT_OPEN.test(line)) {
          if (!line.includes('-->', line.indexOf('<!--') + 4)) state = { kind: 'until', end: /-->/ };
          break;
        }
        const h1 = HTML1_OPEN.exec(line);
        if (h1) {
          const end = new RegExp(`</${h1[1]}>`, 'i');
          if (!end.test(line)) state = { kind: 'until', end };
          break;
        }
        if (/^ {0,3}<\?/.test(line)) {
          if (!line.includes('?>')) state = { kind: 'until', end: /\?>/ };
          break;
        }
        if (/^ {0,3}<!\[CDATA\[/.test(line)) {
          if (!line.includes(']]>')) state = { kind: 'until', end: /\]\]>/ };
          break;
        }
        if (/^ {0,3}<![A-Za-z]/.test(line)) {
          if (!line.includes('>')) state = { kind: 'until', end: />/ };
          break;
        }
        if (HTML_OTHER_OPEN.test(line)) state = { kind: 'blank' };
        break;
      }
      case 'fence': {
        const c = new RegExp(`^ {0,3}(\\${state.char}{${state.len},})[ \\t]*$`);
        if (c.test(line)) state = { kind: 'normal' };
        break;
      }
      case 'until':
        if (state.end.test(line)) state = { kind: 'normal' };
        break;
      case 'blank':
        if (!line.trim()) state = { kind: 'normal' };
        break;
    }
    pos = next;
  }
  return { cuts, normal: state.kind === 'normal' };
}

/** Whether a line (in the normal state) may start a heading, a fence or an HTML block. */
function mayMatter(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  return c === 35 /* # */ || c === 96 /* ` */ || c === 126 /* ~ */ || c === 60 /* < */;
}

/** Number of line breaks in a text (CRLF, CR and LF each count once). */
export function countBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}
