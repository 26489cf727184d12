/**
 * The editor side of carry-over: `zhoubao/newReport` (the core planner over the folder's index,
 * with the target file's unsaved content when it is open, else the disk) and the code lens at the
 * top of a report that has no review section yet. The client applies the plan.
 */
import * as fs from 'node:fs/promises';
import { SymbolKind, type CancellationToken, type CodeLens, type SymbolInformation } from 'vscode-languageserver/node';
import { carriedItems, planCarryOver } from '../core/features/carryover';
import { workspaceSymbols } from '../core/features/workspace-symbols';
import { fmt, pick, type Localized } from '../core/l10n';
import type { Profile } from '../core/profile/schema';
import { addWeeks, compareWeeks, formatIsoWeek, type IsoWeek } from '../core/weeks';
import type { WorkspaceIndex } from '../core/workspace';
import { sameFile, uriToPath } from './paths';
import { NewReportCommand, type NewReportParams, type NewReportResult } from './protocol';
import type { Session } from './session';

const MSG = {
  noFolder: {
    en: 'Open a folder first: new reports are created beside the reports of a workspace folder.',
    'zh-cn': '请先打开一个文件夹：新周报会创建在工作区文件夹中已有周报的旁边。',
  },
  badWeek: { en: '{0} is not a week: write it as 2024-W13.', 'zh-cn': '{0} 不是周次：请写成 2024-W13 的形式。' },
  lens: { en: 'Carry over {0} goal(s) from {1}', 'zh-cn': '从 {1} 带入 {0} 项目标' },
  lensFollowUps: { en: 'Carry over {0} goal(s) and {2} follow-up(s) from {1}', 'zh-cn': '从 {1} 带入 {0} 项目标和 {2} 项复盘跟进' },
} satisfies Record<string, Localized>;

/** `2024-W13`, `2024-w13`, `2024W13` → the ISO week (not checked for validity: the planner does). */
export function parseWeek(s: string): IsoWeek | undefined {
  const m = /^\s*(\d{4})-?[Ww](\d{1,2})\s*$/.exec(s);
  return m ? { year: Number(m[1]), week: Number(m[2]) } : undefined;
}

async function chooseFolder(session: Session, params: NewReportParams): Promise<string | undefined> {
  const folders = session.configs.workspaceFolders();
  if (params.folderUri) {
    const f = params.folderUri.replace(/\/+$/, '');
    if (folders.includes(f)) return f;
  }
  if (params.uri) {
    const f = session.indexer.folderOf(params.uri);
    if (f) return f;
  }
  // the folder with the latest report
  let best: { folder: string; iso?: IsoWeek } | undefined;
  for (const folder of folders) {
    const index = await session.indexer.whenIndexed(folder);
    const iso = index?.latestWeek()?.iso;
    if (!best || (iso && (!best.iso || compareWeeks(iso, best.iso) > 0))) best = { folder, iso };
  }
  return best?.folder;
}

async function readExisting(session: Session, uri: string): Promise<{ text?: string; version?: number; uri: string }> {
  const open = session.documents.all().find((d) => sameFile(d.uri, uri));
  if (open) return { text: open.getText(), version: open.version, uri: open.uri };
  const file = uriToPath(uri);
  if (!file) return { uri };
  try {
    return { text: (await fs.readFile(file)).toString('utf8').replace(/^\uFEFF/, ''), uri };
  } catch {
    return { uri };
  }
}

export async function newReport(session: Session, params: NewReportParams | null | undefined): Promise<NewReportResult> {
  const p = params ?? {};
  const t = (m: Localized) => pick(m, session.locale);
  let week: IsoWeek | undefined;
  if (p.week !== undefined && p.week !== '') {
    week = parseWeek(p.week);
    if (!week) return { kind: 'error', message: t(fmt(MSG.badWeek, p.week)) };
  }
  const folder = await chooseFolder(session, p);
  if (!folder) return { kind: 'error', message: t(MSG.noFolder) };
  const index = await session.indexer.whenIndexed(folder);
  if (!index) return { kind: 'error', message: t(MSG.noFolder) };
  const { profile } = await session.configs.get(folder + '/');
  // where the file goes, then its current content (the plan depends on whether it exists)
  const where = planCarryOver({ index, profile, week });
  if (where.kind === 'error') return { kind: 'error', message: t(where.message), ...(where.target ? { week: formatIsoWeek(where.target) } : {}) };
  const existing = await readExisting(session, where.path);
  const plan = existing.text === undefined ? where : planCarryOver({ index, profile, week: where.target, existing: existing.text });
  if (plan.kind === 'error') return { kind: 'error', message: t(plan.message) };
  const base = { uri: existing.uri, week: formatIsoWeek(plan.target), from: formatIsoWeek(plan.from.iso), fromUri: plan.from.uri, message: t(plan.message) };
  switch (plan.kind) {
    case 'create':
      return { kind: 'create', ...base, text: plan.text };
    case 'insert':
      return { kind: 'insert', ...base, edits: plan.edits, ...(existing.version !== undefined ? { version: existing.version } : {}) };
    default:
      return { kind: 'nothing', ...base };
  }
}

/**
 * A lens on the title of a report without a review section, when the week before it in the
 * workspace has goals or pending postmortems to carry over: runs `zhoubao.newReport` for this week.
 */
export async function carryOverLenses(session: Session, uri: string): Promise<CodeLens[]> {
  const a = await session.analysis(uri);
  if (!a?.isReport) return [];
  const folder = session.indexer.folderOf(uri);
  const index = session.indexer.history(folder);
  if (!index) return [];
  const week = a.report.weeks.find((w) => w.title?.valid);
  if (!week?.title || week.sections.some((s) => s.role === 'review')) return [];
  const iso = { year: week.title.year, week: week.title.week };
  const from = index.previousWeek(iso);
  if (!from) return [];
  const { goals, followUps } = carriedItems(from.week, a.config.profile);
  if (goals.length + followUps.length === 0) return [];
  const title = pick(followUps.length ? fmt(MSG.lensFollowUps, goals.length, formatIsoWeek(from.iso), followUps.length) : fmt(MSG.lens, goals.length, formatIsoWeek(from.iso)), session.locale);
  const args: NewReportParams = { folderUri: folder, week: formatIsoWeek(iso), uri };
  return [{ range: week.title.range, command: { title, command: NewReportCommand, arguments: [args] } }];
}

const SYMBOL_KIND = { week: SymbolKind.Namespace, project: SymbolKind.Package } as const;

/** `workspace/symbol` over every folder's index (complete or still indexing). */
export function toWorkspaceSymbols(session: Session, query: string, token?: CancellationToken): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const { index } of session.indexer.allIndexes()) {
    if (token?.isCancellationRequested) return out;
    for (const sym of workspaceSymbols(index.weeks(), query ?? '', 1000 - out.length)) {
      out.push({ name: sym.name, kind: SYMBOL_KIND[sym.kind], location: { uri: sym.uri, range: sym.range }, ...(sym.container ? { containerName: sym.container } : {}) });
    }
  }
  return out;
}
