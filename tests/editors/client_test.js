#!/usr/bin/env node
// The VS Code client (editors/vscode/extension.js) with stand-ins for VS Code and the language
// client library: activation must start `rubric lsp` from the setting `rubric.path` (default
// `rubric`) over stdio without extra arguments (vscode-languageclient adds `--stdio` when a
// transport is named, and `rubric lsp` takes none), for rubric files, and must stop the server
// and start it again with the new program when the setting changes.
//
// Usage: node client_test.js EXTENSION_DIR
'use strict';

const Module = require('module');
const path = require('path');
const assert = require('assert');

const extensionDir = path.resolve(process.argv[2]);
const started = [];
const stopped = [];
let settings = {};
let configurationListener;

class FakeLanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions });
  }
  async start() { started.push(this); }
  async stop() { stopped.push(this); }
}

const fakeVscode = {
  workspace: {
    getConfiguration: (section) => ({ get: (key) => settings[`${section}.${key}`] }),
    onDidChangeConfiguration: (listener) => { configurationListener = listener; return { dispose() {} }; },
  },
  commands: { registerCommand: () => ({ dispose() {} }), executeCommand: async () => {} },
  window: { showErrorMessage: async () => undefined },
  l10n: { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)])) },
};

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return fakeVscode;
  if (request === 'vscode-languageclient/node') return { LanguageClient: FakeLanguageClient };
  return load.call(this, request, parent, isMain);
};

(async () => {
  const extension = require(path.join(extensionDir, 'extension.js'));
  const context = { subscriptions: [] };
  await extension.activate(context);

  assert.strictEqual(started.length, 1, 'activation starts one server');
  const first = started[0];
  assert.deepStrictEqual(first.serverOptions, { command: 'rubric', args: ['lsp'] },
    'the server is `rubric lsp` on PATH, over stdio, with no transport option (it would add --stdio)');
  assert.ok(first.clientOptions.documentSelector.some((s) => s.language === 'rubric' && s.scheme === 'file'),
    'the client serves rubric files');

  settings['rubric.path'] = '/opt/rubric/bin/rubric';
  await configurationListener({ affectsConfiguration: (key) => key === 'rubric.path' });
  assert.deepStrictEqual(stopped, [first], 'a new rubric.path stops the running server');
  assert.strictEqual(started.length, 2, 'and starts another');
  assert.strictEqual(started[1].serverOptions.command, '/opt/rubric/bin/rubric', 'with the program the setting names');

  await configurationListener({ affectsConfiguration: () => false });
  assert.strictEqual(started.length, 2, 'other settings leave the server alone');

  await extension.deactivate();
  assert.deepStrictEqual(stopped, [first, started[1]], 'deactivation stops the server');

  // Every string the client shows has a Chinese translation in the bundle VS Code loads.
  const fs = require('fs');
  const source = fs.readFileSync(path.join(extensionDir, 'extension.js'), 'utf8');
  const bundle = JSON.parse(fs.readFileSync(path.join(extensionDir, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
  const messages = [...source.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]);
  assert.ok(messages.length > 0, 'the client has messages');
  for (const message of messages) assert.ok(bundle[message], `no Chinese for \`${message}\``);
  console.log(`client: starts \`rubric lsp\`, restarts on rubric.path, stops on deactivation; ${messages.length} messages translated`);
})().catch((error) => {
  console.error(error.message || error);
  process.exit(1);
});
