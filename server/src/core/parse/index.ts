/**
 * The parser of the weekly-report dialect: text → Report.
 *
 *   parseReport(text, { profile, previous, unchanged }) → ParsedReport
 *
 * The text is split into parts at column-0 ATX headings (split.ts); each part is parsed with
 * the block scanner or remark on its own and turned into segments (sections.ts) with positions
 * relative to the part. Parts are content-addressed: with `previous`, a part whose text is
 * unchanged is reused as is (its positions shifted to its new first line), and only changed parts
 * are parsed again. With `unchanged` too (what an edit left as it was, from an editor's change
 * events), the parts before and after the change are taken by position without being split or
 * looked up (`reuseAround`). While editing, a change inside one line of a text block that can
 * change no block and no mask (most keystrokes) does not parse even its part: the part's segments
 * are made from its previous ones with that block made again (`editedPart`, `editInBlock` in
 * sections.ts). The segments are then grouped into weeks; a week built from the same segments is
 * the same object, and a week only moved keeps its content identity (`weekContent`).
 * The result is identical to parsing the whole document in one piece (`split: false`), which the
 * differential tests check.
 *
 * Parsing never throws: on an internal error the model is empty (and `masked` is the text).
 */
import type { Node, Parent } from 'mdast';
import type { Report, Section, Week, WeekTitle } from '../model';
import type { Profile } from '../profile/schema';
import { comparePositions, detached, LineIndex, type Position, type Range, type Unchanged } from '../text';
import { endOf, exceedsNesting, maskText, parseMarkdown, startOf } from './markdown';
import { buildSegments, editInBlock, PartLines, ProfileIndex, type Segment } from './sections';
import { shiftSegment, shiftWeek } from './shift';
import { countBreaks, hasDefinition, splitParts, splitRange, type ItemCuts, type RawPart } from './split';
import type { PhraseMemo, Phrases } from './phrases';

export interface ParseOptions {
  profile: Profile;
  /** the result for an earlier version of the same document, for incremental re-parsing */
  previous?: ParsedReport;
  /**
   * what changed since `previous`: its text and this one share their first `prefix` and last
   * `suffix` characters (an editor knows this from its change events). Parts wholly inside the
   * unchanged stretches are then reused by position, without looking at their text; without it
   * every part is looked up by its text.
   */
  unchanged?: Unchanged;
  /**
   * the document is being edited: keep with each part what makes parsing its next version
   * cheaper (the phrases of its blocks). Not for parses that are only read (the workspace index).
   */
  editing?: boolean;
  /** internal (tests, benchmarks): `false` parses the whole text as one part */
  split?: boolean;
  /** internal (tests): the least length of a part cut at a list item (split.ts `ITEM_PART_MIN`; 0: at every item) */
  itemPartMin?: number;
}

/** A Report plus what incremental parsing needs to reuse it. */
export interface ParsedReport extends Report {
  /** opaque: cached parts of the document for reuse by the next parse (not enumerable) */
  readonly cache?: unknown;
  /** some line nests deeper than the parser reads (`exceedsNesting` of the text; not enumerable) */
  readonly tooDeep?: boolean;
  /**
   * the text holds a NUL or U+FFFD character (not enumerable; undefined when unknown): the
   * encoding check (WR000) need not scan the text when this is false
   */
  readonly encodingSuspect?: boolean;
}

/** One parsed part. Never mutated once built. */
interface PartResult {
  /** the line the part started at when it was parsed: the segments' positions are for it */
  line: number;
  segments: Segment[];
  masked: string;
  breaks: number;
  /** the last top-level block is fenced code or HTML: it may continue into the next part */
  openAtEnd: boolean;
  /** some line of the part nests deeper than the budget */
  tooDeep: boolean;
  /** the part holds a NUL or U+FFFD character */
  suspect: boolean;
  /** the phrases of its blocks by text (`ParseOptions.editing`) */
  phrases?: ReadonlyMap<string, Phrases>;
}

/** A part as parsed, or parts merged because a block went on from one into the next. */
interface Group {
  start: number;
  end: number;
  text: string;
  result: PartResult;
  /** it starts at an item cut: its content before any heading goes on the section before */
  item: boolean;
}

/** A week of a parse, with what the next parse needs to keep it whole or move it (`keptWeeks`). */
interface WeekAt {
  week: Week;
  /** the index of the group it starts at, its first segment a week title; -1 when it starts otherwise */
  group: number;
  /** its content entry (`PartCache.contents`), by its first segment as parsed */
  parsed?: Segment;
  content?: { key: object; segments: Segment[] };
  /** the sections it joined (`joinMore`), kept on with it */
  joined: JoinedEntry[];
}

