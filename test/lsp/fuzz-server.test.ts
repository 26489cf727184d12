/**
 * Server fuzzing over stdio: random streams of open/change/close and requests (symbols, folding,
 * hover, code actions, completion) at positions of the current or of older versions of the text,
 * some cancelled right after being sent, without waiting between operations; interleaved with
 * settings changes (`workspace/didChangeConfiguration` with random valid and invalid `zhoubao.*`
 * values, the client answering `workspace/configuration` with them) and profile changes (a
 * `.zhoubao.json` or the `zhoubao.profile` file written, rewritten or deleted on disk with
 * `workspace/didChangeWatchedFiles`, or opened, edited and closed in the editor). The server never
 * dies, answers every request (a result, or the cancellation error) within a deadline, and the
 * last diagnostics published for each open document are those of its latest version under the
 * latest settings and profile: the same findings as the core computes from scratch for the final
 * state (settings over profile file over defaults, the open reports as history). The profile
 * file in force shows the problems of its latest text, and one no longer in force shows none.
 * Run twice: with a client that gets diagnostics pushed, and with one that pulls them
 * (`textDocument/diagnostic` among the random requests, naming the result it holds, as VS Code
 * does), where the last pull gives those same findings, `unchanged` answers included.
 * Bounded here (FUZZ_SERVER_STREAMS, default 8 streams of 20 to 60 operations).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { CancellationTokenSource, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { applyOverride, checkDocument, defaultProfile, LineIndex, loadProfileText, WorkspaceIndex, type Profile, type ProfileOverride } from '../../server/src/core';
import { LspClient, TempWorkspace } from '../helpers/lsp-client';
import { applyStreamEdit, documentArb, streamEditArb, type StreamEdit } from '../fuzz/gen';

const STREAMS = Number(process.env.FUZZ_SERVER_STREAMS ?? 8);
const DEADLINE_MS = 15_000;

/** Settings as sent, and what they mean (written out here, not taken from the server's code). */
interface SettingsCase {
  raw: unknown;
  enable: boolean;
  /** which profile file is in force: 0 `.zhoubao.json`, 1 `alt.json` */
  profile: 0 | 1;
  rules: Record<string, string>;
  titleStyle?: 'iso' | 'cn';
}

const PROFILE_FILES = ['.zhoubao.json', 'alt.json'] as const;
const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];

const absent = Symbol('absent');
const settingsArb: fc.Arbitrary<SettingsCase> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .record({
        enable: fc.oneof({ weight: 4, arbitrary: fc.constantFrom<[unknown, boolean]>([absent, true], [true, true], ['false', true], [0, true]) }, { weight: 1, arbitrary: fc.constant<[unknown, boolean]>([false, false]) }),
        profile: fc.constantFrom<[unknown, 0 | 1]>([absent, 0], ['.zhoubao.json', 0], ['alt.json', 1], [' alt.json ', 1], ['', 0], [42, 0]),
        titleStyle: fc.constantFrom<[unknown, 'iso' | 'cn' | undefined]>([absent, undefined], ['iso', 'iso'], ['cn', 'cn'], ['ISO', undefined], [7, undefined]),
        rules: fc.oneof(
          fc.array(fc.tuple(fc.constantFrom('WR005', 'WR006', 'WR010', 'WR013', 'WR020', 'WR040', 'WR050', 'WR060', 'WR999', 'wr010', 'WR1'), fc.constantFrom<unknown>('error', 'warning', 'information', 'hint', 'off', 'fatal', 3, null)), { maxLength: 4 }).map((es) => Object.fromEntries(es) as unknown),
          fc.constantFrom<unknown>(absent, [], 'off', null),
        ),
      })
      .map(({ enable, profile, titleStyle, rules }) => {
        const raw: Record<string, unknown> = {};
        if (enable[0] !== absent) raw.enable = enable[0];
        if (profile[0] !== absent) raw.profile = profile[0];
        if (titleStyle[0] !== absent) raw.titleStyle = titleStyle[0];
        if (rules !== absent) raw.rules = rules;
        const effective: Record<string, string> = {};
        if (rules && typeof rules === 'object' && !Array.isArray(rules)) {
          for (const [code, sev] of Object.entries(rules)) if (/^WR\d{3}$/.test(code) && typeof sev === 'string' && SEVERITIES.includes(sev)) effective[code] = sev;
        }
        return { raw, enable: enable[1], profile: profile[1], rules: effective, ...(titleStyle[1] ? { titleStyle: titleStyle[1] } : {}) };
      }),
  },
  // not an object at all: the defaults
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], 'zhoubao', 5).map((raw): SettingsCase => ({ raw, enable: true, profile: 0, rules: {} })) },
);

