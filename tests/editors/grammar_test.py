#!/usr/bin/env python3
"""Runs tokenize_test.js on the given rubrics and on their translations into both surfaces.

`rubric fmt --surface zh|en` prints every rubric that parses in Chinese and in English, so the
TextMate grammar is compared with the parser on every construct of the tests in both surfaces, not
only on the constructs the shipped Chinese rubrics happen to use.

Usage: grammar_test.py RUBRIC GENERATE_PY NODE TOKENIZE_TEST_JS NODE_MODULES GRAMMAR TOKENS_TOOL FILE...
  FILE prefixed with `?` may fail to parse (broken on purpose): it and its translations are skipped.
"""
import os
import subprocess
import sys
import tempfile


def main():
    rubric, generate, node, test, node_modules, grammar, tokens_tool, *files = sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        keywords = os.path.join(tmp, "keywords.json")
        with open(keywords, "w", encoding="utf-8") as out:
            subprocess.run([sys.executable, generate, "--keywords"], stdout=out, check=True)
        translated = []
        for index, argument in enumerate(files):
            path = argument.lstrip("?")
            for surface in ("zh", "en"):
                result = subprocess.run([rubric, "fmt", "--surface", surface, path], capture_output=True)
                if result.returncode != 0:
                    if not argument.startswith("?"):
                        sys.exit(f"{path}: rubric fmt --surface {surface} failed:\n{result.stderr.decode()}")
                    continue
                target = os.path.join(tmp, f"{index}-{surface}-{os.path.basename(path)}")
                with open(target, "wb") as out:
                    out.write(result.stdout)
                translated.append(target)
        print(f"{len(translated)} translations of {len(files)} files", flush=True)
        result = subprocess.run([node, test, node_modules, grammar, tokens_tool, keywords, *files, *translated])
        sys.exit(result.returncode)


if __name__ == "__main__":
    main()
