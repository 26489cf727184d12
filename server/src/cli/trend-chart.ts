/**
 * Charts of the trends (core/features/trends.ts) with Vega: one Vega spec per chart, rendered to
 * SVG in Node (no browser, no canvas: Vega's SVG string renderer), and a standalone HTML page with
 * the SVGs inline (no script at all, a strict content security policy). See docs/trends.md.
 *
 * Every point carries a description (`入金有效成功率 2024-W23：99.942%`), which Vega writes as the
 * point's aria-label; we add it as an SVG <title> too, so hovering a point shows the week and value,
 * and a link to the report file (clicking opens it).
 */
import { pathToFileURL } from 'node:url';
import { pick, type Locale, type Localized } from '../core/l10n';
import type { Trends } from '../core/features/trends';

export const CHART_LABELS = {
  pageTitle: { en: 'Weekly report trends', 'zh-cn': '周报指标趋势' },
  weeks: { en: '{0} weeks: {1} – {2}', 'zh-cn': '共 {0} 周：{1} – {2}' },
  gaps: { en: 'Weeks without a report: {0}', 'zh-cn': '缺少周报的周：{0}' },
  duplicate: { en: '{0}: several reports, {1} used (not used: {2})', 'zh-cn': '{0}：有多份周报，采用 {1}（未采用：{2}）' },
  target: { en: 'target', 'zh-cn': '目标' },
  incidents: { en: 'Incidents per week by grade', 'zh-cn': '每周事故数（按等级）' },
  progress: { en: 'Project progress (%)', 'zh-cn': '项目进度（%）' },
  noData: { en: 'No data', 'zh-cn': '无数据' },
  grade: { en: 'grade {0}', 'zh-cn': '{0}级' },
} satisfies Record<string, Localized>;

function say(l: Localized, locale: Locale, ...args: Array<string | number>): string {
  let s = pick(l, locale);
  args.forEach((a, i) => (s = s.split(`{${i}}`).join(String(a))));
  return s;
}

/** A link for a point: the report file (an absolute path or a URI) with the 1-based line as a fragment. */
export function pointHref(uri: string | undefined, line: number | undefined): string | undefined {
  if (!uri) return undefined;
  const base = /^[a-z][a-z0-9+.-]*:/i.test(uri) ? uri : pathToFileURL(uri).href;
  return line === undefined ? base : `${base}#L${line + 1}`;
}

const WIDTH = 640;
const HEIGHT = 160;
const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

function baseConfig(): Record<string, unknown> {
  return {
    background: 'white',
    config: {
      text: { font: FONT },
      axis: { labelFont: FONT, titleFont: FONT },
      legend: { labelFont: FONT, titleFont: FONT },
      title: { font: FONT, anchor: 'start', fontSize: 14 },
    },
  };
}

type Spec = Record<string, unknown>;

