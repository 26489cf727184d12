/**
 * `npm run fuzz`: the core properties of test/unit/fuzz-core.test.ts over many more inputs, with
 * figures. Options (environment): FUZZ_DOCS (100000), FUZZ_STREAMS (10000), FUZZ_SEED (1),
 * FUZZ_SERVER_STREAMS (1000 streams over stdio, with settings and profile changes; 0 to skip), FUZZ_OUT (docs/reliability.md: the part between the `fuzz:begin` and `fuzz:end` markers is
 * replaced; `-` prints only). Per input class: cases, crashes
 * (an exception or a rule error or a swallowed parse failure), hangs (one case over 10 s),
 * property violations, maximum latency and peak heap.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkDocument, defaultProfile, parseReport, type ParsedReport } from '../../server/src/core';
import { parseStats } from '../../server/src/core/parse';
import { applyStreamEdit, check, documentArb, editStreamArb, fixProblems, mutatedDocumentArb, NOW, profiles, rangeProblems } from './gen';
import { strangeInputs } from './huge';

const DOCS = Number(process.env.FUZZ_DOCS ?? 100_000);
const STREAMS = Number(process.env.FUZZ_STREAMS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const OUT = process.env.FUZZ_OUT ?? path.resolve(__dirname, '../../docs/reliability.md');
const HANG_MS = 10_000;

interface ClassStats {
  cases: number;
  crashes: number;
  hangs: number;
  violations: Map<string, { count: number; example: string }>;
  maxMs: number;
  peakHeapMB: number;
  totalMs: number;
}
const classes = new Map<string, ClassStats>();
function stats(name: string): ClassStats {
  let s = classes.get(name);
  if (!s) classes.set(name, (s = { cases: 0, crashes: 0, hangs: 0, violations: new Map(), maxMs: 0, peakHeapMB: 0, totalMs: 0 }));
  return s;
}
function violation(s: ClassStats, kind: string, example: string): void {
  const v = s.violations.get(kind) ?? { count: 0, example };
  v.count++;
  if (example.length < v.example.length) v.example = example;
  s.violations.set(kind, v);
}

/** Runs one case, timing it and catching whatever it throws. */
function run(name: string, input: string, body: () => void): void {
  const s = stats(name);
  s.cases++;
  const failures = parseStats.failures;
  const t = performance.now();
  try {
    body();
  } catch (e) {
    s.crashes++;
    violation(s, `exception: ${String(e).split('\n')[0].slice(0, 120)}`, input);
  }
  const ms = performance.now() - t;
  if (parseStats.failures !== failures) {
    s.crashes++;
    violation(s, 'parse fell back to the empty model', input);
  }
  s.totalMs += ms;
  if (ms > s.maxMs) s.maxMs = ms;
  if (ms > HANG_MS) s.hangs++;
  if (s.cases % 200 === 1 || ms > 500) s.peakHeapMB = Math.max(s.peakHeapMB, process.memoryUsage().heapUsed / 1e6);
}