/** `.zhoubao.json` texts: valid overrides (with comments), and broken ones (problems on the file, defaults in force). */
const profileTextArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record(
        {
          rules: fc.dictionary(fc.constantFrom('WR005', 'WR010', 'WR013', 'WR020', 'WR050', 'WR060', 'WR040'), fc.constantFrom('error', 'warning', 'information', 'hint', 'off', 'fatal')),
          titleStyle: fc.constantFrom('iso', 'cn', 'ISO'),
          placeholders: fc.constantFrom(['xx', 'TODO', '待补充'], ['暂无'], []),
          sections: fc.constantFrom([{ id: 'incidents', required: false }], [{ id: 'reflection', required: true }], [{ id: 'goals', required: false }]),
          metrics: fc.constantFrom([{ id: 'incidentCount', required: false }], [{ id: 'depositSuccessRate', required: false }]),
        },
        { requiredKeys: [] },
      )
      .chain((o) => fc.constantFrom('', '// 团队配置\n', '/* payments */ ').map((c) => c + JSON.stringify(o, null, 2))),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('{', '', '[]', 'null', '{"rules": 5}', '{"titleStyle": "x"}', '{"unknownKey": 1}', '{"include": ["../../**"]}', '{"a":'.repeat(100) + '1' + '}'.repeat(100), '{"rules": {"WR010": "off",}}'),
  },
);

type Op =
  | { kind: 'open'; doc: number; text: string }
  | { kind: 'change'; doc: number; edit: StreamEdit; full: boolean }
  | { kind: 'close'; doc: number }
  | { kind: 'request'; doc: number; method: string; at: number; stale: boolean; cancel: boolean }
  | { kind: 'settings'; settings: SettingsCase }
  /** the file written on disk (null: deleted), then `workspace/didChangeWatchedFiles` */
  | { kind: 'profileDisk'; file: 0 | 1; text: string | null }
  /** the file opened in the editor (or its text replaced when open), or closed */
  | { kind: 'profileEdit'; file: 0 | 1; text: string | null };

const METHODS = ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/hover', 'textDocument/codeAction', 'textDocument/completion', 'textDocument/diagnostic'];
/** a client that pulls diagnostics (and can be asked to pull again) */
const PULL = { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } };
const fileArb = fc.constantFrom<0 | 1>(0, 0, 1);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('open' as const), doc: fc.integer({ min: 0, max: 2 }), text: documentArb }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('change' as const), doc: fc.integer({ min: 0, max: 2 }), edit: streamEditArb, full: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), doc: fc.integer({ min: 0, max: 2 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('request' as const), doc: fc.integer({ min: 0, max: 2 }), method: fc.constantFrom(...METHODS), at: fc.double({ min: 0, max: 1, noNaN: true }), stale: fc.boolean(), cancel: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('settings' as const), settings: settingsArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('profileDisk' as const), file: fileArb, text: fc.option(profileTextArb, { nil: null, freq: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('profileEdit' as const), file: fileArb, text: fc.option(profileTextArb, { nil: null, freq: 3 }) }) },
);

/** What a diagnostic says, for comparing the server's with the core's. */
const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };
const view = (d: { code?: unknown; severity?: number; range: unknown; message: string }) => JSON.stringify([d.code, d.severity, d.range, d.message]);

