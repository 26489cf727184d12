/**
 * The VS Code side of Zhoubao: starts the bundled language server (dist/server.js) over IPC for
 * Markdown files and the team profile, restarts it when it crashes, and registers the commands.
 * Everything else (parsing, rules, features) lives in the server.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ServerStatusRequest, type ServerStatus } from '../../server/src/lsp/protocol';
import { createClient, restartPolicy } from './client';
import { registerNewReport } from './newReport';
import { registerTrends } from './trends';

/** What `activate` returns: used by the real-VS-Code tests, harmless for everyone else. */
export interface ZhoubaoApi {
  /** the current client (a new one after `zhoubao.restartServer`) */
  readonly client: LanguageClient;
  /** asks the running server for its status (pid, version, open documents); waits while it starts */
  serverStatus(): Promise<ServerStatus>;
  /** stops the server and starts a fresh one (what `zhoubao.restartServer` does) */
  restartServer(): Promise<void>;
  /** how long `activate` took, in ms (read by the benchmark, `npm run bench`) */
  readonly activation: {
    /** `performance.now()` of the extension host when `activate` was entered */
    readonly startedAt: number;
    /** from entering `activate` until it returned (the server started and initialized) */
    readonly activateMs: number;
    /** the part spent starting the language server (spawn → initialize result) */
    readonly serverStartMs: number;
  };
}

let current: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ZhoubaoApi> {
  const activateStart = performance.now();
  const output = vscode.window.createOutputChannel('Zhoubao');
  const trace = vscode.window.createOutputChannel('Zhoubao Trace');
  context.subscriptions.push(output, trace);
  const serverModule = context.asAbsolutePath('dist/server.js');

  const start = async (): Promise<LanguageClient> => {
    const client = createClient({ serverModule, output, trace, onGiveUp: () => showGaveUp(output, restart) });
    current = client;
    try {
      await client.start();
    } catch (e) {
      output.appendLine(`[client] ${vscode.l10n.t('The Zhoubao language server could not be started: {0}', errorText(e))}`);
    }
    return client;
  };

  const restart = async (): Promise<void> => {
    const old = current;
    current = undefined;
    if (old) {
      await old.dispose(5000).catch((e: unknown) => output.appendLine(`[client] stop: ${errorText(e)}`));
    }
    output.appendLine(`[client] ${vscode.l10n.t('Restarting the Zhoubao language server.')}`);
    await start();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('zhoubao.restartServer', restart),
    vscode.commands.registerCommand('zhoubao.showOutput', () => output.show(true)),
    registerNewReport(async () => {
      const client = current;
      if (!client) throw new Error(vscode.l10n.t('the language server is not running'));
      await restartPolicy.whenRunning(client, 30_000);
      return client;
    }),
    registerTrends(async () => {
      const client = current;
      if (!client) throw new Error(vscode.l10n.t('the language server is not running'));
      await restartPolicy.whenRunning(client, 30_000);
      return client;
    }),
    { dispose: () => void current?.dispose(2000).catch(() => undefined) },
  );

  const serverStart = performance.now();
  await start();
  const done = performance.now();
  const activation = { startedAt: activateStart, activateMs: done - activateStart, serverStartMs: done - serverStart };

  return {
    activation,
    get client() {
      if (!current) throw new Error('Zhoubao: no language client');
      return current;
    },
    async serverStatus() {
      const client = current;
      if (!client) throw new Error('Zhoubao: no language client');
      await restartPolicy.whenRunning(client, 30_000);
      // `null` params: the server's handler takes (params, token)
      return client.sendRequest<ServerStatus>(ServerStatusRequest, null);
    },
    restartServer: restart,
  };
}

export async function deactivate(): Promise<void> {
  const client = current;
  current = undefined;
  await client?.dispose(2000).catch(() => undefined);
}

async function showGaveUp(output: vscode.OutputChannel, restart: () => Promise<void>): Promise<void> {
  const showOutput = vscode.l10n.t('Show Output');
  const again = vscode.l10n.t('Restart Server');
  const choice = await vscode.window.showErrorMessage(
    vscode.l10n.t(
      'The Zhoubao language server stopped unexpectedly {0} times in {1} minutes and will not be restarted automatically. Reports are not checked until it is restarted.',
      restartPolicy.maxRestarts + 1,
      restartPolicy.windowMs / 60_000,
    ),
    showOutput,
    again,
  );
  if (choice === showOutput) output.show(true);
  else if (choice === again) await restart();
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
