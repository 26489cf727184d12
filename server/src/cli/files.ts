/**
 * Which files `zhoubao check` looks at. Named files are checked as given; directories (and the
 * current directory when nothing is named) are searched with the profile's include and exclude
 * globs; anything else with glob characters is a glob relative to the current directory. A name
 * that is none of these, a directory that cannot be read or a glob that matches nothing is an
 * input error (exit code 2), as in other linters: a CI job must not pass by checking nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fmt, type Localized } from '../core/l10n';
import type { Profile } from '../core/profile/schema';
import { MSG } from './messages';
// `require`, not `import`, so that esbuild bundles the CommonJS build: the ESM build of its
// dependency fdir calls createRequire(import.meta.url), which is undefined in a CommonJS bundle
import tinyglobby = require('tinyglobby');

const { globSync, isDynamicPattern } = tinyglobby;

export interface ResolvedFiles {
  /** absolute paths, unique, sorted by their path relative to cwd */
  files: string[];
  errors: Localized[];
}

/** A path relative to `cwd` with `/` separators (what the outputs show). */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
}

function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return 'permission denied';
  return err?.code ?? (err instanceof Error ? err.message : String(e));
}

function searchDirectory(dir: string, profile: Profile): string[] {
  return globSync(profile.include, { cwd: dir, ignore: profile.exclude, absolute: true, onlyFiles: true, dot: false }).map((f) => path.resolve(f));
}

export function resolveFiles(paths: readonly string[], cwd: string, profile: Profile): ResolvedFiles {
  const found = new Set<string>();
  const errors: Localized[] = [];

  const addDirectory = (dir: string, shown: string) => {
    try {
      fs.accessSync(dir, fs.constants.R_OK | fs.constants.X_OK);
      fs.readdirSync(dir);
    } catch (e) {
      errors.push(fmt(MSG.unreadableDir, shown, errorText(e)));
      return;
    }
    const files = searchDirectory(dir, profile);
    if (files.length === 0) errors.push(fmt(MSG.emptyDir, shown));
    for (const f of files) found.add(f);
  };

  if (paths.length === 0) addDirectory(cwd, '.');

  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'ENOTDIR') {
        errors.push(fmt(MSG.unreadableFile, p, errorText(e)));
        continue;
      }
    }
    if (stat?.isDirectory()) {
      addDirectory(abs, p);
    } else if (stat) {
      found.add(abs);
    } else if (isDynamicPattern(p)) {
      const pattern = p.split(path.sep).join('/');
      const files = globSync(pattern, { cwd, ignore: profile.exclude, absolute: true, onlyFiles: true, expandDirectories: false }).map((f) =>
        path.resolve(f),
      );
      if (files.length === 0) errors.push(fmt(MSG.noMatch, p));
      for (const f of files) found.add(f);
    } else {
      errors.push(fmt(MSG.notFound, p));
    }
  }

  const files = [...found].sort((a, b) => {
    const x = displayPath(a, cwd);
    const y = displayPath(b, cwd);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return { files, errors };
}
