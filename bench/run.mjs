/**
 * `npm run bench`: Zhoubao's language server side by side with the Microsoft Markdown language
 * server and a null server (the JSON-RPC floor), on the same generated documents and the same
 * work, in one run (and Zhoubao again with every rule off: what a keystroke costs before any rule
 * runs); plus the markdownlint library and remark-parse alone in process, and the
 * extension itself (bench/extension.mjs: production .vsix size, activation in a real VS Code).
 * Prints the table and writes docs/performance.md. Options: --quick (fewer repetitions),
 * --no-write, --no-vscode (no VS Code: the .vsix size only), --only extension (only the Extension
 * section: replaces that section of docs/performance.md and its key of bench/results.json).
 *
 * Zhoubao's server runs with ZHOUBAO_DEBOUNCE_MS=0 so an edit is validated at once: the figure is
 * the work of a keystroke, not the 150 ms quiet time an editor session waits for.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client, SERVERS } from './client.mjs';
import { benchExtension, renderExtension } from './extension.mjs';
import { document, workspace } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const args = new Set(argv);
const QUICK = args.has('--quick');
const WRITE = !args.has('--no-write');
const VSCODE = !args.has('--no-vscode');
const ONLY = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
if (ONLY !== undefined && ONLY !== 'extension') {
  console.error(`--only: unknown section ${ONLY} (known: extension)`);
  process.exit(2);
}

const SIZES = [
  { name: '7 KB', bytes: 7 * 1024, open: 20, edits: 60, requests: 60 },
  { name: '100 KB', bytes: 100 * 1024, open: 12, edits: 40, requests: 40 },
  { name: '1 MB', bytes: 1024 * 1024, open: 6, edits: 25, requests: 25 },
];
if (QUICK) for (const s of SIZES) (s.open = 3), (s.edits = 6), (s.requests = 6);
const KINDS = ['zhoubao', 'microsoft', 'null'];
const WARMUP = 2;

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { median: q(0.5), p95: q(0.95), n: s.length };
}

const log = (m) => process.stderr.write(m + '\n');

async function timed(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Line numbers spread over the document (deterministic), skipping blank lines and those `skip` names. */
function spread(lines, count, offset = 0.5, skip = () => false) {
  const out = [];
  for (let i = 0; i < count; i++) {
    let l = Math.floor(((i * 0.618 + offset) % 1) * lines.length);
    while (l < lines.length - 1 && (lines[l].trim() === '' || skip(lines[l]))) l++;
    out.push(l);
  }
  return out;
}

/**
 * A server of `kind` started on the workspace folder `root/ws` (client settings `settings`), with
 * `main` the report in it and `outside` a folder beside it for copies.
 */
async function startIn(kind, root, settings = {}) {
  const dir = path.join(root, 'ws');
  const outside = path.join(root, 'outside');
  fs.mkdirSync(dir);
  fs.mkdirSync(outside);
  const client = await Client.start(kind, { folders: [pathToFileURL(dir).href], settings });
  client.initialized();
  return { client, main: pathToFileURL(path.join(dir, 'report.md')).href, outside };
}

