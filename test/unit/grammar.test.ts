/**
 * The TextMate grammar injected into Markdown (syntaxes/zhoubao.injection.tmLanguage.json),
 * tested with vscode-tmgrammar-test: every test/grammar/*.test.md holds dialect lines followed
 * by scope assertions (`<!--   ^^^ scope - excluded.scope`). The base grammar is VS Code's own
 * Markdown grammar (markdown-basics), taken from the tm-grammars package for tests only; the
 * languages it embeds (fenced code, HTML) are empty stubs here, as they do not matter to us.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRegistryFromGrammars } from 'vscode-tmgrammar-test/dist/common/index';
import { parseGrammarTestCase, runGrammarTestCase, type GrammarTestCase, type TestFailure } from 'vscode-tmgrammar-test/dist/unit/index';

const ROOT = path.resolve(__dirname, '../..');
const GRAMMAR_FILE = path.join(ROOT, 'syntaxes/zhoubao.injection.tmLanguage.json');
const TEST_DIR = path.join(ROOT, 'test/grammar');
const MARKDOWN_FILE = require.resolve('tm-grammars/grammars/markdown.json');
const MARKDOWN_SCOPE = 'text.html.markdown';

interface RawRule {
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  captures?: Record<string, RawRule>;
  beginCaptures?: Record<string, RawRule>;
  endCaptures?: Record<string, RawRule>;
  patterns?: RawRule[];
  include?: string;
}
interface RawGrammar extends RawRule {
  scopeName: string;
  injectionSelector?: string;
  repository: Record<string, RawRule>;
}

const grammar = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8')) as RawGrammar;

/** Every scope name the grammar's rules can produce (name, contentName, capture names), split on spaces. */
function declaredScopes(g: RawGrammar): Set<string> {
  const out = new Set<string>();
  const visit = (r: RawRule | undefined): void => {
    if (!r) return;
    for (const s of [r.name, r.contentName]) for (const part of (s ?? '').split(/\s+/)) if (part) out.add(part);
    for (const caps of [r.captures, r.beginCaptures, r.endCaptures]) for (const c of Object.values(caps ?? {})) visit(c);
    for (const p of r.patterns ?? []) visit(p);
  };
  for (const p of g.patterns ?? []) visit(p);
  for (const r of Object.values(g.repository)) visit(r);
  return out;
}

