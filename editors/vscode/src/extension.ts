// The copydesk extension: starts `copydesk lsp --stdio` for prose documents
// and wires its diagnostics, quick fixes and settings into VS Code.

import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  DocumentDiagnosticRequest,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";

import { ServerSettings, toServerSettings } from "./settings";
import { INSTALL_COMMAND, resolveServer } from "./server";

const SECTION = "copydesk";
/** The code action kind of the server's "fix all safe findings" action. */
const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append("copydesk");

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let traceOutput: vscode.LogOutputChannel;
let statusBar: vscode.StatusBarItem;
/** Set when the server could not be found or failed to start. */
let startError: string | undefined;
/** How many times a server was started in this window, for the log. */
let starts = 0;
/** Serializes start/stop so that quick successive restarts do not race. */
let lifecycle: Promise<void> = Promise.resolve();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("copydesk", { log: true });
  traceOutput = vscode.window.createOutputChannel("copydesk Trace", { log: true });
  statusBar = vscode.window.createStatusBarItem("copydesk.findings", vscode.StatusBarAlignment.Right, 100);
  statusBar.name = "copydesk findings";
  context.subscriptions.push(output, traceOutput, statusBar);

  context.subscriptions.push(
    vscode.commands.registerCommand("copydesk.restartServer", () => restart()),
    vscode.commands.registerCommand("copydesk.showOutput", () => output.show(true)),
    vscode.commands.registerCommand("copydesk.applyAllSafeFixes", () => applyAllSafeFixes()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      if (e.affectsConfiguration(`${SECTION}.server.path`) || e.affectsConfiguration(`${SECTION}.languages`)) {
        output.info("server path or languages changed: restarting the server");
        void restart();
      } else {
        pushSettings();
      }
      updateStatus();
    }),
    vscode.languages.onDidChangeDiagnostics(() => updateStatus()),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatus()),
  );

  await restart();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

function languages(): string[] {
  const langs = config().get<string[]>("languages", ["markdown", "plaintext"]);
  return Array.isArray(langs) ? langs.filter((l) => typeof l === "string" && l.length > 0) : ["markdown", "plaintext"];
}

function documentSelector(): { scheme: string; language: string }[] {
  return languages().flatMap((language) => [
    { scheme: "file", language },
    { scheme: "untitled", language },
  ]);
}

/** The settings object the server reads, from the current configuration. */
function serverSettings(): ServerSettings {
  const c = config();
  // One switch per family, as contributed in package.json (scripts/sync-rules.mjs).
  const families = c.get<Record<string, boolean | undefined>>("families", {});
  return toServerSettings(
    { families, severity: c.get<Record<string, unknown>>("severity", {}), debounceMs: c.get<number>("debounceMs") },
    (msg) => output.warn(msg),
  );
}

/** Sends the current settings to the running server, no restart needed. */
function pushSettings(): void {
  if (!client || !client.isRunning()) return;
  const settings = serverSettings();
  output.info(`settings changed: ${JSON.stringify(settings)}`);
  const c = client;
  void c
    .sendNotification(DidChangeConfigurationNotification.type, { settings })
    .then(() => {
      // The server asks for a re-pull with workspace/diagnostic/refresh only
      // when it knows the client supports it, and tower-lsp's lsp-types reads
      // that capability under the wrong name ("diagnostic", the spec says
      // "diagnostics"). Re-pull ourselves, now and once the server's debounce
      // has passed, so the Problems panel follows the settings either way.
      const refresh = () => {
        if (client === c && c.isRunning()) c.getFeature(DocumentDiagnosticRequest.method)?.refresh();
      };
      refresh();
      setTimeout(refresh, settings.debounceMs + 150);
    })
    .catch((e) => output.error(`could not send settings: ${e}`));
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) return;
  try {
    if (c.isRunning()) await c.stop(2000);
  } catch (e) {
    output.warn(`stopping the server: ${e}`);
  }
  try {
    await c.dispose();
  } catch {
    // already gone
  }
}

function restart(): Promise<void> {
  lifecycle = lifecycle.then(async () => {
    await stopClient();
    await startClient();
    updateStatus();
  });
  return lifecycle;
}