async function benchDocument(kind, size, text, root) {
  const { client, main, outside } = await startIn(kind, root);
  const r = { initializeMs: client.initializeMs };
  // open → diagnostics, and RSS after the first open
  const opens = await openRepeatedly(client, size, text, main, outside, () => (r.rss = client.rss()));
  r.open = stats(opens.slice(1)); // the first open also warms the server up
  r.firstOpen = opens[0];
  // single-character edits at spread-out positions → diagnostics for that version
  const lines = client.lines(main);
  const at = spread(lines, size.edits + WARMUP);
  const pulls = { ...client.pulls };
  r.edit = await timeEdits(client, main, lines, at, '1');
  // pulled answers during the edits: how many were `unchanged` (the findings were the same)
  if (client.pull) r.editPulls = { full: client.pulls.full - pulls.full, unchanged: client.pulls.unchanged - pulls.unchanged };
  // what the edits published, for the payload floor (benchPushed)
  if (kind === 'zhoubao') published.set(size.name, client.published.get(main) ?? []);
  // new lines typed at line ends (the document grows by a line): every later part moves down
  r.enter = await timeEdits(client, main, lines, at, '\n');
  // memory after the edits: what is kept per keystroke must not pile up (each version of a 1 MB document is ~2 MB)
  r.rssEdited = client.rss();
  // completion at line ends, hover on progress values, document symbols
  const cur = client.lines(main);
  const comp = [];
  for (const [i, line] of spread(cur, size.requests + WARMUP, 0.3).entries()) {
    const ms = await timed(() => client.request('textDocument/completion', { textDocument: { uri: main }, position: { line, character: cur[line].length } }));
    if (i >= WARMUP) comp.push(ms);
  }
  r.completion = stats(comp);
  const hoverLines = cur.map((l, i) => [l, i]).filter(([l]) => /进度\d+%|成功率：99/.test(l));
  const hov = [];
  for (let i = 0; i < size.requests + WARMUP; i++) {
    const [l, line] = hoverLines[Math.floor(((i * 0.618 + 0.1) % 1) * hoverLines.length)];
    const m = /进度\d+%|成功率：99/.exec(l);
    const ms = await timed(() => client.request('textDocument/hover', { textDocument: { uri: main }, position: { line, character: m.index + m[0].length - 1 } }));
    if (i >= WARMUP) hov.push(ms);
  }
  r.hover = stats(hov);
  const sym = [];
  for (let i = 0; i < Math.min(size.requests, 20) + WARMUP; i++) {
    const ms = await timed(() => client.request('textDocument/documentSymbol', { textDocument: { uri: main } }));
    if (i >= WARMUP) sym.push(ms);
  }
  r.symbols = stats(sym);
  await client.stop();
  return r;
}

/**
 * Opens `main`, then `size.open` copies of the text outside the workspace folder (each closed
 * again), timing each until its diagnostics arrive; `afterFirst` runs after the first open.
 * Outside the folder: copies of the same weeks inside it would be duplicate weeks (WR006) and make
 * the server re-check the main document on every open.
 */
async function openRepeatedly(client, size, text, main, outside, afterFirst = () => {}) {
  const opens = [];
  let t = performance.now();
  client.open(main, text);
  await client.diagnostics(main, 1);
  opens.push(performance.now() - t);
  afterFirst();
  for (let i = 0; i < size.open; i++) {
    const uri = pathToFileURL(path.join(outside, `open-${i}.md`)).href;
    t = performance.now();
    client.open(uri, text);
    await client.diagnostics(uri, 1);
    opens.push(performance.now() - t);
    client.close(uri);
  }
  return opens;
}

/**
 * Where a keystroke's time goes: the same opens and edits as `benchDocument`, Zhoubao with every
 * rule of the catalogue off (the `zhoubao.rules` setting), so that what is left is keeping the
 * document, parsing the change, indexing it and answering the pull: the cost before any rule runs.
 */
async function benchNoRules(size, text, root, codes) {
  const { client, main, outside } = await startIn('zhoubao', root, { rules: Object.fromEntries(codes.map((c) => [c, 'off'])) });
  await openRepeatedly(client, size, text, main, outside);
  const lines = client.lines(main);
  const edit = await timeEdits(client, main, lines, spread(lines, size.edits + WARMUP), '1');
  const diagnostics = client.published.get(main)?.length ?? 0;
  await client.stop();
  if (diagnostics !== 0) throw new Error(`with every rule off, Zhoubao still gave ${diagnostics} diagnostics`);
  return edit;
}

/** The codes of the rule catalogue (`zhoubao rules --format json`). */
function ruleCodes() {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'rules', '--format', 'json'], { encoding: 'utf8' });
  return JSON.parse(out).map((r) => r.code);
}

