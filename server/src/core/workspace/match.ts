/**
 * How things of one week are matched with the same things of another week (see docs/cross-week.md).
 *
 * - Text is compared normalised: full-width ASCII folded to half-width, whitespace removed,
 *   lower case, trailing punctuation dropped (`normalizeText`).
 * - A progress figure is identified by its item's key: the `【project】` of the item or of its
 *   nearest ancestor, the item's leading text (up to the first punctuation, digit or the progress
 *   phrase itself, at most 12 characters), and the progress label (`进度`, `测试进度`…).
 *   A figure with neither project nor leading text has no key and is never matched.
 * - A key found more than once in one week is ambiguous and is not matched either.
 * - Goals are compared by their normalised text, without list marker and task box.
 */
import type { Item, Progress, Section, TextBlock, Week } from '../model';
import { rangeContains, type Position } from '../text';
import { perContent, perObject, perWeek } from '../memo';

/** Full-width ASCII → half-width, whitespace out, lower case, trailing punctuation out. */
export function normalizeText(s: string): string {
  // one pass instead of four regular expressions (it runs for every block of a week whose
  // findings are checked again; `normalizeTextReference` is the definition, and a test compares)
  let folded = '';
  let from = 0; // s[from, i) is copied as is
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      folded += s.slice(from, i) + String.fromCharCode(c - 0xfee0);
      from = i + 1;
    } else if (isSpace(c)) {
      folded += s.slice(from, i);
      from = i + 1;
    }
  }
  folded = (from === 0 ? s : folded + s.slice(from)).toLowerCase();
  let end = folded.length;
  while (end > 0 && TRAILING.has(folded.charCodeAt(end - 1))) end--;
  return end === folded.length ? folded : folded.slice(0, end);
}

/**
 * A piece of `normalizeText` of several texts joined with line breaks: `normalizeJoined` of the
 * pieces is `normalizeText(texts.join('\n'))`. Folding, dropping white space and lower-casing go
 * character by character, so pieces join into the whole; trailing punctuation is trimmed once, at
 * the end. Undefined for a text with a Greek capital sigma, which lower-cases by its context.
 */
export function normalizedPiece(text: string): string | undefined {
  return text.includes('\u03a3') ? undefined : normalizeText(text + '\u3000x').slice(0, -1);
}

export function normalizeJoined(pieces: readonly string[]): string {
  const joined = pieces.join('');
  let end = joined.length;
  while (end > 0 && TRAILING.has(joined.charCodeAt(end - 1))) end--;
  return joined.slice(0, end);
}

const TRAILING = new Set([...'.,;:!?。，；：！？、…~-–—'].map((c) => c.charCodeAt(0)));

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** What `normalizeText` computes, as it is defined (for tests). */
export function normalizeTextReference(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/[.,;:!?。，；：！？、…~\-–—]+$/u, '');
}

/** A list line's text without indentation, list marker and task box: `- [x] 1. foo` → `foo`. */
export function stripListMarker(line: string): string {
  return line
    .replace(/^\s*(?:[-*+]|\d+[.)、]|[一二三四五六七八九十]+、)\s+/u, '')
    .replace(/^\s*\d+、/u, '')
    .replace(/^\[[ xX]\]\s*/, '')
    .trim();
}

const LEAD_STOP = /[，,。：:；;（(）)、！!？?\d%【】\s]/u;

/** The item's leading text: up to the first punctuation or digit, at most 12 characters, normalised. */
export function leadingText(text: string, project?: string): string {
  let t = text;
  if (project !== undefined) {
    const close = t.indexOf('】');
    if (close >= 0) t = t.slice(close + 1);
  }
  t = t.replace(/^[\s：:，,]+/u, '');
  const stop = t.search(LEAD_STOP);
  return normalizeText((stop >= 0 ? t.slice(0, stop) : t).slice(0, 12));
}

/** A progress figure of one week, with the key it is matched by. */
export interface KeyedProgress {
  key: string;
  project?: string;
  lead: string;
  progress: Progress;
  block: TextBlock;
}

/** A block of text with the project of its item (or nearest ancestor item) and its item's leading text. */
export interface ContextBlock {
  block: TextBlock;
  project?: string;
  lead: string;
}

