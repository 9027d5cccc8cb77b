#!/usr/bin/env python3
"""Fails when a file of the repository refers to something outside it: the development
machine's sibling folder of shared material (a relative path up and into it, or its absolute
path). The pattern is assembled below, so this file does not name the folder itself. Everything the project
needs — data generators, the reference rubric's description — lives in the repository.

  no_outside_paths.py SOURCE_DIR

Reads the files git tracks, or every file outside build folders when SOURCE_DIR is not a git
checkout (a source tarball).
"""
import os
import re
import subprocess
import sys

FOLDER = "sha" + "red"
OUTSIDE = re.compile(rf"(?:\.\./)+{FOLDER}\b|/work/{FOLDER}\b|(?<![\w.-]){FOLDER}/")


def files(root):
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "-z"], capture_output=True, check=True).stdout
        return [f for f in out.decode("utf-8", "surrogateescape").split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        found = []
        for folder, subfolders, names in os.walk(root):
            subfolders[:] = [d for d in subfolders if d != ".git" and not d.startswith("build")]
            found += [os.path.relpath(os.path.join(folder, n), root) for n in names]
        return found


def main():
    root = os.path.abspath(sys.argv[1])
    me = os.path.relpath(os.path.abspath(__file__), root)
    problems = []
    for name in sorted(files(root)):
        if name == me:
            continue
        path = os.path.join(root, name)
        if not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                problems.append(f"{name}:{number}: refers outside the repository: {line.strip()}")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("no file refers outside the repository")


if __name__ == "__main__":
    main()
