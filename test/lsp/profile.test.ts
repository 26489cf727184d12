import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver/node';
import { LspClient, TempWorkspace, textAt } from '../helpers/lsp-client';
import { WEEK_12 } from './reports';

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code).sort();
const FILE_CHANGED = 2;
const FILE_DELETED = 3;

// `min` must be a number: the whole file is rejected and the defaults stay in force
const INVALID_PROFILE = `{
  // 目标放宽到 99.9%
  "metrics": [
    { "id": "withdrawalSuccessRate", "target": { "min": "99.9" } }
  ]
}
`;
const VALID_PROFILE = INVALID_PROFILE.replace('"99.9"', '99.9');

describe('LSP team profile (.zhoubao.json)', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  let profileUri: string;
  let reportUri: string;

  before(async () => {
    ws = new TempWorkspace();
    profileUri = ws.write('.zhoubao.json', INVALID_PROFILE);
    reportUri = ws.write('2024-W12.md', WEEK_12);
    client = await LspClient.start({ folders: [ws.uri] });
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it('registers for profile file events and configuration changes', async () => {
    await client.waitFor('registrations', () => (client.registrations.length >= 2 ? true : undefined));
    assert.ok(client.registrations.includes('workspace/didChangeWatchedFiles'));
    assert.ok(client.registrations.includes('workspace/didChangeConfiguration'));
  });

  it('reports an invalid profile on the profile file itself, at the offending key, without any report open', async () => {
    const ds = await client.latestDiagnostics(profileUri, (d) => d.length > 0, 'profile problems');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].code, 'profile');
    assert.equal(ds[0].source, 'zhoubao');
    assert.equal(ds[0].severity, 1);
    assert.equal(textAt(INVALID_PROFILE, ds[0].range), '"min"');
    assert.match(ds[0].message, /metrics\[0\]\.target\.min/);
  });

  it('keeps checking reports with the defaults while the profile is invalid', async () => {
    await client.open(reportUri, WEEK_12);
    assert.deepEqual(codes(await client.diagnosticsFor(reportUri, 1)), ['WR023', 'WR044']);
  });

  it('clears the profile problems and applies the profile once the file is fixed on disk', async () => {
    ws.write('.zhoubao.json', VALID_PROFILE);
    await client.watchedFilesChanged([{ uri: profileUri, type: FILE_CHANGED }]);
    await client.latestDiagnostics(profileUri, (d) => d.length === 0, 'cleared profile problems');
    // 99.912% meets the relaxed target of 99.9%
    await client.latestDiagnostics(reportUri, (d) => codes(d).join() === 'WR044', 'report under the new profile');
  });

  it('follows the unsaved text of the open profile, with its version', async () => {
    await client.open(profileUri, VALID_PROFILE, 'jsonc');
    const broken = VALID_PROFILE.replace('"min": 99.9', '"min": "high"');
    const v2 = await client.change(profileUri, [{ text: broken }]);
    const ds = await client.diagnosticsFor(profileUri, v2);
    assert.equal(ds[0]?.code, 'profile');
    // the defaults are back for the report
    await client.latestDiagnostics(reportUri, (d) => codes(d).join() === 'WR023,WR044', 'report under the defaults');
    const v3 = await client.change(profileUri, [{ text: VALID_PROFILE }]);
    assert.deepEqual(await client.diagnosticsFor(profileUri, v3), []);
    await client.latestDiagnostics(reportUri, (d) => codes(d).join() === 'WR044', 'report under the fixed profile');
  });

  it('reads the disk again when the open profile is closed unsaved', async () => {
    await client.change(profileUri, [{ text: '{ "rules": { "WR044": "off" } }' }]);
    await client.latestDiagnostics(reportUri, (d) => codes(d).join() === 'WR023', 'report under the unsaved profile');
    await client.close(profileUri);
    await client.latestDiagnostics(reportUri, (d) => codes(d).join() === 'WR044', 'report under the profile on disk');
  });

  it('falls back to the defaults when the profile file is deleted', async () => {
    fs.rmSync(ws.path('.zhoubao.json'));
    await client.watchedFilesChanged([{ uri: profileUri, type: FILE_DELETED }]);
    await client.latestDiagnostics(reportUri, (d) => codes(d).join() === 'WR023,WR044', 'report under the defaults');
  });

  it('reloads the profile on its file events and ignores file events for reports', async () => {
    // the server asks for settings synchronously when it reloads, so a request answered after the
    // event shows whether it reloaded
    const count = async (uri: string) => {
      const before = client.configurationRequests;
      await client.watchedFilesChanged([{ uri, type: FILE_CHANGED }]);
      await client.request('zhoubao/serverStatus', undefined);
      return client.configurationRequests - before;
    };
    assert.equal(await count(reportUri), 0);
    assert.equal(await count(profileUri), 1);
  });
});