async function startClient(): Promise<void> {
  startError = undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const found = resolveServer({ configured: config().get<string>("server.path", ""), workspaceFolder: folder });
  if (!found.ok) {
    startError = found.reason;
    output.error(found.reason);
    void notifyMissing(found.reason);
    return;
  }
  output.info(`starting ${found.command} lsp --stdio (found via ${found.how})`);

  const serverOptions: ServerOptions = {
    command: found.command,
    args: ["lsp"],
    // TransportKind.stdio makes the client append `--stdio`.
    transport: TransportKind.stdio,
    options: { cwd: folder },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    diagnosticCollectionName: "copydesk",
    initializationOptions: serverSettings(),
    outputChannel: output,
    traceOutputChannel: traceOutput,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
      workspace: {
        // Servers that pull settings (workspace/configuration) get the same
        // object as initializationOptions, not VS Code's raw settings.
        configuration: async (params, token, next) => {
          const raw = await next(params, token);
          if (!Array.isArray(raw)) return raw;
          return params.items.map((item, i) => (item.section === SECTION ? serverSettings() : raw[i]));
        },
      },
    },
  };

  const c = new LanguageClient("copydesk", "copydesk", serverOptions, clientOptions);
  c.onDidChangeState((e) => {
    if (e.newState === State.Stopped && client === c) {
      startError = "The copydesk server stopped.";
    }
    updateStatus();
  });
  client = c;
  try {
    await c.start();
    starts += 1;
    output.info(`server started (start #${starts})`);
  } catch (e) {
    startError = `The copydesk server (${found.command}) failed to start: ${e instanceof Error ? e.message : String(e)}`;
    output.error(startError);
    const choice = await vscode.window.showErrorMessage(startError, "Show Output", "Open Settings");
    if (choice === "Show Output") output.show(true);
    if (choice === "Open Settings") void vscode.commands.executeCommand("workbench.action.openSettings", "copydesk.server.path");
  }
}

async function notifyMissing(reason: string): Promise<void> {
  const copy = "Copy Install Command";
  const settings = "Set copydesk.server.path";
  const retry = "Retry";
  const choice = await vscode.window.showErrorMessage(
    `${reason} Install it with \`${INSTALL_COMMAND}\` (Rust's cargo), or set copydesk.server.path to the executable, then retry.`,
    copy,
    settings,
    retry,
  );
  if (choice === copy) {
    await vscode.env.clipboard.writeText(INSTALL_COMMAND);
    void vscode.window.showInformationMessage(`Copied "${INSTALL_COMMAND}". Run it in a terminal, then run "copydesk: Restart Server".`);
  } else if (choice === settings) {
    void vscode.commands.executeCommand("workbench.action.openSettings", "copydesk.server.path");
  } else if (choice === retry) {
    void restart();
  }
}

/** Applies the server's `source.fixAll.copydesk` action to the active file. */
async function applyAllSafeFixes(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage("copydesk: open a document first.");
    return;
  }
  const doc = editor.document;
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, whole, FIX_ALL_KIND.value, 10)) ?? [];
  const fixAll = actions.filter((a) => a.kind && FIX_ALL_KIND.contains(a.kind));
  if (fixAll.length === 0) {
    void vscode.window.showInformationMessage("copydesk: no safe fixes in this file.");
    return;
  }
  for (const action of fixAll.slice(0, 1)) {
    if (action.edit) await vscode.workspace.applyEdit(action.edit);
    if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}

function updateStatus(): void {
  if (!statusBar) return;
  const editor = vscode.window.activeTextEditor;
  const enabled = config().get<boolean>("statusBar.enabled", true);
  if (!enabled || !editor || vscode.languages.match(documentSelector(), editor.document) === 0) {
    statusBar.hide();
    return;
  }
  if (startError) {
    statusBar.text = "$(error) copydesk";
    statusBar.tooltip = `${startError}\nClick to show the copydesk output.`;
    statusBar.command = "copydesk.showOutput";
    statusBar.backgroundColor = new vscode.ThemeColor("statusBarItem.errorBackground");
    statusBar.show();
    return;
  }
  statusBar.backgroundColor = undefined;
  if (!client || client.state === State.Starting) {
    statusBar.text = "$(sync~spin) copydesk";
    statusBar.tooltip = "copydesk is starting";
    statusBar.command = "copydesk.showOutput";
    statusBar.show();
    return;
  }
  const diags = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === "copydesk");
  const count = (sev: vscode.DiagnosticSeverity) => diags.filter((d) => d.severity === sev).length;
  const parts = [
    [count(vscode.DiagnosticSeverity.Error), "error"],
    [count(vscode.DiagnosticSeverity.Warning), "warning"],
    [count(vscode.DiagnosticSeverity.Information), "info"],
    [count(vscode.DiagnosticSeverity.Hint), "hint"],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}${n === 1 || what === "info" ? "" : "s"}`);
  statusBar.text = diags.length === 0 ? "$(check) copydesk" : `$(edit) copydesk: ${diags.length}`;
  statusBar.tooltip =
    diags.length === 0
      ? "copydesk: no findings in this document"
      : `copydesk: ${diags.length} finding${diags.length === 1 ? "" : "s"} in this document (${parts.join(", ")}). Click to open the Problems panel.`;
  statusBar.command = "workbench.actions.view.problems";
  statusBar.accessibilityInformation = { label: `copydesk: ${diags.length} findings`, role: "button" };
  statusBar.show();
}
