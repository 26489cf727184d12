/**
 * Settings and profile per workspace folder. Nothing is held in globals: for each folder the
 * `zhoubao.*` settings are read through `workspace/configuration` (defaults when the client
 * cannot answer), the profile file (`.zhoubao.json` or `zhoubao.profile`) is read from the open
 * editor if it is open, else from disk, and settings are applied over it:
 * defaults < profile file < settings. The result is cached per folder until invalidated.
 * An invalid profile file gets its problems published on its own URI and the defaults stay in force.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Locale } from '../core/l10n';
import { defaultProfile } from '../core/profile/defaults';
import { applyOverride, loadProfileText } from '../core/profile/load';
import type { Profile, ProfileOverride } from '../core/profile/schema';
import { profileDiagnostic } from './convert';
import { sameFile, uriToPath } from './paths';
import { defaultSettings, type ZhoubaoSettings } from './protocol';

export const DEFAULT_PROFILE_FILE = defaultSettings.profile;

export interface FolderConfig {
  /** the workspace folder URI; '' for documents outside every folder */
  folder: string;
  settings: ZhoubaoSettings;
  profile: Profile;
  /** the profile file consulted (whether or not it exists); undefined outside folders */
  profileUri?: string;
}

export interface ConfigOptions {
  /** the client answers `workspace/configuration` */
  configuration: boolean;
  locale: Locale;
  log(message: string): void;
  /** a folder's profile lives at `relativePath` (from its settings): watch it */
  watchProfile?(folder: string, relativePath: string): void;
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Settings as the client sent them (anything) → well-typed settings over the defaults. */
export function normalizeSettings(raw: unknown, log?: (m: string) => void): ZhoubaoSettings {
  const r = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const s: ZhoubaoSettings = { ...defaultSettings, rules: {} };
  if (typeof r.enable === 'boolean') s.enable = r.enable;
  if (typeof r.profile === 'string' && r.profile.trim()) s.profile = r.profile.trim();
  if (r.titleStyle === 'iso' || r.titleStyle === 'cn') s.titleStyle = r.titleStyle;
  if (r.rules && typeof r.rules === 'object' && !Array.isArray(r.rules)) {
    for (const [code, sev] of Object.entries(r.rules as Record<string, unknown>)) {
      if (/^WR\d{3}$/.test(code) && typeof sev === 'string' && SEVERITIES.has(sev)) s.rules[code] = sev as ZhoubaoSettings['rules'][string];
      else log?.(`zhoubao.rules: ignoring ${JSON.stringify(code)}: ${JSON.stringify(sev)} (expected WR0xx: error|warning|information|hint|off)`);
    }
  }
  return s;
}

export class ConfigStore {
  private folders: string[] = [];
  private readonly cache = new Map<string, Promise<FolderConfig>>();
  private readonly resolved = new Map<string, FolderConfig>();
  /** bumped on invalidation: a load that finished for an older generation publishes nothing */
  private readonly generation = new Map<string, number>();
  /** folder → profile URI that currently shows profile diagnostics */
  private readonly published = new Map<string, string>();
  /** settings pushed by `workspace/didChangeConfiguration`, for clients without `workspace/configuration` */
  private pushed: unknown;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly options: ConfigOptions,
  ) {}

  setFolders(uris: string[]): void {
    this.folders = [...new Set(uris.map((u) => u.replace(/\/+$/, '')))].sort((a, b) => b.length - a.length);
    // a folder that left the workspace takes its profile problems with it
    for (const [folder, uri] of [...this.published]) {
      if (this.folders.includes(folder)) continue;
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      this.published.delete(folder);
    }
    this.invalidate();
  }

  workspaceFolders(): readonly string[] {
    return this.folders;
  }

  setPushedSettings(settings: unknown): void {
    this.pushed = settings;
  }

  /** The innermost workspace folder holding `uri`, '' when none does. */
  folderOf(uri: string): string {
    return this.folders.find((f) => uri.startsWith(f + '/')) ?? this.folders.find((f) => isInside(f, uri)) ?? '';
  }

  get(uri: string): Promise<FolderConfig> {
    const folder = this.folderOf(uri);
    let p = this.cache.get(folder);
    if (!p) {
      p = this.load(folder, this.generation.get(folder) ?? 0);
      this.cache.set(folder, p);
    }
    return p;
  }

  /** Loads every workspace folder's config now (so that profile problems show without a report open). */
  loadAll(): void {
    for (const f of this.folders) void this.get(f + '/');
  }

