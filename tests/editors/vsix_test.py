#!/usr/bin/env python3
"""The VS Code extension packages, and the package works as VS Code reads it.

Runs scripts/package-vscode.sh into OUT.vsix, then opens the archive: the manifest
(extension/package.json) must name the language `rubric` for `.rubric` files, and every file it
points at — the client (`main`), the grammar, the language configuration, the translations — must
be in the archive and well-formed; the client's runtime dependency (vscode-languageclient) must be
there, and the test-only packages (vscode-textmate, vsce) must not.

Usage: vsix_test.py SCRIPT OUT.vsix
"""
import json
import posixpath
import subprocess
import sys
import zipfile


def fail(message):
    print(f"vsix: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    script, out = sys.argv[1:3]
    result = subprocess.run([script, out], capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"{script} exited {result.returncode}:\n{result.stderr}")
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())

        def read(path):
            name = posixpath.normpath(posixpath.join("extension", path))
            if name not in names:
                fail(f"{name} is named by the manifest but not in the package")
            return archive.read(name).decode("utf-8")

        manifest = json.loads(read("package.json"))
        languages = manifest["contributes"]["languages"]
        rubric = [lang for lang in languages if lang["id"] == "rubric"]
        if not rubric or ".rubric" not in rubric[0]["extensions"]:
            fail("the manifest does not give `.rubric` files the language `rubric`")
        configuration = json.loads(read(rubric[0]["configuration"]))
        if configuration["comments"]["lineComment"] != "#":
            fail("the language configuration does not make `#` the comment")
        grammars = [g for g in manifest["contributes"]["grammars"] if g["language"] == "rubric"]
        if not grammars:
            fail("the manifest contributes no grammar for `rubric`")
        grammar = json.loads(read(grammars[0]["path"]))
        if grammar["scopeName"] != grammars[0]["scopeName"]:
            fail(f"the grammar's scope {grammar['scopeName']} is not the manifest's {grammars[0]['scopeName']}")
        client = read(manifest["main"])
        if "vscode-languageclient/node" not in client or "'lsp'" not in client:
            fail("the client does not start `rubric lsp` through vscode-languageclient")
        if "extension/node_modules/vscode-languageclient/node.js" not in names:
            fail("vscode-languageclient, the client's runtime dependency, is not in the package")
        for key, value in list(manifest.items()) + list(manifest["contributes"]["configuration"]["properties"]["rubric.path"].items()):
            if isinstance(value, str) and value.startswith("%") and value.endswith("%"):
                for bundle in ("package.nls.json", "package.nls.zh-cn.json"):
                    if value.strip("%") not in json.loads(read(bundle)):
                        fail(f"{bundle} has no {value}")
        json.loads(read(posixpath.join(manifest["l10n"], "bundle.l10n.zh-cn.json")))
        for unwanted in ("vscode-textmate", "vscode-oniguruma", "@vscode/vsce"):
            if any(n.startswith(f"extension/node_modules/{unwanted}/") for n in names):
                fail(f"{unwanted}, a test or packaging tool, is in the package")
        if any(n.endswith(".template.json") for n in names):
            fail("the grammar's template is in the package")
    print(f"vsix: {out} holds {len(names)} files; the manifest's client, grammar, configuration and translations are there")


if __name__ == "__main__":
    main()