function* itemBlocks(item: Item, project: string | undefined): Generator<ContextBlock> {
  const own = item.project?.text.trim() || project;
  const lead = perObject(itemLeads, item, (i) => leadingText(i.text.text, i.project?.text));
  yield itemBlockContext(item.text, own, lead);
  for (const b of item.blocks) yield itemBlockContext(b, own, lead);
  for (const c of item.children) yield* itemBlocks(c, own);
}

const itemLeads = new WeakMap<Item, string>();

/**
 * A block of an item with its context, the same object while the block and its context are: a
 * keystroke in one line of a project makes its item again but keeps its other blocks (the parser's
 * `editInBlock`), and what is kept per context block (keyed progress, WR025's values) then holds.
 */
function itemBlockContext(block: TextBlock, project: string | undefined, lead: string): ContextBlock {
  const had = itemBlockContexts.get(block);
  if (had && had.project === project && had.lead === lead) return had;
  const cb: ContextBlock = { block, project, lead };
  itemBlockContexts.set(block, cb);
  return cb;
}

const itemBlockContexts = new WeakMap<TextBlock, ContextBlock>();

/** Every text block of a week with its item context (paragraphs outside lists have no project). */
export function contextBlocks(week: Week): readonly ContextBlock[] {
  return perWeek(contextOfWeek, week, collectContextBlocks);
}

const contextOfWeek = new WeakMap<Week, readonly ContextBlock[]>();

function collectContextBlocks(week: Week): readonly ContextBlock[] {
  // (the parser builds each block once, in one section: no block comes twice)
  if (week.sections.length === 1) return sectionContextBlocks(week.sections[0]);
  const out: ContextBlock[] = [];
  for (const section of week.sections) for (const cb of sectionContextBlocks(section)) out.push(cb);
  return out;
}

/** A section's blocks with their item context, in order; kept per section (unchanged sections survive an edit). */
function sectionContextBlocks(section: Section): readonly ContextBlock[] {
  return perObject(sectionContext, section, collectSectionContext);
}

const sectionContext = new WeakMap<Section, readonly ContextBlock[]>();

function collectSectionContext(section: Section): ContextBlock[] {
  const out: ContextBlock[] = [];
  for (const b of section.blocks) out.push(perObject(blockContext, b, (block) => ({ block, lead: '' })));
  // kept per top-level item too: an edit in one project of a long section makes a new section
  // object, and the other projects' context blocks (and what is kept per context block) stay
  for (const item of section.items) for (const cb of itemContextBlocks(item)) out.push(cb);
  return out;
}

/** A top-level item's blocks with their context (its project, or its ancestors'), kept per item. */
function itemContextBlocks(item: Item): readonly ContextBlock[] {
  return perObject(itemContext, item, (i) => [...itemBlocks(i, undefined)]);
}

const blockContext = new WeakMap<TextBlock, ContextBlock>();
const itemContext = new WeakMap<Item, readonly ContextBlock[]>();

/**
 * What a week is made of, per section, for values derived block by block (WR025's values, the
 * keyed progress figures): `of(cb)` for every context block of the section in order, flattened,
 * kept per section and per top-level item. After a keystroke in one project of a long section,
 * only that project's blocks are read again; the week's value is then made from one list per
 * section instead of a look-up per block.
 */
export class SectionLists<T> {
  private readonly ofSection = new WeakMap<Section, readonly T[]>();
  private readonly ofItem = new WeakMap<Item, readonly T[]>();

  constructor(private readonly of: (cb: ContextBlock) => readonly T[]) {}

  section(section: Section): readonly T[] {
    return perObject(this.ofSection, section, (s) => {
      const out: T[] = [];
      for (const b of s.blocks) for (const x of this.of(perObject(blockContext, b, (block) => ({ block, lead: '' })))) out.push(x);
      for (const item of s.items) for (const x of perObject(this.ofItem, item, (i) => itemContextBlocks(i).flatMap((cb) => this.of(cb)))) out.push(x);
      return out;
    });
  }
}

export function projectKey(project: string | undefined): string {
  return project === undefined ? '' : normalizeText(project);
}

/** The leading text of the block before the progress phrase, when the item's own lead is empty. */
function leadBefore(block: TextBlock, p: Progress): string {
  const start = p.range.start.line === block.range.start.line ? p.range.start.character - block.range.start.character : -1;
  if (start <= 0) return '';
  return leadingText(block.text.slice(0, start).replace(/^.*[，,。；;：:]/u, ''));
}