/**
 * Types `insert` at the end of each line of `at` in turn (keeping `lines` current), timing each
 * edit until the diagnostics for its version arrive; the first WARMUP edits are not counted.
 */
async function timeEdits(client, uri, lines, at, insert) {
  return stats(await editTimes(client, uri, lines, at, insert));
}

/** As `timeEdits`, the time of each counted edit in order. */
async function editTimes(client, uri, lines, at, insert) {
  const out = [];
  for (let i = 0; i < at.length; i++) {
    const line = at[i];
    const ms = await timed(async () => {
      const v = client.edit(uri, line, lines[line].length, insert);
      if (insert === '\n') lines.splice(line + 1, 0, '');
      else lines[line] += insert;
      await client.diagnostics(uri, v);
    });
    if (i >= WARMUP) out.push(ms);
  }
  return out;
}

/**
 * A long typing session: many more one-character edits than `benchDocument` times (the same kind,
 * spread over the document), on Zhoubao and on the null server. The first edits of a session run
 * code that is not yet compiled by the JIT; the last `SESSION.last` show what typing costs once the
 * server has been in use for a while.
 *
 * The session types into every kind of line but headings. Hundreds of digits appended to line
 * ends would otherwise reach most headings, and a heading's name is the document's structure: a
 * week title `# 2025-W20` typed into `# 2025-W201` is no week, a file whose first heading is no
 * week title (and whose name is not a weekly file's) is no report, and nothing is checked in it
 * any more. An earlier version of this session did that after its 50th edit, and measured an
 * unchecked document from there on. So the session also checks that Zhoubao still shows as many
 * weeks in its outline at its end as at its start.
 */
async function benchSession(kind, size, text, root) {
  const { client, main } = await startIn(kind, root);
  const v = client.open(main, text);
  await client.diagnostics(main, v);
  // the outline's top level: the document's weeks (none when it is not a report)
  const weeks = async () => (await client.request('textDocument/documentSymbol', { textDocument: { uri: main } }))?.length ?? 0;
  const atOpen = await weeks();
  const lines = client.lines(main);
  const heading = (line) => /^ {0,3}#/.test(line);
  const times = await editTimes(client, main, lines, spread(lines, SESSION.edits + WARMUP, 0.1, heading), '1');
  const atEnd = await weeks();
  await client.stop();
  if (kind === 'zhoubao' && (atOpen === 0 || atEnd !== atOpen)) throw new Error(`the typing session changed the document's weeks: ${atOpen} after opening, ${atEnd} after the edits`);
  return { all: stats(times), last: stats(times.slice(-SESSION.last)), weeks: atEnd };
}

const SESSION = QUICK ? { edits: 20, last: 10 } : { edits: 400, last: 200 };

/** Zhoubao's diagnostics as pulled after its edits, per size (for the payload floor). */
const published = new Map();

/**
 * Diagnostics pushed, for clients that cannot pull: the same edits, Zhoubao pushing (a client
 * without pull support), the null server pushing none, and the payload floor: the null server
 * pushing, for every version, the diagnostics Zhoubao gave for the document (no work; the same
 * JSON to encode, send and decode). LSP has no delta for pushed diagnostics: every keystroke
 * sends them all.
 */
async function benchPushed(size, text, root) {
  const diagnostics = published.get(size.name) ?? [];
  const file = path.join(root, 'diagnostics.json');
  fs.writeFileSync(file, JSON.stringify(diagnostics));
  const out = { diagnostics: diagnostics.length, bytes: Buffer.byteLength(JSON.stringify(diagnostics)) };
  for (const [key, kind, env] of [['none', 'null-push', {}], ['echo', 'echo', { BENCH_ECHO: file }], ['zhoubao', 'zhoubao-push', {}]]) {
    const dir = path.join(root, key);
    fs.mkdirSync(dir);
    const client = await Client.start(kind, { folders: [pathToFileURL(dir).href], env });
    client.initialized();
    const main = pathToFileURL(path.join(dir, 'report.md')).href;
    client.open(main, text);
    await client.diagnostics(main, 1);
    const lines = client.lines(main);
    out[key] = await timeEdits(client, main, lines, spread(lines, size.edits + WARMUP), '1');
    await client.stop();
  }
  return out;
}

