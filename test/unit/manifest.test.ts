/**
 * The extension manifest and the client's localisation are complete: every `%key%` of package.json
 * exists in English and Chinese, every `vscode.l10n.t` string of the client has its Chinese
 * translation with the same placeholders, and every contributed command is registered.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { placeholders } from '../../server/src/core/l10n';

const root = path.resolve(__dirname, '..', '..');
const readJson = (rel: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8')) as Record<string, unknown>;
const clientSources = (): string =>
  fs
    .readdirSync(path.join(root, 'client', 'src'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => fs.readFileSync(path.join(root, 'client', 'src', f), 'utf8'))
    .join('\n');

/** String literals passed as the first argument of vscode.l10n.t (single-quoted, may span lines). */
function l10nStrings(source: string): string[] {
  return [...source.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'"));
}

describe('extension manifest and client localisation', function () {
  const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  const en = readJson('package.nls.json');
  const zh = readJson('package.nls.zh-cn.json');

  it('defines every %key% of package.json in package.nls.json and package.nls.zh-cn.json', function () {
    const keys = [...new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]))];
    assert.ok(keys.length > 5, 'the manifest uses localised strings');
    assert.deepEqual(keys.filter((k) => typeof en[k] !== 'string'), [], 'missing in package.nls.json');
    assert.deepEqual(keys.filter((k) => typeof zh[k] !== 'string'), [], 'missing in package.nls.zh-cn.json');
  });

  it('has the same keys in the English and Chinese manifest strings, none left untranslated', function () {
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    const same = Object.keys(en).filter((k) => k !== 'displayName' && en[k] === zh[k]);
    assert.deepEqual(same, [], 'identical in both languages');
  });

  it('translates every vscode.l10n.t string of the client, with the same placeholders', function () {
    const bundle = readJson('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
    const used = l10nStrings(clientSources());
    assert.ok(used.length >= 5, `the client localises its messages (${used.length} found)`);
    assert.deepEqual(used.filter((s) => !(s in bundle)), [], 'missing in l10n/bundle.l10n.zh-cn.json');
    assert.deepEqual(Object.keys(bundle).filter((k) => !used.includes(k)), [], 'stale entries in the bundle');
    for (const k of used) assert.deepEqual(placeholders(bundle[k]), placeholders(k), `placeholders of "${k}"`);
  });

  it('registers every contributed command, and contributes every registered one', function () {
    const pkg = JSON.parse(manifest) as { contributes: { commands: Array<{ command: string }> } };
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    const registered = [...clientSources().matchAll(/registerCommand\(\s*'([^']+)'/g)].map((m) => m[1]).sort();
    assert.deepEqual(registered, contributed);
  });
});
