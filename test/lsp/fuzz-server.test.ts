/**
 * Server fuzzing over stdio: random streams of open/change/close and requests (symbols, folding,
 * hover, code actions, completion) at positions of the current or of older versions of the text,
 * some cancelled right after being sent, without waiting between operations. The server never
 * dies, answers every request (a result, or the cancellation error) within a deadline, and the
 * last diagnostics published for each open document are those of its latest version.
 * Bounded here (FUZZ_SERVER_STREAMS, default 8 streams of 20 to 60 operations).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CancellationTokenSource } from 'vscode-languageserver/node';
import { LineIndex } from '../../server/src/core';
import { LspClient, TempWorkspace } from '../helpers/lsp-client';
import { applyStreamEdit, documentArb, streamEditArb, type StreamEdit } from '../fuzz/gen';

const STREAMS = Number(process.env.FUZZ_SERVER_STREAMS ?? 8);
const DEADLINE_MS = 15_000;

type Op =
  | { kind: 'open'; doc: number; text: string }
  | { kind: 'change'; doc: number; edit: StreamEdit; full: boolean }
  | { kind: 'close'; doc: number }
  | { kind: 'request'; doc: number; method: string; at: number; stale: boolean; cancel: boolean };

const METHODS = ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/hover', 'textDocument/codeAction', 'textDocument/completion'];
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('open' as const), doc: fc.integer({ min: 0, max: 2 }), text: documentArb }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('change' as const), doc: fc.integer({ min: 0, max: 2 }), edit: streamEditArb, full: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), doc: fc.integer({ min: 0, max: 2 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('request' as const), doc: fc.integer({ min: 0, max: 2 }), method: fc.constantFrom(...METHODS), at: fc.double({ min: 0, max: 1, noNaN: true }), stale: fc.boolean(), cancel: fc.boolean() }),
  },
);

function withDeadline<T>(what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${DEADLINE_MS} ms: ${what}`)), DEADLINE_MS)));
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

describe('server fuzzing over stdio (random open/change/close/request streams)', function () {
  this.timeout(180_000);
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace();
    client = await LspClient.start({ folders: [ws.uri] });
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  // every stream starts with its three documents open
  const streams = fc.sample(
    fc.tuple(fc.array(documentArb, { minLength: 3, maxLength: 3 }), fc.array(opArb, { minLength: 20, maxLength: 60 })).map(([docs, ops]): Op[] => [...docs.map((text, doc) => ({ kind: 'open' as const, doc, text })), ...ops]),
    { numRuns: STREAMS, seed: 20261122 },
  );
  streams.forEach((ops, s) => {
    it(`stream ${s + 1} (${ops.length} operations): alive, every request answered, last diagnostics of the latest version`, async () => {
      // one folder per stream, report file names of three consecutive weeks
      const uris = [0, 1, 2].map((d) => ws.uri.replace(/\/?$/, `/s${s}/2024-W${String(10 + d).padStart(2, '0')}.md`));
      const before = await client.request<{ documents: number }>('zhoubao/serverStatus', undefined);
      const texts = new Map<number, string>();
      const history = new Map<number, string[]>();
      const pending: Array<Promise<unknown>> = [];
      for (const op of ops) {
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
          const params =
            op.method === 'textDocument/documentSymbol' || op.method === 'textDocument/foldingRange'
              ? { textDocument: { uri } }
              : op.method === 'textDocument/codeAction'
                ? { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: pos }, context: { diagnostics: [] } }
                : { textDocument: { uri }, position: pos };
          const source = new CancellationTokenSource();
          const answer = client.connection.sendRequest(op.method, params, source.token).catch((e: { code?: number; message?: string }) => {
            // a cancelled request may be answered with the cancellation error; nothing else is acceptable
            if (op.cancel && e?.code === -32800) return null;
            throw new Error(`${op.method} failed: ${e?.message ?? String(e)}`);
          });
          if (op.cancel) source.cancel();
          pending.push(withDeadline(op.method, answer));
        }
      }
      await Promise.all(pending);
      assert.ok(pending.length > 0 || ops.every((o) => o.kind !== 'request'));
      assert.ok(client.alive, `the server died:\n${client.stderrText}`);
      const status = await withDeadline('serverStatus', client.request<{ pid: number; documents: number }>('zhoubao/serverStatus', undefined));
      assert.equal(status.documents - before.documents, texts.size, 'the server tracks exactly the open documents');
      for (const [doc] of texts) {
        const uri = uris[doc];
        // versions restart at 1 when a document is reopened: wait for the LAST publish to be the latest version
        await client.waitFor(`${uri}: diagnostics of version ${client.version(uri)} published last`, () => (client.publishedFor(uri).at(-1)?.version === client.version(uri) ? true : undefined));
      }
      // after a round trip, no later publish for an older version has overwritten the latest one
      await client.request('zhoubao/serverStatus', undefined);
      for (const [doc] of texts) {
        const uri = uris[doc];
        const last = client.publishedFor(uri).at(-1);
        assert.equal(last?.version, client.version(uri), `${uri}: the last diagnostics published are for version ${last?.version}, the latest is ${client.version(uri)}`);
      }
      for (const [doc] of texts) await client.close(uris[doc]);
      assert.ok(client.alive);
    });
  });
});
