/**
 * What the tool knows about its own package: version and home page from package.json, and
 * where the rule pages are. The bundle lives in `dist/`, so both are found next to it
 * (`dist/../package.json`, `dist/../docs/rules`); walking up also works from the sources.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PackageInfo {
  version: string;
  informationUri: string;
  /** the package root: package.json, docs/, dist/ */
  root: string;
}

let cached: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  if (cached) return cached;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
        homepage?: string;
        repository?: string | { url?: string };
      };
      if (pkg.name === 'zhoubao') {
        const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
        const informationUri = pkg.homepage ?? (repo ? repo.replace(/^git\+/, '').replace(/\.git$/, '') : 'https://example.invalid/zhoubao');
        return (cached = { version: pkg.version ?? '0.0.0', informationUri, root: dir });
      }
    } catch {
      // not here: one level up
    }
    dir = path.dirname(dir);
  }
  return (cached = { version: '0.0.0', informationUri: 'https://example.invalid/zhoubao', root: path.resolve(__dirname, '..') });
}

/** The file URI of a rule's page (`docs/rules/WR023.md`); the profile's problems link to docs/profile.md. */
export function ruleHelpUri(code: string): string {
  const root = packageInfo().root;
  const file = /^WR\d{3}$/.test(code) ? path.join(root, 'docs', 'rules', `${code}.md`) : path.join(root, 'docs', 'profile.md');
  return pathToFileURL(file).href;
}
