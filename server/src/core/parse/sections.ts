/**
 * One part of the document (see split.ts) → segments: the content before its first heading, and
 * one segment per heading. A segment is a week title (with its Created lines and any content
 * written right under it) or a section. Positions are relative to the part (line 0 = its first
 * line); index.ts shifts them into place and groups segments into weeks.
 */
import type { Heading as MdHeading, List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import type { CreatedLine, Goal, Heading, Incident, Item, Metric, Section, SectionRole, TextBlock, TextSpan, WeekTitle } from '../model';
import type { Profile, SectionSpec } from '../profile/schema';
import { comparePositions, type LineIndex, type Position, type Range } from '../text';
import { analyzeIncident, isNoIncident, isStampLine, isStampOnly } from './incidents';
import { endOf, startOf } from './markdown';
import { MetricMatcher, normName, parseMetricLine } from './metrics';
import { extractPhrases, type PhraseMemo, type RangeAt } from './phrases';
import type { ItemCuts } from './split';
import { isCreatedLine, matchTitle, parseCreated } from './titles';

/** What the parser needs from the profile, indexed once per parse. */
export class ProfileIndex implements ItemCuts {
  readonly byName = new Map<string, SectionSpec>();
  readonly okr?: SectionSpec;
  /** `O1 业务服务` → prefix, number, title */
  readonly okrPattern: RegExp;
  readonly keyWork?: SectionSpec;
  readonly metrics: MetricMatcher;
  readonly pendingTag: string;
  /** identifies the profile for the part cache */
  readonly key: string;

  constructor(profile: Profile) {
    for (const s of profile.sections) {
      if (s.role === 'okr') {
        if (!this.okr) this.okr = s;
        continue;
      }
      if (s.role === 'keyWork' && !this.keyWork) this.keyWork = s;
      for (const n of [s.title, ...s.aliases]) {
        const k = normName(n);
        if (k && !this.byName.has(k)) this.byName.set(k, s);
      }
    }
    const p = profile.okr.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.okrPattern = new RegExp(`^(${p})[ \\t]{0,8}(\\d{1,3})(?!\\d)[ \\t:：.、-]{0,8}(.*)$`);
    this.metrics = new MetricMatcher(profile.metrics);
    this.pendingTag = profile.incidents.pendingTag;
    this.key = JSON.stringify([profile.sections, profile.okr, profile.metrics, profile.incidents.pendingTag]);
  }

  /**
   * A guess from a heading line alone (split.ts): whether the section under it is one whose list
   * items may be parsed in parts of their own — a section (level 2 and below: a level-1 heading
   * may be a week title) that is not the metrics or incidents one, whose items are read together.
   * index.ts checks the guess against the parsed heading.
   */
  takesItems(headingLine: string): boolean {
    const m = /^(#{1,6})[ \t]+(.*?)[ \t]*$/.exec(headingLine);
    if (!m || m[1].length < 2) return false;
    const name = m[2].replace(/^【([^】]*)】.*$/, '$1');
    const role = this.byName.get(normName(name))?.role;
    return role !== 'metrics' && role !== 'incidents';
  }
}

export interface Segment {
  /** `more`: list items and paragraphs that go on the section of the part before (an item cut) */
  kind: 'pre' | 'title' | 'section' | 'more';
  title?: WeekTitle;
  created: CreatedLine[];
  /** the section (kind `section`), or the implicit section of content under a title */
  section?: Section;
}

/** The lines of a part, giving positions in the document: the part starts at line `base`. */
export class PartLines {
  constructor(
    private readonly index: LineIndex,
    readonly base: number,
  ) {}

  rangeOf(a: number, b: number): Range {
    const r = this.index.rangeOf(a, b);
    if (this.base) {
      r.start.line += this.base;
      r.end.line += this.base;
    }
    return r;
  }

  positionAt(offset: number): Position {
    const p = this.index.positionAt(offset);
    p.line += this.base;
    return p;
  }

  offsetAt(pos: Position): number {
    return this.index.offsetAt({ line: pos.line - this.base, character: pos.character });
  }
}

interface Ctx {
  text: string;
  masked: string;
  lines: PartLines;
  index: ProfileIndex;
  phrases?: PhraseMemo;
}

const isComment = (n: RootContent): boolean => n.type === 'html' && /^\s*<!--/.test(n.value);

/** `more`: the part starts at an item cut: what comes before its first heading goes on the section before. */
export function buildSegments(root: Root, text: string, masked: string, lines: PartLines, index: ProfileIndex, phrases?: PhraseMemo, more = false): Segment[] {
  const ctx: Ctx = { text, masked, lines, index, phrases };
  const segments: Segment[] = [];
  let heading: MdHeading | undefined;
  let nodes: RootContent[] = [];
  const flush = (): void => {
    if (!heading) {
      if (more && nodes.some((n) => !isComment(n))) segments.push(continued(ctx, nodes));
      else if (nodes.some((n) => !isComment(n))) segments.push(headless(ctx, nodes, undefined));
    } else {
      segments.push(headed(ctx, heading, nodes));
    }
  };
  for (const n of root.children) {
    if (n.type === 'heading') {
      if (heading || nodes.length) flush();
      heading = n;
      nodes = [];
    } else {
      nodes.push(n);
    }
  }
  flush();
  return segments;
}

function range(ctx: Ctx, a: number, b: number): Range {
  return ctx.lines.rangeOf(a, b);
}

function rangeAt(ctx: Ctx, base: number): RangeAt {
  return (a, b) => ctx.lines.rangeOf(base + a, base + b);
}

// ------------------------------------------------------------------ headings

function headingOf(ctx: Ctx, n: MdHeading): Heading {
  const s = startOf(n);
  const e = endOf(n);
  let cs: number;
  let ce: number;
  if (n.children.length) {
    cs = startOf(n.children[0]);
    ce = endOf(n.children[n.children.length - 1]);
  } else {
    const m = /^[ \t]*#{1,6}[ \t]*/.exec(ctx.text.slice(s, e));
    cs = ce = m ? s + m[0].length : e;
  }
  const raw = ctx.masked.slice(cs, ce); // HTML comments and link destinations are not heading text
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  const ts = cs + lead;
  const te = ts + text.length;
  let name = text;
  let ns = ts;
  let bracketed = false;
  const b = /^【([^】]*)】$/.exec(text);
  if (b) {
    bracketed = true;
    const inner = b[1];
    name = inner.trim();
    ns = ts + 1 + (inner.length - inner.trimStart().length);
  }
  return {
    level: n.depth,
    text,
    name,
    bracketed,
    range: range(ctx, s, e),
    textRange: range(ctx, ts, te),
    nameRange: range(ctx, ns, ns + name.length),
  };
}

interface Recognised {
  spec?: SectionSpec;
  okr?: Section['okr'];
}

function recognise(ctx: Ctx, h: Heading): Recognised {
  const candidates = [h.name];
  const lead = /^【([^】]+)】/.exec(h.text);
  if (lead && !h.bracketed) candidates.push(lead[1].trim());
  for (const c of candidates) {
    const spec = ctx.index.byName.get(normName(c));
    if (spec) return { spec };
  }
  const m = ctx.index.okrPattern.exec(h.name);
  if (m) {
    const nameStart = ctx.lines.offsetAt(h.nameRange.start);
    const numEnd = m[0].indexOf(m[2], m[1].length) + m[2].length;
    return { spec: ctx.index.okr, okr: { number: Number(m[2]), title: m[3].trim(), numberRange: range(ctx, nameStart, nameStart + numEnd) } };
  }
  return {};
}

// ------------------------------------------------------------------ segments

function headed(ctx: Ctx, n: MdHeading, nodes: RootContent[]): Segment {
  const h = headingOf(ctx, n);
  const title = matchTitle(h.text, rangeAt(ctx, ctx.lines.offsetAt(h.textRange.start)), h.range, h.textRange, h.level);
  if (title) return headless(ctx, nodes, title);
  const rec = recognise(ctx, h);
  return { kind: 'section', created: [], section: buildSection(ctx, h, rec, nodes, startOf(n), endOf(n)) };
}

/** Content under a title (or before any heading): Created lines, then maybe an implicit section. */
function headless(ctx: Ctx, nodes: RootContent[], title: WeekTitle | undefined): Segment {
  const created: CreatedLine[] = [];
  const rest: RootContent[] = [];
  for (const n of nodes) {
    if (n.type === 'paragraph' && isMetadata(ctx, n)) {
      const s = startOf(n);
      const src = ctx.text.slice(s, endOf(n));
      let off = 0;
      for (const line of src.split('\n')) {
        const l = line.replace(/\r$/, '');
        if (isCreatedLine(l)) {
          const c = parseCreated(l, rangeAt(ctx, s + off));
          if (c) created.push(c);
        }
        off += line.length + 1;
      }
    } else {
      rest.push(n);
    }
  }
  const seg: Segment = { kind: title ? 'title' : 'pre', created, ...(title ? { title } : {}) };
  const content = rest.filter((n) => !isComment(n));
  if (content.length) {
    const hasItems = content.some((n) => n.type === 'list');
    const rec: Recognised = hasItems && ctx.index.keyWork ? { spec: ctx.index.keyWork } : {};
    seg.section = buildSection(ctx, undefined, rec, rest, startOf(content[0]), endOf(content[0]));
  }
  return seg;
}

/**
 * Items and paragraphs that go on the section before (`more`): collected as any section's, with
 * the goals of the items (read when that section is the goals or review one). index.ts joins them.
 */
function continued(ctx: Ctx, nodes: RootContent[]): Segment {
  const content = nodes.filter((n) => !isComment(n));
  const section = buildSection(ctx, undefined, {}, nodes, startOf(content[0]), endOf(content[0]));
  for (const it of section.items) section.goals.push(goalOf(ctx, it));
  return { kind: 'more', created: [], section };
}

/** A paragraph of `Key: value` lines with a `Created:` among them (Notion export metadata). */
function isMetadata(ctx: Ctx, p: Paragraph): boolean {
  const src = ctx.text.slice(startOf(p), endOf(p));
  const lines = src.split(/\r?\n/);
  return lines.some(isCreatedLine) && lines.every((l) => isCreatedLine(l) || /^[ \t]*[A-Za-z][\w ]{0,30}[ \t]*[:：]/.test(l));
}

// ------------------------------------------------------------------ sections

function buildSection(
  ctx: Ctx,
  heading: Heading | undefined,
  rec: Recognised,
  nodes: RootContent[],
  start: number,
  headEnd: number,
): Section {
  const role: SectionRole | undefined = rec.spec?.role;
  const content = nodes.filter((n) => !isComment(n));
  const end = content.length ? Math.max(headEnd, endOf(content[content.length - 1])) : headEnd;
  const section: Section = {
    ...(rec.spec ? { sectionId: rec.spec.id } : {}),
    ...(role ? { role } : {}),
    ...(heading ? { heading } : {}),
    ...(rec.okr ? { okr: rec.okr } : {}),
    range: range(ctx, start, end),
    items: [],
    blocks: [],
    metrics: [],
    metricGroups: [],
    incidents: [],
    goals: [],
    empty: content.length === 0,
  };
  for (const n of nodes) collect(ctx, n, section);
  if (role === 'metrics') collectMetrics(ctx, nodes, section);
  if (role === 'incidents') collectIncidents(ctx, nodes, section);
  if (role === 'goals' || role === 'review') {
    for (const it of section.items) section.goals.push(goalOf(ctx, it));
  }
  return section;
}

function collect(ctx: Ctx, n: RootContent, section: Section): void {
  if (n.type === 'paragraph') section.blocks.push(block(ctx, startOf(n), endOf(n)));
  else if (n.type === 'list') for (const li of n.children) section.items.push(item(ctx, li, n, 0));
  else if (n.type === 'blockquote') for (const c of n.children) collect(ctx, c, section);
}

export function block(ctx: Ctx, s: number, e: number): TextBlock {
  const text = ctx.masked.slice(s, e);
  return { range: range(ctx, s, e), text, ...extractPhrases(text, rangeAt(ctx, s), ctx.phrases) };
}

const TASK = /^\[([ xX])\](?:[ \t]+|(?=\r?\n)|$)/;
const MARKER = /^(?:[-*+]|\d{1,9}[.)])/;

function item(ctx: Ctx, li: ListItem, list: List, depth: number): Item {
  const s = startOf(li);
  const e = endOf(li);
  const marker = MARKER.exec(ctx.text.slice(s, s + 12))?.[0] ?? '';
  let checked: boolean | null = null;
  let first: TextBlock;
  const kids = li.children;
  let rest = kids;
  if (kids.length && kids[0].type === 'paragraph') {
    let ps = startOf(kids[0]);
    const pe = endOf(kids[0]);
    const t = TASK.exec(ctx.text.slice(ps, pe));
    if (t) {
      checked = t[1] !== ' ';
      ps += t[0].length;
    }
    first = block(ctx, ps, pe);
    rest = kids.slice(1);
  } else {
    const at = Math.min(s + marker.length, e);
    first = block(ctx, at, at);
  }
  const out: Item = { range: range(ctx, s, e), depth, ordered: !!list.ordered, marker, checked, text: first, blocks: [], children: [] };
  const project = projectOf(ctx, first);
  if (project) out.project = project;
  for (const c of rest) {
    if (c.type === 'paragraph') out.blocks.push(block(ctx, startOf(c), endOf(c)));
    else if (c.type === 'list') for (const sub of c.children) out.children.push(item(ctx, sub, c, depth + 1));
  }
  return out;
}

/** `【贝易转（C转）】` at the start of an item's first paragraph: the name inside the brackets. */
function projectOf(ctx: Ctx, first: TextBlock): TextSpan | undefined {
  const proj = /^([ \t]*)【([^】\n]*)】/.exec(first.text);
  if (!proj) return undefined;
  const inner = proj[2];
  const name = inner.trim();
  const ns = ctx.lines.offsetAt(first.range.start) + proj[1].length + 1 + (inner.length - inner.trimStart().length);
  return { text: name, range: range(ctx, ns, ns + name.length) };
}

function goalOf(ctx: Ctx, it: Item): Goal {
  const s = ctx.lines.offsetAt(it.text.range.start);
  const e = ctx.lines.offsetAt(it.text.range.end);
  const raw = ctx.text.slice(s, e);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  return { text, range: it.range, textRange: range(ctx, s + lead, s + lead + text.length), checked: it.checked };
}

// ------------------------------------------------------------------ metrics

function collectMetrics(ctx: Ctx, nodes: RootContent[], section: Section): void {
  let group: string | undefined;
  const fromItems = (items: Item[], g: string | undefined): void => {
    for (const it of items) {
      const found = metricsOf(ctx, it.text, g);
      section.metrics.push(...found);
      let childGroup = g;
      if (!found.length && it.children.length) {
        const label = it.text.text.trim();
        if (/[：:]$/.test(label)) childGroup = label.slice(0, -1).trim();
      } else if (found.length === 1 && !found[0].value.raw && !found[0].id && it.children.length) {
        // `- 支付成功率：` with nested metric items: a group label, not a metric
        section.metrics.pop();
        childGroup = found[0].name;
        section.metricGroups.push({ text: found[0].name, range: found[0].nameRange });
      }
      fromItems(it.children, childGroup);
    }
  };
  let itemIndex = 0;
  for (const n of nodes) {
    if (n.type === 'paragraph') {
      const b = block(ctx, startOf(n), endOf(n));
      const t = b.text.trim();
      const bare = t.replace(/^[*_]+|[*_]+$/g, '');
      if (!t.includes('\n') && /^[^：:]{1,30}[：:]$/.test(bare)) {
        const lead = b.text.length - b.text.trimStart().length;
        const s = ctx.lines.offsetAt(b.range.start) + lead;
        const label = bare.slice(0, -1).replace(/[*_]/g, '').trim();
        const ls = s + t.indexOf(label);
        group = label;
        section.metricGroups.push({ text: label, range: range(ctx, ls, ls + label.length) });
      } else {
        // a known metric written without a list marker; free text (`截至6/7，…：128.8`) is not a metric
        const byLine = new Map<number, Metric[]>();
        for (const m of metricsOf(ctx, b, group)) byLine.set(m.line, [...(byLine.get(m.line) ?? []), m]);
        for (const ms of byLine.values()) if (ms.every((m) => m.id)) section.metrics.push(...ms);
      }
    } else if (n.type === 'list') {
      const items = section.items.slice(itemIndex, itemIndex + n.children.length);
      itemIndex += n.children.length;
      fromItems(items, group);
    } else if (n.type === 'blockquote') {
      // items inside a quote were collected too; keep the indices aligned
      const tmp: Section = { ...section, items: [], blocks: [] };
      collect(ctx, n, tmp);
      itemIndex += tmp.items.length;
    }
  }
}

function metricsOf(ctx: Ctx, b: TextBlock, group: string | undefined): Metric[] {
  const out: Metric[] = [];
  const base = ctx.lines.offsetAt(b.range.start);
  let off = 0;
  for (const line of b.text.split('\n')) {
    const l = line.replace(/\r$/, '');
    const lineNo = ctx.lines.positionAt(base + off).line;
    out.push(...parseMetricLine(l, rangeAt(ctx, base + off), lineNo, group, ctx.index.metrics));
    off += line.length + 1;
  }
  return out;
}

// ------------------------------------------------------------------ incidents

interface Entry {
  start: number;
  contentStart: number;
  end: number;
  listItem: boolean;
  paragraph: boolean;
}

function collectIncidents(ctx: Ctx, nodes: RootContent[], section: Section): void {
  const entries: Entry[] = [];
  for (const n of nodes) {
    if (n.type === 'paragraph') {
      const s = startOf(n);
      const e = endOf(n);
      const masked = ctx.masked.slice(s, e);
      const trimmed = masked.trim();
      if (isNoIncident(trimmed)) continue;
      const last = entries[entries.length - 1];
      if (last && isLinkOnly(ctx, n, trimmed)) {
        last.end = e;
        continue;
      }
      if (last && last.paragraph && isStampOnly(ctx.masked.slice(last.contentStart, last.end)) && !isStampLine(masked)) {
        last.end = e; // `08/19 15:00` ⏎⏎ `客户反馈…`
        continue;
      }
      if (!trimmed) continue;
      // several stamped lines in one paragraph are several entries
      let off = 0;
      let cur: Entry | undefined;
      for (const line of masked.split('\n')) {
        const ls = s + off;
        const le = ls + line.replace(/\r$/, '').length;
        if (!cur || isStampLine(line)) {
          cur = { start: ls, contentStart: ls, end: le, listItem: false, paragraph: true };
          entries.push(cur);
        } else {
          cur.end = le;
        }
        off += line.length + 1;
      }
    } else if (n.type === 'list') {
      for (const li of n.children) {
        const s = startOf(li);
        const first = li.children[0];
        const cs = first ? startOf(first) : s;
        entries.push({ start: s, contentStart: cs, end: endOf(li), listItem: true, paragraph: false });
      }
    }
  }
  for (const en of entries) {
    const text = ctx.masked.slice(en.contentStart, en.end);
    if (!en.listItem && isNoIncident(text.trim())) continue;
    const inc: Incident = analyzeIncident(text, rangeAt(ctx, en.contentStart), range(ctx, en.start, en.end), en.listItem, ctx.index.pendingTag);
    section.incidents.push(inc);
  }
}

/** `详细记录：[https://…](https://…)`: a link line that belongs to the entry before it. */
function isLinkOnly(ctx: Ctx, p: Paragraph, maskedTrimmed: string): boolean {
  if (isStampLine(maskedTrimmed)) return false;
  const links = p.children.filter((c) => c.type === 'link' || c.type === 'linkReference');
  if (!maskedTrimmed) return true; // a bare URL
  if (!links.length) return false;
  let outside = ctx.text.slice(startOf(p), endOf(p));
  for (const l of [...links].reverse()) {
    const a = startOf(l) - startOf(p);
    const b = endOf(l) - startOf(p);
    outside = outside.slice(0, a) + outside.slice(b);
  }
  return outside.trim().length <= 12;
}

export type { TextSpan };

// ------------------------------------------------------------------ an edit inside one text block

/** An edit of a part: at `at` (a position in the document, the same before and after it), `removed` replaced by `inserted`. */
export interface BlockEdit {
  at: Position;
  removed: string;
  inserted: string;
}

/** what an edit made by `editInBlock` may remove or insert: no line break, white space, or character that could open a mask */
const UNSAFE_EDIT = /[\s`<>[\]\\\u0000\ufeff\ufffd]/;
/** what the block may hold: nothing masked (code, HTML, links, bare URLs), so the edit changes no mask */
const UNSAFE_BLOCK = /[`<[\\\u0000\ufeff\ufffd]|:\/\/|www\./i;
/** the first character of the edited line (after its container prefix): one that can start no other kind of block, whatever follows it */
const SAFE_FIRST = /[^\s#>\-+*=_~`<[|\d]/;

/**
 * A part's segments after an edit inside one line of one of its text blocks (a paragraph, or a
 * list item's), made from the segments before it (placed at the part's line), without parsing the
 * part again. That holds when the edit can change no block and no mask: it removes and inserts
 * neither line breaks nor white space nor characters that open code, HTML or links; the line's
 * first character, before the edit, can start no other block; the block holds nothing masked,
 * before and after; the section is not the incidents one (read as a whole), and in the metrics
 * one the edit is in an item with metrics and no nested items (`editedMetrics`); and under a
 * title, the paragraph does not become the week's metadata (a Created line).
 * Then only that block is made again (its text and phrases), and the items and section holding
 * it (their ranges, the item's project, its goal). `part` is the part after the edit. Undefined
 * when the edit is not of that kind: the part is then parsed again.
 */
export function editInBlock(segments: readonly Segment[], part: { text: string; masked: string; lines: PartLines; index: ProfileIndex; phrases?: PhraseMemo }, edit: BlockEdit): Segment[] | undefined {
  const { at, removed, inserted } = edit;
  if ((!removed && !inserted) || UNSAFE_EDIT.test(removed) || UNSAFE_EDIT.test(inserted)) return undefined;
  const ctx: Ctx = { text: part.text, masked: part.masked, lines: part.lines, index: part.index, phrases: part.phrases };
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k];
    const section = seg.section;
    if (!section || !holds(section.range, at)) continue;
    if (section.role === 'incidents') return undefined;
    // (under a title, a paragraph with a Created line is the week's metadata, not a block)
    let edited = editedSection(ctx, section, edit, seg.kind === 'title' || seg.kind === 'pre');
    if (edited && section.role === 'metrics') edited = editedMetrics(ctx, section, edited, at);
    if (!edited) return undefined;
    const out = segments.slice();
    out[k] = { ...seg, section: edited };
    return out;
  }
  return undefined;
}

/**
 * The metrics section after an edit in a metric item without nested items (`- 入金有效成功率：99.99%`):
 * that item's metrics read again, in the same group. An item without metrics, a group label (an
 * item with nested ones) or a paragraph may change how the others are grouped: undefined.
 */
function editedMetrics(ctx: Ctx, before: Section, after: Section, at: Position): Section | undefined {
  const leafAt = (items: readonly Item[]): Item | undefined => {
    const it = items.find((i) => holds(i.range, at));
    return it && (it.children.length ? leafAt(it.children) : it);
  };
  const old = leafAt(before.items);
  const now = leafAt(after.items);
  if (!old || !now || !holds(old.text.range, at)) return undefined;
  const first = before.metrics.findIndex((m) => holds(old.text.range, m.range.start) || comparePositions(m.range.start, old.text.range.start) === 0);
  if (first < 0) return undefined;
  let end = first;
  while (end < before.metrics.length && comparePositions(before.metrics[end].range.start, old.text.range.end) <= 0) end++;
  const metrics = before.metrics.slice(0, first);
  for (const m of metricsOf(ctx, now.text, before.metrics[first].group)) metrics.push(m);
  for (let k = end; k < before.metrics.length; k++) metrics.push(before.metrics[k]);
  return { ...after, metrics };
}

/** `range` holds `at` after its start (an edit at its very start may change what it is) */
function holds(range: Range, at: Position): boolean {
  return comparePositions(range.start, at) < 0 && comparePositions(at, range.end) <= 0;
}

/** `range` with its end moved by the edit, when the end is at or after it on its line */
function editedRange(range: Range, edit: BlockEdit): Range {
  const { end } = range;
  if (end.line !== edit.at.line || end.character < edit.at.character) return range;
  return { start: range.start, end: { line: end.line, character: end.character + edit.inserted.length - edit.removed.length } };
}

/**
 * `xs` with the one holding `at` replaced by `edit` of it, and its index: null when none holds it,
 * undefined when `edit` gives up.
 */
function replaceHolding<T extends { range: Range }>(xs: readonly T[], at: Position, edit: (x: T) => T | undefined): { list: T[]; index: number } | null | undefined {
  const index = xs.findIndex((x) => holds(x.range, at));
  if (index < 0) return null;
  const x = edit(xs[index]);
  if (!x) return undefined;
  const list = xs.slice();
  list[index] = x;
  return { list, index };
}

function editedSection(ctx: Ctx, section: Section, edit: BlockEdit, underTitle: boolean): Section | undefined {
  const range = editedRange(section.range, edit);
  const blocks = replaceHolding(section.blocks, edit.at, (b) => {
    const nb = editedBlock(ctx, b, edit);
    return nb && !(underTitle && nb.text.split(/\r?\n/).some(isCreatedLine)) ? nb : undefined;
  });
  if (blocks !== null) return blocks && { ...section, range, blocks: blocks.list };
  const items = replaceHolding(section.items, edit.at, (it) => editedItem(ctx, it, edit));
  if (!items) return undefined;
  // the goals and review sections (and items going on a section before) have a goal per top-level item
  let goals = section.goals;
  if (goals.length > 0 && goals.length === items.list.length) {
    goals = goals.slice();
    goals[items.index] = goalOf(ctx, items.list[items.index]);
  }
  return { ...section, range, items: items.list, goals };
}

function editedItem(ctx: Ctx, it: Item, edit: BlockEdit): Item | undefined {
  const range = editedRange(it.range, edit);
  if (holds(it.text.range, edit.at)) {
    const text = editedBlock(ctx, it.text, edit);
    if (!text) return undefined;
    const out: Item = { range, depth: it.depth, ordered: it.ordered, marker: it.marker, checked: it.checked, text, blocks: it.blocks, children: it.children };
    const project = projectOf(ctx, text);
    if (project) out.project = project;
    return out;
  }
  const blocks = replaceHolding(it.blocks, edit.at, (b) => editedBlock(ctx, b, edit));
  if (blocks !== null) return blocks && { ...it, range, blocks: blocks.list };
  const children = replaceHolding(it.children, edit.at, (c) => editedItem(ctx, c, edit));
  return children ? { ...it, range, children: children.list } : undefined;
}

/** The block holding the edit, made again from the part after it; undefined when the edit may change more than its text. */
function editedBlock(ctx: Ctx, b: TextBlock, edit: BlockEdit): TextBlock | undefined {
  const { at, removed, inserted } = edit;
  const { lines, text } = ctx;
  // the removed characters lie in the block
  if (at.line === b.range.end.line && at.character + removed.length > b.range.end.character) return undefined;
  const offset = lines.offsetAt(at);
  // after a character of the line that is not white space (so the block ends where the edit says), …
  if (offset === 0 || /\s/.test(text[offset - 1])) return undefined;
  // … and after the line's first character, one that can start no other block
  const lineStart = lines.offsetAt({ line: at.line, character: 0 });
  const first = at.line === b.range.start.line ? lines.offsetAt(b.range.start) : lineStart + /^[ \t>]*/.exec(text.slice(lineStart, offset))![0].length;
  if (first >= offset || !SAFE_FIRST.test(text[first])) return undefined;
  const start = lines.offsetAt(b.range.start);
  const end = lines.offsetAt(editedRange(b.range, edit).end);
  const source = text.slice(start, end);
  const before = source.slice(0, offset - start) + removed + source.slice(offset - start + inserted.length);
  if (UNSAFE_BLOCK.test(source) || UNSAFE_BLOCK.test(before)) return undefined;
  // the phrases kept with the part are those of its blocks' texts: not the old text's any more
  ctx.phrases?.current.delete(b.text);
  return block(ctx, start, end);
}
