/**
 * The workspace index in the server: one `WorkspaceIndex` per workspace folder, filled from disk
 * when the folder is added (or its profile changes) and kept current from file-watch events and
 * open documents (unsaved editor content wins over the disk; on close the disk is read again).
 *
 * Indexing a folder lists its reports with the profile's include/exclude globs and reads them in
 * chunks, yielding to the event loop between chunks, so requests are answered while it runs. A
 * newer run for the same folder (or shutdown) cancels the older one. Until a folder's first run
 * completes, its index is not offered as history (a half-filled index would name the wrong
 * previous week); `onIndexed` tells the session when it is.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Profile } from '../core/profile/schema';
import { WorkspaceIndex, type IndexedReport } from '../core/workspace';
import type { IsoWeek } from '../core/weeks';
import type { ParsedReport } from '../core/parse';
import { uriToPath } from './paths';
// `require`, not `import`: esbuild then bundles the CommonJS builds (see server/src/cli/files.ts)
import tinyglobby = require('tinyglobby');
import picomatch = require('picomatch');

/** files read between two yields to the event loop */
export const CHUNK = 25;
/** indexing yields to pending requests after this much parsing (ms) */
const SLICE_MS = 15;

export interface IndexerHost {
  /** the profile of a workspace folder (async: settings are read from the client) */
  profileOf(folder: string): Promise<Profile>;
  /** the unsaved text of an open document, if it is open */
  openText(uri: string): string | undefined;
  /** the URIs of the open documents */
  openUris(): string[];
  /** the server's parse of an open document's current text under `profile`, if it has one (not parsed twice) */
  openParsed?(uri: string, profile: Profile): ParsedReport | undefined;
  /** a folder finished (re)indexing */
  onIndexed(folder: string): void;
  /** these files' weeks changed (before and after): dependants may need revalidation */
  onChanged(folder: string, uris: string[], weeks: IsoWeek[]): void;
  log(message: string): void;
}

interface FolderState {
  folder: string;
  index: WorkspaceIndex;
  profile?: Profile;
  matcher?: (rel: string) => boolean;
  /** bumped by every run and by removal: a run checks it and stops when it is no longer current */
  run: number;
  ready: boolean;
  /** resolves when the current run finishes (for tests and the newReport request) */
  done: Promise<void>;
}

