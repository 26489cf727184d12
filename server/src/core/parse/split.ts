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
  /** the part starts at a top-level list item of the section before it (an item cut) */
  item?: boolean;
}

/**
 * Item cuts: a long section that holds a top-level list (重点工作 is half of a week's lines) is
 * also cut at column-0 list items, so that an edit in one project re-parses that project, not the
 * whole section. `takesItems(headingLine)` says whether the section under a heading line may be
 * cut so (index.ts checks it again against the parsed section and merges the parts otherwise); a
 * part is cut at an item only once it has at least `ITEM_PART_MIN` characters.
 *
 * A column-0 line with a bullet marker and content starts a list item wherever it is not inside a
 * fence or an HTML block (it may interrupt a paragraph, lazy or not), so the item and the rest
 * read the same in a part of their own. An ordered marker other than `1` may not interrupt a
 * paragraph: it is a cut only after a blank line.
 */
export interface ItemCuts {
  takesItems(headingLine: string): boolean;
  /** internal (tests): the least length of a part cut at an item, instead of `ITEM_PART_MIN` */
  readonly itemPartMin?: number;
}

export const ITEM_PART_MIN = 256;

const ITEM_LINE = /^(?:[-*+]|(\d{1,9})[.)]) +\S/;
const THEMATIC = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

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

export function splitParts(text: string, items?: ItemCuts): RawPart[] {
  if (!text) return [];
  if (hasDefinition(text)) return [{ start: 0, end: text.length }];
  const { cuts, itemAt } = scanCuts(text, 0, text.length, items, false);
  return partsOf(cuts, itemAt, text.length);
}

/** Whether the text has a link reference definition (then it is parsed in one piece). */
export function hasDefinition(text: string): boolean {
  return text.includes(']:') && DEFINITION.test(text);
}

function partsOf(cuts: number[], itemAt: Set<number>, end: number): RawPart[] {
  const parts: RawPart[] = [];
  for (let i = 0; i < cuts.length; i++) {
    const part: RawPart = { start: cuts[i], end: i + 1 < cuts.length ? cuts[i + 1] : end };
    if (itemAt.has(cuts[i])) part.item = true;
    parts.push(part);
  }
  return parts;
}

/**
 * The parts of `text` from `start` to `end`, both at the start of a line, where `start` is the
 * start of a part of the whole text (the splitter is in its normal state there). `undefined` when
 * the splitter is not in its normal state at `end` (inside a fence or HTML block): then a cut at
 * `end` would not hold.
 * For re-splitting only the changed stretch of a document (index.ts). `inItems`: `start` is an
 * item cut (the first part is marked so, and the section it is in may be cut at items).
 */
export function splitRange(text: string, start: number, end: number, items?: ItemCuts, inItems = false): RawPart[] | undefined {
  const { cuts, itemAt, normal } = scanCuts(text, start, end, items, inItems);
  return normal || end >= text.length ? partsOf(cuts, itemAt, end) : undefined;
}

function scanCuts(text: string, from: number, to: number, items: ItemCuts | undefined, inItems: boolean): { cuts: number[]; itemAt: Set<number>; normal: boolean } {
  const cuts: number[] = [from];
  const itemAt = new Set<number>();
  if (inItems) itemAt.add(from);
  // the section being scanned may be cut at its items
  let cutItems = inItems && !!items;
  const min = items?.itemPartMin ?? ITEM_PART_MIN;
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
    if (state.kind === 'normal' && !mayMatter(text, pos, lineEnd, cutItems)) {
      pos = next;
      continue;
    }
    const line = text.slice(pos, lineEnd);
    switch (state.kind) {
      case 'normal': {
        if (HEADING.test(line)) {
          if (pos > from) cuts.push(pos);
          cutItems = !!items && items.takesItems(line);
          break;
        }
        if (cutItems && pos > from && pos - cuts[cuts.length - 1] >= min) {
          const m = ITEM_LINE.exec(line);
          if (m && !THEMATIC.test(line) && (m[1] === undefined || m[1] === '1' || blankBefore(text, pos))) {
            cuts.push(pos);
            itemAt.add(pos);
            break;
          }
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
  return { cuts, itemAt, normal: state.kind === 'normal' };
}

/** Whether a line (in the normal state) may start a heading, a fence or an HTML block (or, with `items`, a column-0 list item). */
function mayMatter(text: string, start: number, end: number, items: boolean): boolean {
  if (items) {
    const c0 = text.charCodeAt(start);
    if (c0 === 45 /* - */ || c0 === 42 /* * */ || c0 === 43 /* + */ || (c0 >= 48 && c0 <= 57)) return true;
  }
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  return c === 35 /* # */ || c === 96 /* ` */ || c === 126 /* ~ */ || c === 60 /* < */;
}

/** Whether the line before the one starting at `pos` is blank (spaces and tabs only). */
function blankBefore(text: string, pos: number): boolean {
  let i = pos - 1;
  if (i < 0) return false;
  if (text.charCodeAt(i) === 10 && text.charCodeAt(i - 1) === 13) i--;
  i--;
  for (; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
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
