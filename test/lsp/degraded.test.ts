/**
 * Degraded mode (WR090) as the user meets it, over LSP and in the CLI. A file over the size budget
 * (1,000,000 characters: a 2 MB year-in-one-file, a list nested 5,000 deep) is not parsed: it gets
 * the one WR090 information diagnostic, and outline, folding, hover, completion, quick fixes and
 * code lenses answer at once with nothing (nothing is claimed about a text that was not read: no
 * "section missing" completion). A report nested past the nesting budget (a list or quotes 900
 * deep) is parsed with its deepest lines read as text: WR090 says so, and every feature still
 * works on the rest of the report. Each request must be answered within a deadline (a freeze
 * would miss it; before the budgets the 5,000-deep list never finished parsing). The CLI says it
 * clearly, in English and Chinese, as information (exit code 0).
 */
import * as assert from 'node:assert/strict';
import type { CodeLens, CompletionItem, CompletionList, Diagnostic } from 'vscode-languageserver/node';
import { bigReport, deepList } from '../fuzz/huge';
import { ensureBuilt as ensureCliBuilt, removeDir, tempDir, zhoubao, type JsonOutput } from '../cli/cli-helpers';
import { LspClient, TempWorkspace } from '../helpers/lsp-client';
import { report } from './index-helpers';
import { WEEK_12 } from './reports';

const DEADLINE_MS = 15_000;

function answered<T>(what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${DEADLINE_MS} ms: ${what}`)), DEADLINE_MS)));
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

/** WEEK_12 with a list nested `depth` deep (or quotes) in its key-work section: the rest is a normal report. */
function nestedReport(depth: number, kind: 'list' | 'quote'): string {
  const nested = deepList(depth, kind).split('\n').slice(4).join('\n');
  return WEEK_12.replace('## 【O1 业务服务】', `${nested}\n## 【O1 业务服务】`);
}

const OVERSIZED: Record<string, string> = {
  '2024-W12.md': bigReport(2_200_000),
  '2024-W13.md': deepList(5000),
};
const NESTED: Record<string, string> = {
  '2024-W14.md': nestedReport(900, 'list'),
  '2024-W15.md': nestedReport(900, 'quote'),
};

const items = (c: CompletionItem[] | CompletionList | null): CompletionItem[] => (Array.isArray(c) ? c : (c?.items ?? []));