  /** Forget cached configs: of one folder, or of all. */
  invalidate(folder?: string): void {
    const keys = folder === undefined ? [...new Set([...this.cache.keys(), ...this.folders, ''])] : [folder];
    for (const k of keys) {
      this.cache.delete(k);
      this.resolved.delete(k);
      this.generation.set(k, (this.generation.get(k) ?? 0) + 1);
    }
  }

  /**
   * The folders whose profile may be the file at `uri`: those that consulted it, and those not
   * loaded yet that contain it (their profile path is not known until their settings are read).
   */
  foldersUsingProfile(uri: string): string[] {
    const hits = new Set<string>();
    for (const c of this.resolved.values()) if (c.profileUri && sameFile(c.profileUri, uri)) hits.add(c.folder);
    for (const f of this.folders) if (!this.resolved.has(f) && (uri.startsWith(f + '/') || isInside(f, uri))) hits.add(f);
    return [...hits];
  }

  private async load(folder: string, generation: number): Promise<FolderConfig> {
    const settings = await this.readSettings(folder);
    let profile = defaultProfile;
    let profileUri: string | undefined;
    const folderPath = folder ? uriToPath(folder) : undefined;
    if (folder && folderPath) {
      const profilePath = path.resolve(folderPath, settings.profile);
      if (settings.profile !== DEFAULT_PROFILE_FILE) this.options.watchProfile?.(folder, settings.profile);
      profileUri = this.documents.all().find((d) => sameFile(d.uri, pathToFileURL(profilePath).href))?.uri ?? pathToFileURL(profilePath).href;
      const open = this.documents.get(profileUri);
      const text = open ? open.getText() : await this.readFile(profilePath);
      let diagnostics: Diagnostic[] = [];
      if (text !== undefined) {
        const loaded = loadProfileText(text);
        profile = loaded.profile;
        diagnostics = loaded.problems.map((p) => profileDiagnostic(p, this.options.locale));
      }
      if (this.isCurrent(folder, generation)) this.publishProfileProblems(folder, profileUri, diagnostics, open?.version);
    }
    const override: ProfileOverride = {};
    if (Object.keys(settings.rules).length) override.rules = settings.rules;
    if (settings.titleStyle) override.titleStyle = settings.titleStyle;
    if (Object.keys(override).length) {
      const applied = applyOverride(profile, override);
      for (const p of applied.problems) this.options.log(`zhoubao settings: ${p.message.en}`);
      profile = applied.profile;
    }
    const config: FolderConfig = { folder, settings, profile, profileUri };
    if (this.isCurrent(folder, generation)) this.resolved.set(folder, config);
    return config;
  }

  private isCurrent(folder: string, generation: number): boolean {
    return (this.generation.get(folder) ?? 0) === generation;
  }

  private async readSettings(folder: string): Promise<ZhoubaoSettings> {
    if (!this.options.configuration) {
      const pushed = this.pushed as { zhoubao?: unknown } | undefined;
      return normalizeSettings(pushed?.zhoubao ?? pushed, this.options.log);
    }
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration(folder ? { scopeUri: folder, section: 'zhoubao' } : { section: 'zhoubao' });
      return normalizeSettings(raw, this.options.log);
    } catch (e) {
      this.options.log(`zhoubao: cannot read settings${folder ? ` for ${folder}` : ''}: ${String(e)}; using defaults`);
      return normalizeSettings(undefined);
    }
  }

  private async readFile(file: string): Promise<string | undefined> {
    try {
      return await fs.readFile(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.options.log(`zhoubao: cannot read profile ${file}: ${String(e)}; using defaults`);
      return undefined;
    }
  }

  private publishProfileProblems(folder: string, uri: string, diagnostics: Diagnostic[], version: number | undefined): void {
    const before = this.published.get(folder);
    if (before && before !== uri) void this.connection.sendDiagnostics({ uri: before, diagnostics: [] });
    if (diagnostics.length === 0 && before === undefined) return;
    void this.connection.sendDiagnostics({ uri, diagnostics, ...(version !== undefined ? { version } : {}) });
    if (diagnostics.length) this.published.set(folder, uri);
    else this.published.delete(folder);
  }
}

function isInside(folderUri: string, uri: string): boolean {
  const f = uriToPath(folderUri);
  const p = uriToPath(uri);
  if (!f || !p) return false;
  const rel = path.relative(f, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