class PartCache {
  /** the parts found or parsed by this parse, by their text (an item cut's after `ITEM`) */
  readonly parts = new Map<string, PartResult>();
  /** the document's parts by their text, built from `groups` when a later parse looks one up (`lookup`) */
  private byText?: Map<string, PartResult>;
  /**
   * sections joined from a section and the items after it (`more` segments), by the section's
   * segment: several runs can start with the same one (a part of the same text, a heading, is
   * the same part wherever it stands)
   */
  readonly joined = new Map<Segment, JoinedEntry[]>();

  /** The joined section of `run` kept by this parse, if any. */
  joinedOf(run: Segment[]): JoinedEntry | undefined {
    return this.joined.get(run[0])?.find((e) => sameSegments(e.segments, run));
  }

  /** Keeps `entry` for the next parse (once). */
  keepJoined(entry: JoinedEntry): void {
    const list = this.joined.get(entry.segments[0]);
    if (!list) this.joined.set(entry.segments[0], [entry]);
    else if (!list.includes(entry)) list.push(entry);
  }
  /** the document's parts in order, and its length */
  groups: Group[] = [];
  length = 0;
  /** parts cannot be reused by position: the text has a link reference definition, a lone CR, or was parsed in one piece */
  whole = false;
  /** the weeks built, by their first segment, with the segments they were built from (and the content entry of the week) */
  weeks = new Map<Segment, { week: Week; segments: Segment[]; parsed: Segment; content: { key: object; segments: Segment[] } }>();
  /** the content identity of weeks, by their first segment as parsed (unmoved), with those segments */
  contents = new Map<Segment, { key: object; segments: Segment[] }>();
  /** the line each of `groups` starts at */
  lines: number[] = [];
  /** the report's weeks in order, with where each starts among `groups` (`keptWeeks`) */
  weekAt: WeekAt[] = [];
  constructor(readonly profileKey: string) {}

  /** The part of this parse's document with text `key` (as `parts`), if any. */
  lookup(key: string): PartResult | undefined {
    if (!this.byText) {
      this.byText = new Map(this.parts);
      for (const g of this.groups) this.byText.set(partKey(g.text, g.item), g.result);
    }
    return this.byText.get(key);
  }
}

/**
 * A part's segments moved to a line, by part (the same text may sit at several places: a heading
 * and its short section repeated every week). Kept with the part, not with one parse: a week made
 * again after an edit in another week since gets the very same segments, so its unchanged sections
 * are the same objects and what is kept per section survives. The oldest lines go first, past
 * `MAX_PLACEMENTS` for one part (lines that moved on after new lines were typed above it).
 */
const placements = new WeakMap<PartResult, Map<number, Segment[]>>();
const MAX_PLACEMENTS = 256;

/** parts starting at an item cut are parsed otherwise than the same text elsewhere: a key of their own */
const ITEM = '\u0000item\u0000';
const partKey = (text: string, item: boolean): string => (item ? ITEM + text : text);

/** Statistics of the last parse (and `failures`: internal errors so far), for tests and benchmarks. */
export const parseStats = { partsParsed: 0, partsReused: 0, partsEdited: 0, failures: 0, byPosition: false, weeksAssembled: 0 };

/**
 * Size budget (characters): a longer text is not parsed (an empty model, at once); the checker
 * then publishes one information finding saying so (WR090). A report is some 10,000 characters;
 * parsing and checking a 1 MB one already takes seconds.
 */
export const MAX_PARSE_CHARS = 1_000_000;

export function parseReport(text: string, options: ParseOptions): ParsedReport {
  if (text.length > MAX_PARSE_CHARS) return withCache({ weeks: [], titles: [], lineCount: new LineIndex(text).lineCount, masked: text }, undefined);
  try {
    return parseUnsafe(text, options);
  } catch {
    parseStats.failures++;
    const lines = new LineIndex(text);
    return withCache({ weeks: [], titles: [], lineCount: lines.lineCount, masked: text }, undefined);
  }
}

function withCache(report: Report, cache: PartCache | undefined, tooDeep?: boolean, encodingSuspect?: boolean): ParsedReport {
  Object.defineProperty(report, 'cache', { value: cache, enumerable: false, writable: false, configurable: true });
  if (tooDeep !== undefined) Object.defineProperty(report, 'tooDeep', { value: tooDeep, enumerable: false, writable: false, configurable: true });
  if (encodingSuspect !== undefined) Object.defineProperty(report, 'encodingSuspect', { value: encodingSuspect, enumerable: false, writable: false, configurable: true });
  return report as ParsedReport;
}