describe('degraded mode (WR090): features over LSP and the CLI message', function () {
  this.timeout(180_000);
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace();
    // last week, on disk: carry-over lenses and cross-week checks have something to work with
    ws.write('2024-W11.md', report('2024-W11'));
    client = await LspClient.start({ folders: [ws.uri] });
  });
  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  for (const [name, text] of Object.entries(OVERSIZED)) {
    it(`${name} (${(text.length / 1e6).toFixed(1)} M characters, over the size budget): one WR090 information diagnostic, every feature answers with nothing`, async () => {
      assert.ok(text.length > 1_000_000);
      const uri = ws.write(name, text);
      await client.open(uri, text);
      const ds = await answered('diagnostics', client.diagnosticsFor(uri));
      assert.deepEqual(
        ds.map((d) => [d.code, d.severity, d.range.start.line]),
        [['WR090', 3, 0]],
      );
      assert.match(ds[0].message, new RegExp(`too large for Zhoubao \\(${text.length} characters, the limit is 1000000\\)`));
      const lines = text.split('\n');
      const mid = { line: Math.floor(lines.length / 2), character: 2 };
      assert.deepEqual(await answered('documentSymbol', client.documentSymbols(uri)), []);
      assert.deepEqual(await answered('foldingRange', client.foldingRanges(uri)), []);
      assert.equal(await answered('hover', client.hover(uri, { line: 0, character: 3 })), null);
      assert.equal(await answered('hover', client.hover(uri, mid)), null);
      for (const position of [{ line: 1, character: 0 }, mid, { line: lines.length - 1, character: 0 }]) {
        const c = await answered('completion', client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position }));
        assert.deepEqual(items(c).map((i) => i.label), [], `completion at ${JSON.stringify(position)} claims something about a text that was not read`);
      }
      assert.deepEqual(await answered('codeAction', client.codeActions(uri, ds[0].range, ds)), []);
      assert.deepEqual(await answered('codeLens', client.request<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } })), []);
      // an edit keeps it in degraded mode, and is answered too
      const v = await client.replace(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '\n');
      assert.deepEqual((await answered('diagnostics after an edit', client.diagnosticsFor(uri, v))).map((d) => d.code), ['WR090']);
      await client.close(uri);
      assert.ok(client.alive, client.stderrText);
    });
  }

  for (const [name, text] of Object.entries(NESTED)) {
    it(`${name} (nested 900 deep inside a report): WR090 and the usual findings, outline, folding, hover, completion, quick fixes and lenses on the rest`, async () => {
      const uri = ws.write(name, text);
      await client.open(uri, text);
      const ds: Diagnostic[] = await answered('diagnostics', client.diagnosticsFor(uri));
      const wr090 = ds.filter((d) => d.code === 'WR090');
      assert.equal(wr090.length, 1);
      assert.equal(wr090[0].severity, 3);
      assert.match(wr090[0].message, /nests lists or quotes deeper than Zhoubao reads/);
      assert.ok(ds.some((d) => d.code === 'WR023'), `the rest of the report is checked: ${ds.map((d) => d.code).join(', ')}`);
      const symbols = await answered('documentSymbol', client.documentSymbols(uri));
      const names = JSON.stringify(symbols);
      for (const s of ['2024-W12', '重点工作', 'O1 业务服务', '系统运行数据']) assert.ok(names.includes(s), `outline lacks ${s}`);
      const folding = await answered('foldingRange', client.foldingRanges(uri));
      assert.ok(folding && folding.length > 3);
      const hover = await answered('hover', client.hover(uri, { line: 0, character: 4 }));
      assert.match(JSON.stringify(hover), /2024-03-18/);
      const deepLine = text.split('\n').findIndex((l) => l.length > 1000);
      assert.ok(deepLine > 0);
      await answered('hover on the deepest line', client.hover(uri, { line: deepLine, character: 1500 }));
      await answered('completion on the deepest line', client.request('textDocument/completion', { textDocument: { uri }, position: { line: deepLine, character: 1500 } }));
      const lines = text.split('\n');
      const end = lines.length - 1;
      const c = await answered('completion', client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line: end, character: 0 } }));
      assert.ok(Array.isArray(items(c)));
      const fixable = ds.find((d) => d.code !== 'WR090' && (d.data as { fixes?: unknown[] } | undefined)?.fixes?.length);
      const actions = await answered('codeAction', client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: end, character: 0 } }, ds));
      if (fixable) assert.ok((actions ?? []).length > 0, 'the quick fixes of the other findings are offered');
      const lenses = await answered('codeLens', client.request<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } }));
      assert.ok(Array.isArray(lenses));
      await client.close(uri);
      assert.ok(client.alive, client.stderrText);
    });
  }

  it('the CLI says it clearly, in English and Chinese, as information (exit code 0)', () => {
    ensureCliBuilt();
    const dir = tempDir({ '2024-W12.md': OVERSIZED['2024-W12.md'], '2024-W14.md': NESTED['2024-W14.md'] });
    try {
      const size = OVERSIZED['2024-W12.md'].length;
      const en = zhoubao(['check', '--locale', 'en', '2024-W12.md'], dir, { NO_COLOR: '1' });
      assert.equal(en.status, 0, en.stderr);
      assert.match(en.stdout, /WR090/);
      assert.match(en.stdout, /2024-W12\.md:1:1 +info +WR090/);
      assert.match(en.stdout, /0 errors, 0 warnings, 1 info/);
      assert.match(en.stdout, new RegExp(`too large for Zhoubao \\(${size} characters, the limit is 1000000\\): only the encoding check ran\\. Split it into one report per week\\.`));
      const zh = zhoubao(['check', '--locale', 'zh-cn', '2024-W12.md', '2024-W14.md'], dir, { NO_COLOR: '1' });
      assert.ok(zh.status === 0 || zh.status === 1, zh.stderr);
      assert.match(zh.stdout, new RegExp(`该文件太大（${size} 个字符，上限为 1000000），Zhoubao 只执行了编码检查`));
      assert.match(zh.stdout, /该文件的列表或引用嵌套过深/);
      const json = JSON.parse(zhoubao(['check', '--format', 'json', '.'], dir).stdout) as JsonOutput;
      const byFile = (n: string) => json.find((e) => e.file.endsWith(n))?.diagnostics ?? [];
      assert.deepEqual(byFile('2024-W12.md').map((d) => [d.code, d.severity]), [['WR090', 'information']]);
      assert.ok(byFile('2024-W14.md').some((d) => d.code === 'WR090' && d.severity === 'information'));
      assert.ok(byFile('2024-W14.md').some((d) => d.code === 'WR023'), 'the nested report is otherwise checked');
    } finally {
      removeDir(dir);
    }
  });
});