async function benchWorkspace(files) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zhoubao-bench-ws-')));
  for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.text);
  const folder = pathToFileURL(dir).href;
  const runs = [];
  for (let rep = 0; rep < (QUICK ? 1 : 3); rep++) {
    const client = await Client.start('zhoubao', { folders: [folder] });
    const t0 = performance.now();
    client.initialized();
    // a completion asked while the folder is being indexed
    const uri = pathToFileURL(path.join(dir, 'draft.md')).href;
    client.open(uri, '# 2025-W21\n\n## 【重点工作】\n\n- 【');
    const tc = performance.now();
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 3 } });
    const completionMs = performance.now() - tc;
    const statusDuring = await client.request('zhoubao/indexStatus', null);
    const pollMs = [];
    let readyMs;
    for (;;) {
      const tp = performance.now();
      const s = await client.request('zhoubao/indexStatus', null);
      pollMs.push(performance.now() - tp);
      const f = s.folders[0];
      if (f && f.ready && f.reports >= files.length) {
        readyMs = performance.now() - t0;
        break;
      }
      if (performance.now() - t0 > 120_000) throw new Error('index: not ready within 120 s');
      await new Promise((r) => setTimeout(r, 5));
    }
    const rss = client.rss();
    runs.push({ readyMs, completionMs, completionDuringIndexing: !(statusDuring.folders[0]?.ready ?? false), rss, poll: stats(pollMs) });
    client.close(uri);
    // typing in the newest weekly file, with the whole folder indexed as its history (first run only)
    if (rep === 0) runs[0].edit = await editWeeklyFile(client, dir, files[0]);
    await client.stop();
  }
  // the same edits on the null server: the floor for this file
  const floor = await Client.start('null', { folders: [folder] });
  floor.initialized();
  const floorEdit = await editWeeklyFile(floor, dir, files[0]);
  await floor.stop();
  // the Microsoft server's nearest work: its first workspace symbol search reads and parses every file
  let microsoft;
  {
    const client = await Client.start('microsoft', { folders: [folder] });
    client.initialized();
    const t = performance.now();
    await client.request('workspace/symbol', { query: '' });
    microsoft = { symbolsMs: performance.now() - t, rss: client.rss() };
    await client.stop();
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    bytes: files.reduce((a, f) => a + Buffer.byteLength(f.text), 0),
    readyMs: stats(runs.map((x) => x.readyMs)),
    completionMs: stats(runs.map((x) => x.completionMs)),
    duringIndexing: runs.every((x) => x.completionDuringIndexing),
    rss: stats(runs.map((x) => x.rss)),
    poll: runs[0].poll,
    edit: runs[0].edit,
    floorEdit,
    editedFile: files[0].name,
    microsoft,
  };
}

/** Opens `file` (in `dir`) and times one-character edits spread over it → diagnostics for each version. */
async function editWeeklyFile(client, dir, file) {
  const uri = pathToFileURL(path.join(dir, file.name)).href;
  client.open(uri, file.text);
  await client.diagnostics(uri, 1);
  const lines = client.lines(uri);
  const edit = await timeEdits(client, uri, lines, spread(lines, 40 + WARMUP), '1');
  client.close(uri);
  return edit;
}