/** Parses one part (`phrases`: filled while the part is parsed, and kept with it; `more`: it starts at an item cut). */
function parsePart(original: string, line: number, index: ProfileIndex, phrases?: PhraseMemo, more = false): PartResult {
  // micromark drops a leading byte-order mark and its offsets then miss one character: read the
  // BOM as a space instead (same length, so every offset stays right)
  const text = original.charCodeAt(0) === 0xfeff ? ' ' + original.slice(1) : original;
  const root = parseMarkdown(text);
  const masked = maskText(text, root);
  const lines = new PartLines(new LineIndex(text), line);
  const segments = buildSegments(root, text, masked, lines, index, phrases, more);
  // the last block, or the last block inside the last list item or quote (a fence opened in an
  // item and closed by the end of the part ends elsewhere than one closed by the next heading)
  let last: Node | undefined = root.children[root.children.length - 1];
  while (last && (last.type === 'list' || last.type === 'listItem' || last.type === 'blockquote')) last = (last as Parent).children.at(-1);
  const openAtEnd = !!last && (last.type === 'code' || last.type === 'html') && openBlock(text, last.type, startOf(last), endOf(last));
  return {
    line,
    segments,
    masked,
    breaks: countBreaks(text),
    openAtEnd,
    tooDeep: exceedsNesting(original),
    suspect: original.includes('\0') || original.includes('\uFFFD'),
    ...(phrases ? { phrases: phrases.current } : {}),
  };
}

/**
 * Whether the fenced code or HTML block at [start, end), the last block of a part, may still be
 * open: it was closed by the end of the part rather than by its own end condition, so in the
 * whole document it would go on into the next part.
 */
