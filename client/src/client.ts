/**
 * Creating the language client: which documents the server sees, what is synchronised, and what
 * happens when the server process dies (restart it, but give up with one clear message when it
 * keeps crashing instead of restarting in a loop).
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

/** Markdown reports (saved and untitled) and the team profile file. */
export const documentSelector = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
  { language: 'json', pattern: '**/.zhoubao.json' },
  { language: 'jsonc', pattern: '**/.zhoubao.json' },
];

export const restartPolicy = {
  /** automatic restarts allowed within `windowMs`; one more crash and we give up */
  maxRestarts: 4,
  windowMs: 3 * 60_000,

  /** Resolves when `client` is running; rejects when it stops or after `timeoutMs`. */
  whenRunning(client: LanguageClient, timeoutMs: number): Promise<void> {
    if (client.state === State.Running) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`Zhoubao: the language server did not start within ${timeoutMs} ms`));
      }, timeoutMs);
      const sub = client.onDidChangeState((e) => {
        if (e.newState === State.Running) {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      });
    });
  },
};

export interface ClientParts {
  serverModule: string;
  output: vscode.OutputChannel;
  trace: vscode.OutputChannel;
  /** called once when the server crashed too often and is not restarted */
  onGiveUp: () => void;
}

export function createClient(parts: ClientParts): LanguageClient {
  const serverOptions: ServerOptions = {
    run: { module: parts.serverModule, transport: TransportKind.ipc },
    debug: {
      module: parts.serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6019'] },
    },
  };
  let client: LanguageClient | undefined;
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: {
      configurationSection: 'zhoubao',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.zhoubao.json'),
        vscode.workspace.createFileSystemWatcher('**/*.md'),
      ],
    },
    outputChannel: parts.output,
    traceOutputChannel: parts.trace,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: new CrashHandler(parts, () => client),
    middleware: {
      // Diagnostics are pulled (the server offers it to VS Code). When a keystroke comes while a
      // pull is on its way, the client cancels it, and vscode-languageclient then shows the
      // cancelled pull's default answer, no diagnostics at all, until the next pull answers: every
      // squiggle flashes off while typing. Report the cancellation instead; the client then keeps
      // what it shows and pulls again.
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (token.isCancellationRequested) throw new vscode.CancellationError();
        return report;
      },
    },
  };
  // id `zhoubao` makes the client read the `zhoubao.trace.server` setting
  client = new LanguageClient('zhoubao', 'Zhoubao', serverOptions, clientOptions);
  return client;
}

/**
 * Restarts a crashed server up to `maxRestarts` times in `windowMs`; after that, stops and lets
 * the extension show one localized message (with "Show Output" and "Restart Server").
 */
class CrashHandler implements ErrorHandler {
  private readonly restarts: number[] = [];

  constructor(
    private readonly parts: ClientParts,
    private readonly client: () => LanguageClient | undefined,
  ) {}

  error(): ErrorHandlerResult {
    // Write errors (EPIPE) follow every crash: the client still has messages queued for the dead
    // process. Shutting down here would stop the client before `closed` decides on a restart, so a
    // second crash soon after a restart left it stopped for good. A dead connection always ends in
    // `closed`, which owns the restart policy.
    return { action: ErrorAction.Continue, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    while (this.restarts.length && now - this.restarts[0] > restartPolicy.windowMs) this.restarts.shift();
    this.restarts.push(now);
    const client = this.client();
    if (this.restarts.length <= restartPolicy.maxRestarts) {
      // stale findings of the dead server must not stay on screen; the new one publishes afresh
      client?.diagnostics?.clear();
      this.parts.output.appendLine(`[client] ${vscode.l10n.t('The Zhoubao language server stopped unexpectedly; restarting it.')}`);
      return { action: CloseAction.Restart, handled: true };
    }
    client?.diagnostics?.clear();
    this.parts.output.appendLine(`[client] ${vscode.l10n.t('The Zhoubao language server keeps stopping; it is not restarted automatically.')}`);
    this.parts.onGiveUp();
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}
