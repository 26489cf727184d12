/**
 * Metric lines of the metrics section: `- 入金有效成功率：99.997%`, two on one line
 * (`- 出金有效成功率：99.971% ，一次支付成功率：99.3105%`), incident counts by grade
 * (`- 事故数AB级0次，CD级1次。某次故障复盘完毕待定级，`).
 */
import type { GradeCount, Metric, MetricValue } from '../model';
import type { MetricSpec } from '../profile/schema';
import type { RangeAt } from './phrases';

export class MetricMatcher {
  private readonly exact = new Map<string, MetricSpec>();
  private readonly suffixes: Array<[string, MetricSpec]> = [];

  constructor(metrics: readonly MetricSpec[]) {
    for (const m of metrics) {
      for (const n of [m.name, ...m.aliases]) {
        const key = normName(n);
        if (!key) continue;
        if (!this.exact.has(key)) this.exact.set(key, m);
        this.suffixes.push([key, m]);
      }
    }
    this.suffixes.sort((a, b) => b[0].length - a[0].length);
  }

  /** The profile metric a written name stands for: by name, alias, or as a suffix (`支付系统年度可用性`). */
  match(name: string): MetricSpec | undefined {
    const key = normName(name);
    if (!key) return undefined;
    const hit = this.exact.get(key);
    if (hit) return hit;
    for (const [s, m] of this.suffixes) if (key.length > s.length && key.endsWith(s)) return m;
    return undefined;
  }
}

export function normName(s: string): string {
  return s.replace(/[\s*_`]/g, '');
}

const GRADES = /^([^\s：:，,。；;]*?)[ \t]{0,8}[：:]?[ \t]{0,8}((?:[A-Za-z]{1,4}[ \t]{0,8}级[ \t]{0,8}[^\s次级，,、。；;：:]*[ \t]{0,8}次?[ \t]{0,8}[，,、；;]?[ \t]{0,8})+)/d;
const GRADE = /([A-Za-z]{1,4})[ \t]{0,8}级[ \t]{0,8}([^\s次级，,、。；;：:]*)[ \t]{0,8}(次?)/dg;
/** a separator before `NAME：` (a comma between two digits is part of a malformed number, not a separator) */
const PAIR_SEP = /(?<!\d)[，,；;]|[，,；;](?!\d)|、/g;
const NAME_COLON = /^[ \t]{0,8}([^\s：:，,；;。]{1,40}?)[ \t]{0,8}[：:]/;
const NUMBER_VALUE = /^([+-]?\d+(?:\.\d+)?)[ \t]{0,8}(%|％|次|ms|毫秒|秒|分|个|笔|条|元|万)?$/;

export function parseValue(raw: string, at: RangeAt, start: number): MetricValue {
  const m = NUMBER_VALUE.exec(raw);
  if (m) return { raw, range: at(start, start + raw.length), number: Number(m[1]), unit: m[2] ?? '' };
  return { raw, range: at(start, start + raw.length), unit: /[%％]$/.test(raw) ? raw.slice(-1) : '' };
}

/** The end of a value: the first `。`, `；`, `（`, or a comma that does not sit between two digits. */
function valueEnd(line: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = line[i];
    if (c === '。' || c === '；' || c === ';' || c === '（' || c === '(' || c === '，' || c === '、') return i;
    if (c === ',' && !(/\d/.test(line[i - 1] ?? '') && /\d/.test(line[i + 1] ?? ''))) return i;
  }
  return to;
}

/**
 * The metrics written on one line of a list item's text. `line` is the (masked) line text,
 * `at` maps its indices to document ranges.
 */
export function parseMetricLine(
  line: string,
  at: RangeAt,
  lineNo: number,
  group: string | undefined,
  matcher: MetricMatcher,
): Metric[] {
  const out: Metric[] = [];
  const lead = line.length - line.replace(/^[ \t]+/, '').length;
  const body = line.slice(lead);
  if (!body.trim()) return out;

  const g = GRADES.exec(body.slice(0, 400));
  if (g && g[1] && !/\d/.test(g[1]) && (matcher.match(g[1])?.unit === 'grades' || /事故|故障/.test(g[1]))) {
    const gi = g.indices!;
    const name = g[1];
    const spec = matcher.match(name);
    const vStart = lead + gi[2][0];
    let raw = g[2].replace(/[ \t，,、；;]+$/, '');
    const grades: GradeCount[] = [];
    for (const m of raw.matchAll(GRADE)) {
      const mi = m.indices!;
      const countRaw = m[2];
      grades.push({
        grade: m[1].toUpperCase(),
        count: /^\d+(?:\.\d+)?$/.test(countRaw) ? Number(countRaw) : NaN,
        raw: m[0].trimEnd(),
        range: at(vStart + m.index, vStart + m.index + m[0].trimEnd().length),
        countRange: at(vStart + mi[2][0], vStart + mi[2][1]),
      });
    }
    raw = raw.trimEnd();
    out.push({
      name,
      nameRange: at(lead, lead + name.length),
      ...(spec ? { id: spec.id } : {}),
      range: at(lead, vStart + raw.length),
      ...(group !== undefined ? { group } : {}),
      line: lineNo,
      value: { raw, range: at(vStart, vStart + raw.length), unit: '次', grades },
    });
    return out;
  }

  // split into `NAME：VALUE` segments at separators followed by another `NAME：`
  const cuts: number[] = [0];
  for (const m of body.matchAll(PAIR_SEP)) {
    const after = body.slice(m.index + 1, m.index + 64);
    if (NAME_COLON.test(after)) cuts.push(m.index + 1);
  }
  cuts.push(body.length + 1);
  for (let k = 0; k + 1 < cuts.length; k++) {
    const segStart = cuts[k];
    const segEnd = Math.min(cuts[k + 1] - (k + 1 < cuts.length - 1 ? 1 : 0), body.length);
    const seg = body.slice(segStart, segEnd);
    const nc = NAME_COLON.exec(seg);
    if (!nc) {
      // a known metric name alone on the line: a metric without a value (no colon written)
      const only = seg.trim();
      if (k === 0 && cuts.length === 2 && only && matcher.match(only)) {
        const ns = lead + segStart + seg.indexOf(only);
        out.push({
          name: only,
          nameRange: at(ns, ns + only.length),
          id: matcher.match(only)!.id,
          range: at(ns, ns + only.length),
          ...(group !== undefined ? { group } : {}),
          line: lineNo,
          value: { raw: '', range: at(ns + only.length, ns + only.length), unit: '' },
        });
      }
      continue;
    }
    const name = nc[1];
    const nStart = lead + segStart + seg.indexOf(name, 0);
    const colonEnd = segStart + nc[0].length; // index in body
    const vEndBody = valueEnd(body, colonEnd, segStart + seg.length);
    const rawFull = body.slice(colonEnd, vEndBody);
    const raw = rawFull.trim();
    const vStart = lead + colonEnd + (raw ? rawFull.indexOf(raw) : 0);
    const spec = matcher.match(name);
    const value = parseValue(raw, at, vStart);
    out.push({
      name,
      nameRange: at(nStart, nStart + name.length),
      ...(spec ? { id: spec.id } : {}),
      range: at(nStart, raw ? vStart + raw.length : lead + colonEnd),
      ...(group !== undefined ? { group } : {}),
      line: lineNo,
      value,
    });
  }
  return out;
}