/** Scopes of other grammars that the Markdown grammar includes (embedded languages, HTML). */
function externalIncludes(markdownText: string): string[] {
  const scopes = new Set<string>();
  for (const m of markdownText.matchAll(/"include"\s*:\s*"([^"#$][^"#]*)(?:#[^"]*)?"/g)) {
    if (m[1] !== MARKDOWN_SCOPE) scopes.add(m[1]);
  }
  return [...scopes];
}

function makeRegistry() {
  const markdown = fs.readFileSync(MARKDOWN_FILE, 'utf8');
  const stubs = externalIncludes(markdown).map((scopeName) => ({
    grammar: { path: `${scopeName}.stub.json`, scopeName },
    content: JSON.stringify({ scopeName, patterns: [] }),
  }));
  return createRegistryFromGrammars([
    { grammar: { path: MARKDOWN_FILE, scopeName: MARKDOWN_SCOPE }, content: markdown },
    // what package.json's contributes.grammars says: injectTo text.html.markdown
    { grammar: { path: GRAMMAR_FILE, scopeName: grammar.scopeName, injectTo: [MARKDOWN_SCOPE] }, content: fs.readFileSync(GRAMMAR_FILE, 'utf8') },
    ...stubs,
  ]);
}

function describeFailure(file: string, tc: GrammarTestCase, f: TestFailure): string {
  const src = tc.source[f.srcLine];
  return [
    `${file}:${f.line + 1} "${src.slice(f.start, f.end)}" (columns ${f.start}-${f.end} of: ${src})`,
    f.missing.length ? `  missing:    ${f.missing.join(' ')}` : '',
    f.unexpected.length ? `  unexpected: ${f.unexpected.join(' ')}` : '',
    `  actual:     ${f.actual.join(' ')}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The runner's own assertion regex backtracks exponentially on a malformed line (two `-`
 * exclusion groups, say), so every assertion line is checked against a strict form first:
 * `<!--` then `^`s or `<~~--`, required scopes, and at most one `- excluded scopes` group.
 */
const ASSERTION_LINE = /^<!--\s*\^+(?:\s+\^+)*(?:\s+[\w][\w.-]*)*(?:\s+-(?:\s+[\w][\w.-]*)+)?\s*$|^<!--<~*-+(?:\s+[\w][\w.-]*)*(?:\s+-(?:\s+[\w][\w.-]*)+)?\s*$/;

function readTestCase(file: string): GrammarTestCase {
  const text = fs.readFileSync(path.join(TEST_DIR, file), 'utf8');
  text.split(/\r?\n/).forEach((line, i) => {
    if (i > 0 && /^<!--\s*(\^|<~*-)/.test(line)) assert.match(line, ASSERTION_LINE, `${file}:${i + 1} is a well-formed assertion line`);
  });
  return parseGrammarTestCase(text);
}

const testFiles = fs
  .readdirSync(TEST_DIR)
  .filter((f) => f.endsWith('.test.md'))
  .sort();

describe('grammar: zhoubao.injection (TextMate, injected into Markdown)', () => {
  const registry = makeRegistry();

  it('is an injection grammar for Markdown that stays out of code, links and comments', () => {
    assert.equal(grammar.scopeName, 'zhoubao.injection');
    const selector = grammar.injectionSelector ?? '';
    assert.match(selector, /^L:text\.html\.markdown /);
    for (const excluded of ['-comment', '-markup.raw', '-markup.inline.raw', '-markup.fenced_code', '-meta.link']) {
      assert.ok(selector.includes(excluded), `injectionSelector excludes ${excluded}`);
    }
  });

  it('uses only standard TextMate scope roots, each with the .zhoubao suffix', () => {
    const roots = new Set(['meta', 'markup', 'entity', 'constant', 'variable', 'keyword', 'punctuation', 'invalid', 'string', 'support', 'storage', 'comment']);
    for (const scope of declaredScopes(grammar)) {
      assert.ok(scope.endsWith('.zhoubao'), `${scope} ends with .zhoubao`);
      assert.ok(roots.has(scope.split('.')[0]), `${scope} starts with a standard root`);
    }
  });

  it('has at least the grammar test files for every construct', () => {
    for (const f of ['week-title', 'tags', 'metrics', 'progress-plans', 'incidents', 'created-placeholders']) {
      assert.ok(testFiles.includes(`${f}.test.md`), `test/grammar/${f}.test.md exists`);
    }
  });

  it('asserts every scope the grammar declares somewhere in test/grammar (no untested construct)', () => {
    const asserted = new Set<string>();
    for (const file of testFiles) {
      const tc = readTestCase(file);
      for (const la of tc.assertions) for (const a of la.scopeAssertions) for (const s of a.scopes) asserted.add(s);
    }
    const untested = [...declaredScopes(grammar)].filter((s) => !asserted.has(s));
    assert.deepEqual(untested, [], 'scopes never asserted positively in test/grammar/*.test.md');
  });

  for (const file of testFiles) {
    it(`gives the asserted scopes to every line of ${file}`, async () => {
      const tc = readTestCase(file);
      assert.equal(tc.metadata.scope, MARKDOWN_SCOPE);
      assert.ok(tc.assertions.length > 0, 'the file asserts something');
      const failures = await runGrammarTestCase(registry, tc);
      assert.deepEqual(
        failures.map((f) => describeFailure(file, tc, f)),
        [],
      );
    });
  }

  it('fails on a wrong scope (the runner is not vacuous)', async () => {
    const tc = parseGrammarTestCase(
      ['<!-- SYNTAX TEST "text.html.markdown" "negative control"', '- 入金有效成功率：99.99%', '<!--              ^^^^^ constant.numeric.week.zhoubao'].join('\n'),
    );
    const failures = await runGrammarTestCase(registry, tc);
    assert.equal(failures.length, 1);
    assert.deepEqual(failures[0].missing, ['constant.numeric.week.zhoubao']);
  });
});
