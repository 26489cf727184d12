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
