#!/usr/bin/env node
// The VS Code grammar (editors/vscode/syntaxes/rubric.tmLanguage.json) against the parser.
//
// Every rubric is tokenized twice: by the real parser (editors_grammar_tokens, built from
// lang/grammar.hpp and lang/grammar_zh.hpp) and by the real TextMate engine VS Code uses
// (vscode-textmate with the Oniguruma regular expressions). Every keyword the parser matched
// must have a keyword scope; every number, date, label and comment its scope; no name may be
// coloured as a keyword. Then every keyword of both surfaces, listed from the grammar headers by
// editors/generate.py, is tokenized alone: a keyword added to the language without a grammar
// entry fails here.
//
// Usage: node tokenize_test.js NODE_MODULES GRAMMAR TOKENS_TOOL KEYWORDS_JSON RUBRIC...
//   RUBRIC prefixed with `?` may fail to parse (a deliberately broken test input): it is skipped.
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const [nodeModulesArgument, grammarPath, tokensTool, keywordsJson, ...rubrics] = process.argv.slice(2);
const nodeModules = path.resolve(nodeModulesArgument);
const vsctm = require(path.join(nodeModules, 'vscode-textmate'));
const oniguruma = require(path.join(nodeModules, 'vscode-oniguruma'));

const expectedScope = {
  keyword: (scopes) => scopes.some((s) => s.startsWith('keyword.')),
  number: (scopes) => scopes.some((s) => s.startsWith('constant.numeric.')),
  date: (scopes) => scopes.some((s) => s.startsWith('constant.other.date.')),
  label: (scopes) => scopes.some((s) => s.startsWith('string.')),
  comment: (scopes) => scopes.some((s) => s.startsWith('comment.')),
  name: (scopes) => !scopes.some((s) => s.startsWith('keyword.') || s.startsWith('constant.') || s.startsWith('comment.')),
};

async function loadGrammar() {
  const wasm = fs.readFileSync(path.join(nodeModules, 'vscode-oniguruma', 'release', 'onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.rubric' ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  return registry.loadGrammar('source.rubric');
}

// The scopes of every UTF-16 code unit of every line, as VS Code would colour them.
function scopesOf(grammar, text) {
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line.replace(/\r$/, ''), state);
    state = result.ruleStack;
    const perUnit = new Array(line.length).fill(null);
    for (const token of result.tokens) {
      for (let i = token.startIndex; i < Math.min(token.endIndex, line.length); i++) perUnit[i] = token.scopes;
    }
    return perUnit;
  });
}

// Byte offsets of the parser's tokens to (line, UTF-16 column) of the text VS Code shows (no BOM).
function parserTokens(file) {
  let output;
  try {
    output = execFileSync(tokensTool, [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    return null;
  }
  let bytes = fs.readFileSync(file);
  const [surfaceLine, ...lines] = output.trim().split('\n');
  const tokens = [];
  for (const line of lines) {
    const [kind, offset, length] = line.split(' ');
    const before = bytes.subarray(0, Number(offset)).toString('utf8').replace(/^\uFEFF/, '');
    const text = bytes.subarray(Number(offset), Number(offset) + Number(length)).toString('utf8');
    const lineIndex = before.split('\n').length - 1;
    const column = before.length - (before.lastIndexOf('\n') + 1);
    tokens.push({ kind, text, line: lineIndex, column });
  }
  return { surface: surfaceLine.split(' ')[1], tokens, text: bytes.toString('utf8').replace(/^\uFEFF/, '') };
}

function checkFile(grammar, file, optional, failures, counts) {
  const parsed = parserTokens(file);
  if (!parsed) {
    if (!optional) failures.push(`${file}: the parser does not read it`);
    return false;
  }
  const scopes = scopesOf(grammar, parsed.text);
  for (const token of parsed.tokens) {
    counts[token.kind] = (counts[token.kind] || 0) + 1;
    for (let i = 0; i < token.text.length; i++) {
      const unit = scopes[token.line][token.column + i] || [];
      if (!expectedScope[token.kind](unit)) {
        failures.push(
          `${file}:${token.line + 1}:${token.column + 1}: ${token.kind} \`${token.text}\` has scopes ${unit.join(' ') || '(none)'}`);
        break;
      }
    }
  }
  return true;
}

// Every keyword alone on a line of its surface's file.
function checkKeywords(grammar, failures) {
  const { en, zh } = JSON.parse(fs.readFileSync(keywordsJson, 'utf8'));
  const files = [
    { header: 'rubric "x" version "1" effective 2024-01-01', words: en },
    { header: '细则 x 版本 1 自 2024年1月1日 起施行', words: zh },
  ];
  for (const { header, words } of files) {
    const text = [header, ...words.map((w) => `  ${w}`)].join('\n');
    const scopes = scopesOf(grammar, text);
    words.forEach((word, index) => {
      const line = scopes[index + 1];
      for (let i = 2; i < 2 + word.length; i++) {
        if (!expectedScope.keyword(line[i] || [])) {
          failures.push(`keyword \`${word}\` has no keyword scope (scopes: ${(line[i] || []).join(' ') || '(none)'})`);
          break;
        }
      }
    });
  }
  return en.length + zh.length;
}

(async () => {
  const grammar = await loadGrammar();
  const failures = [];
  const counts = {};
  let read = 0;
  for (const argument of rubrics) {
    const optional = argument.startsWith('?');
    const file = optional ? argument.slice(1) : argument;
    if (checkFile(grammar, file, optional, failures, counts)) read++;
  }
  const keywordCount = checkKeywords(grammar, failures);
  if (failures.length) {
    console.error(failures.slice(0, 200).join('\n'));
    console.error(`${failures.length} token(s) coloured wrongly`);
    process.exit(1);
  }
  if (!counts.keyword || !counts.name || !counts.number || !counts.date || !counts.label || !counts.comment) {
    console.error(`too few tokens to check anything: ${JSON.stringify(counts)}`);
    process.exit(1);
  }
  console.log(`${rubrics.length} files (${read} parsed and compared), tokens checked: ${JSON.stringify(counts)}; ${keywordCount} keywords alone`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
