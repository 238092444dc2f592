// VS Code client for the copydesk language server. A thin client: it starts `copydesk lsp`
// over stdio for the configured languages, passes the `copydesk.*` settings to the server
// (initializationOptions, then workspace/didChangeConfiguration) and forwards two commands.
// Diagnostics, quick fixes, fix-all on save and hover are plain LSP, handled by
// vscode-languageclient; every decision about the copy is the server's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';

const INSTALL_HINT =
  'Install it with "cargo install --path ." in a checkout of the copydesk repository ' +
  '(or follow the release instructions in its README), or set copydesk.server.path.';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let missingBinaryShown = false;

/** The settings object the server reads: `{"copydesk": {"configPath", "rules"}}`. */
function serverSettings(): object {
  const config = vscode.workspace.getConfiguration('copydesk');
  return {
    copydesk: {
      configPath: config.get<string | null>('configPath') ?? null,
      rules: config.get<object>('rules') ?? {},
    },
  };
}

function languages(): string[] {
  return vscode.workspace.getConfiguration('copydesk').get<string[]>('languages') ?? ['markdown', 'plaintext'];
}

/** The server binary: the `copydesk.server.path` setting, else `copydesk` on PATH. */
function findServer(): string | undefined {
  const configured = vscode.workspace.getConfiguration('copydesk').get<string>('server.path')?.trim();
  if (configured) {
    return isExecutable(configured) ? configured : undefined;
  }
  const names = process.platform === 'win32' ? ['copydesk.exe'] : ['copydesk'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (dir && isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function reportMissingServer(): void {
  const configured = vscode.workspace.getConfiguration('copydesk').get<string>('server.path')?.trim();
  const what = configured
    ? `The copydesk server ${configured} (copydesk.server.path) is not an executable file.`
    : 'The copydesk server (copydesk) is not on PATH.';
  output.appendLine(`${what} ${INSTALL_HINT}`);
  // One message per session: a missing binary is not news the second time.
  if (missingBinaryShown) return;
  missingBinaryShown = true;
  void vscode.window.showErrorMessage(`${what} ${INSTALL_HINT}`, 'Open Settings').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'copydesk.server.path');
  });
}

async function start(): Promise<void> {
  const command = findServer();
  if (!command) {
    reportMissingServer();
    return;
  }
  // stdio without `transport`: with TransportKind.stdio the client appends `--stdio`, which
  // `copydesk lsp` does not take.
  const serverOptions: ServerOptions = { command, args: ['lsp'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages().flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    initializationOptions: serverSettings(),
    outputChannel: output,
    middleware: {
      workspace: {
        // A server that pulls `workspace/configuration` gets the same object it was pushed.
        configuration: (params, token, next) =>
          params.items.some((item) => item.section === 'copydesk')
            ? params.items.map((item) => (item.section === 'copydesk' ? (serverSettings() as { copydesk: object }).copydesk : null))
            : next(params, token),
      },
    },
  };
  client = new LanguageClient('copydesk', 'copydesk', serverOptions, clientOptions);
  output.appendLine(`Starting ${command} lsp`);
  try {
    await client.start();
  } catch (err) {
    output.appendLine(`copydesk failed to start: ${String(err)}`);
    void vscode.window.showErrorMessage(`copydesk failed to start: ${String(err)}`);
    client = undefined;
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop().catch(() => undefined);
}

async function restart(): Promise<void> {
  await stop();
  missingBinaryShown = false;
  await start();
}

async function fixAllInDocument(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage('copydesk is not running.');
    return;
  }
  const uri = client.code2ProtocolConverter.asUri(editor.document.uri);
  await client.sendRequest(ExecuteCommandRequest.type, { command: 'copydesk.fixAll', arguments: [uri] });
}

function isCheckedDocument(document: vscode.TextDocument): boolean {
  return languages().includes(document.languageId);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('copydesk');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('copydesk.restartServer', restart),
    vscode.commands.registerCommand('copydesk.fixAllInDocument', fixAllInDocument),
    vscode.commands.registerCommand('copydesk.showOutput', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('copydesk.server.path') || event.affectsConfiguration('copydesk.languages')) {
        void restart();
      } else if (event.affectsConfiguration('copydesk') && client?.isRunning()) {
        void client.sendNotification(DidChangeConfigurationNotification.type, { settings: serverSettings() });
      }
    }),
    // The extension also activates at startup (for languages added by setting); the server
    // starts with the first document it checks.
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (!client && isCheckedDocument(document)) void start();
    }),
    { dispose: () => void stop() },
  );
  if (vscode.workspace.textDocuments.some(isCheckedDocument)) await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
