/**
 * Fixture reports carry their own expectations, at the end of the file:
 *
 *   <!-- zhoubao-expect
 *   WR020 L25 "系统运行数据"
 *   WR041 L60 "17:13"
 *   -->
 *
 * one line per expected finding: the code, the 1-based line where its range starts, and
 * optionally the exact text its range covers. `<!-- zhoubao-expect codes=WR040,WR041 ... -->`
 * restricts the comparison to those codes (for fixtures that are deliberately not whole reports).
 * A fixture may also say how to check it: `<!-- zhoubao-fixture {"fileName": "2024-W12.md",
 * "now": "2024-03-22T15:00:00", "profile": { …override… }} -->`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Expected {
  code: string;
  line: number; // 1-based
  text?: string;
}

export interface Fixture {
  file: string;
  name: string;
  text: string;
  expected: Expected[];
  codes?: string[];
  fileName: string;
  now?: Date;
  profile?: unknown;
}

export function readFixture(file: string): Fixture {
  const text = fs.readFileSync(file, 'utf8');
  const fixture: Fixture = { file, name: path.basename(file), text, expected: [], fileName: path.basename(file) };
  const cfg = /<!--\s*zhoubao-fixture\s+([\s\S]*?)-->/.exec(text);
  if (cfg) {
    const c = JSON.parse(cfg[1]) as { fileName?: string; now?: string; profile?: unknown };
    if (c.fileName) fixture.fileName = c.fileName;
    if (c.now) fixture.now = new Date(c.now);
    if (c.profile) fixture.profile = c.profile;
  }
  const exp = /<!--\s*zhoubao-expect([^\n]*)\n([\s\S]*?)-->/.exec(text);
  if (!exp) throw new Error(`${file}: no <!-- zhoubao-expect … --> block`);
  const codes = /codes=([\w,]+)/.exec(exp[1]);
  if (codes) fixture.codes = codes[1].split(',');
  for (const raw of exp[2].split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(WR\d{3})\s+L(\d+)(?:\s+"(.*)")?$/.exec(line);
    if (!m) throw new Error(`${file}: cannot read expectation line: ${line}`);
    fixture.expected.push({ code: m[1], line: Number(m[2]), ...(m[3] !== undefined ? { text: m[3] } : {}) });
  }
  return fixture;
}

export function listFixtures(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(dir, f));
}