/** A metric over the weeks: a line (broken at gaps), its points (red below target) and the target as a dashed rule. */
export function metricSpec(t: Trends, index: number, locale: Locale): Spec {
  const s = t.metrics[index];
  const u = s.unit === 'percent' ? '%' : '';
  const values = s.points.map((p) => ({
    week: p.week,
    value: p.value,
    below: p.belowTarget,
    href: pointHref(p.uri, p.line),
    desc: `${s.name} ${p.week}：${p.raw ?? (p.missing ? '—' : '')}`,
  }));
  const target = s.target?.min ?? s.target?.max;
  const numbers = s.points.map((p) => p.value).filter((v): v is number => v !== null);
  if (target !== undefined) numbers.push(target);
  const lo = numbers.length ? Math.min(...numbers) : 0;
  const hi = numbers.length ? Math.max(...numbers) : 1;
  const pad = (hi - lo) * 0.15 || Math.max(Math.abs(hi) * 0.0005, 0.01);
  return {
    ...baseConfig(),
    description: s.name,
    title: { text: `${s.name}${target !== undefined ? `（${pick(CHART_LABELS.target, locale)} ${s.target?.min !== undefined ? '≥' : '≤'}${target}${u}）` : ''}` },
    width: WIDTH,
    height: HEIGHT,
    padding: 8,
    data: [
      { name: 'points', values },
      { name: 'present', source: 'points', transform: [{ type: 'filter', expr: 'datum.value != null' }] },
      { name: 'target', values: target !== undefined ? [{ y: target }] : [] },
    ],
    scales: [
      { name: 'x', type: 'point', domain: t.weeks, range: 'width', padding: 0.5 },
      { name: 'y', type: 'linear', domain: [lo - pad, hi + pad], nice: false, zero: false, range: 'height' },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', labelAngle: -45, labelAlign: 'right', labelOverlap: true },
      { orient: 'left', scale: 'y', tickCount: 5, grid: true, gridOpacity: 0.3 },
    ],
    marks: [
      {
        type: 'rule',
        from: { data: 'target' },
        aria: false,
        encode: { enter: { x: { value: 0 }, x2: { signal: 'width' }, y: { scale: 'y', field: 'y' }, stroke: { value: '#d62728' }, strokeDash: { value: [4, 4] } } },
      },
      {
        type: 'line',
        from: { data: 'points' },
        aria: false,
        encode: {
          enter: {
            x: { scale: 'x', field: 'week' },
            y: { scale: 'y', field: 'value' },
            defined: { signal: 'datum.value !== null' },
            stroke: { value: '#1f77b4' },
            strokeWidth: { value: 2 },
          },
        },
      },
      {
        type: 'symbol',
        name: 'metric-points',
        from: { data: 'present' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'week' },
            y: { scale: 'y', field: 'value' },
            size: { value: 50 },
            fill: { signal: "datum.below ? '#d62728' : '#1f77b4'" },
            href: { field: 'href' },
            description: { field: 'desc' },
            cursor: { value: 'pointer' },
          },
        },
      },
    ],
  };
}

/** Incidents per week, stacked by grade. */
export function incidentSpec(t: Trends, locale: Locale): Spec {
  const values = t.incidents.flatMap((w) =>
    t.grades.map((g) => ({
      week: w.week,
      grade: say(CHART_LABELS.grade, locale, g),
      count: w.grades[g] ?? 0,
      href: pointHref(w.uri, w.line),
      desc: `${w.week} ${say(CHART_LABELS.grade, locale, g)}：${w.grades[g] ?? 0}`,
    })),
  );
  return {
    ...baseConfig(),
    description: pick(CHART_LABELS.incidents, locale),
    title: { text: pick(CHART_LABELS.incidents, locale) },
    width: WIDTH,
    height: 120,
    padding: 8,
    data: [
      { name: 'table', values, transform: [{ type: 'stack', groupby: ['week'], sort: { field: 'grade' }, field: 'count' }] },
      { name: 'bars', source: 'table', transform: [{ type: 'filter', expr: 'datum.count > 0' }] },
    ],
    scales: [
      { name: 'x', type: 'band', domain: t.weeks, range: 'width', padding: 0.2 },
      { name: 'y', type: 'linear', domain: { data: 'table', field: 'y1' }, nice: true, zero: true, range: 'height', domainMin: 0, domainMax: 1 },
      { name: 'color', type: 'ordinal', domain: { data: 'table', field: 'grade' }, range: ['#d62728', '#ff7f0e', '#bcbd22', '#7f7f7f'] },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', labelAngle: -45, labelAlign: 'right', labelOverlap: true },
      { orient: 'left', scale: 'y', tickCount: 3, tickMinStep: 0.5 },
    ],
    legends: [{ fill: 'color', orient: 'right' }],
    marks: [
      {
        type: 'rect',
        name: 'incident-bars',
        from: { data: 'bars' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'week' },
            width: { scale: 'x', band: 1 },
            y: { scale: 'y', field: 'y0' },
            y2: { scale: 'y', field: 'y1' },
            fill: { scale: 'color', field: 'grade' },
            href: { field: 'href' },
            description: { field: 'desc' },
          },
        },
      },
    ],
  };
}

