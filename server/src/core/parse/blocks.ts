/**
 * A fast line scanner for the block structure of the reports (the fast path of `parseMarkdown`).
 *
 * micromark reads these reports at well under 1 MB/s; the dialect's block structure is simple
 * (ATX headings, paragraphs, nested lists, a few fences, HTML comments and thematic breaks), and
 * a scanner that knows only that reads it some hundred times faster. It follows CommonMark's
 * block algorithm for the constructs it knows and produces the same mdast nodes, with the same
 * offsets, that remark-parse does for them. Anything it is not sure about (block quotes, tabs in
 * indentation, indented code, setext headings, HTML other than comments at the top level, fences
 * or headings inside list items, empty list items, link reference definitions…) makes it give up
 * (`undefined`), and the caller parses the part with remark instead. Inline content is left to
 * micromark too: a paragraph or heading containing a character that may start inline markup that
 * matters to Zhoubao (code spans, links, images, autolinks, HTML, escapes) is parsed by remark on
 * its own; the rest becomes a single text node.
 *
 * The differential test (test/unit/parse-blocks.test.ts) checks the segments and masked text of
 * both paths are equal on generated, mutated and fixture documents.
 */
import type { Heading, List, ListItem, Nodes, Paragraph, Root, RootContent } from 'mdast';

type Parse = (text: string) => Root;

interface Pos {
  start: { line: number; column: number; offset: number };
  end: { line: number; column: number; offset: number };
}

// positions carry offsets only: the parser reads nothing else (startOf/endOf)
const pos = (s: number, e: number): Pos => ({ start: { line: 0, column: 0, offset: s }, end: { line: 0, column: 0, offset: e } });

interface Container {
  /** root or a list item */
  children: RootContent[];
  /** content column of the list item (0 for the root) */
  ci: number;
  /** the list still open as the last child of this container, and its kind (`-`, `.`, `)`…) */
  openList?: List;
  openKind?: string;
}

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