function withDeadline<T>(what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${DEADLINE_MS} ms: ${what}`)), DEADLINE_MS)));
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

for (const mode of ['pushed', 'pulled'] as const)
describe(`server fuzzing over stdio (random open/change/close/request streams, settings and profile changes; diagnostics ${mode})`, function () {
  this.timeout(180_000);
  const pull = mode === 'pulled';
  let ws: TempWorkspace;
  let client: LspClient;
  // the settings and profile files in force, carried from stream to stream
  let settings: SettingsCase = { raw: {}, enable: true, profile: 0, rules: {} };
  const disk: Array<string | undefined> = [undefined, undefined];
  const editor = new Map<0 | 1, string>();

  before(async () => {
    ws = new TempWorkspace();
    client = await LspClient.start({ folders: [ws.uri], settings: {}, ...(pull ? { capabilities: PULL } : {}) });
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  const profileUri = (file: 0 | 1) => ws.fileUri(PROFILE_FILES[file]);

  /** The profile in force now: defaults < profile file (the editor's text when open, else the disk's) < settings. */
  function profileNow(): Profile {
    const text = editor.get(settings.profile) ?? disk[settings.profile];
    let profile = text === undefined ? defaultProfile : loadProfileText(text).profile;
    const override: ProfileOverride = {};
    if (Object.keys(settings.rules).length) override.rules = settings.rules as ProfileOverride['rules'];
    if (settings.titleStyle) override.titleStyle = settings.titleStyle;
    if (Object.keys(override).length) profile = applyOverride(profile, override).profile;
    return profile;
  }

  /** The diagnostics the core gives `uri` from scratch in the final state (the open reports are its history). */
  function expectedFor(uri: string, open: Map<string, string>): string[] {
    if (!settings.enable) return [];
    const profile = profileNow();
    const index = new WorkspaceIndex();
    for (const [u, t] of open) index.set(u, t, profile, 'editor');
    const findings = checkDocument({ text: open.get(uri)!, profile, fileName: fileURLToPath(uri), history: index.historyFor(uri) });
    return findings.map((f) => view({ code: f.code, severity: SEVERITY[f.severity], range: f.range, message: f.message.en }));
  }

  // every stream starts with its three documents open
  const streams = fc.sample(
    fc.tuple(fc.array(documentArb, { minLength: 3, maxLength: 3 }), fc.array(opArb, { minLength: 20, maxLength: 60 })).map(([docs, ops]): Op[] => [...docs.map((text, doc) => ({ kind: 'open' as const, doc, text })), ...ops]),
    { numRuns: STREAMS, seed: 20261122 },
  );
  streams.forEach((ops, s) => {
    const config = ops.filter((o) => o.kind === 'settings' || o.kind.startsWith('profile')).length;
    it(`stream ${s + 1} (${ops.length} operations, ${config} settings/profile changes): alive, every request answered, last diagnostics of the latest version under the latest settings`, async () => {
      // one folder per stream, report file names of three consecutive weeks
      const uris = [0, 1, 2].map((d) => ws.uri.replace(/\/?$/, `/s${s}/2024-W${String(10 + d).padStart(2, '0')}.md`));
      const before = await client.request<{ documents: number }>('zhoubao/serverStatus', undefined);
      const editorBefore = editor.size;
      const texts = new Map<number, string>();
      const history = new Map<number, string[]>();
      const pending: Array<Promise<unknown>> = [];
      // pulled diagnostics: the items of every result id received, and the result each document holds
      const results = new Map<string, Diagnostic[]>();
      const held = new Map<string, string>();
      /** what a pull answer leaves the client holding for `uri` */
      const take = (uri: string, r: DocumentDiagnosticReport): Diagnostic[] => {
        if (r.kind === 'full') {
          if (r.resultId === undefined) held.delete(uri);
          else (results.set(r.resultId, r.items), held.set(uri, r.resultId));
          return r.items;
        }
        const items = results.get(r.resultId);
        assert.ok(items, `an unchanged answer names a result the client was given (${r.resultId})`);
        held.set(uri, r.resultId);
        return items;
      };
      /** a pull as an editor sends it, naming the result held; the answer updates what is held */
      const pullNow = (uri: string): void => {
        pending.push(withDeadline('diagnostic', client.pull(uri, held.get(uri)).then((r) => take(uri, r))));
      };
      for (const op of ops) {
        // a pulling editor has pulled its open reports before a settings or profile change
        // reaches the server: the results it holds must not outlive the change
        if (pull && (op.kind === 'settings' || op.kind.startsWith('profile'))) for (const [doc] of texts) pullNow(uris[doc]);
        if (op.kind === 'settings') {
          settings = op.settings;
          void client.configurationChanged(op.settings.raw as Record<string, unknown>);
          continue;
        }
        if (op.kind === 'profileDisk') {
          const file = ws.path(PROFILE_FILES[op.file]);
          if (op.text === null) fs.rmSync(file, { force: true });
          else fs.writeFileSync(file, op.text);
          const existed = disk[op.file] !== undefined;
          disk[op.file] = op.text ?? undefined;
          void client.watchedFilesChanged([{ uri: profileUri(op.file), type: op.text === null ? 3 : existed ? 2 : 1 }]);
          continue;
        }
        if (op.kind === 'profileEdit') {
          const uri = profileUri(op.file);
          if (op.text === null) {
            if (!editor.has(op.file)) continue;
            editor.delete(op.file);
            void client.close(uri);
          } else if (editor.has(op.file)) {
            editor.set(op.file, op.text);
            void client.change(uri, [{ text: op.text }]);
          } else {
            editor.set(op.file, op.text);
            void client.open(uri, op.text, 'jsonc');
          }
          continue;
        }
        const uri = uris[op.doc];
        const text = texts.get(op.doc);
        if (op.kind === 'open') {
          if (text !== undefined) continue;
          texts.set(op.doc, op.text);
          history.set(op.doc, [op.text]);
          void client.open(uri, op.text);
        } else if (op.kind === 'change') {
          if (text === undefined) continue;
          const { start, end, next } = applyStreamEdit(text, op.edit);
          const lines = new LineIndex(text);
          texts.set(op.doc, next);
          history.get(op.doc)!.push(next);
          void client.change(uri, op.full ? [{ text: next }] : [{ range: lines.rangeOf(start, end), text: op.edit.text }]);
        } else if (op.kind === 'close') {
          if (text === undefined) continue;
          texts.delete(op.doc);
          void client.close(uri);
        } else {
          // positions from the current text, or from an older version (stale), or from a closed document
          const versions = history.get(op.doc) ?? [''];
          const basis = op.stale ? versions[Math.min(versions.length - 1, Math.floor(op.at * versions.length))] : (text ?? '');
          const pos = new LineIndex(basis).positionAt(Math.floor(op.at * (basis.length + 1)));
          if (op.method === 'textDocument/diagnostic' && !pull) continue;
          const params =
            op.method === 'textDocument/diagnostic'
              ? { textDocument: { uri }, ...(held.has(uri) ? { previousResultId: held.get(uri) } : {}) }
            : op.method === 'textDocument/documentSymbol' || op.method === 'textDocument/foldingRange'
              ? { textDocument: { uri } }
              : op.method === 'textDocument/codeAction'
                ? { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: pos }, context: { diagnostics: [] } }
                : { textDocument: { uri }, position: pos };
          const source = new CancellationTokenSource();
          const answer = client.connection.sendRequest(op.method, params, source.token).catch((e: { code?: number; message?: string }) => {
            // a cancelled request may be answered with the cancellation error; nothing else is acceptable
            if (op.cancel && e?.code === -32800) return null;
            throw new Error(`${op.method} failed: ${e?.message ?? String(e)}`);
          }).then((r) => {
            if (op.method === 'textDocument/diagnostic' && r && !source.token.isCancellationRequested) take(uri, r as DocumentDiagnosticReport);
            return r;
          });
          if (op.cancel) source.cancel();
          pending.push(withDeadline(op.method, answer));
        }
      }
      await Promise.all(pending);
      // (a client that is pushed diagnostics does not pull them: those requests are not sent)
      assert.ok(pending.length > 0 || ops.every((o) => o.kind !== 'request' || (!pull && o.method === 'textDocument/diagnostic')));
      assert.ok(client.alive, `the server died:\n${client.stderrText}`);
      const status = await withDeadline('serverStatus', client.request<{ pid: number; documents: number }>('zhoubao/serverStatus', undefined));
      assert.equal(status.documents - before.documents, texts.size + editor.size - editorBefore, 'the server tracks exactly the open documents');

      // the last publish for each report: its latest version, with the findings of the final state
      const open = new Map([...texts].map(([doc, t]) => [uris[doc], t]));
      const expected = new Map([...open.keys()].map((uri) => [uri, expectedFor(uri, open)]));
      const lastView = (uri: string) => {
        const last = client.publishedFor(uri).at(-1);
        return last && { version: last.version, diagnostics: last.diagnostics.map((d: Diagnostic) => view(d)) };
      };
      const settled = (uri: string) => {
        const last = lastView(uri);
        return last?.version === client.version(uri) && JSON.stringify(last.diagnostics) === JSON.stringify(expected.get(uri));
      };
      if (pull) {
        // nothing pushed for a report; a pull naming the result held gives the final state's findings
        for (const uri of uris) assert.equal(client.publishedFor(uri).length, 0, `${uri}: nothing pushed to a pulling client`);
        for (const uri of open.keys()) {
          const end = Date.now() + DEADLINE_MS;
          for (let seen: string[] = []; ; ) {
            const r = await withDeadline('diagnostic', client.pull(uri, held.get(uri)));
            seen = take(uri, r).map((d) => view(d));
            if (JSON.stringify(seen) === JSON.stringify(expected.get(uri))) break;
            if (Date.now() > end) assert.deepEqual(seen, expected.get(uri), `${uri}: the pulled diagnostics are not those of the latest version under the latest settings (${JSON.stringify(settings.raw)})`);
            await new Promise((r2) => setTimeout(r2, 20)); // polling, with the deadline above
          }
        }
      }
      for (const uri of pull ? [] : open.keys()) {
        // versions restart at 1 when a document is reopened: wait for the LAST publish to be the latest version and state
        await client.waitFor(`${uri}: diagnostics of version ${client.version(uri)} under the latest settings published last`, () => (settled(uri) ? true : undefined)).catch(() => {
          assert.deepEqual(lastView(uri), { version: client.version(uri), diagnostics: expected.get(uri) }, `${uri}: the last diagnostics are not those of the latest version under the latest settings (${JSON.stringify(settings.raw)})`);
        });
      }
      // the profile file in force shows the problems of its latest text; one no longer in force shows none
      const profileView = (file: 0 | 1) => JSON.stringify(client.publishedFor(profileUri(file)).at(-1)?.diagnostics.map((d: Diagnostic) => d.message) ?? []);
      const profileExpected = (file: 0 | 1) => {
        const text = editor.get(file) ?? disk[file];
        return JSON.stringify(file === settings.profile && text !== undefined ? loadProfileText(text).problems.map((p) => p.message.en) : []);
      };
      for (const file of [0, 1] as const) {
        await client.waitFor(`profile problems of ${PROFILE_FILES[file]}`, () => (profileView(file) === profileExpected(file) ? true : undefined)).catch(() => {
          assert.equal(profileView(file), profileExpected(file), `${PROFILE_FILES[file]}: the problems shown are not those of its latest text (in force: ${PROFILE_FILES[settings.profile]})`);
        });
      }
      // after a round trip, no later publish for an older version or older settings has overwritten the latest one
      await client.request('zhoubao/serverStatus', undefined);
      for (const uri of pull ? [] : open.keys()) assert.ok(settled(uri), `${uri}: a later publish replaced the diagnostics of the latest version and settings`);
      for (const [doc] of texts) await client.close(uris[doc]);
      // the profile files are closed at the end of a stream (they stay as they are on disk)
      for (const file of [...editor.keys()]) {
        editor.delete(file);
        await client.close(profileUri(file));
      }
      assert.ok(client.alive);
    });
  });
});