/** Progress of every project item over the weeks, one coloured line each. */
export function progressSpec(t: Trends, locale: Locale): Spec {
  const values = t.progress.flatMap((s) =>
    s.points.map((p) => ({ series: s.name, week: p.week, value: p.value, href: pointHref(p.uri, p.line), desc: `${s.name} ${p.week}：${p.value}%` })),
  );
  return {
    ...baseConfig(),
    description: pick(CHART_LABELS.progress, locale),
    title: { text: pick(CHART_LABELS.progress, locale) },
    width: WIDTH,
    height: 200,
    padding: 8,
    data: [{ name: 'points', values }],
    scales: [
      { name: 'x', type: 'point', domain: t.weeks, range: 'width', padding: 0.5 },
      { name: 'y', type: 'linear', domain: [0, 100], range: 'height' },
      { name: 'color', type: 'ordinal', domain: { data: 'points', field: 'series' }, range: { scheme: 'category10' } },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', labelAngle: -45, labelAlign: 'right', labelOverlap: true },
      { orient: 'left', scale: 'y', tickCount: 5, grid: true, gridOpacity: 0.3 },
    ],
    legends: [{ stroke: 'color', orient: 'bottom', direction: 'vertical', symbolType: 'stroke' }],
    marks: [
      {
        type: 'group',
        from: { facet: { name: 'series', data: 'points', groupby: 'series' } },
        marks: [
          {
            type: 'line',
            from: { data: 'series' },
            aria: false,
            encode: { enter: { x: { scale: 'x', field: 'week' }, y: { scale: 'y', field: 'value' }, stroke: { scale: 'color', field: 'series' }, strokeWidth: { value: 2 } } },
          },
          {
            type: 'symbol',
            name: 'progress-points',
            from: { data: 'series' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'week' },
                y: { scale: 'y', field: 'value' },
                size: { value: 40 },
                fill: { scale: 'color', field: 'series' },
                href: { field: 'href' },
                description: { field: 'desc' },
              },
            },
          },
        ],
      },
    ],
  };
}

/** Every chart of the trends, in page order. */
export function trendSpecs(t: Trends, locale: Locale): Array<{ id: string; spec: Spec }> {
  const out: Array<{ id: string; spec: Spec }> = [];
  t.metrics.forEach((m, i) => {
    if (m.points.some((p) => p.value !== null)) out.push({ id: `metric-${m.id}`, spec: metricSpec(t, i, locale) });
  });
  if (t.incidents.length > 0) out.push({ id: 'incidents', spec: incidentSpec(t, locale) });
  if (t.progress.length > 0) out.push({ id: 'progress', spec: progressSpec(t, locale) });
  return out;
}

/** Adds a <title> (the hover text) to every element that Vega gave an aria-label from a description. */
export function addTitles(svg: string): string {
  return svg.replace(/<(path|rect)([^>]*?)\saria-label="([^"]*)"([^>]*?)\/>/g, (_m, tag: string, a: string, label: string, b: string) => `<${tag}${a} aria-label="${label}"${b}><title>${label}</title></${tag}>`);
}

/**
 * Vega's URL sanitizer turns `file:///a.md` into `/a.md` in Node, so links go through Vega as
 * placeholders (`zhoubao-link-3`) and are put back after rendering.
 */
function withLinkPlaceholders(spec: Spec): { spec: Spec; links: string[] } {
  const links: string[] = [];
  const data = (spec.data as Array<{ values?: Array<Record<string, unknown>> }>).map((d) =>
    d.values
      ? {
          ...d,
          values: d.values.map((v) => {
            if (typeof v.href !== 'string') return v;
            links.push(v.href);
            return { ...v, href: `zhoubao-link-${links.length - 1}` };
          }),
        }
      : d,
  );
  return { spec: { ...spec, data }, links };
}