const HEADING = /^#{1,6}(?=[ \t]|$)/;
const FENCE = /^(`{3,}|~{3,})(.*)$/;
const THEMATIC = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SETEXT_EQ = /^=+[ \t]*$/;
const MARKER = /^(?:([-*+])|(\d{1,9})([.)]))(?= |\t|$)/;
/** item content that would itself start a block on the item's first line */
const CONTENT_START = /^(?:#{1,6}(?:[ \t]|$)|>|<|`{3}|~{3}|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|([-*_])(?:[ \t]*\1){2,}[ \t]*$)/;
/** characters that may start inline markup that the parser reads (links, code, HTML, escapes) */
const INLINE = /[`[\]<\\]/;

/**
 * The mdast tree of `text`, as remark-parse would build it, or `undefined` when the text uses
 * block constructs this scanner leaves to remark. `parse` is remark's parser (for inline content).
 */
export function scanBlocks(text: string, parse: Parse): Root | undefined {
  try {
    return scan(text, parse);
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}

function scan(text: string, parse: Parse): Root {
  const root: Root = { type: 'root', children: [], position: pos(0, text.length) };
  const stack: Container[] = [{ children: root.children, ci: 0 }];
  const paragraphs: Paragraph[] = [];
  const headings: Heading[] = [];
  let para: Paragraph | undefined;

  /** Closes the list items deeper than `depth` (the lists they are in stay open). */
  const closeTo = (depth: number): void => {
    stack.length = depth + 1;
  };
  const closeList = (c: Container): void => {
    c.openList = undefined;
    c.openKind = undefined;
  };

  const n = text.length;
  let lineStart = 0;
  while (lineStart <= n) {
    let lineEnd = lineStart;
    while (lineEnd < n && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
    let next = lineEnd < n ? lineEnd + 1 : n + 1;
    if (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10) next++;
    if (lineStart === n && lineStart > 0) break; // the empty "line" after a final line break

    let ind = 0;
    while (lineStart + ind < lineEnd && text.charCodeAt(lineStart + ind) === 32) ind++;
    const first = lineStart + ind < lineEnd ? text.charCodeAt(lineStart + ind) : -1;
    if (first === 9) giveUp(); // a tab in the indentation: columns, not characters
    if (first === -1 || isBlank(text, lineStart + ind, lineEnd)) {
      para = undefined;
      lineStart = next;
      continue;
    }

    let matched = 0;
    while (matched + 1 < stack.length && ind >= stack[matched + 1].ci) matched++;
    const c = stack[matched];
    const allMatched = matched === stack.length - 1;
    const r = ind - c.ci;
    const content = text.slice(lineStart + ind, lineEnd);

    if (r >= 4) {
      if (para) {
        extend(para, lineEnd);
        lineStart = next;
        continue;
      }
      // indented code inside a list item, or right after a list: left to remark (micromark's
      // handling of the blank lines around it there differs from the plain case)
      if (stack.length > 1 || stack[0].openList) giveUp();
      // indented code at the top level: up to the last line indented 4 or more before a line that is not
      closeTo(0);
      closeList(stack[0]);
      let end = lineEnd;
      let at = next;
      while (at <= n) {
        const le = lineEndAt(text, at);
        let i = at;
        while (i < le && text.charCodeAt(i) === 32) i++;
        if (i < le && text.charCodeAt(i) === 9) giveUp();
        if (i - at < 4) {
          if (i === le || isBlank(text, i, le)) {
            at = nextLine(text, le);
            continue;
          }
          break;
        }
        // a line indented 4 or more is part of the code; a blank one that is (micromark keeps or
        // drops it depending on what follows): left to remark
        if (i === le || isBlank(text, i, le)) giveUp();
        end = le;
        at = nextLine(text, le);
      }
      root.children.push({ type: 'code', lang: null, meta: null, value: '', position: pos(lineStart, end) });
      // go on at the line after the code (blank lines after it are blank lines); micromark reads
      // the first line after indented code as interrupting it (`3. x` there is a paragraph):
      // a list marker there is left to remark
      if (at <= n && MARKER.test(text.slice(at, lineEndAt(text, at)).trimStart())) giveUp();
      lineStart = nextLine(text, end);
      continue;
    }

    if (HEADING.test(content)) {
      if (matched > 0) giveUp(); // a heading inside a list item
      para = undefined;
      closeTo(0);
      closeList(stack[0]);
      const h: Heading = { type: 'heading', depth: headingDepth(content), children: [], position: pos(lineStart + ind, lineEnd) };
      root.children.push(h);
      headings.push(h);
      lineStart = next;
      continue;
    }

    const fence = first === 96 || first === 126 ? FENCE.exec(content) : null;
    if (fence) {
      if (matched > 0 || (fence[1][0] === '`' && fence[2].includes('`'))) giveUp();
      para = undefined;
      closeTo(0);
      closeList(stack[0]);
      const start = lineStart + ind;
      const closing = new RegExp(`^ {0,3}${fence[1][0] === '`' ? '`' : '~'}{${fence[1].length},}[ \\t]*$`);
      let end = n; // an unclosed fence runs to the end of the text
      let at = next;
      while (at <= n) {
        const le = lineEndAt(text, at);
        if (closing.test(text.slice(at, le))) {
          end = le;
          at = nextLine(text, le);
          break;
        }
        at = nextLine(text, le);
      }
      root.children.push({ type: 'code', lang: null, meta: null, value: '', position: pos(start, end) });
      lineStart = at;
      continue;
    }

    if (first === 60 /* < */) {
      if (matched > 0 || !content.startsWith('<!--') || /^<!---?>/.test(content)) giveUp();
      para = undefined;
      closeTo(0);
      closeList(stack[0]);
      const start = lineStart + ind;
      let end = -1;
      let at = lineStart;
      let from = start + 4;
      while (at <= n) {
        const le = lineEndAt(text, at);
        if (text.slice(Math.max(at, from), le).includes('-->')) {
          end = le;
          at = nextLine(text, le);
          break;
        }
        from = 0;
        at = nextLine(text, le);
      }
      if (end < 0) giveUp(); // an unclosed comment: left to remark
      root.children.push({ type: 'html', value: text.slice(start, end), position: pos(start, end) });
      lineStart = at;
      continue;
    }

    if (first === 62 /* > */) giveUp();
    if ((first === 45 || first === 42 || first === 95) && THEMATIC.test(content)) {
      if (para || stack.length > 1 || stack[0].openList) giveUp();
      root.children.push({ type: 'thematicBreak', position: pos(lineStart + ind, lineEnd) });
      lineStart = next;
      continue;
    }
    if (first === 61 /* = */ && para && SETEXT_EQ.test(content)) giveUp();

    const marker = MARKER.exec(content);
    if (marker) {
      const ordered = marker[2] !== undefined;
      const interrupts = !!para && allMatched;
      let spaces = 0;
      const afterMarker = lineStart + ind + marker[0].length;
      while (afterMarker + spaces < lineEnd && text.charCodeAt(afterMarker + spaces) === 32) spaces++;
      if (text.charCodeAt(afterMarker + spaces) === 9) giveUp();
      const rest = text.slice(afterMarker + spaces, lineEnd);
      if (!rest.trim()) giveUp(); // an empty list item
      if (!(interrupts && ordered && marker[2] !== '1')) {
        if (spaces >= 5) giveUp(); // content starting with indented code
        if (CONTENT_START.test(rest)) giveUp();
        para = undefined;
        closeTo(matched);
        const kind = ordered ? marker[3] : marker[1];
        if (!c.openList || c.openKind !== kind) {
          const list: List = { type: 'list', ordered, start: ordered ? Number(marker[2]) : null, spread: false, children: [], position: pos(lineStart + ind, lineEnd) };
          c.children.push(list);
          c.openList = list;
          c.openKind = kind;
        }
        const item: ListItem = { type: 'listItem', spread: false, checked: null, children: [], position: pos(lineStart + ind, lineEnd) };
        c.openList.children.push(item);
        const ci = ind + marker[0].length + spaces;
        stack.push({ children: item.children, ci });
        para = { type: 'paragraph', children: [], position: pos(lineStart + ci, lineEnd) };
        item.children.push(para);
        paragraphs.push(para);
        lineStart = next;
        continue;
      }
    }

    // a line of text
    if (para) {
      if (first === 45 && /^-+[ \t]*$/.test(content)) giveUp(); // a setext underline
      extend(para, lineEnd);
    } else {
      closeTo(matched);
      closeList(c);
      para = { type: 'paragraph', children: [], position: pos(lineStart + ind, lineEnd) };
      c.children.push(para);
      paragraphs.push(para);
    }
    lineStart = next;
  }

  fixLists(root.children); // ends of items and lists: those of their last child
  for (const h of headings) headingInline(text, h, parse);
  for (const p of paragraphs) paragraphInline(text, p, parse);
  return root;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function lineEndAt(text: string, at: number): number {
  let e = at;
  while (e < text.length && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
  return e;
}

function nextLine(text: string, lineEnd: number): number {
  if (lineEnd >= text.length) return text.length + 1;
  return text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : lineEnd + 1;
}

function headingDepth(content: string): Heading['depth'] {
  let d = 0;
  while (content.charCodeAt(d) === 35) d++;
  return d as Heading['depth'];
}

function extend(node: Nodes, end: number): void {
  (node.position as Pos).end.offset = end;
}

function setEnd(node: Nodes, children: Nodes[]): void {
  const last = children[children.length - 1];
  if (last) (node.position as Pos).end.offset = (last.position as Pos).end.offset;
}

function fixLists(children: RootContent[]): void {
  for (const ch of children) {
    if (ch.type === 'list') {
      for (const it of ch.children) {
        fixLists(it.children);
        setEnd(it, it.children);
      }
      setEnd(ch, ch.children);
    }
  }
}

function shift(node: Nodes, delta: number): void {
  const p = node.position as Pos | undefined;
  if (p) {
    p.start.offset += delta;
    p.end.offset += delta;
  }
  if ('children' in node) for (const c of node.children as Nodes[]) shift(c, delta);
}

/**
 * The inline children of the block at [s, e) parsed by remark on its own, moved to their place;
 * `fits` says whether remark read the text as the same block (else the scanner gives up).
 */
function inlineByRemark(text: string, s: number, e: number, parse: Parse, fits: (only: RootContent, src: string) => boolean): Nodes[] {
  const src = text.slice(s, e);
  const tree = parse(src);
  const only = tree.children[0];
  if (tree.children.length !== 1 || !fits(only, src) || !('children' in only)) giveUp();
  const kids = (only as Paragraph | Heading).children;
  for (const k of kids) shift(k, s);
  return kids;
}

/** Heading text: after the `#`s, without the closing sequence and surrounding blanks. */
function headingInline(text: string, h: Heading, parse: Parse): void {
  const s = (h.position as Pos).start.offset;
  const e = (h.position as Pos).end.offset;
  const line = text.slice(s, e);
  if (INLINE.test(line)) {
    h.children = inlineByRemark(text, s, e, parse, (only) => only.type === 'heading' && only.depth === h.depth) as Heading['children'];
    return;
  }
  let a = h.depth;
  while (a < line.length && (line.charCodeAt(a) === 32 || line.charCodeAt(a) === 9)) a++;
  let body = line.slice(a).replace(/[ \t]+$/, '');
  const closing = /(^|[ \t])#+$/.exec(body);
  if (closing) body = body.slice(0, closing.index).replace(/[ \t]+$/, '');
  if (body) h.children = [{ type: 'text', value: body, position: pos(s + a, s + a + body.length) }];
}

function paragraphInline(text: string, p: Paragraph, parse: Parse): void {
  const s = (p.position as Pos).start.offset;
  const e = (p.position as Pos).end.offset;
  const src = text.slice(s, e);
  p.children = INLINE.test(src)
    ? (inlineByRemark(text, s, e, parse, (only, whole) => only.type === 'paragraph' && (only.position as Pos).start.offset === 0 && (only.position as Pos).end.offset === whole.length) as Paragraph['children'])
    : [{ type: 'text', value: src, position: pos(s, e) }];
}
