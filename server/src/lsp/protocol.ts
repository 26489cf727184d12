/**
 * Custom requests and notifications between the Zhoubao client and server: the one module both
 * sides import, so names and payloads cannot drift apart.
 */

/** Server → client answer to `zhoubao/serverStatus`: used by tests and the status item. */
export const ServerStatusRequest = 'zhoubao/serverStatus';
export interface ServerStatus {
  pid: number;
  version: string;
  /** open documents the server tracks */
  documents: number;
  /** the V8 optimisation budget the server set for itself (`jit.ts`); absent when Node was given one */
  interruptBudget?: number;
}

/** The `zhoubao.*` settings, as read per resource through `workspace/configuration`. */
export interface ZhoubaoSettings {
  enable: boolean;
  /** the profile file, relative to the workspace folder */
  profile: string;
  /** severity overrides by rule code: `{ "WR005": "off" }` */
  rules: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'>;
  /** preferred title style; unset: the profile's */
  titleStyle?: 'iso' | 'cn';
}

export const defaultSettings: ZhoubaoSettings = { enable: true, profile: '.zhoubao.json', rules: {} };

/** Client → server `zhoubao/indexStatus`: what the workspace index holds (tests, status). */
export const IndexStatusRequest = 'zhoubao/indexStatus';
export interface IndexStatus {
  folders: Array<{
    folder: string;
    /** the first indexing run completed (its index is used as history) */
    ready: boolean;
    /** report files indexed */
    reports: number;
    /** every titled week, sorted: `2024-W12` and the file claiming it */
    weeks: Array<{ week: string; uri: string; source: 'editor' | 'disk' }>;
  }>;
}

/** A text edit as plain JSON (0-based line, UTF-16 character), the same shape as LSP's. */
export interface PlainTextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

/**
 * Client → server `zhoubao/newReport`: the carry-over plan for next week's report. The server
 * plans (reading the target file's unsaved content when it is open, else the disk); the client
 * applies: `create` → writes `text` at `uri` if no file is there yet; `insert` → one edit on the
 * document (at `version` when it is open); `nothing` and `error` → `message` to show.
 */
export const NewReportRequest = 'zhoubao/newReport';
export interface NewReportParams {
  /** the workspace folder; default: the folder of `uri`, else the first folder with reports */
  folderUri?: string;
  /** the week to create, `2024-W13`; default: the week after the latest report */
  week?: string;
  /** the report the request comes from (the code lens): decides the folder */
  uri?: string;
}
interface NewReportBase {
  /** the target file */
  uri: string;
  /** `2024-W13` */
  week: string;
  /** the report carried from, `2024-W12` */
  from: string;
  fromUri: string;
  /** localized, to show */
  message: string;
}
export type NewReportResult =
  | (NewReportBase & { kind: 'create'; text: string })
  | (NewReportBase & { kind: 'insert'; edits: PlainTextEdit[]; /** the open document's version the edits are for */ version?: number })
  | (NewReportBase & { kind: 'nothing' })
  | { kind: 'error'; message: string; week?: string };

/** The command the code lens runs, with one `NewReportParams` argument. */
export const NewReportCommand = 'zhoubao.newReport';

/**
 * Client → server `zhoubao/trends`: the trend charts of a workspace folder (docs/trends.md), as
 * SVG rendered by the server (no charting script in the webview). Each point links to its report
 * (`file:///…/2024-W23.md#L17`, 1-based line).
 */
export const TrendsRequest = 'zhoubao/trends';
export interface TrendsParams {
  /** the workspace folder; default: the folder with the latest report */
  folderUri?: string;
  /** `2024-W01` */
  from?: string;
  to?: string;
}
export interface TrendsResult {
  folder?: string;
  /** the week axis, `2024-W22` … */
  weeks: string[];
  gaps: string[];
  /** weeks with a report */
  reports: number;
  charts: Array<{ id: string; title: string; svg: string }>;
  /** localized notes to show (gaps, duplicates) */
  notes: string[];
  /** localized: why there is nothing to show */
  message?: string;
}

/**
 * Client → server `zhoubao/rollup`: the roll-up draft (Markdown, in the dialect's style) of a month
 * (`2024-06`), quarter (`2024-Q2`) or half-year (`2024-H1`) of a workspace folder (docs/trends.md).
 */
export const RollupRequest = 'zhoubao/rollup';
export interface RollupParams {
  period: string;
  folderUri?: string;
}
export interface RollupResult {
  /** the draft; absent when there is nothing to summarise */
  markdown?: string;
  /** `2024-06` as understood */
  period?: string;
  /** the ISO weeks of the period, `2024-W23 – 2024-W26` */
  weeks?: string;
  reports: number;
  /** localized: why there is no draft */
  message?: string;
}