async function benchLibraries(docs) {
  const { lint } = await import('markdownlint/sync');
  const { unified } = await import('unified');
  const remarkParse = (await import('remark-parse')).default;
  const out = {};
  for (const [name, text] of docs) {
    const reps = name === '1 MB' ? 3 : 15;
    const ml = [];
    const rp = [];
    for (let i = 0; i < reps + 1; i++) {
      let t = performance.now();
      lint({ strings: { doc: text } });
      if (i) ml.push(performance.now() - t);
      if (name === '1 MB' && i > 2) continue; // remark-parse takes ~20 s on 1 MB: 2 repetitions
      t = performance.now();
      unified().use(remarkParse).parse(text);
      if (i) rp.push(performance.now() - t);
    }
    out[name] = { markdownlint: stats(ml), remark: stats(rp) };
  }
  return out;
}

// ---------------------------------------------------------------- report

const f1 = (x) => (x === undefined ? '–' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ms = (s) => (s ? `${f1(s.median)} / ${f1(s.p95)}` : '–');
const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}×`);

function render(results, ws, libs, extension, machine, seconds) {
  const out = [];
  const row = (cells) => out.push(`| ${cells.join(' | ')} |`);
  out.push('## Language servers, per document size', '');
  out.push('Times in ms, median / p95. Ratios on medians. "floor" = the null server. Diagnostics are pulled from Zhoubao and the null server, as VS Code does (with the previous result id: an `unchanged` answer sends nothing again), and from the Microsoft server.', '');
  row(['measure', 'size', 'Zhoubao', 'Microsoft', 'null (floor)', 'Zhoubao ÷ Microsoft', 'Zhoubao ÷ floor']);
  row(['---', '---', '---:', '---:', '---:', '---:', '---:']);
  const measures = [
    ['open → diagnostics', 'open'],
    ['edit → diagnostics', 'edit'],
    ['new line → diagnostics', 'enter'],
    ['completion', 'completion'],
    ['hover', 'hover'],
    ['document symbols', 'symbols'],
  ];
  for (const [label, key] of measures) {
    for (const size of SIZES) {
      const z = results.zhoubao[size.name][key];
      const m = results.microsoft[size.name][key];
      const n = results.null[size.name][key];
      row([label, size.name, ms(z), ms(m), ms(n), ratio(z.median, m.median), ratio(z.median, n.median)]);
    }
  }
  for (const size of SIZES) {
    const z = results.zhoubao[size.name].rss;
    const m = results.microsoft[size.name].rss;
    const n = results.null[size.name].rss;
    row(['RSS after open (MB)', size.name, f1(z), f1(m), f1(n), ratio(z, m), ratio(z, n)]);
  }
  for (const size of SIZES) {
    const [z, m, n] = KINDS.map((k) => results[k][size.name].rssEdited);
    if (z === undefined) continue;
    row(['RSS after the edits and new lines (MB)', size.name, f1(z), f1(m), f1(n), ratio(z, m), ratio(z, n)]);
  }
  row(['start → initialize result', '–', f1(results.zhoubao['7 KB'].initializeMs), f1(results.microsoft['7 KB'].initializeMs), f1(results.null['7 KB'].initializeMs), '', '']);
  out.push('', `Repetitions per server and size: open ${SIZES.map((s) => s.open).join(' / ')}, edits ${SIZES.map((s) => s.edits).join(' / ')}, completion and hover ${SIZES.map((s) => s.requests).join(' / ')}, document symbols ${SIZES.map((s) => Math.min(s.requests, 20)).join(' / ')} (7 KB / 100 KB / 1 MB), after ${WARMUP} warm-up requests.`, '');
  const pulls = SIZES.map((s) => results.zhoubao[s.name].editPulls).filter(Boolean);
  if (pulls.length === SIZES.length) out.push(`Zhoubao's answers to the pulls after the edits, \`unchanged\` / full: ${pulls.map((p) => `${p.unchanged} / ${p.full}`).join(', ')} (7 KB / 100 KB / 1 MB).`, '');
  if (results.pushed) {
    out.push('### Diagnostics pushed (clients that cannot pull)', '');
    out.push('LSP pushes a document\'s diagnostics whole, with no delta: every keystroke sends them all. The same edits with a client that does not offer to pull: Zhoubao pushing; the null server pushing none (the floor); and the payload floor, the null server pushing for every version the diagnostics Zhoubao gave after its edits (no work; the same JSON to encode, send and decode). Edit → diagnostics, ms:', '');
    row(['size', 'diagnostics', 'JSON (KB)', 'null server', 'payload floor', 'Zhoubao', 'payload floor ÷ null', 'Zhoubao ÷ null', 'Zhoubao ÷ payload floor']);
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']);
    for (const size of SIZES) {
      const e = results.pushed[size.name];
      if (!e) continue;
      row([size.name, String(e.diagnostics), f1(e.bytes / 1024), ms(e.none), ms(e.echo), ms(e.zhoubao), ratio(e.echo.median, e.none.median), ratio(e.zhoubao.median, e.none.median), ratio(e.zhoubao.median, e.echo.median)]);
    }
    out.push('');
  }
  if (results.noRules) {
    out.push('### Where a keystroke\'s time goes', '');
    out.push('The same opens and edits (pulled), Zhoubao with every rule of the catalogue off (`zhoubao.rules`): what is left is keeping the document, parsing the change, indexing it and answering the pull, the cost before any rule runs. Edit → diagnostics, ms:', '');
    row(['size', 'null (floor)', 'Zhoubao, every rule off', 'Zhoubao', 'every rule off ÷ floor', 'Zhoubao ÷ floor']);
    row(['---', '---:', '---:', '---:', '---:', '---:']);
    for (const size of SIZES) {
      const off = results.noRules[size.name];
      const n = results.null[size.name].edit;
      const z = results.zhoubao[size.name].edit;
      if (off) row([size.name, ms(n), ms(off), ms(z), ratio(off.median, n.median), ratio(z.median, n.median)]);
    }
    out.push('');
  }
  if (results.session) {
    out.push('### A long typing session', '');
    out.push(`${SESSION.edits} one-character edits in a row (pulled, spread over the document as above but leaving headings alone, so that the document keeps its weeks and sections), each server started afresh: all of them, and the last ${SESSION.last}, once the server has been in use for a while (the first edits of a session also run code the JIT has not compiled yet). The document has as many weeks in Zhoubao's outline after the session as before it (${SIZES.map((z) => results.session[z.name]?.zhoubao?.weeks ?? '–').join(' / ')}). Edit → diagnostics, ms:`, '');
    row(['size', 'null (floor), all', 'Zhoubao, all', 'Zhoubao ÷ floor', `null (floor), last ${SESSION.last}`, `Zhoubao, last ${SESSION.last}`, 'Zhoubao ÷ floor']);
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:']);
    for (const size of SIZES) {
      const r = results.session[size.name];
      if (r) row([size.name, ms(r.null.all), ms(r.zhoubao.all), ratio(r.zhoubao.all.median, r.null.all.median), ms(r.null.last), ms(r.zhoubao.last), ratio(r.zhoubao.last.median, r.null.last.median)]);
    }
    out.push('');
  }
  out.push('## Libraries in process (the same documents)', '');
  row(['size', 'markdownlint 0.40 lint', 'remark-parse parse (parser floor)']);
  row(['---', '---:', '---:']);
  for (const [name, v] of Object.entries(libs)) row([name, ms(v.markdownlint), ms(v.remark)]);
  out.push('', '## Workspace of 1,000 weekly files', '');
  out.push(`${(ws.bytes / 1024 / 1024).toFixed(1)} MB of reports, one per ISO week. Zhoubao: time from \`initialized\` until \`zhoubao/indexStatus\` reports the folder ready with every report; a completion is asked right after \`initialized\` while the index is being built.`, '');
  row(['measure', 'median / p95 (n)']);
  row(['---', '---:']);
  row(['Zhoubao: indexing 1,000 files (ms)', `${ms(ws.readyMs)} (${ws.readyMs.n})`]);
  row(['Zhoubao: completion asked during indexing (ms)', `${ms(ws.completionMs)} (${ws.completionMs.n})${ws.duringIndexing ? '' : ' — index was already ready'}`]);
  row(['Zhoubao: `zhoubao/indexStatus` round trip while indexing (ms)', `${ms(ws.poll)} (${ws.poll.n})`]);
  row(['Zhoubao: RSS after indexing (MB)', `${f1(ws.rss.median)}`]);
  if (ws.edit) row([`Zhoubao: edit → diagnostics in the newest weekly file (${ws.editedFile}), the folder indexed as its history (ms)`, `${ms(ws.edit)} (${ws.edit.n}); null server ${ms(ws.floorEdit)}, ${ratio(ws.edit.median, ws.floorEdit.median)} the floor`]);
  row(['Microsoft: first `workspace/symbol` over the folder (ms)', f1(ws.microsoft.symbolsMs)]);
  row(['Microsoft: RSS after it (MB)', f1(ws.microsoft.rss)]);
  out.push('', renderExtension(extension));
  out.push('', '## Machine', '');
  out.push(`- ${machine.cpus} × ${machine.model}, ${machine.memGb} GB memory, ${machine.platform}, Node ${process.version}`);
  out.push(`- load average (1 min) at start / end: ${machine.loadStart} / ${os.loadavg()[0].toFixed(2)} (other work on the machine makes every figure noisier; the ratios come from one run)`);
  out.push(`- run took ${seconds.toFixed(0)} s${QUICK ? ' (--quick)' : ''}; generated at ${new Date().toISOString()}`);
  return out.join('\n');
}