function checkCase(name: string, text: string, p: number, deep: boolean): void {
  run(name, text, () => {
    const errors: string[] = [];
    const found = checkDocument({ text, profile: profiles[p], fileName: '2024-W12.md', now: NOW, onRuleError: (r, e) => errors.push(`${r.code}: ${String(e).split('\n')[0]}`) });
    for (const e of errors) violation(stats(name), `rule error ${e.slice(0, 120)}`, text);
    if (errors.length) stats(name).crashes++;
    for (const r of rangeProblems(text, found)) violation(stats(name), `range outside the text: ${r.replace(/\{.*\}/, '…')}`, text);
    if (deep) {
      if (JSON.stringify(check(text, profiles[p])) !== JSON.stringify(found)) violation(stats(name), 'not deterministic', text);
      for (const f of found) {
        const fp = fixProblems(text, f, p);
        for (const n of fp.notRemoved) violation(stats(name), n.replace(/ at L\d+/, '').replace(/"[^"]*"/, (q) => q.replace(/\d+/g, 'N')), text);
        for (const a of fp.added) violation(stats('quick fixes revealing other findings (not a failure)'), a, text);
      }
    }
  });
}

const started = Date.now();
const rand = fc.integer({ min: 0, max: profiles.length - 1 });

// dialect documents and mutated ones: half each
const half = Math.floor(DOCS / 2);
fc.sample(fc.tuple(documentArb, rand), { numRuns: half, seed: SEED }).forEach(([text, p], i) => checkCase('dialect documents', text, p, i % 10 === 0));
fc.sample(fc.tuple(mutatedDocumentArb(), rand), { numRuns: DOCS - half, seed: SEED + 1 }).forEach(([{ text }, p], i) => checkCase('mutated documents', text, p, i % 10 === 0));

// edit streams: incremental parse after every edit; at the end equal to a full parse
fc.sample(editStreamArb(20), { numRuns: STREAMS, seed: SEED + 2 }).forEach(({ start, edits }) => {
  let text = start;
  run('edit streams (incremental parse)', start, () => {
    let prev: ParsedReport = parseReport(text, { profile: defaultProfile });
    for (const e of edits) {
      text = applyStreamEdit(text, e).next;
      prev = parseReport(text, { profile: defaultProfile, previous: prev });
    }
    if (JSON.stringify(prev) !== JSON.stringify(parseReport(text, { profile: defaultProfile }))) violation(stats('edit streams (incremental parse)'), 'incremental ≠ full parse', `${start}\n---edits---\n${JSON.stringify(edits)}`);
  });
});

// huge and strange input: once each
for (const { name, text } of strangeInputs()) checkCase(`strange: ${name}`, text, 0, false);

// the server over stdio: the stream test of test/lsp (documents, requests, settings and profile
// changes; the last diagnostics compared with the core's for the final state), with many more streams;
// the spec reporter with --slow 1 prints every stream's duration (the dot reporter printed none)
const SERVER_STREAMS = Number(process.env.FUZZ_SERVER_STREAMS ?? 1000);
if (SERVER_STREAMS > 0) {
  const t = performance.now();
  const mocha = spawnSync(process.execPath, [require.resolve('mocha/bin/mocha.js'), '--reporter', 'spec', '--slow', '1', 'test/lsp/fuzz-server.test.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, FUZZ_SERVER_STREAMS: String(SERVER_STREAMS) },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const s = stats('server over stdio (open/change/close/request, settings and profile streams)');
  const passing = Number(/(\d+) passing/.exec(mocha.stdout)?.[1] ?? 0);
  const failing = Number(/(\d+) failing/.exec(mocha.stdout)?.[1] ?? 0);
  s.cases = passing + failing;
  s.totalMs = performance.now() - t;
  s.maxMs = Math.max(...[...mocha.stdout.matchAll(/✔.*\((\d+)ms\)/g)].map((m) => Number(m[1])), 0);
  if (failing || mocha.status !== 0) {
    s.crashes += failing || 1;
    violation(s, `stream test failed (exit ${mocha.status})`, mocha.stdout.slice(mocha.stdout.indexOf('failing')).slice(0, 2000));
  }
}

const seconds = (Date.now() - started) / 1000;
const rows = [...classes].map(
  ([name, s]) =>
    `| ${name} | ${s.cases.toLocaleString('en')} | ${s.crashes} | ${s.hangs} | ${[...s.violations.values()].reduce((a, v) => a + v.count, 0)} | ${s.maxMs.toFixed(0)} | ${(s.totalMs / Math.max(1, s.cases)).toFixed(1)} | ${s.peakHeapMB.toFixed(0)} |`,
);
const details = [...classes].flatMap(([name, s]) =>
  [...s.violations].map(([kind, v]) => `- **${name}**: ${kind} — ${v.count} case(s); smallest example: \`${JSON.stringify(v.example.slice(0, 200))}\``),
);
const report = [
  `Run: ${new Date().toISOString()}, seed ${SEED}, ${DOCS.toLocaleString('en')} documents, ${STREAMS.toLocaleString('en')} edit streams, ${SERVER_STREAMS.toLocaleString('en')} server streams, ${seconds.toFixed(0)} s, Node ${process.version}.`,
  'A crash is an exception, a rule error or a parse that fell back to the empty model; a hang is one case over 10 s.',
  'Latency is one `checkDocument` (one parse and every rule), one whole edit stream, or (server) the slowest stream as mocha reports it; heap is `heapUsed` of the fuzzing process, sampled.',
  'Every 10th document is also checked for determinism and has every quick fix applied.',
  '',
  '| input class | cases | crashes | hangs | violations | max ms | mean ms | peak heap MB |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  ...rows,
  '',
  '### Violations',
  '',
  ...(details.length ? details : ['None.']),
  '',
].join('\n');
if (OUT === '-') console.log(report);
else {
  const BEGIN = '<!-- fuzz:begin -->';
  const END = '<!-- fuzz:end -->';
  const old = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  const a = old.indexOf(BEGIN);
  const b = old.indexOf(END);
  fs.writeFileSync(OUT, a >= 0 && b > a ? `${old.slice(0, a + BEGIN.length)}\n${report}\n${old.slice(b)}` : `${BEGIN}\n${report}\n${END}\n`);
  console.log(report);
  console.log(`written to ${OUT}`);
}
const failed = [...classes].some(([name, s]) => !name.startsWith('quick fixes revealing') && (s.crashes || s.hangs || s.violations.size));
process.exitCode = failed ? 1 : 0;
