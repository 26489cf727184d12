/**
 * The Markdown layer: remark-parse (CommonMark, no extensions) and masking.
 *
 * unified and remark-parse are ESM-only packages; the server is compiled as CommonJS. Node 20.19+
 * can `require()` an ES module synchronously (and esbuild bundles both anyway), so they are loaded
 * with `require` and typed through `import()` types: parsing must stay synchronous.
 */
import type { Nodes, Root } from 'mdast';
import { scanBlocks } from './blocks';

type UnifiedModule = typeof import('unified', { with: { 'resolution-mode': 'import' } });
type RemarkParseModule = typeof import('remark-parse', { with: { 'resolution-mode': 'import' } });

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unified } = require('unified') as UnifiedModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const remarkParse = (require('remark-parse') as RemarkParseModule).default;

const processor = unified().use(remarkParse).freeze();

/**
 * Nesting budget: micromark's time grows with the cube of the nesting depth (a list nested 400
 * deep took 4 s, 800 deep 25 s). A line's container prefix (indentation, `>` and list markers)
 * past this many characters is read as text: the characters beyond are replaced by no-break
 * spaces for the parse only (same length, so every offset stays right). No report comes near it.
 */
export const MAX_PREFIX = 64;
const PREFIX = /^(?:[ \t>]|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))+/gm;

/** Whether some line of `text` nests deeper than the budget (the check then says so, WR090). */
export function exceedsNesting(text: string): boolean {
  PREFIX.lastIndex = 0;
  for (let m = PREFIX.exec(text); m; m = PREFIX.exec(text)) if (m[0].length > MAX_PREFIX) return true;
  return false;
}

function clampNesting(text: string): string {
  if (!exceedsNesting(text)) return text;
  return text.replace(PREFIX, (p) => (p.length > MAX_PREFIX ? p.slice(0, MAX_PREFIX) + '\u00a0'.repeat(p.length - MAX_PREFIX) : p));
}

/** Which parser reads the blocks: the scanner when it can (tests and benchmarks switch it off). */
export const markdownConfig = { scanner: true };
/** How many texts the scanner read and how many it left to remark (tests, benchmarks). */
export const markdownStats = { scanned: 0, fallback: 0 };

const remarkOnly = (text: string): Root => processor.parse(text);

/**
 * Parses Markdown into an mdast tree (offsets relative to `text`). Never throws. The block
 * scanner (blocks.ts) reads what it knows; remark reads the rest.
 */
export function parseMarkdown(text: string): Root {
  try {
    if (markdownConfig.scanner && !exceedsNesting(text)) {
      let fast: Root | undefined;
      try {
        fast = scanBlocks(text, remarkOnly);
      } catch {
        fast = undefined; // a scanner bug must not cost the model: remark reads the text instead
      }
      if (fast) {
        markdownStats.scanned++;
        return fast;
      }
      markdownStats.fallback++;
    }
    return processor.parse(clampNesting(text));
  } catch {
    // micromark does not throw on any input that we know of; stay safe anyway
    return { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } };
  }
}

export function startOf(node: { position?: { start: { offset?: number } } }): number {
  return node.position?.start.offset ?? 0;
}

export function endOf(node: { position?: { end: { offset?: number } } }): number {
  return node.position?.end.offset ?? 0;
}

const URL_LABEL = /^\s*(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)/i;

/** Bare URLs in text (no GFM autolink literals: we blank them ourselves). */
const BARE_URL = /\b(?:https?|ftp):\/\/[\w\-.~:/?#@!$&*+,;=%]+|\bwww\.[a-z0-9-]+\.[\w\-.~:/?#@!$&*+,;=%]+/gi;

/**
 * Collects the [start, end) offset ranges to blank in `text`: link destinations (the whole link
 * when its label is itself a URL), autolinks, images, inline code, HTML, code blocks.
 */
function collectMasks(node: Nodes, text: string, out: Array<[number, number]>): void {
  switch (node.type) {
    case 'code':
    case 'inlineCode':
    case 'html':
    case 'image':
    case 'imageReference':
    case 'definition':
      out.push([startOf(node), endOf(node)]);
      return;
    case 'link': {
      const s = startOf(node);
      const e = endOf(node);
      if (text.charCodeAt(s) === 60 /* < */) {
        out.push([s, e]); // autolink
        return;
      }
      const kids = node.children;
      const labelEnd = kids.length ? endOf(kids[kids.length - 1]) : s + 1;
      const label = kids.length ? text.slice(startOf(kids[0]), labelEnd) : '';
      if (!label.trim() || URL_LABEL.test(label) || label.trim() === node.url) {
        out.push([s, e]);
        return;
      }
      // `[label](dest)`: blank from the closing `]` of the label (kept) onwards, brackets included
      const close = text.indexOf(']', labelEnd);
      out.push([close >= 0 && close < e ? close + 1 : labelEnd, e]);
      for (const k of kids) collectMasks(k, text, out);
      return;
    }
    case 'linkReference': {
      const kids = node.children;
      const label = kids.length ? text.slice(startOf(kids[0]), endOf(kids[kids.length - 1])) : '';
      if (URL_LABEL.test(label)) {
        out.push([startOf(node), endOf(node)]);
        return;
      }
      for (const k of kids) collectMasks(k, text, out);
      return;
    }
    default:
      if ('children' in node) for (const k of node.children as Nodes[]) collectMasks(k, text, out);
  }
}

function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}

/** The text with link destinations, code, HTML and URLs replaced by spaces (same length, same line breaks). */
export function maskText(text: string, root: Root): string {
  const ranges: Array<[number, number]> = [];
  collectMasks(root, text, ranges);
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let last = 0;
  for (const [s0, e] of ranges) {
    const s = Math.max(s0, last);
    if (e <= s) continue;
    out += text.slice(last, s) + blank(text.slice(s, e));
    last = e;
  }
  out += text.slice(last);
  return out.replace(BARE_URL, (m) => ' '.repeat(m.length));
}
