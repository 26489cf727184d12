/**
 * Cross-week fixture cases (used by test/unit/cross-week.test.ts and the rule catalogue test):
 * each folder of test/fixtures/weeks is a small workspace of consecutive
 * reports written by us (`2024-W10.md`, `2024-W11.md`…). The LAST file (by name) carries the usual
 * `<!-- zhoubao-expect … -->` block and is checked with the index of the whole folder as history
 * (`WorkspaceIndex.historyFor`), exactly as the server and `zhoubao check` do; then every quick fix
 * is applied (the fixed text re-indexed) and the file checked again, as in the main harness.
 * A folder's name starts with the code it is about (`wr031-…`), which the rule catalogue test reads.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyOverride, checkDocument, defaultProfile, WorkspaceIndex, type Finding, type Profile } from '../../server/src/core';
import { listFixtures, readFixture, type Fixture } from './fixtures';

const ROOT = path.resolve(__dirname, '../..');
const WEEKS = path.join(ROOT, 'test/fixtures/weeks');

export interface WeekCase {
  name: string;
  dir: string;
  files: string[];
  last: Fixture;
}

export function weekCases(): WeekCase[] {
  if (!fs.existsSync(WEEKS)) return [];
  return fs
    .readdirSync(WEEKS)
    .filter((d) => fs.statSync(path.join(WEEKS, d)).isDirectory())
    .sort()
    .map((name) => {
      const dir = path.join(WEEKS, name);
      const files = listFixtures(dir);
      return { name, dir, files, last: readFixture(files[files.length - 1]) };
    });
}

export function profileFor(f: Fixture): Profile {
  if (!f.profile) return defaultProfile;
  const loaded = applyOverride(defaultProfile, f.profile);
  assert.deepEqual(loaded.problems, [], `${f.name}: the fixture's profile is invalid`);
  return loaded.profile;
}

/** Checks the last file of a case (with `text` in place of its content) against the folder's index. */
export function checkCase(c: WeekCase, text = c.last.text): Finding[] {
  const profile = profileFor(c.last);
  const index = new WorkspaceIndex();
  for (const f of c.files) index.set(path.basename(f), f === c.last.file ? text : fs.readFileSync(f, 'utf8'), profile);
  const uri = path.basename(c.last.file);
  return checkDocument({ text, profile, fileName: c.last.fileName, now: c.last.now ?? new Date(2024, 2, 22, 15, 0), history: index.historyFor(uri) });
}