describe('LSP settings (zhoubao.*), read per workspace folder', () => {
  let a: TempWorkspace;
  let b: TempWorkspace;
  let client: LspClient;

  before(async () => {
    a = new TempWorkspace('zhoubao-a-');
    b = new TempWorkspace('zhoubao-b-');
    b.write('team/profile.jsonc', '{ "metrics": [ { "id": "withdrawalSuccessRate", "target": { "min": 99.9 } } ] }');
    client = await LspClient.start({
      folders: [a.uri, b.uri],
      settings: (scope) => (scope === a.uri ? { rules: { WR044: 'off' } } : { profile: 'team/profile.jsonc' }),
    });
  });

  after(async () => {
    await client?.stop();
    a?.remove();
    b?.remove();
  });

  it('applies each folder’s settings to the reports in it', async () => {
    const inA = a.write('2024-W12.md', WEEK_12);
    const inB = b.write('2024-W12.md', WEEK_12);
    await client.open(inA, WEEK_12);
    await client.open(inB, WEEK_12);
    assert.deepEqual(codes(await client.diagnosticsFor(inA, 1)), ['WR023']);
    // folder b: the profile named by zhoubao.profile relaxes the target to 99.9%, which 99.912% meets
    assert.deepEqual(codes(await client.diagnosticsFor(inB, 1)), ['WR044']);
  });

  it('watches a profile named in settings and reloads it when it changes', async () => {
    const watcher = await client.waitFor('a watcher for team/profile.jsonc', () =>
      client.registrationOptions.find((r) => JSON.stringify(r.registerOptions ?? '').includes('team/profile.jsonc')),
    );
    assert.equal(watcher.method, 'workspace/didChangeWatchedFiles');
    const inB = b.fileUri('2024-W12.md');
    const profile = b.write('team/profile.jsonc', '{ "metrics": [ { "id": "withdrawalSuccessRate", "target": { "min": 99.95 } } ] }');
    await client.watchedFilesChanged([{ uri: profile, type: FILE_CHANGED }]);
    await client.latestDiagnostics(inB, (d) => codes(d).join() === 'WR023,WR044', 'report under the stricter profile');
  });

  it('re-reads settings on workspace/didChangeConfiguration', async () => {
    const inA = a.fileUri('2024-W12.md');
    await client.configurationChanged((scope) => (scope === a.uri ? { rules: { WR044: 'error', WR023: 'off' } } : {}));
    const ds = await client.latestDiagnostics(inA, (d) => codes(d).join() === 'WR044', 'diagnostics under the new settings');
    assert.equal(ds[0].severity, 1);
  });

  it('turns everything off with zhoubao.enable = false', async () => {
    const inB = b.fileUri('2024-W12.md');
    await client.configurationChanged(() => ({ enable: false }));
    await client.latestDiagnostics(inB, (d) => d.length === 0, 'no diagnostics');
    assert.deepEqual(await client.documentSymbols(inB), []);
  });

  it('ignores malformed settings values instead of failing', async () => {
    const inA = a.fileUri('2024-W12.md');
    await client.configurationChanged(() => ({ enable: 'yes', profile: 42, rules: { WR44: 'off', WR023: 'loud', WR044: 'hint' }, titleStyle: 'roman' }));
    const ds = await client.latestDiagnostics(inA, (d) => codes(d).join() === 'WR023,WR044', 'diagnostics under sanitised settings');
    assert.equal(ds.find((d) => d.code === 'WR044')?.severity, 4);
  });
});

describe('LSP workspace folders added and removed', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace();
    client = await LspClient.start({ folders: [] });
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it('loads the profile of an added folder and clears its problems when the folder is removed', async () => {
    const profileUri = ws.write('.zhoubao.json', '{ "titleStyle": "roman" }');
    await client.workspaceFoldersChanged([ws.uri], []);
    const ds = await client.latestDiagnostics(profileUri, (d) => d.length > 0, 'problems of the added folder’s profile');
    assert.equal(textAt('{ "titleStyle": "roman" }', ds[0].range), '"titleStyle"');
    await client.workspaceFoldersChanged([], [ws.uri]);
    await client.latestDiagnostics(profileUri, (d) => d.length === 0, 'cleared problems');
  });
});

describe('LSP with a client that cannot answer workspace/configuration', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace();
    client = await LspClient.start({
      folders: [ws.uri],
      capabilities: { workspace: { configuration: false, didChangeWatchedFiles: { dynamicRegistration: false }, didChangeConfiguration: { dynamicRegistration: false } } },
    });
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it('checks with the defaults, then with settings pushed by didChangeConfiguration', async () => {
    const uri = ws.write('2024-W12.md', WEEK_12);
    await client.open(uri, WEEK_12);
    assert.deepEqual(codes(await client.diagnosticsFor(uri, 1)), ['WR023', 'WR044']);
    assert.deepEqual(client.registrations, []);
    await client.configurationChanged({ rules: { WR023: 'off' } });
    await client.latestDiagnostics(uri, (d) => codes(d).join() === 'WR044', 'diagnostics under pushed settings');
  });
});

describe('LSP with an unreadable profile', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace();
    fs.mkdirSync(ws.path('.zhoubao.json')); // a directory where the file should be
    client = await LspClient.start({ folders: [ws.uri] });
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it('logs the problem and checks with the defaults', async () => {
    const uri = ws.write('2024-W12.md', WEEK_12);
    await client.open(uri, WEEK_12);
    assert.deepEqual(codes(await client.diagnosticsFor(uri, 1)), ['WR023', 'WR044']);
    assert.ok(client.logs.some((l) => /cannot read profile/.test(l)), client.logs.join('\n'));
  });
});