function newestMtime(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** The benchmark drives the bundle: rebuild it when it is missing or older than the server sources. */
function ensureBuilt() {
  const bundle = path.join(ROOT, 'dist', 'server.js');
  if (fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= newestMtime(path.join(ROOT, 'server', 'src'))) return;
  log('building dist/ (npm run build)…');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

async function main() {
  ensureBuilt();
  const start = performance.now();
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '?', memGb: (os.totalmem() / 2 ** 30).toFixed(1), platform: `${os.type()} ${os.release()}`, loadStart: os.loadavg()[0].toFixed(2) };
  const docs = SIZES.map((s, i) => [s.name, document(100 + i, s.bytes)]);
  for (const [name, text] of docs) log(`document ${name}: ${Buffer.byteLength(text)} bytes, ${text.split('\n').length} lines`);
  const results = {};
  for (const kind of KINDS) {
    results[kind] = {};
    for (const size of SIZES) {
      const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `zhoubao-bench-${kind}-`)));
      const text = docs.find(([n]) => n === size.name)[1];
      const t = performance.now();
      results[kind][size.name] = await benchDocument(kind, size, text, dir);
      fs.rmSync(dir, { recursive: true, force: true });
      const r = results[kind][size.name];
      log(`${SERVERS[kind].label} ${size.name}: open ${ms(r.open)}, edit ${ms(r.edit)}, new line ${ms(r.enter)}, completion ${ms(r.completion)}, hover ${ms(r.hover)}, symbols ${ms(r.symbols)}, rss ${f1(r.rss)} MB, after the edits ${f1(r.rssEdited)} MB (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    }
  }
  results.pushed = {};
  for (const size of SIZES) {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zhoubao-bench-push-')));
    const e = (results.pushed[size.name] = await benchPushed(size, docs.find(([n]) => n === size.name)[1], dir));
    fs.rmSync(dir, { recursive: true, force: true });
    log(`pushed ${size.name}: ${e.diagnostics} diagnostics, ${(e.bytes / 1024).toFixed(0)} KB; edit: null ${ms(e.none)}, payload floor ${ms(e.echo)}, Zhoubao ${ms(e.zhoubao)}`);
  }
  results.noRules = {};
  const codes = ruleCodes();
  for (const size of SIZES) {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zhoubao-bench-norules-')));
    const e = (results.noRules[size.name] = await benchNoRules(size, docs.find(([n]) => n === size.name)[1], dir, codes));
    fs.rmSync(dir, { recursive: true, force: true });
    log(`every rule off ${size.name}: edit ${ms(e)}`);
  }
  results.session = {};
  for (const size of SIZES) {
    const r = (results.session[size.name] = {});
    for (const kind of ['zhoubao', 'null']) {
      const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zhoubao-bench-session-')));
      r[kind] = await benchSession(kind, size, docs.find(([n]) => n === size.name)[1], dir);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    log(`typing session ${size.name}: Zhoubao ${ms(r.zhoubao.all)}, last ${SESSION.last} ${ms(r.zhoubao.last)}; null ${ms(r.null.all)}, last ${ms(r.null.last)}`);
  }
  log('libraries…');
  const libs = await benchLibraries(docs);
  log('workspace of 1,000 files…');
  const ws = await benchWorkspace(workspace(7, 1000));
  log(`indexing ${ms(ws.readyMs)}, completion during indexing ${ms(ws.completionMs)}`);
  log('extension…');
  const extension = await benchExtension({ vscode: VSCODE, windows: QUICK ? 2 : 5, log });
  const table = render(results, ws, libs, extension, machine, (performance.now() - start) / 1000);
  process.stdout.write(table + '\n');
  if (WRITE) {
    fs.writeFileSync(RESULTS_JSON, JSON.stringify({ results, ws, libs, extension, machine }, null, 1));
    writeDoc(() => table);
  }
}

const RESULTS_JSON = path.join(ROOT, 'bench', 'results.json');
const DOC = path.join(ROOT, 'docs', 'performance.md');
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

/** Rewrites the block of docs/performance.md between the markers with `next(current block text)`. */
function writeDoc(next) {
  const existing = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '';
  const has = existing.includes(BEGIN) && existing.includes(END);
  const current = has ? existing.slice(existing.indexOf(BEGIN) + BEGIN.length, existing.indexOf(END)).replace(/^\n|\n$/g, '') : '';
  const block = `${BEGIN}\n${next(current)}\n${END}`;
  const doc = has
    ? existing.slice(0, existing.indexOf(BEGIN)) + block + existing.slice(existing.indexOf(END) + END.length)
    : `# Performance\n\nReproduce with \`npm run bench\`.\n\n${block}\n`;
  fs.writeFileSync(DOC, doc);
  log(`wrote ${path.relative(ROOT, DOC)}`);
}

/** `--only extension`: the Extension section alone, spliced into the last full run's block. */
async function onlyExtension() {
  const loadStart = os.loadavg()[0].toFixed(2);
  const start = performance.now();
  const extension = await benchExtension({ vscode: VSCODE, windows: QUICK ? 2 : 5, log });
  const note = `This section alone was measured with \`npm run bench -- ${argv.filter((a) => a !== '--no-write').join(' ')}\` at ${new Date().toISOString()} (load average ${loadStart} / ${os.loadavg()[0].toFixed(2)}, ${((performance.now() - start) / 1000).toFixed(0)} s); the rest of the block is from the last full run.`;
  const section = renderExtension(extension, { note });
  process.stdout.write(section + '\n');
  if (!WRITE) return;
  const previous = fs.existsSync(RESULTS_JSON) ? JSON.parse(fs.readFileSync(RESULTS_JSON, 'utf8')) : {};
  delete previous.vsix; // the former key of the .vsix size, now in extension.vsix
  fs.writeFileSync(RESULTS_JSON, JSON.stringify({ ...previous, extension }, null, 1));
  writeDoc((current) => {
    const at = current.indexOf('## Extension');
    if (at < 0) return current ? `${current}\n\n${section}` : section;
    const after = current.indexOf('\n## ', at + 1);
    return current.slice(0, at) + section + (after < 0 ? '' : `\n${current.slice(after)}`);
  });
}

(ONLY === 'extension' ? onlyExtension() : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
