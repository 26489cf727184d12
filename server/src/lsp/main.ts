/**
 * `zhoubao-language-server`: the Zhoubao language server. `--stdio` for editors that talk over
 * stdin/stdout (Neovim, Helix, Emacs eglot…), `--node-ipc` when started by the VS Code client;
 * `--socket=<port>` and `--pipe=<name>` work too (vscode-languageserver reads them from argv).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { applyInterruptBudget } from './jit';
import { serverVersion } from './paths';
import { startServer } from './server';

const USAGE = `Usage: zhoubao-language-server [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]

The Zhoubao (周报) language server: diagnostics, quick fixes, outline, folding and hovers for
weekly reports in Markdown.

Options:
  --stdio           talk LSP over stdin/stdout
  --node-ipc        talk LSP over Node IPC (used by the VS Code extension)
  --socket=<port>   talk LSP over a TCP socket
  --pipe=<name>     talk LSP over a named pipe
  --version         print the version and exit
  --help            print this help and exit
`;

function main(argv: string[]): void {
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${serverVersion()}\n`);
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  if (!argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
    process.stderr.write(`zhoubao-language-server: no transport given\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  // before any of the server's code runs hot (`jit.ts`)
  applyInterruptBudget();
  // under --stdio, vscode-languageserver routes console.* to the client's log (stdout is the channel)
  process.on('uncaughtException', (e) => console.error('zhoubao-language-server: uncaught', e));
  process.on('unhandledRejection', (e) => console.error('zhoubao-language-server: unhandled rejection', e));
  startServer(createConnection(ProposedFeatures.all));
}

main(process.argv.slice(2));
