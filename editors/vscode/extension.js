// The VS Code client of the rubric language server: it starts `rubric lsp` (the program named by
// the setting `rubric.path`, `rubric` on PATH by default), speaks LSP with it over stdio, and
// restarts it when the setting changes. Diagnostics, hover, completion, definitions, references,
// renaming, formatting and symbols all come from the server; this file only connects the two.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function serverPath() {
  return vscode.workspace.getConfiguration('rubric').get('path') || 'rubric';
}

async function start(context) {
  const command = serverPath();
  // No `transport` on purpose: with one, vscode-languageclient would add `--stdio` to the command
  // line, and `rubric lsp` takes no such option (stdio is its only transport).
  const serverOptions = { command, args: ['lsp'] };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'rubric' },
      { scheme: 'untitled', language: 'rubric' },
    ],
    // The rubric's messages come in the editor's language when the server has them (the LSP
    // `locale` of initialize); this is the channel the server's own log goes to.
    outputChannelName: vscode.l10n.t('Rubric language server'),
  };
  client = new LanguageClient('rubric', vscode.l10n.t('Rubric language server'), serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    const openSettings = vscode.l10n.t('Open settings');
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('Could not start the rubric language server `{0} lsp`: {1}. Set `rubric.path` to the rubric program.',
                    command, error && error.message ? error.message : String(error)),
      openSettings);
    if (choice === openSettings) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'rubric.path');
    }
  }
}

async function stop() {
  if (!client) return;
  const running = client;
  client = undefined;
  await running.stop();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('rubric.path')) {
        await stop();
        await start(context);
      }
    }),
    vscode.commands.registerCommand('rubric.restartServer', async () => {
      await stop();
      await start(context);
    }));
  await start(context);
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
