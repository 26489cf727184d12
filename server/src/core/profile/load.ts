/**
 * Loading a profile: `.zhoubao.json` text (JSON with comments) and settings objects are
 * validated as overrides and merged over the defaults. Nothing here throws: an invalid override
 * yields problems (with the JSON path and, for file text, the exact range of the offending key)
 * and the profile it was meant to change stays in force.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { fmt, type Localized } from '../l10n';
import { LineIndex, type Range } from '../text';
import { defaultProfile } from './defaults';
import { profileOverrideSchema, profileSchema, type Profile, type ProfileOverride } from './schema';

export interface ProfileProblem {
  /** JSON path of the offending value (`["metrics", 0, "target", "min"]`), [] for the whole file */
  path: Array<string | number>;
  message: Localized;
  /** where in the profile file text, when loaded from text */
  range?: Range;
}

export interface LoadedProfile {
  profile: Profile;
  problems: ProfileProblem[];
}

const MSG = {
  syntax: { en: 'Invalid JSON in the profile: {0}.', 'zh-cn': '配置文件 JSON 语法错误：{0}。' },
  notObject: { en: 'The profile must be a JSON object.', 'zh-cn': '配置文件必须是一个 JSON 对象。' },
  invalid: {
    en: 'Invalid profile setting "{0}": {1}. The defaults stay in force for the whole profile.',
    'zh-cn': '配置项“{0}”无效：{1}。整个配置未生效，继续使用默认配置。',
  },
  merged: {
    en: 'The profile is inconsistent after merging: "{0}": {1}. The defaults stay in force.',
    'zh-cn': '合并后的配置不一致：“{0}”：{1}。继续使用默认配置。',
  },
  tooDeep: {
    en: 'The profile nests arrays and objects deeper than {0} levels; it is not read. The defaults stay in force.',
    'zh-cn': '配置文件中数组和对象的嵌套超过 {0} 层，未读取。继续使用默认配置。',
  },
} satisfies Record<string, Localized>;

/** jsonc-parser recurses per level: a file nested 10,000 deep overflowed the stack. A profile
 *  needs four levels; deeper is refused before parsing. */
const MAX_DEPTH = 64;

/** Offset where the nesting of `[` and `{` (outside strings and comments) passes `max`, or -1. */
function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '[' || c === '{') {
      if (++depth > max) return i;
    } else if (c === ']' || c === '}') depth--;
  }
  return -1;
}

/** Parses and applies the text of a `.zhoubao.json` over `base`. */
export function loadProfileText(text: string, base: Profile = defaultProfile): LoadedProfile {
  const errors: ParseError[] = [];
  const lines = new LineIndex(text);
  const deep = tooDeepAt(text, MAX_DEPTH);
  if (deep >= 0) return { profile: base, problems: [{ path: [], message: fmt(MSG.tooDeep, MAX_DEPTH), range: lines.rangeOf(deep, deep + 1) }] };
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const e = errors[0];
    return {
      profile: base,
      problems: [
        {
          path: [],
          message: fmt(MSG.syntax, e ? printParseErrorCode(e.error) : 'empty'),
          range: e ? lines.rangeOf(e.offset, e.offset + Math.max(1, e.length)) : lines.rangeOf(0, 0),
        },
      ],
    };
  }
  if (root.type !== 'object') {
    return { profile: base, problems: [{ path: [], message: MSG.notObject, range: lines.rangeOf(root.offset, root.offset + root.length) }] };
  }
  const value = nodeValue(root);
  const result = applyOverride(base, value);
  for (const p of result.problems) p.range = rangeForPath(root, p.path, lines);
  return result;
}

/** Applies an override object (from a file or from settings) over `base`. */
export function applyOverride(base: Profile, value: unknown): LoadedProfile {
  const parsed = profileOverrideSchema.safeParse(value);
  if (!parsed.success) return { profile: base, problems: issuesToProblems(parsed.error.issues, MSG.invalid) };
  const merged = mergeProfile(base, parsed.data);
  const full = profileSchema.safeParse(merged);
  if (!full.success) return { profile: base, problems: issuesToProblems(full.error.issues, MSG.merged) };
  return { profile: full.data, problems: [] };
}

/** Merges an already validated override: scalars and plain arrays replace, sections and metrics merge by id. */
export function mergeProfile(base: Profile, o: ProfileOverride): Profile {
  return {
    ...base,
    ...pickDefined({
      filePattern: o.filePattern,
      include: o.include,
      exclude: o.exclude,
      titleStyle: o.titleStyle,
      placeholders: o.placeholders,
    }),
    sections: mergeById(base.sections, o.sections, (s) => ({ aliases: [], bracketed: true, required: false, level: 2, title: s.id, ...s })),
    metrics: mergeById(base.metrics, o.metrics, (m) => ({ aliases: [], required: false, unit: 'count' as const, name: m.id, ...m })),
    okr: { ...base.okr, ...pickDefined(o.okr ?? {}) },
    incidents: { ...base.incidents, ...pickDefined(o.incidents ?? {}) },
    history: { ...base.history, ...pickDefined(o.history ?? {}) },
    created: { ...base.created, ...pickDefined(o.created ?? {}) },
    rules: { ...base.rules, ...(o.rules ?? {}) },
  };
}

function mergeById<T extends { id: string }, O extends { id: string }>(base: T[], over: O[] | undefined, create: (o: O) => T): T[] {
  if (!over) return base;
  const out = base.map((b) => ({ ...b }));
  for (const o of over) {
    const i = out.findIndex((b) => b.id === o.id);
    if (i >= 0) out[i] = { ...out[i], ...pickDefined(o) };
    else out.push(create(o));
  }
  return out;
}

function pickDefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function issuesToProblems(issues: z.core.$ZodIssue[], template: Localized): ProfileProblem[] {
  return issues.slice(0, 20).map((i) => {
    const path = i.path.filter((k): k is string | number => typeof k !== 'symbol');
    const where = path.length ? path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '') : '(root)';
    return { path, message: fmt(template, where, i.message) };
  });
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(
        (node.children ?? []).filter((p) => p.children?.length === 2).map((p) => [String(p.children![0].value), nodeValue(p.children![1])]),
      );
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** The range of the deepest existing node on `path`: the key of a property, else the value. */
function rangeForPath(root: Node, path: Array<string | number>, lines: LineIndex): Range {
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (!node) continue;
    const target = node.parent?.type === 'property' && node.parent.children?.[0] ? node.parent.children[0] : node;
    if (target === root) return lines.rangeOf(root.offset, root.offset + 1);
    return lines.rangeOf(target.offset, target.offset + target.length);
  }
  return lines.rangeOf(0, 0);
}