function openBlock(text: string, type: 'code' | 'html', start: number, end: number): boolean {
  const src = text.slice(start, end);
  const fence = /^[ \t]*(`{3,}|~{3,})/.exec(src);
  if (fence) {
    const lines = src.split(/\r\n|\r|\n/);
    if (lines.length < 2) return true;
    const close = lines[lines.length - 1].trim();
    return !(close.length >= fence[1].length && close === fence[1][0].repeat(close.length));
  }
  if (type === 'code') return false; // indented code cannot hold a column-0 line
  const html = /^[ \t]*<(!--|\?|!\[CDATA\[|![A-Za-z]|(script|pre|style|textarea)(?=[\s>]|$))/i.exec(src);
  if (html) {
    const endMark = html[2] ? new RegExp(`</${html[2]}>`, 'i') : html[1] === '!--' ? /-->/ : html[1] === '?' ? /\?>/ : html[1].startsWith('![') ? /\]\]>/ : />/;
    const lines = src.split(/\r\n|\r|\n/);
    const lastLine = lines[lines.length - 1];
    // the end condition must be on the block's last line (after the opening on a one-line block)
    return !endMark.test(lines.length === 1 ? lastLine.slice(lastLine.indexOf('<') + 1 + html[1].length) : lastLine);
  }
  // HTML blocks of kinds 6 and 7 end at a blank line: one must follow inside the part
  return !/^[ \t]*(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/.test(text.slice(end));
}

/** what the parser needs from a profile, built once per profile object (profiles are never mutated) */
const profileIndexes = new WeakMap<Profile, ProfileIndex>();

function parseUnsafe(text: string, options: ParseOptions): ParsedReport {
  let index = profileIndexes.get(options.profile);
  if (!index) profileIndexes.set(options.profile, (index = new ProfileIndex(options.profile)));
  const cuts: ItemCuts = options.itemPartMin === undefined ? index : { takesItems: (l) => index.takesItems(l), itemPartMin: options.itemPartMin };
  const prevCache = options.previous?.cache;
  const reuse = prevCache instanceof PartCache && prevCache.profileKey === index.key ? prevCache : undefined;
  const cache = new PartCache(index.key);
  parseStats.partsParsed = 0;
  parseStats.partsReused = 0;
  parseStats.partsEdited = 0;

  /** The part with text `t` (reused, or parsed; `before`: the phrases of the parts it replaces, while editing; `more`: it starts at an item cut). */
  const get = (t: string, line: number, before: PhraseMemo['previous'] | undefined, more: boolean): PartResult => {
    const key = partKey(t, more);
    let r = cache.parts.get(key) ?? (replaced ? replaced(key) : reuse?.lookup(key));
    if (r) parseStats.partsReused++;
    else {
      r = parsePart(t, line, index, options.editing ? { previous: before, current: new Map() } : undefined, more);
      parseStats.partsParsed++;
    }
    cache.parts.set(key, r);
    return r;
  };
  /** with parts kept by position: the parts of the previous parse looked up by text are those the re-parsed stretch replaces */
  let replaced: ((key: string) => PartResult | undefined) | undefined;

  /** The part's segments at its line in the document (reused when the part did not move). */
  function place(r: PartResult, line: number): Segment[] {
    if (line === r.line) return r.segments;
    let byLine = placements.get(r);
    let segs = byLine?.get(line);
    if (!segs) {
      segs = r.segments.map((s) => shiftSegment(s, line - r.line));
      segs.forEach((s, k) => asParsed.set(s, r.segments[k]));
      if (!byLine) placements.set(r, (byLine = new Map()));
      else if (byLine.size >= MAX_PLACEMENTS) byLine.delete(byLine.keys().next().value!);
      byLine.set(line, segs);
    }
    return segs;
  }

  /**
   * Groups raw parts, parsing each: a part whose last block may go on is merged with the next, and
   * so are item cuts after a section that does not take them (so a group starts at an item cut
   * only after one that takes its items). Whether the last group is open at its end.
   */
  const group = (raw: RawPart[], line: number, out: Group[], before?: PhraseMemo['previous']): boolean => {
    let open = false;
    for (let i = 0; i < raw.length; ) {
      const start = raw[i].start;
      const more = !!raw[i].item;
      let j = i;
      // (kept with the part across edits: a copy, not a slice holding on to this version of the document)
      let t = detached(text.slice(start, raw[j].end));
      let r = get(t, line, before, more);
      for (;;) {
        let k = j;
        if (!takesAfter(r, more)) while (k + 1 < raw.length && raw[k + 1].item) k++;
        if (k === j && r.openAtEnd && j + 1 < raw.length) k = j + 1;
        if (k === j) break;
        j = k;
        t = detached(text.slice(start, raw[j].end));
        r = get(t, line, before, more);
      }
      out.push({ start, end: raw[j].end, text: t, result: r, item: more });
      open = r.openAtEnd;
      line += r.breaks;
      i = j + 1;
    }
    return open;
  };

  const around =
    options.unchanged && reuse && !reuse.whole && options.split !== false
      ? (options.editing ? editedPart(text, options.unchanged, reuse, index, place) : undefined) ??
        reuseAround(text, options.unchanged, reuse, group, cuts, (old) => {
          const byKey = new Map(old.map((g) => [partKey(g.text, g.item), g.result]));
          replaced = (key) => byKey.get(key);
        })
      : undefined;
  replaced = undefined;
  let groups = around?.groups;
  if (groups) parseStats.byPosition = true;
  else {
    parseStats.byPosition = false;
    cache.whole = options.split === false || hasDefinition(text) || (text.includes('\r') && LONE_CR.test(text));
    groups = [];
    group(options.split === false ? (text ? [{ start: 0, end: text.length }] : []) : splitParts(text, cuts), 0, groups);
  }
  cache.groups = groups;
  cache.length = text.length;
  let tooDeep = false;
  let suspect = false;
  let line = 0;
  const lines = (cache.lines = new Array<number>(groups.length));
  for (let k = 0; k < groups.length; k++) {
    const r = groups[k].result;
    lines[k] = line;
    if (r.tooDeep) tooDeep = true;
    if (r.suspect) suspect = true;
    line += r.breaks;
  }
  /** the weeks made of the segments of groups [from, to) */
  const weeksOf = (from: number, to: number): Assembled & { startsWeek: boolean } => {
    const segments: Segment[] = [];
    const firstOf = new Map<Segment, number>();
    for (let k = from; k < to; k++) {
      const segs = place(groups[k].result, lines[k]);
      if (segs.length) firstOf.set(segs[0], k);
      for (const seg of segs) segments.push(seg);
    }
    const first = segments[0];
    return { ...assemble(segments, firstOf, cache, reuse), startsWeek: from === 0 || (first?.kind === 'title' && !!first.title) };
  };
  // an edit by position: the weeks wholly before the change are kept, those wholly after it are
  // moved, and only the weeks between are made again from their parts
  const keep = around && reuse ? keptWeeks(around, reuse, lines) : undefined;
  let made = keep && weeksOf(keep.from, keep.to);
  // … unless they would not stand alone: the first made no week of its own (a title lost), or the
  // last is a bare title that would take the next title as one more of its own
  if (made && (!made.startsWeek || (made.bareAtEnd && keep!.tail.length > 0))) made = undefined;
  let report: Report;
  if (keep && made) {
    const moved = keep.tail.map((at) => movedWeek(at, keep.lines, keep.shift, cache));
    for (const at of keep.head) keepWeek(at, cache);
    cache.weekAt = [...keep.head, ...made.records, ...moved];
    const weeks = cache.weekAt.map((at) => at.week);
    const titles: WeekTitle[] = [];
    for (const at of keep.head) titlesOf(at.week, titles);
    for (const t of made.titles) titles.push(t);
    for (const at of moved) titlesOf(at.week, titles);
    report = { weeks, titles, lineCount: 0, masked: '' };
  } else {
    made = weeksOf(0, groups.length);
    cache.weekAt = made.records;
    report = { weeks: made.records.map((at) => at.week), titles: made.titles, lineCount: 0, masked: '' };
  }
  parseStats.weeksAssembled = made.records.length;
  report.lineCount = line + 1;
  // the masked text of a 1 MB document is joined only when asked for: per keystroke the rules
  // read it part by part (`maskedParts`, `maskedSlice`)
  lazyMasked(report, groups);
  return withCache(report, cache, tooDeep, suspect);
}

/**
 * Defines `report.masked` as the groups' masked text joined on first read (then kept; enumerable,
 * as a plain field). Defined here, not in `parseUnsafe`: a closure made there would hold that
 * call's whole scope (`options.previous`, the report before), and a report whose masked text is
 * never read would then keep every earlier version of the document alive.
 */
function lazyMasked(report: Report, groups: readonly Group[]): void {
  Object.defineProperty(report, 'masked', {
    enumerable: true,
    configurable: true,
    get(this: Report) {
      const value = groups.map((g) => g.result.masked).join('');
      Object.defineProperty(this, 'masked', { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
    set(this: Report, value: string) {
      Object.defineProperty(this, 'masked', { value, enumerable: true, configurable: true, writable: true });
    },
  });
}

/** A stretch of the masked text: one part as parsed (`result` is the same object while the part is unchanged). */
export interface MaskedPart {
  readonly start: number;
  readonly result: { readonly masked: string };
}

/**
 * The masked text of a parse in its parts, in order (their `result.masked` joined is
 * `report.masked`), or undefined when the parse kept none (then read `report.masked`). A part that
 * did not change keeps its `result`, so what is computed per part can be kept across edits.
 */
export function maskedParts(report: Report): readonly MaskedPart[] | undefined {
  const cache = (report as ParsedReport).cache;
  return cache instanceof PartCache ? cache.groups : undefined;
}

/** `report.masked.length`, without joining the masked text of every part. */
export function maskedLength(report: Report): number {
  const own = Object.getOwnPropertyDescriptor(report, 'masked');
  const parts = own && 'value' in own ? undefined : maskedParts(report);
  if (!parts) return report.masked.length;
  return parts.length ? parts[parts.length - 1].start + parts[parts.length - 1].result.masked.length : 0;
}

/** `report.masked.slice(start, end)`, without joining the whole masked text when the parse kept its parts. */
export function maskedSlice(report: Report, start: number, end: number): string {
  const own = Object.getOwnPropertyDescriptor(report, 'masked');
  const parts = own && 'value' in own ? undefined : maskedParts(report);
  if (!parts) return report.masked.slice(start, end);
  const total = maskedLength(report);
  start = Math.max(0, Math.min(start, total));
  end = Math.max(start, Math.min(end, total));
  let out = '';
  for (let i = lastStartingAtOrBefore(parts, start); i < parts.length && parts[i].start < end; i++) {
    const p = parts[i];
    out += p.result.masked.slice(Math.max(0, start - p.start), end - p.start);
  }
  return out;
}

/** The index of the last of `xs` (in order of `start`, the first starting at 0) that starts at or before `x` (0 when none does). */
export function lastStartingAtOrBefore(xs: ReadonlyArray<{ readonly start: number }>, x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid].start <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const LONE_CR = /\r(?!\n)/;

/**
 * The parts of a text after an edit that left its first `prefix` and last `suffix` characters as
 * they were: the parts of the previous parse before the change and after it are kept as they
 * are (those after it moved by the change in length), and only the stretch between them is split
 * and parsed again. `undefined` when that cannot be done safely (the change may reach beyond the
 * stretch: a fence or HTML block left open at its end, a link reference definition, a lone CR);
 * then the whole text is split as usual. The differential tests compare both ways on random edits.
 */
function reuseAround(
  text: string,
  unchanged: Unchanged,
  reuse: PartCache,
  group: (raw: RawPart[], line: number, out: Group[], before?: (text: string) => Phrases | undefined) => boolean,
  items: ItemCuts,
  replacing: (groups: readonly Group[]) => void,
): Around | undefined {
  const old = reuse.groups;
  const oldLen = reuse.length;
  const newLen = text.length;
  if (!old.length || !newLen) return undefined;
  const prefix = Math.max(0, Math.min(unchanged.prefix, oldLen, newLen));
  const suffix = Math.max(0, Math.min(unchanged.suffix, oldLen - prefix, newLen - prefix));
  const d = newLen - oldLen;
  // the last part starting before the change whose first line (a heading, with its line break) is unchanged
  let gi = lastStartingAtOrBefore(old, prefix);
  while (gi > 0 && !lineEndsBefore(text, old[gi].start, prefix)) gi--;
  // the first part after it lying wholly in the unchanged suffix, the line break before it included
  let gj = gi + 1;
  while (gj < old.length && old[gj].start <= oldLen - suffix) gj++;
  // … and not an item cut: whether one still holds depends on the parts before it (the line
  // before, the section it goes on), so those are split again (and found by their text)
  while (gj < old.length && old[gj].item) gj++;
  const from = old[gi].start;
  const to = gj < old.length ? old[gj].start + d : newLen;
  const stretch = text.slice(from, Math.min(newLen, to + 1));
  if (hasDefinition(stretch) || (stretch.includes('\r') && LONE_CR.test(stretch))) return undefined;
  // (a stretch starting at an item cut: the kept part before it takes its items, unchanged)
  const raw = splitRange(text, from, to, items, old[gi].item);
  if (!raw) return undefined;
  const out = old.slice(0, gi);
  let line = 0;
  for (const g of out) line += g.result.breaks;
  // the parts the stretch replaces: their blocks' phrases, for the blocks that did not change
  const replaced = old.slice(gi, gj).flatMap((g) => (g.result.phrases ? [g.result.phrases] : []));
  replacing(old.slice(gi, gj));
  const open = group(raw, line, out, replaced.length ? (t) => replaced.find((m) => m.has(t))?.get(t) : undefined);
  if (open && to < newLen) return undefined; // the stretch's last block goes on into the kept parts
  const tail = out.length;
  for (let k = gj; k < old.length; k++) {
    const g = old[k];
    out.push(d === 0 ? g : { start: g.start + d, end: g.end + d, text: g.text, result: g.result, item: g.item });
  }
  return { groups: out, head: gi, kept: gj, tail };
}

/**
 * The parts after an edit inside one line of a text block that changes no block and no mask
 * (`editInBlock`): the previous parse's parts, the one holding the edit made from its previous
 * parse with that block made again, not parsed. Most keystrokes are of this kind (a character
 * typed or deleted in a line of text); the others go through `reuseAround`.
 */
function editedPart(text: string, unchanged: Unchanged, reuse: PartCache, index: ProfileIndex, place: (r: PartResult, line: number) => Segment[]): Around | undefined {
  const old = reuse.groups;
  const oldLen = reuse.length;
  const newLen = text.length;
  if (!old.length) return undefined;
  const prefix = Math.max(0, Math.min(unchanged.prefix, oldLen, newLen));
  const suffix = Math.max(0, Math.min(unchanged.suffix, oldLen - prefix, newLen - prefix));
  const d = newLen - oldLen;
  // the part holding the change, inside it (not at its first or last character)
  const k = lastStartingAtOrBefore(old, prefix);
  const g = old[k];
  if (!(g.start < prefix && oldLen - suffix < g.end)) return undefined;
  const a = prefix - g.start;
  const removed = g.text.slice(a, a + (oldLen - suffix - prefix));
  const inserted = text.slice(prefix, newLen - suffix);
  const line = reuse.lines[k];
  const partText = detached(text.slice(g.start, g.end + d));
  const lines = new PartLines(new LineIndex(partText), line);
  const masked = g.result.masked.slice(0, a) + inserted + g.result.masked.slice(a + removed.length);
  const before = g.result.phrases;
  const phrases = { previous: before && ((t: string) => before.get(t)), current: new Map(before) };
  const segments = editInBlock(place(g.result, line), { text: partText, masked, lines, index, phrases }, { at: lines.positionAt(a), removed, inserted });
  if (!segments) return undefined;
  parseStats.partsEdited++;
  const result: PartResult = { ...g.result, line, segments, masked, phrases: phrases.current };
  const groups = old.slice(0, k);
  groups.push({ start: g.start, end: g.end + d, text: partText, result, item: g.item });
  for (let j = k + 1; j < old.length; j++) {
    const o = old[j];
    groups.push(d === 0 ? o : { start: o.start + d, end: o.end + d, text: o.text, result: o.result, item: o.item });
  }
  return { groups, head: k, kept: k + 1, tail: k + 1 };
}

/** The parts after an edit (`reuseAround`): `groups[0, head)` are the previous parse's first groups as they were, `groups[tail…]` its groups from `kept` on, moved. */
interface Around {
  groups: Group[];
  head: number;
  kept: number;
  tail: number;
}

/** Whether the line starting at `start` ends (its line break included) before `limit`. */
function lineEndsBefore(text: string, start: number, limit: number): boolean {
  for (let i = start; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c === 13) return i + 1 < limit; // a CR and the character after it (LF or not) unchanged
  }
  return false;
}

/**
 * Whether the section open at the end of a parsed part takes the items of an item cut after it: a
 * headed section other than the metrics and incidents ones, whose items are read together. A part
 * of nothing but such items goes on the section before it (`more`: it starts at an item cut, so
 * that one took them).
 */
function takesAfter(r: PartResult, more: boolean): boolean {
  const last = r.segments[r.segments.length - 1];
  if (!last || last.kind === 'more') return more;
  return last.kind === 'section' && last.section!.role !== 'metrics' && last.section!.role !== 'incidents';
}

/** A section and the items and paragraphs that go on it (`more` segments after it): one section. */
function joinSections(head: Section, more: Section[]): Section {
  const goals = head.role === 'goals' || head.role === 'review';
  const out: Section = {
    ...head,
    range: { start: head.range.start, end: more[more.length - 1].range.end },
    items: head.items.concat(...more.map((m) => m.items)),
    blocks: head.blocks.concat(...more.map((m) => m.blocks)),
    goals: goals ? head.goals.concat(...more.map((m) => m.goals)) : head.goals,
    empty: false,
  };
  return out;
}

function maxPos(a: Position, b: Position): Position {
  return comparePositions(a, b) >= 0 ? a : b;
}

/** Weeks assembled from segments. */
interface Assembled {
  records: WeekAt[];
  titles: WeekTitle[];
  /** the last week is a title with nothing but titles and Created lines */
  bareAtEnd: boolean;
}

/**
 * Groups segments into weeks. A week is a function of the segments it is built from, so a week
 * built from the very same segment objects as a week of the previous parse (its parts unchanged
 * and unmoved) is that week object again: what is kept per week object (rule helpers, findings)
 * then survives the edit. The segments are first divided among the weeks (cheap), and only the
 * weeks not found in the previous parse are built. `firstOf`: the group index of each group's
 * first segment (where weeks start, for the next parse: `keptWeeks`).
 */
function assemble(all: Segment[], firstOf: ReadonlyMap<Segment, number>, cache?: PartCache, reuse?: PartCache): Assembled {
  const segments = joinMore(all, cache, reuse);
  const titles: WeekTitle[] = [];
  const groups: Segment[][] = [];
  let cur: Segment[] | undefined;
  let titled = false; // the current week has a title
  let bare = false; // … and nothing but titles and Created lines so far
  for (const seg of segments) {
    if (seg.kind === 'title' && seg.title) {
      titles.push(seg.title);
      if (cur && titled && bare) cur.push(seg); // a second title of the same week
      else groups.push((cur = [seg]));
      titled = true;
      bare = !seg.section;
    } else if (seg.kind === 'pre') {
      if (!seg.created[0] && !seg.section) continue;
      groups.push((cur = [seg]));
      titled = false;
      bare = false;
    } else if (seg.section) {
      if (cur) cur.push(seg);
      else groups.push((cur = [seg]));
      bare = false;
    }
  }
  const records: WeekAt[] = [];
  for (const segs of groups) {
    const first = segs[0];
    const group = first.kind === 'title' && first.title ? (firstOf.get(first) ?? -1) : -1;
    const joined = segs.flatMap((x) => joinedEntries.get(x) ?? []);
    const before = reuse?.weeks.get(first);
    if (before && sameSegments(before.segments, segs)) {
      // the same week: its content entry as it was
      records.push({ week: before.week, group, parsed: before.parsed, content: before.content, joined });
      if (!cache) continue;
      cache.weeks.set(first, before);
      cache.contents.set(before.parsed, before.content);
      continue;
    }
    const week = buildWeek(segs);
    if (!cache) {
      records.push({ week, group, joined });
      continue;
    }
    // the same content (the same parts, perhaps moved) as a week of the previous parse: the same content key
    const parsed = segs.map((x) => asParsed.get(x) ?? x);
    const had = cache.contents.get(parsed[0]) ?? reuse?.contents.get(parsed[0]);
    const key = had && sameSegments(had.segments, parsed) ? had.key : (weekContents.get(week) ?? {});
    const content = { key, segments: parsed };
    cache.contents.set(parsed[0], content);
    cache.weeks.set(first, { week, segments: segs, parsed: parsed[0], content });
    weekContents.set(week, key);
    records.push({ week, group, parsed: parsed[0], content, joined });
  }
  // (after the last segment: whether the last week is a title with nothing but titles and Created lines)
  return { records, titles, bareAtEnd: groups.length > 0 && titled && bare };
}

/**
 * After an edit by position (`reuseAround`), the weeks of the previous parse that lie wholly in
 * the groups before the change (kept as they are) and wholly in the groups after it (moved by
 * `lines`, the groups by `shift`), and the groups between them, [from, to), whose weeks are made
 * again. A boundary is a week starting a group with its title.
 */
function keptWeeks(around: Around, reuse: PartCache, lines: readonly number[]): { head: WeekAt[]; from: number; to: number; tail: WeekAt[]; lines: number; shift: number } | undefined {
  const at = reuse.weekAt;
  if (!at.length || reuse.lines.length !== reuse.groups.length) return undefined;
  let h = 0;
  for (let i = at.length - 1; i > 0; i--) {
    if (at[i].group >= 0 && at[i].group <= around.head) {
      h = i;
      break;
    }
  }
  const from = h > 0 ? at[h].group : 0;
  let t = at.length;
  for (let i = h + 1; i < at.length; i++) {
    if (at[i].group >= around.kept) {
      t = i;
      break;
    }
  }
  const shift = around.tail - around.kept;
  const to = t < at.length ? at[t].group + shift : around.groups.length;
  if (to < from) return undefined;
  return { head: at.slice(0, h), from, to, tail: at.slice(t), lines: t < at.length ? lines[to] - reuse.lines[at[t].group] : 0, shift };
}

/** A week of the previous parse kept as it is: what it was built with goes on in this parse's cache. */
function keepWeek(at: WeekAt, cache: PartCache): void {
  if (at.parsed && at.content) cache.contents.set(at.parsed, at.content);
  for (const e of at.joined) {
    cache.keepJoined(e);
    if (e.parsed) cache.keepJoined(e.parsed);
  }
}

/** A week of the previous parse after the change: moved down or up by `lines` (the same week when 0), its group by `shift`. */
function movedWeek(at: WeekAt, lines: number, shift: number, cache: PartCache): WeekAt {
  keepWeek(at, cache);
  if (lines === 0) return { ...at, group: at.group + shift };
  const week = shiftWeek(at.week, lines);
  weekContents.set(week, weekContent(at.week));
  return { ...at, week, group: at.group + shift };
}

/** Appends the week's titles, as `Report.titles` lists them. */
function titlesOf(week: Week, out: WeekTitle[]): void {
  if (!week.title) return;
  out.push(week.title);
  for (const t of week.duplicateTitles) out.push(t);
}

/**
 * The segments with each section and the `more` segments after it joined into one section
 * segment: the same object as in the previous parse when joined from the same segments (so a
 * week of unchanged parts is the same week). A joined segment of moved segments stands, for the
 * content keys, for the one joined from the segments as parsed.
 */
function joinMore(segments: Segment[], cache?: PartCache, reuse?: PartCache): Segment[] {
  if (!segments.some((s) => s.kind === 'more')) return segments;
  const join = (run: Segment[]): JoinedEntry => {
    const had = cache?.joinedOf(run) ?? reuse?.joinedOf(run);
    if (had) {
      cache?.keepJoined(had);
      // the joined segment of the run as parsed goes on too: a later move of the same parts must
      // find that very object (it is what the week's content key holds), not join them anew
      if (had.parsed) cache?.keepJoined(had.parsed);
      return had;
    }
    const entry: JoinedEntry = { segments: run, joined: { kind: 'section', created: [], section: joinSections(run[0].section!, run.slice(1).map((s) => s.section!)) } };
    cache?.keepJoined(entry);
    const parsed = run.map((x) => asParsed.get(x) ?? x);
    if (parsed.some((x, k) => x !== run[k])) {
      entry.parsed = join(parsed);
      asParsed.set(entry.joined, entry.parsed.joined);
    }
    return entry;
  };
  const out: Segment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    let j = i;
    while (j + 1 < segments.length && segments[j + 1].kind === 'more') j++;
    if (j === i || seg.kind !== 'section') {
      // (never so: item cuts follow only a section that takes them; read alone, not lost)
      out.push(seg.kind === 'more' ? { ...seg, kind: 'section' } : seg);
      continue;
    }
    const entry = join(segments.slice(i, j + 1));
    joinedEntries.set(entry.joined, entry);
    out.push(entry.joined);
    i = j;
  }
  return out;
}

/** A section joined from a run of segments (a section and the item cuts after it); `parsed`: the same run as parsed, when it moved. */
interface JoinedEntry {
  segments: Segment[];
  joined: Segment;
  parsed?: JoinedEntry;
}

function sameSegments(a: Segment[], b: Segment[]): boolean {
  return a.length === b.length && a.every((x, k) => x === b[k]);
}

/** a joined segment → its entry (`joinMore`) */
const joinedEntries = new WeakMap<Segment, JoinedEntry>();
/** a segment moved to another line → the segment as its part was parsed */
const asParsed = new WeakMap<Segment, Segment>();
/** a week → its content key */
const weekContents = new WeakMap<Week, object>();

/**
 * An object that stands for what a week says, wherever it stands: the same for a week and for
 * the week that replaces it when lines were inserted or deleted above it (built from the same
 * parts, moved). What is derived from a week without its positions (the values other weeks
 * compare with) can be kept by this key and survive edits above the week (`perContent`).
 * A week not made by the parser is its own key.
 */
export function weekContent(week: Week): object {
  return weekContents.get(week) ?? week;
}

/** One week from its segments (the first starts it: a title, content before any title, or a section). */
function buildWeek(segs: Segment[]): Week {
  let w: Week | undefined;
  let bare = false;
  const extend = (r: Range): void => {
    w!.range = { start: w!.range.start, end: maxPos(w!.range.end, r.end) };
  };
  const start = (title: WeekTitle | undefined, r: Range): Week => ({ ...(title ? { title } : {}), duplicateTitles: [], created: [], sections: [], range: { start: r.start, end: r.end } });
  for (const seg of segs) {
    if (seg.kind === 'title' && seg.title) {
      if (w && w.title && bare) {
        w.duplicateTitles.push(seg.title);
        extend(seg.title.range);
      } else w = start(seg.title, seg.title.range);
      bare = true;
    } else if (seg.kind === 'pre') {
      // from whichever comes first: text before the Created line is in the week too
      const created = seg.created[0]?.range;
      const content = seg.section?.range;
      w = start(undefined, (created && content && comparePositions(content.start, created.start) < 0 ? content : (created ?? content))!);
      bare = false;
    } else if (seg.section) {
      if (!w) w = start(undefined, seg.section.range);
      w.sections.push(seg.section);
      extend(seg.section.range);
      bare = false;
      continue;
    }
    for (const c of seg.created) {
      w!.created.push(c);
      extend(c.range);
    }
    if (seg.section) {
      w!.sections.push(seg.section);
      extend(seg.section.range);
      bare = false;
    }
  }
  return w!;
}
