import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, describeDiagnostics, open, ruleDiagnostics, waitFor, wsUri, zhoubao } from './helpers';

describe('server crashes and restarts', function () {
  const uri = wsUri('reports/2024-W20.md');

  before(async function () {
    await open('reports/2024-W20.md');
  });
  after(closeAllEditors);

  it('restarts a killed server, and the report\'s diagnostics come back', async function () {
    const api = await zhoubao();
    await waitFor('findings on the report', () => ruleDiagnostics(uri).length > 0, { detail: () => describeDiagnostics(uri) });
    const before = await api.serverStatus();

    // count the report's diagnostics at every change from here on
    const seen: number[] = [];
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) seen.push(ruleDiagnostics(uri).length);
    });
    try {
      process.kill(before.pid, 'SIGKILL');
      const after = await waitFor(
        'a new server process',
        async () => {
          const s = await api.serverStatus();
          return s.pid !== before.pid ? s : undefined;
        },
        { ms: 30_000 },
      );
      assert.ok(after.pid > 0);
      assert.throws(() => process.kill(before.pid, 0), 'the old server process is gone');
      await waitFor('the findings to come back', () => ruleDiagnostics(uri).length > 0 && seen.lastIndexOf(0) >= 0 && seen.at(-1)! > 0, {
        ms: 30_000,
        detail: () => `changes seen: ${JSON.stringify(seen)}\n${describeDiagnostics(uri)}`,
      });
      // the dead server's findings were cleared, then the new server published them afresh
      assert.ok(seen.indexOf(0) < seen.length - 1, `cleared, then republished: ${JSON.stringify(seen)}`);
    } finally {
      sub.dispose();
    }
  });

  it('gives up after repeated crashes instead of restarting in a loop; zhoubao.restartServer recovers', async function () {
    const api = await zhoubao();
    await vscode.commands.executeCommand('zhoubao.restartServer');
    const client = api.client; // a fresh client: its crash count starts at zero
    const crash = async () => {
      const s = await api.serverStatus();
      process.kill(s.pid, 'SIGKILL');
      return s.pid;
    };
    for (let i = 1; i <= 4; i++) {
      const old = await crash();
      await waitFor(`restart ${i} after a crash`, async () => (await api.serverStatus()).pid !== old, { ms: 30_000 });
    }
    await crash();
    // the fifth crash within three minutes: the client stops for good (State.Stopped = 1)
    await waitFor('the client to give up', () => client.state === 1, { ms: 30_000, detail: () => `state ${client.state}` });
    assert.equal(api.client, client, 'no new client was created behind the user\'s back');
    await vscode.commands.executeCommand('notifications.clearAll');

    await vscode.commands.executeCommand('zhoubao.restartServer');
    const status = await api.serverStatus();
    assert.ok(status.pid > 0);
    await waitFor('findings on the report again', () => ruleDiagnostics(uri).length > 0, { detail: () => describeDiagnostics(uri) });
  });

  it('zhoubao.restartServer starts a fresh server on command', async function () {
    const api = await zhoubao();
    const before = await api.serverStatus();
    await vscode.commands.executeCommand('zhoubao.restartServer');
    const after = await waitFor('a new server after the command', async () => {
      const s = await api.serverStatus();
      return s.pid !== before.pid ? s : undefined;
    });
    assert.notEqual(after.pid, before.pid);
    await waitFor('findings on the report again', () => ruleDiagnostics(uri).length > 0, { detail: () => describeDiagnostics(uri) });
  });
});