/** The progress figures of a week by key; ambiguous keys (found twice) are left out. */
export function keyedProgress(week: Week): ReadonlyMap<string, KeyedProgress> {
  // asked for every week by WR031, hovers and history (walking back through the weeks), twice
  // per week when the week is also someone's previous week: computed once per (immutable) parsed
  // week and handed out read-only (a copy per call was most of a hover's time on a long history)
  return perWeek(keyedOfWeek, week, collectKeyedProgress);
}

const keyedOfWeek = new WeakMap<Week, ReadonlyMap<string, KeyedProgress>>();

function collectKeyedProgress(week: Week): Map<string, KeyedProgress> {
  const out = new Map<string, KeyedProgress>();
  const dup = new Set<string>();
  for (const section of week.sections) {
    for (const kp of keyedOfSections.section(section)) {
      if (out.has(kp.key)) dup.add(kp.key);
      out.set(kp.key, kp);
    }
  }
  for (const k of dup) out.delete(k);
  return out;
}

/** a section's keyed progress figures in order (ambiguous keys included), kept per section and per top-level item */
const keyedOfSections = new SectionLists<KeyedProgress>((cb) => perObject(keyedOfBlock, cb, collectBlockProgress));

/**
 * The figure of `keyedProgress(week)` whose progress range holds `position`, found by reading only
 * the section that holds the position: after lines were inserted above a week, its sections are
 * new objects, and a hover should not rebuild the keys of the whole week to find one figure.
 */
export function keyedProgressAt(week: Week, position: Position): KeyedProgress | undefined {
  for (const section of week.sections) {
    if (!rangeContains(section.range, position)) continue;
    for (const cb of sectionContextBlocks(section)) {
      for (const kp of perObject(keyedOfBlock, cb, collectBlockProgress)) {
        // a key found twice in the week is ambiguous: `keyedProgress` leaves it out
        if (rangeContains(kp.progress.range, position)) return progressValues(week).has(kp.key) ? kp : undefined;
      }
    }
  }
  return undefined;
}

/**
 * The progress values of a week by key (as `keyedProgress`), without positions: kept by the week's
 * content, so a week only moved by lines inserted above it keeps them. The history of a hovered
 * figure walks back through every earlier week when the figure appears in none of them; after a
 * new line near the top of a year's file every later week is a new object, and recomputing
 * `keyedProgress` for each was most of the first hovers' time.
 */
export function progressValues(week: Week): ReadonlyMap<string, number> {
  return perContent(valuesOfWeek, week, (w) => new Map([...keyedProgress(w)].map(([key, kp]) => [key, kp.progress.value])));
}

const valuesOfWeek = new WeakMap<object, ReadonlyMap<string, number>>();

/** a block's keyed progress figures, kept per context block (those of unchanged sections survive an edit) */
const keyedOfBlock = new WeakMap<ContextBlock, readonly KeyedProgress[]>();

function collectBlockProgress(cb: ContextBlock): KeyedProgress[] {
  const out: KeyedProgress[] = [];
  for (const p of cb.block.progress) {
    const lead = leadBefore(cb.block, p) || cb.lead;
    const project = projectKey(cb.project);
    if (!project && !lead) continue;
    const key = `${project}|${lead}|${normalizeText(p.label)}`;
    out.push({ key, project: cb.project, lead, progress: p, block: cb.block });
  }
  return out;
}

/**
 * Project names of a week's items (`【贝易转（C转）】` → `贝易转（C转）`), in document order, unique.
 * Kept by the week's content: the workspace's names are collected from every week after each
 * change, and a week only moved by lines typed above it has the same names.
 */
export function weekProjects(week: Week): readonly string[] {
  return perContent(projectsOfWeek, week, collectWeekProjects);
}

const projectsOfWeek = new WeakMap<object, readonly string[]>();

function collectWeekProjects(week: Week): string[] {
  const out: string[] = [];
  const visit = (item: Item) => {
    const name = item.project?.text.trim();
    if (name && !out.includes(name)) out.push(name);
    item.children.forEach(visit);
  };
  for (const s of week.sections) if (s.role !== 'incidents' && s.role !== 'metrics') s.items.forEach(visit);
  return out;
}
