// Starts `iacfix lsp` over stdio for the files iacfix checks; everything else (diagnostics,
// quick fixes, the fix-all source action) comes from the server.
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

// What `iacfix lsp` serves: CDKTF Python/TypeScript, CloudFormation YAML/JSON (also as `.template`,
// which VS Code gives no language), CI workflow YAML and the dependency manifests iacfix fixes.
export const DOCUMENT_SELECTOR = [
  { scheme: "file", language: "python" },
  { scheme: "file", language: "typescript" },
  { scheme: "file", language: "typescriptreact" },
  { scheme: "file", language: "yaml" },
  { scheme: "file", language: "json" },
  { scheme: "file", pattern: "**/*.template" },
  { scheme: "file", pattern: "**/.github/workflows/*.yml" },
  { scheme: "file", pattern: "**/requirements.txt" },
  { scheme: "file", pattern: "**/Pipfile" },
];

let client: LanguageClient | undefined;

// VS Code does not expand variables in an extension's own settings; `${workspaceFolder}` is the one
// a project-local install needs (`${workspaceFolder}/.venv/bin/iacfix`).
function expand(value: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? "";
  return value.split("${workspaceFolder}").join(folder);
}

function serverOptions(): ServerOptions {
  const settings = vscode.workspace.getConfiguration("iacfix");
  const command = expand(settings.get<string>("path", "iacfix"));
  const args = settings.get<string[]>("args", ["lsp"]).map(expand);
  return { command, args };
}

async function start(): Promise<void> {
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // the client reads `iacfix.trace.server` itself, by the id "iacfix"
    outputChannelName: "iacfix",
  };
  client = new LanguageClient("iacfix", "iacfix", serverOptions(), clientOptions);
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // a new executable or new arguments only take effect in a new server process
      if (event.affectsConfiguration("iacfix.path") || event.affectsConfiguration("iacfix.args")) {
        await client?.stop();
        await start();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