/** One chart as SVG, rendered by Vega in Node (no browser, no canvas). */
export async function renderSvg(spec: Spec): Promise<string> {
  const vega = await import('vega');
  const { spec: placeheld, links } = withLinkPlaceholders(spec);
  const view = new vega.View(vega.parse(placeheld as never), { renderer: 'none' });
  try {
    const svg = addTitles(await view.toSVG());
    return svg.replace(/xlink:href="zhoubao-link-(\d+)"/g, (_m, i: string) => `xlink:href="${escapeHtml(links[Number(i)] ?? '')}"`);
  } finally {
    view.finalize();
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** All charts stacked in one SVG document (for `--format svg`). */
export async function trendsSvg(t: Trends, locale: Locale): Promise<string> {
  const parts = await Promise.all(trendSpecs(t, locale).map(async (c) => ({ id: c.id, svg: await renderSvg(c.spec) })));
  let y = 0;
  let width = 0;
  const groups: string[] = [];
  for (const p of parts) {
    const w = Number(/width="(\d+(?:\.\d+)?)"/.exec(p.svg)?.[1] ?? 0);
    const h = Number(/height="(\d+(?:\.\d+)?)"/.exec(p.svg)?.[1] ?? 0);
    width = Math.max(width, w);
    groups.push(`<g id="${p.id}" transform="translate(0,${y})">${p.svg.replace(/^<svg/, '<svg x="0" y="0"')}</g>`);
    y += h + 16;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${Math.max(0, y)}" viewBox="0 0 ${width} ${Math.max(0, y)}"><rect width="100%" height="100%" fill="white"/>${groups.join('')}</svg>\n`;
}

/** Every chart as SVG with its title (for the VS Code webview, through the server). */
export async function renderCharts(t: Trends, locale: Locale): Promise<Array<{ id: string; title: string; svg: string }>> {
  return Promise.all(
    trendSpecs(t, locale).map(async (c) => ({ id: c.id, title: String((c.spec.title as { text?: string } | undefined)?.text ?? c.id), svg: await renderSvg(c.spec) })),
  );
}

/** `2024-W21, 2024-W22, 2024-W23, 2024-W25` → `2024-W21 – 2024-W23, 2024-W25` (runs of consecutive weeks of the axis). */
export function weekRuns(weeks: readonly string[], axis: readonly string[]): string {
  const pos = new Map(axis.map((w, i) => [w, i]));
  const runs: string[] = [];
  for (let i = 0; i < weeks.length; ) {
    let j = i;
    while (j + 1 < weeks.length && pos.get(weeks[j + 1]) === (pos.get(weeks[j]) ?? -2) + 1) j++;
    runs.push(j > i ? `${weeks[i]} – ${weeks[j]}` : weeks[i]);
    i = j + 1;
  }
  return runs.join(', ');
}

/** The notes above the charts: the weeks covered, the gaps, the duplicates. */
export function trendNotes(t: Trends, locale: Locale): string[] {
  const notes: string[] = [];
  if (t.weeks.length > 0) notes.push(say(CHART_LABELS.weeks, locale, t.weeks.length, t.weeks[0], t.weeks.at(-1)!));
  if (t.gaps.length > 0) notes.push(say(CHART_LABELS.gaps, locale, `${weekRuns(t.gaps, t.weeks)} (${t.gaps.length})`));
  for (const d of t.duplicates) notes.push(say(CHART_LABELS.duplicate, locale, d.week, decodeURIComponent(d.used.split('/').pop()!), d.ignored.map((u) => decodeURIComponent(u.split('/').pop()!)).join(', ')));
  return notes;
}

/** The standalone page: inline SVGs and CSS, no script, no remote resource, a strict CSP. */
export async function trendsHtml(t: Trends, locale: Locale): Promise<string> {
  const charts = await Promise.all(trendSpecs(t, locale).map(async (c) => `<section class="chart" id="${c.id}">${await renderSvg(c.spec)}</section>`));
  const notes = trendNotes(t, locale);
  const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
  return `<!DOCTYPE html>
<html lang="${locale === 'zh-cn' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="zhoubao trend">
<title>${escapeHtml(pick(CHART_LABELS.pageTitle, locale))}</title>
<style>
body { font-family: ${FONT.replace(/"/g, "'")}; margin: 24px; color: #222; background: #fff; }
h1 { font-size: 20px; margin: 0 0 8px; }
ul.notes { color: #555; font-size: 13px; margin: 0 0 16px; padding-left: 18px; }
section.chart { margin: 0 0 20px; }
section.chart svg { max-width: 100%; height: auto; }
section.chart a path:hover, section.chart a rect:hover { stroke: #000; stroke-width: 2px; }
</style>
</head>
<body>
<h1>${escapeHtml(pick(CHART_LABELS.pageTitle, locale))}</h1>
<ul class="notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>
${charts.length > 0 ? charts.join('\n') : `<p>${escapeHtml(pick(CHART_LABELS.noData, locale))}</p>`}
</body>
</html>
`;
}