/** whether a URI is one of a folder's reports, by the folder's matcher (`included`) */
const includedBy = new WeakMap<(rel: string) => boolean, Map<string, boolean>>();

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class WorkspaceIndexer {
  private readonly folders = new Map<string, FolderState>();
  private disposed = false;

  constructor(private readonly host: IndexerHost) {}

  /** Makes the indexed folders exactly `folders` and (re)indexes them all: the settings, the profile or the folders changed. */
  setFolders(folders: readonly string[]): void {
    const wanted = new Set(folders);
    for (const f of [...this.folders.keys()]) {
      if (wanted.has(f)) continue;
      this.folders.get(f)!.run++;
      this.folders.delete(f);
    }
    for (const f of wanted) this.reindex(f);
  }

  /** (Re)indexes one folder from scratch; cancels a run in progress for it. */
  reindex(folder: string): void {
    if (this.disposed) return;
    let state = this.folders.get(folder);
    if (!state) {
      state = { folder, index: new WorkspaceIndex(), run: 0, ready: false, done: Promise.resolve() };
      this.folders.set(folder, state);
    }
    const run = ++state.run;
    state.done = this.indexFolder(state, run).catch((e: unknown) => this.host.log(`zhoubao: indexing ${folder} failed: ${String(e)}`));
  }

  private current(state: FolderState, run: number): boolean {
    return !this.disposed && state.run === run && this.folders.get(state.folder) === state;
  }

  private async indexFolder(state: FolderState, run: number): Promise<void> {
    const profile = await this.host.profileOf(state.folder);
    if (!this.current(state, run)) return;
    const root = uriToPath(state.folder);
    if (!root) {
      state.ready = true;
      return;
    }
    // the profile schema rejects patterns leaving the folder; files outside it are dropped anyway
    const files = (await tinyglobby.glob(profile.include, { cwd: root, ignore: profile.exclude, absolute: true, onlyFiles: true, dot: false })).filter((f) => insideFolder(root, f));
    if (!this.current(state, run)) return;
    // a fresh index: the old one stays in use (and keeps its entries) until this run replaces it
    const index = new WorkspaceIndex();
    let slice = performance.now();
    for (let i = 0; i < files.length; i += CHUNK) {
      const chunk = files.slice(i, i + CHUNK);
      const texts = await Promise.all(chunk.map((f) => readText(f)));
      if (!this.current(state, run)) return;
      for (let j = 0; j < chunk.length; j++) {
        const uri = pathToFileURL(path.resolve(chunk[j])).href;
        const open = this.host.openText(uri);
        const text = open ?? texts[j];
        if (text !== undefined) safeSet(index, uri, text, profile, open !== undefined ? 'editor' : 'disk', this.host.log, open !== undefined ? this.host.openParsed?.(uri, profile) : undefined);
        // parsing is the work: requests wait at most one slice, not one chunk
        if (performance.now() - slice > SLICE_MS) {
          await yieldToEventLoop();
          if (!this.current(state, run)) return;
          slice = performance.now();
        }
      }
      await yieldToEventLoop();
      if (!this.current(state, run)) return;
      slice = performance.now();
    }
    state.index = index;
    state.profile = profile;
    state.matcher = matcher(profile);
    // open documents as they are now: edited while the run read the disk, or not on disk yet
    for (const uri of this.host.openUris()) {
      const text = this.host.openText(uri);
      if (text !== undefined && this.folderOf(uri) === state.folder && this.included(state, uri)) safeSet(index, uri, text, profile, 'editor', this.host.log, this.host.openParsed?.(uri, profile));
    }
    state.ready = true;
    this.host.onIndexed(state.folder);
  }

  // ---------------------------------------------------------------- queries

  /** The folder's index when its first indexing run has completed. */
  history(folder: string): WorkspaceIndex | undefined {
    const s = this.folders.get(folder);
    return s?.ready ? s.index : undefined;
  }

  /** The folder's index, complete or not. */
  index(folder: string): WorkspaceIndex | undefined {
    return this.folders.get(folder)?.index;
  }

  /** Resolves when the folder's current indexing run has finished. */
  async whenIndexed(folder: string): Promise<WorkspaceIndex | undefined> {
    for (;;) {
      const s = this.folders.get(folder);
      if (!s) return undefined;
      const run = s.run;
      await s.done;
      if (this.folders.get(folder) !== s) return undefined;
      if (s.run === run) return s.index;
    }
  }

  /** The folder that holds `uri` among the indexed ones ('' for none). */
  folderOf(uri: string): string {
    let best = '';
    for (const f of this.folders.keys()) if (uri.startsWith(f + '/') && f.length > best.length) best = f;
    return best;
  }

  allIndexes(): Array<{ folder: string; index: WorkspaceIndex; ready: boolean }> {
    return [...this.folders.values()].map((s) => ({ folder: s.folder, index: s.index, ready: s.ready }));
  }

  // ---------------------------------------------------------------- updates

  /** The text of `uri` is now `text` (an open document changed, or a watched file changed on disk). */
  update(uri: string, text: string, source: IndexedReport['source'], parsed?: { report: ParsedReport; profile: Profile }): void {
    const state = this.stateFor(uri);
    if (!state?.profile || !state.matcher || !this.included(state, uri)) return;
    const before = weeksOf(state.index.get(uri));
    // the caller's parse of this text is reused when it was made under the folder's profile
    const report = parsed && parsed.profile === state.profile ? parsed.report : undefined;
    const after = weeksOf(safeSet(state.index, uri, text, state.profile, source, this.host.log, report));
    if (before.length || after.length) this.host.onChanged(state.folder, [uri], [...before, ...after]);
  }

  /** `uri` is gone from disk (a file, or a folder with everything under it). */
  removed(uri: string): void {
    const state = this.stateFor(uri);
    if (!state) return;
    const gone = state.index.reports().filter((r) => (r.uri === uri || r.uri.startsWith(uri.replace(/\/+$/, '') + '/')) && this.host.openText(r.uri) === undefined);
    if (!gone.length) return;
    const weeks = gone.flatMap((r) => weeksOf(r));
    for (const r of gone) state.index.delete(r.uri);
    this.host.onChanged(state.folder, gone.map((r) => r.uri), weeks);
  }

  /** A file changed or appeared on disk: read it (an open document's content wins). */
  async changedOnDisk(uri: string): Promise<void> {
    if (this.host.openText(uri) !== undefined) return;
    const file = uriToPath(uri);
    if (!file) return;
    const text = await readText(file);
    if (this.host.openText(uri) !== undefined) return;
    if (text === undefined) this.removed(uri);
    else this.update(uri, text, 'disk');
  }

  /** An open document was closed: the disk is the truth again. */
  async closed(uri: string): Promise<void> {
    const state = this.stateFor(uri);
    if (!state || !state.index.get(uri) && !this.included(state, uri)) return;
    const file = uriToPath(uri);
    const text = file ? await readText(file) : undefined;
    if (this.host.openText(uri) !== undefined) return;
    if (text !== undefined) this.update(uri, text, 'disk');
    else if (state.index.get(uri)) {
      const weeks = weeksOf(state.index.get(uri));
      state.index.delete(uri);
      this.host.onChanged(state.folder, [uri], weeks);
    }
  }

  private stateFor(uri: string): FolderState | undefined {
    const folder = this.folderOf(uri);
    return folder ? this.folders.get(folder) : undefined;
  }

  private included(state: FolderState, uri: string): boolean {
    const m = state.matcher;
    if (!m) return false;
    // asked on every keystroke in an open report: kept per URI while the folder's patterns are the same
    let known = includedBy.get(m);
    if (!known) includedBy.set(m, (known = new Map()));
    let yes = known.get(uri);
    if (yes === undefined) {
      const root = uriToPath(state.folder);
      const file = uriToPath(uri);
      const rel = root && file ? path.relative(root, file).split(path.sep).join('/') : undefined;
      yes = rel !== undefined && !rel.startsWith('..') && m(rel);
      known.set(uri, yes);
    }
    return yes;
  }

  dispose(): void {
    this.disposed = true;
    for (const s of this.folders.values()) s.run++;
  }
}

/** Whether `file` lies inside the folder `root` (not `..`, not another drive). */
export function insideFolder(root: string, file: string): boolean {
  const rel = path.relative(root, path.resolve(root, file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function matcher(profile: Profile): (rel: string) => boolean {
  const inc = picomatch(profile.include, { dot: false });
  const exc = profile.exclude.length ? picomatch(profile.exclude, { dot: true }) : () => false;
  return (rel) => inc(rel) && !exc(rel);
}

function safeSet(index: WorkspaceIndex, uri: string, text: string, profile: Profile, source: IndexedReport['source'], log: (m: string) => void, parsed?: ParsedReport): IndexedReport | undefined {
  try {
    return index.set(uri, text, profile, source, parsed);
  } catch (e) {
    log(`zhoubao: cannot index ${uri}: ${String(e)}`);
    index.delete(uri);
    return undefined;
  }
}

function weeksOf(entry: IndexedReport | undefined): IsoWeek[] {
  if (!entry) return [];
  return entry.report.weeks.filter((w) => w.title?.valid).map((w) => ({ year: w.title!.year, week: w.title!.week }));
}

async function readText(file: string): Promise<string | undefined> {
  try {
    const buf = await fs.readFile(file);
    return buf.toString('utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}
